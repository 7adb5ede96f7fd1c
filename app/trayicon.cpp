// SPDX-License-Identifier: MIT
#include "trayicon.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QWindow>

namespace {
// A red that reads on light and dark panels, with white digits.
constexpr QRgb kBadgeColour = qRgb(0xD9, 0x30, 0x25);
} // namespace

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
    m_icon->setToolTip(toolTipFor(m_unread));
    updateIcon();
    connect(m_icon.get(), &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
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

QString TrayIcon::toolTip() const
{
    return m_icon ? m_icon->toolTip() : QString();
}

QIcon TrayIcon::icon() const
{
    return m_icon ? m_icon->icon() : QIcon();
}

QString TrayIcon::toolTipFor(int count)
{
    if (count <= 0)
        return QStringLiteral("Plaza");
    return tr("Plaza — %n unread message(s)", "tray tooltip", count);
}

void TrayIcon::setUnreadCount(int count)
{
    count = std::max(0, count);
    if (count == m_unread)
        return;
    m_unread = count;
    if (m_icon) {
        m_icon->setToolTip(toolTipFor(m_unread));
        updateIcon();
    }
}

QImage TrayIcon::badged(const QIcon &base, int count, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    base.paint(&painter, QRect(0, 0, size, size));
    if (count > 0) {
        const QString label = count > 99 ? QStringLiteral("99+") : QString::number(count);
        // A circle of about half the icon in the top-right corner, wider for more digits.
        const qreal height = size * 0.55;
        const qreal width = label.size() == 1 ? height : height * (0.45 + 0.3 * label.size());
        const QRectF badge(size - width, 0, width, height);
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 32.0)));
        painter.setBrush(QColor(kBadgeColour));
        painter.drawRoundedRect(badge, height / 2, height / 2);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(int(height * (label.size() > 2 ? 0.5 : 0.65)));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, label);
    }
    painter.end();
    return image;
}

void TrayIcon::updateIcon()
{
    if (!m_icon)
        return;
    const QIcon base = QGuiApplication::windowIcon();
    if (m_unread == 0) {
        m_icon->setIcon(base);
        return;
    }
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(QPixmap::fromImage(badged(base, m_unread, size)));
    m_icon->setIcon(icon);
}

bool TrayIcon::showMessage(const QString &title, const QString &body)
{
    if (!m_icon || !QSystemTrayIcon::supportsMessages())
        return false;
    m_icon->showMessage(title, body, QSystemTrayIcon::Information);
    return true;
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}
