// SPDX-License-Identifier: MIT
#pragma once

#include "storage/cache.h"

#include "common/result.h"
#include "feed/feedstore.h"
#include "media/outgoingfiles.h"
#include "protocol/safety.h"
#include "outbox/outbox.h"

#include <QCoroTask>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QVariantList>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

namespace plaza {
class AccountContext;
}

namespace plaza::feed {

//! A page of a feed list as the server answered it, once stored in the cache.
struct FetchedPage {
    QStringList ids;          //!< newest first, as the server listed them
    QString nextBefore;       //!< empty at the end
    bool oldestWasCached = false; //!< the page's last post was in the cache before: no hole below it
    QString oldestCreatedAt;
};

//! What the user does to the feed, and the server pages the feed models load.
//!
//! Posts go through the post outbox (FeedStore, cache schema v5) on the one outbox mechanism
//! (outbox::Outbox, Order::Strict): a new post is written there with a fresh client_id,
//! together with a provisional row that the lists show at once ("sending"), and committed
//! before the first try. It is sent when online (after the posts queued before it), and again
//! after every reconnect and at the next start until the server answers; the server dedupes by
//! client_id, and the server's copy replaces the provisional row whichever way it arrives
//! (the answer or sync), so a post appears once. A final refusal (RetryPolicy) marks it failed.
//! Outbox changes are published on the change stream (Table::PostOutbox, and Posts for the rows).
//!
//! Likes and reposts are optimistic: the cached counts change at once, and go back to what
//! they were if the server refuses or cannot be reached. Deleting waits for the server.
//!
//! Lives on the session's thread and follows it (opens its store on Ready, closes otherwise).
class FeedService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
public:
    explicit FeedService(AccountContext *context, QObject *parent = nullptr);
    ~FeedService() override;

    //! Opens the store and sends what a previous run left. Called by itself when the session
    //! becomes Ready; call it once if the session already is.
    [[nodiscard]] Status start();
    //! The store on a read connection: reads only (its writes go through the methods below,
    //! run by the cache writer on its thread).
    [[nodiscard]] FeedStore *store() const { return m_store.get(); }
    [[nodiscard]] AccountContext *context() const { return m_context; }
    //! The local copy its models read: readers, the change stream, freshness.
    [[nodiscard]] storage::Cache *cache() const;

    //! Queues a post (or a reply to \a replyTo) and sends it if online. The client_id. With
    //! \a images (describeImages()) the text may be empty: each image is uploaded first
    //! (resumably, where it is kept in the outbox row), then the post goes with their ids.
    //! \a clientId is the key every try sends (a fresh one when empty).
    QCoro::Task<Result<QString>> post(QString text, QString replyTo = {}, QList<media::OutgoingFile> images = {},
                                      QString clientId = {});
    //! The images to queue from (path or file:// URL, alt text) pairs: checked (at most
    //! kMaxPostImages, readable, 1 byte to 100 MiB, alt ≤ 1,000 characters) and hashed on a
    //! worker thread. ValidationFailed / PayloadTooLarge (field "images", details "index").
    QCoro::Task<Result<QList<media::OutgoingFile>>> describeImages(QList<std::pair<QString, QString>> pathsAndAlts);
    QCoro::Task<Status> setLiked(QString postId, bool on);
    QCoro::Task<Status> setReposted(QString postId, bool on);
    QCoro::Task<Status> deletePost(QString postId);
    //! PATCH /v1/posts/{id}: the new text of one's own post (checked like a new post first);
    //! waits for the server, then stores its answer (edited_at set).
    QCoro::Task<Status> editPost(QString postId, QString text);
    //! POST /v1/posts with quote_of: a quote-repost of \a quotedId, online only (the quoted post
    //! must still be there); the new post's id.
    QCoro::Task<Result<QString>> quotePost(QString quotedId, QString text);
    //! PUT/DELETE /v1/posts/{id}/bookmark; the cache's bookmark list follows the answer.
    QCoro::Task<Status> setBookmarked(QString postId, bool on);
    QCoro::Task<Status> setFollowing(QString userId, bool on);
    //! PUT /v1/mutes/{user} (\a user: "u_…" or "@handle"): the mute, also in the cache at once
    //! (the timelines leave the person out without waiting for sync; docs/api.md "Safety").
    QCoro::Task<Result<protocol::PersonMute>> mutePerson(QString user);
    //! DELETE /v1/mutes/{user}; the cache forgets the mute at once when \a user is a "u_…" id
    //! (for an @handle, person_mute.changed brings it).
    QCoro::Task<Status> unmutePerson(QString user);
    //! GET /v1/mutes, every page: the people the user muted, newest first.
    QCoro::Task<Result<QList<protocol::PersonMute>>> personMutes();
    //! personMutes(), and the cache's person_mutes made equal to it (MutedPeopleModel::refresh()).
    QCoro::Task<Status> syncPersonMutes();
    //! Sends every pending post of the outbox; how many are still pending afterwards.
    QCoro::Task<Result<int>> sendPending();

