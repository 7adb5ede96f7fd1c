// SPDX-License-Identifier: MIT
// Muting a person in the feed (docs/api.md "Safety", issue 17): PUT/DELETE /v1/mutes/{user},
// GET /v1/mutes. The muter's alone: logged as person_mute.changed to the muter's own log (the
// muted person is not told, and nothing changes for them). Not a block: messages, payments and
// follows go on; only the muter's home and discover timelines leave the person's posts and
// reposts out (postNotMutedSql, used by feed.cpp).

#include "clock.h"
#include "eventlog.h"
#include "personmute.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"

#include <QDateTime>

namespace plaza::server {

QString postNotMutedSql(const QString &viewer, const QString &post)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM person_mutes pm WHERE pm.muter_id = %1 AND (pm.muted_id = %2.author_id "
                          "OR pm.muted_id = (SELECT mo.author_id FROM posts mo WHERE mo.id = %2.repost_of)))")
        .arg(viewer, post);
}

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

//! A user id ("u_12") or "@handle" of an existing user; nothing when there is none.
Result<std::optional<qint64>> resolveUser(ServerDb &db, const QString &text)
{
    if (text.startsWith(u'@'))
        return db.integer(QStringLiteral("SELECT id FROM users WHERE handle = ?1"), text.mid(1));
    const auto id = ids::parse(ids::kUser, text);
    if (!id)
        return std::optional<qint64>();
    return db.integer(QStringLiteral("SELECT id FROM users WHERE id = ?1"), *id);
}

Result<QJsonObject> muteJson(ServerDb &db, qint64 muterId, qint64 mutedId)
{
    auto at = db.integer(QStringLiteral("SELECT created_at FROM person_mutes WHERE muter_id = ?1 AND muted_id = ?2"), muterId,
                         mutedId);
    if (!at)
        return at.error();
    if (!at->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("You have not muted this person."));
    auto user = loadUser(db, muterId, mutedId);
    if (!user)
        return user.error();
    return protocol::PersonMute{*user, utc(**at)}.toJson();
}

Response setMuted(ServerDb &db, Clock &clock, RequestContext &ctx, bool muted)
{
    auto id = resolveUser(db, ctx.param(QStringLiteral("user")));
    if (!id)
        return Response::error(id.error());
    if (!id->has_value())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."));
    const qint64 otherId = **id;
    if (otherId == ctx.userId)
        return Response::invalidField(QStringLiteral("user"), QStringLiteral("You cannot mute yourself."));
    const qint64 now = clock.nowMs();
    const Status st = db.write([&]() -> Status {
        auto changed = muted ? db.change(db.insertOrIgnore(QStringLiteral("INTO person_mutes (muter_id, muted_id, created_at) "
                                                                          "VALUES (?1, ?2, ?3)")),
                                         ctx.userId, otherId, now)
                             : db.change(QStringLiteral("DELETE FROM person_mutes WHERE muter_id = ?1 AND muted_id = ?2"),
                                         ctx.userId, otherId);
        if (!changed)
            return changed.error();
        if (*changed == 0)
            return {}; // already so: nothing changes, nothing is logged
        auto user = loadUser(db, ctx.userId, otherId);
        if (!user)
            return user.error();
        const QJsonObject data = protocol::PersonMuteChange{*user, muted, utc(now)}.toJson();
        if (auto seq = appendEvent(db, ctx.userId, protocol::eventName(protocol::EventType::PersonMuteChanged), data); !seq)
            return seq.error();
        return {};
    });
    if (!st)
        return Response::error(st.error());
    if (!muted)
        return Response::noContent();
    auto json = muteJson(db, ctx.userId, otherId);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response listMutes(ServerDb &db, RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());
    // Newest mute first, keyset on (created_at, muted_id); "before" is a user of the list.
    std::optional<qint64> beforeAt;
    qint64 beforeId = 0;
    if (const auto before = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kUser, *before);
        auto at = id ? db.integer(QStringLiteral("SELECT created_at FROM person_mutes WHERE muter_id = ?1 AND muted_id = ?2"),
                                  ctx.userId, *id)
                     : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!at)
            return Response::error(at.error());
        if (!at->has_value())
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be someone you muted"));
        beforeAt = **at;
        beforeId = *id;
    }
    auto page = db.integers(QStringLiteral("SELECT muted_id FROM person_mutes WHERE muter_id = ?1 AND (?2 = 0 OR created_at < ?3 "
                                           "OR (created_at = ?3 AND muted_id < ?4)) "
                                           "ORDER BY created_at DESC, muted_id DESC LIMIT ?5"),
                            ctx.userId, beforeAt.has_value(), beforeAt.value_or(0), beforeId, *limit + 1);
    if (!page)
        return Response::error(page.error());
    return Response::page(*page, *limit, ids::kUser, [&](qint64 id) { return muteJson(db, ctx.userId, id); });
}

} // namespace

void registerPersonMuteRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Get, QStringLiteral("/v1/mutes"), Router::NoFlags,
               [&db](RequestContext &ctx) { return listMutes(db, ctx); });
    router.add(Router::Method::Put, QStringLiteral("/v1/mutes/{user}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return setMuted(db, clock, ctx, true); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/mutes/{user}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return setMuted(db, clock, ctx, false); });
}

} // namespace plaza::server
