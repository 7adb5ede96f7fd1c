// SPDX-License-Identifier: MIT
#pragma once

#include "common/nextsignal.h"
#include "common/result.h"
#include "common/retrypolicy.h"
#include "storage/rowchanges.h"
#include "sync/cachewriter.h"

#include <QCoroFuture>
#include <QCoroTask>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace plaza::storage {
class Cache;
class Database;
} // namespace plaza::storage

namespace plaza::outbox {

//! What one try of one item came to.
template<typename Answer>
struct Attempt {
    enum class State {
        Sent,       //!< the server took it: the answer is applied (markSent)
        Failed,     //!< the server refused it for good (RetryPolicy: final): markFailed
        Unanswered, //!< no answer worth keeping: it stays due, same key, tried again later
    };
    State state = State::Unanswered;
    Answer answer{}; //!< when Sent
    Error error;     //!< Failed: the refusal; Unanswered: why there was no answer
};

//! What a round (flush) did.
struct Round {
    int left = 0;                  //!< items still due when it ended
    QHash<QString, Error> refused; //!< key → the final refusal of each item it marked failed
    QSet<QString> sent;            //!< keys it sent
};

//! How a round walks the due items.
enum class Order {
    //! One at a time in order; the round stops at the first item without an answer (the
    //! next would fare the same, and must not overtake it): chat messages, posts.
    Strict,
    //! Each item on its own: an item without an answer does not hold back the others
    //! (payments: independent intents, each tried once per round).
    Independent,
};

//! The part of an outbox that does not depend on what it carries: the writer and the change
//! stream it writes through, the retry timer (RetryPolicy), one round at a time, which
//! keys are on the wire, open/close. Outbox<Item, Answer> below is the whole mechanism.
class OutboxBase : public QObject
{
    Q_OBJECT
public:
    //! Writes go to the writer \a writer returns (null while the account is closed); every
    //! committed write is published on \a cache's change stream.
    OutboxBase(RetryPolicy policy, std::function<sync::CacheWriter *()> writer, storage::Cache *cache,
               QObject *parent = nullptr);
    ~OutboxBase() override;

    //! Items can be added and sent (the account is open).
    void open();
    //! The account closed: tries in flight end without writing, nothing is scheduled.
    void close();
    [[nodiscard]] bool isOpen() const { return m_open; }

    //! A round soon (on the next event-loop turn), or one more after the running one.
    void kick();
    //! A new connection: the back-off starts again and a round runs.
    void reconnected();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isInFlight(const QString &key) const { return m_inFlight.contains(key); }
    [[nodiscard]] const RetryTimer &retryTimer() const { return m_retry; }

Q_SIGNALS:
    //! Internal: a round ended (flush() calls that joined it resume).
    void roundFinished();

protected:
    //! What a write command gives back: a value and the rows it touched.
    template<typename T>
    struct Written {
        T value;
        storage::RowChanges changes;
    };
    //! Runs \a fn on the writer's connection (its thread); fails at once without a writer.
    template<typename T>
    QFuture<Result<Written<T>>> write(std::function<Result<T>(storage::Database &, storage::RowChanges &)> fn) const;
    //! One committed write on the change stream (nothing when it touched nothing).
    void publish(const storage::RowChanges &changes) const;
    [[nodiscard]] bool stillOpen(quint64 generation) const { return m_open && m_generation == generation; }
    [[nodiscard]] static Error closedError();
    //! Logs why a background round stopped (the items stay due).
    static void roundStopped(const Error &why);
    [[nodiscard]] static Error notOpenError();
    virtual void runRound() = 0;
    //! close() forgets what was on its way to the writer.
    virtual void forgetOnTheirWay() = 0;

