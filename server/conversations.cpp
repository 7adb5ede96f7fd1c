// SPDX-License-Identifier: MIT
#include "conversations.h"
#include "protocol/events.h"

#include "clock.h"
#include "eventlog.h"
#include "ledger.h"
#include "messages.h"
#include "protocol/json.h"
#include "router.h"
#include "routes.h"
#include "requests.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"

#include <QJsonArray>

namespace plaza::server {

namespace {

constexpr qsizetype kMaxOtherMembers = 49;
constexpr qsizetype kMaxTitleChars = 100;

Error noSuchConversation()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such conversation."));
}

QString directKey(qint64 a, qint64 b)
{
    return QStringLiteral("%1:%2").arg(std::min(a, b)).arg(std::max(a, b));
}

Response createHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QJsonArray rawMembers = r.array(QStringLiteral("member_ids"));
    QString title = r.optString(QStringLiteral("title"));
    if (!r.ok())
        return Response::error(r.error());

    QList<qint64> others;
    for (const QJsonValue &v : rawMembers) {
        if (!v.isString())
            return Response::invalidField(QStringLiteral("member_ids"), QStringLiteral("member_ids must be user ids"));
        const auto id = ids::parse(ids::kUser, v.toString());
        if (!id)
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."),
                                   {{QStringLiteral("field"), QStringLiteral("member_ids")}});
        if (*id != ctx.userId && !others.contains(*id))
            others.append(*id);
    }
    if (others.isEmpty() || others.size() > kMaxOtherMembers)
        return Response::invalidField(QStringLiteral("member_ids"),
                                      QStringLiteral("member_ids must name 1 to %1 other people").arg(kMaxOtherMembers));
    if (!title.isNull() && (title.trimmed().isEmpty() || title.size() > kMaxTitleChars))
        return Response::invalidField(QStringLiteral("title"),
                                      QStringLiteral("title must be 1 to %1 characters").arg(kMaxTitleChars));

    CreatedConversation created;
    const Status st = db.write([&]() -> Status {
        auto result = createConversation(db, ctx.userId, others, title, clock.nowMs());
        if (!result)
            return result.error();
        created = *result;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    auto json = conversationJson(db, ctx.userId, created.id);
    if (!json)
        return Response::error(json.error());
    return Response::json(created.existed ? 200 : 201, *json);
}

Response listHandler(ServerDb &db, RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());

    // Keyset paging on (last_activity_at, id), newest first; "before" names the last item seen.
    std::optional<qint64> beforeActivity;
    qint64 beforeId = 0;
    if (const auto before = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kConversation, *before);
        auto member = id ? isMember(db, *id, ctx.userId) : Result<bool>(false);
        if (!member)
            return Response::error(member.error());
        if (!*member)
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be one of your conversations"));
        auto activity = db.integer(QStringLiteral("SELECT last_activity_at FROM conversations WHERE id = ?1"), *id);
        if (!activity)
            return Response::error(activity.error());
        beforeActivity = activity->value_or(0);
        beforeId = *id;
    }

    const QString sql = QStringLiteral(
        "SELECT c.id FROM conversations c JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = ?1 "
        "WHERE (?2 = 0 OR c.last_activity_at < ?3 OR (c.last_activity_at = ?3 AND c.id < ?4)) AND %1 "
        "ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?5").arg(requestNotDeclinedSql(QStringLiteral("?1"), QStringLiteral("c")));
    auto page = db.integers(sql, ctx.userId, beforeActivity.has_value(), beforeActivity.value_or(0), beforeId, *limit + 1);
    if (!page)
        return Response::error(page.error());
    return Response::page(*page, *limit, ids::kConversation,
                          [&](qint64 id) { return conversationJson(db, ctx.userId, id); });
}

} // namespace

