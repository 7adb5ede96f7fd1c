// SPDX-License-Identifier: MIT
#pragma once

#include "session/session.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QQuickWindow;

//! Watches for the moment the window actually shows a given session state: the
//! session is in it, idle, and the window has swapped a frame since (plus a short
//! pause so entry animations finish). Scripts wait for the line it prints; the
//! --screenshot hook grabs the window then.
class ScreenProbe : public QObject
{
    Q_OBJECT
public:
    ScreenProbe(QQuickWindow *window, plaza::Session *session, plaza::Session::State target,
                QObject *parent = nullptr);

    //! Lower-case name of a state, for messages ("ready", "signed-out", …).
    [[nodiscard]] static QString stateName(plaza::Session::State state);

Q_SIGNALS:
    //! The window shows the target state. Emitted once.
    void shown();

private:
    void check();

    QPointer<QQuickWindow> m_window;
    plaza::Session *m_session;
    plaza::Session::State m_target;
    QTimer m_settle;
    bool m_done = false;
};
