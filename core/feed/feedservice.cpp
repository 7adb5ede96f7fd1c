// SPDX-License-Identifier: MIT
#include "feed/feedservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "common/retrypolicy.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/feed.h"
#include "protocol/types.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/cachewriter.h"
#include "storage/poststore.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

namespace plaza::feed {

namespace {

Error closedError()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the feed closed"));
}

} // namespace

FeedService::FeedService(AccountContext *context, QObject *parent) : QObject(parent), m_context(context)
{
    using Queue = outbox::Outbox<OutboxPost, QJsonObject>;
    Queue::Kind kind;
    kind.order = outbox::Order::Strict; // offline again: the rest would fail the same way
    kind.key = [](const OutboxPost &p) { return p.clientId; };
    kind.describe = [](const OutboxPost &p, storage::RowChanges &changes) {
        changes.add(storage::Table::PostOutbox, p.clientId);
    };
    kind.due = [this]() -> Result<QList<OutboxPost>> {
        if (!m_store)
            return notStarted();
        return m_store->outbox(true);
    };
    kind.send = [this](OutboxPost p) { return sendPost(std::move(p)); };
    kind.markAttempt = [](storage::Database &db, const OutboxPost &p) { return FeedStore(db).markAttempt(p.clientId); };
    kind.markSent = [](storage::Database &db, const OutboxPost &p, const QJsonObject &post, storage::RowChanges &changes) {
        return FeedStore(db).markSent(p.clientId, post, changes);
    };
    kind.markFailed = [](storage::Database &db, const OutboxPost &p, const Error &error, storage::RowChanges &changes) {
        return FeedStore(db).markFailed(p.clientId, error, changes);
    };
    // A lost answer changes nothing in the table: the post stays pending.
    kind.markUnanswered = [](storage::Database &, const OutboxPost &, const Error &, storage::RowChanges &) { return Status(); };
    kind.settled = [this](const OutboxPost &p, const Queue::Try &result) {
        if (result.state == Queue::Try::State::Unanswered) {
            qCInfo(lcFeed) << "post not sent yet:" << result.error.codeName();
            return;
        }
        refreshPendingCount();
        if (result.state == Queue::Try::State::Sent)
            Q_EMIT postSent(p.clientId, result.answer.value(QStringLiteral("id")).toString());
    };
    m_queue = std::make_unique<Queue>(
        std::move(kind), RetryPolicy::posts(),
        [this]() -> sync::CacheWriter * { return m_context->writer(); },
        m_context->cache());
    // Reconnecting is when queued posts can go.
    connect(m_context, &AccountContext::onlineChanged, this, [this] {
        if (m_context->online() && m_store)
            m_queue->reconnected();
    });
    connect(m_context, &AccountContext::readyChanged, this, [this] {
        if (m_context->ready()) {
            if (!m_store) {
                if (auto st = start(); !st)
                    qCWarning(lcFeed) << "cannot open the feed store:" << st.error().codeName();
            }
        } else if (m_store) {
            // Sign-out deletes the cache: no connection may keep it alive.
            m_queue->close();
            m_store.reset();
            m_reader.reset();
            m_valuesOnTheirWay.clear();
            m_valueGeneration.clear();
            refreshPendingCount();
        }
    });
}

FeedService::~FeedService() = default;

Status FeedService::start()
{
    if (m_store)
        return {};
    if (!m_context->ready())
        return makeError(ErrorCode::CacheLocked, QStringLiteral("the session is not ready"));
    auto reader = m_context->cache()->openConnection(true);
    if (!reader)
        return reader.error();
    m_reader = std::move(reader).value();
    m_store = std::make_unique<FeedStore>(*m_reader);
    m_queue->open();
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

Status FeedService::validateText(const QString &text, int images)
{
    if (images > protocol::limits::kMaxPostImages)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A post shows at most %1 images.").arg(protocol::limits::kMaxPostImages),
                         {{QStringLiteral("field"), QStringLiteral("images")}});
    // With images the text may be empty, never only white space (like the server).
    if ((images == 0 || !text.isEmpty()) && text.trimmed().isEmpty())
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
    self.id = m_context->userId();
    self.handle = m_context->handle();
    self.displayName = m_context->displayName();
    return self.toJson();
}

