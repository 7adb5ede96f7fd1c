// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "sync/changeset.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>

class QThread;

namespace plaza::storage {
class Database;
}

namespace plaza::sync {

class EventApplier;

//! What the cache held when it was opened.
struct OpenedCache {
    qint64 cursor = 0;
    QDateTime lastSyncedAt;
    QHash<QString, QString> values; //!< the kv table (tokens, account metadata)
};

//! The cache's single writer connection, on its own thread. Every call is queued to that
//! thread and answers with a QFuture (co_await-able with QCoro), so the UI thread never
//! waits on SQLite. Calls run in the order they were made.
class CacheWriter : public QObject
{
    Q_OBJECT
public:
    explicit CacheWriter(QObject *parent = nullptr);
    //! Closes the connection and joins the thread (waits for queued work to finish).
    ~CacheWriter() override;

    //! Opens (or creates) the encrypted cache and migrates it; see storage::openCache().
    QFuture<Result<OpenedCache>> open(const QString &path, const QByteArray &key, const QString &selfUserId);
    //! EventApplier::applyBatch() on the writer thread.
    QFuture<Result<ChangeSet>> apply(const QList<protocol::Event> &events, qint64 upTo, bool contiguous);
    //! EventApplier::resetPrivateData(); the ChangeSet says reset, cursor 0.
    QFuture<Result<ChangeSet>> resetPrivateData();
    //! Writes kv pairs in one transaction (a null value removes the key).
    QFuture<Status> setValues(const QHash<QString, QString> &values);
    //! Closes the connection (the file stays). Further calls fail until open() again.
    QFuture<Status> close();

    //! Runs \a fn on the writer's connection, on the writer thread, after every call made
    //! before it. The one way the rest of the core writes the cache (the chat and payment
    //! outboxes, the feed store, drafts, savings, the app lock): callers co_await the future,
    //! so the UI thread never executes a write nor waits on SQLite's lock. \a fn must not
    //! keep the Database& beyond its call. Fails (without calling \a fn) when not open.
    template<typename T>
    QFuture<Result<T>> run(std::function<Result<T>(storage::Database &)> fn)
    {
        return post<Result<T>>([this, fn = std::move(fn)]() -> Result<T> {
            if (!m_db)
                return notOpen();
            return fn(*m_db);
        });
    }
    QFuture<Status> run(std::function<Status(storage::Database &)> fn)
    {
        return post<Status>([this, fn = std::move(fn)]() -> Status {
            if (!m_db)
                return notOpen();
            return fn(*m_db);
        });
    }
    //! Runs \a fn as run() does, inside one transaction, and answers with the rows it
    //! wrote (for Cache::publishWritten()); nothing is kept when \a fn fails.
    QFuture<Result<storage::RowChanges>> transact(std::function<Status(storage::Database &, storage::RowChanges &)> fn);
    //! Stores server objects (as \a type events: conversation.updated, message.created…)
    //! through the sync applier in one transaction, without moving the cursor.
    QFuture<Status> storeObjects(const QString &type, const QList<QJsonObject> &objects);

    //! True on the writer thread (checked before every use of the connection in debug builds).
    [[nodiscard]] bool onWriterThread() const;

    //! The thread the connection lives on (never the caller's).
    [[nodiscard]] QThread *writerThread() const { return m_thread; }

private:
    template<typename T, typename Fn>
    QFuture<T> post(Fn fn)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        QMetaObject::invokeMethod(
            m_context,
            [this, promise, fn = std::move(fn)]() mutable {
                Q_ASSERT(onWriterThread());
                promise->addResult(fn());
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }
    Error notOpen() const;

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; //!< lives on m_thread: queued calls run in its affinity
    // Touched only on m_thread, inside the posted functions.
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<EventApplier> m_applier;
};

} // namespace plaza::sync
