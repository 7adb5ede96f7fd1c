// SPDX-License-Identifier: MIT
#include "messages.h"
#include "protocol/events.h"

#include "conversations.h"
#include "eventlog.h"
#include "ledger.h"
#include "media.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "requests.h"
#include "safety.h"
#include "serverdb.h"
#include "users.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace plaza::server {

namespace {

//! The display name of \a userId as \a viewerId sees them (loadUser: a deleted account too).
Result<QString> displayName(ServerDb &db, qint64 viewerId, qint64 userId)
{
    auto user = loadUser(db, viewerId, userId);
    if (!user)
        return user.error();
    return user->displayName;
}

//! The reactions of \a messageId as \a viewerId sees them: one entry per emoji in the order
//! of its first reaction, with its count, whether the viewer is among them and the newest few.
Result<QList<protocol::Reaction>> loadReactions(ServerDb &db, qint64 viewerId, qint64 messageId)
{
    auto rows = db.query(QStringLiteral("SELECT emoji, user_id FROM message_reactions WHERE message_id = ?1 "
                                        "ORDER BY created_at, user_id"),
                         messageId);
    if (!rows)
        return rows.error();
    QList<protocol::Reaction> out;
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QString emoji = rows->text(0);
        const qint64 userId = rows->int64(1);
        auto it = std::find_if(out.begin(), out.end(), [&](const protocol::Reaction &x) { return x.emoji == emoji; });
        if (it == out.end()) {
            out.append(protocol::Reaction{emoji, 0, false, {}});
            it = out.end() - 1;
        }
        ++it->count;
        it->mine = it->mine || userId == viewerId;
        it->recentUserIds.prepend(ids::format(ids::kUser, userId));
        if (it->recentUserIds.size() > protocol::Reaction::kMaxRecentReactors)
            it->recentUserIds.removeLast();
    }
    return out;
}

//! What a reply to \a originalId quotes (its snippet, or "deleted").
Result<std::optional<protocol::ReplyRef>> loadReplyRef(ServerDb &db, qint64 viewerId, qint64 originalId)
{
    auto row = db.row(QStringLiteral("SELECT sender_id, text, deleted_at FROM messages WHERE id = ?1"), originalId);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<protocol::ReplyRef>();
    auto &stmt = *row;
    protocol::ReplyRef ref;
    ref.id = ids::format(ids::kMessage, originalId);
    const qint64 senderId = stmt->int64(0);
    ref.senderId = ids::format(ids::kUser, senderId);
    ref.deleted = !stmt->isNull(2);
    if (!ref.deleted)
        ref.snippet = protocol::replySnippet(stmt->text(1));
    auto name = displayName(db, viewerId, senderId);
    if (!name)
        return name.error();
    ref.senderName = *name;
    return std::optional<protocol::ReplyRef>(ref);
}

} // namespace

