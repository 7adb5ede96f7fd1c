// SPDX-License-Identifier: MIT
#include "poststore.h"

#include "protocol/json.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

#include <QJsonDocument>

namespace plaza::storage {

QString localPostId(const QString &clientId)
{
    return QStringLiteral("local:") + clientId;
}

Status PostStore::upsert(const QJsonObject &object, RowChanges &changes)
{
    auto post = protocol::decodeReply<protocol::Post>(object);
    if (!post)
        return post.error();
    return upsert(*post, changes, 0);
}

Status PostStore::upsert(const protocol::Post &post, RowChanges &changes)
{
    return upsert(post, changes, 0);
}

Status PostStore::upsert(const protocol::Post &post, RowChanges &changes, int depth)
{
    // The codec bounds the nesting of reposts when it decodes; a Post built in code is
    // bounded here the same way, so nothing recurses us off the stack.
    if (depth > protocol::Post::kMaxDepth)
        return makeError(ErrorCode::Protocol, QStringLiteral("post: reposts nested too deep"));
    const QString &id = post.id;
    const QString clientId = post.clientId.value_or(QString());

    auto authorId = m_users.upsert(post.author, changes);
    if (!authorId)
        return authorId.error();
    QString advertiserId;
    if (post.advertiser) {
        auto uid = m_users.upsert(*post.advertiser, changes);
        if (!uid)
            return uid.error();
        advertiserId = *uid;
    }
    QString repostOfId;
    if (post.repostOf) {
        if (auto st = upsert(*post.repostOf, changes, depth + 1); !st)
            return st;
        repostOfId = post.repostOf->id;
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO posts (id, client_id, author_id, text, created_at, reply_to, repost_of_id, like_count,"
        " repost_count, reply_count, liked_by_me, reposted_by_me, sponsored, reach, affinity, engagement, age_s,"
        " advertiser_id, images, edited_at, quote_of, bookmarked_by_me) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22);"));
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bindAll(id, clientId, *authorId, post.text, protocol::formatTime(post.createdAt), post.replyTo.value_or(QString()),
              repostOfId, post.likeCount, post.repostCount, post.replyCount, post.likedByMe, post.repostedByMe,
              post.sponsored, post.reach);
    if (post.rankSignals) {
        // Ranking inputs, not money: a REAL is right for the affinity score.
        s.bind(15, post.rankSignals->authorAffinity)
            .bind(16, post.rankSignals->engagement)
            .bind(17, post.rankSignals->ageS);
    } else {
        s.bindNull(15).bindNull(16).bindNull(17);
    }
    s.bind(18, advertiserId);
    if (post.images.isEmpty())
        s.bindNull(19);
    else
        s.bind(19, QString::fromUtf8(QJsonDocument(protocol::attachmentsToJson(post.images)).toJson(QJsonDocument::Compact)));
    if (post.editedAt)
        s.bind(20, protocol::formatTime(*post.editedAt));
    else
        s.bindNull(20);
    if (post.quoteOf)
        s.bind(21, QString::fromUtf8(QJsonDocument(post.quoteOf->toJson()).toJson(QJsonDocument::Compact)));
    else
        s.bindNull(21);
    s.bind(22, post.bookmarkedByMe);
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Posts, id);
    // Our own post written while offline is shown from a provisional row until the server's
    // copy arrives (by the answer or by sync, whichever comes first): then it goes, so the
    // post appears once (feed/feedstore.h).
    if (!clientId.isEmpty() && depth == 0) {
        auto drop = m_statements.get(QStringLiteral("DELETE FROM posts WHERE id = ?1 AND author_id = ?2;"));
        if (!drop)
            return drop.error();
        const QString localId = localPostId(clientId);
        if (auto st = (*drop)->bindAll(localId, *authorId).exec(); !st)
            return st;
        if (m_statements.db().changes() > 0)
            changes.addRemoved(Table::Posts, localId);
    }
    return {};
}

Status PostStore::setBookmark(const protocol::BookmarkChange &change, RowChanges &changes)
{
    // The post (when the event carries it) first: its row holds bookmarked_by_me too.
    if (change.post) {
        if (auto st = upsert(*change.post, changes, 0); !st)
            return st;
    } else {
        auto flag = m_statements.get(QStringLiteral("UPDATE posts SET bookmarked_by_me = ?2 WHERE id = ?1;"));
        if (!flag)
            return flag.error();
        if (auto st = (*flag)->bindAll(change.postId, change.bookmarked).exec(); !st)
            return st;
        if (m_statements.db().changes() > 0)
            changes.add(Table::Posts, change.postId);
    }
    if (change.bookmarked) {
        auto stmt = m_statements.get(QStringLiteral("INSERT OR REPLACE INTO bookmarks (post_id, bookmarked_at) VALUES (?1, ?2);"));
        if (!stmt)
            return stmt.error();
        if (auto st = (*stmt)->bindAll(change.postId, protocol::formatTime(change.changedAt)).exec(); !st)
            return st;
    } else {
        auto stmt = m_statements.get(QStringLiteral("DELETE FROM bookmarks WHERE post_id = ?1;"));
        if (!stmt)
            return stmt.error();
        if (auto st = (*stmt)->bind(1, change.postId).exec(); !st)
            return st;
    }
    changes.add(Table::Posts, change.postId);
    return {};
}

Status PostStore::remove(const QString &id, RowChanges &changes)
{
    auto stmt = m_statements.get(QStringLiteral("DELETE FROM posts WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bind(1, id).exec(); !st)
        return st;
    // A deleted post is nowhere: not in the bookmarks either.
    auto mark = m_statements.get(QStringLiteral("DELETE FROM bookmarks WHERE post_id = ?1;"));
    if (!mark)
        return mark.error();
    if (auto st = (*mark)->bind(1, id).exec(); !st)
        return st;
    changes.addRemoved(Table::Posts, id);
    return {};
}

} // namespace plaza::storage
