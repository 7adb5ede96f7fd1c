// SPDX-License-Identifier: MIT
#include "feed/postrecord.h"

#include "protocol/json.h"
#include "storage/database.h"

#include <QDateTime>
#include <QHash>

namespace plaza::feed {

namespace {

// The content of a row is the original's for a repost (o), the row's own otherwise (p).
QString content(const char *column)
{
    return QStringLiteral("CASE WHEN o.id IS NULL THEN p.%1 ELSE o.%1 END").arg(QLatin1String(column));
}

const QString &selectSql()
{
    static const QString sql =
        QStringLiteral("SELECT p.id, coalesce(o.id, p.id), p.client_id, a.id, a.display_name, a.handle, %1, p.created_at, "
                       "%2, %3, CASE WHEN o.id IS NULL THEN '' ELSE p.author_id END, rb.display_name, %4, %5, %6, %7, %8, "
                       "%9, %10, ad.display_name, ad.handle, %11, %12, ob.state, %15, ob.images, %16, %17, %18, "
                       "ob.error_code "
                       "FROM posts p LEFT JOIN posts o ON o.id = p.repost_of_id "
                       "LEFT JOIN users a ON a.id = %13 "
                       "LEFT JOIN users rb ON o.id IS NOT NULL AND rb.id = p.author_id "
                       "LEFT JOIN users ad ON ad.id = %14 "
                       "LEFT JOIN post_outbox ob ON p.id = 'local:' || p.client_id AND ob.client_id = p.client_id ")
            .arg(content("text"), content("created_at"), content("reply_to"), content("like_count"),
                 content("repost_count"), content("reply_count"), content("liked_by_me"), content("reposted_by_me"),
                 content("sponsored"), content("reach"), content("affinity"), content("engagement"),
                 content("author_id"), content("advertiser_id"), content("images"))
            .arg(content("edited_at"), content("quote_of"), content("bookmarked_by_me"));
    return sql;
}

PostRecord recordFrom(const storage::Statement &s)
{
    PostRecord r;
    r.id = s.text(0);
    r.postId = s.text(1);
    r.clientId = s.text(2);
    r.authorId = s.text(3);
    r.authorName = s.text(4);
    r.authorHandle = s.text(5);
    r.text = s.text(6);
    r.createdAt = s.text(7);
    r.postCreatedAt = s.text(8);
    r.replyTo = s.text(9);
    r.repostedById = s.text(10);
    r.repostedByName = s.text(11);
    r.likeCount = s.int64(12);
    r.repostCount = s.int64(13);
    r.replyCount = s.int64(14);
    r.likedByMe = s.int64(15) != 0;
    r.repostedByMe = s.int64(16) != 0;
    r.sponsored = s.int64(17) != 0;
    r.limitedReach = s.text(18) == u"limited";
    r.advertiserName = s.text(19);
    r.advertiserHandle = s.text(20);
    r.affinity = s.isNull(21) ? 0.0 : s.real(21);
    r.engagement = s.int64(22);
    r.sendState = s.text(23);
    r.images = s.text(24);
    r.pendingImages = s.textOrNull(25);
    r.editedAt = s.text(26);
    r.quoteOf = s.text(27);
    r.bookmarkedByMe = s.int64(28) != 0;
    r.sendError = s.text(29);
    return r;
}

// A null QString binds as NULL, which compares as neither equal nor different.
QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString scopeWhere(PostScope scope)
{
    // The posts (and reposts) of people the user blocked leave the timelines at once, also
    // those cached before the block (docs/api.md "Safety").
    // Uncorrelated subqueries, so SQLite evaluates each once per statement (not per row): with
    // nobody blocked the timelines cost what they did (bench_feed_open).
    static const QString notBlocked = QStringLiteral(
        " AND coalesce(p.author_id, '') NOT IN (SELECT user_id FROM blocks) AND (p.repost_of_id IS NULL OR "
        "p.repost_of_id NOT IN (SELECT bo.id FROM blocks b JOIN posts bo ON bo.author_id = b.user_id))");
    // The people the user muted leave the timelines too (their posts, their reposts and others'
    // reposts of them), at once and back on unmute; their profile and threads keep them.
    static const QString notMuted = QStringLiteral(
        " AND coalesce(p.author_id, '') NOT IN (SELECT user_id FROM person_mutes) AND (p.repost_of_id IS NULL OR "
        "p.repost_of_id NOT IN (SELECT mo.id FROM person_mutes m JOIN posts mo ON mo.author_id = m.user_id))");
    switch (scope) {
    case PostScope::Following:
        return QStringLiteral("(p.author_id = ?1 OR EXISTS (SELECT 1 FROM users f WHERE f.id = p.author_id AND "
                              "f.followed_by_me = 1))")
            + notBlocked + notMuted;
    case PostScope::Discover:
        return QStringLiteral("p.repost_of_id IS NULL AND p.reply_to IS NULL AND p.id NOT LIKE 'local:%'") + notBlocked
            + notMuted;
    case PostScope::Replies:
        return QStringLiteral("p.reply_to = ?2");
    case PostScope::Author:
        return QStringLiteral("p.author_id = ?2");
    case PostScope::Bookmarks:
        return QStringLiteral("p.id IN (SELECT post_id FROM bookmarks)") + notBlocked;
    }
    return QStringLiteral("0");
}

Result<QList<PostRecord>> collect(storage::Statement &stmt)
{
    QList<PostRecord> rows;
    const Status walked = stmt.forEachRow([&] {
        rows.append(recordFrom(stmt));
    });
    if (!walked)
        return walked.error();
    return rows;
}

} // namespace

namespace {

// The bookmarks, newest bookmark first, keyset-paged on (bookmarked_at, post_id): the rows
// carry their bookmark's time as createdAt, so the list pages (and a cursor) in that order.
Result<QList<PostRecord>> readBookmarks(storage::Database &db, const PostCursor &after, int limit);

} // namespace

Result<QList<PostRecord>> readPosts(storage::Database &db, PostScope scope, const QString &key, const QString &selfId,
                                    const PostCursor &after, int limit)
{
    if (scope == PostScope::Bookmarks)
        return readBookmarks(db, after, limit);
    // Keyset paging on (created_at, id): stable while rows arrive above. Replies read oldest first.
    // A later page starts at the cursor: "created_at <=" (or ">=") is a range an index can seek
    // to; folded into one OR with the first page's case, SQLite walked every row before it.
    const bool ascending = scope == PostScope::Replies;
    const QString op = ascending ? QStringLiteral(">") : QStringLiteral("<");
    const QString cursor = after.createdAt.isEmpty()
                               ? QString() // ?3 and ?4 unused (bound all the same)
                               : QStringLiteral("AND p.created_at %1= ?3 AND (p.created_at %1 ?3 OR p.id %1 ?4) ").arg(op);
    const QString sql = selectSql()
                        + QStringLiteral("WHERE %1 %2ORDER BY p.created_at %3, p.id %3 LIMIT ?5")
                              .arg(scopeWhere(scope), cursor,
                                   ascending ? QStringLiteral("ASC") : QStringLiteral("DESC"));
    auto stmt = db.prepare(sql);
    if (!stmt)
        return stmt.error();
    stmt->bindAll(nonNull(selfId), nonNull(key), nonNull(after.createdAt), nonNull(after.id), qint64(limit));
    return collect(*stmt);
}

Result<QList<PostRecord>> readPostsById(storage::Database &db, const QStringList &ids)
{
    QList<PostRecord> rows;
    // SQLite's default limit is 999 variables: read in chunks.
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        const QStringList chunk = ids.mid(start, 500);
        QStringList marks;
        for (qsizetype i = 0; i < chunk.size(); ++i)
            marks.append(QStringLiteral("?%1").arg(i + 1));
        auto stmt = db.prepare(selectSql() + QStringLiteral("WHERE p.id IN (%1)").arg(marks.join(u',')));
        if (!stmt)
            return stmt.error();
        for (qsizetype i = 0; i < chunk.size(); ++i)
            stmt->bind(int(i + 1), chunk.at(i));
        auto part = collect(*stmt);
        if (!part)
            return part.error();
        rows += *part;
    }
    return rows;
}