Result<protocol::Message> loadMessage(ServerDb &db, qint64 viewerId, qint64 messageId)
{
    auto row = db.row(QStringLiteral("SELECT m.conversation_id, m.sender_id, m.client_id, m.text, m.kind, "
                                     "m.transaction_id, m.created_at, t.amount, t.currency, m.edited_at, m.deleted_at, "
                                     "m.reply_to_id, m.forwarded_from_id, m.forwarded_sender_id, m.system_action, "
                                     "m.system_target_id "
                                     "FROM messages m LEFT JOIN ledger_transactions t ON t.id = m.transaction_id "
                                     "WHERE m.id = ?1"),
        messageId);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such message."));
    auto &stmt = *row;
    auto sender = loadUser(db, viewerId, stmt->int64(1));
    if (!sender)
        return sender.error();
    protocol::Message m;
    m.id = ids::format(ids::kMessage, messageId);
    m.clientId = stmt->text(2);
    m.conversationId = ids::format(ids::kConversation, stmt->int64(0));
    m.sender = *sender;
    m.text = stmt->text(3);
    m.createdAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(6), Qt::UTC);
    m.kind = stmt->text(4);
    if (!stmt->isNull(5))
        m.payment = protocol::PaymentCard{ids::format(ids::kTransaction, stmt->int64(5)), Money(stmt->int64(7), stmt->text(8))};
    if (!stmt->isNull(14)) {
        // A system message (groups): kind "text" in the table, "system" on the wire.
        m.kind = QStringLiteral("system");
        protocol::SystemEvent event;
        event.action = stmt->text(14);
        event.actorId = m.sender.id;
        if (!stmt->isNull(15))
            event.targetId = ids::format(ids::kUser, stmt->int64(15));
        if (event.action == u"renamed")
            event.title = m.text;
        m.system = event;
        return m;
    }
    if (!stmt->isNull(9))
        m.editedAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(9), Qt::UTC);
    if (!stmt->isNull(10)) {
        // A tombstone: who sent what when, nothing of what it said.
        m.deletedAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(10), Qt::UTC);
        return m;
    }
    const qint64 replyTo = stmt->isNull(11) ? 0 : stmt->int64(11);
    const qint64 forwardedFrom = stmt->isNull(12) ? 0 : stmt->int64(12);
    const qint64 forwardedSender = stmt->isNull(13) ? 0 : stmt->int64(13);
    stmt.reset(); // done with the row: the reads below run their own statements
    auto attachments = media::messageAttachments(db, messageId);
    if (!attachments)
        return attachments.error();
    m.attachments = *attachments;
    auto reactions = loadReactions(db, viewerId, messageId);
    if (!reactions)
        return reactions.error();
    m.reactions = *reactions;
    auto mentioned = db.integers(QStringLiteral("SELECT user_id FROM message_mentions WHERE message_id = ?1 ORDER BY user_id"),
                                 messageId);
    if (!mentioned)
        return mentioned.error();
    for (qint64 id : std::as_const(*mentioned))
        m.mentions.append(ids::format(ids::kUser, id));
    if (replyTo) {
        auto ref = loadReplyRef(db, viewerId, replyTo);
        if (!ref)
            return ref.error();
        m.replyTo = *ref;
    }
    if (forwardedFrom) {
        auto name = displayName(db, viewerId, forwardedSender);
        if (!name)
            return name.error();
        m.forwardedFrom = protocol::ForwardedFrom{ids::format(ids::kMessage, forwardedFrom),
                                                  ids::format(ids::kUser, forwardedSender), *name};
    }
    return m;
}

Result<QJsonObject> messageJson(ServerDb &db, qint64 viewerId, qint64 messageId)
{
    auto message = loadMessage(db, viewerId, messageId);
    if (!message)
        return message.error();
    return message->toJson();
}

namespace {

//! The time of a new message: after every message of its conversation (ServerDb::nextCreatedAt).
Result<qint64> newMessageTime(ServerDb &db, qint64 conversationId, qint64 nowMs)
{
    return db.nextCreatedAt(
        nowMs, QStringLiteral("SELECT created_at FROM messages WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 1"),
        conversationId);
}

// After a new message: the conversation's activity, the sender's own read mark (what one
// wrote is read), and message.created then conversation.updated in every member's log.
Status announceMessage(ServerDb &db, qint64 conversationId, qint64 senderId, qint64 messageId, qint64 nowMs,
                       const QList<qint64> &alsoTo = {}, Announce announce = Announce::MessageAndConversation)
{
    // Writing in a request accepts it (requests.h); the conversation.updated below tells.
    if (auto accepted = acceptRequest(db, conversationId, senderId, false); !accepted)
        return accepted.error();
    if (auto st = db.run(QStringLiteral("UPDATE conversations SET last_activity_at = CASE WHEN last_activity_at > ?2 THEN last_activity_at ELSE ?2 END "
                                        "WHERE id = ?1"),
                         conversationId, nowMs);
        !st)
        return st.error();
    if (auto st = db.run(db.upsert(QStringLiteral("conversation_reads"), {QStringLiteral("conversation_id"), QStringLiteral("user_id")},
                                   {QStringLiteral("conversation_id"), QStringLiteral("user_id"), QStringLiteral("up_to")},
                                   QStringLiteral("?1, ?2, (SELECT max(v) FROM (SELECT ?3 AS v UNION ALL SELECT up_to "
                                                  "FROM conversation_reads WHERE conversation_id = ?1 AND user_id = ?2) m)")),
                         conversationId, senderId, messageId);
        !st)
        return st.error();
    auto members = memberIds(db, conversationId);
    if (!members)
        return members.error();
    for (qint64 extra : alsoTo) {
        if (!members->contains(extra))
            members->append(extra);
    }
    for (qint64 member : std::as_const(*members)) {
        auto json = messageJson(db, member, messageId);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, member, protocol::eventName(protocol::EventType::MessageCreated), *json); !seq)
            return seq.error();
        if (announce == Announce::MessageOnly)
            continue;
        auto conversation = conversationJson(db, member, conversationId);
        if (!conversation)
            return conversation.error();
        if (auto seq
            = appendEvent(db, member, protocol::eventName(protocol::EventType::ConversationUpdated), *conversation);
            !seq)
            return seq.error();
    }
    return {};
}

