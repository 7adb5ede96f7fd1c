// SPDX-License-Identifier: MIT
#include "feed/feedservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "common/retrypolicy.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/feed.h"
#include "protocol/types.h"
#include "session/session.h"
#include "storage/database.h"
#include "sync/cachewriter.h"
#include "sync/syncengine.h"
#include "storage/poststore.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

namespace plaza::feed {

namespace {

Error closedError()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the feed closed"));
}

} // namespace

FeedService::FeedService(Session *session, QObject *parent) : QObject(parent), m_session(session)
{
    // Reconnecting is when queued posts can go.
    connect(m_session, &Session::onlineChanged, this, [this] {
        if (m_session->online())
            retryNow();
    });
    connect(m_session, &Session::stateChanged, this, [this] {
        if (m_session->state() == Session::State::Ready) {
            if (!m_store) {
                if (auto st = start(); !st)
                    qCWarning(lcFeed) << "cannot open the feed store:" << st.error().codeName();
            }
        } else if (m_store) {
            // Sign-out deletes the cache: no connection may keep it alive.
            m_store.reset();
            m_reader.reset();
            m_valuesOnTheirWay.clear();
            m_valueGeneration.clear();
            m_sending.clear();
            refreshPendingCount();
        }
    });
}

FeedService::~FeedService() = default;

Status FeedService::start()
{
    if (m_store)
        return {};
    if (m_session->state() != Session::State::Ready)
        return makeError(ErrorCode::CacheLocked, QStringLiteral("the session is not ready"));
    auto reader = m_session->cache()->openConnection(true);
    if (!reader)
        return reader.error();
    m_reader = std::move(reader).value();
    m_store = std::make_unique<FeedStore>(*m_reader);
    refreshPendingCount();
    if (m_pending > 0)
        retryNow();
    Q_EMIT started();
    return {};
}

Error FeedService::notStarted() const
{
    return makeError(ErrorCode::CacheLocked, QStringLiteral("The feed is not open (not signed in)."));
}

Status FeedService::validateText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("A post needs some text."),
                         {{QStringLiteral("field"), QStringLiteral("text")}});
    // Characters as people count them (code points), like the server.
    if (const qsizetype chars = text.toUcs4().size(); chars > protocol::limits::kMaxPostChars)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A post is at most %1 characters (this one has %2).")
                             .arg(protocol::limits::kMaxPostChars)
                             .arg(chars),
                         {{QStringLiteral("field"), QStringLiteral("text")}});
    return {};
}

QJsonObject FeedService::selfJson() const
{
    protocol::User self;
    self.id = m_session->userId();
    self.handle = m_session->handle();
    self.displayName = m_session->displayName();
    return self.toJson();
}

void FeedService::emitChanges(const storage::RowChanges &changes)
{
    // On the one change stream, like a sync batch: the feed's models listen there only.
    if (!changes.touches(storage::Table::Posts) && !changes.touches(storage::Table::Users))
        return;
    storage::Cache *c = cache();
    if (!c)
        return;
    storage::ChangeSet set;
    set.changes = changes;
    set.committedAt = Clock::instance()->nowUtc();
    c->publish(set);
}

void FeedService::fail(const Error &error)
{
    if (error.code == ErrorCode::Cancelled)
        return;
    qCInfo(lcFeed) << "feed action failed:" << error.codeName() << error.message;
    Q_EMIT actionFailed(error.codeName(), error.field());
}

void FeedService::refreshPendingCount()
{
    int pending = 0;
    if (m_store) {
        if (auto list = m_store->outbox(true))
            pending = int(list->size());
    }
    if (pending != m_pending) {
        m_pending = pending;
        Q_EMIT pendingChanged();
    }
}

void FeedService::setBusy(bool on)
{
    const bool was = busy();
    m_busy += on ? 1 : -1;
    if (was != busy())
        Q_EMIT busyChanged();
}

