// SPDX-License-Identifier: MIT
#include "windowgeometry.h"

#include "common/logging.h"

#include <QEvent>

#include <algorithm>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QWindow>

#include <utility>

namespace {
// Writes wait until moving or resizing has paused (a drag is hundreds of events).
constexpr int kSaveDelayMs = 500;
// How much of a window must be on a screen for it to count as there: enough to grab it.
constexpr int kGrabWidth = 100;
constexpr int kGrabHeight = 40;

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kMaximizedKey = QStringLiteral("window/maximized");
} // namespace

WindowGeometry::WindowGeometry(QWindow *window, QString settingsFile)
    : QObject(window), m_window(window), m_settingsFile(std::move(settingsFile))
{
    m_saveSoon.setSingleShot(true);
    m_saveSoon.setInterval(kSaveDelayMs);
    connect(&m_saveSoon, &QTimer::timeout, this, &WindowGeometry::save);
    if (m_window) {
        m_normal = m_window->geometry();
        m_window->installEventFilter(this);
    }
}

QRect WindowGeometry::clamp(const QRect &saved, const QList<QRect> &screens, const QSize &minimum)
{
    if (screens.isEmpty() || !saved.isValid())
        return saved;
    QRect screen;
    qint64 best = 0;
    for (const QRect &candidate : screens) {
        const QRect overlap = candidate.intersected(saved);
        const qint64 area = qint64(overlap.width()) * overlap.height();
        if (overlap.width() >= std::min(kGrabWidth, saved.width())
            && overlap.height() >= std::min(kGrabHeight, saved.height()) && area > best) {
            best = area;
            screen = candidate;
        }
    }
    const bool lost = screen.isNull();
    if (lost)
        screen = screens.constFirst();

    QSize size = saved.size().boundedTo(screen.size());
    size = size.expandedTo(minimum.boundedTo(screen.size()));
    QRect result(QPoint(), size);
    if (lost) {
        result.moveCenter(screen.center());
        return result;
    }
    result.moveTopLeft(QPoint(std::clamp(saved.x(), screen.left(), screen.right() - size.width() + 1),
                              std::clamp(saved.y(), screen.top(), screen.bottom() - size.height() + 1)));
    return result;
}

void WindowGeometry::restore()
{
    if (!m_window)
        return;
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    const QRect saved = settings.value(kGeometryKey).toRect();
    if (saved.isValid()) {
        QList<QRect> screens;
        if (QScreen *primary = QGuiApplication::primaryScreen())
            screens.append(primary->availableGeometry());
        for (QScreen *screen : QGuiApplication::screens()) {
            if (screen != QGuiApplication::primaryScreen())
                screens.append(screen->availableGeometry());
        }
        m_normal = clamp(saved, screens, m_window->minimumSize());
        m_window->setGeometry(m_normal);
    }
    if (settings.value(kMaximizedKey, false).toBool()) {
        // A QML window (`visible: true`) applies its `visibility` as it first shows, and
        // would reset a state set on the QWindow beneath it.
        if (m_window->metaObject()->indexOfProperty("visibility") >= 0 && !m_window->isVisible())
            m_window->setProperty("visibility", QWindow::Maximized);
        else
            m_window->setWindowStates(Qt::WindowMaximized);
    }
}

void WindowGeometry::save()
{
    m_saveSoon.stop();
    if (!m_window)
        return;
    noteNormalGeometry();
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    if (m_normal.isValid())
        settings.setValue(kGeometryKey, m_normal);
    settings.setValue(kMaximizedKey, m_window->windowStates().testFlag(Qt::WindowMaximized));
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcApp) << "could not save the window's geometry";
}

void WindowGeometry::noteNormalGeometry()
{
    // Maximised, minimised or full screen, the geometry is the screen's: keep the last normal one.
    if (m_window && m_window->windowState() == Qt::WindowNoState && m_window->isVisible())
        m_normal = m_window->geometry();
}

bool WindowGeometry::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window) {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
            noteNormalGeometry();
            m_saveSoon.start();
            break;
        case QEvent::WindowStateChange:
            m_saveSoon.start();
            break;
        case QEvent::Close:
        case QEvent::Hide:
            save();
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}
