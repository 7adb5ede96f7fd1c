// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QImage>
#include <QObject>
#include <QPointer>

#include <memory>

class QMenu;
class QSystemTrayIcon;
class QWindow;

//! The icon in the system tray (where the desktop has one): click to bring the window
//! back, a menu with Show and Quit. With "Keep running in the tray" on, closing the window
//! hides it here instead of quitting (Main.qml asks `available` before hiding). It shows
//! the unread count: a badge on the icon and "Plaza — 3 unread messages" as its tooltip.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    //! True when the desktop shows tray icons (not under a bare X server, say).
    [[nodiscard]] static bool available();

    //! The window to show and raise; the icon appears once a window is set.
    void setWindow(QWindow *window);
    void setToolTip(const QString &text);
    [[nodiscard]] QString toolTip() const;

    //! Unread messages across conversations: the badge and the tooltip follow.
    void setUnreadCount(int count);
    [[nodiscard]] int unreadCount() const { return m_unread; }
    //! The tooltip for \a count unread messages ("Plaza" for none).
    [[nodiscard]] static QString toolTipFor(int count);
    //! \a base at \a size pixels with a round badge of \a count in its top-right corner
    //! (none for 0; "99+" above 99).
    [[nodiscard]] static QImage badged(const QIcon &base, int count, int size = 64);
    //! The icon the tray shows now (null when there is no tray).
    [[nodiscard]] QIcon icon() const;

    //! A balloon message, where the desktop has no notification service (Notifier).
    //! Returns false when there is no tray icon to show it from.
    bool showMessage(const QString &title, const QString &body);

Q_SIGNALS:
    //! The balloon of showMessage() was clicked.
    void messageClicked();

private:
    void showWindow();
    void updateIcon();

    QPointer<QWindow> m_window;
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QSystemTrayIcon> m_icon;
    int m_unread = 0;
};
