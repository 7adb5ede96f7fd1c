// SPDX-License-Identifier: MIT
#include "posts.h"
#include "protocol/events.h"

#include "eventlog.h"
#include "media.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "safety.h"
#include "serverdb.h"
#include "users.h"

#include <QDateTime>
#include <QSet>

#include <cmath>

namespace plaza::server {

namespace {

Error noSuchPost()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such post."));
}

//! The time of a new post or repost: after every post before it (ServerDb::nextCreatedAt).
Result<qint64> newPostTime(ServerDb &db, qint64 nowMs)
{
    return db.nextCreatedAt(nowMs, QStringLiteral("SELECT created_at FROM posts ORDER BY id DESC LIMIT 1"));
}

// Repost rows carry a client_id no client can send ("repost:" is outside [A-Za-z0-9_-]),
// so UNIQUE (author_id, client_id) also makes "one repost per person and post" hold.
QString repostClientId(qint64 originalId)
{
    return QStringLiteral("repost:") + QString::number(originalId);
}

// How close the viewer is to the author, 0…1 (docs/api.md "Ranking signals"): following
// them counts 0.5, and each like, repost or reply of the viewer on the author's posts
// 0.05 more, capped at 1. One's own posts are 1.
Result<double> affinity(ServerDb &db, qint64 viewerId, qint64 authorId)
{
    if (viewerId == authorId)
        return 1.0;
    auto follows = db.integer(QStringLiteral("SELECT count(*) FROM follows WHERE follower_id = ?1 AND followee_id = ?2"),
                              viewerId, authorId);
    if (!follows)
        return follows.error();
    auto interactions = db.integer(
        QStringLiteral("SELECT (SELECT count(*) FROM likes l JOIN posts p ON p.id = l.post_id "
                       "        WHERE l.user_id = ?1 AND p.author_id = ?2 AND p.deleted_at IS NULL) "
                       "     + (SELECT count(*) FROM posts r JOIN posts p ON p.id = coalesce(r.repost_of, r.reply_to) "
                       "        WHERE r.author_id = ?1 AND p.author_id = ?2 AND r.deleted_at IS NULL AND p.deleted_at IS NULL)"),
        viewerId, authorId);
    if (!interactions)
        return interactions.error();
    const double raw = (follows->value_or(0) > 0 ? 0.5 : 0.0) + 0.05 * double(interactions->value_or(0));
    return std::round(std::min(1.0, raw) * 100.0) / 100.0;
}

Result<QList<qint64>> followerIds(ServerDb &db, qint64 userId)
{
    return db.integers(QStringLiteral("SELECT follower_id FROM follows WHERE followee_id = ?1 ORDER BY follower_id"), userId);
}

// Appends \a type with the post as each of \a userIds sees it.
Status logPost(ServerDb &db, const QList<qint64> &userIds, const QString &type, qint64 postId, qint64 nowMs)
{
    QSet<qint64> done;
    for (qint64 userId : userIds) {
        if (done.contains(userId))
            continue;
        done.insert(userId);
        auto json = postJson(db, userId, postId, nowMs);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, userId, type, *json); !seq)
            return seq.error();
    }
    return {};
}

Status logDeleted(ServerDb &db, const QList<qint64> &userIds, qint64 postId)
{
    QSet<qint64> done;
    for (qint64 userId : userIds) {
        if (done.contains(userId))
            continue;
        done.insert(userId);
        if (auto seq = appendEvent(db, userId, protocol::eventName(protocol::EventType::PostDeleted),
                protocol::Deleted{ids::format(ids::kPost, postId)}.toJson());
            !seq)
            return seq.error();
    }
    return {};
}

// The author and everyone following them: who holds a post in their log.
Result<QList<qint64>> audience(ServerDb &db, qint64 authorId)
{
    auto followers = followerIds(db, authorId);
    if (!followers)
        return followers.error();
    QList<qint64> all{authorId};
    all += *followers;
    return all;
}

