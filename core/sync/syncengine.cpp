// SPDX-License-Identifier: MIT
#include "syncengine.h"

#include "common/logging.h"
#include "common/nextsignal.h"
#include "net/apiclient.h"
#include "net/wssession.h"
#include "protocol/endpoints.h"
#include "protocol/json.h"

#include <QCoroFuture>
#include <QtConcurrentRun>

#include <optional>

namespace plaza {

SyncEngine::SyncEngine(net::ApiClient *api, QObject *parent)
    : QObject(parent), m_api(api), m_writer(new sync::CacheWriter(this))
{
    qRegisterMetaType<plaza::sync::ChangeSet>();
}

SyncEngine::~SyncEngine()
{
    setLiveSession(nullptr);
}

QCoro::Task<Result<sync::OpenedCache>> SyncEngine::open(QString path, QByteArray key, QString selfUserId)
{
    QPointer<SyncEngine> self(this);
    Result<sync::OpenedCache> opened = co_await m_writer->open(path, key, selfUserId);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("The sync engine went away."));
    if (opened) {
        m_open = true;
        m_cursor = m_dispatched = opened->cursor;
        m_lastSyncedAt = opened->lastSyncedAt;
        m_everSynced = opened->cursor > 0;
        Q_EMIT cursorChanged(m_cursor);
    }
    co_return opened;
}

QCoro::Task<void> SyncEngine::close()
{
    setLiveSession(nullptr);
    m_open = false;
    QPointer<SyncEngine> self(this);
    Status st = co_await m_writer->close();
    Q_UNUSED(st);
    if (!self)
        co_return;
    m_cursor = m_dispatched = 0;
    m_everSynced = false;
}

void SyncEngine::setLiveSession(net::WsSession *live)
{
    for (const auto &c : std::as_const(m_liveConnections))
        disconnect(c);
    m_liveConnections.clear();
    m_live = live;
    if (!live)
        return;
    m_liveConnections << connect(live, &net::WsSession::eventReceived, this, &SyncEngine::handleLiveEvent)
                      << connect(live, &net::WsSession::hello, this, &SyncEngine::onHello);
}

void SyncEngine::requestPull()
{
    if (!m_open)
        return;
    // Fire and forget: the task runs to completion on its own; its result is reported
    // through syncFailed()/synced().
    [](QPointer<SyncEngine> self) -> QCoro::Task<void> {
        if (self)
            (void)co_await self->pull();
    }(this);
}

QCoro::Task<Status> SyncEngine::pull()
{
    if (!m_open)
        co_return makeError(ErrorCode::Storage, QStringLiteral("The cache is not open."));
    QPointer<SyncEngine> self(this);
    if (m_pulling) {
        m_pullAgain = true;
        co_await nextSignal(this, &SyncEngine::pullFinished);
        if (!self)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("The sync engine went away."));
        co_return m_lastPull;
    }
    m_pulling = true;
    Q_EMIT pullingChanged(true);
    Status st = co_await pullRounds();
    if (!self)
        co_return st;
    m_pulling = false;
    m_lastPull = st;
    if (st)
        m_everSynced = true;
    Q_EMIT pullingChanged(false);
    if (st)
        Q_EMIT synced();
    else
        Q_EMIT syncFailed(st.error().codeName(), st.error().message);
    Q_EMIT pullFinished();
    co_return st;
}

QCoro::Task<Status> SyncEngine::pullRounds()
{
    QPointer<SyncEngine> self(this);
    Status st;
    do {
        m_pullAgain = false;
        st = co_await pullOnce();
        if (!self)
            co_return st;
    } while (st && m_pullAgain && m_open);
    co_return st;
}

namespace {

//! A /v1/sync body to a page, on a worker thread: a thousand events are too much JSON to
//! parse on the UI thread between two frames.
Result<protocol::SyncPage> decodeSyncPage(const QByteArray &body)
{
    auto object = protocol::parseObject(body);
    if (!object)
        return makeError(ErrorCode::Protocol, QStringLiteral("The server's sync page is not a JSON object."));
    auto page = protocol::SyncPage::fromJson(*object);
    if (!page)
        return Error{ErrorCode::Protocol, page.error().message, page.error().details, 0};
    return page;
}

} // namespace

QCoro::Task<Status> SyncEngine::finishApply(QFuture<Result<sync::ChangeSet>> pending)
{
    QPointer<SyncEngine> self(this);
    Result<sync::ChangeSet> changes = co_await pending;
    if (!self || !m_open)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
    if (!changes) {
        qCWarning(lcSync) << "applying a sync page failed:" << changes.error().message;
        m_dispatched = m_cursor;
        co_return changes.error();
    }
    commit(*changes);
    co_return Status{};
}

