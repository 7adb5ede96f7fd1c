// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/chat.h"
#include "storage/rowchanges.h"

#include <QJsonObject>

namespace plaza::storage {

class StatementCache;
class UsersStore;

//! conversations, conversation_members and messages.
class ChatStore
{
public:
    ChatStore(StatementCache &statements, UsersStore &users) : m_statements(statements), m_users(users) { }

    //! message.created: the message (and its sender); moves the conversation's last message
    //! forward. A known message is updated in place (same rowid), and message_search follows
    //! its text (docid = messages.rowid).
    [[nodiscard]] Status upsertMessage(const protocol::Message &message, RowChanges &changes);
    //! conversation.updated: the conversation, its members (users too) and its last message.
    [[nodiscard]] Status upsertConversation(const protocol::Conversation &conversation, RowChanges &changes);
    //! conversation.read {"conversation_id","user_id","up_to"}: our own read mark (and unread
    //! count) when \a selfId read, otherwise the member's mark.
    //! message.deleted: the message and its search entry.
    [[nodiscard]] Status removeMessage(const QString &id, RowChanges &changes);
    [[nodiscard]] Status markRead(const protocol::ReadMark &read, const QString &selfId, RowChanges &changes);

    //! The same from the API's JSON, decoded by protocol/chat.h's codecs: a malformed object
    //! is ErrorCode::Protocol naming the field, and writes nothing.
    [[nodiscard]] Status upsertMessage(const QJsonObject &message, RowChanges &changes);
    [[nodiscard]] Status upsertConversation(const QJsonObject &conversation, RowChanges &changes);
    [[nodiscard]] Status markRead(const QJsonObject &read, const QString &selfId, RowChanges &changes);

private:
    StatementCache &m_statements;
    UsersStore &m_users;
};

} // namespace plaza::storage