Result<protocol::Conversation> loadConversation(ServerDb &db, qint64 viewerId, qint64 conversationId)
{
    auto row = db.row(QStringLiteral("SELECT kind, title FROM conversations WHERE id = ?1"), conversationId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchConversation();
    auto &stmt = *row;
    protocol::Conversation c;
    c.id = ids::format(ids::kConversation, conversationId);
    c.kind = stmt->text(0);
    if (const QString title = stmt->textOrNull(1); !title.isNull())
        c.title = title;

    auto members = memberIds(db, conversationId);
    if (!members)
        return members.error();
    for (qint64 id : std::as_const(*members)) {
        auto user = loadUser(db, viewerId, id);
        if (!user)
            return user.error();
        c.members.append(*user);
    }
    auto admins = db.integers(QStringLiteral("SELECT user_id FROM conversation_members WHERE conversation_id = ?1 "
                                             "AND role = 'admin' ORDER BY joined_at, user_id"),
                              conversationId);
    if (!admins)
        return admins.error();
    for (qint64 id : std::as_const(*admins))
        c.adminIds.append(ids::format(ids::kUser, id));
    // Someone who left or was removed sees the conversation as it was up to then.
    qint64 upTo = 0;
    if (!members->contains(viewerId)) {
        auto gone = departure(db, conversationId, viewerId);
        if (!gone)
            return gone.error();
        if (gone->has_value()) {
            c.membership = (*gone)->reason;
            upTo = (*gone)->upTo;
        }
    }
    auto last = db.integer(QStringLiteral("SELECT max(id) FROM messages WHERE conversation_id = ?1 AND (?2 = 0 OR id <= ?2)"),
                           conversationId, upTo);
    if (!last)
        return last.error();
    if (last->has_value()) {
        auto message = loadMessage(db, viewerId, **last);
        if (!message)
            return message.error();
        c.lastMessage = *message;
    }
    auto read = readState(db, conversationId, viewerId, upTo);
    if (!read)
        return read.error();
    c.unread = read->unread;
    c.unreadMentions = read->unreadMentions;
    if (read->upTo)
        c.readUpTo = ids::format(ids::kMessage, read->upTo);
    if (auto st = loadMute(db, conversationId, viewerId, c); !st)
        return st.error();
    auto request = isPendingRequest(db, conversationId, viewerId);
    if (!request)
        return request.error();
    c.request = *request;
    return c;
}

Result<QJsonObject> conversationJson(ServerDb &db, qint64 viewerId, qint64 conversationId)
{
    auto conversation = loadConversation(db, viewerId, conversationId);
    if (!conversation)
        return conversation.error();
    return conversation->toJson();
}

Result<bool> isMember(ServerDb &db, qint64 conversationId, qint64 userId)
{
    auto found = db.integer(QStringLiteral("SELECT 1 FROM conversation_members WHERE conversation_id = ?1 AND user_id = ?2"),
                            conversationId, userId);
    if (!found)
        return found.error();
    return found->has_value();
}

Result<QList<qint64>> memberIds(ServerDb &db, qint64 conversationId)
{
    return db.integers(QStringLiteral("SELECT user_id FROM conversation_members WHERE conversation_id = ?1 "
                                      "ORDER BY joined_at, user_id"),
                       conversationId);
}

Result<std::optional<Departure>> departure(ServerDb &db, qint64 conversationId, qint64 userId)
{
    auto row = db.row(QStringLiteral("SELECT reason, up_to FROM conversation_departures WHERE conversation_id = ?1 "
                                     "AND user_id = ?2"),
                      conversationId, userId);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Departure>();
    return std::optional<Departure>(Departure{(*row)->text(0), (*row)->int64(1)});
}

Result<QString> memberRole(ServerDb &db, qint64 conversationId, qint64 userId)
{
    auto row = db.row(QStringLiteral("SELECT role FROM conversation_members WHERE conversation_id = ?1 AND user_id = ?2"),
                      conversationId, userId);
    if (!row)
        return row.error();
    if (!*row)
        return QString();
    return (*row)->text(0);
}

Result<CreatedConversation> createConversation(ServerDb &db, qint64 creatorId, const QList<qint64> &otherMembers,
                                               const QString &title, qint64 nowMs, RequestRule requests)
{
    for (qint64 id : otherMembers) {
        auto exists = db.integer(QStringLiteral("SELECT 1 FROM users WHERE id = ?1"), id);
        if (!exists)
            return exists.error();
        if (!exists->has_value())
            return makeError(ErrorCode::NotFound, QStringLiteral("No such user."),
                             {{QStringLiteral("field"), QStringLiteral("member_ids")}});
    }
    const bool direct = otherMembers.size() == 1 && title.isNull();
    QString key;
    if (direct) {
        key = directKey(creatorId, otherMembers.constFirst());
        auto existing = db.integer(QStringLiteral("SELECT id FROM conversations WHERE direct_key = ?1"), key);
        if (!existing)
            return existing.error();
        if (existing->has_value())
            return CreatedConversation{**existing, true};
    }
    // Nobody starts a conversation with someone who blocked them or whom they blocked
    // (an existing direct one is returned above: it stays readable).
    for (qint64 id : otherMembers) {
        if (auto blocked = refuseIfBlocked(db, creatorId, id); !blocked)
            return blocked.error();
    }

    auto inserted
        = db.insert(QStringLiteral("INSERT INTO conversations (kind, title, direct_key, created_by, created_at, "
                                   "last_activity_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"),
            direct ? QStringLiteral("direct") : QStringLiteral("group"), title, key, creatorId, nowMs);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;

    QList<qint64> everyone{creatorId};
    everyone += otherMembers;
    for (qint64 member : std::as_const(everyone)) {
        // The creator of a group is its first admin (docs/api.md "Groups").
        const bool admin = !direct && member == creatorId;
        if (auto st = db.run(QStringLiteral("INSERT INTO conversation_members (conversation_id, user_id, joined_at, role) "
                                            "VALUES (?1, ?2, ?3, ?4)"),
                             id, member, nowMs, admin ? QStringLiteral("admin") : QStringLiteral("member"));
            !st)
            return st.error();
    }
    if (direct && requests == RequestRule::Apply) {
        if (auto st = markRequestIfStranger(db, id, creatorId, otherMembers.constFirst()); !st)
            return st.error();
    }
    if (auto st = logConversationTo(db, id, everyone); !st)
        return st.error();
    return CreatedConversation{id, false};
}

Status logConversationTo(ServerDb &db, qint64 conversationId, const QList<qint64> &viewers)
{
    for (qint64 viewer : viewers) {
        auto json = conversationJson(db, viewer, conversationId);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, viewer, protocol::eventName(protocol::EventType::ConversationUpdated), *json);
            !seq)
            return seq.error();
    }
    return {};
}

std::variant<qint64, Response> currentMemberConversation(ServerDb &db, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kConversation, ctx.param(QStringLiteral("id")));
    auto exists = id ? db.integer(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1"), *id)
                     : Result<std::optional<qint64>>(std::optional<qint64>());
    if (!exists)
        return Response::error(exists.error());
    if (!exists->has_value())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such conversation."));
    auto member = isMember(db, *id, ctx.userId);
    if (!member)
        return Response::error(member.error());
    if (!*member)
        return Response::error(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."));
    return *id;
}

void registerConversationRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Post, QStringLiteral("/v1/conversations"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return createHandler(db, clock, ctx); });
    router.add(Router::Method::Get, QStringLiteral("/v1/conversations"), Router::NoFlags,
               [&db](RequestContext &ctx) { return listHandler(db, ctx); });
}

} // namespace plaza::server
