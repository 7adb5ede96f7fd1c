// SPDX-License-Identifier: MIT
// What one does to a message once it is sent (api-v1 "Chat" → "Message actions", issue 17):
// edit one's own text within 48 h, delete it for everyone within 48 h (a tombstone stays),
// react with an emoji (one reaction per person per emoji, idempotent both ways), and
// forward it to other conversations. Payments and request messages are never edited or
// deleted. Every change goes to every member's log in the transaction that makes it:
// message.edited (the Message), message.deleted ({"id","conversation_id","deleted_at"}),
// message.reaction (who did what, and the message's reactions after it).

#include "clock.h"
#include "conversations.h"
#include "eventlog.h"
#include "ledger.h"
#include "messages.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "safety.h"
#include "serverdb.h"
#include "services.h"

#include <QJsonArray>

namespace plaza::server {

namespace {

//! How long after sending a message may be edited or deleted for everyone.
constexpr qint64 kChangeWindowMs = 48LL * 3600 * 1000;
//! A forward goes to at most this many conversations at once.
constexpr qsizetype kMaxForwardTargets = 10;

//! The message of the route's {id}, as far as its rules need it.
struct Target {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 senderId = 0;
    QString kind;
    QString text;
    qint64 createdAt = 0;
    qint64 editedAt = 0; //!< 0: never edited
    bool deleted = false;
    qint64 forwardedSenderId = 0;
};

Response refuse(ErrorCode code, const QString &message, const QString &reason, QVariantMap details = {})
{
    details.insert(QStringLiteral("reason"), reason);
    return Response::error(code, message, details);
}

//! The message {id} if the caller is a member of its conversation, or the answer: 404 for
//! an id that names no message, 403 for a conversation the caller is not (or no longer) in.
std::variant<Target, Response> memberMessage(ServerDb &db, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kMessage, ctx.param(QStringLiteral("id")));
    if (!id)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such message."));
    auto row = db.row(QStringLiteral("SELECT conversation_id, sender_id, CASE WHEN system_action IS NULL THEN kind "
                                     "ELSE 'system' END, text, created_at, edited_at, deleted_at, "
                                     "forwarded_sender_id FROM messages WHERE id = ?1"),
                      *id);
    if (!row)
        return Response::error(row.error());
    if (!*row)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such message."));
    auto &stmt = *row;
    Target t;
    t.id = *id;
    t.conversationId = stmt->int64(0);
    t.senderId = stmt->int64(1);
    t.kind = stmt->text(2);
    t.text = stmt->text(3);
    t.createdAt = stmt->int64(4);
    t.editedAt = stmt->isNull(5) ? 0 : stmt->int64(5);
    t.deleted = !stmt->isNull(6);
    t.forwardedSenderId = stmt->isNull(7) ? 0 : stmt->int64(7);
    stmt.reset();
    auto member = isMember(db, t.conversationId, ctx.userId);
    if (!member)
        return Response::error(member.error());
    if (!*member)
        return Response::error(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."));
    return t;
}

//! Edit and delete-for-everyone: only one's own text message, never a payment or a request,
//! within kChangeWindowMs of sending it. Nothing when allowed.
std::optional<Response> mayChange(const Target &t, const RequestContext &ctx, qint64 nowMs, bool deleting)
{
    const QString verb = deleting ? QStringLiteral("deleted") : QStringLiteral("edited");
    if (t.senderId != ctx.userId)
        return refuse(ErrorCode::Forbidden, QStringLiteral("Only the sender can change a message."),
                      QStringLiteral("not_sender"));
    if (t.kind == u"system")
        return refuse(ErrorCode::Forbidden, QStringLiteral("A group's system message cannot be %1.").arg(verb),
                      QStringLiteral("system"));
    if (t.kind != u"text")
        return refuse(ErrorCode::Forbidden, QStringLiteral("A payment message cannot be %1.").arg(verb),
                      QStringLiteral("payment"));
    if (isRequestText(t.text))
        return refuse(ErrorCode::Forbidden, QStringLiteral("A payment request message cannot be %1.").arg(verb),
                      QStringLiteral("request"));
    if (nowMs - t.createdAt > kChangeWindowMs)
        return refuse(ErrorCode::Forbidden,
                      QStringLiteral("A message can only be %1 within 48 hours of sending it.").arg(verb),
                      QStringLiteral("too_late"), {{QStringLiteral("window_s"), kChangeWindowMs / 1000}});
    return std::nullopt;
}

//! Appends \a type to every member's log, with \a data as that member sees it.
Status toEveryMember(ServerDb &db, qint64 conversationId, protocol::EventType type,
                     const std::function<Result<QJsonObject>(qint64 member)> &data)
{
    auto members = memberIds(db, conversationId);
    if (!members)
        return members.error();
    for (qint64 member : std::as_const(*members)) {
        auto json = data(member);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, member, protocol::eventName(type), *json); !seq)
            return seq.error();
    }
    return {};
}

