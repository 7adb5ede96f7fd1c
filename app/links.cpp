// SPDX-License-Identifier: MIT
#include "links.h"

#include "common/logging.h"
#include "wallet/paylink.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFileOpenEvent>
#include <QJSEngine>

namespace {
Links *s_instance = nullptr;
} // namespace

Links::Links(QObject *parent) : QObject(parent)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    if (qApp)
        qApp->installEventFilter(this);
}

Links::~Links()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Links *Links::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool Links::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FileOpen && watched == qApp) {
        const QUrl url = static_cast<QFileOpenEvent *>(event)->url();
        if (url.scheme() == u"plaza") {
            if (const QString refused = openLink(url.toString()); !refused.isEmpty())
                qCWarning(lcApp) << "not a link Plaza can open:" << refused;
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

QString Links::openLink(const QString &link)
{
    const QString trimmed = link.trimmed();
    if (!trimmed.startsWith(QStringLiteral("plaza:"), Qt::CaseInsensitive))
        return QStringLiteral("unsupported");
    if (auto id = plaza::wallet::parsePayLink(trimmed); !id) {
        qCInfo(lcApp) << "refused a malformed plaza link:" << id.error().message;
        return QStringLiteral("malformed");
    }
    m_pendingLink = trimmed;
    Q_EMIT pendingLinkChanged();
    return {};
}

void Links::clearPendingLink()
{
    if (m_pendingLink.isEmpty())
        return;
    m_pendingLink.clear();
    Q_EMIT pendingLinkChanged();
}

void Links::requestPage(const QString &page)
{
    Q_EMIT pageRequested(page);
}
