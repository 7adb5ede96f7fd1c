// SPDX-License-Identifier: MIT
#include "appcontext.h"

#include "session/session.h"

#include <QJSEngine>
#include <QQmlEngine>

namespace {
// One window, one session: a plain pointer is enough, and it lets create() answer
// without the engine ever owning (and deleting) the context.
AppContext *s_instance = nullptr;
}

AppContext::AppContext(plaza::Session *session, QString defaultServerUrl, QString themeMode, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_defaultServerUrl(std::move(defaultServerUrl))
    , m_themeMode(std::move(themeMode))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
}

AppContext::~AppContext()
{
    s_instance = nullptr;
}

AppContext *AppContext::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    // The session is a property of this C++-owned object; say so explicitly so the
    // JS garbage collector never claims it either.
    QJSEngine::setObjectOwnership(s_instance->m_session, QJSEngine::CppOwnership);
    Q_UNUSED(jsEngine)
    return s_instance;
}

QString AppContext::version() const
{
    return QStringLiteral(PLAZA_VERSION);
}
