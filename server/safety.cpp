// SPDX-License-Identifier: MIT
// Safety's routes (docs/api.md "Safety", issue 17):
// - blocks: PUT/DELETE /v1/blocks/{user}, GET /v1/blocks. A block ends the follows both ways
//   and the open payment requests between the two, and logs block.changed to the blocker's
//   own log only (the blocked person is not told). What a block forbids elsewhere is in
//   safetyrules.cpp.
// - mutes: PUT/DELETE /v1/conversations/{id}/mute, the caller's alone; logged as
//   conversation.updated (the Conversation with its muted and muted_until) to the caller.
// - reports: POST /v1/reports, stored for review; a payment request may be declined in the
//   same transaction.

#include "clock.h"
#include "conversations.h"
#include "eventlog.h"
#include "ledger.h"
#include "posts.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "router.h"
#include "routes.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"
#include "wallet.h"

#include <QDateTime>
#include <QJsonArray>

namespace plaza::server {

namespace {

inline constexpr QStringView kReport = u"rp_";

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

Result<QJsonObject> blockJson(ServerDb &db, qint64 blockerId, qint64 blockedId)
{
    auto at = db.integer(QStringLiteral("SELECT created_at FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?2"),
                         blockerId, blockedId);
    if (!at)
        return at.error();
    if (!at->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("You have not blocked this person."));
    auto user = loadUser(db, blockerId, blockedId);
    if (!user)
        return user.error();
    return protocol::Block{*user, utc(**at)}.toJson();
}

//! The user of the route's {user}, not the caller, or the answer.
std::variant<qint64, Response> otherUser(ServerDb &db, const RequestContext &ctx)
{
    auto id = resolveUser(db, ctx.param(QStringLiteral("user")));
    if (!id)
        return Response::error(id.error());
    if (!id->has_value())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such user."));
    if (**id == ctx.userId)
        return Response::invalidField(QStringLiteral("user"), QStringLiteral("You cannot block yourself."));
    return **id;
}

Response setBlocked(ServerDb &db, Clock &clock, RequestContext &ctx, bool blocked)
{
    auto other = otherUser(db, ctx);
    if (auto *r = std::get_if<Response>(&other))
        return *r;
    const qint64 otherId = std::get<qint64>(other);
    const qint64 now = clock.nowMs();
    const Status st = db.write([&]() -> Status {
        auto changed = blocked ? db.change(db.insertOrIgnore(QStringLiteral("INTO blocks (blocker_id, blocked_id, created_at) "
                                                                            "VALUES (?1, ?2, ?3)")),
                                           ctx.userId, otherId, now)
                               : db.change(QStringLiteral("DELETE FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?2"),
                                           ctx.userId, otherId);
        if (!changed)
            return changed.error();
        if (*changed == 0)
            return {}; // already so: nothing changes, nothing is logged
        if (blocked) {
            // Neither follows the other any more (so neither's posts reach the other's log),
            // and no request between them stays open.
            if (auto u = unfollow(db, ctx.userId, otherId); !u)
                return u.error();
            if (auto u = unfollow(db, otherId, ctx.userId); !u)
                return u.error();
            if (auto s = endOpenPaymentRequestsBetween(db, ctx.userId, otherId, now); !s)
                return s;
        }
        auto user = loadUser(db, ctx.userId, otherId);
        if (!user)
            return user.error();
        const QJsonObject data = protocol::BlockChange{*user, blocked, utc(now)}.toJson();
        if (auto seq = appendEvent(db, ctx.userId, protocol::eventName(protocol::EventType::BlockChanged), data); !seq)
            return seq.error();
        // The conversations the two share count the other's messages as unread again, or no
        // longer: the blocker's devices get them as they now are.
        auto shared = db.integers(QStringLiteral("SELECT a.conversation_id FROM conversation_members a "
                                                 "JOIN conversation_members b ON b.conversation_id = a.conversation_id "
                                                 "AND b.user_id = ?2 WHERE a.user_id = ?1 ORDER BY a.conversation_id"),
                                  ctx.userId, otherId);
        if (!shared)
            return shared.error();
        for (qint64 conversationId : std::as_const(*shared)) {
            if (auto st = logConversationTo(db, conversationId, {ctx.userId}); !st)
                return st;
        }
        return {};
    });
    if (!st)
        return Response::error(st.error());
    if (!blocked)
        return Response::noContent();
    auto json = blockJson(db, ctx.userId, otherId);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response listBlocks(ServerDb &db, RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());
    // Newest block first, keyset on (created_at, blocked_id); "before" is a user of the list.
    std::optional<qint64> beforeAt;
    qint64 beforeId = 0;
    if (const auto before = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kUser, *before);
        auto at = id ? db.integer(QStringLiteral("SELECT created_at FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?2"),
                                  ctx.userId, *id)
                     : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!at)
            return Response::error(at.error());
        if (!at->has_value())
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be someone you blocked"));
        beforeAt = **at;
        beforeId = *id;
    }
    auto page = db.integers(QStringLiteral("SELECT blocked_id FROM blocks WHERE blocker_id = ?1 AND (?2 = 0 OR created_at < ?3 "
                                           "OR (created_at = ?3 AND blocked_id < ?4)) "
                                           "ORDER BY created_at DESC, blocked_id DESC LIMIT ?5"),
                            ctx.userId, beforeAt.has_value(), beforeAt.value_or(0), beforeId, *limit + 1);
    if (!page)
        return Response::error(page.error());
    return Response::page(*page, *limit, ids::kUser, [&](qint64 id) { return blockJson(db, ctx.userId, id); });
}