Response messageAnswer(ServerDb &db, qint64 viewerId, qint64 messageId, int status = 200)
{
    auto json = messageJson(db, viewerId, messageId);
    return json ? Response::json(status, *json) : Response::error(json.error());
}

Response editHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto target = memberMessage(db, ctx);
    if (auto *r = std::get_if<Response>(&target))
        return *r;
    const Target &t = std::get<Target>(target);
    protocol::JsonReader r(ctx.body);
    const QString text = r.string(QStringLiteral("text"));
    if (!r.ok())
        return Response::error(r.error());
    if (t.deleted)
        return refuse(ErrorCode::Conflict, QStringLiteral("This message was deleted."), QStringLiteral("deleted"));
    const qint64 now = clock.nowMs();
    if (auto refused = mayChange(t, ctx, now, false))
        return *refused;
    if (auto blocked = refuseIfBlockedIn(db, t.conversationId, ctx.userId); !blocked)
        return Response::error(blocked.error());
    auto files = db.integer(QStringLiteral("SELECT count(*) FROM message_attachments WHERE message_id = ?1"), t.id);
    if (!files)
        return Response::error(files.error());
    const bool hasFiles = files->value_or(0) > 0;
    if (text.trimmed().isEmpty() && (!hasFiles || !text.isEmpty()))
        return Response::invalidField(QStringLiteral("text"), !hasFiles
                                          ? QStringLiteral("A message needs some text or a file.")
                                          : QStringLiteral("A message's text cannot be only white space."));
    const qsizetype chars = text.toUcs4().size();
    if (chars > protocol::limits::kMaxMessageChars)
        return Response::error(ErrorCode::ValidationFailed,
                               QStringLiteral("A message is at most %1 characters (this one has %2).")
                                   .arg(protocol::limits::kMaxMessageChars)
                                   .arg(chars),
                               {{QStringLiteral("field"), QStringLiteral("text")},
                                {QStringLiteral("limit"), protocol::limits::kMaxMessageChars}});
    if (isRequestText(text))
        return Response::invalidField(QStringLiteral("text"),
                                      QStringLiteral("A message cannot be edited into a payment request link."));
    if (text == t.text)
        return messageAnswer(db, ctx.userId, t.id); // nothing changes, nothing is logged

    const Status st = db.write([&]() -> Status {
        // Strictly later than the previous edit, so "the newest edit" is never a tie.
        const qint64 editedAt = std::max(now, t.editedAt + 1);
        if (auto changed = db.run(QStringLiteral("UPDATE messages SET text = ?2, edited_at = ?3 WHERE id = ?1"), t.id,
                                  text, editedAt);
            !changed)
            return changed.error();
        return toEveryMember(db, t.conversationId, protocol::EventType::MessageEdited,
                             [&](qint64 member) { return messageJson(db, member, t.id); });
    });
    if (!st)
        return Response::error(st.error());
    return messageAnswer(db, ctx.userId, t.id);
}

