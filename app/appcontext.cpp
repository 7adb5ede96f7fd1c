// SPDX-License-Identifier: MIT
#include "appcontext.h"
#include "plazaversion.h"

#include <QJSEngine>
#include <QSysInfo>

namespace {
// One window, one session: a plain pointer is enough, and it lets create() answer
// without the engine ever owning (and deleting) the context.
AppContext *s_instance = nullptr;
} // namespace

AppContext::AppContext(Services services, Options options, QObject *parent)
    : QObject(parent), m_services(services), m_options(std::move(options))
{
    Q_ASSERT(!s_instance);
    Q_ASSERT(m_services.session && m_services.wallet && m_services.appLock);
    s_instance = this;
    // The actions on sent messages live beside the chat service they go through.
    if (m_services.chat)
        m_messageActions = new plaza::chat::MessageActions(m_services.chat, this);
    // Block, mute and report go through the chat service's session too.
    if (m_services.chat)
        m_safety = new plaza::chat::SafetyActions(m_services.chat, this);
    // Rename, add, remove, leave (groups) too.
    if (m_services.chat)
        m_groups = new plaza::chat::GroupActions(m_services.chat, this);
}

AppContext::~AppContext()
{
    if (s_instance == this)
        s_instance = nullptr;
}

AppContext *AppContext::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    // These are properties of this C++-owned object; say so explicitly so the JS
    // garbage collector never claims them either.
    const QList<QObject *> services{s_instance->m_services.session, s_instance->m_services.wallet,
                                    s_instance->m_services.appLock, s_instance->m_services.feed,
                                    s_instance->m_services.chat, s_instance->m_messageActions,
                                    s_instance->m_safety, s_instance->m_groups};
    for (QObject *service : services) {
        if (service)
            QJSEngine::setObjectOwnership(service, QJSEngine::CppOwnership);
    }
    return s_instance;
}

QString AppContext::version() const
{
    return QStringLiteral(PLAZA_VERSION);
}

QString AppContext::qtVersion() const
{
    return QString::fromLatin1(qVersion());
}

QString AppContext::platformName() const
{
    return QSysInfo::prettyProductName();
}

void AppContext::setPageSettled(bool settled)
{
    if (settled == m_pageSettled)
        return;
    m_pageSettled = settled;
    Q_EMIT pageSettledChanged();
}