    //! GET \a path (a feed list) with before/limit, and stores the posts in the cache.
    QCoro::Task<Result<FetchedPage>> fetchPage(QString path, QString before, int limit);
    //! GET /v1/posts/{id} into the cache (NotFound: removed from the cache too).
    QCoro::Task<Status> fetchPost(QString postId);
    //! GET /v1/users/{id} into the cache; the User.
    QCoro::Task<Result<QJsonObject>> fetchUser(QString userId);

    //! A kv value of the feed (kv::…): what setValue() wrote last, even before it is committed.
    [[nodiscard]] QString value(const QString &key) const;
    //! Writes a kv value through the cache writer (a null \a value removes the key).
    void setValue(const QString &key, const QString &value);
    //! Gaps of \a timeline, written through the cache writer; resolve once committed.
    QCoro::Task<Status> addGap(QString timeline, FeedGap gap);
    QCoro::Task<Status> removeGap(QString timeline, QString beforeId);
    //! Optimistic follow state of a cached user (see FeedStore::setFollowed), through the writer.
    QCoro::Task<Status> setFollowedLocally(QString userId, bool followed, qint64 followers);

    //! Local checks: 1–500 characters (code points), not blank; with \a images, empty is fine.
    [[nodiscard]] static Status validateText(const QString &text, int images = 0);

    // For QML: each ends quietly or with actionFailed().
    Q_INVOKABLE void compose(const QString &text, const QString &replyTo = {});
    //! compose() with images: each of \a images is {"path": a local path or file:// URL,
    //! "alt": text}, at most 4. Checks what needs no reading at once (false and actionFailed
    //! when refused: field "images", "alt" or "text"); then the images are hashed off this
    //! thread and the post queued (postQueued) before anything goes to the server. Its uploads
    //! show on uploadProgress.
    Q_INVOKABLE bool postWithImages(const QString &text, const QVariantList &images);
    Q_INVOKABLE void like(const QString &postId);
    Q_INVOKABLE void unlike(const QString &postId);
    Q_INVOKABLE void repost(const QString &postId);
    Q_INVOKABLE void unrepost(const QString &postId);
    Q_INVOKABLE void remove(const QString &postId);
    //! Edits one's own post; false (and actionFailed) at once when the text is refused locally.
    Q_INVOKABLE bool edit(const QString &postId, const QString &text);
    //! A quote-repost of \a quotedId with \a text; false (and actionFailed) at once when refused locally.
    Q_INVOKABLE bool quote(const QString &quotedId, const QString &text);
    Q_INVOKABLE void bookmark(const QString &postId);
    Q_INVOKABLE void unbookmark(const QString &postId);
    Q_INVOKABLE void follow(const QString &userId);
    Q_INVOKABLE void unfollow(const QString &userId);
    //! Mutes (unmutes) a person in the feed: personMuted() when done, personMuteFailed() if not
    //! (not actionFailed(): the profile or the list that asked says it).
    Q_INVOKABLE void mute(const QString &userId);
    Q_INVOKABLE void unmute(const QString &userId);
    //! Sends pending posts now (also automatic on reconnect).
    Q_INVOKABLE void retryNow();
    //! Gives up a post of ours that is not on the server: one that waits (its uploads stop
    //! before their next chunk) or one the server refused. Its row goes. A post whose request
    //! is already on the wire may still arrive; it then shows as the server's.
    Q_INVOKABLE void discard(const QString &clientId);
    //! The feed composer's unsent text, kept in the encrypted cache across restarts ("" if none).
    Q_INVOKABLE [[nodiscard]] QString draft() const;
    //! Keeps \a text as the composer's draft; "" forgets it.
    Q_INVOKABLE void setDraft(const QString &text);