void FeedService::emitChanges(const storage::RowChanges &changes)
{
    // On the one change stream, like a sync batch: the feed's models listen there only.
    if (!changes.touches(storage::Table::Posts) && !changes.touches(storage::Table::Users)
        && !changes.touches(storage::Table::PersonMutes))
        return;
    storage::Cache *c = cache();
    if (!c)
        return;
    c->publishWritten(changes);
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

QCoro::Task<Result<QString>> FeedService::post(QString text, QString replyTo, QList<media::OutgoingFile> images, QString clientId)
{
    if (!m_store)
        co_return notStarted();
    if (auto st = validateText(text, int(images.size())); !st)
        co_return st.error();
    QPointer<FeedService> self(this);
    // On disk (committed by the writer) before the first try.
    const QJsonObject me = selfJson();
    OutboxPost entry;
    entry.clientId = clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientId;
    entry.text = text;
    entry.replyTo = replyTo;
    entry.state = QStringLiteral("pending");
    entry.images = std::move(images);
    outbox::Outbox<OutboxPost, QJsonObject>::ItemStore store =
        [me](storage::Database &db, const OutboxPost &p, storage::RowChanges &changes) -> Result<OutboxPost> {
        auto queued = FeedStore(db).queuePost(p.text, p.replyTo, me, changes, p.clientId, p.images);
        if (!queued)
            return queued.error();
        return p;
    };
    QCoro::Task<Result<OutboxPost>> queueing = m_queue->add(entry, std::move(store));
    Result<OutboxPost> queued = co_await std::move(queueing);
    if (!self)
        co_return closedError();
    if (!queued)
        co_return queued.error();
    if (!m_store)
        co_return closedError();
    clientId = queued->clientId;
    refreshPendingCount();
    Q_EMIT postQueued(storage::localPostId(clientId), clientId);
    if (m_context->online()) {
        // A round: the posts queued before it first, then this one. The post is safe in the
        // outbox: a failure to send now is not the caller's error, a refusal is.
        QCoro::Task<Result<outbox::Round>> sending = m_queue->flush();
        auto round = co_await std::move(sending);
        if (!self)
            co_return clientId;
        if (round && round->refused.contains(clientId))
            co_return round->refused.value(clientId);
    }
    co_return clientId;
}

QCoro::Task<Result<QJsonObject>> FeedService::sendPost(OutboxPost entry)
{
    QPointer<FeedService> self(this);
    QJsonObject body{{QStringLiteral("client_id"), entry.clientId}};
    if (!entry.text.isEmpty() || entry.images.isEmpty())
        body.insert(QStringLiteral("text"), entry.text);
    if (!entry.replyTo.isEmpty())
        body.insert(QStringLiteral("reply_to"), entry.replyTo);
    if (!entry.images.isEmpty()) {
        // Its images first, each resumed where the row says it is; then the post, once.
        QCoro::Task<Result<QList<media::OutgoingFile>>> uploading = uploadImagesOf(entry);
        auto uploaded = co_await std::move(uploading);
        if (!self)
            co_return closedError();
        if (!uploaded)
            co_return uploaded.error();
        body.insert(QStringLiteral("images"), media::attachmentRefs(*uploaded));
    }
    setBusy(true);
    auto reply = co_await m_context->api()->post(protocol::endpoints::posts(), body);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<int>> FeedService::sendPending()
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    QCoro::Task<Result<outbox::Round>> sending = m_queue->flush();
    auto round = co_await std::move(sending);
    if (!self || !m_store)
        co_return closedError();
    refreshPendingCount();
    if (!round)
        co_return round.error();
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
        reply = co_await m_context->api()->post(path, QJsonObject());
    else
        reply = co_await m_context->api()->del(path);
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
    auto reply = co_await m_context->api()->del(protocol::endpoints::post(postId));
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

namespace {

// Built outside the coroutines (GCC 12 miscompiles QStringLiteral initializers inside them).
QJsonObject editBody(const QString &text)
{
    return {{QStringLiteral("text"), text}};
}

QJsonObject quoteBody(const QString &quotedId, const QString &text)
{
    return {{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("text"), text},
            {QStringLiteral("quote_of"), quotedId}};
}

QString postIdOf(const QJsonObject &post)
{
    return post.value(QStringLiteral("id")).toString();
}

} // namespace

QCoro::Task<Status> FeedService::editPost(QString postId, QString text)
{
    if (!m_store)
        co_return notStarted();
    if (auto st = validateText(text); !st)
        co_return st;
    QPointer<FeedService> self(this);
    setBusy(true);
    const QJsonObject body = editBody(text);
    auto reply = co_await m_context->api()->patch(protocol::endpoints::post(postId), body);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!m_store)
        co_return closedError();
    if (!reply)
        co_return reply.error();
    QCoro::Task<Result<QString>> storing = storeAnswer(reply->body);
    auto stored = co_await std::move(storing);
    co_return stored ? Status() : Status(stored.error());
}

QCoro::Task<Result<QString>> FeedService::quotePost(QString quotedId, QString text)
{
    if (!m_store)
        co_return notStarted();
    if (auto st = validateText(text); !st)
        co_return st.error();
    QPointer<FeedService> self(this);
    const QJsonObject body = quoteBody(quotedId, text);
    setBusy(true);
    auto reply = co_await m_context->api()->post(protocol::endpoints::posts(), body);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!m_store)
        co_return closedError();
    if (!reply)
        co_return reply.error();
    const QString id = postIdOf(reply->body);
    QCoro::Task<Result<QString>> storing = storeAnswer(reply->body);
    auto stored = co_await std::move(storing);
    if (!stored)
        co_return stored.error();
    co_return id;
}

