// SPDX-License-Identifier: MIT
// Group management (docs/api.md "Groups", issue 17):
// - PATCH /v1/conversations/{id} renames a group (admins);
// - POST /v1/conversations/{id}/members adds people (admins; nobody who blocked the adder or
//   whom the adder blocked; at most kMaxGroupMembers in all);
// - DELETE /v1/conversations/{id}/members/{user} removes a member (admins) or, for oneself,
//   leaves (anyone).
// Roles: the creator is the first admin. When the last admin leaves (or is removed), the
// member who joined first becomes admin, with a "promoted" line. Every change is a system
// message (message.created) and conversation.updated in every member's log; someone who left
// or was removed gets those two once more, then nothing: their history stops at that line
// (conversation_departures), they read up to it and cannot post. Direct chats refuse all of it
// (409 Conflict).

#include "clock.h"
#include "conversations.h"
#include "eventlog.h"
#include "messages.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "router.h"
#include "routes.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"

#include <QJsonArray>

namespace plaza::server {

namespace {

constexpr qsizetype kMaxGroupMembers = 50; // the creator and 49 others, as at creation
constexpr qsizetype kMaxTitleChars = 100;

struct Group {
    qint64 id = 0;
    QString role; //!< the caller's: "admin" or "member"
};

//! The group of the route's {id} and the caller's role in it, or the answer: 404 no such
//! conversation, 403 not a member, 409 a direct chat.
std::variant<Group, Response> callerGroup(ServerDb &db, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kConversation, ctx.param(QStringLiteral("id")));
    auto kind = id ? db.row(QStringLiteral("SELECT kind FROM conversations WHERE id = ?1"), *id)
                   : Result<std::optional<Rows>>(std::optional<Rows>());
    if (!kind)
        return Response::error(kind.error());
    if (!kind->has_value())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such conversation."));
    const bool direct = (*kind)->text(0) == u"direct";
    kind->reset();
    auto role = memberRole(db, *id, ctx.userId);
    if (!role)
        return Response::error(role.error());
    if (role->isNull())
        return Response::error(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."));
    if (direct)
        return Response::error(ErrorCode::Conflict,
                               QStringLiteral("A direct chat has no members to manage or title to change: start a group instead."),
                               {{QStringLiteral("reason"), QStringLiteral("direct")}});
    return Group{*id, *role};
}

Response adminsOnly(const QString &what)
{
    return Response::error(ErrorCode::Forbidden, QStringLiteral("Only an admin of this group can %1.").arg(what),
                           {{QStringLiteral("reason"), QStringLiteral("not_admin")}});
}

Response conversationAnswer(ServerDb &db, qint64 viewerId, qint64 conversationId)
{
    auto json = conversationJson(db, viewerId, conversationId);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response renameHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto group = callerGroup(db, ctx);
    if (auto *r = std::get_if<Response>(&group))
        return *r;
    const Group g = std::get<Group>(group);
    protocol::JsonReader r(ctx.body);
    const QString title = r.string(QStringLiteral("title")).trimmed();
    if (!r.ok())
        return Response::error(r.error());
    if (title.isEmpty() || title.size() > kMaxTitleChars)
        return Response::invalidField(QStringLiteral("title"),
                                      QStringLiteral("title must be 1 to %1 characters").arg(kMaxTitleChars));
    if (g.role != u"admin")
        return adminsOnly(QStringLiteral("rename it"));
    const Status st = db.write([&]() -> Status {
        auto current = db.row(QStringLiteral("SELECT title FROM conversations WHERE id = ?1"), g.id);
        if (!current)
            return current.error();
        const QString was = current->has_value() ? (*current)->textOrNull(0) : QString();
        current->reset();
        if (was == title)
            return {}; // already so: nothing is logged
        if (auto s = db.run(QStringLiteral("UPDATE conversations SET title = ?2 WHERE id = ?1"), g.id, title); !s)
            return s;
        auto line = postSystemMessage(db, g.id, ctx.userId, QStringLiteral("renamed"), 0, title, clock.nowMs());
        return line ? Status() : Status(line.error());
    });
    if (!st)
        return Response::error(st.error());
    return conversationAnswer(db, ctx.userId, g.id);
}

Response addHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto group = callerGroup(db, ctx);
    if (auto *r = std::get_if<Response>(&group))
        return *r;
    const Group g = std::get<Group>(group);
    protocol::JsonReader r(ctx.body);
    const QJsonArray raw = r.array(QStringLiteral("member_ids"));
    if (!r.ok())
        return Response::error(r.error());
    QList<qint64> wanted;
    for (const QJsonValue &v : raw) {
        if (!v.isString())
            return Response::invalidField(QStringLiteral("member_ids"), QStringLiteral("member_ids must be user ids"));
        const qint64 id = ids::parse(ids::kUser, v.toString()).value_or(0);
        auto exists = db.integer(QStringLiteral("SELECT id FROM users WHERE id = ?1"), id);
        if (!exists)
            return Response::error(exists.error());
        if (!exists->has_value())
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."),
                                   {{QStringLiteral("field"), QStringLiteral("member_ids")}});
        if (!wanted.contains(**exists))
            wanted.append(**exists);
    }
    if (wanted.isEmpty() || wanted.size() > kMaxGroupMembers)
        return Response::invalidField(QStringLiteral("member_ids"),
                                      QStringLiteral("member_ids must name 1 to %1 people").arg(kMaxGroupMembers));
    if (g.role != u"admin")
        return adminsOnly(QStringLiteral("add people"));
    const Status st = db.write([&]() -> Status {
        auto members = memberIds(db, g.id);
        if (!members)
            return members.error();
        QList<qint64> added;
        for (qint64 id : std::as_const(wanted)) {
            if (!members->contains(id))
                added.append(id);
        }
        if (added.isEmpty())
            return {}; // everyone named is already in: nothing is logged
        if (members->size() + added.size() > kMaxGroupMembers)
            return makeError(ErrorCode::ValidationFailed,
                             QStringLiteral("A group has at most %1 members (this one has %2).")
                                 .arg(kMaxGroupMembers)
                                 .arg(members->size()),
                             {{QStringLiteral("field"), QStringLiteral("member_ids")},
                              {QStringLiteral("limit"), kMaxGroupMembers}});
        const qint64 now = clock.nowMs();
        for (qint64 id : std::as_const(added)) {
            if (auto blocked = refuseIfBlocked(db, ctx.userId, id); !blocked)
                return blocked;
            if (auto s = db.run(QStringLiteral("DELETE FROM conversation_departures WHERE conversation_id = ?1 AND user_id = ?2"),
                                g.id, id);
                !s)
                return s;
            if (auto s = db.run(QStringLiteral("INSERT INTO conversation_members (conversation_id, user_id, joined_at, role) "
                                               "VALUES (?1, ?2, ?3, 'member')"),
                                g.id, id, now);
                !s)
                return s;
            auto line = postSystemMessage(db, g.id, ctx.userId, QStringLiteral("added"), id, {}, now, {},
                                          Announce::MessageOnly);
            if (!line)
                return line.error();
        }
        // One conversation.updated per member after all the lines (each line's own would cost
        // a conversation for every member per person added).
        auto everyone = memberIds(db, g.id);
        if (!everyone)
            return everyone.error();
        return logConversationTo(db, g.id, *everyone);
    });
    if (!st)
        return Response::error(st.error());
    return conversationAnswer(db, ctx.userId, g.id);
}

