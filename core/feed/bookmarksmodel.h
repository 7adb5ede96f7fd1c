// SPDX-License-Identifier: MIT
#pragma once

#include "feed/postlistmodel.h"

namespace plaza::feed {

//! The user's bookmarks (issue 17), newest bookmark first: the cache's bookmark list with its
//! posts (FeedStore::bookmarkIds' order), then GET /v1/bookmarks pages. Follows the change
//! stream: a post bookmarked here or on another device comes in on top, one whose bookmark is
//! removed (or that is deleted) leaves. Opening it (reload) asks the server for the newest page.
class BookmarksModel : public PostListModel
{
    Q_OBJECT
public:
    explicit BookmarksModel(QObject *parent = nullptr);

    //! Reads the cache again and asks the server for the newest page (the page was opened).
    Q_INVOKABLE void refresh();

protected:
    [[nodiscard]] PostScope scope() const override { return PostScope::Bookmarks; }
    [[nodiscard]] QString serverPath() const override;
    void afterReload() override;
    void onUnloadedChanges(const QStringList &postIds) override;
    void onOnline() override;
    [[nodiscard]] bool keepsRow(const PostRecord &record) const override { return record.bookmarkedByMe; }

private:
    QCoro::Task<void> refreshTask();
    bool m_refreshing = false;
};

} // namespace plaza::feed