QCoro::Task<Status> SyncEngine::pullOnce()
{
    // A pipeline of two: while the writer thread applies page N, page N+1 is fetched and
    // decoded (on a worker thread). Page N's result is awaited before page N+1 goes to the
    // writer, so pages are applied one after the other, in order, and a failure stops the
    // pull before anything after it is applied. Page N is committed (applied() emitted, the
    // models update) while the writer already works on page N+1.
    QPointer<SyncEngine> self(this);
    bool resetDone = false;
    qint64 since = m_cursor;
    std::optional<QFuture<Result<sync::ChangeSet>>> applying;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
        query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageLimit));
        const QString path = protocol::endpoints::sync();
        net::RequestOptions options;
        options.rawBody = true;
        auto response = co_await m_api->get(path, query, options);
        if (!self || !m_open)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
        std::optional<Result<protocol::SyncPage>> page;
        if (response) {
            const QByteArray body = response->raw;
            QFuture<Result<protocol::SyncPage>> decoding = QtConcurrent::run(decodeSyncPage, body);
            Result<protocol::SyncPage> decodedPage = co_await decoding;
            page = std::move(decodedPage);
            if (!self || !m_open)
                co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
        }
        // The page before this one, applied meanwhile: its result first, whatever this answer is.
        // Its changes are committed below, once this page is on its way to the writer.
        std::optional<sync::ChangeSet> previous;
        const bool hadPrevious = applying.has_value();
        if (hadPrevious) {
            QFuture<Result<sync::ChangeSet>> pending = *applying;
            applying.reset();
            Result<sync::ChangeSet> done = co_await pending;
            if (!self || !m_open)
                co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
            if (!done) {
                qCWarning(lcSync) << "applying a sync page failed:" << done.error().message;
                m_dispatched = m_cursor;
                co_return done.error();
            }
            previous = std::move(done).value();
        }
        if (!response) {
            if (hadPrevious)
                commit(*previous);
            if (response.error().code == ErrorCode::ResyncRequired && !resetDone) {
                // The server no longer keeps our cursor: what we hold may miss deletions and
                // updates, so drop it and rebuild from the full history.
                qCInfo(lcSync) << "resync required at cursor" << since << "- rebuilding the cache";
                resetDone = true;
                auto reset = co_await m_writer->resetPrivateData();
                if (!self)
                    co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
                if (!reset)
                    co_return reset.error();
                m_cursor = m_dispatched = 0;
                commit(*reset);
                since = 0;
                continue;
            }
            if (response.error().code != ErrorCode::Cancelled)
                qCWarning(lcSync) << "sync from" << since << "failed:" << response.error().codeName();
            co_return response.error();
        }
        if (!*page) {
            if (hadPrevious)
                commit(*previous);
            co_return page->error();
        }
        protocol::SyncPage decoded = std::move(*page).value();
        const bool hasMore = decoded.hasMore;
        const qint64 next = decoded.nextSince;
        qint64 upTo = next;
        for (const protocol::Event &e : std::as_const(decoded.events))
            upTo = std::max(upTo, e.seq);
        m_dispatched = std::max(m_dispatched, upTo);
        applying = m_writer->apply(decoded.events, upTo, false);
        if (hadPrevious) {
            commit(*previous);
            if (!self)
                co_return makeError(ErrorCode::Cancelled, QStringLiteral("Sync was stopped."));
        }
        if (!hasMore || next <= since) {
            QFuture<Result<sync::ChangeSet>> last = *applying;
            applying.reset();
            Status st = co_await finishApply(last);
            if (!self)
                co_return st;
            if (st && hasMore)
                co_return makeError(ErrorCode::Protocol, QStringLiteral("The server's sync cursor did not advance."));
            co_return st;
        }
        since = upTo;
    }
}

QCoro::Task<Result<sync::ChangeSet>> SyncEngine::applyPage(protocol::SyncPage page)
{
    QPointer<SyncEngine> self(this);
    qint64 upTo = page.nextSince;
    for (const protocol::Event &e : std::as_const(page.events))
        upTo = std::max(upTo, e.seq);
    Result<sync::ChangeSet> changes = co_await m_writer->apply(page.events, upTo, false);
    if (!self)
        co_return changes;
    if (changes)
        commit(*changes);
    else
        qCWarning(lcSync) << "applying a sync page failed:" << changes.error().message;
    co_return changes;
}

void SyncEngine::commit(const sync::ChangeSet &changes)
{
    const qint64 before = m_cursor;
    m_cursor = changes.reset ? 0 : std::max(m_cursor, changes.cursor);
    m_dispatched = std::max(m_dispatched, m_cursor);
    if (changes.reset)
        m_dispatched = 0;
    if (changes.committedAt.isValid())
        m_lastSyncedAt = changes.committedAt;
    qCDebug(lcSync) << "applied" << changes.applied << "events, cursor" << m_cursor;
    Q_EMIT applied(changes);
    if (m_cursor != before)
        Q_EMIT cursorChanged(m_cursor);
}

void SyncEngine::onHello(qint64 latestSeq)
{
    if (latestSeq > m_dispatched)
        requestPull();
    else if (latestSeq < m_cursor)
        qCWarning(lcSync) << "server's latest seq" << latestSeq << "is below our cursor" << m_cursor;
}

void SyncEngine::handleLiveEvent(const protocol::Event &event)
{
    if (!m_open || event.seq <= m_dispatched)
        return;
    if (m_pulling) {
        // The running pull may have fetched its last page before this event existed.
        m_pullAgain = true;
        return;
    }
    if (event.seq != m_dispatched + 1) {
        qCInfo(lcSync) << "gap: live event" << event.seq << "after" << m_dispatched << "- pulling";
        requestPull();
        return;
    }
    m_dispatched = event.seq;
    applyLive(event);
}

QCoro::Task<void> SyncEngine::applyLive(protocol::Event event)
{
    QPointer<SyncEngine> self(this);
    // No braced list inside co_await: GCC 12 cannot put its backing array in the frame.
    QList<protocol::Event> events;
    events.append(event);
    auto changes = co_await m_writer->apply(events, event.seq, true);
    if (!self)
        co_return;
    if (!changes) {
        qCWarning(lcSync) << "applying live event" << event.seq << "failed:" << changes.error().message;
        Q_EMIT syncFailed(changes.error().codeName(), changes.error().message);
    } else if (!changes->gap) {
        commit(*changes);
        co_return;
    }
    // The writer's cursor disagrees with ours (a gap it saw, or a failure): trust the server.
    m_dispatched = m_cursor;
    requestPull();
}

QCoro::Task<Status> SyncEngine::setValues(QHash<QString, QString> values)
{
    co_return co_await m_writer->setValues(values);
}

} // namespace plaza