Response removeHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto group = callerGroup(db, ctx);
    if (auto *r = std::get_if<Response>(&group))
        return *r;
    const Group g = std::get<Group>(group);
    const QString param = ctx.param(QStringLiteral("user"));
    std::optional<qint64> target = ids::parse(ids::kUser, param);
    if (param.startsWith(u'@')) {
        auto byHandle = db.integer(QStringLiteral("SELECT id FROM users WHERE handle = ?1"), param.mid(1));
        if (!byHandle)
            return Response::error(byHandle.error());
        target = *byHandle;
    }
    if (!target)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."));
    const bool leaving = *target == ctx.userId;
    if (!leaving && g.role != u"admin")
        return adminsOnly(QStringLiteral("remove people"));
    auto role = memberRole(db, g.id, *target);
    if (!role)
        return Response::error(role.error());
    if (role->isNull())
        return Response::error(ErrorCode::NotFound, QStringLiteral("This person is not a member of this group."));
    const Status st = db.write([&]() -> Status {
        const qint64 now = clock.nowMs();
        // The line first, while the one who goes is still a member; then they go.
        auto line = postSystemMessage(db, g.id, ctx.userId, leaving ? QStringLiteral("left") : QStringLiteral("removed"),
                                      leaving ? 0 : *target, {}, now);
        if (!line)
            return line.error();
        if (auto s = db.run(QStringLiteral("DELETE FROM conversation_members WHERE conversation_id = ?1 AND user_id = ?2"),
                            g.id, *target);
            !s)
            return s;
        if (auto s = db.run(QStringLiteral("DELETE FROM conversation_departures WHERE conversation_id = ?1 AND user_id = ?2"),
                            g.id, *target);
            !s)
            return s;
        if (auto s = db.run(QStringLiteral("INSERT INTO conversation_departures (conversation_id, user_id, reason, up_to, "
                                           "departed_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                            g.id, *target, leaving ? QStringLiteral("left") : QStringLiteral("removed"), *line, now);
            !s)
            return s;
        if (auto s = db.run(QStringLiteral("DELETE FROM conversation_mutes WHERE conversation_id = ?1 AND user_id = ?2"),
                            g.id, *target);
            !s)
            return s;
        // The last admin gone: the member who joined first becomes admin.
        auto admins = db.integer(QStringLiteral("SELECT count(*) FROM conversation_members WHERE conversation_id = ?1 "
                                                "AND role = 'admin'"),
                                 g.id);
        if (!admins)
            return admins.error();
        auto members = memberIds(db, g.id);
        if (!members)
            return members.error();
        if (admins->value_or(0) == 0 && !members->isEmpty()) {
            const qint64 heir = members->constFirst();
            if (auto s = db.run(QStringLiteral("UPDATE conversation_members SET role = 'admin' WHERE conversation_id = ?1 "
                                               "AND user_id = ?2"),
                                g.id, heir);
                !s)
                return s;
            auto promoted = postSystemMessage(db, g.id, heir, QStringLiteral("promoted"), heir, {}, now);
            if (!promoted)
                return promoted.error();
        }
        // Everyone, and the one who went, gets the conversation as it now is (the line above
        // was logged with them still in it): for them it is left or removed, read-only.
        QList<qint64> told = *members;
        told.append(*target);
        return logConversationTo(db, g.id, told);
    });
    if (!st)
        return Response::error(st.error());
    return conversationAnswer(db, ctx.userId, g.id);
}

} // namespace

void registerGroupRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Patch, QStringLiteral("/v1/conversations/{id}"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return renameHandler(db, clock, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/conversations/{id}/members"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return addHandler(db, clock, ctx); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/conversations/{id}/members/{user}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return removeHandler(db, clock, ctx); });
}

} // namespace plaza::server