// A post's text, new or edited: 1 to kMaxPostChars code points, not only white space; with
// images it may be empty (never only white space).
Status checkText(const QString &text, bool hasImages)
{
    const qsizetype chars = text.toUcs4().size();
    if (text.trimmed().isEmpty() && (!hasImages || !text.isEmpty()))
        return makeError(ErrorCode::ValidationFailed,
                         !hasImages ? QStringLiteral("A post needs some text or an image.")
                                    : QStringLiteral("A post's text cannot be only white space."),
                         {{QStringLiteral("field"), QStringLiteral("text")}});
    if (chars > protocol::limits::kMaxPostChars)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A post is at most %1 characters (this one has %2).")
                             .arg(protocol::limits::kMaxPostChars)
                             .arg(chars),
                         {{QStringLiteral("field"), QStringLiteral("text")}, {QStringLiteral("limit"), protocol::limits::kMaxPostChars}});
    return {};
}

Result<qint64> authorOf(ServerDb &db, qint64 postId)
{
    auto author = db.integer(QStringLiteral("SELECT author_id FROM posts WHERE id = ?1"), postId);
    if (!author)
        return author.error();
    if (!author->has_value())
        return noSuchPost();
    return **author;
}

// The card of a quoted post as \a viewerId sees it: "deleted" once it is gone, or hidden from
// them by a block.
Result<protocol::QuotedPost> quotedCard(ServerDb &db, qint64 viewerId, qint64 quotedId)
{
    protocol::QuotedPost q;
    q.id = ids::format(ids::kPost, quotedId);
    auto hidden = postHiddenByBlock(db, viewerId, quotedId);
    if (!hidden)
        return hidden.error();
    auto row = db.row(QStringLiteral("SELECT author_id, text, created_at, edited_at FROM posts WHERE id = ?1 AND deleted_at IS NULL"),
                      quotedId);
    if (!row)
        return row.error();
    if (!*row || *hidden) {
        q.deleted = true;
        q.text = QStringLiteral("");
        return q;
    }
    auto &stmt = *row;
    const qint64 authorId = stmt->int64(0);
    q.text = stmt->text(1);
    q.createdAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(2), Qt::UTC);
    if (!stmt->isNull(3))
        q.editedAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(3), Qt::UTC);
    stmt.reset();
    auto author = loadUser(db, viewerId, authorId);
    if (!author)
        return author.error();
    q.author = *author;
    return q;
}

// The quote-reposts of \a quotedId changed with it (edited, deleted): post.updated of each to
// its author's audience.
Status logQuoters(ServerDb &db, qint64 quotedId, qint64 nowMs)
{
    auto quotes = db.integers(QStringLiteral("SELECT id FROM posts WHERE quote_of = ?1 AND deleted_at IS NULL ORDER BY id"),
                              quotedId);
    if (!quotes)
        return quotes.error();
    for (qint64 quoteId : std::as_const(*quotes)) {
        auto quoter = authorOf(db, quoteId);
        if (!quoter)
            return quoter.error();
        auto theirs = audience(db, *quoter);
        if (!theirs)
            return theirs.error();
        if (auto st = logPost(db, *theirs, protocol::eventName(protocol::EventType::PostUpdated), quoteId, nowMs); !st)
            return st;
    }
    return {};
}

Status logBookmark(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs)
{
    protocol::BookmarkChange change;
    change.postId = ids::format(ids::kPost, postId);
    change.bookmarked = on;
    change.changedAt = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    if (on) {
        auto post = loadPost(db, userId, postId, nowMs);
        if (!post)
            return post.error();
        change.post = std::move(*post);
    }
    if (auto seq = appendEvent(db, userId, protocol::eventName(protocol::EventType::BookmarkChanged), change.toJson()); !seq)
        return seq.error();
    return {};
}

} // namespace

