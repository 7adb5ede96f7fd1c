// SPDX-License-Identifier: MIT
#pragma once

// Posts (api-v1 "Feed"): creating with client_id dedupe, replies, likes, reposts and
// deletion, each in one write transaction together with the events it owes the logs of
// the author, the author's followers and whoever else sees a count change (docs/api.md).

#include "common/result.h"
#include "protocol/feed.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace plaza::server {

class ServerDb;

namespace ids {
inline constexpr QStringView kPost = u"p_";
}

//! A post as \a viewerId sees it (liked_by_me, reposted_by_me and the ranking signals
//! are the viewer's), with the reposted original embedded. NotFound if it does not exist
//! or was deleted.
[[nodiscard]] Result<protocol::Post> loadPost(ServerDb &db, qint64 viewerId, qint64 postId, qint64 nowMs);
//! loadPost() encoded by its codec.
[[nodiscard]] Result<QJsonObject> postJson(ServerDb &db, qint64 viewerId, qint64 postId, qint64 nowMs);

//! What a new post needs. Only the demo seed sets the sponsored/limited fields: v1 has no
//! endpoint for advertisements or moderation.
struct NewPost {
    qint64 authorId = 0;
    QString clientId;
    QString text;
    qint64 replyTo = 0;       //!< 0: not a reply
    qint64 quoteOf = 0;       //!< 0: not a quote-repost
    bool sponsored = false;
    qint64 advertiserId = 0;  //!< with sponsored: who paid for it
    bool limitedReach = false;
    QList<protocol::AttachmentRef> images = {}; //!< finished images of the author (media.h), at most kMaxPostImages
};

//! The result of createPost(): the post's id and whether it already existed (same author and client_id).
struct CreatedPost {
    qint64 id = 0;
    bool existed = false;
};

//! Inserts a post (inside the caller's transaction) after validating it, and logs
//! post.created to the author and their followers (and post.updated of the parent for a reply).
[[nodiscard]] Result<CreatedPost> createPost(ServerDb &db, const NewPost &post, qint64 nowMs);
//! Likes (\a on) or unlikes a post; true if something changed. Acts on the original of a repost.
[[nodiscard]] Result<bool> setLiked(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs);
//! Reposts (\a on) or takes back a repost; true if something changed. Acts on the original of a repost.
[[nodiscard]] Result<bool> setReposted(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs);
//! Deletes a post (author only: Forbidden otherwise) with its reposts.
[[nodiscard]] Status deletePost(ServerDb &db, qint64 userId, qint64 postId, qint64 nowMs);

//! Edits the text of one's own post (Forbidden with reason not_author / repost otherwise); true
//! if the text changed (then edited_at is set and post.updated logged to the author's audience,
//! and to the audiences of the posts quoting it).
[[nodiscard]] Result<bool> editPost(ServerDb &db, qint64 userId, qint64 postId, const QString &text, qint64 nowMs);
//! Bookmarks (\a on) or un-bookmarks a post for \a userId; true if something changed (then
//! bookmark.changed is logged to \a userId only). Acts on the original of a repost.
[[nodiscard]] Result<bool> setBookmarked(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs);

//! The post a like, repost or reply is about: the original when \a postId is a repost.
//! NotFound when it does not exist or was deleted.
[[nodiscard]] Result<qint64> targetPost(ServerDb &db, qint64 postId);

} // namespace plaza::server