//! NULL for 0 (no reply, not a forward).
std::optional<qint64> nullIfZero(qint64 id)
{
    return id ? std::optional<qint64>(id) : std::nullopt;
}

Error textField(const QString &message, const QVariantMap &extra = {})
{
    QVariantMap details{{QStringLiteral("field"), QStringLiteral("text")}};
    details.insert(extra);
    return makeError(ErrorCode::ValidationFailed, message, details);
}

} // namespace

Result<qint64> postPaymentMessage(ServerDb &db, qint64 conversationId, qint64 senderId, qint64 transactionId,
                                  const QString &text, qint64 nowMs)
{
    auto createdAt = newMessageTime(db, conversationId, nowMs);
    if (!createdAt)
        return createdAt.error();
    auto inserted = db.insert(QStringLiteral("INSERT INTO messages (conversation_id, sender_id, client_id, text, kind, "
                                             "transaction_id, created_at) VALUES (?1, ?2, ?3, ?4, 'payment', ?5, ?6)"),
        conversationId, senderId, ids::format(ids::kTransaction, transactionId),
        text.isNull() ? QStringLiteral("") : text, transactionId, *createdAt);
    if (!inserted)
        return inserted.error();
    const qint64 messageId = *inserted;
    if (auto st = announceMessage(db, conversationId, senderId, messageId, *createdAt); !st)
        return st.error();
    return messageId;
}

