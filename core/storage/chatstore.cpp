// SPDX-License-Identifier: MIT
#include "chatstore.h"

#include "protocol/events.h"
#include "protocol/json.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

#include <QJsonDocument>
#include <QSet>

namespace plaza::storage {

Status ChatStore::upsertMessage(const QJsonObject &object, RowChanges &changes)
{
    auto message = protocol::decodeReply<protocol::Message>(object);
    if (!message)
        return message.error();
    return upsertMessage(*message, changes);
}

Status ChatStore::upsertConversation(const QJsonObject &object, RowChanges &changes)
{
    auto conversation = protocol::decodeReply<protocol::Conversation>(object);
    if (!conversation)
        return conversation.error();
    return upsertConversation(*conversation, changes);
}

Status ChatStore::markRead(const QJsonObject &object, const QString &selfId, RowChanges &changes)
{
    auto read = protocol::decodeReply<protocol::ReadMark>(object);
    if (!read)
        return read.error();
    return markRead(*read, selfId, changes);
}

Status ChatStore::upsertMessage(const protocol::Message &incoming, RowChanges &changes)
{
    protocol::Message message = incoming;
    const QString &id = message.id;
    const QString &conversationId = message.conversationId;
    auto senderId = m_users.upsert(message.sender, changes);
    if (!senderId)
        return senderId.error();

    // Update in place when the message is known (its rowid is the search index's docid, so it
    // must not change), insert otherwise; the search index follows the text.
    auto known = m_statements.get(QStringLiteral("SELECT rowid, text, edited_at, deleted_at FROM messages WHERE id = ?1;"));
    if (!known)
        return known.error();
    (*known)->bind(1, id);
    auto found = (*known)->step();
    if (!found) {
        (*known)->reset();
        return found.error();
    }
    const qint64 rowid = *found ? (*known)->int64(0) : 0;
    const QString knownText = *found ? (*known)->text(1) : QString();
    const QString knownEditedAt = *found && !(*known)->isNull(2) ? (*known)->text(2) : QString();
    const QString knownDeletedAt = *found && !(*known)->isNull(3) ? (*known)->text(3) : QString();
    (*known)->reset();

    // What is already known wins over an older copy (a page read before an edit or a deletion
    // whose event was applied first): a tombstone stays one, and the newest edit stays.
    if (!knownDeletedAt.isEmpty() && !message.deletedAt) {
        message.deletedAt = protocol::parseTime(knownDeletedAt);
    } else if (!message.deletedAt && !knownEditedAt.isEmpty()
               && (!message.editedAt || protocol::formatTime(*message.editedAt) < knownEditedAt)) {
        message.text = knownText;
        message.editedAt = protocol::parseTime(knownEditedAt);
    }
    const bool deleted = message.deletedAt.has_value();
    if (deleted) {
        message.text = QStringLiteral("");
        message.attachments.clear();
        message.reactions.clear();
        message.replyTo.reset();
        message.forwardedFrom.reset();
    }
    if (message.text.isNull())
        message.text = QStringLiteral(""); // never NULL: the column is NOT NULL
    const QString &text = message.text;
    const QString createdAt = protocol::formatTime(message.createdAt);
    const QString paymentTransaction = message.payment ? message.payment->transactionId : QString();
    const bool textChanged = rowid && knownText != text;

    auto write = m_statements.get(
        rowid ? QStringLiteral("UPDATE messages SET id = ?1, client_id = ?2, conversation_id = ?3, sender_id = ?4, text = ?5,"
                               " created_at = ?6, kind = ?7, payment_transaction_id = ?8, payment_amount = ?9,"
                               " payment_currency = ?10, attachments = ?12, edited_at = ?13, deleted_at = ?14,"
                               " reactions = ?15, reply_to_id = ?16, reply_sender_id = ?17, reply_sender_name = ?18,"
                               " reply_snippet = ?19, reply_deleted = ?20, forwarded_from_id = ?21,"
                               " forwarded_sender_id = ?22, forwarded_sender_name = ?23, system_action = ?24,"
                               " system_target_id = ?25, mentions = ?26 WHERE rowid = ?11;")
              : QStringLiteral("INSERT INTO messages (id, client_id, conversation_id, sender_id, text, created_at, kind,"
                               " payment_transaction_id, payment_amount, payment_currency, attachments, edited_at,"
                               " deleted_at, reactions, reply_to_id, reply_sender_id, reply_sender_name, reply_snippet,"
                               " reply_deleted, forwarded_from_id, forwarded_sender_id, forwarded_sender_name,"
                               " system_action, system_target_id, mentions)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                               " ?20, ?21, ?22, ?23, ?24, ?25, ?26);"));
    if (!write)
        return write.error();
    Statement &s = **write;
    s.bindAll(id, message.clientId, conversationId, *senderId, text, createdAt, message.kind, paymentTransaction);
    if (message.payment)
        s.bind(9, message.payment->amount.minor()).bind(10, message.payment->amount.currency());
    else
        s.bindNull(9).bindNull(10);
    if (rowid)
        s.bind(11, rowid);
    if (message.attachments.isEmpty())
        s.bindNull(12);
    else
        s.bind(12, QString::fromUtf8(QJsonDocument(protocol::attachmentsToJson(message.attachments)).toJson(QJsonDocument::Compact)));
    s.bind(13, message.editedAt ? protocol::formatTime(*message.editedAt) : QString());
    s.bind(14, message.deletedAt ? protocol::formatTime(*message.deletedAt) : QString());
    if (message.reactions.isEmpty())
        s.bindNull(15);
    else
        s.bind(15, QString::fromUtf8(QJsonDocument(protocol::reactionsToJson(message.reactions)).toJson(QJsonDocument::Compact)));
    const std::optional<protocol::ReplyRef> &reply = message.replyTo;
    s.bind(16, reply ? reply->id : QString())
        .bind(17, reply ? reply->senderId : QString())
        .bind(18, reply ? reply->senderName : QString())
        .bind(19, reply ? reply->snippet : QString())
        .bind(20, reply && reply->deleted);
    const std::optional<protocol::ForwardedFrom> &forwarded = message.forwardedFrom;
    s.bind(21, forwarded ? forwarded->messageId : QString())
        .bind(22, forwarded ? forwarded->senderId : QString())
        .bind(23, forwarded ? forwarded->senderName : QString());
    // Groups (cache v13): what a system message records, whom a message mentions.
    if (message.system)
        s.bind(24, message.system->action).bind(25, message.system->targetId.value_or(QString()));
    else
        s.bindNull(24).bindNull(25);
    if (message.mentions.isEmpty())
        s.bindNull(26);
    else
        s.bind(26, QString(u' ' + message.mentions.join(u' ') + u' '));
    if (auto st = s.exec(); !st)
        return st;
    const qint64 docid = rowid ? rowid : m_statements.db().lastInsertRowId();
    if (deleted) {
        // Deleted text is never found again.
        if (auto st = unindex(docid); !st)
            return st;
    } else if (!rowid || textChanged) {
        // Out and in again: a tombstone has no entry, and a new message none yet.
        if (rowid) {
            if (auto st = unindex(docid); !st)
                return st;
        }
        auto index = m_statements.get(QStringLiteral("INSERT INTO message_search (docid, text) VALUES (?1, ?2);"));
        if (!index)
            return index.error();
        if (auto st = (*index)->bindAll(docid, text).exec(); !st)
            return st;
    }
    if (textChanged) {
        // Replies quote it: their snippet follows the edit (or says it was deleted).
        if (auto st = updateQuotes(id, deleted, protocol::replySnippet(text), changes); !st)
            return st;
    }
    if (rowid)
        changes.add(Table::Messages, id);
    else
        changes.addCreated(Table::Messages, id);

    // RFC 3339 UTC with fixed milliseconds sorts as text, so the comparison is by time.
    auto bump = m_statements.get(QStringLiteral(
        "UPDATE conversations SET last_message_id = ?1, last_activity_at = ?2"
        " WHERE id = ?3 AND (last_activity_at IS NULL OR last_activity_at <= ?2);"));
    if (!bump)
        return bump.error();
    if (auto st = (*bump)->bindAll(id, createdAt, conversationId).exec(); !st)
        return st;
    if (m_statements.db().changes() > 0 || textChanged)
        changes.add(Table::Conversations, conversationId);
    return {};
}

Status ChatStore::unindex(qint64 docid)
{
    auto stmt = m_statements.get(QStringLiteral("DELETE FROM message_search WHERE docid = ?1;"));
    if (!stmt)
        return stmt.error();
    return (*stmt)->bind(1, docid).exec();
}

Status ChatStore::updateQuotes(const QString &originalId, bool deleted, const QString &snippet, RowChanges &changes)
{
    auto which = m_statements.get(QStringLiteral("SELECT id FROM messages WHERE reply_to_id = ?1;"));
    if (!which)
        return which.error();
    (*which)->bind(1, originalId);
    QStringList replies;
    for (;;) {
        auto row = (*which)->step();
        if (!row) {
            (*which)->reset();
            return row.error();
        }
        if (!*row)
            break;
        replies.append((*which)->text(0));
    }
    (*which)->reset();
    if (replies.isEmpty())
        return {};
    auto update = m_statements.get(
        QStringLiteral("UPDATE messages SET reply_snippet = ?2, reply_deleted = ?3 WHERE reply_to_id = ?1;"));
    if (!update)
        return update.error();
    if (auto st = (*update)->bindAll(originalId, deleted ? QStringLiteral("") : snippet, deleted).exec(); !st)
        return st;
    for (const QString &reply : std::as_const(replies))
        changes.add(Table::Messages, reply);
    return {};
}

Status ChatStore::tombstone(const protocol::MessageDeleted &deleted, RowChanges &changes)
{
    auto known = m_statements.get(QStringLiteral("SELECT rowid, deleted_at FROM messages WHERE id = ?1;"));
    if (!known)
        return known.error();
    (*known)->bind(1, deleted.id);
    auto found = (*known)->step();
    if (!found) {
        (*known)->reset();
        return found.error();
    }
    const qint64 rowid = *found ? (*known)->int64(0) : 0;
    const bool already = *found && !(*known)->isNull(1);
    (*known)->reset();
    // Unknown here: the page that brings it later brings the tombstone. Already one: nothing.
    if (!rowid || already)
        return {};
    auto clear = m_statements.get(QStringLiteral(
        "UPDATE messages SET text = '', attachments = NULL, reactions = NULL, reply_to_id = NULL, reply_sender_id = NULL,"
        " reply_sender_name = NULL, reply_snippet = NULL, reply_deleted = 0, forwarded_from_id = NULL,"
        " forwarded_sender_id = NULL, forwarded_sender_name = NULL, deleted_at = ?2 WHERE rowid = ?1;"));
    if (!clear)
        return clear.error();
    if (auto st = (*clear)->bindAll(rowid, protocol::formatTime(deleted.deletedAt)).exec(); !st)
        return st;
    if (auto st = unindex(rowid); !st)
        return st;
    if (auto st = updateQuotes(deleted.id, true, {}, changes); !st)
        return st;
    changes.add(Table::Messages, deleted.id);
    changes.add(Table::Conversations, deleted.conversationId); // its preview may be this message
    return {};
}

Status ChatStore::setReactions(const protocol::ReactionChange &change, RowChanges &changes)
{
    auto stmt = m_statements.get(
        QStringLiteral("UPDATE messages SET reactions = ?2 WHERE id = ?1 AND deleted_at IS NULL;"));
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, change.messageId);
    if (change.reactions.isEmpty())
        (*stmt)->bindNull(2);
    else
        (*stmt)->bind(2, QString::fromUtf8(QJsonDocument(protocol::reactionsToJson(change.reactions)).toJson(QJsonDocument::Compact)));
    if (auto st = (*stmt)->exec(); !st)
        return st;
    if (m_statements.db().changes() > 0)
        changes.add(Table::Messages, change.messageId);
    return {};
}

Status ChatStore::hide(const QString &id, const QString &hiddenAt, RowChanges &changes)
{
    auto stmt = m_statements.get(QStringLiteral("INSERT OR REPLACE INTO hidden_messages (id, hidden_at) VALUES (?1, ?2);"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bindAll(id, hiddenAt).exec(); !st)
        return st;
    // Gone from this device's lists (and its search, which leaves hidden ones out).
    changes.addRemoved(Table::Messages, id);
    return {};
}

Status ChatStore::upsertConversation(const protocol::Conversation &conversation, RowChanges &changes)
{
    const QString &id = conversation.id;
    QSet<QString> memberIds;
    for (const protocol::User &member : conversation.members) {
        auto userId = m_users.upsert(member, changes);
        if (!userId)
            return userId.error();
        memberIds.insert(*userId);
    }

    const std::optional<protocol::Message> &lastMessage = conversation.lastMessage;
    QString lastMessageId;
    QString lastActivity;
    if (lastMessage) {
        lastMessageId = lastMessage->id;
        lastActivity = protocol::formatTime(lastMessage->createdAt);
    }
    auto insert = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO conversations (id, kind, title, last_message_id, last_activity_at, unread, read_up_to,"
        " muted, muted_until, membership, unread_mentions, request) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);"));
    if (!insert)
        return insert.error();
    if (auto st = (*insert)
                      ->bindAll(id, conversation.kind, conversation.title.value_or(QString()), lastMessageId, lastActivity,
                                conversation.unread, conversation.readUpTo.value_or(QString()), conversation.muted,
                                conversation.mutedUntil ? protocol::formatTime(*conversation.mutedUntil) : QString(),
                                conversation.membership, conversation.unreadMentions, conversation.request)
                      .exec();
        !st)
        return st;
    changes.add(Table::Conversations, id);

    // Members: keep the rows (and their read marks) of those who stay, drop those who left.
    auto existing = m_statements.get(QStringLiteral("SELECT user_id FROM conversation_members WHERE conversation_id = ?1;"));
    if (!existing)
        return existing.error();
    QSet<QString> gone;
    (*existing)->bind(1, id);
    for (;;) {
        auto row = (*existing)->step();
        if (!row) {
            (*existing)->reset();
            return row.error();
        }
        if (!*row)
            break;
        const QString userId = (*existing)->text(0);
        if (!memberIds.contains(userId))
            gone.insert(userId);
    }
    (*existing)->reset();
    auto remove = m_statements.get(
        QStringLiteral("DELETE FROM conversation_members WHERE conversation_id = ?1 AND user_id = ?2;"));
    auto add = m_statements.get(
        QStringLiteral("INSERT OR IGNORE INTO conversation_members (conversation_id, user_id) VALUES (?1, ?2);"));
    if (!remove)
        return remove.error();
    if (!add)
        return add.error();
    for (const QString &userId : std::as_const(gone)) {
        if (auto st = (*remove)->bindAll(id, userId).exec(); !st)
            return st;
    }
    for (const QString &userId : std::as_const(memberIds)) {
        if (auto st = (*add)->bindAll(id, userId).exec(); !st)
            return st;
    }
    // Roles (groups): admins as the server lists them, everyone else a member.
    auto role = m_statements.get(
        QStringLiteral("UPDATE conversation_members SET role = ?3 WHERE conversation_id = ?1 AND user_id = ?2;"));
    if (!role)
        return role.error();
    for (const QString &userId : std::as_const(memberIds)) {
        const QString r = conversation.adminIds.contains(userId) ? QStringLiteral("admin") : QStringLiteral("member");
        if (auto st = (*role)->bindAll(id, userId, r).exec(); !st)
            return st;
    }

    if (lastMessage)
        return upsertMessage(*lastMessage, changes);
    return {};
}

Status ChatStore::removeMessage(const QString &id, RowChanges &changes)
{
    auto unindex = m_statements.get(
        QStringLiteral("DELETE FROM message_search WHERE docid = (SELECT rowid FROM messages WHERE id = ?1);"));
    if (!unindex)
        return unindex.error();
    if (auto st = (*unindex)->bind(1, id).exec(); !st)
        return st;
    auto remove = m_statements.get(QStringLiteral("DELETE FROM messages WHERE id = ?1;"));
    if (!remove)
        return remove.error();
    if (auto st = (*remove)->bind(1, id).exec(); !st)
        return st;
    changes.addRemoved(Table::Messages, id);
    return {};
}

Status ChatStore::markRead(const protocol::ReadMark &read, const QString &selfId, RowChanges &changes)
{
    const QString &conversationId = read.conversationId;
    const QString &userId = read.userId;
    const QString &upTo = read.upTo;

    if (userId == selfId) {
        // Unread = messages from others after the one read up to (all of them if it is unknown
        // here, which the next conversation.updated corrects), leaving out those of people the
        // user blocked, as the server counts.
        auto stmt = m_statements.get(QStringLiteral(
            "UPDATE conversations SET read_up_to = ?2, unread = ("
            " SELECT count(*) FROM messages WHERE conversation_id = ?1 AND sender_id <> ?3 AND kind <> 'system'"
            " AND sender_id NOT IN (SELECT user_id FROM blocks)"
            " AND created_at > coalesce((SELECT created_at FROM messages WHERE id = ?2), '')),"
            " unread_mentions = (SELECT count(*) FROM messages WHERE conversation_id = ?1 AND deleted_at IS NULL"
            " AND mentions LIKE '% ' || ?3 || ' %' AND sender_id NOT IN (SELECT user_id FROM blocks)"
            " AND created_at > coalesce((SELECT created_at FROM messages WHERE id = ?2), '')) WHERE id = ?1;"));
        if (!stmt)
            return stmt.error();
        if (auto st = (*stmt)->bindAll(conversationId, upTo, selfId).exec(); !st)
            return st;
        changes.add(Table::Conversations, conversationId);
    }
    auto member = m_statements.get(QStringLiteral(
        "UPDATE conversation_members SET read_up_to = ?3 WHERE conversation_id = ?1 AND user_id = ?2;"));
    if (!member)
        return member.error();
    if (auto st = (*member)->bindAll(conversationId, userId, upTo).exec(); !st)
        return st;
    changes.add(Table::ConversationMembers, conversationId);
    return {};
}

} // namespace plaza::storage
