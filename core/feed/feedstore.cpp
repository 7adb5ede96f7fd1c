// SPDX-License-Identifier: MIT
#include "feed/feedstore.h"

#include "common/clock.h"
#include "protocol/json.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "storage/poststore.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

namespace plaza::feed {

namespace {

QString nowText()
{
    return protocol::formatTime(Clock::instance()->nowUtc());
}

} // namespace

FeedStore::FeedStore(storage::Database &db)
    : m_db(&db),
      m_statements(std::make_unique<storage::StatementCache>(*m_db)),
      m_users(std::make_unique<storage::UsersStore>(*m_statements)),
      m_posts(std::make_unique<storage::PostStore>(*m_statements, *m_users))
{
}

FeedStore::~FeedStore()
{
    // Statements before their connection.
    m_posts.reset();
    m_users.reset();
    m_statements.reset();
}

Status FeedStore::storePosts(const QJsonArray &posts, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        for (const QJsonValue &v : posts) {
            if (auto st = m_posts->upsert(v.toObject(), changes); !st)
                return st;
        }
        return {};
    });
}

Status FeedStore::storePosts(const QList<protocol::Post> &posts, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        for (const protocol::Post &post : posts) {
            if (auto st = m_posts->upsert(post, changes); !st)
                return st;
        }
        return {};
    });
}

Status FeedStore::storeBookmark(const protocol::BookmarkChange &change, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status { return m_posts->setBookmark(change, changes); });
}

Status FeedStore::storePersonMute(const protocol::User &user, bool muted, const QString &at, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        auto id = m_users->upsert(user, changes);
        if (!id)
            return id.error();
        return m_users->setMuted(*id, muted, at, changes);
    });
}

Status FeedStore::removePersonMute(const QString &userId, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status { return m_users->setMuted(userId, false, {}, changes); });
}

Status FeedStore::replacePersonMutes(const QList<protocol::PersonMute> &mutes, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        QSet<QString> kept;
        for (const protocol::PersonMute &m : mutes) {
            auto id = m_users->upsert(m.user, changes);
            if (!id)
                return id.error();
            kept.insert(*id);
            if (auto st = m_users->setMuted(*id, true, protocol::formatTime(m.mutedAt), changes); !st)
                return st;
        }
        // Mutes the server no longer has (undone on a device whose event is still to come).
        QStringList gone;
        auto stmt = m_db->prepare(QStringLiteral("SELECT user_id FROM person_mutes;"));
        if (!stmt)
            return stmt.error();
        for (;;) {
            auto more = stmt->step();
            if (!more)
                return more.error();
            if (!*more)
                break;
            if (!kept.contains(stmt->text(0)))
                gone.append(stmt->text(0));
        }
        for (const QString &id : std::as_const(gone)) {
            if (auto st = m_users->setMuted(id, false, {}, changes); !st)
                return st;
        }
        return Status();
    });
}

Result<QStringList> FeedStore::bookmarkIds(int limit) const
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT b.post_id FROM bookmarks b JOIN posts p ON p.id = b.post_id "
                                             "ORDER BY b.bookmarked_at DESC, b.post_id DESC LIMIT ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, qint64(limit));
    QStringList ids;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ids.append(stmt->text(0));
    }
    return ids;
}

Status FeedStore::storeUser(const QJsonObject &user, storage::RowChanges &changes)
{
    auto id = m_users->upsert(user, changes);
    return id ? Status() : Status(id.error());
}

Status FeedStore::removePost(const QString &id, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        // Its reposts go with it, as on the server.
        auto reposts = m_db->prepare(QStringLiteral("SELECT id FROM posts WHERE repost_of_id = ?1;"));
        if (!reposts)
            return reposts.error();
        reposts->bind(1, id);
        QStringList ids{id};
        const Status walked = reposts->forEachRow([&] {
            ids.append(reposts->text(0));
        });
        if (!walked)
            return walked.error();
        for (const QString &each : std::as_const(ids)) {
            if (auto st = m_posts->remove(each, changes); !st)
                return st;
        }
        return {};
    });
}