//! Mutes (\a mute, until \a untilMs; 0: forever) or unmutes; logs conversation.updated to the
//! caller when that changes anything. Answers the Conversation.
Response applyMute(ServerDb &db, qint64 userId, qint64 conversationId, bool mute, qint64 untilMs)
{
    const Status st = db.write([&]() -> Status {
        auto row = db.row(QStringLiteral("SELECT coalesce(muted_until, 0) FROM conversation_mutes WHERE conversation_id = ?1 "
                                         "AND user_id = ?2"),
                          conversationId, userId);
        if (!row)
            return row.error();
        const bool wasMuted = row->has_value();
        const qint64 wasUntil = wasMuted ? (*row)->int64(0) : 0;
        row->reset();
        if (wasMuted == mute && (!mute || wasUntil == untilMs))
            return {}; // already so: nothing is logged
        Status changed = mute ? db.run(db.upsert(QStringLiteral("conversation_mutes"),
                                                 {QStringLiteral("conversation_id"), QStringLiteral("user_id")},
                                                 {QStringLiteral("conversation_id"), QStringLiteral("user_id"),
                                                  QStringLiteral("muted_until")},
                                                 QStringLiteral("?1, ?2, ?3")),
                                       conversationId, userId, untilMs ? std::optional<qint64>(untilMs) : std::nullopt)
                              : db.run(QStringLiteral("DELETE FROM conversation_mutes WHERE conversation_id = ?1 AND user_id = ?2"),
                                       conversationId, userId);
        if (!changed)
            return changed;
        auto json = conversationJson(db, userId, conversationId);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, userId, protocol::eventName(protocol::EventType::ConversationUpdated), *json); !seq)
            return seq.error();
        return {};
    });
    if (!st)
        return Response::error(st.error());
    auto json = conversationJson(db, userId, conversationId);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response muteHandler(ServerDb &db, Clock &clock, RequestContext &ctx, bool mute)
{
    auto conversation = currentMemberConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    qint64 untilMs = 0;
    if (mute) {
        const QJsonValue until = ctx.body.value(QStringLiteral("until"));
        const QString why = QStringLiteral("until must be a time (RFC 3339) or null for no end");
        if (until.isUndefined() || (!until.isNull() && !until.isString()))
            return Response::invalidField(QStringLiteral("until"), why);
        if (until.isString()) {
            const QDateTime at = protocol::parseTime(until.toString());
            if (!at.isValid())
                return Response::invalidField(QStringLiteral("until"), why);
            untilMs = at.toMSecsSinceEpoch();
            if (untilMs <= clock.nowMs())
                return Response::invalidField(QStringLiteral("until"), QStringLiteral("until must be in the future"));
        }
    }
    return applyMute(db, ctx.userId, std::get<qint64>(conversation), mute, untilMs);
}

