// SPDX-License-Identifier: MIT
#include "feed/bookmarksmodel.h"

#include "feed/feedservice.h"
#include "protocol/endpoints.h"

#include <QPointer>

namespace plaza::feed {

BookmarksModel::BookmarksModel(QObject *parent) : PostListModel(parent) { }

QString BookmarksModel::serverPath() const
{
    return protocol::endpoints::bookmarks();
}

void BookmarksModel::refresh()
{
    reload();
}

void BookmarksModel::afterReload()
{
    onOnline();
}

void BookmarksModel::onOnline()
{
    if (m_refreshing || !service() || !isLive())
        return;
    refreshTask();
}

QCoro::Task<void> BookmarksModel::refreshTask()
{
    QPointer<BookmarksModel> self(this);
    m_refreshing = true;
    const bool wasEmpty = m_rows.isEmpty();
    if (wasEmpty)
        setLoading(true);
    // The newest page: the posts as they are now (edits, counts); the list itself follows the
    // cache's bookmarks, which sync keeps.
    auto page = co_await service()->fetchPage(serverPath(), QString(), m_pageSize);
    if (!self)
        co_return;
    m_refreshing = false;
    if (wasEmpty)
        setLoading(false);
    if (!page) {
        if (!page.error().isTransient())
            setError(page.error().codeName());
        co_return;
    }
    setError({});
    if (m_rows.isEmpty() && m_cacheAtEnd)
        appendFromCache();
}

void BookmarksModel::onUnloadedChanges(const QStringList &postIds)
{
    Q_UNUSED(postIds);
    // Bookmarked now (here or on another device): newer bookmarks go on top.
    if (!db())
        return;
    PostCursor top;
    const int first = firstRealRow();
    if (first >= 0)
        top = {m_rows.at(first).createdAt, m_rows.at(first).id};
    auto rows = readPosts(*db(), scope(), scopeKey(), selfId(), {}, m_pageSize);
    if (!rows)
        return;
    QList<PostRecord> newer;
    for (const PostRecord &r : std::as_const(*rows)) {
        if (rowOf(r.id) >= 0 || (!top.id.isEmpty() && (r.createdAt < top.createdAt || (r.createdAt == top.createdAt && r.id <= top.id))))
            break;
        newer.append(r);
    }
    if (first < 0) {
        appendRows(newer);
        return;
    }
    insertRowsAt(0, newer);
}

} // namespace plaza::feed
