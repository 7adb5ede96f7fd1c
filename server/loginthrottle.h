// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace plaza::server {

class ServerDb;

//! Slows password guessing without ever locking anyone out (docs/api.md, "Login throttle").
//! Failed logins are counted per key: the client's IP address, the handle tried (whether
//! or not it exists) and, for a client that proves it signed in as this user before (a
//! device token), that device instead of both. After a key's free failures, each further
//! attempt must wait an exponential delay after the key's last failure: 1 s, 2 s, 4 s … up
//! to kMaxDelayMs, and a key quiet for kForgetAfterMs starts over. Nothing is ever refused
//! for longer than kMaxDelayMs, and a known device is not slowed by what others do to its
//! handle or from its address. Password checks run concurrently on the worker pool, so a
//! burst must not slip past the count before its failures are known: a key lets through at
//! once only as many attempts as it has free failures left (one at a time once they are
//! used up). A success clears its handle and device; an address keeps its failures.
//! The counts live in the database's login_failures table when a ServerDb is given (the
//! server always gives one), so that several processes on one PostgreSQL database count
//! every failure once, whichever process saw it: each attempt reads its keys' rows, each
//! failure adds to them in one atomic UPDATE. What is in flight stays per process (an
//! attempt in flight on another process is not seen; it counts once it fails). Without a
//! ServerDb (unit tests) everything is kept in memory.
class LoginThrottle
{
public:
    //! Counts shared through \a db's login_failures table (may be null: in memory only).
    explicit LoginThrottle(ServerDb *db = nullptr) : m_db(db) { }

    enum class Scope { Ip, Handle, Device, Account };
    struct Key {
        Scope scope = Scope::Ip;
        QString id;
    };
    //! Whether an attempt may run now.
    struct Verdict {
        qint64 retryAfterSeconds = 0; //!< 0: let through (and counted)
        Scope scope = Scope::Ip;      //!< the key that refused it
    };

    static constexpr int kFreeFailuresPerIp = 10;     //!< many people may share an address (NAT)
    static constexpr int kFreeFailuresPerHandle = 3;
    static constexpr int kFreeFailuresPerDevice = 3;
    //! Wrong two-factor codes of one account, whatever the challenge or route (docs/api.md
    //! "Two-factor sign-in"): each challenge also dies after kMaxCodeAttempts.
    static constexpr int kFreeFailuresPerAccount = 5;
    static constexpr qint64 kFirstDelayMs = 1000;
    static constexpr qint64 kMaxDelayMs = 60'000;
    static constexpr qint64 kForgetAfterMs = 15 * 60'000;
    //! Above this many tracked keys, forgotten ones are swept on the next attempt.
    static constexpr qsizetype kSweepAbove = 10000;
    //! Every this many failures, the table's forgotten rows are deleted.
    static constexpr int kTableSweepEvery = 256;

    //! The wait a key with \a failures failures imposes after its last one (0: none).
    [[nodiscard]] static qint64 delayMsAfter(Scope scope, int failures);

    //! Lets an attempt under \a keys through (in flight until failed(), succeeded() or
    //! withdraw()), or says how long to wait and which key refused it.
    [[nodiscard]] Verdict attempt(const QList<Key> &keys, qint64 nowMs);
    //! The attempt let through under \a keys had the wrong password.
    void failed(const QList<Key> &keys, qint64 nowMs);
    //! The attempt let through under \a keys was right: the handle and device keys start
    //! over. An address keeps its earlier failures (signing in to one's own account must
    //! not wipe the count of guesses at others').
    void succeeded(const QList<Key> &keys);
    //! The attempt let through under \a keys never ran (the server was busy).
    void withdraw(const QList<Key> &keys);

    [[nodiscard]] static QString scopeName(Scope scope);

private:
    struct Failures {
        int count = 0;
        qint64 lastMs = 0; //!< of the last failure
        int inFlight = 0;  //!< attempts let through, not finished
    };
    void finish(const QList<Key> &keys, const std::function<void(Scope, Failures &)> &update);
    [[nodiscard]] static QString mapKey(const Key &key);
    //! Takes \a key's count and last failure from the table (when shared).
    void load(const QString &key, qint64 nowMs);
    //! Adds one failure of \a key to the table, atomically (when shared).
    void store(const QString &key, Scope scope, qint64 nowMs);
    QHash<QString, Failures> m_failures;
    ServerDb *m_db = nullptr;
    int m_failuresSinceSweep = 0;
};

} // namespace plaza::server
