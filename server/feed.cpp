// SPDX-License-Identifier: MIT
// The feed's endpoints (api-v1 "Feed"): posts and what one does to them (posts.cpp), and
// the lists — home and discover timelines, a user's posts, a post's replies.

#include "clock.h"
#include "media.h"
#include "personmute.h"
#include "posts.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"

namespace plaza::server {

namespace {

// Discover offers what was posted in the last 30 days; older posts stay reachable through
// timelines, profiles and threads.
constexpr qint64 kDiscoverWindowMs = 30LL * 24 * 3600 * 1000;

struct PageQuery {
    qint64 limit = protocol::limits::kDefaultPageLimit;
    qint64 before = 0; //!< post row id, 0 for the first page
};

// Posts are paged by id: ids grow with creation, so "before" is a keyset cursor that stays
// right while new posts arrive on top.
Result<PageQuery> pageQuery(const RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return limit.error();
    PageQuery q;
    q.limit = *limit;
    if (const auto before = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kPost, *before);
        if (!id)
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("before must be a post id"),
                             {{QStringLiteral("field"), QStringLiteral("before")}});
        q.before = *id;
    }
    return q;
}

std::optional<qint64> postIdParam(const RequestContext &ctx)
{
    return ids::parse(ids::kPost, ctx.param(QStringLiteral("id")));
}

Response noSuchPost()
{
    return Response::error(ErrorCode::NotFound, QStringLiteral("No such post."));
}

// \a where may use ?1 (the caller), ?2 (\a param) and ?5 (the start of the discover window).
// \a leaveMutedOut: a timeline (home, discover), where the people the caller muted are left out.
Response listPosts(ServerDb &db, Clock &clock, const RequestContext &ctx, const QString &where, qint64 param,
                   bool leaveMutedOut = false)
{
    auto page = pageQuery(ctx);
    if (!page)
        return Response::error(page.error());
    const qint64 now = clock.nowMs();
    // Nobody sees the posts (and reposts) of someone they blocked or who blocked them.
    const QString muted = leaveMutedOut ? QStringLiteral(" AND ") + postNotMutedSql(QStringLiteral("?1"), QStringLiteral("p"))
                                        : QString();
    auto rows = db.integers(QStringLiteral("SELECT p.id FROM posts p WHERE p.deleted_at IS NULL AND (%1) "
                                           "AND (?3 = 0 OR p.id < ?3) AND ?5 IS NOT NULL AND %2%3 "
                                           "ORDER BY p.id DESC LIMIT ?4")
                                .arg(where, postNotBlockedSql(QStringLiteral("?1"), QStringLiteral("p")), muted),
                            ctx.userId, param, page->before, page->limit + 1, now - kDiscoverWindowMs);
    if (!rows)
        return Response::error(rows.error());
    return Response::page(*rows, page->limit, ids::kPost, [&](qint64 id) { return postJson(db, ctx.userId, id, now); });
}

