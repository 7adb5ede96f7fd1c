// SPDX-License-Identifier: MIT
#include "loginthrottle.h"

namespace plaza::server {

void LoginThrottle::prune(QList<qint64> &failures, qint64 nowMs) const
{
    while (!failures.isEmpty() && failures.constFirst() <= nowMs - kWindowMs)
        failures.removeFirst();
}

qint64 LoginThrottle::retryAfterSeconds(const QString &handle, qint64 nowMs)
{
    auto it = m_failures.find(handle);
    if (it == m_failures.end())
        return 0;
    prune(*it, nowMs);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->size() < kMaxFailures)
        return 0;
    // The attempt is allowed again once enough failures have left the window.
    const qint64 freeAt = it->at(it->size() - kMaxFailures) + kWindowMs;
    return std::max<qint64>(1, (freeAt - nowMs + 999) / 1000);
}

void LoginThrottle::recordFailure(const QString &handle, qint64 nowMs)
{
    // Guessing many handles must not grow the map for ever: forget what has aged out.
    if (m_failures.size() >= kSweepAbove) {
        for (auto it = m_failures.begin(); it != m_failures.end();) {
            prune(*it, nowMs);
            it = it->isEmpty() ? m_failures.erase(it) : std::next(it);
        }
    }
    QList<qint64> &failures = m_failures[handle];
    prune(failures, nowMs);
    failures.append(nowMs);
    // Bound the memory one handle can take.
    while (failures.size() > kMaxFailures)
        failures.removeFirst();
}

void LoginThrottle::reset(const QString &handle)
{
    m_failures.remove(handle);
}

} // namespace plaza::server
