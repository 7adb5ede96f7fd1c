// SPDX-License-Identifier: MIT
#include "screenprobe.h"

#include <QQuickWindow>

using plaza::Session;

namespace {
// Long enough for the screen's entry animations (Theme.animationNormal is 220 ms).
constexpr int kSettleMs = 450;
}

ScreenProbe::ScreenProbe(QQuickWindow *window, Session *session, Session::State target, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_target(target)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    // After the pause, the target must still hold and a frame must have been drawn.
    connect(&m_settle, &QTimer::timeout, this, [this] {
        if (m_done || !m_window || m_session->state() != m_target || m_session->busy())
            return;
        m_done = true;
        Q_EMIT shown();
    });
    connect(m_window, &QQuickWindow::frameSwapped, this, &ScreenProbe::check);
    connect(m_session, &Session::stateChanged, this, &ScreenProbe::check);
    connect(m_session, &Session::busyChanged, this, &ScreenProbe::check);
}

void ScreenProbe::check()
{
    if (m_done)
        return;
    if (m_session->state() != m_target || m_session->busy()) {
        m_settle.stop();
        return;
    }
    if (!m_settle.isActive()) {
        m_settle.start();
        // An idle window may not draw again on its own; make sure one more frame comes.
        if (m_window)
            m_window->update();
    }
}

QString ScreenProbe::stateName(Session::State state)
{
    switch (state) {
    case Session::State::Starting:
        return QStringLiteral("starting");
    case Session::State::SignedOut:
        return QStringLiteral("signed-out");
    case Session::State::NeedsPassphrase:
        return QStringLiteral("needs-passphrase");
    case Session::State::CacheLocked:
        return QStringLiteral("cache-locked");
    case Session::State::Ready:
        return QStringLiteral("ready");
    }
    return QStringLiteral("unknown");
}