    std::function<sync::CacheWriter *()> m_writer;
    QPointer<storage::Cache> m_cache;
    RetryTimer m_retry;
    QSet<QString> m_inFlight; //!< keys on the wire now (one try at a time per item)
    quint64 m_generation = 0; //!< bumped by every open and close
    bool m_open = false;
    bool m_running = false;   //!< a round runs
    bool m_again = false;     //!< asked for a round while one ran
    bool m_kickQueued = false;
    Round m_lastRound;
};

//! The one outbox mechanism (messages, posts, payments). An item is stored with its key
//! (client_id or Idempotency-Key) and committed before its first try; a round sends the due
//! items (Order), one try at a time per item with the same key every time; each answer is
//! marked through the cache writer and published on the change stream:
//!
//!   queued ──add()──▶ due ──try──▶ sent      (markSent: the answer applied)
//!                      ▲   │
//!                      │   ├──▶ failed    (RetryPolicy::isFinal: markFailed, never retried alone)
//!                      └───┘  unanswered  (markUnanswered: due again on the next round)
//!
//! Rounds run when kicked (a new item, start, a retry button), on reconnect, and after the
//! policy's back-off while answers are missing (any answer or a reconnect resets it). A
//! kind plugs in only what differs: its table's reads and writes and how to send one item.
template<typename Item, typename Answer>
class Outbox : public OutboxBase
{
public:
    using Try = Attempt<Answer>;
    //! A write of one item on the writer's connection; it names the rows it touched.
    using ItemWrite = std::function<Status(storage::Database &, const Item &, storage::RowChanges &)>;
    //! Stores a new item (on the writer); the item as stored.
    using ItemStore = std::function<Result<Item>(storage::Database &, const Item &, storage::RowChanges &)>;

    //! What a kind of outbox plugs in.
    struct Kind {
        Order order = Order::Strict;
        //! The item's key (client_id, Idempotency-Key).
        std::function<QString(const Item &)> key;
        //! The change-stream rows a change of the item names (its outbox table's ids).
        std::function<void(const Item &, storage::RowChanges &)> describe;
        //! The items due to be tried, in order (a read on the UI thread's read connection).
        std::function<Result<QList<Item>>()> due;
        //! One try: the request with the item's key. (Runs on the UI thread.)
        std::function<QCoro::Task<Result<Answer>>(Item)> send;
        //! Writer-thread commands: a try is counted before it is sent, then its result.
        std::function<Status(storage::Database &, const Item &)> markAttempt;
        std::function<Status(storage::Database &, const Item &, const Answer &, storage::RowChanges &)> markSent;
        std::function<Status(storage::Database &, const Item &, const Error &, storage::RowChanges &)> markFailed;
        std::function<Status(storage::Database &, const Item &, const Error &, storage::RowChanges &)> markUnanswered;
        //! Optional: an item's try was committed (UI thread), for the kind's own signals.
        std::function<void(const Item &, const Try &)> settled;
    };

    Outbox(Kind kind, RetryPolicy policy, std::function<sync::CacheWriter *()> writer, storage::Cache *cache,
           QObject *parent = nullptr)
        : OutboxBase(policy, std::move(writer), cache, parent), m_kind(std::move(kind))
    {
    }

    //! Items handed to the writer by add() and not committed yet (shown as sending).
    [[nodiscard]] QList<Item> onTheirWay() const { return m_onTheirWay; }

    //! Stores \a item with \a store (its key is on disk before anything is sent). Published
    //! twice: when handed to the writer (onTheirWay() has it) and once committed. Resolves to
    //! the item as stored. Does not send: kick(), flush() or attempt() do.
    QCoro::Task<Result<Item>> add(Item item, ItemStore store)
    {
        if (!m_open || !m_writer || !m_writer())
            co_return notOpenError();
        QPointer<OutboxBase> self(this);
        const quint64 generation = m_generation;
        const QString key = m_kind.key(item);
        m_onTheirWay.append(item);
        std::function<Result<Item>(storage::Database &, storage::RowChanges &)> storing =
            [store = std::move(store), describe = m_kind.describe, item](storage::Database &db,
                                                                          storage::RowChanges &changes) -> Result<Item> {
            auto stored = store(db, item, changes);
            if (stored)
                describe(*stored, changes);
            return stored;
        };
        QFuture<Result<Written<Item>>> writing = write<Item>(std::move(storing));
        storage::RowChanges handed;
        m_kind.describe(item, handed);
        publish(handed);
        Result<Written<Item>> stored = co_await writing;
        if (!self)
            co_return closedError();
        if (!stillOpen(generation))
            co_return closedError();
        m_onTheirWay.removeIf([this, &key](const Item &i) { return m_kind.key(i) == key; });
        if (!stored) {
            publish(handed); // no longer on its way: shown as it is in the file
            co_return stored.error();
        }
        publish(stored->changes);
        co_return std::move(stored->value);
    }

