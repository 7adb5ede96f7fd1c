// SPDX-License-Identifier: MIT
#include "trayicon.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWindow>

TrayIcon::TrayIcon(QObject *parent) : QObject(parent) { }

TrayIcon::~TrayIcon() = default;

bool TrayIcon::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::setWindow(QWindow *window)
{
    m_window = window;
    if (!available() || m_icon)
        return;
    m_menu = std::make_unique<QMenu>();
    m_menu->addAction(tr("Show Plaza"), this, &TrayIcon::showWindow);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit Plaza"), qApp, &QCoreApplication::quit);
    m_icon = std::make_unique<QSystemTrayIcon>(QGuiApplication::windowIcon());
    m_icon->setToolTip(QStringLiteral("Plaza"));
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon.get(), &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            showWindow();
    });
    m_icon->show();
}

void TrayIcon::setToolTip(const QString &text)
{
    if (m_icon)
        m_icon->setToolTip(text);
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}
