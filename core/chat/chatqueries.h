// SPDX-License-Identifier: MIT
#pragma once

// Reading chat from the cache (conversations, messages with the outbox's unsent ones,
// search): plain functions on a connection, shared by the models, the CLI and bench/.

#include "common/result.h"
#include "protocol/chat.h"

#include <QList>
#include <QLocale>
#include <QString>

#include <optional>

namespace plaza::storage {
class Database;
}

namespace plaza::chat {

struct ConversationRow {
    QString id;
    QString kind;              //!< direct, group
    QString title;             //!< the group's title, or the other person's display name
    QString initials;          //!< one or two letters of the title
    QStringList memberNames;   //!< the others' display names
    QString otherUserId;       //!< direct conversations: the other person
    QString otherHandle;
    QString lastMessagePreview;
    bool lastMessageOwn = false;
    QString lastActivityAt;    //!< RFC 3339 UTC (an unsent message counts)
    int unread = 0;
    QString readUpTo;
    bool hasUnsent = false;    //!< a message of ours is still sending or failed
    bool muted = false;        //!< the user muted it (see mutedUntil; isMuted() says whether it still is)
    QString mutedUntil;        //!< RFC 3339 UTC, empty for no end
    bool blocked = false;      //!< direct: the user blocked the other person (read-only, docs/api.md "Safety")
    bool lastMessageFromBlocked = false; //!< a group's last message is from someone the user blocked (no preview)
    QString membership = QStringLiteral("member"); //!< member, left, removed (groups; read-only once not a member)
    int unreadMentions = 0;    //!< unread messages that mention the user
    bool admin = false;        //!< groups: the user is an admin (adds, removes, renames)
    bool request = false;      //!< a stranger's message request, not accepted yet (docs/api.md "Message requests")

    //! True while the mute lasts at \a now: set with no end, or ending after \a now.
    [[nodiscard]] bool isMuted(const QDateTime &now) const;
};

struct MessageRow {
    QString id;                //!< empty while only in the outbox
    QString clientId;
    QString conversationId;
    QString senderId;
    QString senderName;
    bool own = false;
    QString text;
    QString createdAt;         //!< RFC 3339 UTC
    QString state;             //!< sending, sent, failed, read
    QString kind;              //!< text, payment, request (a text carrying a plaza://pay link)
    qint64 amountMinor = 0;    //!< payment messages
    QString currency;
    QString requestId;         //!< request messages
    QString errorMessage;      //!< failed ones
    QString attachments;       //!< files as the server sent them (JSON; media/attachmentview.h), or empty
    bool unsynced = false;     //!< from the outbox: not in the synced messages yet
    QString editedAt;          //!< RFC 3339 UTC of the last edit; empty: never edited
    bool deleted = false;      //!< a tombstone ("Message deleted"): no text, files or reactions
    QList<protocol::Reaction> reactions;
    QString replyToId;         //!< the message it replies to (empty: not a reply)
    QString replySenderName;
    QString replySnippet;      //!< the quoted words (empty when the original was deleted)
    bool replyDeleted = false; //!< the original was deleted
    QString forwardedFrom;     //!< a forward: the display name of the first author
    bool senderBlocked = false; //!< the user blocked its sender (a group they still share): shown collapsed
    QString systemAction;      //!< kind "system": added, removed, left, renamed, promoted
    QString systemTargetName;  //!< the member it names (added, removed, promoted)
    bool mentionsMe = false;   //!< the text mentions the signed-in user (@handle)