namespace {

Result<QList<PostRecord>> readBookmarks(storage::Database &db, const PostCursor &after, int limit)
{
    // Posts of people the user blocked stay out, as in the timelines.
    auto stmt = db.prepare(QStringLiteral(
        "SELECT b.post_id, b.bookmarked_at FROM bookmarks b JOIN posts p ON p.id = b.post_id "
        "WHERE coalesce(p.author_id, '') NOT IN (SELECT user_id FROM blocks) "
        "AND (?1 = '' OR b.bookmarked_at < ?1 OR (b.bookmarked_at = ?1 AND b.post_id < ?2)) "
        "ORDER BY b.bookmarked_at DESC, b.post_id DESC LIMIT ?3"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(nonNull(after.createdAt), nonNull(after.id), qint64(limit));
    QStringList ids;
    QHash<QString, QString> when;
    const Status walked = stmt->forEachRow([&] {
        ids.append(stmt->text(0));
        when.insert(stmt->text(0), stmt->text(1));
    });
    if (!walked)
        return walked.error();
    auto records = readPostsById(db, ids);
    if (!records)
        return records.error();
    QHash<QString, PostRecord> byId;
    for (PostRecord &r : *records) {
        r.createdAt = when.value(r.id);
        byId.insert(r.id, r);
    }
    QList<PostRecord> rows;
    for (const QString &id : std::as_const(ids)) {
        if (byId.contains(id))
            rows.append(byId.value(id));
    }
    return rows;
}

} // namespace

Result<qint64> countNewer(storage::Database &db, PostScope scope, const QString &selfId, const PostCursor &first)
{
    auto stmt = db.prepare(QStringLiteral("SELECT count(*) FROM posts p WHERE %1 AND p.id NOT LIKE 'local:%' AND "
                                          "p.created_at >= ?3 AND (p.created_at > ?3 OR p.id > ?4) AND ?2 IS NOT NULL")
                               .arg(scopeWhere(scope)));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(nonNull(selfId), QStringLiteral(""), nonNull(first.createdAt), nonNull(first.id));
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : 0;
}

QString initials(const QString &displayName)
{
    QString out;
    int letters = 0;
    for (const QString &word : displayName.split(u' ', Qt::SkipEmptyParts)) {
        // The first letter as a person reads it: a whole surrogate pair, not half of one.
        out += word.left(word.at(0).isHighSurrogate() ? 2 : 1).toUpper();
        if (++letters == 2)
            break;
    }
    return out;
}

RankResult rankNow(const PostRecord &record, qint64 nowMsSinceEpoch)
{
    const QDateTime created = protocol::parseTime(record.postCreatedAt);
    const qint64 age = created.isValid() ? (nowMsSinceEpoch - created.toMSecsSinceEpoch()) / 1000 : 0;
    return discoverScore({record.affinity, record.engagement, age, record.limitedReach});
}

} // namespace plaza::feed
