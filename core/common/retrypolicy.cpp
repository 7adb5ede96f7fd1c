// SPDX-License-Identifier: MIT
#include "common/retrypolicy.h"

#include <algorithm>

namespace plaza {

using namespace std::chrono_literals;

RetryPolicy::RetryPolicy(std::chrono::milliseconds first, std::chrono::milliseconds cap)
    : m_first(std::max(first, 0ms)), m_cap(std::max(cap, m_first))
{
}

RetryPolicy RetryPolicy::messages()
{
    return RetryPolicy(3s, 30s);
}

RetryPolicy RetryPolicy::posts()
{
    return RetryPolicy();
}

RetryPolicy RetryPolicy::payments()
{
    return RetryPolicy();
}

std::chrono::milliseconds RetryPolicy::delayAfter(int rounds) const
{
    if (!hasBackoff())
        return 0ms;
    std::chrono::milliseconds delay = m_first;
    // Doubling stops at the cap (so it cannot overflow however many rounds went by).
    for (int i = 1; i < rounds && delay < m_cap; ++i)
        delay *= 2;
    return std::min(delay, m_cap);
}

RetryTimer::RetryTimer(RetryPolicy policy, QObject *parent) : QObject(parent), m_policy(policy)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RetryTimer::due);
}

void RetryTimer::unanswered()
{
    if (!m_policy.hasBackoff())
        return;
    if (m_rounds < 1'000'000)
        ++m_rounds;
    m_timer.start(m_policy.delayAfter(m_rounds));
}

void RetryTimer::stop()
{
    m_timer.stop();
    m_rounds = 0;
}

} // namespace plaza