    //! A write of one stored item other than a try's (requeue, discard, reopen), published.
    QCoro::Task<Status> change(Item item, ItemWrite fn)
    {
        QPointer<OutboxBase> self(this);
        std::function<Result<bool>(storage::Database &, storage::RowChanges &)> changing =
            [fn = std::move(fn), describe = m_kind.describe, item](storage::Database &db,
                                                                   storage::RowChanges &changes) -> Result<bool> {
            if (auto st = fn(db, item, changes); !st)
                return st.error();
            describe(item, changes);
            return true;
        };
        QFuture<Result<Written<bool>>> writing = write<bool>(std::move(changing));
        Result<Written<bool>> written = co_await writing;
        if (!self)
            co_return closedError();
        if (!written)
            co_return written.error();
        publish(written->changes);
        co_return Status();
    }

    //! One try of \a item now (also outside a round): the attempt counted, the request sent
    //! with its key, the answer marked and published. An item already on the wire is not
    //! sent twice (Unanswered, Cancelled "already being sent"). An error result means the
    //! cache could not be written (or the outbox closed): the item stays due.
    QCoro::Task<Result<Try>> attempt(Item item)
    {
        if (!m_open)
            co_return notOpenError();
        const QString key = m_kind.key(item);
        if (m_inFlight.contains(key)) {
            Try busy;
            busy.error = makeError(ErrorCode::Cancelled, QStringLiteral("already being sent"));
            co_return busy;
        }
        QPointer<OutboxBase> self(this);
        const quint64 generation = m_generation;
        m_inFlight.insert(key);
        std::function<Result<bool>(storage::Database &, storage::RowChanges &)> counting =
            [mark = m_kind.markAttempt, item](storage::Database &db, storage::RowChanges &) -> Result<bool> {
            if (auto st = mark(db, item); !st)
                return st.error();
            return true;
        };
        QFuture<Result<Written<bool>>> countingDone = write<bool>(std::move(counting));
        Result<Written<bool>> counted = co_await countingDone;
        if (!self || !stillOpen(generation)) // closed: m_inFlight went with the account
            co_return closedError();
        if (!counted) {
            m_inFlight.remove(key);
            co_return counted.error();
        }
        QCoro::Task<Result<Answer>> sending = m_kind.send(item);
        Result<Answer> reply = co_await std::move(sending);
        if (!self || !stillOpen(generation)) // the row stays due; the next start tries it again
            co_return closedError();
        Try result;
        std::function<Status(storage::Database &, storage::RowChanges &)> mark;
        if (reply) {
            result.state = Try::State::Sent;
            result.answer = *reply;
            mark = [fn = m_kind.markSent, item, answer = result.answer](storage::Database &db, storage::RowChanges &c) {
                return fn(db, item, answer, c);
            };
        } else if (RetryPolicy::isFinal(reply.error())) {
            result.state = Try::State::Failed;
            result.error = reply.error();
            mark = [fn = m_kind.markFailed, item, error = result.error](storage::Database &db, storage::RowChanges &c) {
                return fn(db, item, error, c);
            };
        } else {
            result.state = Try::State::Unanswered;
            result.error = reply.error();
            mark = [fn = m_kind.markUnanswered, item, error = result.error](storage::Database &db, storage::RowChanges &c) {
                return fn(db, item, error, c);
            };
        }
        std::function<Result<bool>(storage::Database &, storage::RowChanges &)> marking =
            [mark = std::move(mark), describe = m_kind.describe, item](storage::Database &db,
                                                                       storage::RowChanges &changes) -> Result<bool> {
            if (auto st = mark(db, changes); !st)
                return st.error();
            describe(item, changes);
            return true;
        };
        // The item stays in flight until its result is committed: a round reading the due
        // items meanwhile must not send it again.
        QFuture<Result<Written<bool>>> markingDone = write<bool>(std::move(marking));
        Result<Written<bool>> marked = co_await markingDone;
        if (!self || !stillOpen(generation))
            co_return closedError();
        m_inFlight.remove(key);
        if (!marked)
            co_return marked.error();
        if (result.state != Try::State::Unanswered)
            m_retry.answered(); // any answer: the back-off starts again
        publish(marked->changes);
        if (m_kind.settled)
            m_kind.settled(item, result);
        co_return result;
    }