QCoro::Task<Result<QString>> FeedService::post(QString text, QString replyTo)
{
    if (!m_store)
        co_return notStarted();
    if (auto st = validateText(text); !st)
        co_return st.error();
    QPointer<FeedService> self(this);
    // On disk (committed by the writer) before the first try.
    const QJsonObject me = selfJson();
    QFuture<Result<Written>> queueing = write([text, replyTo, me](FeedStore &store, storage::RowChanges &changes) {
        return store.queuePost(text, replyTo, me, changes);
    });
    Result<Written> queued = co_await queueing;
    if (!self)
        co_return closedError();
    if (!queued)
        co_return queued.error();
    if (!m_store)
        co_return closedError();
    const Result<QString> clientId = queued->value;
    refreshPendingCount();
    Q_EMIT postQueued(storage::localPostId(*clientId), *clientId);
    emitChanges(queued->changes);
    if (m_session->online()) {
        auto outbox = m_store->outbox(true);
        if (outbox) {
            for (const OutboxPost &entry : std::as_const(*outbox)) {
                if (entry.clientId != *clientId)
                    continue;
                // The post is safe in the outbox: a failure to send now is not the caller's error.
                auto sent = co_await sendOne(entry);
                if (!self)
                    co_return *clientId;
                if (!sent && RetryPolicy::isFinal(sent.error()))
                    co_return sent.error();
                break;
            }
        }
    }
    co_return *clientId;
}

QCoro::Task<Status> FeedService::sendOne(OutboxPost entry)
{
    if (m_sending.contains(entry.clientId))
        co_return Status();
    m_sending.insert(entry.clientId);
    QPointer<FeedService> self(this);
    const QString clientId = entry.clientId;
    QFuture<Result<Written>> counting = write([clientId](FeedStore &store, storage::RowChanges &) -> Result<QString> {
        if (auto st = store.markAttempt(clientId); !st)
            return st.error();
        return QString();
    });
    Result<Written> counted = co_await counting;
    if (!self)
        co_return closedError();
    if (!counted) {
        m_sending.remove(entry.clientId);
        co_return counted.error();
    }
    QJsonObject body{{QStringLiteral("client_id"), entry.clientId}, {QStringLiteral("text"), entry.text}};
    if (!entry.replyTo.isEmpty())
        body.insert(QStringLiteral("reply_to"), entry.replyTo);
    setBusy(true);
    auto reply = co_await m_session->api()->post(protocol::endpoints::posts(), body);
    if (!self)
        co_return closedError();
    setBusy(false);
    m_sending.remove(entry.clientId);
    if (!m_store)
        co_return closedError();
    if (!reply) {
        if (!RetryPolicy::isFinal(reply.error())) {
            qCInfo(lcFeed) << "post not sent yet:" << reply.error().codeName();
            co_return reply.error();
        }
        const Error refusal = reply.error();
        WriteFn markFailed = [clientId, refusal](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
            if (auto st = store.markFailed(clientId, refusal, changes); !st)
                return st.error();
            return QString();
        };
        QCoro::Task<Result<QString>> failing = writeAndEmit(std::move(markFailed));
        auto failed = co_await std::move(failing);
        if (!failed)
            co_return failed.error();
        refreshPendingCount();
        co_return refusal;
    }
    const QJsonObject answer = reply->body;
    QFuture<Result<Written>> marking = write([clientId, answer](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.markSent(clientId, answer, changes); !st)
            return st.error();
        return QString();
    });
    Result<Written> marked = co_await marking;
    if (!self || !m_store)
        co_return closedError();
    if (!marked)
        co_return marked.error();
    refreshPendingCount();
    Q_EMIT postSent(entry.clientId, answer.value(QStringLiteral("id")).toString());
    emitChanges(marked->changes);
    co_return Status();
}

QCoro::Task<Result<int>> FeedService::sendPending()
{
    if (!m_store)
        co_return notStarted();
    auto outbox = m_store->outbox(true);
    if (!outbox)
        co_return outbox.error();
    QPointer<FeedService> self(this);
    for (const OutboxPost &entry : std::as_const(*outbox)) {
        auto sent = co_await sendOne(entry);
        if (!self || !m_store)
            co_return closedError();
        // Offline again: the rest would fail the same way.
        if (!sent && !RetryPolicy::isFinal(sent.error()))
            break;
    }
    refreshPendingCount();
    co_return m_pending;
}

