// SPDX-License-Identifier: MIT
// The client feed against the real plaza-server and a real SQLCipher cache: posts written
// offline go through the outbox and reach the server exactly once (also across an app
// restart); a gap left by time offline is detected and filled; the models are served from
// the cache with the server down; live posts are counted, not inserted; optimistic likes
// roll back; the timeline and the reading position survive a restart; thread and profile.

#include "common/cachekey.h"
#include "common/modeltester.h"
#include "common/testserver.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "feed/profilemodel.h"
#include "feed/threadmodel.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::feed;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("feed cache passphrase");

bool reopenReady(SessionFixture &fixture)
{
    fixture.reopen();
    Session &session = *fixture.session;
    session.restore();
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}

// Posts as another device/user would; the post's id.
QString postAs(RemoteUser &user, const QString &text)
{
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), text}};
    auto reply = waitTask(user.api->post(QStringLiteral("/v1/posts"), body));
    return reply ? reply->body.value(QStringLiteral("id")).toString() : QString();
}

// Every post of \a userId on the server (all pages).
QJsonArray serverPosts(net::ApiClient &api, const QString &userId)
{
    QJsonArray all;
    QString before;
    for (int guard = 0; guard < 100; ++guard) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto reply = waitTask(api.get(QStringLiteral("/v1/users/%1/posts").arg(userId), query));
        if (!reply)
            return all;
        for (const QJsonValue &v : reply->body.value(QStringLiteral("items")).toArray())
            all.append(v);
        before = reply->body.value(QStringLiteral("next_before")).toString();
        if (before.isEmpty())
            break;
    }
    return all;
}

int rowsWithText(const PostListModel &model, const QString &text)
{
    int n = 0;
    for (int i = 0; i < model.rowCount(); ++i)
        n += model.data(model.index(i), PostListModel::TextRole).toString() == text;
    return n;
}

QStringList rowIds(const PostListModel &model)
{
    QStringList ids;
    for (int i = 0; i < model.rowCount(); ++i)
        ids.append(model.data(model.index(i), PostListModel::IdRole).toString());
    return ids;
}

} // namespace

class FeedTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void offlineComposePostsOnce();
    void offlinePostSurvivesRestart();
    void gapAfterTimeOfflineIsFilled();
    void servedFromCacheWithServerDown();
    void livePostsAreCounted();
    void firstSignInStartsAtTheNewest();
    void optimisticLikeRollsBack();
    void timelineAndPositionSurviveRestart();
    void threadAndProfile();
    void discoverRanksAndExplains();

private:
    bool startAccount();
    //! Follows \a userId through the service; a failure is logged with its reason.
    bool follow(const QString &userId)
    {
        auto followed = waitTask(m_feed->setFollowing(userId, true));
        if (!followed)
            qWarning() << "following failed:" << followed.error().codeName() << followed.error().message;
        return followed.ok();
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<FeedService> m_feed;
    std::optional<RemoteUser> m_other;
    QString m_handle;
};

void FeedTest::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    QVERIFY(startAccount());
}

bool FeedTest::startAccount()
{
    m_other = registerUser(m_server->url(), QStringLiteral("other"), kPassword);
    if (!m_other)
        return false;
    m_fixture = std::make_unique<SessionFixture>();
    m_handle = uniqueHandle(QStringLiteral("me"));
    if (!createAccount(*m_fixture->session, m_server->url(), m_handle, QStringLiteral("Méa Culpa"), kPassword, kPassphrase))
        return false;
    m_feed = std::make_unique<FeedService>(m_fixture->session.get());
    return bool(m_feed->start());
}

void FeedTest::cleanup()
{
    m_feed.reset();
    m_fixture.reset();
    m_other.reset();
    m_server.reset();
}

