// SPDX-License-Identifier: MIT
#pragma once

// Chat messages (api-v1 "Chat"): text messages deduplicated by (sender, client_id), payment
// messages posted atomically with their transfer, read marks and unread counts. Every new
// message goes to every member's log as message.created followed by conversation.updated
// (the conversation as that member now sees it: last message, unread, read mark).

#include "common/result.h"
#include "protocol/chat.h"

#include <QJsonObject>
#include <QString>

namespace plaza::server {

class ServerDb;

//! The Message of api-v1 as \a viewerId sees it. NotFound if none.
[[nodiscard]] Result<protocol::Message> loadMessage(ServerDb &db, qint64 viewerId, qint64 messageId);
//! loadMessage() encoded by its codec.
[[nodiscard]] Result<QJsonObject> messageJson(ServerDb &db, qint64 viewerId, qint64 messageId);

//! Posts the kind "payment" message of \a transactionId by \a senderId in
//! \a conversationId (inside the caller's transaction): bumps the conversation's
//! activity and appends message.created to every member's log. The message's
//! client_id is the transaction's id, so one transaction has at most one message.
[[nodiscard]] Result<qint64> postPaymentMessage(ServerDb &db, qint64 conversationId, qint64 senderId,
                                                qint64 transactionId, const QString &text, qint64 nowMs);

//! Where a new message comes from besides its text: the message it replies to (same
//! conversation, checked by the caller) and, for a forward, the message forwarded (its
//! files are attached again) and the author it is shown as coming from.
struct MessageOrigin {
    qint64 replyToId = 0;
    qint64 forwardedFromId = 0;
    qint64 forwardedSenderId = 0;
};

struct CreatedMessage {
    qint64 id = 0;
    bool existed = false; //!< the sender had already sent this client_id: the original
};
//! Posts a text message (inside the caller's transaction; membership is the caller's
//! business). Validates client_id, text (up to kMaxMessageChars code points, not only white
//! space, and empty only when files are attached) and \a attachments (finished files of the
//! sender: media.h). The same client_id again from the same sender returns the original in
//! the same conversation, and is a Conflict in another one. With \a origin a reply or a
//! forward (a forward's text may be empty when the forwarded message has files).
[[nodiscard]] Result<CreatedMessage> postTextMessage(ServerDb &db, qint64 conversationId, qint64 senderId,
                                                     const QString &clientId, const QString &text, qint64 nowMs,
                                                     const QList<protocol::AttachmentRef> &attachments = {},
                                                     const MessageOrigin &origin = {});

//! What a new message logs in each member's log: message.created and conversation.updated, or
//! only message.created when the caller logs one conversation.updated per member itself after
//! several messages (adding 48 people to a group: 48 lines, not 48 × 50 conversations).
enum class Announce { MessageAndConversation, MessageOnly };

//! Posts a "system" message of \a actorId in a group (inside the caller's transaction): who
//! was added, removed or promoted (\a targetId), who left, or the new \a title. Its text is the
//! line in English. message.created and (see \a announce) conversation.updated go to every
//! member and to each of \a alsoTo (someone who just left or was removed: they see the line
//! that tells of it).
[[nodiscard]] Result<qint64> postSystemMessage(ServerDb &db, qint64 conversationId, qint64 actorId,
                                               const QString &action, qint64 targetId, const QString &title,
                                               qint64 nowMs, const QList<qint64> &alsoTo = {},
                                               Announce announce = Announce::MessageAndConversation);

//! The members of group \a conversationId whom \a text names as @handle (a handle after an "@"
//! that does not follow a letter, digit, "_" or "@"), each once, in the order of the text.
[[nodiscard]] Result<QList<qint64>> mentionedMembers(ServerDb &db, qint64 conversationId, const QString &text);

//! True when \a text carries a payment request's link (plaza://pay/…): the app shows it as a
//! request card, so such messages are never edited or deleted, like payments.
[[nodiscard]] bool isRequestText(const QString &text);

//! Moves \a userId's read mark in \a conversationId forward to \a messageId (never back) and
//! appends conversation.read to every member's log and conversation.updated to the reader's.
//! Returns false when the mark was already there or beyond (nothing written).
[[nodiscard]] Result<bool> markRead(ServerDb &db, qint64 conversationId, qint64 userId, qint64 messageId);

//! Appends conversation.read (\a readerId has read \a conversationId up to \a messageId) to
//! the logs of \a members.
[[nodiscard]] Status logReadMark(ServerDb &db, qint64 conversationId, qint64 readerId, qint64 messageId,
                                 const QList<qint64> &members);

//! The read mark of \a userId in \a conversationId (0: nothing read) and the number of
//! messages of others after it.
//! System messages do not count; unreadMentions counts the unread messages that mention
//! \a userId. With \a lastVisible (someone who left), only messages up to it count.
struct ReadState {
    qint64 upTo = 0;
    qint64 unread = 0;
    qint64 unreadMentions = 0;
};
[[nodiscard]] Result<ReadState> readState(ServerDb &db, qint64 conversationId, qint64 userId, qint64 lastVisible = 0);

} // namespace plaza::server
