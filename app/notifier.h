// SPDX-License-Identifier: MIT
#pragma once

#include "chat/incomingmessages.h"

namespace plaza {
class AppLock;
class Session;
} // namespace plaza

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class Links;
class Preferences;
class TrayIcon;
class QWindow;

//! Desktop notifications for new chat messages (issue #5).
//!
//! Shown only when the main window is not the focused one (hidden in the tray, minimised,
//! or behind another window) and "Show notifications for new messages" is on. What they
//! say (contentFor()): the sender (group: "Sender · Group") and the message text; with
//! "Show message text" off, the sender and "New message"; while the app is locked, only
//! "Plaza" and "New message" — no sender, no text. More than kMaxSeparate at once (a
//! catch-up after a restart or a long time offline) become one "N new messages".
//!
//! On Linux they go to org.freedesktop.Notifications over D-Bus, with a "default" action
//! (the click) that raises the window on that conversation; where that service does not
//! answer, or on other systems, they are balloons of the tray icon.
class Notifier : public QObject
{
    Q_OBJECT
public:
    //! More new messages than this in one delivery are collapsed into one notification.
    static constexpr int kMaxSeparate = 3;

    //! One notification: what it says and what clicking it opens.
    struct Content {
        QString title;
        QString body;           //!< plain text
        QString conversationId; //!< empty: the Chat tab
    };

    //! Listens to \a session's new messages; \a preferences say whether to show them and their
    //! text, \a appLock (may be null) whether to hide everything, and a click opens the
    //! conversation through \a links. \a tray (may be null) shows the unread count and is the
    //! fallback for notifications.
    Notifier(plaza::Session *session, plaza::AppLock *appLock, Preferences *preferences, Links *links,
             TrayIcon *tray, QObject *parent = nullptr);
    ~Notifier() override;

    //! The window whose focus silences notifications and which a click brings up.
    void setWindow(QWindow *window);

    //! The notifications for \a messages under the privacy rules above.
    [[nodiscard]] static QList<Content> contentFor(const QList<plaza::chat::IncomingMessage> &messages, bool locked,
                                                   bool previews);

    //! True when the window is visible and focused: the person sees new messages there.
    [[nodiscard]] bool windowFocused() const;
    [[nodiscard]] plaza::chat::IncomingMessages *incoming() const { return m_incoming.get(); }

Q_SIGNALS:
    //! A notification went out (to D-Bus or the tray): \a backend is "dbus" or "tray".
    void notified(const QString &backend);

private Q_SLOTS:
    // Slots by name: QDBusConnection::connect() takes SLOT().
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    void onArrived(const QList<plaza::chat::IncomingMessage> &messages);
    void show(const Content &content);
    bool showOverDBus(const Content &content);
    void showInTray(const Content &content);
    void open(const QString &conversationId);

    QPointer<plaza::AppLock> m_appLock;
    Preferences *m_preferences;
    Links *m_links;
    QPointer<TrayIcon> m_tray;
    QPointer<QWindow> m_window;
    std::unique_ptr<plaza::chat::IncomingMessages> m_incoming;
    QHash<uint, QString> m_shown; //!< D-Bus notification id → its conversation
    QString m_trayTarget;         //!< the conversation of the last tray balloon
    bool m_dbusUsable = true;     //!< false after the service failed to answer
    bool m_bodyMarkup = true;     //!< the server reads markup in bodies: escape them
};