QCoro::Task<Status> FeedService::setBookmarked(QString postId, bool on)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    const QString path = protocol::endpoints::postBookmark(postId);
    setBusy(true);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (on)
        reply = co_await m_context->api()->putBytes(path, QUrlQuery(), QByteArray());
    else
        reply = co_await m_context->api()->del(path);
    if (!self)
        co_return closedError();
    setBusy(false);
    if (!m_store)
        co_return closedError();
    if (!reply)
        co_return reply.error();
    auto post = protocol::decodeReply<protocol::Post>(reply->body);
    if (!post)
        co_return post.error();
    // The same as the bookmark.changed that sync brings (applying both changes nothing more).
    protocol::BookmarkChange change;
    change.postId = post->id;
    change.bookmarked = on;
    change.changedAt = Clock::instance()->nowUtc();
    change.post = std::move(*post);
    WriteFn storing = [change](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storeBookmark(change, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(storing));
    auto stored = co_await std::move(task);
    co_return stored ? Status() : Status(stored.error());
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
        reply = co_await m_context->api()->post(path, QJsonObject());
    else
        reply = co_await m_context->api()->del(path);
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
    auto reply = co_await m_context->api()->get(path, query);
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
    // The bookmarks list (newest bookmark first): the ones sync has not brought yet (a new
    // device, or before its first sync ends) are kept now, a millisecond apart in the list's
    // order, so the Bookmarks page shows them at once; the bookmark.changed of each, when sync
    // applies it, writes its real time (INSERT OR REPLACE), and one removed since removes it.
    const bool bookmarkList = path == protocol::endpoints::bookmarks();
    const QDateTime listedAt = Clock::instance()->nowUtc();
    WriteFn storingPage = [items, bookmarkList, listedAt](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storePosts(items, changes); !st)
            return st.error();
        if (!bookmarkList || items.isEmpty())
            return QString();
        const Status listed = store.db().transaction([&]() -> Status {
            auto stmt = store.db().prepare(
                QStringLiteral("INSERT OR IGNORE INTO bookmarks (post_id, bookmarked_at) VALUES (?1, ?2);"));
            if (!stmt)
                return stmt.error();
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (!items.at(i).bookmarkedByMe)
                    continue;
                stmt->reset();
                stmt->bindAll(items.at(i).id, protocol::formatTime(listedAt.addMSecs(-i)));
                if (auto st = stmt->exec(); !st)
                    return st;
                if (store.db().changes() > 0)
                    changes.add(storage::Table::Posts, items.at(i).id);
            }
            return {};
        });
        if (!listed)
            return listed.error();
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
    auto reply = co_await m_context->api()->get(protocol::endpoints::post(postId));
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
    auto reply = co_await m_context->api()->get(protocol::endpoints::user(userId));
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

