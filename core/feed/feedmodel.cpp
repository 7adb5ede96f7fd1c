// SPDX-License-Identifier: MIT
#include "feed/feedmodel.h"

#include "common/clock.h"
#include "common/logging.h"
#include "feed/feedservice.h"
#include "protocol/endpoints.h"
#include "net/apiclient.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "sync/syncengine.h"
#include "storage/database.h"

#include <QDateTime>
#include <QPointer>

#include <algorithm>

namespace plaza::feed {

namespace {

const QString kFollowing = QStringLiteral("following");
const QString kDiscover = QStringLiteral("discover");
const QString kGapPrefix = QStringLiteral("gap:");
// How far restoring the reading position may page through the cache.
constexpr int kMaxRestorePages = 100;

bool newer(const PostCursor &a, const PostCursor &b)
{
    return a.createdAt > b.createdAt || (a.createdAt == b.createdAt && a.id > b.id);
}

} // namespace

namespace {
constexpr int kRecountMs = 250;
}

FeedModel::FeedModel(QObject *parent) : PostListModel(parent)
{
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(kRecountMs);
    connect(&m_recountTimer, &QTimer::timeout, this, &FeedModel::recountNew);
    // Our own new post shows at once at the top of Following (it is what the user just did),
    // unlike other people's, which are counted.
    connect(this, &PostListModel::serviceChanged, this, [this] {
        m_savedStateRead = false;
        if (!service())
            return;
        connect(service(), &FeedService::postQueued, this, [this](const QString &localId) {
            if (scope() != PostScope::Following || rowOf(localId) >= 0 || !db())
                return;
            auto rows = readPostsById(*db(), {localId});
            if (rows && !rows->isEmpty())
                insertRowsAt(0, *rows);
        });
    });
}

void FeedModel::setTimeline(const QString &timeline)
{
    if (timeline != kFollowing && timeline != kDiscover)
        return;
    m_timelineChosen = true;
    if (timeline == m_timeline)
        return;
    m_timeline = timeline;
    if (m_persistent && service() && service()->store())
        service()->setValue(kv::kTimeline, timeline);
    m_positionId.clear();
    m_savedStateRead = false;
    m_refreshedOnce = false;
    Q_EMIT timelineChanged();
    reload();
}

PostScope FeedModel::scope() const
{
    return m_timeline == kDiscover ? PostScope::Discover : PostScope::Following;
}

QString FeedModel::serverPath() const
{
    return m_timeline == kDiscover ? protocol::endpoints::timelineDiscover() : protocol::endpoints::timelineHome();
}

void FeedModel::readSavedState()
{
    if (m_savedStateRead || !m_persistent || !service() || !service()->store())
        return;
    m_savedStateRead = true;
    FeedService *feed = service();
    if (m_timelineChosen) {
        feed->setValue(kv::kTimeline, m_timeline);
    } else {
        const QString saved = feed->value(kv::kTimeline);
        if ((saved == kFollowing || saved == kDiscover) && saved != m_timeline) {
            m_timeline = saved;
            Q_EMIT timelineChanged();
        }
    }
    m_positionId = feed->value(kv::kPositionPrefix + m_timeline);
    Q_EMIT readingPositionChanged();
}

void FeedModel::afterReload()
{
    const QString before = m_timeline;
    readSavedState();
    if (m_timeline != before) {
        reload(); // the saved timeline, read once
        return;
    }
    if (m_newCount != 0) {
        m_newCount = 0;
        Q_EMIT newPostsCountChanged();
    }
    m_filledInFirstSync = firstRealRow() >= 0 && inFirstSync();
    restorePosition();
    refresh();
}

bool FeedModel::inFirstSync() const
{
    const AccountContext *context = service() ? service()->context() : nullptr;
    return context && context->syncEngine() && !context->syncEngine()->everSynced();
}

void FeedModel::restorePosition()
{
    int row = -1;
    if (!m_positionId.isEmpty()) {
        for (int page = 0; page < kMaxRestorePages; ++page) {
            row = rowOf(m_positionId);
            if (row >= 0 || m_cacheAtEnd)
                break;
            appendFromCache();
        }
    }
    if (row != m_restoredRow) {
        m_restoredRow = row;
        Q_EMIT restoredRowChanged();
    }
}

void FeedModel::setReadingPosition(const QString &postId)
{
    if (postId == m_positionId)
        return;
    m_positionId = postId;
    if (m_persistent && service() && service()->store())
        service()->setValue(kv::kPositionPrefix + m_timeline, postId);
    Q_EMIT readingPositionChanged();
}

void FeedModel::reloadGaps()
{
    m_gaps.clear();
    if (!service() || !service()->store())
        return;
    if (auto gaps = service()->store()->gaps(m_timeline))
        m_gaps = *gaps;
}

PostRecord FeedModel::gapRecord(const FeedGap &gap) const
{
    PostRecord r;
    r.isGap = true;
    r.id = kGapPrefix + gap.beforeId;
    r.gapBeforeId = gap.beforeId;
    r.createdAt = gap.createdAt;
    r.postCreatedAt = gap.createdAt;
    return r;
}

void FeedModel::rank(QList<PostRecord> &rows) const
{
    if (scope() != PostScope::Discover)
        return;
    const qint64 now = Clock::instance()->nowMs();
    for (PostRecord &r : rows)
        r.rank = rankNow(r, now);
    std::stable_sort(rows.begin(), rows.end(), [](const PostRecord &a, const PostRecord &b) {
        if (a.rank.score != b.rank.score)
            return a.rank.score > b.rank.score;
        return newer({a.createdAt, a.id}, {b.createdAt, b.id});
    });
}

void FeedModel::preparePage(QList<PostRecord> &page)
{
    if (page.isEmpty())
        return;
    reloadGaps(); // a handful of rows at most
    rank(page);
    for (const FeedGap &gap : std::as_const(m_gaps)) {
        if (rowOf(kGapPrefix + gap.beforeId) >= 0)
            continue;
        const auto it = std::find_if(page.begin(), page.end(), [&](const PostRecord &r) { return r.id == gap.beforeId; });
        if (it == page.end())
            continue;
        // Following: right below the post above the hole. Discover: below its (ranked) page.
        if (scope() == PostScope::Following)
            page.insert(it - page.begin() + 1, gapRecord(gap));
        else
            page.append(gapRecord(gap));
    }
}

PostCursor FeedModel::newestLoaded() const
{
    PostCursor top;
    for (const PostRow &r : std::as_const(m_rows)) {
        if (!r.isGap && !r.local && (top.id.isEmpty() || newer({r.createdAt, r.id}, top)))
            top = {r.createdAt, r.id};
    }
    return top;
}

void FeedModel::recountNew()
{
    if (!db())
        return;
    const PostCursor top = newestLoaded();
    int count = 0;
    if (!top.id.isEmpty()) {
        auto n = countNewer(*db(), scope(), selfId(), top);
        if (!n) {
            setError(n.error().codeName());
            return;
        }
        count = int(*n);
    }
    if (count != m_newCount) {
        m_newCount = count;
        Q_EMIT newPostsCountChanged();
    }
}

void FeedModel::onUnloadedChanges(const QStringList &postIds)
{
    Q_UNUSED(postIds);
    if (firstRealRow() < 0) {
        // Nothing was shown yet (a first sync): the posts are simply the list.
        m_filledInFirstSync = inFirstSync();
        setCacheAtEnd(false);
        appendFromCache();
        return;
    }
    // A count of the posts above the first one shown: once for the batches that arrive within
    // kRecountMs of each other, not for each (a first sync brings some 150 in a row).
    if (!m_recountTimer.isActive())
        m_recountTimer.start();
}

void FeedModel::showNewPosts()
{
    if (m_recountTimer.isActive()) {
        m_recountTimer.stop();
        recountNew();
    }
    if (m_newCount == 0 || !db())
        return;
    const PostCursor top = newestLoaded();
    auto rows = readPosts(*db(), scope(), scopeKey(), selfId(), {}, m_newCount + 1);
    if (!rows) {
        setError(rows.error().codeName());
        return;
    }
    rows->removeIf([&](const PostRecord &r) {
        return rowOf(r.id) >= 0 || r.id.startsWith(u"local:") || !newer({r.createdAt, r.id}, top);
    });
    preparePage(*rows);
    insertRowsAt(0, *rows);
    m_newCount = 0;
    Q_EMIT newPostsCountChanged();
}

void FeedModel::onOnline()
{
    refresh();
}

void FeedModel::refresh()
{
    if (m_refreshing || !service() || !db() || !isLive())
        return;
    refreshTask();
}

QCoro::Task<void> FeedModel::refreshTask()
{
    QPointer<FeedModel> self(this);
    m_refreshing = true;
    const QString timeline = m_timeline;
    auto page = co_await service()->fetchPage(serverPath(), QString(), m_pageSize);
    if (!self)
        co_return;
    m_refreshing = false;
    if (timeline != m_timeline) { // switched meanwhile: this page is not for what is shown
        refresh();
        co_return;
    }
    if (!page) {
        if (!page.error().isTransient())
            setError(page.error().codeName());
        Q_EMIT refreshed();
        co_return;
    }
    const bool firstPage = !m_refreshedOnce;
    m_refreshedOnce = true;
    if (firstRealRow() < 0) {
        setCacheAtEnd(false);
        appendFromCache();
        Q_EMIT refreshed();
        co_return;
    }
    if (firstPage && m_filledInFirstSync) {
        // A first sign-in: what the list shows is the first sync's first pages, the account's
        // oldest posts. Nobody has read them yet; the newest page is in the cache now: start
        // there, as after any sign-in, instead of holding the newest behind "new posts".
        m_filledInFirstSync = false;
        setReadingPosition(QString());
        reload();
        Q_EMIT refreshed();
        co_return;
    }
    const PostCursor top = newestLoaded();
    // The newest page did not reach what we had: posts are missing between the two.
    if (!page->ids.isEmpty() && !page->oldestWasCached && !page->nextBefore.isEmpty()
        && newer({page->oldestCreatedAt, page->ids.constLast()}, top)) {
        const FeedGap gap{page->ids.constLast(), page->oldestCreatedAt};
        QCoro::Task<Status> adding = service()->addGap(m_timeline, gap);
        const Status st = co_await std::move(adding);
        if (!self || !service())
            co_return;
        if (!st)
            setError(st.error().codeName());
        reloadGaps();
    }
    recountNew();
    Q_EMIT refreshed();
}

void FeedModel::loadGap(int row)
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).isGap || m_loading || !service())
        return;
    loadGapTask(m_rows.at(row).gapBeforeId);
}