//! What a report names, once checked: its row id (and, for a payment request, who it is between).
struct ReportTarget {
    qint64 id = 0;
    qint64 payerId = 0;
    QString status;
};

Error targetNotFound(const QString &what)
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such %1.").arg(what), {{QStringLiteral("field"), QStringLiteral("target_id")}});
}

//! The target of a report if the caller may see it: unknown → 404, not theirs to see → 403.
Result<ReportTarget> reportTarget(ServerDb &db, qint64 callerId, const QString &type, const QString &text)
{
    const QVariantMap field{{QStringLiteral("field"), QStringLiteral("target_id")}};
    if (type == u"user") {
        auto id = resolveUser(db, text);
        if (!id)
            return id.error();
        if (!id->has_value())
            return targetNotFound(QStringLiteral("user"));
        if (**id == callerId)
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("You cannot report yourself."), field);
        return ReportTarget{**id, 0, {}};
    }
    if (type == u"message") {
        const auto id = ids::parse(ids::kMessage, text);
        auto conversation = id ? db.integer(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?1"), *id)
                               : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!conversation)
            return conversation.error();
        if (!conversation->has_value())
            return targetNotFound(QStringLiteral("message"));
        auto member = isMember(db, **conversation, callerId);
        if (!member)
            return member.error();
        if (!*member)
            return makeError(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."), field);
        return ReportTarget{*id, 0, {}};
    }
    if (type == u"post") {
        // A post its author deleted, or whose author blocked the caller, is not there for them.
        const auto id = ids::parse(ids::kPost, text);
        auto visible = id ? db.integer(QStringLiteral("SELECT 1 FROM posts p WHERE p.id = ?1 AND p.deleted_at IS NULL AND NOT EXISTS "
                                                      "(SELECT 1 FROM blocks b WHERE b.blocker_id = p.author_id AND b.blocked_id = ?2)"),
                                       *id, callerId)
                          : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!visible)
            return visible.error();
        if (!visible->has_value())
            return targetNotFound(QStringLiteral("post"));
        return ReportTarget{*id, 0, {}};
    }
    // A payment request: one the caller was asked to pay, or one that asks anyone with its link.
    const auto id = ids::parse(ids::kPaymentRequest, text);
    auto row = id ? db.row(QStringLiteral("SELECT payee_id, coalesce(payer_id, 0), status FROM payment_requests WHERE id = ?1"), *id)
                  : Result<std::optional<Rows>>(std::optional<Rows>());
    if (!row)
        return row.error();
    if (!row->has_value())
        return targetNotFound(QStringLiteral("payment request"));
    const qint64 payee = (*row)->int64(0);
    ReportTarget t{*id, (*row)->int64(1), (*row)->text(2)};
    row->reset();
    if (payee == callerId)
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("You cannot report your own request."), field);
    if (t.payerId != 0 && t.payerId != callerId)
        return makeError(ErrorCode::Forbidden, QStringLiteral("This request does not name you."), field);
    return t;
}