    //! A round: the due items tried (Order), until none is left or, Strict, one got no
    //! answer. While a round runs, joins it (and asks for one more). Resolves to what the
    //! round did, or why it stopped (the cache could not be read or written: the items stay
    //! due and are tried again after the back-off).
    QCoro::Task<Result<Round>> flush()
    {
        if (!m_open)
            co_return notOpenError();
        QPointer<OutboxBase> self(this);
        if (m_running) {
            m_again = true;
            co_await nextSignal(static_cast<OutboxBase *>(this), &OutboxBase::roundFinished);
            if (!self)
                co_return closedError();
            co_return m_lastRound;
        }
        m_running = true;
        const quint64 generation = m_generation;
        Round round;
        QSet<QString> tried;
        bool unanswered = false;
        std::optional<Error> stopped;
        for (;;) {
            m_again = false;
            if (!stillOpen(generation))
                break;
            auto due = m_kind.due();
            if (!due) {
                stopped = due.error();
                break;
            }
            std::optional<Item> next;
            for (const Item &candidate : std::as_const(*due)) {
                const QString key = m_kind.key(candidate);
                if (tried.contains(key))
                    continue;
                if (m_inFlight.contains(key)) {
                    if (m_kind.order == Order::Strict)
                        break; // nothing overtakes it: its own try ends and kicks again
                    continue;
                }
                next = candidate;
                break;
            }
            if (!next)
                break;
            const QString key = m_kind.key(*next);
            tried.insert(key);
            QCoro::Task<Result<Try>> trying = attempt(*next);
            Result<Try> done = co_await std::move(trying);
            if (!self)
                co_return closedError();
            if (!done) {
                stopped = done.error();
                break;
            }
            if (done->state == Try::State::Sent)
                round.sent.insert(key);
            else if (done->state == Try::State::Failed)
                round.refused.insert(key, done->error);
            else if (done->error.code != ErrorCode::Cancelled) {
                unanswered = true;
                if (m_kind.order == Order::Strict)
                    break;
            }
        }
        m_running = false;
        if (stillOpen(generation)) {
            if (stopped && stopped->code != ErrorCode::Cancelled)
                unanswered = true; // the cache failed: kept, tried again later, never dropped
            if (auto due = m_kind.due())
                round.left = int(due->size());
            if (unanswered)
                m_retry.unanswered();
            else if (m_again)
                kick();
        } else if (m_open) {
            kick(); // reopened while this round ran for the old account
        }
        m_lastRound = round;
        Q_EMIT roundFinished();
        if (stopped)
            co_return *stopped;
        co_return round;
    }

protected:
    void runRound() override { roundInBackground(); }
    void forgetOnTheirWay() override { m_onTheirWay.clear(); }

private:
    QCoro::Task<void> roundInBackground()
    {
        QCoro::Task<Result<Round>> running = flush();
        auto round = co_await std::move(running);
        if (!round)
            roundStopped(round.error());
    }

    Kind m_kind;
    QList<Item> m_onTheirWay;
};

template<typename T>
QFuture<Result<OutboxBase::Written<T>>>
OutboxBase::write(std::function<Result<T>(storage::Database &, storage::RowChanges &)> fn) const
{
    sync::CacheWriter *w = m_writer ? m_writer() : nullptr;
    if (!w) {
        QPromise<Result<Written<T>>> failed;
        failed.start();
        failed.addResult(Result<Written<T>>(notOpenError()));
        failed.finish();
        return failed.future();
    }
    return w->run<Written<T>>([fn = std::move(fn)](storage::Database &db) -> Result<Written<T>> {
        storage::RowChanges changes;
        auto value = fn(db, changes);
        if (!value)
            return value.error();
        return Written<T>{std::move(value).value(), std::move(changes)};
    });
}

} // namespace plaza::outbox
