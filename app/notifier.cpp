// SPDX-License-Identifier: MIT
#include "notifier.h"

#include "links.h"
#include "preferences.h"
#include "trayicon.h"

#include "common/logging.h"
#include "session/applock.h"
#include "session/session.h"

#include <QGuiApplication>
#include <QWindow>

#ifdef PLAZA_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

using plaza::chat::IncomingMessage;

namespace {
#ifdef PLAZA_HAVE_DBUS
// The freedesktop.org Desktop Notifications Specification, 1.2.
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
#endif
// Servers cut long bodies anyway; keep a message's first lines.
constexpr qsizetype kMaxBodyChars = 300;

QString shortened(const QString &text)
{
    return text.size() <= kMaxBodyChars ? text : text.left(kMaxBodyChars - 1) + u'…';
}
} // namespace

Notifier::Notifier(plaza::Session *session, plaza::AppLock *appLock, Preferences *preferences, Links *links,
                   TrayIcon *tray, QObject *parent)
    : QObject(parent), m_appLock(appLock), m_preferences(preferences), m_links(links), m_tray(tray),
      m_incoming(std::make_unique<plaza::chat::IncomingMessages>(session))
{
    connect(m_incoming.get(), &plaza::chat::IncomingMessages::arrived, this, &Notifier::onArrived);
    if (m_tray) {
        m_tray->setUnreadCount(m_incoming->totalUnread());
        connect(m_incoming.get(), &plaza::chat::IncomingMessages::totalUnreadChanged, m_tray.data(),
                &TrayIcon::setUnreadCount);
        connect(m_tray.data(), &TrayIcon::messageClicked, this, [this] { open(m_trayTarget); });
    }
#ifdef PLAZA_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_dbusUsable = false;
        return;
    }
    bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                SLOT(onNotificationClosed(uint, uint)));
    // Whether bodies are read as markup (then a message's "<" must be escaped). No answer
    // (no server yet, or one started on demand): keep escaping, the safe side.
    const QDBusMessage capabilities =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("GetCapabilities"));
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(capabilities), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<QStringList> reply = *call;
        if (!reply.isError())
            m_bodyMarkup = reply.value().contains(QStringLiteral("body-markup"));
    });
#endif
}

Notifier::~Notifier() = default;

void Notifier::setWindow(QWindow *window)
{
    m_window = window;
}

bool Notifier::windowFocused() const
{
    return m_window && m_window->isVisible() && m_window->visibility() != QWindow::Minimized && m_window->isActive()
        && QGuiApplication::applicationState() == Qt::ApplicationActive;
}

QList<Notifier::Content> Notifier::contentFor(const QList<IncomingMessage> &messages, bool locked, bool previews)
{
    if (messages.isEmpty())
        return {};
    QString target = messages.constFirst().conversationId;
    for (const IncomingMessage &m : messages) {
        if (m.conversationId != target)
            target.clear();
    }
    if (locked || messages.size() > kMaxSeparate) {
        // Locked: nothing about who or what. Many: one line instead of a pile.
        const int n = int(messages.size());
        return {{QStringLiteral("Plaza"), n == 1 ? tr("New message") : tr("%n new message(s)", "", n), target}};
    }
    QList<Content> out;
    for (const IncomingMessage &m : messages) {
        Content c;
        c.title = m.conversationKind == u"group" && !m.conversationTitle.isEmpty()
                      ? QStringLiteral("%1 · %2").arg(m.senderName, m.conversationTitle)
                      : m.senderName;
        c.body = previews && !m.text.isEmpty() ? shortened(m.text) : tr("New message");
        c.conversationId = m.conversationId;
        out.append(std::move(c));
    }
    return out;
}

void Notifier::onArrived(const QList<IncomingMessage> &messages)
{
    if (!m_preferences->notificationsEnabled() || windowFocused())
        return;
    const bool locked = m_appLock && m_appLock->locked();
    const auto contents = contentFor(messages, locked, m_preferences->notificationPreviews());
    for (const Content &c : contents)
        show(c);
}

void Notifier::show(const Content &content)
{
    if (!showOverDBus(content))
        showInTray(content);
}

bool Notifier::showOverDBus(const Content &content)
{
#ifdef PLAZA_HAVE_DBUS
    if (!m_dbusUsable)
        return false;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("plaza")},
        {QStringLiteral("category"), QStringLiteral("im.received")},
        {QStringLiteral("urgency"), QVariant::fromValue(uchar(1))},
    };
    call << QStringLiteral("Plaza") << uint(0) << QStringLiteral("plaza") << content.title
         << (m_bodyMarkup ? content.body.toHtmlEscaped() : content.body)
         << QStringList{QStringLiteral("default"), tr("Open")} << hints << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, content](QDBusPendingCallWatcher *pending) {
        pending->deleteLater();
        const QDBusPendingReply<uint> reply = *pending;
        if (reply.isError()) {
            // No notification service on this desktop: the tray's balloons from now on.
            qCInfo(lcApp) << "no desktop notification service:" << reply.error().name();
            m_dbusUsable = false;
            showInTray(content);
            return;
        }
        m_shown.insert(reply.value(), content.conversationId);
        qCDebug(lcApp) << "notification" << reply.value() << "shown";
        Q_EMIT notified(QStringLiteral("dbus"));
    });
    return true;
#else
    Q_UNUSED(content)
    return false;
#endif
}

void Notifier::showInTray(const Content &content)
{
    if (!m_tray || !m_tray->showMessage(content.title, content.body)) {
        qCInfo(lcApp) << "a new message, but no way to notify on this desktop";
        return;
    }
    m_trayTarget = content.conversationId;
    Q_EMIT notified(QStringLiteral("tray"));
}

void Notifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_shown.constFind(id);
    if (it == m_shown.constEnd() || action != u"default")
        return;
    open(*it);
}

void Notifier::onNotificationClosed(uint id, uint reason)
{
    qCDebug(lcApp) << "notification" << id << "closed, reason" << reason;
    m_shown.remove(id);
}

void Notifier::open(const QString &conversationId)
{
    if (m_window) {
        m_window->show();
        if (m_window->visibility() == QWindow::Minimized)
            m_window->showNormal();
        m_window->raise();
        m_window->requestActivate();
    }
    m_links->requestPage(conversationId.isEmpty() ? QStringLiteral("chat") : u"chat/" + conversationId);
}