Response reportHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString type = r.oneOf(QStringLiteral("target_type"), protocol::reportTargetTypes());
    const QString target = r.string(QStringLiteral("target_id"));
    const QString reason = r.oneOf(QStringLiteral("reason"), protocol::reportReasons());
    QString note = r.optString(QStringLiteral("note"));
    const bool decline = r.optBoolean(QStringLiteral("decline")).value_or(false);
    if (!r.ok())
        return Response::error(r.error());
    if (note.isNull())
        note = QStringLiteral("");
    if (const qsizetype chars = note.toUcs4().size(); chars > protocol::kMaxReportNoteChars)
        return Response::error(ErrorCode::ValidationFailed,
                               QStringLiteral("A report's note is at most %1 characters (this one has %2).")
                                   .arg(protocol::kMaxReportNoteChars)
                                   .arg(chars),
                               {{QStringLiteral("field"), QStringLiteral("note")},
                                {QStringLiteral("limit"), protocol::kMaxReportNoteChars}});
    if (decline && type != u"payment_request")
        return Response::invalidField(QStringLiteral("decline"), QStringLiteral("Only a payment request can be declined."));

    const qint64 now = clock.nowMs();
    qint64 reportId = 0;
    bool existed = false;
    const Status st = db.write([&]() -> Status {
        auto t = reportTarget(db, ctx.userId, type, target);
        if (!t)
            return t.error();
        if (decline && t->payerId != ctx.userId)
            return makeError(ErrorCode::Forbidden, QStringLiteral("Only the one who was asked can decline a request."),
                             {{QStringLiteral("field"), QStringLiteral("decline")}});
        // One report per person and target: a repeat returns the first (and may still decline).
        auto known = db.integer(QStringLiteral("SELECT id FROM reports WHERE reporter_id = ?1 AND target_type = ?2 AND target_id = ?3"),
                                ctx.userId, type, t->id);
        if (!known)
            return known.error();
        existed = known->has_value();
        if (existed) {
            reportId = **known;
        } else {
            auto inserted = db.insert(QStringLiteral("INSERT INTO reports (reporter_id, target_type, target_id, reason, note, "
                                                     "declined, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)"),
                                      ctx.userId, type, t->id, reason, note, now);
            if (!inserted)
                return inserted.error();
            reportId = *inserted;
        }
        if (!decline)
            return {};
        if (auto s = declinePaymentRequest(db, t->id, ctx.userId, now); !s)
            return s;
        return db.run(QStringLiteral("UPDATE reports SET declined = 1 WHERE id = ?1"), reportId);
    });
    if (!st)
        return Response::error(st.error());
    auto row = db.row(QStringLiteral("SELECT target_id, reason, note, declined, created_at FROM reports WHERE id = ?1"), reportId);
    if (!row)
        return Response::error(row.error());
    if (!row->has_value())
        return Response::error(ErrorCode::Internal, QStringLiteral("The report was not stored."));
    protocol::Report report;
    report.id = ids::format(kReport, reportId);
    report.targetType = type;
    const QStringView prefix = type == u"user" ? ids::kUser
        : type == u"message"                   ? ids::kMessage
        : type == u"post"                      ? ids::kPost
                                               : ids::kPaymentRequest;
    report.targetId = ids::format(prefix, (*row)->int64(0));
    report.reason = (*row)->text(1);
    report.note = (*row)->text(2);
    report.declined = (*row)->int64(3) != 0;
    report.createdAt = utc((*row)->int64(4));
    return Response::json(existed ? 200 : 201, report.toJson());
}

} // namespace

void registerSafetyRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Get, QStringLiteral("/v1/blocks"), Router::NoFlags,
               [&db](RequestContext &ctx) { return listBlocks(db, ctx); });
    router.add(Router::Method::Put, QStringLiteral("/v1/blocks/{user}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return setBlocked(db, clock, ctx, true); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/blocks/{user}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return setBlocked(db, clock, ctx, false); });
    router.add(Router::Method::Put, QStringLiteral("/v1/conversations/{id}/mute"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return muteHandler(db, clock, ctx, true); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/conversations/{id}/mute"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return muteHandler(db, clock, ctx, false); });
    router.add(Router::Method::Post, QStringLiteral("/v1/reports"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return reportHandler(db, clock, ctx); });
}

} // namespace plaza::server