QCoro::Task<Status> FeedService::toggle(QString postId, bool repost, bool on)
{
    if (!m_store)
        co_return notStarted();
    // Optimistic: a cached row changes now and goes back if the server does not agree. A post
    // the cache does not hold (an id typed in the CLI) just waits for the answer.
    auto before = m_store->flags(postId);
    if (!before && before.error().code != ErrorCode::NotFound)
        co_return before.error();
    const bool cached = bool(before);
    if (cached) {
        PostFlags next = *before;
        if (repost && next.repostedByMe != on) {
            next.repostedByMe = on;
            next.repostCount += on ? 1 : -1;
        } else if (!repost && next.likedByMe != on) {
            next.likedByMe = on;
            next.likeCount += on ? 1 : -1;
        }
        WriteFn optimistic = [postId, next](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
            if (auto st = store.setFlags(postId, next, changes); !st)
                return st.error();
            return QString();
        };
        QCoro::Task<Result<QString>> flagging = writeAndEmit(std::move(optimistic));
        auto flagged = co_await std::move(flagging);
        if (!flagged)
            co_return flagged.error();
    }

    QPointer<FeedService> self(this);
    const QString path = repost ? protocol::endpoints::postRepost(postId) : protocol::endpoints::postLike(postId);
    setBusy(true);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (on)
        reply = co_await m_session->api()->post(path, QJsonObject());
    else
        reply = co_await m_session->api()->del(path);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!m_store)
        co_return closedError();
    if (!reply) {
        // Back to what it was; a post deleted meanwhile goes from the cache.
        const Error error = reply.error();
        const bool gone = error.code == ErrorCode::NotFound;
        const std::optional<PostFlags> was = cached ? std::optional<PostFlags>(*before) : std::nullopt;
        WriteFn rollback = [postId, gone, was](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
            if (gone)
                (void)store.removePost(postId, changes);
            else if (was)
                (void)store.setFlags(postId, *was, changes);
            return QString();
        };
        QCoro::Task<Result<QString>> rollingBack = writeAndEmit(std::move(rollback));
        (void)co_await std::move(rollingBack);
        co_return error;
    }
    QCoro::Task<Result<QString>> storing = storeAnswer(reply->body);
    auto stored = co_await std::move(storing);
    co_return stored ? Status() : Status(stored.error());
}

QCoro::Task<Status> FeedService::setLiked(QString postId, bool on)
{
    co_return co_await toggle(postId, false, on);
}

QCoro::Task<Status> FeedService::setReposted(QString postId, bool on)
{
    co_return co_await toggle(postId, true, on);
}

QCoro::Task<Status> FeedService::deletePost(QString postId)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    setBusy(true);
    auto reply = co_await m_session->api()->del(protocol::endpoints::post(postId));
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!m_store)
        co_return closedError();
    if (!reply && reply.error().code != ErrorCode::NotFound)
        co_return reply.error();
    WriteFn removing = [postId](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.removePost(postId, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(removing));
    auto removed = co_await std::move(task);
    co_return removed ? Status() : Status(removed.error());
}

QCoro::Task<Status> FeedService::setFollowing(QString userId, bool on)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    const QString path = protocol::endpoints::userFollow(userId);
    setBusy(true);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (on)
        reply = co_await m_session->api()->post(path, QJsonObject());
    else
        reply = co_await m_session->api()->del(path);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!reply)
        co_return reply.error();
    // The user as the server now sees them (followers count, followed_by_me).
    auto user = co_await fetchUser(userId);
    if (!self)
        co_return closedError();
    co_return user ? Status() : Status(user.error());
}

QCoro::Task<Result<FetchedPage>> FeedService::fetchPage(QString path, QString before, int limit)
{
    if (!m_store)
        co_return notStarted();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!before.isEmpty())
        query.addQueryItem(QStringLiteral("before"), before);
    QPointer<FeedService> self(this);
    auto reply = co_await m_session->api()->get(path, query);
    if (!self || !m_store)
        co_return closedError();
    if (!reply)
        co_return reply.error();
    // The whole page through the Post codec: a malformed post refuses the page (Protocol, naming the field).
    auto decoded = protocol::decodeReply<protocol::Page<protocol::Post>>(reply->body);
    if (!decoded)
        co_return decoded.error();
    const QList<protocol::Post> items = std::move(decoded->items);
    FetchedPage page;
    for (const protocol::Post &post : items)
        page.ids.append(post.id);
    page.nextBefore = decoded->nextBefore.value_or(QString());
    if (!items.isEmpty()) {
        auto known = m_store->existing({page.ids.constLast()});
        if (!known)
            co_return known.error();
        page.oldestWasCached = !known->isEmpty();
        page.oldestCreatedAt = protocol::formatTime(items.constLast().createdAt);
    }
    WriteFn storingPage = [items](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storePosts(items, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(storingPage));
    auto stored = co_await std::move(task);
    if (!stored)
        co_return stored.error();
    co_return page;
}

