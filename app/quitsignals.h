// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

//! Turns the signals that ask a process to end (SIGTERM when the desktop session logs out or
//! a service manager stops it, SIGINT from Ctrl+C in a terminal, SIGHUP when that terminal
//! closes) into a Qt signal, so the app leaves its event loop and unwinds like after "Quit":
//! the single-instance socket is removed, the cache closed, the window's place saved.
//! Without this, the default action kills the process where it stands.
//!
//! The handler only writes the signal's number to one end of a socket pair (async-signal-safe);
//! a QSocketNotifier on the other end emits received() on the thread that made this object.
//! One object per process; on platforms without POSIX signals it does nothing.
class QuitSignals : public QObject
{
    Q_OBJECT

public:
    explicit QuitSignals(QObject *parent = nullptr);
    //! Puts the default actions back.
    ~QuitSignals() override;

    //! "SIGTERM", "SIGINT", "SIGHUP".
    [[nodiscard]] static const char *name(int signal);

Q_SIGNALS:
    //! The process was asked to end by \a signal.
    void received(int signal);

private:
    void drain();

    QSocketNotifier *m_notifier = nullptr;
};
