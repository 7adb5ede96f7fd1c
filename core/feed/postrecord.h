// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "feed/ranking.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace plaza::storage {
class Database;
}

namespace plaza::feed {

//! One row of a feed list as the cache holds it. For a repost the content fields (author,
//! text, counts, …) are the original's and repostedBy* name who reposted it.
struct PostRecord {
    QString id;              //!< the row's post id (the repost's own id for a repost; "local:…" while sending)
    QString postId;          //!< the post to like, repost, reply to or open: the original for a repost
    QString clientId;
    QString authorId;
    QString authorName;
    QString authorHandle;
    QString text;
    QString createdAt;       //!< of the row (when it was reposted, for a repost): the timeline's order
    QString postCreatedAt;   //!< of the content
    QString replyTo;
    QString repostedById;    //!< empty unless a repost
    QString repostedByName;
    qint64 likeCount = 0;
    qint64 repostCount = 0;
    qint64 replyCount = 0;
    bool likedByMe = false;
    bool repostedByMe = false;
    bool sponsored = false;
    QString advertiserName;
    QString advertiserHandle;
    bool limitedReach = false;
    double affinity = 0;
    qint64 engagement = 0;
    QString images;          //!< the post's images as the server sent them (JSON; media/attachmentview.h), or empty
    //! A post of ours not yet on the server: its images as the outbox keeps them (local files,
    //! media/outgoingfiles.h), or empty.
    QString pendingImages;
    QString editedAt;        //!< of the content: when its author last edited it, or empty
    QString quoteOf;         //!< the quoted post's card as the server sent it (JSON, protocol::QuotedPost), or empty
    bool bookmarkedByMe = false;
    QString sendState;       //!< "pending" or "failed" for a post of ours not yet on the server, else empty
    QString sendError;       //!< for a failed one: the error code the server refused it with
    bool isGap = false;      //!< a placeholder for posts not loaded yet (FeedModel); only id/createdAt set
    QString gapBeforeId;     //!< for a gap: GET …?before=<this> loads it
    RankResult rank;         //!< Discover only
};

//! Which posts a list shows.
enum class PostScope {
    Following, //!< by the user and the people they follow, with reposts (the home timeline)
    Discover,  //!< originals (no replies, no reposts) from anyone, ranked on the client
    Replies,   //!< replies to one post (\a key: its id), oldest first
    Author,    //!< by one user (\a key: their id), with replies and reposts
    //! the user's bookmarks, newest bookmark first; a row's createdAt is when it was
    //! bookmarked (the list's order), the post's own time is postCreatedAt
    Bookmarks,
};

//! Where a page starts: after the row (createdAt, id) in the scope's order. Empty: the start.
struct PostCursor {
    QString createdAt;
    QString id;
};

//! A page of \a scope from a (read) connection to the cache; newest first except Replies.
//! \a selfId is the signed-in user (Following). Posts still in the outbox are included
//! (sendState) where they belong.
[[nodiscard]] Result<QList<PostRecord>> readPosts(storage::Database &db, PostScope scope, const QString &key,
                                                  const QString &selfId, const PostCursor &after, int limit);
//! The rows with these ids, whatever their scope (for refreshing rows a change named).
[[nodiscard]] Result<QList<PostRecord>> readPostsById(storage::Database &db, const QStringList &ids);
//! How many rows of \a scope sort before \a first (newer than the top row): "N new posts".
[[nodiscard]] Result<qint64> countNewer(storage::Database &db, PostScope scope, const QString &selfId,
                                        const PostCursor &first);
//! True if \a record belongs in \a scope (a row a change named: insert it or not).
[[nodiscard]] bool inScope(const PostRecord &record, PostScope scope, const QString &key, const QString &selfId,
                           bool authorFollowed);
//! Two-letter initials of a display name ("Amélie Laurent" → "AL"), for avatars.
[[nodiscard]] QString initials(const QString &displayName);
//! The ranking of a cached post now (age from its created_at, the cached signals).
[[nodiscard]] RankResult rankNow(const PostRecord &record, qint64 nowMsSinceEpoch);

} // namespace plaza::feed