    //! The identity a list keeps across "sending" → "sent": sender and client_id, or the id.
    [[nodiscard]] QString key() const { return clientId.isEmpty() ? id : senderId + u'/' + clientId; }
};

struct SearchHit {
    QString messageId;
    QString conversationId;
    QString conversationTitle;
    QString senderName;
    QString createdAt;
    QString snippet;           //!< plain text around the match
    QString snippetHtml;       //!< the same, HTML-escaped, the matched words in <b>…</b>
};

//! A payment request as the cache knows it (payment_request.updated), for request cards.
struct CachedRequest {
    QString id;
    QString status;            //!< open, paid, declined, cancelled, expired
    qint64 amountMinor = 0;
    QString currency;
    QString note;
};

//! The request id of the first plaza://pay/<id> link in \a text, or empty.
[[nodiscard]] QString requestIdIn(const QString &text);
//! What a request message says besides its link and amount: the note. The app sends
//! "<amount, in the sender's locale> — <note>\n<link>"; that amount is the sender's wording
//! and never shown (cards and previews take the amount from the request), so it is dropped
//! here, and so is the link.
[[nodiscard]] QString requestNoteFromText(const QString &text);
//! The cached request \a id; an empty optional when the cache does not know it (a request
//! that names nobody, seen by someone else than its author).
[[nodiscard]] Result<std::optional<CachedRequest>> readRequest(storage::Database &db, const QString &id);
//! One line for the conversation list and notifications: a text's words; a payment's amount
//! in \a locale and its note; a request's "🧾" with the amount from the cached request (in
//! \a locale) and its note — never the amount as the sender wrote it.
[[nodiscard]] QString messagePreview(storage::Database &db, const QString &kind, const QString &text,
                                     const QString &currency, qint64 amountMinor, const QLocale &locale = QLocale());

//! One member of a conversation as the members sheet and the CLI show them.
struct MemberRow {
    QString id;
    QString name;   //!< display name, or the handle
    QString handle;
    QString role;   //!< admin, member
};
//! The members of \a conversationId in the order they joined (admins first is the reader's choice).
[[nodiscard]] Result<QList<MemberRow>> readMembers(storage::Database &db, const QString &conversationId);

//! Every conversation, most recent activity first. \a selfId: the signed-in user.
[[nodiscard]] Result<QList<ConversationRow>> readConversations(storage::Database &db, const QString &selfId);
//! One conversation's heading (id, kind, title, members, the other person of a direct one,
//! initials; not its activity, preview or unread count), NotFound if the cache does not have
//! it. Two indexed reads: cheap enough for every sync batch that touches the conversation.
[[nodiscard]] Result<ConversationRow> readConversation(storage::Database &db, const QString &selfId,
                                                       const QString &conversationId);

//! Up to \a limit synced messages of \a conversationId older than (\a beforeCreatedAt,
//! \a beforeId) (all the newest when \a beforeCreatedAt is empty), OLDEST FIRST.
[[nodiscard]] Result<QList<MessageRow>> readMessages(storage::Database &db, const QString &selfId,
                                                     const QString &conversationId, const QString &beforeCreatedAt,
                                                     const QString &beforeId, int limit);
//! Synced messages of \a conversationId from (\a fromCreatedAt, \a fromId) on, oldest first;
//! the first \a limit of them (all when negative).
[[nodiscard]] Result<QList<MessageRow>> readMessagesFrom(storage::Database &db, const QString &selfId,
                                                         const QString &conversationId, const QString &fromCreatedAt,
                                                         const QString &fromId, int limit = -1);
//! Where message \a id of \a conversationId sorts: its created_at; empty when the cache has no
//! such message in that conversation.
[[nodiscard]] Result<QString> readMessageCreatedAt(storage::Database &db, const QString &conversationId,
                                                   const QString &id);
//! The synced messages among \a ids that belong to \a conversationId (others are left out),
//! oldest first.
[[nodiscard]] Result<QList<MessageRow>> readMessagesById(storage::Database &db, const QString &selfId,
                                                         const QString &conversationId, const QList<QString> &ids);
//! Our messages of \a conversationId not in the synced messages yet (sending, failed, or
//! sent with the event still to come), in send order.
[[nodiscard]] Result<QList<MessageRow>> readUnsent(storage::Database &db, const QString &selfId,
                                                   const QString &conversationId);

//! Full-text search over cached messages (diacritics and case folded; every word of
//! \a query must appear, each as a word prefix), newest first.
[[nodiscard]] Result<QList<SearchHit>> searchMessages(storage::Database &db, const QString &selfId, const QString &query,
                                                      int limit = 50);
//! The FTS4 MATCH expression for what a person typed: each word quoted, as a prefix. Empty
//! if nothing searchable is left.
[[nodiscard]] QString ftsQuery(const QString &typed);

//! Lower case without diacritics ("Élodie" → "elodie"), for filters.
[[nodiscard]] QString foldForFilter(const QString &text);
//! One or two upper-case letters for an avatar.
[[nodiscard]] QString initialsOf(const QString &name);

} // namespace plaza::chat