Result<qint64> targetPost(ServerDb &db, qint64 postId)
{
    auto row = db.row(QStringLiteral("SELECT repost_of FROM posts WHERE id = ?1 AND deleted_at IS NULL"), postId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchPost();
    auto &stmt = *row;
    return stmt->isNull(0) ? postId : stmt->int64(0);
}

Result<protocol::Post> loadPost(ServerDb &db, qint64 viewerId, qint64 postId, qint64 nowMs)
{
    auto row = db.row(
        QStringLiteral(
            "SELECT p.client_id, p.author_id, p.text, p.created_at, p.reply_to, p.repost_of, p.sponsored, "
            "p.advertiser_id, p.reach, "
            "(SELECT count(*) FROM likes l WHERE l.post_id = p.id), "
            "(SELECT count(*) FROM posts r WHERE r.repost_of = p.id AND r.deleted_at IS NULL), "
            "(SELECT count(*) FROM posts r WHERE r.reply_to = p.id AND r.deleted_at IS NULL), "
            "EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.id AND l.user_id = ?2), "
            "EXISTS (SELECT 1 FROM posts r WHERE r.repost_of = p.id AND r.author_id = ?2 AND r.deleted_at IS NULL), "
            "p.edited_at, p.quote_of, "
            "EXISTS (SELECT 1 FROM post_bookmarks b WHERE b.post_id = p.id AND b.user_id = ?2) "
            "FROM posts p WHERE p.id = ?1 AND p.deleted_at IS NULL"),
        postId, viewerId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchPost();
    auto &stmt = *row;
    const QString clientId = stmt->text(0);
    const qint64 authorId = stmt->int64(1);
    const QString text = stmt->text(2);
    const qint64 createdAt = stmt->int64(3);
    // Row ids start at 1, so 0 (what a NULL reads as) means "none".
    const qint64 replyTo = stmt->int64(4);
    const qint64 repostOf = stmt->int64(5);
    const bool sponsored = stmt->int64(6) != 0;
    const qint64 advertiser = stmt->int64(7);
    const QString reach = stmt->text(8);
    const qint64 likes = stmt->int64(9);
    const qint64 reposts = stmt->int64(10);
    const qint64 replies = stmt->int64(11);
    const bool likedByMe = stmt->int64(12) != 0;
    const bool repostedByMe = stmt->int64(13) != 0;
    const qint64 editedAt = stmt->isNull(14) ? 0 : stmt->int64(14); // 0: never edited
    const qint64 quoteOf = stmt->int64(15);
    const bool bookmarkedByMe = stmt->int64(16) != 0;
    stmt.reset();

    protocol::Post p;
    p.id = ids::format(ids::kPost, postId);
    auto author = loadUser(db, viewerId, authorId);
    if (!author)
        return author.error();
    p.author = *author;
    if (repostOf) {
        auto original = loadPost(db, viewerId, repostOf, nowMs);
        if (!original)
            return original.error();
        p.repostOf = std::make_shared<const protocol::Post>(std::move(*original));
    } else {
        p.clientId = clientId; // a repost has none
    }
    if (advertiser) {
        auto user = loadUser(db, viewerId, advertiser);
        if (!user)
            return user.error();
        p.advertiser = *user;
    }
    auto closeness = affinity(db, viewerId, authorId);
    if (!closeness)
        return closeness.error();
    p.text = text;
    p.createdAt = QDateTime::fromMSecsSinceEpoch(createdAt, Qt::UTC);
    if (replyTo)
        p.replyTo = ids::format(ids::kPost, replyTo);
    p.likeCount = likes;
    p.repostCount = reposts;
    p.replyCount = replies;
    p.likedByMe = likedByMe;
    p.repostedByMe = repostedByMe;
    p.sponsored = sponsored;
    p.reach = reach;
    p.rankSignals = protocol::PostSignals{*closeness, likes + reposts + replies,
                                          std::max<qint64>(0, (nowMs - createdAt) / 1000)};
    auto images = media::postImages(db, postId);
    if (!images)
        return images.error();
    p.images = *images;
    if (editedAt)
        p.editedAt = QDateTime::fromMSecsSinceEpoch(editedAt, Qt::UTC);
    p.bookmarkedByMe = bookmarkedByMe;
    if (quoteOf) {
        auto card = quotedCard(db, viewerId, quoteOf);
        if (!card)
            return card.error();
        p.quoteOf = std::move(*card);
    }
    return p;
}

Result<QJsonObject> postJson(ServerDb &db, qint64 viewerId, qint64 postId, qint64 nowMs)
{
    auto post = loadPost(db, viewerId, postId, nowMs);
    if (!post)
        return post.error();
    return post->toJson();
}

Result<CreatedPost> createPost(ServerDb &db, const NewPost &post, qint64 nowMs)
{
    if (!protocol::isValidClientId(post.clientId))
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("client_id must be 1 to 64 of A-Z, a-z, 0-9, _ and -."),
                         {{QStringLiteral("field"), QStringLiteral("client_id")}});
    auto existing = db.integer(QStringLiteral("SELECT id FROM posts WHERE author_id = ?1 AND client_id = ?2"),
                               post.authorId, post.clientId);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        auto gone = db.integer(QStringLiteral("SELECT deleted_at FROM posts WHERE id = ?1"), **existing);
        if (!gone)
            return gone.error();
        if (gone->has_value())
            return makeError(ErrorCode::Conflict, QStringLiteral("The post with this client_id was deleted."),
                             {{QStringLiteral("field"), QStringLiteral("client_id")}});
        return CreatedPost{**existing, true};
    }
    // With images the text may be empty, never only white space.
    if (auto st = checkText(post.text, !post.images.isEmpty()); !st)
        return st.error();
    qint64 parentId = 0;
    if (post.replyTo) {
        auto target = targetPost(db, post.replyTo);
        if (!target) {
            Error e = target.error();
            e.details.insert(QStringLiteral("field"), QStringLiteral("reply_to"));
            return e;
        }
        parentId = *target;
    }
    qint64 quotedId = 0;
    if (post.quoteOf) {
        auto target = targetPost(db, post.quoteOf);
        if (!target) {
            Error e = target.error();
            e.details.insert(QStringLiteral("field"), QStringLiteral("quote_of"));
            return e;
        }
        quotedId = *target;
    }
    auto createdAt = newPostTime(db, nowMs);
    if (!createdAt)
        return createdAt.error();
    auto inserted
        = db.insert(QStringLiteral("INSERT INTO posts (author_id, client_id, text, reply_to, sponsored, advertiser_id, "
                                   "reach, created_at, quote_of) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, NULLIF(?6, 0), ?7, ?8, "
                                   "NULLIF(?9, 0))"),
            post.authorId, post.clientId, post.text, parentId, post.sponsored, post.advertiserId,
            post.limitedReach ? QStringLiteral("limited") : QStringLiteral("full"), *createdAt, quotedId);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;
    if (auto st = media::attachToPost(db, post.authorId, id, post.images, nowMs); !st)
        return st.error();
    auto everyone = audience(db, post.authorId);
    if (!everyone)
        return everyone.error();
    if (auto st = logPost(db, *everyone, protocol::eventName(protocol::EventType::PostCreated), id, nowMs); !st)
        return st.error();
    if (parentId) {
        auto parentAuthor = authorOf(db, parentId);
        if (!parentAuthor)
            return parentAuthor.error();
        if (auto st = logPost(db, {*parentAuthor, post.authorId}, protocol::eventName(protocol::EventType::PostUpdated), parentId, nowMs); !st)
            return st.error();
    }
    return CreatedPost{id, false};
}

