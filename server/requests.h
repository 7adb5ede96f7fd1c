// SPDX-License-Identifier: MIT
#pragma once

// Message requests (docs/api.md "Message requests", issue 17): a direct conversation that a
// stranger starts lands with the other person as a *request* (conversation_members.request_state
// 'pending') until they accept it, reply in it, or block its sender. The route is in
// requests.cpp; these helpers are what conversations, messages and read marks call.

#include "common/result.h"

#include <QString>

namespace plaza::server {

class ServerDb;

//! True while \a userId's membership of \a conversationId is a request not yet accepted.
[[nodiscard]] Result<bool> isPendingRequest(ServerDb &db, qint64 conversationId, qint64 userId);

//! For a new direct conversation \a conversationId that \a senderId started with
//! \a recipientId: makes it a request for the recipient when they do not follow the sender
//! and the two share no other conversation.
[[nodiscard]] Status markRequestIfStranger(ServerDb &db, qint64 conversationId, qint64 senderId, qint64 recipientId);

//! Accepts \a userId's request in \a conversationId (inside the caller's transaction). False
//! when it was none (nothing changes). When \a announce, logs conversation.updated to the
//! user's log; either way their read mark, held back while pending, goes to the others
//! (conversation.read).
[[nodiscard]] Result<bool> acceptRequest(ServerDb &db, qint64 conversationId, qint64 userId, bool announce);

//! An SQL condition on the conversation aliased \a conversation: false for a request of
//! \a viewer (a parameter like "?1") whose sender \a viewer blocked (a declined request).
[[nodiscard]] QString requestNotDeclinedSql(const QString &viewer, const QString &conversation);

} // namespace plaza::server
