// SPDX-License-Identifier: MIT
#include "loginthrottle.h"

#include <algorithm>

namespace plaza::server {

namespace {

int freeFailures(LoginThrottle::Scope scope)
{
    switch (scope) {
    case LoginThrottle::Scope::Ip:
        return LoginThrottle::kFreeFailuresPerIp;
    case LoginThrottle::Scope::Handle:
        return LoginThrottle::kFreeFailuresPerHandle;
    case LoginThrottle::Scope::Device:
        return LoginThrottle::kFreeFailuresPerDevice;
    }
    return 0;
}

} // namespace

qint64 LoginThrottle::delayMsAfter(Scope scope, int failures)
{
    const int over = failures - freeFailures(scope);
    if (over <= 0)
        return 0;
    // 1 s, 2 s, 4 s …; the shift stops before it could overflow.
    return std::min(kMaxDelayMs, kFirstDelayMs << std::min(over - 1, 20));
}

QString LoginThrottle::scopeName(Scope scope)
{
    switch (scope) {
    case Scope::Ip:
        return QStringLiteral("ip");
    case Scope::Handle:
        return QStringLiteral("handle");
    case Scope::Device:
        return QStringLiteral("device");
    }
    return {};
}

QString LoginThrottle::mapKey(const Key &key)
{
    return scopeName(key.scope) + u':' + key.id;
}

LoginThrottle::Verdict LoginThrottle::attempt(const QList<Key> &keys, qint64 nowMs)
{
    // Guessing many handles must not grow the map for ever: forget what has gone quiet.
    if (m_failures.size() >= kSweepAbove) {
        for (auto it = m_failures.begin(); it != m_failures.end();)
            it = nowMs - it->lastMs >= kForgetAfterMs ? m_failures.erase(it) : std::next(it);
    }
    Verdict verdict;
    for (const Key &key : keys) {
        auto it = m_failures.find(mapKey(key));
        if (it == m_failures.end())
            continue;
        if (nowMs - it->lastMs >= kForgetAfterMs) {
            m_failures.erase(it);
            continue;
        }
        const qint64 freeAt = it->lastMs + delayMsAfter(key.scope, it->count);
        if (freeAt > nowMs) {
            const qint64 seconds = std::max<qint64>(1, (freeAt - nowMs + 999) / 1000);
            if (seconds > verdict.retryAfterSeconds)
                verdict = {seconds, key.scope};
        }
    }
    if (verdict.retryAfterSeconds > 0)
        return verdict;
    for (const Key &key : keys) {
        Failures &f = m_failures[mapKey(key)];
        // Past the longest delay, more failures change nothing: the count stays bounded.
        f.count = std::min(f.count + 1, freeFailures(key.scope) + 32);
        f.lastMs = nowMs;
    }
    return verdict;
}

void LoginThrottle::succeeded(const QList<Key> &keys)
{
    for (const Key &key : keys) {
        auto it = m_failures.find(mapKey(key));
        if (it == m_failures.end())
            continue;
        if (key.scope != Scope::Ip || --it->count <= 0)
            m_failures.erase(it);
    }
}

void LoginThrottle::withdraw(const QList<Key> &keys)
{
    for (const Key &key : keys) {
        auto it = m_failures.find(mapKey(key));
        if (it != m_failures.end() && --it->count <= 0)
            m_failures.erase(it);
    }
}

} // namespace plaza::server