void FeedTest::offlineComposePostsOnce()
{
    Session &session = *m_fixture->session;
    FeedModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QTRY_VERIFY(session.online());

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    QVERIFY(model.stale());
    auto queued = waitTask(m_feed->post(QStringLiteral("written on the train")));
    QVERIFY2(queued, queued ? "" : qPrintable(queued.error().message));
    QCOMPARE(m_feed->pendingCount(), 1);
    // Shown at once, at the top, as sending.
    QVERIFY(model.rowCount() >= 1);
    QCOMPARE(model.data(model.index(0), PostListModel::TextRole).toString(), QStringLiteral("written on the train"));
    QCOMPARE(model.data(model.index(0), PostListModel::SendStateRole).toString(), QStringLiteral("pending"));
    QVERIFY(model.data(model.index(0), PostListModel::IdRole).toString().startsWith(u"local:"));
    // Local checks refuse what the server would.
    auto empty = waitTask(m_feed->post(QStringLiteral("   ")));
    QVERIFY(!empty);
    QCOMPARE(empty.error().field(), QStringLiteral("text"));
    auto tooLong = waitTask(m_feed->post(QString(501, u'x')));
    QVERIFY(!tooLong);
    QCOMPARE(m_feed->pendingCount(), 1);

    // Back online: sent with its client_id, once; the row becomes the server's post in place.
    QVERIFY(m_server->restart());
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->pendingCount(), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!model.data(model.index(0), PostListModel::IdRole).toString().startsWith(u"local:"), 10000);
    QVERIFY(model.data(model.index(0), PostListModel::IdRole).toString().startsWith(u"p_"));
    QCOMPARE(model.data(model.index(0), PostListModel::SendStateRole).toString(), QString());
    QVERIFY(waitTask(session.syncEngine()->pull()));
    QCOMPARE(rowsWithText(model, QStringLiteral("written on the train")), 1);
    const QJsonArray onServer = serverPosts(*session.api(), session.userId());
    QCOMPARE(onServer.size(), 1);
    QCOMPARE(onServer.at(0).toObject().value(QStringLiteral("client_id")).toString(), *queued);
    // And once in the cache: the provisional row is gone.
    auto rows = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("posts"));
    QVERIFY(rows);
    QCOMPARE(*rows, 1);
    // A fresh model (another tab) shows it once too.
    FeedModel again;
    test::checkModel(&again);
    again.setService(m_feed.get());
    QCOMPARE(rowsWithText(again, QStringLiteral("written on the train")), 1);
}

void FeedTest::offlinePostSurvivesRestart()
{
    Session &session = *m_fixture->session;
    QTRY_VERIFY(session.online());
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    auto queued = waitTask(m_feed->post(QStringLiteral("before the crash")));
    QVERIFY(queued);
    QCOMPARE(m_feed->pendingCount(), 1);

    // The app quits with the post unsent, and starts again (still offline).
    m_feed.reset();
    QVERIFY(reopenReady(*m_fixture));
    m_feed = std::make_unique<FeedService>(m_fixture->session.get());
    QVERIFY(m_feed->start());
    QCOMPARE(m_feed->pendingCount(), 1);
    FeedModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QCOMPARE(rowsWithText(model, QStringLiteral("before the crash")), 1);
    QCOMPARE(model.data(model.index(0), PostListModel::SendStateRole).toString(), QStringLiteral("pending"));

    QVERIFY(m_server->restart());
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->pendingCount(), 0, 30000);
    Session &again = *m_fixture->session;
    QVERIFY(waitTask(again.syncEngine()->pull()));
    const QJsonArray onServer = serverPosts(*again.api(), again.userId());
    QCOMPARE(onServer.size(), 1);
    QCOMPARE(onServer.at(0).toObject().value(QStringLiteral("client_id")).toString(), *queued);
    QTRY_COMPARE(rowsWithText(model, QStringLiteral("before the crash")), 1);
    QVERIFY(!rowIds(model).join(u' ').contains(QStringLiteral("local:")));
}

