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

    //! message.created and message.edited: the message (and its sender); moves the
    //! conversation's last message forward. A known message is updated in place (same rowid),
    //! and message_search follows its text (docid = messages.rowid). What the cache knows
    //! wins over an older copy: a tombstone stays one, and a newer edit (edited_at) stays.
    //! An edit updates the snippet of the replies that quote it.
    [[nodiscard]] Status upsertMessage(const protocol::Message &message, RowChanges &changes);
    //! message.deleted: the message becomes a tombstone (text, files, reactions, reply and
    //! forward gone, deleted_at set), leaves message_search, and replies quoting it say it was
    //! deleted. An unknown or already deleted message: nothing changes.
    [[nodiscard]] Status tombstone(const protocol::MessageDeleted &deleted, RowChanges &changes);
    //! message.reaction: the message's reactions, as the event lists them (not on a tombstone).
    [[nodiscard]] Status setReactions(const protocol::ReactionChange &change, RowChanges &changes);
    //! "Delete for me": hidden on this device (hidden_messages), reported as removed.
    [[nodiscard]] Status hide(const QString &id, const QString &hiddenAt, RowChanges &changes);
    //! conversation.updated: the conversation, its members (users too) and its last message.
    [[nodiscard]] Status upsertConversation(const protocol::Conversation &conversation, RowChanges &changes);
    //! conversation.read {"conversation_id","user_id","up_to"}: our own read mark (and unread
    //! count) when \a selfId read, otherwise the member's mark.
    //! The message and its search entry (a *.deleted event that carries only the id).
    [[nodiscard]] Status removeMessage(const QString &id, RowChanges &changes);
    [[nodiscard]] Status markRead(const protocol::ReadMark &read, const QString &selfId, RowChanges &changes);

    //! The same from the API's JSON, decoded by protocol/chat.h's codecs: a malformed object
    //! is ErrorCode::Protocol naming the field, and writes nothing.
    [[nodiscard]] Status upsertMessage(const QJsonObject &message, RowChanges &changes);
    [[nodiscard]] Status upsertConversation(const QJsonObject &conversation, RowChanges &changes);
    [[nodiscard]] Status markRead(const QJsonObject &read, const QString &selfId, RowChanges &changes);

private:
    Status unindex(qint64 docid);
    //! The replies quoting \a originalId: their snippet, or that it was deleted.
    Status updateQuotes(const QString &originalId, bool deleted, const QString &snippet, RowChanges &changes);

    StatementCache &m_statements;
    UsersStore &m_users;
};

} // namespace plaza::storage
