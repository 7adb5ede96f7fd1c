// SPDX-License-Identifier: MIT
#include "users.h"
#include "protocol/events.h"

#include "clock.h"
#include "eventlog.h"
#include "router.h"
#include "routes.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"

#include <QJsonArray>

namespace plaza::server {

namespace {

constexpr int kMaxSearchResults = 20;
constexpr qsizetype kMaxQueryChars = 50;

const QString kUserColumns = QStringLiteral(
    "u.id, u.handle, u.display_name, u.kind, u.verified, "
    "(SELECT count(*) FROM follows f WHERE f.followee_id = u.id), "
    "(SELECT count(*) FROM follows f WHERE f.follower_id = u.id), "
    "EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ?1 AND f.followee_id = u.id)");

protocol::User userFromRow(const Rows &s)
{
    protocol::User u;
    u.id = ids::format(ids::kUser, s.int64(0));
    u.handle = s.text(1);
    u.displayName = s.text(2);
    u.kind = s.text(3);
    u.verified = s.int64(4) != 0;
    u.followers = s.int64(5);
    u.following = s.int64(6);
    u.followedByMe = s.int64(7) != 0;
    return u;
}

Error noSuchUser()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such user."));
}

// LIKE pattern for "starts with text", with LIKE's wildcards taken literally.
QString prefixPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    return escaped + u'%';
}

Status logUserUpdates(ServerDb &db, qint64 followerId, qint64 followeeId)
{
    // The follower's log: the followed user as the follower now sees them.
    auto seenByFollower = loadUser(db, followerId, followeeId);
    if (!seenByFollower)
        return seenByFollower.error();
    if (auto seq
        = appendEvent(db, followerId, protocol::eventName(protocol::EventType::UserUpdated), seenByFollower->toJson());
        !seq)
        return seq.error();
    // The followee's log: their own profile with the new follower count.
    auto own = loadUser(db, followeeId, followeeId);
    if (!own)
        return own.error();
    if (auto seq = appendEvent(db, followeeId, protocol::eventName(protocol::EventType::UserUpdated), own->toJson());
        !seq)
        return seq.error();
    return {};
}

std::optional<qint64> userIdParam(const RequestContext &ctx)
{
    return ids::parse(ids::kUser, ctx.param(QStringLiteral("id")));
}

} // namespace