Response deleteHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto target = memberMessage(db, ctx);
    if (auto *r = std::get_if<Response>(&target))
        return *r;
    const Target &t = std::get<Target>(target);
    if (t.deleted && t.senderId == ctx.userId)
        return messageAnswer(db, ctx.userId, t.id); // already a tombstone: the same answer, no event
    const qint64 now = clock.nowMs();
    if (auto refused = mayChange(t, ctx, now, true))
        return *refused;

    const Status st = db.write([&]() -> Status {
        // The words and the files go from the store; the row stays as a tombstone, so replies
        // and the conversation's order keep their place.
        if (auto s = db.run(QStringLiteral("UPDATE messages SET text = '', deleted_at = ?2 WHERE id = ?1"), t.id, now); !s)
            return s;
        if (auto s = db.run(QStringLiteral("DELETE FROM message_attachments WHERE message_id = ?1"), t.id); !s)
            return s;
        if (auto s = db.run(QStringLiteral("DELETE FROM message_reactions WHERE message_id = ?1"), t.id); !s)
            return s;
        const QJsonObject data = protocol::MessageDeleted{ids::format(ids::kMessage, t.id),
                                                          ids::format(ids::kConversation, t.conversationId),
                                                          QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)}
                                     .toJson();
        return toEveryMember(db, t.conversationId, protocol::EventType::MessageDeleted,
                             [&](qint64) -> Result<QJsonObject> { return data; });
    });
    if (!st)
        return Response::error(st.error());
    return messageAnswer(db, ctx.userId, t.id);
}

Response reactHandler(ServerDb &db, Clock &clock, RequestContext &ctx, bool add)
{
    auto target = memberMessage(db, ctx);
    if (auto *r = std::get_if<Response>(&target))
        return *r;
    const Target &t = std::get<Target>(target);
    const QString emoji = ctx.param(QStringLiteral("emoji"));
    if (!protocol::isReactionEmoji(emoji))
        return Response::error(ErrorCode::ValidationFailed,
                               QStringLiteral("A reaction is one emoji (at most %1 bytes).").arg(protocol::kMaxReactionBytes),
                               {{QStringLiteral("field"), QStringLiteral("emoji")}});
    if (t.deleted)
        return refuse(ErrorCode::Conflict, QStringLiteral("This message was deleted."), QStringLiteral("deleted"));
    if (auto blocked = refuseIfBlockedIn(db, t.conversationId, ctx.userId); !blocked)
        return Response::error(blocked.error());

    const Status st = db.write([&]() -> Status {
        auto changed = add ? db.change(db.insertOrIgnore(QStringLiteral("INTO message_reactions (message_id, user_id, "
                                                                        "emoji, created_at) VALUES (?1, ?2, ?3, ?4)")),
                                       t.id, ctx.userId, emoji, clock.nowMs())
                           : db.change(QStringLiteral("DELETE FROM message_reactions WHERE message_id = ?1 AND "
                                                      "user_id = ?2 AND emoji = ?3"),
                                       t.id, ctx.userId, emoji);
        if (!changed)
            return changed.error();
        if (*changed == 0)
            return {}; // already so: idempotent, nothing logged
        return toEveryMember(db, t.conversationId, protocol::EventType::MessageReaction,
                             [&](qint64 member) -> Result<QJsonObject> {
                                 auto message = loadMessage(db, member, t.id);
                                 if (!message)
                                     return message.error();
                                 return protocol::ReactionChange{message->id, message->conversationId,
                                                                 ids::format(ids::kUser, ctx.userId), emoji, add,
                                                                 message->reactions}
                                     .toJson();
                             });
    });
    if (!st)
        return Response::error(st.error());
    return messageAnswer(db, ctx.userId, t.id);
}

struct ForwardTarget {
    qint64 conversationId = 0;
    QString clientId;
};

