// SPDX-License-Identifier: MIT
#pragma once

#include "feed/feedstore.h"
#include "feed/postlistmodel.h"

#include <QTimer>

namespace plaza::feed {

//! The Feed tab's list: Following (the home timeline, newest first) or Discover (candidates
//! from everyone, each page ranked on the client by discoverScore(); rows never move once
//! shown). Cache first, then server pages (infinite scroll). Posts that arrive above what
//! the user reads are counted in newPostsCount instead of inserted; showNewPosts() puts them
//! on top. After time offline, a first page from the server that does not reach the cached
//! posts leaves a gap row (isGap) where posts are missing; loadGap(row) fills it a page at a
//! time. The chosen timeline and the reading position are kept in the cache's kv table.
class FeedModel : public PostListModel
{
    Q_OBJECT
    Q_PROPERTY(QString timeline READ timeline WRITE setTimeline NOTIFY timelineChanged)
    Q_PROPERTY(int newPostsCount READ newPostsCount NOTIFY newPostsCountChanged)
    Q_PROPERTY(QString readingPositionId READ readingPositionId NOTIFY readingPositionChanged)
    Q_PROPERTY(int restoredRow READ restoredRow NOTIFY restoredRowChanged)
public:
    explicit FeedModel(QObject *parent = nullptr);

    //! "following" or "discover" (anything else is ignored).
    [[nodiscard]] QString timeline() const { return m_timeline; }
    void setTimeline(const QString &timeline);
    [[nodiscard]] int newPostsCount() const { return m_newCount; }
    [[nodiscard]] QString readingPositionId() const { return m_positionId; }
    //! The row of the saved reading position after (re)loading, or -1: positionViewAtIndex() it.
    [[nodiscard]] int restoredRow() const { return m_restoredRow; }

    //! Puts the counted new posts on top (rowsInserted at 0) and clears the count.
    Q_INVOKABLE void showNewPosts();
    //! Loads the posts missing at the gap row \a row (one server page); the gap moves down or closes.
    Q_INVOKABLE void loadGap(int row);
    //! Asks the server for the newest page now (also done on load and on reconnect).
    Q_INVOKABLE void refresh();
    //! Remembers the post at the top of the view (kv); restored after a restart.
    Q_INVOKABLE void setReadingPosition(const QString &postId);

    //! False: the timeline and reading position are neither read from nor written to kv
    //! (plaza-cli: a one-shot listing must not change the app's saved choice). Set before `service`.
    void setPersistent(bool persistent) { m_persistent = persistent; }

    //! The gaps of the current timeline (tests, diagnostics).
    [[nodiscard]] QList<FeedGap> gaps() const { return m_gaps; }

Q_SIGNALS:
    void timelineChanged();
    void newPostsCountChanged();
    void readingPositionChanged();
    void restoredRowChanged();
    //! A refresh or gap load finished (ok or not).
    void refreshed();

protected:
    [[nodiscard]] PostScope scope() const override;
    [[nodiscard]] QString serverPath() const override;
    void afterReload() override;
    void preparePage(QList<PostRecord> &page) override;
    void onUnloadedChanges(const QStringList &postIds) override;
    void onOnline() override;

private:
    QCoro::Task<void> refreshTask();
    QCoro::Task<void> loadGapTask(QString beforeId);
    void readSavedState();
    void restorePosition();
    void recountNew();
    //! The newest post among the loaded rows (gaps and posts still sending left out): where
    //! "new posts" start.
    [[nodiscard]] PostCursor newestLoaded() const;
    //! The account has not caught up with the server once yet (its first sync runs).
    [[nodiscard]] bool inFirstSync() const;
    void rank(QList<PostRecord> &rows) const;
    void reloadGaps();
    [[nodiscard]] PostRecord gapRecord(const FeedGap &gap) const;

    QString m_timeline = QStringLiteral("following");
    bool m_timelineChosen = false; //!< set by the user (or QML) in this run: do not read it from kv
    bool m_savedStateRead = false;
    bool m_persistent = true;
    int m_newCount = 0;
    //! Sync batches recount the new posts at most this often (a first sync is 150 batches).
    QTimer m_recountTimer;
    QString m_positionId;
    int m_restoredRow = -1;
    bool m_refreshing = false;
    //! The rows shown came in while the account's first sync ran (oldest events first): the
    //! first newest page from the server starts the list again at the newest.
    bool m_filledInFirstSync = false;
    bool m_refreshedOnce = false; //!< a newest page came in for this timeline
    QList<FeedGap> m_gaps;
};

} // namespace plaza::feed