Result<bool> setLiked(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs)
{
    auto target = targetPost(db, postId);
    if (!target)
        return target.error();
    auto changed = on
        ? db.change(db.insertOrIgnore(QStringLiteral("INTO likes (user_id, post_id, created_at) VALUES (?1, ?2, ?3)")),
            userId, *target, nowMs)
        : db.change(QStringLiteral("DELETE FROM likes WHERE user_id = ?1 AND post_id = ?2"), userId, *target);
    if (!changed)
        return changed.error();
    if (*changed == 0)
        return false;
    auto author = authorOf(db, *target);
    if (!author)
        return author.error();
    if (auto logged = logPost(db, {userId, *author}, protocol::eventName(protocol::EventType::PostUpdated), *target, nowMs); !logged)
        return logged.error();
    return true;
}

Result<bool> setReposted(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs)
{
    auto target = targetPost(db, postId);
    if (!target)
        return target.error();
    auto existing = db.integer(QStringLiteral("SELECT id FROM posts WHERE author_id = ?1 AND client_id = ?2"), userId,
                               repostClientId(*target));
    if (!existing)
        return existing.error();
    if (existing->has_value() == on)
        return false;
    auto everyone = audience(db, userId);
    if (!everyone)
        return everyone.error();
    if (on) {
        auto createdAt = newPostTime(db, nowMs);
        if (!createdAt)
            return createdAt.error();
        auto repost = db.insert(QStringLiteral("INSERT INTO posts (author_id, client_id, text, repost_of, created_at) "
                                               "VALUES (?1, ?2, '', ?3, ?4)"),
            userId, repostClientId(*target), *target, *createdAt);
        if (!repost)
            return repost.error();
        if (auto st = logPost(db, *everyone, protocol::eventName(protocol::EventType::PostCreated), *repost, nowMs);
            !st)
            return st.error();
    } else {
        // A taken-back repost leaves nothing behind (nothing can refer to a repost).
        if (auto st = db.run(QStringLiteral("DELETE FROM posts WHERE id = ?1"), **existing); !st)
            return st.error();
        if (auto st = logDeleted(db, *everyone, **existing); !st)
            return st.error();
    }
    auto author = authorOf(db, *target);
    if (!author)
        return author.error();
    if (auto st = logPost(db, {userId, *author}, protocol::eventName(protocol::EventType::PostUpdated), *target, nowMs); !st)
        return st.error();
    return true;
}

