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
    case LoginThrottle::Scope::Account:
        return LoginThrottle::kFreeFailuresPerAccount;
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
    case Scope::Account:
        return QStringLiteral("account");
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
            it = it->inFlight == 0 && nowMs - it->lastMs >= kForgetAfterMs ? m_failures.erase(it) : std::next(it);
    }
    Verdict verdict;
    for (const Key &key : keys) {
        auto it = m_failures.find(mapKey(key));
        if (it == m_failures.end())
            continue;
        if (it->inFlight == 0 && nowMs - it->lastMs >= kForgetAfterMs) {
            m_failures.erase(it);
            continue;
        }
        qint64 seconds = 0;
        const qint64 freeAt = it->lastMs + delayMsAfter(key.scope, it->count);
        if (freeAt > nowMs)
            seconds = std::max<qint64>(1, (freeAt - nowMs + 999) / 1000);
        // As many at once as there are free failures left, then one at a time: the ones in
        // flight may all fail.
        const int room = std::max(1, freeFailures(key.scope) - it->count);
        if (it->inFlight >= room)
            seconds = std::max<qint64>(seconds, 1);
        if (seconds > verdict.retryAfterSeconds)
            verdict = {seconds, key.scope};
    }
    if (verdict.retryAfterSeconds > 0)
        return verdict;
    for (const Key &key : keys)
        ++m_failures[mapKey(key)].inFlight;
    return verdict;
}

void LoginThrottle::finish(const QList<Key> &keys, const std::function<void(Scope, Failures &)> &update)
{
    for (const Key &key : keys) {
        auto it = m_failures.find(mapKey(key));
        if (it == m_failures.end())
            continue; // cannot happen: attempt() made it
        it->inFlight = std::max(0, it->inFlight - 1);
        update(key.scope, *it);
        if (it->count == 0 && it->inFlight == 0)
            m_failures.erase(it);
    }
}

void LoginThrottle::failed(const QList<Key> &keys, qint64 nowMs)
{
    finish(keys, [nowMs](Scope scope, Failures &f) {
        // Past the longest delay, more failures change nothing: the count stays bounded.
        f.count = std::min(f.count + 1, freeFailures(scope) + 32);
        f.lastMs = std::max(f.lastMs, nowMs);
    });
}

void LoginThrottle::succeeded(const QList<Key> &keys)
{
    finish(keys, [](Scope scope, Failures &f) {
        if (scope != Scope::Ip)
            f.count = 0;
    });
}

void LoginThrottle::withdraw(const QList<Key> &keys)
{
    finish(keys, [](Scope, Failures &) {});
}

} // namespace plaza::server
