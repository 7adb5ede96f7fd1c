// SPDX-License-Identifier: MIT
#pragma once

// Safety (docs/api.md "Safety", issue 17): blocks, mutes and reports. The routes are in
// safety.cpp; the rules a block imposes on the other areas are these helpers, called where
// messages, payments, requests, follows, conversations and posts are made or listed.

#include "common/result.h"

#include <QString>

namespace plaza::protocol {
struct Conversation;
}

namespace plaza::server {

class ServerDb;

//! 403 forbidden (details.reason "blocked", details.blocked_by_me) when \a callerId blocked
//! \a otherId or \a otherId blocked \a callerId: no messages, money, requests or follows flow
//! between them. Nothing when neither did (or \a otherId is 0).
[[nodiscard]] Status refuseIfBlocked(ServerDb &db, qint64 callerId, qint64 otherId);
//! refuseIfBlocked() for the other member of a direct conversation: such a conversation is
//! read-only while a block stands. Groups are not affected.
[[nodiscard]] Status refuseIfBlockedIn(ServerDb &db, qint64 conversationId, qint64 callerId);

//! An SQL condition, true when the post aliased \a post (and the original it reposts) is by
//! nobody who blocked \a viewer or whom \a viewer blocked (\a viewer: a parameter like "?1").
[[nodiscard]] QString postNotBlockedSql(const QString &viewer, const QString &post);
//! True when post \a postId exists and a block stands between \a viewerId and its author (or
//! the author of the post it reposts): it is not there for the viewer (404).
[[nodiscard]] Result<bool> postHiddenByBlock(ServerDb &db, qint64 viewerId, qint64 postId);

//! Sets \a c's muted and muted_until as \a viewerId muted conversation \a conversationId.
[[nodiscard]] Status loadMute(ServerDb &db, qint64 conversationId, qint64 viewerId, protocol::Conversation &c);

} // namespace plaza::server
