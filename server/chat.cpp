// SPDX-License-Identifier: MIT
// The chat endpoints on one conversation (api-v1 "Chat"): read it, list its messages, post
// a text message (or a reply), move one's read mark. What one does to a message afterwards
// (edit, delete, react, forward) is in messageactions.cpp. Creating and listing conversations is in
// conversations.cpp. An id that names no conversation is 404; a conversation the caller is
// not a member of is 403 (docs/api.md "Chat").

#include "clock.h"
#include "conversations.h"
#include "ledger.h"
#include "media.h"
#include "messages.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"

namespace plaza::server {

namespace {

//! The conversation of the route's {id} if the caller may see it, or the response to send.
std::variant<qint64, Response> memberConversation(ServerDb &db, const RequestContext &ctx)
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
    if (!*member) {
        auto gone = departure(db, *id, ctx.userId);
        if (!gone)
            return Response::error(gone.error());
        if (gone->has_value())
            return Response::error(ErrorCode::Forbidden, (*gone)->reason == u"removed"
                                       ? QStringLiteral("You were removed from this group.")
                                       : QStringLiteral("You left this group."),
                                   {{QStringLiteral("reason"), (*gone)->reason}});
        return Response::error(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."));
    }
    return *id;
}

//! A conversation the caller may read: a member reads all of it; someone who left or was
//! removed reads up to their departure (lastVisible), and cannot post (memberConversation).
struct Readable {
    qint64 id = 0;
    qint64 lastVisible = 0; //!< 0: no limit
};

std::variant<Readable, Response> readableConversation(ServerDb &db, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kConversation, ctx.param(QStringLiteral("id")));
    if (id) {
        auto gone = departure(db, *id, ctx.userId);
        if (!gone)
            return Response::error(gone.error());
        auto member = isMember(db, *id, ctx.userId);
        if (!member)
            return Response::error(member.error());
        if (gone->has_value() && !*member)
            return Readable{*id, (*gone)->upTo};
    }
    auto conversation = memberConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    return Readable{std::get<qint64>(conversation), 0};
}

//! The row id of \a text if it is a message of \a conversationId.
Result<std::optional<qint64>> messageIn(ServerDb &db, qint64 conversationId, const QString &text)
{
    const auto id = ids::parse(ids::kMessage, text);
    if (!id)
        return std::optional<qint64>();
    auto found = db.integer(QStringLiteral("SELECT id FROM messages WHERE id = ?1 AND conversation_id = ?2"), *id,
                            conversationId);
    if (!found)
        return found.error();
    return *found;
}

Response getHandler(ServerDb &db, RequestContext &ctx)
{
    auto conversation = readableConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    auto json = conversationJson(db, ctx.userId, std::get<Readable>(conversation).id);
    return json ? Response::ok(*json) : Response::error(json.error());
}

Response listHandler(ServerDb &db, RequestContext &ctx)
{
    auto conversation = readableConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    const qint64 conversationId = std::get<Readable>(conversation).id;
    const qint64 lastVisible = std::get<Readable>(conversation).lastVisible;
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());
    // Keyset paging on the message id (ids grow with time): "before" is the oldest message seen.
    qint64 before = 0;
    if (const auto raw = ctx.queryValue(QStringLiteral("before"))) {
        auto id = messageIn(db, conversationId, *raw);
        if (!id)
            return Response::error(id.error());
        if (!id->has_value())
            return Response::invalidField(QStringLiteral("before"),
                                          QStringLiteral("before must be the id of a message in this conversation"));
        before = **id;
    }
    auto rows = db.integers(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ?1 AND (?2 = 0 OR id < ?2) "
                                           "AND (?4 = 0 OR id <= ?4) ORDER BY id DESC LIMIT ?3"),
                            conversationId, before, *limit + 1, lastVisible);
    if (!rows)
        return Response::error(rows.error());
    return Response::page(*rows, *limit, ids::kMessage, [&](qint64 id) { return messageJson(db, ctx.userId, id); });
}