void FeedTest::gapAfterTimeOfflineIsFilled()
{
    Session &session = *m_fixture->session;
    QTRY_VERIFY(session.online());
    // Three posts by someone we do not follow: only Discover brings them (no sync events).
    QStringList old;
    for (int i = 0; i < 3; ++i)
        old.prepend(postAs(*m_other, QStringLiteral("old %1").arg(i)));
    {
        FeedModel model;
        test::checkModel(&model);
        model.setPageSize(5);
        model.setTimeline(QStringLiteral("discover"));
        QSignalSpy refreshed(&model, &FeedModel::refreshed);
        model.setService(m_feed.get());
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(rowIds(model), old);
    }

    // Time offline; meanwhile twelve new posts.
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    QVERIFY(m_server->restart());
    m_other->api->setBaseUrl(m_server->url());
    QStringList fresh;
    for (int i = 0; i < 12; ++i)
        fresh.prepend(postAs(*m_other, QStringLiteral("new %1").arg(i)));
    QCOMPARE(fresh.size(), 12);
    QTRY_VERIFY_WITH_TIMEOUT(session.online(), 30000);

    FeedModel model;
    test::checkModel(&model);
    model.setPageSize(5);
    QSignalSpy refreshed(&model, &FeedModel::refreshed);
    model.setService(m_feed.get());
    QCOMPARE(model.timeline(), QStringLiteral("discover")); // kept in kv
    QCOMPARE(rowIds(model), old);                            // the cache at once
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, 10000);
    refreshed.clear();
    // The newest page (5) did not reach the cached posts: counted, and a gap below them.
    QCOMPARE(model.newPostsCount(), 5);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.gaps().size(), 1);
    QCOMPARE(model.gaps().at(0).beforeId, fresh.at(4));
    model.showNewPosts();
    QCOMPARE(model.newPostsCount(), 0);
    QCOMPARE(model.rowCount(), 9);
    QCOMPARE(rowIds(model).mid(0, 5), fresh.mid(0, 5));
    QVERIFY(model.data(model.index(5), PostListModel::IsGapRole).toBool());
    QCOMPARE(rowIds(model).mid(6), old);

    // Filling: one page at a time; the gap moves down, then closes on the cached posts.
    model.loadGap(5);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(model.rowCount(), 14);
    QCOMPARE(rowIds(model).mid(0, 10), fresh.mid(0, 10));
    QVERIFY(model.data(model.index(10), PostListModel::IsGapRole).toBool());
    model.loadGap(10);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(rowIds(model), fresh + old);
    QVERIFY(model.gaps().isEmpty());
    for (int i = 0; i < model.rowCount(); ++i)
        QVERIFY(!model.data(model.index(i), PostListModel::IsGapRole).toBool());
    // Rank terms explain each row.
    const QVariantList terms = model.data(model.index(0), PostListModel::RankTermsRole).toList();
    QCOMPARE(terms.size(), 4);
    QCOMPARE(terms.at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("affinity"));
}

void FeedTest::servedFromCacheWithServerDown()
{
    Session &session = *m_fixture->session;
    QVERIFY(follow(m_other->id));
    QStringList ids;
    for (int i = 0; i < 25; ++i)
        ids.prepend(postAs(*m_other, QStringLiteral("post %1").arg(i)));
    QVERIFY(waitTask(session.syncEngine()->pull()));
    {
        FeedModel model;
        test::checkModel(&model);
        model.setPageSize(10);
        QSignalSpy refreshed(&model, &FeedModel::refreshed);
        model.setService(m_feed.get());
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, 10000);
        QCOMPARE(rowIds(model), ids.mid(0, 10));
    }

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    FeedModel model;
    test::checkModel(&model);
    model.setPageSize(10);
    model.setService(m_feed.get());
    QVERIFY(model.stale());
    QCOMPARE(rowIds(model), ids.mid(0, 10));
    QCOMPARE(model.data(model.index(0), PostListModel::AuthorHandleRole).toString(), m_other->handle);
    QVERIFY(!model.data(model.index(0), PostListModel::AuthorInitialsRole).toString().isEmpty());
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    model.fetchMore();
    QCOMPARE(rowIds(model), ids);
    // Nothing more in the cache and no server: the end for now.
    QVERIFY(!model.canFetchMore());

    ProfileModel profile;
    test::checkModel(&profile);
    profile.setService(m_feed.get());
    profile.setUserId(m_other->id);
    QVERIFY(profile.loaded());
    QCOMPARE(profile.handle(), m_other->handle);
    QVERIFY(profile.followedByMe());
    QCOMPARE(profile.rowCount(), 25 < profile.pageSize() ? 25 : profile.pageSize());
}

