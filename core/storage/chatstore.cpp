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

Status ChatStore::upsertMessage(const protocol::Message &message, RowChanges &changes)
{
    const QString &id = message.id;
    const QString &conversationId = message.conversationId;
    const QString &text = message.text;
    const QString createdAt = protocol::formatTime(message.createdAt);
    const QString paymentTransaction = message.payment ? message.payment->transactionId : QString();
    auto senderId = m_users.upsert(message.sender, changes);
    if (!senderId)
        return senderId.error();

    // Update in place when the message is known (its rowid is the search index's docid, so it
    // must not change), insert otherwise; the search index follows the text.
    auto known = m_statements.get(QStringLiteral("SELECT rowid, text FROM messages WHERE id = ?1;"));
    if (!known)
        return known.error();
    (*known)->bind(1, id);
    auto found = (*known)->step();
    if (!found) {
        (*known)->reset();
        return found.error();
    }
    const qint64 rowid = *found ? (*known)->int64(0) : 0;
    const bool textChanged = *found && (*known)->text(1) != text;
    (*known)->reset();

    auto write = m_statements.get(
        rowid ? QStringLiteral("UPDATE messages SET id = ?1, client_id = ?2, conversation_id = ?3, sender_id = ?4, text = ?5,"
                               " created_at = ?6, kind = ?7, payment_transaction_id = ?8, payment_amount = ?9,"
                               " payment_currency = ?10, attachments = ?12 WHERE rowid = ?11;")
              : QStringLiteral("INSERT INTO messages (id, client_id, conversation_id, sender_id, text, created_at, kind,"
                               " payment_transaction_id, payment_amount, payment_currency, attachments) VALUES (?1, ?2, ?3,"
                               " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12);"));
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
    if (auto st = s.exec(); !st)
        return st;
    if (!rowid || textChanged) {
        auto index = m_statements.get(rowid ? QStringLiteral("UPDATE message_search SET text = ?2 WHERE docid = ?1;")
                                            : QStringLiteral("INSERT INTO message_search (docid, text) VALUES (?1, ?2);"));
        if (!index)
            return index.error();
        if (auto st = (*index)->bindAll(rowid ? rowid : m_statements.db().lastInsertRowId(), text).exec(); !st)
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
    if (m_statements.db().changes() > 0)
        changes.add(Table::Conversations, conversationId);
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
        "INSERT OR REPLACE INTO conversations (id, kind, title, last_message_id, last_activity_at, unread, read_up_to)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);"));
    if (!insert)
        return insert.error();
    if (auto st = (*insert)
                      ->bindAll(id, conversation.kind, conversation.title.value_or(QString()), lastMessageId, lastActivity,
                                conversation.unread, conversation.readUpTo.value_or(QString()))
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
        // here, which the next conversation.updated corrects).
        auto stmt = m_statements.get(QStringLiteral(
            "UPDATE conversations SET read_up_to = ?2, unread = ("
            " SELECT count(*) FROM messages WHERE conversation_id = ?1 AND sender_id <> ?3"
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