Response postHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto conversation = memberConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    const qint64 conversationId = std::get<qint64>(conversation);
    protocol::JsonReader r(ctx.body);
    const QString clientId = r.string(QStringLiteral("client_id"));
    // With files attached the text may be left out (or empty).
    const QJsonValue files = ctx.body.value(QStringLiteral("attachments"));
    const QString text = files.isArray() && !files.toArray().isEmpty() ? r.optString(QStringLiteral("text"))
                                                                       : r.string(QStringLiteral("text"));
    if (!r.ok())
        return Response::error(r.error());
    auto refs = media::parseRefs(files, QStringLiteral("attachments"), protocol::limits::kMaxMessageAttachments);
    if (!refs)
        return Response::error(refs.error());
    // A reply names a message of this conversation that is still there: anything else is 422
    // (not checked again for a client_id already stored: a retry gets its message back).
    MessageOrigin origin;
    const QJsonValue replyTo = ctx.body.value(QStringLiteral("reply_to"));
    auto stored = db.integer(QStringLiteral("SELECT id FROM messages WHERE sender_id = ?1 AND client_id = ?2"), ctx.userId,
                             clientId);
    if (!stored)
        return Response::error(stored.error());
    if (!stored->has_value() && !replyTo.isUndefined() && !replyTo.isNull()) {
        if (!replyTo.isString())
            return Response::invalidField(QStringLiteral("reply_to"), QStringLiteral("reply_to must be a message id"));
        auto original = messageIn(db, conversationId, replyTo.toString());
        if (!original)
            return Response::error(original.error());
        auto deleted = original->has_value()
            ? db.integer(QStringLiteral("SELECT 1 FROM messages WHERE id = ?1 AND deleted_at IS NOT NULL"), **original)
            : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!deleted)
            return Response::error(deleted.error());
        if (!original->has_value() || deleted->has_value()) {
            Error e = makeError(ErrorCode::ValidationFailed,
                                original->has_value() ? QStringLiteral("The message you reply to was deleted.")
                                                      : QStringLiteral("reply_to must be a message of this conversation."),
                                {{QStringLiteral("field"), QStringLiteral("reply_to")}});
            e.httpStatus = 422;
            return Response::error(e);
        }
        origin.replyToId = **original;
    }
    CreatedMessage created;
    const Status st = db.write([&]() -> Status {
        auto result = postTextMessage(db, conversationId, ctx.userId, clientId, text.isNull() ? QStringLiteral("") : text,
                                      clock.nowMs(), *refs, origin);
        if (!result)
            return result.error();
        created = *result;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    auto json = messageJson(db, ctx.userId, created.id);
    if (!json)
        return Response::error(json.error());
    return Response::json(created.existed ? 200 : 201, *json);
}

Response readHandler(ServerDb &db, RequestContext &ctx)
{
    auto conversation = memberConversation(db, ctx);
    if (auto *r = std::get_if<Response>(&conversation))
        return *r;
    const qint64 conversationId = std::get<qint64>(conversation);
    protocol::JsonReader r(ctx.body);
    const QString upTo = r.string(QStringLiteral("up_to"));
    if (!r.ok())
        return Response::error(r.error());
    auto id = messageIn(db, conversationId, upTo);
    if (!id)
        return Response::error(id.error());
    if (!id->has_value())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such message in this conversation."),
                               {{QStringLiteral("field"), QStringLiteral("up_to")}});
    const Status st = db.write([&]() -> Status {
        auto moved = markRead(db, conversationId, ctx.userId, **id);
        return moved ? Status() : Status(moved.error());
    });
    return st ? Response::noContent() : Response::error(st.error());
}

} // namespace

void registerMessageRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Get, QStringLiteral("/v1/conversations/{id}"), Router::NoFlags,
               [&db](RequestContext &ctx) { return getHandler(db, ctx); });
    router.add(Router::Method::Get, QStringLiteral("/v1/conversations/{id}/messages"), Router::NoFlags,
               [&db](RequestContext &ctx) { return listHandler(db, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/conversations/{id}/messages"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return postHandler(db, clock, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/conversations/{id}/read"), Router::JsonBody,
               [&db](RequestContext &ctx) { return readHandler(db, ctx); });
}

} // namespace plaza::server
