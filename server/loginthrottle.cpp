// SPDX-License-Identifier: MIT
#include "loginthrottle.h"

#include "serverdb.h"

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

// Past the longest delay, more failures change nothing: the count stays bounded.
int countCap(LoginThrottle::Scope scope)
{
    return freeFailures(scope) + 32;
}

} // namespace

void LoginThrottle::load(const QString &key, qint64 nowMs)
{
    if (!m_db)
        return;
    auto row = m_db->row(QStringLiteral("SELECT failures, last_ms FROM login_failures WHERE key = ?1"), key);
    if (!row) {
        // The attempt goes on with what this process saw itself.
        qWarning("plaza-server: cannot read the login throttle: %s", qPrintable(row.error().message));
        return;
    }
    if (!*row) {
        auto it = m_failures.find(key);
        if (it != m_failures.end()) { // cleared by a success (here or on another process)
            it->count = 0;
            it->lastMs = 0;
        }
        return;
    }
    Failures &f = m_failures[key];
    const qint64 lastMs = (*row)->int64(1);
    const bool forgotten = nowMs - lastMs >= kForgetAfterMs;
    f.count = forgotten ? 0 : int((*row)->int64(0));
    f.lastMs = forgotten ? 0 : lastMs;
}

void LoginThrottle::store(const QString &key, Scope scope, qint64 nowMs)
{
    if (!m_db)
        return;
    // Two statements, each atomic on its own whichever process runs them at the same time:
    // the row exists (count 0), then one UPDATE adds this failure to whatever it holds now
    // (PostgreSQL re-reads a row another transaction just changed before updating it). A
    // row quiet for kForgetAfterMs starts over.
    Status st = m_db->run(m_db->insertOrIgnore(QStringLiteral("INTO login_failures (key, failures, last_ms) VALUES (?1, 0, ?2)")),
                          key, nowMs);
    if (st) {
        st = m_db->run(QStringLiteral("UPDATE login_failures SET "
                                      "failures = CASE WHEN ?2 - last_ms >= ?3 THEN 1 WHEN failures + 1 > ?4 THEN ?4 ELSE failures + 1 END, "
                                      "last_ms = CASE WHEN last_ms > ?2 THEN last_ms ELSE ?2 END WHERE key = ?1"),
                       key, nowMs, kForgetAfterMs, countCap(scope));
    }
    if (st && ++m_failuresSinceSweep >= kTableSweepEvery) {
        m_failuresSinceSweep = 0;
        st = m_db->run(QStringLiteral("DELETE FROM login_failures WHERE last_ms <= ?1"), nowMs - kForgetAfterMs);
    }
    if (!st)
        qWarning("plaza-server: cannot count a failed sign-in: %s", qPrintable(st.error().message));
}

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
        load(mapKey(key), nowMs);
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
        f.count = std::min(f.count + 1, countCap(scope));
        f.lastMs = std::max(f.lastMs, nowMs);
    });
    // The same in the table, for every process (attempt() reads it back).
    for (const Key &key : keys)
        store(mapKey(key), key.scope, nowMs);
}

void LoginThrottle::succeeded(const QList<Key> &keys)
{
    finish(keys, [](Scope scope, Failures &f) {
        if (scope != Scope::Ip)
            f.count = 0;
    });
    if (!m_db)
        return;
    for (const Key &key : keys) {
        if (key.scope == Scope::Ip)
            continue;
        if (auto st = m_db->run(QStringLiteral("DELETE FROM login_failures WHERE key = ?1"), mapKey(key)); !st)
            qWarning("plaza-server: cannot clear the login throttle: %s", qPrintable(st.error().message));
    }
}

void LoginThrottle::withdraw(const QList<Key> &keys)
{
    finish(keys, [](Scope, Failures &) {});
}

} // namespace plaza::server
