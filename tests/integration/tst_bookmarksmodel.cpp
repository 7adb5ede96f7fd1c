// SPDX-License-Identifier: MIT
// The Bookmarks page's model (issue 17) against the real plaza-server and a real SQLCipher
// cache: the user's bookmarks newest bookmark first, paged from the cache; a bookmark made on
// another device comes in on top live (sync), one removed here or there leaves, a deleted post
// leaves; an edit shows once the page is opened again; with the server down the list is served from the cache.

#include "common/modeltester.h"
#include "common/testserver.h"
#include "feed/bookmarksmodel.h"
#include "feed/feedservice.h"
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
const QString kPassphrase = QStringLiteral("bookmarks cache passphrase");

QString postAs(RemoteUser &user, const QString &text)
{
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), text}};
    auto reply = waitTask(user.api->post(QStringLiteral("/v1/posts"), body));
    return reply ? reply->body.value(QStringLiteral("id")).toString() : QString();
}

QStringList rowIds(const PostListModel &model)
{
    QStringList ids;
    for (int i = 0; i < model.rowCount(); ++i)
        ids.append(model.data(model.index(i), PostListModel::IdRole).toString());
    return ids;
}

} // namespace

class BookmarksModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newestBookmarkFirstAndPaged();
    void followsBookmarksLive();
    void servedFromCacheOffline(); // last: stops the server
    void cleanupTestCase();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<FeedService> m_feed;
    std::optional<RemoteUser> m_other;
    QStringList m_posts; //!< the other's posts, oldest first
};

void BookmarksModelTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_other = registerUser(m_server->url(), QStringLiteral("author"), kPassword);
    QVERIFY(m_other);
    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(createAccount(*m_fixture->session, m_server->url(), uniqueHandle(QStringLiteral("reader")),
                          QStringLiteral("Rea Der"), kPassword, kPassphrase));
    m_feed = std::make_unique<FeedService>(m_fixture->session.get());
    QVERIFY(m_feed->start());
    for (int i = 0; i < 4; ++i) {
        m_posts.append(postAs(*m_other, QStringLiteral("post %1").arg(i)));
        QVERIFY(!m_posts.constLast().isEmpty());
    }
}

void BookmarksModelTest::newestBookmarkFirstAndPaged()
{
    // Bookmarked in an order that is not the posts' own: the newest bookmark first.
    for (const int i : {2, 0, 3}) {
        const Status st = waitTask(m_feed->setBookmarked(m_posts.at(i), true));
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
    }
    BookmarksModel model;
    test::checkModel(&model);
    model.setPageSize(2);
    model.setService(m_feed.get());
    QCOMPARE(rowIds(model), (QStringList{m_posts.at(3), m_posts.at(0)}));
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    QCOMPARE(rowIds(model), (QStringList{m_posts.at(3), m_posts.at(0), m_posts.at(2)}));
    QVERIFY(model.data(model.index(0), PostListModel::BookmarkedByMeRole).toBool());
    QCOMPARE(model.data(model.index(0), PostListModel::TextRole).toString(), QStringLiteral("post 3"));
    // The server's page was asked for when it opened: nothing more there.
    QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 10000);
    QVERIFY(model.error().isEmpty());
}

void BookmarksModelTest::followsBookmarksLive()
{
    Session &session = *m_fixture->session;
    BookmarksModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QCOMPARE(rowIds(model), (QStringList{m_posts.at(3), m_posts.at(0), m_posts.at(2)}));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    // Another device of the same account bookmarks post 1 (through the API): on top, live.
    auto put = waitTask(session.api()->putBytes(QStringLiteral("/v1/posts/%1/bookmark").arg(m_posts.at(1)), QUrlQuery(), QByteArray()));
    QVERIFY(put);
    QTRY_COMPARE_WITH_TIMEOUT(rowIds(model), (QStringList{m_posts.at(1), m_posts.at(3), m_posts.at(0), m_posts.at(2)}), 15000);

    // Removed here: it leaves, without a reset.
    QVERIFY(waitTask(m_feed->setBookmarked(m_posts.at(0), false)));
    QTRY_COMPARE_WITH_TIMEOUT(rowIds(model), (QStringList{m_posts.at(1), m_posts.at(3), m_posts.at(2)}), 10000);
    QVERIFY(removed.size() >= 1);

    // Removed on the other device: it leaves too.
    QVERIFY(waitTask(session.api()->del(QStringLiteral("/v1/posts/%1/bookmark").arg(m_posts.at(3)))));
    QTRY_COMPARE_WITH_TIMEOUT(rowIds(model), (QStringList{m_posts.at(1), m_posts.at(2)}), 15000);

    // Edited by its author (not followed: the edit is not in this account's log): opening the
    // page again (refresh) brings the new text from the server's page.
    QVERIFY(waitTask(m_other->api->patch(QStringLiteral("/v1/posts/%1").arg(m_posts.at(2)),
                                         QJsonObject{{QStringLiteral("text"), QStringLiteral("post 2, edited")}})));
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(1), PostListModel::TextRole).toString(), QStringLiteral("post 2, edited"), 10000);
    QCOMPARE(rowIds(model), (QStringList{m_posts.at(1), m_posts.at(2)}));

    // Deleted by its author: the server takes the bookmark away, and it leaves.
    QVERIFY(waitTask(m_other->api->del(QStringLiteral("/v1/posts/%1").arg(m_posts.at(1)))));
    QTRY_COMPARE_WITH_TIMEOUT(rowIds(model), QStringList{m_posts.at(2)}, 15000);
}

void BookmarksModelTest::servedFromCacheOffline()
{
    Session &session = *m_fixture->session;
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 10000);
    BookmarksModel model;
    test::checkModel(&model);
    model.setService(m_feed.get());
    QVERIFY(model.stale());
    QCOMPARE(rowIds(model), QStringList{m_posts.at(2)});
    QVERIFY(!model.loading());
    QVERIFY(model.error().isEmpty());
}

void BookmarksModelTest::cleanupTestCase()
{
    m_feed.reset();
    m_fixture.reset();
    m_other.reset();
    m_server.reset();
}

QTEST_MAIN(BookmarksModelTest)
#include "tst_bookmarksmodel.moc"