    [[nodiscard]] int pendingCount() const { return m_pending; }
    [[nodiscard]] bool busy() const { return m_busy > 0; }

Q_SIGNALS:
    //! A post of ours was queued: \a localId is its provisional row (lists show it at once).
    void postQueued(const QString &localId, const QString &clientId);
    //! A queued post reached the server: \a localId became \a postId.
    void postSent(const QString &clientId, const QString &postId);
    //! Something the user did was refused or could not be done: an ErrorCode name and the
    //! field it is about (may be empty).
    void actionFailed(const QString &code, const QString &field);
    //! What edit(), quote(), remove(), bookmark() and unbookmark() did, once the server agreed:
    //! \a action is "edit", "quote", "delete", "bookmark" or "unbookmark", \a postId the post
    //! acted on (the quoted one for a quote).
    void actionDone(const QString &action, const QString &postId);
    //! The same actions refused (after actionFailed): the ErrorCode name and field.
    void actionRefused(const QString &action, const QString &postId, const QString &code, const QString &field);
    //! mute() or unmute() of \a userId went through (\a muted: which).
    void personMuted(const QString &userId, bool muted);
    //! mute() (\a muted true) or unmute() of \a userId was refused or could not be done: the
    //! ErrorCode name ("network" offline) and the field it is about.
    void personMuteFailed(const QString &userId, bool muted, const QString &code, const QString &field);
    //! Image \a fileIndex of queued post \a clientId: \a done of \a total bytes are on the server
    //! (at most about 10 a second per post, and always the last). The outbox row keeps it too.
    void uploadProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total);
    void pendingChanged();
    void busyChanged();
    //! start() opened the store: draft() can be read from now on.
    void started();

private:
    //! Runs \a task and reports its failure by actionFailed() (the Q_INVOKABLEs).
    QCoro::Task<void> report(QCoro::Task<Status> task);
    //! report() that names the action (actionDone / actionRefused).
    QCoro::Task<void> reportAction(QString action, QString postId, QCoro::Task<Status> task);
    QCoro::Task<void> composeTask(QString text, QString replyTo);
    QCoro::Task<Status> quoteTask(QString quotedId, QString text);
    QCoro::Task<void> muteTask(QString userId, bool on);
    QCoro::Task<void> composeImagesTask(QString text, QList<std::pair<QString, QString>> images);
    //! The uploads of \a entry's images (feedservicefiles.cpp): each with a media id.
    QCoro::Task<Result<QList<media::OutgoingFile>>> uploadImagesOf(OutboxPost entry);
    void reportProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total);
    //! One try of one queued post: POST with its client_id; the server's Post.
    QCoro::Task<Result<QJsonObject>> sendPost(OutboxPost entry);
    QCoro::Task<Status> toggle(QString postId, bool repost, bool on);
    void emitChanges(const storage::RowChanges &changes);
    void fail(const Error &error);
    void refreshPendingCount();
    void setBusy(bool on);
    [[nodiscard]] Error notStarted() const;
    [[nodiscard]] QJsonObject selfJson() const;
    //! What a write command gives back: a value (a client_id) and the rows it touched.
    struct Written {
        QString value;
        storage::RowChanges changes;
    };
    using WriteFn = std::function<Result<QString>(FeedStore &, storage::RowChanges &)>;
    //! Runs \a fn with a FeedStore on the cache writer's connection, on its thread.
    [[nodiscard]] QFuture<Result<Written>> write(WriteFn fn) const;
    //! write() of \a fn, awaited; emits the changes it made. Fails when closed meanwhile.
    QCoro::Task<Result<QString>> writeAndEmit(WriteFn fn);
    QCoro::Task<void> setValueTask(QString key, QString value, quint64 generation);
    //! A post as the server answered it, into the cache (through the writer).
    QCoro::Task<Result<QString>> storeAnswer(QJsonObject post);
    QCoro::Task<Status> discardTask(QString clientId);

    AccountContext *m_context = nullptr;
    std::unique_ptr<storage::Database> m_reader; //!< read-only: the UI thread never writes
    std::unique_ptr<FeedStore> m_store;           //!< on m_reader
    QHash<QString, QString> m_valuesOnTheirWay;   //!< kv writes not committed yet
    QHash<QString, quint64> m_valueGeneration;
    quint64 m_generation = 0;
    //! The one outbox mechanism over post_outbox: rounds, retries, marks.
    std::unique_ptr<outbox::Outbox<OutboxPost, QJsonObject>> m_queue;
    int m_pending = 0;
    int m_busy = 0;
    media::ProgressThrottle m_progressShown; //!< uploadProgress at most ~10 a second per item
    QSet<QString> m_abandoned;               //!< client_ids discarded while waiting: their uploads stop
    //! Posts queued before their images were read (postWithImages()): the reading, by client_id.
    QHash<QString, QFuture<Result<QList<media::OutgoingFile>>>> m_hashing;
    quint64 m_muteWrites = 0;                //!< mutes and unmutes begun: a sync that saw one waits for it
};

} // namespace plaza::feed