QCoro::Task<void> FeedModel::loadGapTask(QString beforeId)
{
    QPointer<FeedModel> self(this);
    setLoading(true);
    auto page = co_await service()->fetchPage(serverPath(), beforeId, m_pageSize);
    if (!self)
        co_return;
    setLoading(false);
    if (!page) {
        setError(page.error().codeName());
        Q_EMIT refreshed();
        co_return;
    }
    if (!service() || !service()->store() || !db())
        co_return;
    // Written by the cache writer; read back once committed.
    const QString timeline = m_timeline;
    QCoro::Task<Status> removing = service()->removeGap(timeline, beforeId);
    (void)co_await std::move(removing);
    if (!self || !service() || !db())
        co_return;
    std::optional<FeedGap> still;
    if (!page->ids.isEmpty() && !page->oldestWasCached && !page->nextBefore.isEmpty()) {
        still = FeedGap{page->ids.constLast(), page->oldestCreatedAt};
        QCoro::Task<Status> adding = service()->addGap(timeline, *still);
        (void)co_await std::move(adding);
        if (!self || !service() || !db())
            co_return;
    }
    reloadGaps();

    const int gapRow = rowOf(kGapPrefix + beforeId);
    auto above = readPostsById(*db(), {beforeId});
    if (gapRow < 0 || !above || above->isEmpty()) {
        Q_EMIT refreshed();
        co_return;
    }
    // The cached posts right below the one above the hole, until what is already shown (the
    // hole closed) or until the new hole.
    auto rows = readPosts(*db(), scope(), scopeKey(), selfId(), {above->constFirst().createdAt, beforeId}, 2 * m_pageSize + 1);
    if (!rows) {
        setError(rows.error().codeName());
        co_return;
    }
    QList<PostRecord> taken;
    for (const PostRecord &r : std::as_const(*rows)) {
        if (rowOf(r.id) >= 0)
            break;
        taken.append(r);
        if (still && r.id == still->beforeId)
            break;
    }
    rank(taken);
    if (still)
        taken.append(gapRecord(*still));
    removeRowAt(gapRow);
    insertRowsAt(gapRow, taken);
    Q_EMIT refreshed();
}

} // namespace plaza::feed
