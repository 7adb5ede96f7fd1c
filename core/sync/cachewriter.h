// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "sync/changeset.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QObject>

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

    //! The thread the connection lives on (never the caller's).
    [[nodiscard]] QThread *writerThread() const { return m_thread; }

private:
    template<typename T, typename Fn>
    QFuture<T> post(Fn fn);
    Error notOpen() const;

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; //!< lives on m_thread: queued calls run in its affinity
    // Touched only on m_thread, inside the posted functions.
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<EventApplier> m_applier;
};

} // namespace plaza::sync