Result<qint64> postSystemMessage(ServerDb &db, qint64 conversationId, qint64 actorId, const QString &action,
                                 qint64 targetId, const QString &title, qint64 nowMs, const QList<qint64> &alsoTo,
                                 Announce announce)
{
    auto actor = displayName(db, actorId, actorId);
    if (!actor)
        return actor.error();
    QString target;
    if (targetId) {
        auto name = displayName(db, actorId, targetId);
        if (!name)
            return name.error();
        target = *name;
    }
    // The stored text: the new title of a rename, the English line otherwise (what a client
    // that does not know system messages shows; loadMessage gives a rename's title back).
    QString text;
    if (action == u"added")
        text = QStringLiteral("%1 added %2").arg(*actor, target);
    else if (action == u"removed")
        text = QStringLiteral("%1 removed %2").arg(*actor, target);
    else if (action == u"left")
        text = QStringLiteral("%1 left").arg(*actor);
    else if (action == u"promoted")
        text = QStringLiteral("%1 is now an admin").arg(target);
    else
        text = title;
    auto createdAt = newMessageTime(db, conversationId, nowMs);
    if (!createdAt)
        return createdAt.error();
    auto next = db.integer(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM messages"));
    if (!next)
        return next.error();
    // client_id is unique per sender: one the clients never make (they use their own ids).
    const QString clientId = QStringLiteral("system-%1-%2").arg(conversationId).arg(next->value_or(1));
    auto inserted = db.insert(QStringLiteral("INSERT INTO messages (conversation_id, sender_id, client_id, text, kind, "
                                             "created_at, system_action, system_target_id) "
                                             "VALUES (?1, ?2, ?3, ?4, 'text', ?5, ?6, ?7)"),
                              conversationId, actorId, clientId, text, *createdAt, action, nullIfZero(targetId));
    if (!inserted)
        return inserted.error();
    if (auto st = announceMessage(db, conversationId, actorId, *inserted, *createdAt, alsoTo, announce); !st)
        return st.error();
    return *inserted;
}

Result<QList<qint64>> mentionedMembers(ServerDb &db, qint64 conversationId, const QString &text)
{
    static const QRegularExpression mention(QStringLiteral("(?<![\\w@])@([A-Za-z0-9_]{3,20})(?![\\w])"));
    QList<qint64> out;
    auto it = mention.globalMatch(text);
    while (it.hasNext()) {
        const QString handle = it.next().captured(1).toLower();
        auto id = db.integer(QStringLiteral("SELECT u.id FROM users u JOIN conversation_members m ON m.user_id = u.id "
                                            "AND m.conversation_id = ?1 WHERE u.handle = ?2"),
                             conversationId, handle);
        if (!id)
            return id.error();
        if (id->has_value() && !out.contains(**id))
            out.append(**id);
    }
    return out;
}

bool isRequestText(const QString &text)
{
    return text.contains(QStringLiteral("plaza://pay/"), Qt::CaseInsensitive);
}

Result<CreatedMessage> postTextMessage(ServerDb &db, qint64 conversationId, qint64 senderId, const QString &clientId,
                                       const QString &text, qint64 nowMs,
                                       const QList<protocol::AttachmentRef> &attachments, const MessageOrigin &origin)
{
    if (!protocol::isValidClientId(clientId))
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("client_id must be 1 to 64 of A-Z, a-z, 0-9, _ and -."),
                         {{QStringLiteral("field"), QStringLiteral("client_id")}});
    auto row
        = db.row(QStringLiteral("SELECT id, conversation_id FROM messages WHERE sender_id = ?1 AND client_id = ?2"),
            senderId, clientId);
    if (!row)
        return row.error();
    auto &stmt = *row;
    if (*row) {
        if (stmt->int64(1) != conversationId)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("This client_id was already used for a message in another conversation."),
                             {{QStringLiteral("field"), QStringLiteral("client_id")}});
        return CreatedMessage{stmt->int64(0), true};
    }
    // A direct conversation between two people one of whom blocked the other is read-only.
    if (auto blocked = refuseIfBlockedIn(db, conversationId, senderId); !blocked)
        return blocked.error();
    bool hasFiles = !attachments.isEmpty();
    if (origin.forwardedFromId) {
        auto files = db.integer(QStringLiteral("SELECT count(*) FROM message_attachments WHERE message_id = ?1"),
                                origin.forwardedFromId);
        if (!files)
            return files.error();
        hasFiles = files->value_or(0) > 0;
    }
    if (text.trimmed().isEmpty() && (!hasFiles || !text.isEmpty()))
        return textField(!hasFiles ? QStringLiteral("A message needs some text or a file.")
                                   : QStringLiteral("A message's text cannot be only white space."));
    const qsizetype chars = text.toUcs4().size();
    if (chars > protocol::limits::kMaxMessageChars)
        return textField(QStringLiteral("A message is at most %1 characters (this one has %2).")
                             .arg(protocol::limits::kMaxMessageChars)
                             .arg(chars),
                         {{QStringLiteral("limit"), protocol::limits::kMaxMessageChars}});
    auto createdAt = newMessageTime(db, conversationId, nowMs);
    if (!createdAt)
        return createdAt.error();
    auto inserted = db.insert(QStringLiteral("INSERT INTO messages (conversation_id, sender_id, client_id, text, kind, "
                                             "created_at, reply_to_id, forwarded_from_id, forwarded_sender_id) "
                                             "VALUES (?1, ?2, ?3, ?4, 'text', ?5, ?6, ?7, ?8)"),
        conversationId, senderId, clientId, text, *createdAt, nullIfZero(origin.replyToId),
        nullIfZero(origin.forwardedFromId), nullIfZero(origin.forwardedSenderId));
    if (!inserted)
        return inserted.error();
    const qint64 messageId = *inserted;
    // Mentions: only in groups, only of members (a forward names nobody new).
    auto kind = db.integer(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1 AND kind = 'group'"), conversationId);
    if (!kind)
        return kind.error();
    if (kind->has_value() && !origin.forwardedFromId) {
        auto mentioned = mentionedMembers(db, conversationId, text);
        if (!mentioned)
            return mentioned.error();
        for (qint64 userId : std::as_const(*mentioned)) {
            if (auto st = db.run(QStringLiteral("INSERT INTO message_mentions (message_id, user_id) VALUES (?1, ?2)"),
                                 messageId, userId);
                !st)
                return st.error();
        }
    }
    if (origin.forwardedFromId) {
        // The same files, shown again: they stay their author's (media.h's canSee follows the rows).
        if (auto st = db.run(QStringLiteral("INSERT INTO message_attachments (message_id, position, media_id, alt) "
                                            "SELECT ?1, position, media_id, alt FROM message_attachments WHERE message_id = ?2"),
                             messageId, origin.forwardedFromId);
            !st)
            return st.error();
    } else if (auto st = media::attachToMessage(db, senderId, messageId, attachments, nowMs); !st) {
        return st.error();
    }
    if (auto st = announceMessage(db, conversationId, senderId, messageId, *createdAt); !st)
        return st.error();
    return CreatedMessage{messageId, false};
}

