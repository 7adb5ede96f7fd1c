// SPDX-License-Identifier: MIT
// The caller's sessions (docs/api.md "Sessions"): the devices signed in to the account,
// and ending one of them or all but one's own. Ending a session stops its refresh token,
// its access token and its open WebSockets at once.
#include "clock.h"
#include "credentials.h"
#include "livehub.h"
#include "protocol/json.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"

#include <QJsonArray>
#include <QJsonObject>

namespace plaza::server {

namespace {

constexpr QStringView kSession = u"s_";

QJsonValue timeOrNull(const Rows &stmt, int column)
{
    if (stmt.isNull(column))
        return QJsonValue::Null;
    return protocol::formatTime(QDateTime::fromMSecsSinceEpoch(stmt.int64(column), Qt::UTC));
}

Response listHandler(Services &s, const RequestContext &ctx)
{
    // Live sessions (an expired refresh token ends one too), then the ones ended by theft.
    auto stmt = s.db.query(QStringLiteral("SELECT i.session_id, i.device_name, i.platform, i.place, i.created_at, "
                                          "i.last_seen_at, i.ended_at, i.end_reason FROM session_info i "
                                          "LEFT JOIN sessions s ON s.id = i.session_id WHERE i.user_id = ?1 AND "
                                          "(i.ended_at IS NOT NULL OR s.refresh_expires_at > ?2) "
                                          "ORDER BY i.ended_at IS NOT NULL, i.last_seen_at DESC, i.session_id DESC"),
                           ctx.userId, s.clock.nowMs());
    if (!stmt)
        return Response::error(stmt.error());
    QJsonArray items;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return Response::error(row.error());
        if (!*row)
            break;
        const qint64 id = stmt->int64(0);
        items.append(QJsonObject{
            {QStringLiteral("id"), ids::format(kSession, id)},
            {QStringLiteral("device_name"), stmt->text(1)},
            {QStringLiteral("platform"), stmt->text(2)},
            {QStringLiteral("place"), stmt->text(3)},
            {QStringLiteral("created_at"), timeOrNull(*stmt, 4)},
            {QStringLiteral("last_seen_at"), timeOrNull(*stmt, 5)},
            {QStringLiteral("current"), id == ctx.sessionId},
            {QStringLiteral("ended_at"), timeOrNull(*stmt, 6)},
            {QStringLiteral("end_reason"), stmt->isNull(7) ? QJsonValue(QJsonValue::Null) : QJsonValue(stmt->text(7))},
        });
    }
    return Response::ok({{QStringLiteral("items"), items}});
}

Response endHandler(Services &s, const RequestContext &ctx)
{
    const auto id = ids::parse(kSession, ctx.param(QStringLiteral("id")));
    if (!id)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such session."));
    bool found = false;
    bool live = false;
    const Status st = s.db.write([&]() -> Status {
        auto info = s.db.query(QStringLiteral("SELECT i.ended_at IS NULL, s.id IS NOT NULL FROM session_info i "
                                              "LEFT JOIN sessions s ON s.id = i.session_id "
                                              "WHERE i.session_id = ?1 AND i.user_id = ?2"),
                               *id, ctx.userId);
        if (!info)
            return info.error();
        auto row = info->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        found = true;
        live = info->int64(0) != 0 && info->int64(1) != 0;
        // A live session ends; an ended one (kept because of theft) leaves the list.
        return credentials::endSession(s.db, *id);
    });
    if (!st)
        return Response::error(st.error());
    if (!found) // also someone else's: nothing says it exists
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such session."));
    if (live)
        s.hub.closeSession(*id);
    return Response::noContent();
}

Response endOthersHandler(Services &s, const RequestContext &ctx)
{
    QList<qint64> ended;
    const Status st = s.db.write([&]() -> Status {
        auto others = credentials::otherSessions(s.db, ctx.userId, ctx.sessionId);
        if (!others)
            return others.error();
        for (qint64 id : std::as_const(*others)) {
            if (auto done = credentials::endSession(s.db, id); !done)
                return done;
        }
        ended = *others;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    for (qint64 id : std::as_const(ended))
        s.hub.closeSession(id);
    return Response::ok({{QStringLiteral("ended"), qint64(ended.size())}});
}

} // namespace

void registerSessionRoutes(Router &router, Services &services)
{
    Services *s = &services;
    router.add(Router::Method::Get, QStringLiteral("/v1/sessions"), Router::NoFlags,
               [s](RequestContext &ctx) { return listHandler(*s, ctx); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/sessions/{id}"), Router::NoFlags,
               [s](RequestContext &ctx) { return endHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/sessions/end-others"), Router::NoFlags,
               [s](RequestContext &ctx) { return endOthersHandler(*s, ctx); });
}

} // namespace plaza::server
