// SPDX-License-Identifier: MIT
#include "clock.h"

namespace plaza::server {

Clock::Clock(bool adjustable, QObject *parent) : QObject(parent), m_adjustable(adjustable) { }

QDateTime Clock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

qint64 Clock::nowMs() const
{
    return (m_frozenAtMs != 0 ? m_frozenAtMs : QDateTime::currentMSecsSinceEpoch()) + m_offsetMs;
}

bool Clock::setFrozen(bool frozen)
{
    if (!m_adjustable)
        return false;
    if (frozen && m_frozenAtMs == 0) {
        m_frozenAtMs = QDateTime::currentMSecsSinceEpoch();
    } else if (!frozen && m_frozenAtMs != 0) {
        // Runs on from where it stood: keep the time it shows now.
        m_offsetMs += m_frozenAtMs - QDateTime::currentMSecsSinceEpoch();
        m_frozenAtMs = 0;
    }
    return true;
}

bool Clock::advance(qint64 seconds)
{
    if (!m_adjustable || seconds < 0)
        return false;
    const QDateTime from = now();
    m_offsetMs += seconds * 1000;
    Q_EMIT advanced(from, now());
    return true;
}

} // namespace plaza::server