Result<QSet<QString>> FeedStore::existing(const QStringList &ids)
{
    QSet<QString> found;
    auto stmt = m_statements->get(QStringLiteral("SELECT 1 FROM posts WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    for (const QString &id : ids) {
        (*stmt)->reset();
        (*stmt)->bind(1, id);
        auto row = (*stmt)->step();
        if (!row)
            return row.error();
        if (*row)
            found.insert(id);
    }
    // A statement left on a row keeps its read snapshot open, and this connection's next write
    // would fail with SQLITE_BUSY_SNAPSHOT once another connection wrote.
    (*stmt)->reset();
    return found;
}

Result<PostFlags> FeedStore::flags(const QString &postId)
{
    auto stmt = m_db->prepare(
        QStringLiteral("SELECT liked_by_me, like_count, reposted_by_me, repost_count FROM posts WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, postId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such post."));
    return PostFlags{stmt->int64(0) != 0, stmt->int64(1), stmt->int64(2) != 0, stmt->int64(3)};
}

Status FeedStore::setFlags(const QString &postId, const PostFlags &f, storage::RowChanges &changes)
{
    auto stmt = m_db->prepare(QStringLiteral("UPDATE posts SET liked_by_me = ?2, like_count = ?3, reposted_by_me = ?4, "
                                             "repost_count = ?5 WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(postId, f.likedByMe, std::max<qint64>(0, f.likeCount), f.repostedByMe, std::max<qint64>(0, f.repostCount));
    if (auto st = stmt->exec(); !st)
        return st;
    changes.add(storage::Table::Posts, postId);
    return {};
}

Status FeedStore::setFollowed(const QString &userId, bool followed, qint64 followers, storage::RowChanges &changes)
{
    auto stmt = m_db->prepare(QStringLiteral("UPDATE users SET followed_by_me = ?2, followers = ?3 WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(userId, followed, std::max<qint64>(0, followers));
    if (auto st = stmt->exec(); !st)
        return st;
    changes.add(storage::Table::Users, userId);
    return {};
}

Result<QString> FeedStore::queuePost(const QString &text, const QString &replyTo, const QJsonObject &self,
                                     storage::RowChanges &changes, const QString &key,
                                     const QList<media::OutgoingFile> &images)
{
    const QString clientId = key.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : key;
    const QString now = nowText();
    const Status st = m_db->transaction([&]() -> Status {
        auto insert = m_db->prepare(QStringLiteral(
            "INSERT INTO post_outbox (client_id, text, reply_to, state, created_at, images) "
            "VALUES (?1, ?2, ?3, 'pending', ?4, ?5);"));
        if (!insert)
            return insert.error();
        // A post of images only has the text "" (the columns are NOT NULL).
        const QString body = text.isNull() ? QStringLiteral("") : text;
        insert->bindAll(clientId, body, replyTo.isEmpty() ? QString() : replyTo, now, media::filesToJson(images));
        if (auto done = insert->exec(); !done)
            return done;
        // The provisional row, shown at once and replaced by the server's copy (PostStore::upsert).
        // Not through PostStore::upsert: that would delete the row it just wrote (same client_id).
        auto author = m_users->upsert(self, changes);
        if (!author)
            return author.error();
        auto row = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO posts (id, client_id, author_id, text, created_at, "
                                                "reply_to, affinity, engagement, age_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1.0, 0, 0);"));
        if (!row)
            return row.error();
        row->bindAll(storage::localPostId(clientId), clientId, *author, body, now, replyTo.isEmpty() ? QString() : replyTo);
        if (auto done = row->exec(); !done)
            return done;
        changes.add(storage::Table::Posts, storage::localPostId(clientId));
        return {};
    });
    if (!st)
        return st.error();
    return clientId;
}

Result<QList<OutboxPost>> FeedStore::outbox(bool pendingOnly)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT client_id, text, reply_to, state, attempts, images FROM post_outbox WHERE "
                                             "state = 'pending' OR (?1 = 0 AND state = 'failed') ORDER BY rowid;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, pendingOnly);
    QList<OutboxPost> list;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        auto images = media::filesFromJson(stmt->text(5));
        if (!images)
            return images.error();
        list.append({stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3), int(stmt->int64(4)), std::move(images).value()});
    }
    return list;
}

Status FeedStore::markAttempt(const QString &clientId)
{
    auto stmt = m_db->prepare(QStringLiteral("UPDATE post_outbox SET attempts = attempts + 1 WHERE client_id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, clientId);
    return stmt->exec();
}

Status FeedStore::setImages(const QString &clientId, const QList<media::OutgoingFile> &images)
{
    auto stmt = m_db->prepare(QStringLiteral("UPDATE post_outbox SET images = ?2 WHERE client_id = ?1 AND state = 'pending';"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(clientId, media::filesToJson(images));
    if (auto st = stmt->exec(); !st)
        return st;
    if (m_db->changes() == 0)
        return makeError(ErrorCode::Cancelled, QStringLiteral("The post is no longer being sent."));
    return {};
}

Status FeedStore::addHashes(const QString &clientId, const QList<media::OutgoingFile> &described)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT images FROM post_outbox WHERE client_id = ?1 AND state = 'pending';"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, clientId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::Cancelled, QStringLiteral("The post is no longer being sent."));
    auto images = media::filesFromJson(stmt->text(0));
    if (!images)
        return images.error();
    QList<media::OutgoingFile> files = std::move(images).value();
    return media::takeHashes(files, described) ? setImages(clientId, files) : Status{};
}

Status FeedStore::markSent(const QString &clientId, const QJsonObject &post, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        if (auto st = m_posts->upsert(post, changes); !st)
            return st;
        auto stmt = m_db->prepare(QStringLiteral("UPDATE post_outbox SET state = 'sent', post_id = ?2, error_code = NULL, "
                                                 "error_message = NULL WHERE client_id = ?1;"));
        if (!stmt)
            return stmt.error();
        stmt->bindAll(clientId, post.value(QStringLiteral("id")).toString());
        return stmt->exec();
    });
}

Status FeedStore::markFailed(const QString &clientId, const Error &error, storage::RowChanges &changes)
{
    auto stmt = m_db->prepare(QStringLiteral(
        "UPDATE post_outbox SET state = 'failed', error_code = ?2, error_message = ?3 WHERE client_id = ?1 AND state = 'pending';"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(clientId, error.codeName(), error.message);
    if (auto st = stmt->exec(); !st)
        return st;
    changes.add(storage::Table::Posts, storage::localPostId(clientId));
    return {};
}

Status FeedStore::discard(const QString &clientId, storage::RowChanges &changes)
{
    return m_db->transaction([&]() -> Status {
        auto stmt = m_db->prepare(QStringLiteral("DELETE FROM post_outbox WHERE client_id = ?1 AND state <> 'sent';"));
        if (!stmt)
            return stmt.error();
        stmt->bind(1, clientId);
        if (auto st = stmt->exec(); !st)
            return st;
        if (m_db->changes() == 0)
            return makeError(ErrorCode::NotFound, QStringLiteral("This post is no longer waiting: it was sent or discarded."));
        return m_posts->remove(storage::localPostId(clientId), changes);
    });
}

Result<QList<FeedGap>> FeedStore::gaps(const QString &timeline)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT before_id, created_at FROM feed_gaps WHERE timeline = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, timeline);
    QList<FeedGap> list;
    const Status walked = stmt->forEachRow([&] {
        list.append({stmt->text(0), stmt->text(1)});
    });
    if (!walked)
        return walked.error();
    return list;
}

Status FeedStore::addGap(const QString &timeline, const FeedGap &gap)
{
    auto stmt = m_db->prepare(
        QStringLiteral("INSERT OR REPLACE INTO feed_gaps (timeline, before_id, created_at) VALUES (?1, ?2, ?3);"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(timeline, gap.beforeId, gap.createdAt);
    return stmt->exec();
}

Status FeedStore::removeGap(const QString &timeline, const QString &beforeId)
{
    auto stmt = m_db->prepare(QStringLiteral("DELETE FROM feed_gaps WHERE timeline = ?1 AND before_id = ?2;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(timeline, beforeId);
    return stmt->exec();
}

Result<QString> FeedStore::value(const QString &key)
{
    return storage::KvStore(*m_db).value(key);
}

Status FeedStore::setValue(const QString &key, const QString &value)
{
    return storage::KvStore(*m_db).setValues({{key, value}});
}

} // namespace plaza::feed
