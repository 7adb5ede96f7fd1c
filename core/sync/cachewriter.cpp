// SPDX-License-Identifier: MIT
#include "cachewriter.h"

#include "common/clock.h"
#include "common/logging.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "storage/rowchanges.h"
#include "sync/eventapplier.h"

#include <QPromise>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace plaza::sync {

CacheWriter::CacheWriter(QObject *parent) : QObject(parent), m_thread(new QThread), m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("plaza-cache-writer"));
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
#ifdef Q_OS_LINUX
    // The UI thread gets a core first when both want one (QThread::LowPriority does nothing
    // under Linux's default scheduler; a per-thread nice does). Still plenty for the writer:
    // it only waits while the UI thread runs.
    QMetaObject::invokeMethod(m_context, [] { setpriority(PRIO_PROCESS, id_t(gettid()), 5); }, Qt::QueuedConnection);
#endif
}

CacheWriter::~CacheWriter()
{
    // Queued after whatever is pending, so every accepted write lands before the close.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_applier.reset();
            m_db.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

bool CacheWriter::onWriterThread() const
{
    return QThread::currentThread() == m_thread;
}

Error CacheWriter::notOpen() const
{
    return makeError(ErrorCode::Storage, QStringLiteral("The cache is not open."));
}

QFuture<Result<OpenedCache>> CacheWriter::open(const QString &path, const QByteArray &key, const QString &selfUserId)
{
    return post<Result<OpenedCache>>([this, path, key, selfUserId]() -> Result<OpenedCache> {
        m_applier.reset();
        m_db.reset();
        auto db = storage::openCache(path, key);
        if (!db)
            return db.error();
        auto applier = std::make_unique<EventApplier>(**db, selfUserId);
        if (auto st = applier->load(); !st)
            return st.error();
        OpenedCache opened;
        opened.cursor = applier->cursor();
        storage::KvStore kv(**db);
        auto values = kv.all();
        if (!values)
            return values.error();
        opened.values = *values;
        auto stmt = (*db)->prepare(QStringLiteral("SELECT last_synced_at FROM sync_state WHERE id = 1;"));
        if (!stmt)
            return stmt.error();
        if (auto row = stmt->step(); row && *row && !stmt->isNull(0))
            opened.lastSyncedAt = protocol::parseTime(stmt->text(0));
        m_db = std::move(db).value();
        m_applier = std::move(applier);
        return opened;
    });
}

QFuture<Result<ChangeSet>> CacheWriter::apply(const QList<protocol::Event> &events, qint64 upTo, bool contiguous)
{
    return post<Result<ChangeSet>>([this, events, upTo, contiguous]() -> Result<ChangeSet> {
        if (!m_applier)
            return notOpen();
        return m_applier->applyBatch(events, upTo, contiguous);
    });
}

QFuture<Result<ChangeSet>> CacheWriter::resetPrivateData()
{
    return post<Result<ChangeSet>>([this]() -> Result<ChangeSet> {
        if (!m_applier)
            return notOpen();
        if (auto st = m_applier->resetPrivateData(); !st)
            return st.error();
        ChangeSet changes;
        changes.reset = true;
        changes.cursor = 0;
        changes.committedAt = Clock::instance()->nowUtc();
        return changes;
    });
}

QFuture<Status> CacheWriter::setValues(const QHash<QString, QString> &values)
{
    return post<Status>([this, values]() -> Status {
        if (!m_db)
            return notOpen();
        return storage::KvStore(*m_db).setValues(values);
    });
}

QFuture<Result<storage::RowChanges>> CacheWriter::transact(std::function<Status(storage::Database &, storage::RowChanges &)> fn)
{
    return post<Result<storage::RowChanges>>([this, fn = std::move(fn)]() -> Result<storage::RowChanges> {
        if (!m_db)
            return notOpen();
        storage::RowChanges changes;
        const Status st = m_db->transaction([&]() -> Status { return fn(*m_db, changes); });
        if (!st)
            return st.error();
        return changes;
    });
}

QFuture<Status> CacheWriter::storeObjects(const QString &type, const QList<QJsonObject> &objects)
{
    return post<Status>([this, type, objects]() -> Status {
        if (!m_applier || !m_db)
            return notOpen();
        // The same write path as sync, without touching the cursor.
        return m_db->transaction([&]() -> Status {
            storage::RowChanges changes;
            for (const QJsonObject &o : objects) {
                protocol::Event e;
                e.type = type;
                e.data = o;
                if (auto applied = m_applier->applyEvent(e, changes); !applied)
                    return applied.error();
            }
            return {};
        });
    });
}

QFuture<Status> CacheWriter::close()
{
    return post<Status>([this]() -> Status {
        m_applier.reset();
        m_db.reset();
        return {};
    });
}

} // namespace plaza::sync
