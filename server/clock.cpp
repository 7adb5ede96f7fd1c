// SPDX-License-Identifier: MIT
#include "clock.h"

namespace plaza::server {

Clock::Clock(bool adjustable, QObject *parent) : QObject(parent), m_adjustable(adjustable) { }

QDateTime Clock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

void Clock::share(std::function<std::optional<State>()> load, std::function<void(State)> store)
{
    m_load = std::move(load);
    m_store = std::move(store);
}

void Clock::refresh() const
{
    if (!m_adjustable || !m_load)
        return;
    if (const std::optional<State> state = m_load()) {
        m_offsetMs = state->first;
        m_frozenAtMs = state->second;
    }
}

void Clock::keep()
{
    if (m_store)
        m_store({m_offsetMs, m_frozenAtMs});
}

qint64 Clock::nowMs() const
{
    refresh();
    return (m_frozenAtMs != 0 ? m_frozenAtMs : QDateTime::currentMSecsSinceEpoch()) + m_offsetMs;
}

bool Clock::setFrozen(bool frozen)
{
    if (!m_adjustable)
        return false;
    refresh();
    if (frozen && m_frozenAtMs == 0) {
        m_frozenAtMs = QDateTime::currentMSecsSinceEpoch();
    } else if (!frozen && m_frozenAtMs != 0) {
        // Runs on from where it stood: keep the time it shows now.
        m_offsetMs += m_frozenAtMs - QDateTime::currentMSecsSinceEpoch();
        m_frozenAtMs = 0;
    }
    keep();
    return true;
}

bool Clock::advance(qint64 seconds)
{
    if (!m_adjustable || seconds < 0)
        return false;
    const QDateTime from = now();
    m_offsetMs += seconds * 1000;
    keep();
    Q_EMIT advanced(from, now());
    return true;
}

} // namespace plaza::server