Result<protocol::User> loadUser(ServerDb &db, qint64 viewerId, qint64 userId)
{
    auto row = db.row(QStringLiteral("SELECT %1 FROM users u WHERE u.id = ?2").arg(kUserColumns), viewerId, userId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchUser();
    auto &stmt = *row;
    return userFromRow(*stmt);
}

Result<qint64> createUser(ServerDb &db, const NewUser &user, qint64 nowMs)
{
    auto taken = db.integer(QStringLiteral("SELECT id FROM users WHERE handle = ?1"), user.handle);
    if (!taken)
        return taken.error();
    if (taken->has_value())
        return makeError(ErrorCode::Conflict, QStringLiteral("This handle is taken."),
                         {{QStringLiteral("field"), QStringLiteral("handle")}});
    return db.insert(
        QStringLiteral("INSERT INTO users (handle, display_name, kind, verified, password_hash, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        user.handle, user.displayName, user.kind, user.verified, user.passwordHash, nowMs);
}

Result<bool> follow(ServerDb &db, qint64 followerId, qint64 followeeId, qint64 nowMs)
{
    if (followerId == followeeId)
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("You cannot follow yourself."),
                         {{QStringLiteral("field"), QStringLiteral("id")}});
    if (auto exists = loadUser(db, followerId, followeeId); !exists)
        return exists.error();
    if (auto blocked = refuseIfBlocked(db, followerId, followeeId); !blocked)
        return blocked.error();
    auto added = db.change(
        db.insertOrIgnore(QStringLiteral("INTO follows (follower_id, followee_id, created_at) VALUES (?1, ?2, ?3)")),
        followerId, followeeId, nowMs);
    if (!added)
        return added.error();
    if (*added == 0)
        return false;
    if (auto st = logUserUpdates(db, followerId, followeeId); !st)
        return st.error();
    return true;
}

Result<bool> unfollow(ServerDb &db, qint64 followerId, qint64 followeeId)
{
    if (auto exists = loadUser(db, followerId, followeeId); !exists)
        return exists.error();
    auto removed = db.change(
        QStringLiteral("DELETE FROM follows WHERE follower_id = ?1 AND followee_id = ?2"), followerId, followeeId);
    if (!removed)
        return removed.error();
    if (*removed == 0)
        return false;
    if (auto st = logUserUpdates(db, followerId, followeeId); !st)
        return st.error();
    return true;
}

void registerUserRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;

    router.add(Router::Method::Get, QStringLiteral("/v1/me"), Router::NoFlags, [&db](RequestContext &ctx) {
        auto user = loadUser(db, ctx.userId, ctx.userId);
        return user ? Response::ok(user->toJson()) : Response::error(user.error());
    });

    router.add(Router::Method::Get, QStringLiteral("/v1/users"), Router::NoFlags, [&db](RequestContext &ctx) {
        const QString text = ctx.queryValue(QStringLiteral("query")).value_or(QString()).trimmed();
        if (text.isEmpty() || text.size() > kMaxQueryChars)
            return Response::invalidField(QStringLiteral("query"),
                                          QStringLiteral("query must be 1 to %1 characters").arg(kMaxQueryChars));
        // Handles are lower case; display names match at their start or at the start of any word.
        const QString pattern = prefixPattern(text);
        auto stmt = db.query(QStringLiteral("SELECT %1 FROM users u WHERE (u.handle %2 ?2 ESCAPE '\\' "
                                            "OR u.display_name %2 ?2 ESCAPE '\\' OR u.display_name %2 ?3 ESCAPE '\\') "
                                            "AND u.id NOT IN (SELECT user_id FROM deleted_users) "  // deleted accounts are not found
                                            "AND u.id NOT IN (SELECT blocker_id FROM blocks WHERE blocked_id = ?1) "  // nor those who blocked the caller
                                            "ORDER BY (u.handle = ?4) DESC, (u.handle %2 ?2 ESCAPE '\\') DESC, u.handle "
                                            "LIMIT ?5")
                                 .arg(kUserColumns, db.like()),
                             ctx.userId, pattern, QStringLiteral("% ") + pattern, text.toLower(), kMaxSearchResults);
        if (!stmt)
            return Response::error(stmt.error());
        QJsonArray items;
        for (;;) {
            auto row = stmt->step();
            if (!row)
                return Response::error(row.error());
            if (!*row)
                break;
            items.append(userFromRow(*stmt).toJson());
        }
        return Response::ok({{QStringLiteral("items"), items}, {QStringLiteral("next_before"), QJsonValue::Null}});
    });

    router.add(Router::Method::Get, QStringLiteral("/v1/users/{id}"), Router::NoFlags, [&db](RequestContext &ctx) {
        const auto id = userIdParam(ctx);
        if (!id)
            return Response::error(noSuchUser());
        auto user = loadUser(db, ctx.userId, *id);
        return user ? Response::ok(user->toJson()) : Response::error(user.error());
    });

    router.add(Router::Method::Post, QStringLiteral("/v1/users/{id}/follow"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const auto id = userIdParam(ctx);
                   if (!id)
                       return Response::error(noSuchUser());
                   const Status st = db.write([&]() -> Status {
                       auto changed = follow(db, ctx.userId, *id, clock.nowMs());
                       return changed ? Status() : Status(changed.error());
                   });
                   return st ? Response::noContent() : Response::error(st.error());
               });

    router.add(Router::Method::Delete, QStringLiteral("/v1/users/{id}/follow"), Router::NoFlags,
               [&db](RequestContext &ctx) {
                   const auto id = userIdParam(ctx);
                   if (!id)
                       return Response::error(noSuchUser());
                   const Status st = db.write([&]() -> Status {
                       auto changed = unfollow(db, ctx.userId, *id);
                       return changed ? Status() : Status(changed.error());
                   });
                   return st ? Response::noContent() : Response::error(st.error());
               });
}

} // namespace plaza::server