Response forwardHandler(ServerDb &db, Clock &clock, RequestContext &ctx)
{
    auto source = memberMessage(db, ctx);
    if (auto *r = std::get_if<Response>(&source))
        return *r;
    const Target &t = std::get<Target>(source);
    protocol::JsonReader r(ctx.body);
    const QJsonArray rawTargets = r.array(QStringLiteral("targets"));
    if (!r.ok())
        return Response::error(r.error());
    if (rawTargets.isEmpty() || rawTargets.size() > kMaxForwardTargets)
        return Response::invalidField(QStringLiteral("targets"),
                                      QStringLiteral("targets must name 1 to %1 conversations").arg(kMaxForwardTargets));
    QList<ForwardTarget> targets;
    for (qsizetype i = 0; i < rawTargets.size(); ++i) {
        const QString field = QStringLiteral("targets[%1]").arg(i);
        if (!rawTargets.at(i).isObject())
            return Response::invalidField(field, QStringLiteral("each target is {\"conversation_id\",\"client_id\"}"));
        protocol::JsonReader tr(rawTargets.at(i).toObject(), field);
        const QString conversation = tr.string(QStringLiteral("conversation_id"));
        const QString clientId = tr.string(QStringLiteral("client_id"));
        if (!tr.ok())
            return Response::error(tr.error());
        const auto id = ids::parse(ids::kConversation, conversation);
        auto exists = id ? db.integer(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1"), *id)
                         : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!exists)
            return Response::error(exists.error());
        if (!exists->has_value())
            return Response::error(ErrorCode::NotFound, QStringLiteral("No such conversation."),
                                   {{QStringLiteral("field"), QString(field + QStringLiteral(".conversation_id"))}});
        auto member = isMember(db, *id, ctx.userId);
        if (!member)
            return Response::error(member.error());
        if (!*member)
            return Response::error(ErrorCode::Forbidden, QStringLiteral("You are not a member of this conversation."),
                                   {{QStringLiteral("field"), QString(field + QStringLiteral(".conversation_id"))}});
        targets.append(ForwardTarget{*id, clientId});
    }
    if (t.deleted)
        return refuse(ErrorCode::Conflict, QStringLiteral("This message was deleted."), QStringLiteral("deleted"));
    // A payment is a record between two people: forwarding it would copy a card that moved no
    // money. Its note can be copied as a new message instead.
    if (t.kind == u"system")
        return refuse(ErrorCode::Forbidden, QStringLiteral("A group's system message cannot be forwarded."),
                      QStringLiteral("system"));
    if (t.kind != u"text")
        return refuse(ErrorCode::Forbidden, QStringLiteral("A payment message cannot be forwarded."),
                      QStringLiteral("payment"));

    QList<CreatedMessage> created;
    const Status st = db.write([&]() -> Status {
        created.clear();
        MessageOrigin origin;
        origin.forwardedFromId = t.id;
        // A forward of a forward is shown as coming from the first author.
        origin.forwardedSenderId = t.forwardedSenderId ? t.forwardedSenderId : t.senderId;
        for (const ForwardTarget &target : std::as_const(targets)) {
            auto one = postTextMessage(db, target.conversationId, ctx.userId, target.clientId, t.text, clock.nowMs(), {},
                                       origin);
            if (!one)
                return one.error();
            created.append(*one);
        }
        return {};
    });
    if (!st)
        return Response::error(st.error());
    QJsonArray items;
    bool anyNew = false;
    for (const CreatedMessage &c : std::as_const(created)) {
        auto json = messageJson(db, ctx.userId, c.id);
        if (!json)
            return Response::error(json.error());
        items.append(*json);
        anyNew = anyNew || !c.existed;
    }
    return Response::json(anyNew ? 201 : 200, {{QStringLiteral("items"), items}});
}

} // namespace

void registerMessageActionRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Patch, QStringLiteral("/v1/messages/{id}"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return editHandler(db, clock, ctx); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/messages/{id}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return deleteHandler(db, clock, ctx); });
    router.add(Router::Method::Put, QStringLiteral("/v1/messages/{id}/reactions/{emoji}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return reactHandler(db, clock, ctx, true); });
    router.add(Router::Method::Delete, QStringLiteral("/v1/messages/{id}/reactions/{emoji}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) { return reactHandler(db, clock, ctx, false); });
    router.add(Router::Method::Post, QStringLiteral("/v1/messages/{id}/forward"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) { return forwardHandler(db, clock, ctx); });
}

} // namespace plaza::server
