// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

class QMenu;
class QSystemTrayIcon;
class QWindow;

//! The icon in the system tray (where the desktop has one): click to bring the window
//! back, a menu with Show and Quit. With "Keep running in the tray" on, closing the window
//! hides it here instead of quitting (Main.qml asks `available` before hiding).
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

private:
    void showWindow();

    QPointer<QWindow> m_window;
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QSystemTrayIcon> m_icon;
};
