// SPDX-License-Identifier: MIT
#include "feed/feedservice.h"

#include "common/logging.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/types.h"
#include "session/session.h"
#include "storage/poststore.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

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
    auto store = FeedStore::open(m_session->cachePath(), m_session->cacheKey());
    if (!store)
        return store.error();
    m_store = std::move(store).value();
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
    const QStringList posts = changes.rows.value(QStringLiteral("posts")).values();
    const QStringList users = changes.rows.value(QStringLiteral("users")).values();
    if (!posts.isEmpty() || !users.isEmpty())
        Q_EMIT changed(posts, users);
}

void FeedService::fail(const Error &error)
{
    if (error.code == ErrorCode::Cancelled)
        return;
    qCInfo(lcFeed) << "feed action failed:" << error.codeName();
    Q_EMIT actionFailed(error.codeName(), error.message, error.field());
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
    storage::RowChanges changes;
    auto clientId = m_store->queuePost(text, replyTo, selfJson(), changes);
    if (!clientId)
        co_return clientId.error();
    refreshPendingCount();
    Q_EMIT postQueued(storage::localPostId(*clientId), *clientId);
    emitChanges(changes);
    if (m_session->online()) {
        QPointer<FeedService> self(this);
        auto outbox = m_store->outbox(true);
        if (outbox) {
            for (const OutboxPost &entry : std::as_const(*outbox)) {
                if (entry.clientId != *clientId)
                    continue;
                // The post is safe in the outbox: a failure to send now is not the caller's error.
                auto sent = co_await sendOne(entry);
                if (!self)
                    co_return *clientId;
                if (!sent && sent.error().isDefinitive())
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
    if (auto st = m_store->markAttempt(entry.clientId); !st) {
        m_sending.remove(entry.clientId);
        co_return st;
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
    storage::RowChanges changes;
    if (!reply) {
        if (!reply.error().isDefinitive()) {
            qCInfo(lcFeed) << "post not sent yet:" << reply.error().codeName();
            co_return reply.error();
        }
        if (auto st = m_store->markFailed(entry.clientId, reply.error(), changes); !st)
            co_return st;
        refreshPendingCount();
        emitChanges(changes);
        co_return reply.error();
    }
    if (auto st = m_store->markSent(entry.clientId, reply->body, changes); !st)
        co_return st;
    refreshPendingCount();
    Q_EMIT postSent(entry.clientId, reply->body.value(QStringLiteral("id")).toString());
    emitChanges(changes);
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
        if (!sent && !sent.error().isDefinitive())
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
        storage::RowChanges changes;
        if (auto st = m_store->setFlags(postId, next, changes); !st)
            co_return st;
        emitChanges(changes);
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
    storage::RowChanges after;
    if (!reply) {
        // Back to what it was; a post deleted meanwhile goes from the cache.
        if (reply.error().code == ErrorCode::NotFound)
            (void)m_store->removePost(postId, after);
        else if (cached)
            (void)m_store->setFlags(postId, *before, after);
        emitChanges(after);
        co_return reply.error();
    }
    if (auto st = m_store->storePosts(QJsonArray{reply->body}, after); !st)
        co_return st;
    emitChanges(after);
    co_return Status();
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
    storage::RowChanges changes;
    if (auto st = m_store->removePost(postId, changes); !st)
        co_return st;
    emitChanges(changes);
    co_return Status();
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
    const QJsonArray items = reply->body.value(QStringLiteral("items")).toArray();
    FetchedPage page;
    for (const QJsonValue &v : items)
        page.ids.append(v.toObject().value(QStringLiteral("id")).toString());
    page.nextBefore = reply->body.value(QStringLiteral("next_before")).toString();
    if (!items.isEmpty()) {
        auto known = m_store->existing({page.ids.constLast()});
        if (!known)
            co_return known.error();
        page.oldestWasCached = !known->isEmpty();
        page.oldestCreatedAt = items.last().toObject().value(QStringLiteral("created_at")).toString();
    }
    storage::RowChanges changes;
    if (auto st = m_store->storePosts(items, changes); !st)
        co_return st.error();
    emitChanges(changes);
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
    storage::RowChanges changes;
    if (!reply) {
        if (reply.error().code == ErrorCode::NotFound) {
            (void)m_store->removePost(postId, changes);
            emitChanges(changes);
        }
        co_return reply.error();
    }
    if (auto st = m_store->storePosts(QJsonArray{reply->body}, changes); !st)
        co_return st;
    emitChanges(changes);
    co_return Status();
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
    storage::RowChanges changes;
    if (auto st = m_store->storeUser(reply->body, changes); !st)
        co_return st.error();
    emitChanges(changes);
    co_return reply->body;
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
    if (!m_store)
        return {};
    auto value = m_store->value(kv::kDraft);
    return value ? *value : QString();
}

void FeedService::setDraft(const QString &text)
{
    if (!m_store || draft() == text)
        return;
    // An empty draft is no draft: the key goes (a null value deletes it).
    if (auto st = m_store->setValue(kv::kDraft, text.isEmpty() ? QString() : text); !st)
        qCWarning(lcFeed) << "cannot save the draft:" << st.error().codeName();
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
    storage::RowChanges changes;
    if (auto st = m_store->discard(clientId, changes); !st)
        return fail(st.error());
    emitChanges(changes);
}

} // namespace plaza::feed