QCoro::Task<Status> FeedService::fetchPost(QString postId)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    auto reply = co_await m_session->api()->get(protocol::endpoints::post(postId));
    if (!self || !m_store)
        co_return closedError();
    if (!reply) {
        const Error error = reply.error();
        if (error.code == ErrorCode::NotFound) {
            WriteFn removing = [postId](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
                (void)store.removePost(postId, changes);
                return QString();
            };
            QCoro::Task<Result<QString>> task = writeAndEmit(std::move(removing));
            (void)co_await std::move(task);
        }
        co_return error;
    }
    QCoro::Task<Result<QString>> storing = storeAnswer(reply->body);
    auto stored = co_await std::move(storing);
    co_return stored ? Status() : Status(stored.error());
}

QCoro::Task<Result<QJsonObject>> FeedService::fetchUser(QString userId)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    auto reply = co_await m_session->api()->get(protocol::endpoints::user(userId));
    if (!self || !m_store)
        co_return closedError();
    if (!reply)
        co_return reply.error();
    const QJsonObject user = reply->body;
    WriteFn storingUser = [user](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storeUser(user, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(storingUser));
    auto stored = co_await std::move(task);
    if (!stored)
        co_return stored.error();
    co_return user;
}

QCoro::Task<void> FeedService::report(QCoro::Task<Status> task)
{
    QPointer<FeedService> self(this);
    const Status st = co_await std::move(task);
    if (self && !st)
        fail(st.error());
}

QCoro::Task<void> FeedService::composeTask(QString text, QString replyTo)
{
    QPointer<FeedService> self(this);
    auto queued = co_await post(text, replyTo);
    if (self && !queued)
        fail(queued.error());
}

QCoro::Task<void> FeedService::retryTask()
{
    QPointer<FeedService> self(this);
    auto left = co_await sendPending();
    if (self && !left)
        qCInfo(lcFeed) << "pending posts not sent:" << left.error().codeName();
    if (self)
        m_sendingAll = false;
}

void FeedService::compose(const QString &text, const QString &replyTo)
{
    composeTask(text, replyTo);
}

QString FeedService::draft() const
{
    return value(kv::kDraft);
}

void FeedService::setDraft(const QString &text)
{
    if (!m_store || draft() == text)
        return;
    // An empty draft is no draft: the key goes (a null value deletes it).
    setValue(kv::kDraft, text.isEmpty() ? QString() : text);
}

QString FeedService::value(const QString &key) const
{
    if (!m_store)
        return {};
    // A write on its way to the writer is the newest value: it wins over the file.
    if (auto pending = m_valuesOnTheirWay.constFind(key); pending != m_valuesOnTheirWay.cend())
        return *pending;
    auto value = m_store->value(key);
    return value ? *value : QString();
}

void FeedService::setValue(const QString &key, const QString &value)
{
    if (!m_store)
        return;
    const quint64 generation = ++m_generation;
    m_valuesOnTheirWay.insert(key, value);
    m_valueGeneration.insert(key, generation);
    setValueTask(key, value, generation);
}

QCoro::Task<void> FeedService::setValueTask(QString key, QString value, quint64 generation)
{
    QPointer<FeedService> self(this);
    QFuture<Result<Written>> writing = write([key, value](FeedStore &store, storage::RowChanges &) -> Result<QString> {
        if (auto st = store.setValue(key, value); !st)
            return st.error();
        return QString();
    });
    Result<Written> written = co_await writing;
    if (!self)
        co_return;
    // Committed (or not): the file answers again, unless a newer value is on its way.
    if (m_valueGeneration.value(key) == generation) {
        m_valueGeneration.remove(key);
        m_valuesOnTheirWay.remove(key);
    }
    if (!written)
        qCWarning(lcFeed) << "cannot save a value of the feed:" << written.error().codeName();
}

