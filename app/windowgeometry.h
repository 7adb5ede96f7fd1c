// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QRect>
#include <QString>
#include <QTimer>

class QWindow;

//! Keeps the main window's size, position and maximised state across restarts, in
//! settings.ini (`window/geometry`, `window/maximized`; no user data).
//!
//! restore() puts the window back where it was, clamped to the screens there are now (a
//! monitor unplugged since, a smaller resolution): never off screen, never larger than the
//! screen, never smaller than the window's minimum. The geometry of the normal (not
//! maximised) window is remembered while it moves or resizes and written a moment after it
//! stops, and at once when the window closes or hides.
class WindowGeometry : public QObject
{
    Q_OBJECT
public:
    //! Watches \a window (and is parented to it); settings go to \a settingsFile.
    WindowGeometry(QWindow *window, QString settingsFile);

    //! Applies what was saved (nothing if nothing was). Call before the window first shows.
    void restore();
    //! Writes the current geometry now.
    void save();

    //! \a saved moved and shrunk to fit the screen it overlaps most among \a screens
    //! (available areas, the primary first): on the primary screen, centred, when it overlaps
    //! none enough to grab its title bar. At least \a minimum where the screen allows.
    [[nodiscard]] static QRect clamp(const QRect &saved, const QList<QRect> &screens, const QSize &minimum);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void noteNormalGeometry();

    QPointer<QWindow> m_window;
    QString m_settingsFile;
    QRect m_normal;
    QTimer m_saveSoon;
};