Status deletePost(ServerDb &db, qint64 userId, qint64 postId, qint64 nowMs)
{
    auto row = db.row(
        QStringLiteral("SELECT author_id, reply_to, repost_of FROM posts WHERE id = ?1 AND deleted_at IS NULL"),
        postId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchPost();
    auto &stmt = *row;
    const qint64 authorId = stmt->int64(0);
    const qint64 parentId = stmt->isNull(1) ? 0 : stmt->int64(1);
    const bool isRepost = !stmt->isNull(2);
    if (authorId != userId)
        return makeError(ErrorCode::Forbidden, QStringLiteral("Only the author can delete a post."));
    if (isRepost) {
        auto changed = setReposted(db, userId, stmt->int64(2), false, nowMs);
        return changed ? Status() : Status(changed.error());
    }

    // Its reposts go first, each from its reposter's audience.
    auto reposts = db.integers(QStringLiteral("SELECT id FROM posts WHERE repost_of = ?1"), postId);
    if (!reposts)
        return reposts.error();
    for (qint64 repostId : std::as_const(*reposts)) {
        auto reposter = authorOf(db, repostId);
        if (!reposter)
            return reposter.error();
        auto theirs = audience(db, *reposter);
        if (!theirs)
            return theirs.error();
        if (auto st = db.run(QStringLiteral("DELETE FROM posts WHERE id = ?1"), repostId); !st)
            return st;
        if (auto st = logDeleted(db, *theirs, repostId); !st)
            return st;
    }
    // Bookmarks of it go, each from its owner's devices too.
    auto bookmarkers = db.integers(QStringLiteral("SELECT user_id FROM post_bookmarks WHERE post_id = ?1 ORDER BY user_id"), postId);
    if (!bookmarkers)
        return bookmarkers.error();
    if (auto st = db.run(QStringLiteral("DELETE FROM post_bookmarks WHERE post_id = ?1"), postId); !st)
        return st;
    for (qint64 owner : std::as_const(*bookmarkers)) {
        if (auto st = logBookmark(db, owner, postId, false, nowMs); !st)
            return st;
    }
    // Replies keep pointing at it, so the row stays as a tombstone; its text and likes go.
    if (auto st = db.run(QStringLiteral("UPDATE posts SET deleted_at = ?2, text = '' WHERE id = ?1"), postId, nowMs); !st)
        return st;
    if (auto st = db.run(QStringLiteral("DELETE FROM likes WHERE post_id = ?1"), postId); !st)
        return st;
    auto everyone = audience(db, authorId);
    if (!everyone)
        return everyone.error();
    if (auto st = logDeleted(db, *everyone, postId); !st)
        return st;
    // Quote-reposts of it now show "quoted post deleted".
    if (auto st = logQuoters(db, postId, nowMs); !st)
        return st;
    if (parentId) {
        auto live = db.integer(QStringLiteral("SELECT id FROM posts WHERE id = ?1 AND deleted_at IS NULL"), parentId);
        if (!live)
            return live.error();
        if (live->has_value()) {
            auto parentAuthor = authorOf(db, parentId);
            if (!parentAuthor)
                return parentAuthor.error();
            if (auto st = logPost(db, {*parentAuthor, userId}, protocol::eventName(protocol::EventType::PostUpdated), parentId, nowMs); !st)
                return st;
        }
    }
    return {};
}

Result<bool> editPost(ServerDb &db, qint64 userId, qint64 postId, const QString &text, qint64 nowMs)
{
    auto row = db.row(QStringLiteral("SELECT author_id, repost_of, text, coalesce(edited_at, 0), "
                                     "(SELECT count(*) FROM post_images i WHERE i.post_id = posts.id) "
                                     "FROM posts WHERE id = ?1 AND deleted_at IS NULL"),
                      postId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchPost();
    auto &stmt = *row;
    const qint64 authorId = stmt->int64(0);
    const bool isRepost = !stmt->isNull(1);
    const QString oldText = stmt->text(2);
    const qint64 lastEdit = stmt->int64(3);
    const bool hasImages = stmt->int64(4) > 0;
    stmt.reset();
    if (authorId != userId)
        return makeError(ErrorCode::Forbidden, QStringLiteral("Only the author can edit a post."),
                         {{QStringLiteral("reason"), QStringLiteral("not_author")}});
    if (isRepost)
        return makeError(ErrorCode::Forbidden, QStringLiteral("A repost has no text of its own to edit."),
                         {{QStringLiteral("reason"), QStringLiteral("repost")}});
    if (auto st = checkText(text, hasImages); !st)
        return st.error();
    if (text == oldText)
        return false;
    // Always later than the last edit, so the last edit wins on every device.
    const qint64 editedAt = std::max(nowMs, lastEdit + 1);
    if (auto st = db.run(QStringLiteral("UPDATE posts SET text = ?2, edited_at = ?3 WHERE id = ?1"), postId, text, editedAt); !st)
        return st.error();
    auto everyone = audience(db, authorId);
    if (!everyone)
        return everyone.error();
    if (auto st = logPost(db, *everyone, protocol::eventName(protocol::EventType::PostUpdated), postId, nowMs); !st)
        return st.error();
    if (auto st = logQuoters(db, postId, nowMs); !st)
        return st.error();
    return true;
}

Result<bool> setBookmarked(ServerDb &db, qint64 userId, qint64 postId, bool on, qint64 nowMs)
{
    auto target = targetPost(db, postId);
    if (!target)
        return target.error();
    auto changed = on
        ? db.change(db.insertOrIgnore(QStringLiteral("INTO post_bookmarks (user_id, post_id, created_at) VALUES (?1, ?2, ?3)")),
            userId, *target, nowMs)
        : db.change(QStringLiteral("DELETE FROM post_bookmarks WHERE user_id = ?1 AND post_id = ?2"), userId, *target);
    if (!changed)
        return changed.error();
    if (*changed == 0)
        return false;
    if (auto st = logBookmark(db, userId, *target, on, nowMs); !st)
        return st.error();
    return true;
}

} // namespace plaza::server