QCoro::Task<Status> FeedService::addGap(QString timeline, FeedGap gap)
{
    WriteFn adding = [timeline, gap](FeedStore &store, storage::RowChanges &) -> Result<QString> {
        if (auto st = store.addGap(timeline, gap); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(adding));
    auto added = co_await std::move(task);
    co_return added ? Status() : Status(added.error());
}

QCoro::Task<Status> FeedService::removeGap(QString timeline, QString beforeId)
{
    WriteFn removing = [timeline, beforeId](FeedStore &store, storage::RowChanges &) -> Result<QString> {
        if (auto st = store.removeGap(timeline, beforeId); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(removing));
    auto removed = co_await std::move(task);
    co_return removed ? Status() : Status(removed.error());
}

QCoro::Task<Status> FeedService::setFollowedLocally(QString userId, bool followed, qint64 followers)
{
    WriteFn setting = [userId, followed, followers](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.setFollowed(userId, followed, followers, changes); !st)
            return st.error();
        return QString();
    };
    // Not announced (changed()): the profile that asked shows it already, as it did before.
    QFuture<Result<Written>> writing = write(std::move(setting));
    Result<Written> set = co_await writing;
    co_return set ? Status() : Status(set.error());
}

QFuture<Result<FeedService::Written>> FeedService::write(WriteFn fn) const
{
    sync::CacheWriter *writer = m_session->syncEngine() ? m_session->syncEngine()->writer() : nullptr;
    if (!writer) {
        QPromise<Result<Written>> failed;
        failed.start();
        failed.addResult(Result<Written>(notStarted()));
        failed.finish();
        return failed.future();
    }
    return writer->run<Written>([fn = std::move(fn)](storage::Database &db) -> Result<Written> {
        FeedStore store(db);
        Written out;
        auto value = fn(store, out.changes);
        if (!value)
            return value.error();
        out.value = *value;
        return out;
    });
}

QCoro::Task<Result<QString>> FeedService::writeAndEmit(WriteFn fn)
{
    QPointer<FeedService> self(this);
    QFuture<Result<Written>> writing = write(std::move(fn));
    Result<Written> written = co_await writing;
    if (!self || !m_store)
        co_return closedError();
    if (!written)
        co_return written.error();
    emitChanges(written->changes);
    co_return written->value;
}

QCoro::Task<Result<QString>> FeedService::storeAnswer(QJsonObject post)
{
    WriteFn storing = [post](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storePosts(QJsonArray{post}, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(storing));
    co_return co_await std::move(task);
}

void FeedService::like(const QString &postId)
{
    report(setLiked(postId, true));
}

void FeedService::unlike(const QString &postId)
{
    report(setLiked(postId, false));
}

void FeedService::repost(const QString &postId)
{
    report(setReposted(postId, true));
}

void FeedService::unrepost(const QString &postId)
{
    report(setReposted(postId, false));
}

void FeedService::remove(const QString &postId)
{
    report(deletePost(postId));
}

void FeedService::follow(const QString &userId)
{
    report(setFollowing(userId, true));
}

void FeedService::unfollow(const QString &userId)
{
    report(setFollowing(userId, false));
}

void FeedService::retryNow()
{
    if (m_sendingAll || !m_store)
        return;
    m_sendingAll = true;
    // Not a coroutine lambda: its captures would dangle once the timer dropped it.
    QTimer::singleShot(0, this, [this] { retryTask(); });
}

void FeedService::discardFailed(const QString &clientId)
{
    if (!m_store)
        return fail(notStarted());
    report(discardTask(clientId));
}

QCoro::Task<Status> FeedService::discardTask(QString clientId)
{
    WriteFn discarding = [clientId](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.discard(clientId, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(discarding));
    auto discarded = co_await std::move(task);
    co_return discarded ? Status() : Status(discarded.error());
}

storage::Cache *FeedService::cache() const
{
    return m_session ? m_session->cache() : nullptr;
}

} // namespace plaza::feed