void FeedTest::livePostsAreCounted()
{
    Session &session = *m_fixture->session;
    QVERIFY(follow(m_other->id));
    const QString first = postAs(*m_other, QStringLiteral("first"));
    QVERIFY(waitTask(session.syncEngine()->pull()));
    FeedModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QCOMPARE(rowIds(model), QStringList{first});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // Arrives live (WebSocket → sync): counted, not inserted above what the user reads.
    const QString second = postAs(*m_other, QStringLiteral("second"));
    const QString third = postAs(*m_other, QStringLiteral("third"));
    QTRY_COMPARE_WITH_TIMEOUT(model.newPostsCount(), 2, 10000);
    QCOMPARE(rowIds(model), QStringList{first});
    QCOMPARE(inserted.size(), 0);
    model.showNewPosts();
    QCOMPARE(rowIds(model), (QStringList{third, second, first}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.newPostsCount(), 0);

    // A like by someone else reaches our cache with the next page we load (the like's events go to
    // the liker and the author only), and updates the row in place.
    QSignalSpy changedRows(&model, &QAbstractItemModel::dataChanged);
    auto liked = waitTask(m_other->api->post(QStringLiteral("/v1/posts/%1/like").arg(first), QJsonObject()));
    QVERIFY(liked);
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(2), PostListModel::LikeCountRole).toLongLong(), 1, 10000);
    QVERIFY(changedRows.size() >= 1);
    // Deleted by its author: the row goes.
    QVERIFY(waitTask(m_other->api->del(QStringLiteral("/v1/posts/") + second)));
    QTRY_COMPARE_WITH_TIMEOUT(rowIds(model), (QStringList{third, first}), 10000);
}

// A first sign-in on a new device: its first sync brings the oldest events first, so a feed
// opened meanwhile shows the account's oldest posts. When the server's newest page comes in,
// the list starts again at the newest (nobody read the old ones yet), instead of holding the
// newest behind "new posts" above posts from weeks ago.
void FeedTest::firstSignInStartsAtTheNewest()
{
    QVERIFY(follow(m_other->id));
    QStringList ids;
    for (int i = 0; i < 30; ++i)
        ids.prepend(postAs(*m_other, QStringLiteral("post %1").arg(i)));
    QVERIFY(waitTask(m_fixture->session->syncEngine()->pull()));

    // The new device reaches the server through a proxy that fails every /v1/sync: its own
    // pulls never finish; the first sync's first page is applied by hand.
    DropProxy proxy(m_server->port());
    QVERIFY(proxy.listening());
    proxy.setWatched("GET /v1/sync");
    proxy.setFailing(503);
    SessionFixture device;
    device.session->signIn(proxy.url().toString(), m_handle, kPassword);
    QVERIFY(waitIdle(*device.session));
    if (device.session->state() == Session::State::NeedsPassphrase) {
        device.session->submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(*device.session));
    }
    QCOMPARE(device.session->state(), Session::State::Ready);
    QVERIFY(!device.session->syncEngine()->everSynced());
    auto first = syncPage(*m_fixture->session->api(), 0, 12);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(first->hasMore);
    QVERIFY(waitTask(device.session->syncEngine()->applyPage(*first)));
    QVERIFY(!device.session->syncEngine()->everSynced());

    FeedService feed(device.session.get());
    QVERIFY(feed.start());
    FeedModel model;
    test::checkModel(&model);
    model.setPageSize(10);
    QSignalSpy refreshed(&model, &FeedModel::refreshed);
    model.setService(&feed);
    // What the first page brought: the oldest posts, at once from the cache.
    QVERIFY(model.rowCount() > 0);
    QVERIFY2(ids.mid(15).contains(rowIds(model).constFirst()),
             qPrintable(QStringLiteral("row 0 is post %1 of 30 (%2 rows)").arg(29 - ids.indexOf(rowIds(model).constFirst())).arg(model.rowCount())));
    // The newest page: the list starts there, nothing waits above it.
    QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty() && !rowIds(model).isEmpty() && rowIds(model).constFirst() == ids.constFirst(),
                             10000);
    QCOMPARE(rowIds(model), ids.mid(0, 10));
    QCOMPARE(model.newPostsCount(), 0);
    QVERIFY(model.readingPositionId().isEmpty() || model.readingPositionId() == ids.constFirst());
    QVERIFY(proxy.failed() > 0); // its own pulls were refused all along
}

