// SPDX-License-Identifier: MIT
#include "feed/threadmodel.h"

#include "feed/feedservice.h"
#include "protocol/endpoints.h"
#include "storage/database.h"

#include <QPointer>

namespace plaza::feed {

namespace {
constexpr int kRepliesFromServer = 200;
}

ThreadModel::ThreadModel(QObject *parent) : PostListModel(parent)
{
    connect(this, &PostListModel::serviceChanged, this, [this] {
        if (!service())
            return;
        connect(service(), &FeedService::postQueued, this, [this](const QString &localId) {
            if (!db() || rowOf(localId) >= 0)
                return;
            auto rows = readPostsById(*db(), {localId});
            if (rows && !rows->isEmpty() && rows->constFirst().replyTo == m_postId && !m_postId.isEmpty())
                appendRows(*rows);
        });
    });
}

void ThreadModel::setPostId(const QString &postId)
{
    if (postId == m_postId)
        return;
    m_postId = postId;
    Q_EMIT postIdChanged();
    reload();
}

void ThreadModel::readHead()
{
    if (!db() || m_postId.isEmpty())
        return;
    auto head = readPostsById(*db(), {m_postId});
    if (head && !head->isEmpty() && !found())
        insertRowsAt(0, *head);
    Q_EMIT foundChanged();
}

void ThreadModel::afterReload()
{
    if (m_postId.isEmpty()) {
        setCacheAtEnd(true);
        return;
    }
    readHead();
    onOnline();
}

void ThreadModel::onOnline()
{
    if (m_refreshing || m_postId.isEmpty() || !service() || !isLive())
        return;
    refreshTask();
}

QCoro::Task<void> ThreadModel::refreshTask()
{
    QPointer<ThreadModel> self(this);
    m_refreshing = true;
    setLoading(true);
    const QString postId = m_postId;
    const Status head = co_await service()->fetchPost(postId);
    if (!self)
        co_return;
    if (head) {
        auto replies = co_await service()->fetchPage(protocol::endpoints::postReplies(postId), QString(),
                                                     kRepliesFromServer);
        if (!self)
            co_return;
        if (!replies && !replies.error().isTransient())
            setError(replies.error().codeName());
    } else if (!head.error().isTransient()) {
        setError(head.error().codeName());
    }
    m_refreshing = false;
    setLoading(false);
    if (postId == m_postId) {
        readHead();
        // Replies the server had that the pages read so far do not show yet.
        if (m_cacheAtEnd) {
            setCacheAtEnd(false);
            appendFromCache();
        }
    }
    Q_EMIT refreshed();
}

void ThreadModel::onUnloadedChanges(const QStringList &postIds)
{
    if (!db())
        return;
    auto rows = readPostsById(*db(), postIds);
    if (!rows)
        return;
    bool head = false;
    for (const PostRecord &r : std::as_const(*rows))
        head |= r.id == m_postId;
    if (head)
        readHead();
    // New replies go at the end once every older one is shown.
    if (m_cacheAtEnd) {
        setCacheAtEnd(false);
        appendFromCache();
    }
}

} // namespace plaza::feed
