// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include "feed/postrecord.h"
#include "storage/cache.h"

#include <QAbstractListModel>
#include <QCache>
#include <QCoroTask>
#include <QHash>
#include <QPointer>

#include <array>

#include <memory>

namespace plaza {
namespace storage {
class Database;
}
} // namespace plaza

namespace plaza::feed {

class FeedService;

//! What a list keeps per row: enough to page, refresh and place it. The text, names and
//! counts live in the cache and in a bounded cache of decoded records (PostListModel::data),
//! so memory grows by this much per row scrolled, not by the posts' contents.
struct PostRow {
    QString id;
    QString postId;      //!< shares id's data unless a repost
    QString createdAt;
    QString clientId;    //!< provisional rows only (to find their server copy)
    QString gapBeforeId; //!< gap rows only
    bool isGap = false;
    bool local = false;  //!< a provisional row of ours ("local:…", not on the server yet)
    bool ranked = false;
    double score = 0;
    std::array<double, 4> inputs{}; //!< the rank terms as placed (ranking.h order)
    std::array<double, 4> values{};

    [[nodiscard]] static PostRow from(const PostRecord &record);
};

//! What FeedModel, ThreadModel and ProfileModel share: rows of posts read from the cache on
//! their own read connection (UI thread), a page at a time, then pages from the server once
//! the cache has no more (canFetchMore/fetchMore); rows refreshed one by one when sync or
//! the FeedService names them (dataChanged, rowsRemoved), never by a reset for a single row.
//!
//! plaza_core has no QML: the app registers the concrete models with QML_FOREIGN and sets
//! `service` (the session comes with it).
class PostListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::feed::FeedService *service READ service WRITE setService NOTIFY serviceChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    Q_PROPERTY(bool stale READ stale NOTIFY staleChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    //! The roles (QML names in parentheses).
    enum Role {
        IdRole = Qt::UserRole + 1, //!< (id) the row's post id: a repost's own id; "local:…" while sending; "gap:…" for a gap
        PostIdRole,                //!< (postId) what like/repost/reply/open act on (the original of a repost)
        AuthorIdRole,              //!< (authorId)
        AuthorNameRole,            //!< (authorName) display name
        AuthorHandleRole,          //!< (authorHandle) without "@"
        AuthorInitialsRole,        //!< (authorInitials) "AL" for an avatar
        TextRole,                  //!< (text) plain text: render with Text.PlainText
        CreatedAtRole,             //!< (createdAt) QDateTime UTC of the post (of the original for a repost)
        ReplyToRole,               //!< (replyTo) parent post id or empty
        IsRepostRole,              //!< (isRepost)
        RepostedByNameRole,        //!< (repostedByName) who reposted it, for "X reposted"
        LikeCountRole,             //!< (likeCount)
        RepostCountRole,           //!< (repostCount)
        ReplyCountRole,            //!< (replyCount)
        LikedByMeRole,             //!< (likedByMe)
        RepostedByMeRole,          //!< (repostedByMe)
        SponsoredRole,             //!< (sponsored) always label it
        AdvertiserNameRole,        //!< (advertiserName) who paid for a sponsored post
        AdvertiserHandleRole,      //!< (advertiserHandle)
        LimitedReachRole,          //!< (limitedReach) show behind a label until asked
        IsGapRole,                 //!< (isGap) a "load missing posts" row: call FeedModel.loadGap(index)
        RankTermsRole,             //!< (rankTerms) Discover: [{name, input, value}] — "Why am I seeing this?"
        ScoreRole,                 //!< (score) Discover: the sum of rankTerms' values
        SendStateRole,             //!< (sendState) "pending", "failed" or "" (on the server)
        SendErrorRole,             //!< (sendError) the error code of a failed one (Errors.describe), else ""
        ClientIdRole,              //!< (clientId) for FeedService.discard()
        //! (images) the post's images: [{id, image, mime, name, size, width, height, alt}]
        //! (media/attachmentview.h), shown through "image://media/ID/thumbnail"
        ImagesRole,
        //! (uploadProgress) a post of ours whose images upload: {file: index, done, total} bytes
        //! of that file (FeedService::uploadProgress); undefined otherwise
        UploadProgressRole,
        EditedAtRole,              //!< (editedAt) QDateTime UTC of the last edit, or undefined: show "edited"
        //! (quote) a quote-repost's card: {id, deleted, authorName, authorHandle, authorInitials,
        //! text, createdAt}; undefined when the post quotes nothing
        QuoteRole,
        BookmarkedByMeRole,        //!< (bookmarkedByMe)
    };
    Q_ENUM(Role)

    explicit PostListModel(QObject *parent = nullptr);
    ~PostListModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    [[nodiscard]] FeedService *service() const { return m_service; }
    void setService(FeedService *service);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool atEnd() const { return m_cacheAtEnd && m_serverAtEnd; }
    //! True while offline: the rows are what the cache last knew.
    [[nodiscard]] bool stale() const;
    [[nodiscard]] QString error() const { return m_error; }
    //! The row's whole record (from the bounded record cache, or read from the cache file).
    [[nodiscard]] PostRecord record(int row) const;

    //! Drops the rows and reads the first page again (then asks the server, if online).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void serviceChanged();
    void pageSizeChanged();
    void loadingChanged();
    void atEndChanged();
    void staleChanged();
    void errorChanged();

protected:
    //! The local copy the rows come from (the service's).
    [[nodiscard]] storage::Cache *cache() const;
    //! Live updates arrive: the server can be asked for more.
    [[nodiscard]] bool isLive() const;
    [[nodiscard]] storage::Database *db() { return m_db.get(); }
    [[nodiscard]] bool ensureOpen();
    [[nodiscard]] QString selfId() const;

    //! The cache scope of the rows and its key (a post or user id).
    [[nodiscard]] virtual PostScope scope() const = 0;
    [[nodiscard]] virtual QString scopeKey() const { return {}; }
    //! The server list to page through once the cache is exhausted ("" for none).
    [[nodiscard]] virtual QString serverPath() const { return {}; }
    //! Called after reload() read the first page: ask the server for news.
    virtual void afterReload() { }
    //! A page about to be appended (rank it, add gap rows).
    virtual void preparePage(QList<PostRecord> &page) { Q_UNUSED(page); }
    //! Posts a change named that are not loaded (new ones, or ones outside the loaded pages).
    virtual void onUnloadedChanges(const QStringList &postIds) { Q_UNUSED(postIds); }
    virtual void onOnline() { }
    //! False when a loaded row no longer belongs in the list as it reads now (it leaves).
    [[nodiscard]] virtual bool keepsRow(const PostRecord &record) const { Q_UNUSED(record); return true; }

    //! Reads the next page from the cache and appends it; false when the cache had no more.
    bool appendFromCache();
    //! Pages the server once (before the oldest loaded row), then the cache again.
    QCoro::Task<void> fetchOlderFromServer();
    void appendRows(const QList<PostRecord> &rows);
    void insertRowsAt(int at, const QList<PostRecord> &rows);
    //! \a row shows \a record now (dataChanged), keeping its place and rank.
    void replaceRow(int row, const PostRecord &record);
    void removeRowAt(int row);
    //! The cursor after the last real (non-gap, non-local) row.
    [[nodiscard]] PostCursor lastCursor() const;
    //! The first real row (not a gap, not sending), or -1.
    [[nodiscard]] int firstRealRow() const;
    [[nodiscard]] int rowOf(const QString &id) const;
    void setLoading(bool loading);
    void setError(const QString &error);
    void setCacheAtEnd(bool atEnd);
    void setServerAtEnd(bool atEnd);

    QList<PostRow> m_rows;
    //! Decoded records of rows near what was last shown; bounded (kRecordCacheRows).
    mutable QCache<QString, PostRecord> m_records;
    int m_pageSize = 30;
    bool m_cacheAtEnd = false;
    bool m_serverAtEnd = false;
    bool m_loading = false;
    //! Rows are being changed (a reset, a page, an insert, a removal, a batch): fetchMore() from
    //! their signals (a view, QAbstractItemModelTester) does nothing, so a page is never appended
    //! in the middle of another change or before the paging state says where the next starts.
    int m_changing = 0;

private:
    //! The record of \a row, reading it and its neighbours from the cache file if needed.
    const PostRecord *fullRecord(int row) const;
    void onApplied(const plaza::sync::ChangeSet &changes);
    void onChanged(const QStringList &postIds);
    void connectSession();

    QPointer<FeedService> m_service;
    std::unique_ptr<storage::Database> m_db;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
    QHash<QString, QVariantMap> m_uploads; //!< client_id → the last uploadProgress of its images
};

} // namespace plaza::feed
