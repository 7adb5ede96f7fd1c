// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "media/outgoingfiles.h"
#include "protocol/feed.h"
#include "protocol/safety.h"
#include "storage/rowchanges.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace plaza::storage {
class Database;
class StatementCache;
class UsersStore;
class PostStore;
} // namespace plaza::storage

namespace plaza::feed {

//! A post of ours waiting in the outbox (cache schema v5, post_outbox).
struct OutboxPost {
    QString clientId;
    QString text;
    QString replyTo;
    QString state; //!< "pending" (not answered yet) or "failed" (refused; kept until discarded)
    int attempts = 0;
    //! Its images, in order, with where each upload is (schema v9; empty: text only).
    QList<media::OutgoingFile> images;
};

//! Where a timeline's cached posts have a hole (feed_gaps).
struct FeedGap {
    QString beforeId;  //!< the post just above the hole: GET …?before=<this> loads what is missing
    QString createdAt; //!< of that post
};

//! The like/repost state of a post, for optimistic updates and their rollback.
struct PostFlags {
    bool likedByMe = false;
    qint64 likeCount = 0;
    bool repostedByMe = false;
    qint64 repostCount = 0;
};

//! The feed's own writes to the cache: server pages and answers (through the same PostStore
//! as sync), the post outbox with its provisional "local:<client_id>" rows, optimistic
//! like/repost flags, gaps and the feed's kv keys. On a connection it does not own: writes
//! run on the cache writer's connection inside CacheWriter::run() (its thread, after and
//! before sync's batches, never at the same time), reads may use a read connection. Every
//! write commits before it returns.
class FeedStore
{
public:
    explicit FeedStore(storage::Database &db);
    ~FeedStore();

    //! Posts as the server sent them (a page or one answer), in one transaction.
    [[nodiscard]] Status storePosts(const QJsonArray &posts, storage::RowChanges &changes);
    //! The same for posts already decoded (protocol/feed.h).
    [[nodiscard]] Status storePosts(const QList<protocol::Post> &posts, storage::RowChanges &changes);
    [[nodiscard]] Status storeUser(const QJsonObject &user, storage::RowChanges &changes);
    [[nodiscard]] Status removePost(const QString &id, storage::RowChanges &changes);
    //! A bookmark as the server answered it (the same as its bookmark.changed).
    [[nodiscard]] Status storeBookmark(const protocol::BookmarkChange &change, storage::RowChanges &changes);
    //! A mute of a person as the server answered it (the same as its person_mute.changed):
    //! \a user stored, and in person_mutes (since \a at) or not.
    [[nodiscard]] Status storePersonMute(const protocol::User &user, bool muted, const QString &at,
                                         storage::RowChanges &changes);
    //! Unmutes \a userId in the cache.
    [[nodiscard]] Status removePersonMute(const QString &userId, storage::RowChanges &changes);
    //! person_mutes made equal to \a mutes (GET /v1/mutes, every page), in one transaction.
    [[nodiscard]] Status replacePersonMutes(const QList<protocol::PersonMute> &mutes, storage::RowChanges &changes);
    //! The ids of the user's bookmarks in the cache, newest bookmark first.
    [[nodiscard]] Result<QStringList> bookmarkIds(int limit) const;
    //! Which of \a ids the cache holds.
    [[nodiscard]] Result<QSet<QString>> existing(const QStringList &ids);

    [[nodiscard]] Result<PostFlags> flags(const QString &postId);
    //! Writes the flags of \a postId (optimistic update or its rollback).
    [[nodiscard]] Status setFlags(const QString &postId, const PostFlags &flags, storage::RowChanges &changes);
    //! Optimistic follow/unfollow of a cached user (followed_by_me and the followers count).
    [[nodiscard]] Status setFollowed(const QString &userId, bool followed, qint64 followers, storage::RowChanges &changes);

    //! A new post of \a self: the outbox row and its provisional post row, in one transaction.
    //! \a self is the signed-in user as a User JSON object (for the row's author); \a clientId
    //! is the key every try sends (a fresh one when empty). The client_id.
    [[nodiscard]] Result<QString> queuePost(const QString &text, const QString &replyTo, const QJsonObject &self,
                                            storage::RowChanges &changes, const QString &clientId = {},
                                            const QList<media::OutgoingFile> &images = {});
    //! Where the uploads of a pending post are now; Cancelled when it is no longer pending.
    [[nodiscard]] Status setImages(const QString &clientId, const QList<media::OutgoingFile> &images);
    //! The hashes (and types) of \a described (media::describeFilesLater()) into a pending post
    //! queued before its images were read, where it has none yet (media::takeHashes());
    //! Cancelled when it is no longer pending.
    [[nodiscard]] Status addHashes(const QString &clientId, const QList<media::OutgoingFile> &described);
    [[nodiscard]] Result<QList<OutboxPost>> outbox(bool pendingOnly);
    [[nodiscard]] Status markAttempt(const QString &clientId);
    //! The server's answer: the post is stored (its provisional row goes) and the outbox row is done.
    [[nodiscard]] Status markSent(const QString &clientId, const QJsonObject &post, storage::RowChanges &changes);
    [[nodiscard]] Status markFailed(const QString &clientId, const Error &error, storage::RowChanges &changes);
    //! Forgets a failed post and its provisional row.
    [[nodiscard]] Status discard(const QString &clientId, storage::RowChanges &changes);

    [[nodiscard]] Result<QList<FeedGap>> gaps(const QString &timeline);
    [[nodiscard]] Status addGap(const QString &timeline, const FeedGap &gap);
    [[nodiscard]] Status removeGap(const QString &timeline, const QString &beforeId);

    [[nodiscard]] Result<QString> value(const QString &key);
    [[nodiscard]] Status setValue(const QString &key, const QString &value);

    [[nodiscard]] storage::Database &db() { return *m_db; }

private:
    storage::Database *m_db;
    std::unique_ptr<storage::StatementCache> m_statements;
    std::unique_ptr<storage::UsersStore> m_users;
    std::unique_ptr<storage::PostStore> m_posts;
};

//! kv keys of the feed.
namespace kv {
inline const QString kTimeline = QStringLiteral("feed.timeline");              //!< "following" | "discover"
inline const QString kPositionPrefix = QStringLiteral("feed.position.");       //!< + timeline: the top post read
inline const QString kDraft = QStringLiteral("feed.draft");                      //!< the composer's unsent text
} // namespace kv

} // namespace plaza::feed