QCoro::Task<void> FeedService::reportAction(QString action, QString postId, QCoro::Task<Status> task)
{
    QPointer<FeedService> self(this);
    const Status st = co_await std::move(task);
    if (!self)
        co_return;
    if (st) {
        Q_EMIT actionDone(action, postId);
        co_return;
    }
    fail(st.error());
    if (self)
        Q_EMIT actionRefused(action, postId, st.error().codeName(), st.error().field());
}

QCoro::Task<void> FeedService::composeTask(QString text, QString replyTo)
{
    QPointer<FeedService> self(this);
    auto queued = co_await post(text, replyTo);
    if (self && !queued)
        fail(queued.error());
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
    sync::CacheWriter *writer = m_context->writer();
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
    reportAction(QStringLiteral("delete"), postId, deletePost(postId));
}

bool FeedService::edit(const QString &postId, const QString &text)
{
    if (auto st = validateText(text); !st) {
        fail(st.error());
        Q_EMIT actionRefused(QStringLiteral("edit"), postId, st.error().codeName(), st.error().field());
        return false;
    }
    reportAction(QStringLiteral("edit"), postId, editPost(postId, text));
    return true;
}

bool FeedService::quote(const QString &quotedId, const QString &text)
{
    if (auto st = validateText(text); !st) {
        fail(st.error());
        Q_EMIT actionRefused(QStringLiteral("quote"), quotedId, st.error().codeName(), st.error().field());
        return false;
    }
    reportAction(QStringLiteral("quote"), quotedId, quoteTask(quotedId, text));
    return true;
}

QCoro::Task<Status> FeedService::quoteTask(QString quotedId, QString text)
{
    QCoro::Task<Result<QString>> task = quotePost(quotedId, text);
    auto quoted = co_await std::move(task);
    co_return quoted ? Status() : Status(quoted.error());
}

void FeedService::bookmark(const QString &postId)
{
    reportAction(QStringLiteral("bookmark"), postId, setBookmarked(postId, true));
}

void FeedService::unbookmark(const QString &postId)
{
    reportAction(QStringLiteral("unbookmark"), postId, setBookmarked(postId, false));
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
    if (m_store)
        m_queue->kick();
}

void FeedService::discard(const QString &clientId)
{
    if (!m_store)
        return fail(notStarted());
    m_abandoned.insert(clientId); // its uploads stop before their next chunk
    report(discardTask(clientId));
}

QCoro::Task<Status> FeedService::discardTask(QString clientId)
{
    QPointer<FeedService> self(this);
    OutboxPost entry;
    entry.clientId = clientId;
    outbox::Outbox<OutboxPost, QJsonObject>::ItemWrite discarding =
        [](storage::Database &db, const OutboxPost &p, storage::RowChanges &changes) {
            return FeedStore(db).discard(p.clientId, changes);
        };
    QCoro::Task<Status> task = m_queue->change(entry, std::move(discarding));
    const Status discarded = co_await std::move(task);
    if (!self || !m_store)
        co_return closedError();
    refreshPendingCount();
    co_return discarded;
}

storage::Cache *FeedService::cache() const
{
    return m_context ? m_context->cache() : nullptr;
}

} // namespace plaza::feed
