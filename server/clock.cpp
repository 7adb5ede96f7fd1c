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
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
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
