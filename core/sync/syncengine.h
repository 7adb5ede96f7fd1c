// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "sync/cachewriter.h"
#include "sync/changeset.h"

#include <QCoroTask>
#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QPointer>

#include <algorithm>

namespace plaza::net {
class ApiClient;
class WsSession;
} // namespace plaza::net

namespace plaza {

//! Keeps the cache in step with the server's event log (api-v1 "Sync").
//!
//! Lives on the main thread next to the ApiClient that fetches pages; every write goes
//! to the CacheWriter's thread. Pull: GET /v1/sync from the cursor, 1000 events a page,
//! until has_more is false; each page is committed in one transaction with its cursor.
//! Pages are pipelined: page N+1 is fetched and its JSON decoded (on a worker thread) while
//! the writer applies page N; pages are still applied one at a time, in order.
//! Live: WebSocket events go through the same apply path; an event past cursor + 1 (a
//! gap) or a hello above the cursor triggers a pull instead. 410 resync_required empties
//! the private tables (not the tokens) and pulls from 0.
class SyncEngine : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 cursor READ cursor NOTIFY cursorChanged)
    Q_PROPERTY(bool pulling READ isPulling NOTIFY pullingChanged)
public:
    static constexpr int kPageLimit = 1000;

    explicit SyncEngine(net::ApiClient *api, QObject *parent = nullptr);
    ~SyncEngine() override;

    //! Opens the cache on the writer thread and reads its cursor and kv values.
    QCoro::Task<Result<sync::OpenedCache>> open(QString path, QByteArray key, QString selfUserId);
    //! Stops following live events and closes the writer connection (the file stays).
    QCoro::Task<void> close();
    [[nodiscard]] bool isOpen() const { return m_open; }

    //! Follows \a live's events and hellos (nullptr to stop).
    void setLiveSession(net::WsSession *live);

    //! Pulls until the server has nothing more. If a pull is running, waits for it and
    //! for one more round (what made the caller ask may have arrived meanwhile).
    QCoro::Task<Status> pull();
    //! pull() without waiting; failures are reported by syncFailed().
    void requestPull();

    //! Applies one /v1/sync page through the same path as pull() (tests, tools).
    QCoro::Task<Result<sync::ChangeSet>> applyPage(protocol::SyncPage page);
    //! Handles one live event as if it came from the WebSocket.
    void handleLiveEvent(const protocol::Event &event);

    //! Writes kv pairs (tokens, account metadata) into the encrypted cache.
    QCoro::Task<Status> setValues(QHash<QString, QString> values);

    //! Events asked for per /v1/sync page (kPageLimit; tests use small pages to get many).
    void setPageLimit(int limit) { m_pageLimit = std::clamp(limit, 1, kPageLimit); }
    [[nodiscard]] int pageLimit() const { return m_pageLimit; }

    [[nodiscard]] qint64 cursor() const { return m_cursor; }
    [[nodiscard]] QDateTime lastSyncedAt() const { return m_lastSyncedAt; }
    [[nodiscard]] bool isPulling() const { return m_pulling; }
    //! This cache has caught up with the server once: before this run (it opened with a cursor)
    //! or by a pull that reached the end. False during a first sign-in's first sync, which brings
    //! the oldest events first.
    [[nodiscard]] bool everSynced() const { return m_everSynced; }
    [[nodiscard]] sync::CacheWriter *writer() const { return m_writer; }

Q_SIGNALS:
    //! A batch committed: what changed, by table and row id, for models to refresh.
    void applied(const plaza::sync::ChangeSet &changes);
    void cursorChanged(qint64 cursor);
    void pullingChanged(bool pulling);
    //! A pull finished with everything the server had.
    void synced();
    //! A pull or a live apply failed (\a code is the error code's wire name).
    void syncFailed(const QString &code, const QString &message);
    //! Internal: a pull round ended (waiters of pull() resume).
    void pullFinished();

private:
    QCoro::Task<Status> pullRounds();
    QCoro::Task<Status> pullOnce();
    //! Awaits a page the writer applies and commits it (or resets m_dispatched on failure).
    QCoro::Task<Status> finishApply(QFuture<Result<sync::ChangeSet>> pending);
    QCoro::Task<void> applyLive(protocol::Event event);
    void onHello(qint64 latestSeq);
    void commit(const sync::ChangeSet &changes);

    net::ApiClient *m_api = nullptr;
    QPointer<net::WsSession> m_live;
    sync::CacheWriter *m_writer = nullptr;
    bool m_open = false;
    bool m_pulling = false;
    bool m_pullAgain = false;
    bool m_everSynced = false;
    int m_pageLimit = kPageLimit;
    Status m_lastPull;
    qint64 m_cursor = 0;
    qint64 m_dispatched = 0; //!< highest seq handed to the writer (>= m_cursor)
    QDateTime m_lastSyncedAt;
    QList<QMetaObject::Connection> m_liveConnections;
};

} // namespace plaza
