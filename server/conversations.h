// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/chat.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <variant>

namespace plaza::server {

class Response;
class ServerDb;
struct RequestContext;

//! The Conversation object of api-v1 as \a viewerId sees it: the newest message (or null),
//! the viewer's read mark and the messages of others after it (unread). NotFound if no such
//! conversation (membership is the caller's business: see isMember()).
[[nodiscard]] Result<protocol::Conversation> loadConversation(ServerDb &db, qint64 viewerId, qint64 conversationId);
//! loadConversation() encoded by its codec.
[[nodiscard]] Result<QJsonObject> conversationJson(ServerDb &db, qint64 viewerId, qint64 conversationId);

//! Logs conversation.updated (conversationJson() as each sees it) to each of \a viewers
//! (inside the caller's transaction).
[[nodiscard]] Status logConversationTo(ServerDb &db, qint64 conversationId, const QList<qint64> &viewers);

//! True if \a userId belongs to \a conversationId.
[[nodiscard]] Result<bool> isMember(ServerDb &db, qint64 conversationId, qint64 userId);
//! The conversation of the route's {id} if the caller is a member of it now, or the answer
//! to send (400 for a malformed id, 404 for none, 403 for a non-member or a former one).
[[nodiscard]] std::variant<qint64, Response> currentMemberConversation(ServerDb &db, const RequestContext &ctx);
//! Every member of \a conversationId.
[[nodiscard]] Result<QList<qint64>> memberIds(ServerDb &db, qint64 conversationId);

//! How someone who is no longer a member left \a conversationId: "left" or "removed", and the
//! last message they may still read (the system message that tells of it).
struct Departure {
    QString reason;
    qint64 upTo = 0;
};
//! \a userId's departure from \a conversationId; nothing if they never left (or came back).
[[nodiscard]] Result<std::optional<Departure>> departure(ServerDb &db, qint64 conversationId, qint64 userId);
//! "admin" or "member" for a member of \a conversationId; a null QString for anyone else.
[[nodiscard]] Result<QString> memberRole(ServerDb &db, qint64 conversationId, qint64 userId);

struct CreatedConversation {
    qint64 id = 0;
    bool existed = false; //!< a direct conversation of this pair was already there
};
//! Creates a conversation of \a creatorId with \a otherMembers (inside the caller's
//! transaction). One other member and no title: a direct conversation, and the pair's
//! existing one is returned if there is one. Otherwise a group. conversation.updated
//! goes to every member's log when one is made. A new direct conversation with a stranger
//! is a message request for them (requests.h) unless \a requests is Skip (the demo world).
enum class RequestRule { Apply, Skip };
[[nodiscard]] Result<CreatedConversation> createConversation(ServerDb &db, qint64 creatorId,
                                                             const QList<qint64> &otherMembers,
                                                             const QString &title, qint64 nowMs,
                                                             RequestRule requests = RequestRule::Apply);

} // namespace plaza::server