Result<ReadState> readState(ServerDb &db, qint64 conversationId, qint64 userId, qint64 lastVisible)
{
    auto upTo = db.integer(QStringLiteral("SELECT up_to FROM conversation_reads WHERE conversation_id = ?1 AND user_id = ?2"),
                           conversationId, userId);
    if (!upTo)
        return upTo.error();
    ReadState state;
    state.upTo = upTo->value_or(0);
    // Messages of someone the user blocked are not counted (a group shows them collapsed), nor
    // do their mentions notify (docs/api.md "Safety").
    auto unread = db.integer(QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id = ?1 AND id > ?2 "
                                            "AND sender_id <> ?3 AND system_action IS NULL AND (?4 = 0 OR id <= ?4) "
                                            "AND sender_id NOT IN (SELECT blocked_id FROM blocks WHERE blocker_id = ?3)"),
                             conversationId, state.upTo, userId, lastVisible);
    if (!unread)
        return unread.error();
    state.unread = unread->value_or(0);
    auto mentions = db.integer(QStringLiteral("SELECT count(*) FROM message_mentions n JOIN messages m ON m.id = n.message_id "
                                              "WHERE n.user_id = ?3 AND m.conversation_id = ?1 AND m.id > ?2 "
                                              "AND m.deleted_at IS NULL AND (?4 = 0 OR m.id <= ?4) AND m.sender_id NOT IN "
                                              "(SELECT blocked_id FROM blocks WHERE blocker_id = ?3)"),
                               conversationId, state.upTo, userId, lastVisible);
    if (!mentions)
        return mentions.error();
    state.unreadMentions = mentions->value_or(0);
    return state;
}

Status logReadMark(ServerDb &db, qint64 conversationId, qint64 readerId, qint64 messageId, const QList<qint64> &members)
{
    const QJsonObject read = protocol::ReadMark{ids::format(ids::kConversation, conversationId),
                                                ids::format(ids::kUser, readerId), ids::format(ids::kMessage, messageId)}
                                 .toJson();
    for (qint64 member : members) {
        if (auto seq = appendEvent(db, member, protocol::eventName(protocol::EventType::ConversationRead), read); !seq)
            return seq.error();
    }
    return {};
}

Result<bool> markRead(ServerDb &db, qint64 conversationId, qint64 userId, qint64 messageId)
{
    auto current = readState(db, conversationId, userId);
    if (!current)
        return current.error();
    if (current->upTo >= messageId)
        return false;
    if (auto st = db.run(db.upsert(QStringLiteral("conversation_reads"), {QStringLiteral("conversation_id"), QStringLiteral("user_id")},
                                   {QStringLiteral("conversation_id"), QStringLiteral("user_id"), QStringLiteral("up_to")},
                                   QStringLiteral("?1, ?2, ?3")),
                         conversationId, userId, messageId);
        !st)
        return st.error();
    auto members = memberIds(db, conversationId);
    if (!members)
        return members.error();
    // While a request is pending its sender sees no read receipts (requests.h).
    auto pending = isPendingRequest(db, conversationId, userId);
    if (!pending)
        return pending.error();
    if (*pending)
        *members = {userId};
    if (auto st = logReadMark(db, conversationId, userId, messageId, *members); !st)
        return st.error();
    if (auto st = logConversationTo(db, conversationId, {userId}); !st)
        return st.error();
    return true;
}

} // namespace plaza::server