Response createHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    NewPost post;
    post.authorId = ctx.userId;
    post.clientId = r.string(QStringLiteral("client_id"));
    // With images the text may be left out (or empty).
    const QJsonValue images = ctx.body.value(QStringLiteral("images"));
    post.text = images.isArray() && !images.toArray().isEmpty() ? r.optString(QStringLiteral("text"))
                                                                : r.string(QStringLiteral("text"));
    if (post.text.isNull())
        post.text = QStringLiteral("");
    const QString replyTo = r.optString(QStringLiteral("reply_to"));
    const QString quoteOf = r.optString(QStringLiteral("quote_of"));
    if (!r.ok())
        return Response::error(r.error());
    auto refs = media::parseRefs(images, QStringLiteral("images"), protocol::limits::kMaxPostImages);
    if (!refs)
        return Response::error(refs.error());
    post.images = *refs;
    if (!replyTo.isNull()) {
        const auto parent = ids::parse(ids::kPost, replyTo);
        if (!parent)
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such post."),
                                   {{QStringLiteral("field"), QStringLiteral("reply_to")}});
        post.replyTo = *parent;
        // The post of someone who blocked the caller (or whom the caller blocked) is not there for them.
        auto hidden = postHiddenByBlock(db, ctx.userId, *parent);
        if (!hidden)
            return Response::error(hidden.error());
        if (*hidden)
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such post."),
                                   {{QStringLiteral("field"), QStringLiteral("reply_to")}});
    }
    if (!quoteOf.isNull()) {
        // Only a post the caller can see may be quoted: unknown, deleted or blocked → 404.
        const auto quoted = ids::parse(ids::kPost, quoteOf);
        if (!quoted)
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such post."),
                                   {{QStringLiteral("field"), QStringLiteral("quote_of")}});
        post.quoteOf = *quoted;
        auto hidden = postHiddenByBlock(db, ctx.userId, *quoted);
        if (!hidden)
            return Response::error(hidden.error());
        if (*hidden)
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such post."),
                                   {{QStringLiteral("field"), QStringLiteral("quote_of")}});
    }
    CreatedPost created;
    const qint64 now = clock.nowMs();
    const Status st = db.write([&]() -> Status {
        auto result = createPost(db, post, now);
        if (!result)
            return result.error();
        created = *result;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    auto json = postJson(db, ctx.userId, created.id, now);
    if (!json)
        return Response::error(json.error());
    return Response::json(created.existed ? 200 : 201, *json);
}

// Like and repost, on and off: the same shape, answered with the post as the caller now sees it.
Response toggleHandler(ServerDb &db, Clock &clock, RequestContext &ctx, bool repost, bool on)
{
    const auto id = postIdParam(ctx);
    if (!id)
        return noSuchPost();
    const qint64 now = clock.nowMs();
    auto hidden = postHiddenByBlock(db, ctx.userId, *id);
    if (!hidden)
        return Response::error(hidden.error());
    if (*hidden)
        return noSuchPost();
    qint64 target = 0;
    const Status st = db.write([&]() -> Status {
        auto resolved = targetPost(db, *id);
        if (!resolved)
            return resolved.error();
        target = *resolved;
        auto changed = repost ? setReposted(db, ctx.userId, target, on, now) : setLiked(db, ctx.userId, target, on, now);
        return changed ? Status() : Status(changed.error());
    });
    if (!st)
        return Response::error(st.error());
    auto json = postJson(db, ctx.userId, target, now);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response editHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    const auto id = postIdParam(ctx);
    if (!id)
        return noSuchPost();
    protocol::JsonReader r(ctx.body);
    const QString text = r.string(QStringLiteral("text"));
    if (!r.ok())
        return Response::error(r.error());
    const qint64 now = clock.nowMs();
    const Status st = db.write([&]() -> Status {
        auto changed = editPost(db, ctx.userId, *id, text, now);
        return changed ? Status() : Status(changed.error());
    });
    if (!st)
        return Response::error(st.error());
    auto json = postJson(db, ctx.userId, *id, now);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response bookmarkHandler(ServerDb &db, Clock &clock, RequestContext &ctx, bool on)
{
    const auto id = postIdParam(ctx);
    if (!id)
        return noSuchPost();
    auto hidden = postHiddenByBlock(db, ctx.userId, *id);
    if (!hidden)
        return Response::error(hidden.error());
    if (*hidden)
        return noSuchPost();
    const qint64 now = clock.nowMs();
    qint64 target = 0;
    const Status st = db.write([&]() -> Status {
        auto resolved = targetPost(db, *id);
        if (!resolved)
            return resolved.error();
        target = *resolved;
        auto changed = setBookmarked(db, ctx.userId, target, on, now);
        return changed ? Status() : Status(changed.error());
    });
    if (!st)
        return Response::error(st.error());
    auto json = postJson(db, ctx.userId, target, now);
    return json ? Response::ok(*json) : Response::error(json.error());
}

// The caller's bookmarks, newest bookmark first, keyset on (created_at, post_id); "before" is
// a post of the list.
Response listBookmarks(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());
    std::optional<qint64> beforeAt;
    qint64 beforeId = 0;
    if (const auto before = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kPost, *before);
        auto at = id ? db.integer(QStringLiteral("SELECT created_at FROM post_bookmarks WHERE user_id = ?1 AND post_id = ?2"),
                                  ctx.userId, *id)
                     : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!at)
            return Response::error(at.error());
        if (!at->has_value())
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be a post you bookmarked"));
        beforeAt = **at;
        beforeId = *id;
    }
    auto page = db.integers(QStringLiteral("SELECT b.post_id FROM post_bookmarks b JOIN posts p ON p.id = b.post_id "
                                           "WHERE b.user_id = ?1 AND p.deleted_at IS NULL AND %1 "
                                           "AND (?2 = 0 OR b.created_at < ?3 OR (b.created_at = ?3 AND b.post_id < ?4)) "
                                           "ORDER BY b.created_at DESC, b.post_id DESC LIMIT ?5")
                                .arg(postNotBlockedSql(QStringLiteral("?1"), QStringLiteral("p"))),
                            ctx.userId, beforeAt.has_value(), beforeAt.value_or(0), beforeId, *limit + 1);
    if (!page)
        return Response::error(page.error());
    const qint64 now = clock.nowMs();
    return Response::page(*page, *limit, ids::kPost, [&](qint64 id) { return postJson(db, ctx.userId, id, now); });
}

} // namespace

void registerFeedRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;

    router.add(Router::Method::Post, QStringLiteral("/v1/posts"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return createHandler(db, clock, ctx); });

    router.add(Router::Method::Get, QStringLiteral("/v1/posts/{id}"), Router::NoFlags, [&db, &clock](RequestContext &ctx) {
        const auto id = postIdParam(ctx);
        if (!id)
            return noSuchPost();
        auto hidden = postHiddenByBlock(db, ctx.userId, *id);
        if (!hidden)
            return Response::error(hidden.error());
        if (*hidden)
            return noSuchPost();
        auto json = postJson(db, ctx.userId, *id, clock.nowMs());
        return json ? Response::ok(*json) : Response::error(json.error());
    });

    router.add(Router::Method::Delete, QStringLiteral("/v1/posts/{id}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const auto id = postIdParam(ctx);
                   if (!id)
                       return noSuchPost();
                   const Status st = db.write([&]() { return deletePost(db, ctx.userId, *id, clock.nowMs()); });
                   return st ? Response::noContent() : Response::error(st.error());
               });

    router.add(Router::Method::Patch, QStringLiteral("/v1/posts/{id}"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return editHandler(db, clock, ctx); });

    router.add(Router::Method::Put, QStringLiteral("/v1/posts/{id}/bookmark"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return bookmarkHandler(db, clock, ctx, true); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/posts/{id}/bookmark"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return bookmarkHandler(db, clock, ctx, false); });
    router.add(Router::Method::Get, QStringLiteral("/v1/bookmarks"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return listBookmarks(db, clock, ctx); });

    for (const bool repost : {false, true}) {
        const QString path = repost ? QStringLiteral("/v1/posts/{id}/repost") : QStringLiteral("/v1/posts/{id}/like");
        router.add(Router::Method::Post, path, Router::NoFlags, [&db, &clock, repost](RequestContext &ctx) {
            return toggleHandler(db, clock, ctx, repost, true);
        });
        router.add(Router::Method::Delete, path, Router::NoFlags, [&db, &clock, repost](RequestContext &ctx) {
            return toggleHandler(db, clock, ctx, repost, false);
        });
    }

    router.add(Router::Method::Get, QStringLiteral("/v1/posts/{id}/replies"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const auto id = postIdParam(ctx);
                   if (!id)
                       return noSuchPost();
                   auto target = targetPost(db, *id);
                   if (!target)
                       return Response::error(target.error());
                   return listPosts(db, clock, ctx, QStringLiteral("p.reply_to = ?2"), *target);
               });

    router.add(Router::Method::Get, QStringLiteral("/v1/users/{id}/posts"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const auto id = ids::parse(ids::kUser, ctx.param(QStringLiteral("id")));
                   if (!id)
                       return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."));
                   if (auto user = loadUser(db, ctx.userId, *id); !user)
                       return Response::error(user.error());
                   return listPosts(db, clock, ctx, QStringLiteral("p.author_id = ?2"), *id);
               });

    // Home: posts, replies and reposts by oneself and the people one follows (but not those one
    // muted, nor their reposts or reposts of them).
    router.add(Router::Method::Get, QStringLiteral("/v1/timeline/home"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   return listPosts(db, clock, ctx,
                                    QStringLiteral("p.author_id = ?1 OR p.author_id IN "
                                                   "(SELECT followee_id FROM follows WHERE follower_id = ?1)"),
                                    0, true);
               });

    // Discover: original posts (no replies, no reposts) from everyone in the window, newest
    // first, with their signals; the client ranks them (docs/ranking.md).
    router.add(Router::Method::Get, QStringLiteral("/v1/timeline/discover"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   return listPosts(db, clock, ctx,
                                    QStringLiteral("p.reply_to IS NULL AND p.repost_of IS NULL AND p.created_at >= ?5"),
                                    0, true);
               });
}

} // namespace plaza::server