void FeedTest::optimisticLikeRollsBack()
{
    Session &session = *m_fixture->session;
    QVERIFY(follow(m_other->id));
    const QString id = postAs(*m_other, QStringLiteral("like me"));
    QVERIFY(waitTask(session.syncEngine()->pull()));
    FeedModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QCOMPARE(rowIds(model), QStringList{id});

    // Online: the server's answer confirms.
    QVERIFY(waitTask(m_feed->setLiked(id, true)));
    QCOMPARE(model.data(model.index(0), PostListModel::LikedByMeRole).toBool(), true);
    QCOMPARE(model.data(model.index(0), PostListModel::LikeCountRole).toLongLong(), 1);
    // Idempotent.
    QVERIFY(waitTask(m_feed->setLiked(id, true)));
    QCOMPARE(model.data(model.index(0), PostListModel::LikeCountRole).toLongLong(), 1);

    // Offline: shown at once, then rolled back, with an error for the UI.
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    QSignalSpy failed(m_feed.get(), &FeedService::actionFailed);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    m_feed->unlike(id);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    QVERIFY(changed.size() >= 2); // the optimistic change and its rollback
    QCOMPARE(model.data(model.index(0), PostListModel::LikedByMeRole).toBool(), true);
    QCOMPARE(model.data(model.index(0), PostListModel::LikeCountRole).toLongLong(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    // Repost offline: the same.
    auto reposted = waitTask(m_feed->setReposted(id, true));
    QVERIFY(!reposted);
    QCOMPARE(model.data(model.index(0), PostListModel::RepostedByMeRole).toBool(), false);
    QCOMPARE(model.data(model.index(0), PostListModel::RepostCountRole).toLongLong(), 0);
}

void FeedTest::timelineAndPositionSurviveRestart()
{
    Session &session = *m_fixture->session;
    QVERIFY(follow(m_other->id));
    QStringList ids;
    for (int i = 0; i < 40; ++i)
        ids.prepend(postAs(*m_other, QStringLiteral("n %1").arg(i)));
    QVERIFY(waitTask(session.syncEngine()->pull()));
    {
        FeedModel model;
        test::checkModel(&model);
        model.setPageSize(10);
        model.setService(m_feed.get());
        model.setTimeline(QStringLiteral("following"));
        model.fetchMore();
        model.fetchMore();
        QCOMPARE(model.rowCount(), 30);
        model.setReadingPosition(ids.at(27));
    }
    m_feed.reset();
    QVERIFY(reopenReady(*m_fixture));
    m_feed = std::make_unique<FeedService>(m_fixture->session.get());
    QVERIFY(m_feed->start());
    FeedModel model;
    test::checkModel(&model);
    model.setPageSize(10);
    QSignalSpy restored(&model, &FeedModel::restoredRowChanged);
    model.setService(m_feed.get());
    QCOMPARE(model.timeline(), QStringLiteral("following"));
    QCOMPARE(model.readingPositionId(), ids.at(27));
    QCOMPARE(model.restoredRow(), 27);
    QCOMPARE(model.data(model.index(27), PostListModel::IdRole).toString(), ids.at(27));
}

void FeedTest::threadAndProfile()
{
    Session &session = *m_fixture->session;
    const QString root = postAs(*m_other, QStringLiteral("question?"));
    auto reply = waitTask(m_feed->post(QStringLiteral("my answer"), root));
    QVERIFY(reply);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->pendingCount(), 0, 10000);

    ThreadModel thread;
    test::checkModel(&thread);
    QSignalSpy refreshed(&thread, &ThreadModel::refreshed);
    thread.setService(m_feed.get());
    thread.setPostId(root);
    QVERIFY(refreshed.wait(10000));
    QVERIFY(thread.found());
    QCOMPARE(thread.rowCount(), 2);
    QCOMPARE(thread.data(thread.index(0), PostListModel::IdRole).toString(), root);
    QCOMPARE(thread.data(thread.index(0), PostListModel::ReplyCountRole).toLongLong(), 1);
    QCOMPARE(thread.data(thread.index(1), PostListModel::TextRole).toString(), QStringLiteral("my answer"));
    // A reply written now appears at the end at once.
    auto second = waitTask(m_feed->post(QStringLiteral("and another"), root));
    QVERIFY(second);
    QVERIFY(!rowIds(thread).join(u' ').contains(QStringLiteral("local:")));
    QCOMPARE(thread.rowCount(), 3);
    QCOMPARE(thread.data(thread.index(2), PostListModel::TextRole).toString(), QStringLiteral("and another"));

    // Profile: follow and unfollow, counts from the server.
    ProfileModel profile;
    test::checkModel(&profile);
    profile.setService(m_feed.get());
    profile.setUserId(m_other->id);
    QTRY_VERIFY_WITH_TIMEOUT(profile.loaded(), 10000);
    QCOMPARE(profile.followedByMe(), false);
    QTRY_COMPARE_WITH_TIMEOUT(profile.rowCount(), 1, 10000);
    profile.follow();
    QCOMPARE(profile.followedByMe(), true); // at once
    QCOMPARE(profile.followers(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_feed->busy(), 10000);
    auto seen = waitTask(m_other->api->get(QStringLiteral("/v1/users/") + m_other->id));
    QVERIFY(seen);
    QCOMPARE(seen->body.value(QStringLiteral("followers")).toInt(), 1);
    profile.unfollow();
    QTRY_VERIFY_WITH_TIMEOUT(!m_feed->busy(), 10000);
    QCOMPARE(profile.followedByMe(), false);
    QCOMPARE(profile.followers(), 0);
    Q_UNUSED(session);
}

void FeedTest::discoverRanksAndExplains()
{
    Session &session = *m_fixture->session;
    // A post with engagement outranks a newer one without, within a page.
    const QString popular = postAs(*m_other, QStringLiteral("popular"));
    const QString quiet = postAs(*m_other, QStringLiteral("quiet"));
    for (int i = 0; i < 3; ++i) {
        auto fan = registerUser(m_server->url(), QStringLiteral("fan"), kPassword);
        QVERIFY(fan);
        QVERIFY(waitTask(fan->api->post(QStringLiteral("/v1/posts/%1/like").arg(popular), QJsonObject())));
    }
    FeedModel model;
    test::checkModel(&model);
    model.setTimeline(QStringLiteral("discover"));
    model.setService(m_feed.get());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount() + model.newPostsCount(), 2, 10000);
    if (model.newPostsCount() > 0)
        model.showNewPosts();
    QCOMPARE(rowIds(model), (QStringList{popular, quiet}));
    const QVariantList terms = model.data(model.index(0), PostListModel::RankTermsRole).toList();
    QCOMPARE(terms.at(1).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("engagement"));
    QCOMPARE(terms.at(1).toMap().value(QStringLiteral("input")).toDouble(), 3.0);
    QCOMPARE(terms.at(1).toMap().value(QStringLiteral("value")).toDouble(), 2.0);
    double sum = 0;
    for (const QVariant &t : terms)
        sum += t.toMap().value(QStringLiteral("value")).toDouble();
    QCOMPARE(model.data(model.index(0), PostListModel::ScoreRole).toDouble(), sum);
    Q_UNUSED(session);
}

QTEST_GUILESS_MAIN(FeedTest)
#include "tst_feed.moc"
