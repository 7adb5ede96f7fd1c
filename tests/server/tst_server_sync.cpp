// SPDX-License-Identifier: MIT
// The per-user event log through GET /v1/sync: paging, limits, the two 410 cases,
// and durability across kill -9.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QTest>

using namespace plaza::test;

class TestServerSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyLog();
    void paging();
    void limits();
    void aheadOfLogIsResync();
    void prunedLogIsResync();
    void survivesKill();

private:
    //! Makes \a count events in \a a's log by following/unfollowing \a b.
    static void makeEvents(ApiProbe &api, const TestAccount &a, const TestAccount &b, int count);
};

void TestServerSync::makeEvents(ApiProbe &api, const TestAccount &a, const TestAccount &b, int count)
{
    const QString path = QStringLiteral("/v1/users/%1/follow").arg(b.id);
    for (int i = 0; i < count; ++i) {
        const ApiReply r = i % 2 == 0 ? api.post(path, {}, a.accessToken) : api.del(path, a.accessToken);
        QCOMPARE(r.status, 204);
    }
}

void TestServerSync::emptyLog()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount a = api.registerAccount(QStringLiteral("empty_log"));
    QVERIFY(!a.id.isEmpty());
    const ApiReply r = api.get(QStringLiteral("/v1/sync?since=0"), a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 0);
    QCOMPARE(r.json.value(QStringLiteral("next_since")).toInt(), 0);
    QCOMPARE(r.json.value(QStringLiteral("has_more")).toBool(), false);
    QCOMPARE(api.get(QStringLiteral("/v1/sync"), a.accessToken).json, r.json); // since defaults to 0
    QCOMPARE(api.get(QStringLiteral("/v1/sync?since=1"), a.accessToken).status, 410);
}

void TestServerSync::paging()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount a = api.registerAccount(QStringLiteral("pager"));
    const TestAccount b = api.registerAccount(QStringLiteral("paged"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
    makeEvents(api, a, b, 5);

    QList<int> seen;
    qint64 since = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        const ApiReply r = api.get(QStringLiteral("/v1/sync?since=%1&limit=2").arg(since), a.accessToken);
        QCOMPARE(r.status, 200);
        const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
        QVERIFY(events.size() <= 2);
        for (const QJsonValue &v : events) {
            seen.append(v.toObject().value(QStringLiteral("seq")).toInt());
            QCOMPARE(v.toObject().value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
        }
        since = r.json.value(QStringLiteral("next_since")).toInteger();
        more = r.json.value(QStringLiteral("has_more")).toBool();
        QVERIFY(pages < 10);
    }
    QCOMPARE(seen, (QList<int>{1, 2, 3, 4, 5}));
    QCOMPARE(since, 5);
    QCOMPARE(pages, 3);

    // Caught up: nothing more, the cursor stays.
    ApiReply r = api.get(QStringLiteral("/v1/sync?since=5"), a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 0);
    QCOMPARE(r.json.value(QStringLiteral("next_since")).toInt(), 5);
    QCOMPARE(r.json.value(QStringLiteral("has_more")).toBool(), false);

    // From the middle.
    r = api.get(QStringLiteral("/v1/sync?since=3"), a.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 2);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().at(0).toObject().value(QStringLiteral("seq")).toInt(), 4);

    // Exactly a full page: has_more is false when nothing is left.
    r = api.get(QStringLiteral("/v1/sync?since=0&limit=5"), a.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 5);
    QCOMPARE(r.json.value(QStringLiteral("has_more")).toBool(), false);

    // Logs are private: b's log has its own seqs from 1.
    r = api.get(QStringLiteral("/v1/sync?since=0"), b.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 5);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().at(0).toObject().value(QStringLiteral("data")).toObject()
                 .value(QStringLiteral("id")).toString(),
             b.id);
}

void TestServerSync::limits()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount a = api.registerAccount(QStringLiteral("limits"));
    QVERIFY(!a.id.isEmpty());
    const QList<QPair<QString, QString>> bad{
        {QStringLiteral("limit=0"), QStringLiteral("limit")},     {QStringLiteral("limit=1001"), QStringLiteral("limit")},
        {QStringLiteral("limit=ten"), QStringLiteral("limit")},   {QStringLiteral("limit=1.5"), QStringLiteral("limit")},
        {QStringLiteral("limit="), QStringLiteral("limit")},      {QStringLiteral("limit=-3"), QStringLiteral("limit")},
        {QStringLiteral("since=-1"), QStringLiteral("since")},    {QStringLiteral("since=abc"), QStringLiteral("since")},
        {QStringLiteral("since=1e3"), QStringLiteral("since")},   {QStringLiteral("since=0x10"), QStringLiteral("since")},
    };
    for (const auto &[query, field] : bad) {
        const ApiReply r = api.get(QStringLiteral("/v1/sync?") + query, a.accessToken);
        QVERIFY2(r.status == 400, qPrintable(query));
        QVERIFY(r.isEnvelope());
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), field);
    }
    QCOMPARE(api.get(QStringLiteral("/v1/sync?limit=1"), a.accessToken).status, 200);
    QCOMPARE(api.get(QStringLiteral("/v1/sync?limit=1000"), a.accessToken).status, 200);
    QCOMPARE(api.get(QStringLiteral("/v1/sync")).status, 401);
}

void TestServerSync::aheadOfLogIsResync()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount a = api.registerAccount(QStringLiteral("ahead"));
    const TestAccount b = api.registerAccount(QStringLiteral("behind"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
    makeEvents(api, a, b, 3);
    QCOMPARE(api.get(QStringLiteral("/v1/sync?since=3"), a.accessToken).status, 200);
    // A cursor the server never handed out: the cache belongs to another server, or data was lost.
    const ApiReply r = api.get(QStringLiteral("/v1/sync?since=4"), a.accessToken);
    QCOMPARE(r.status, 410);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("resync_required"));
}

void TestServerSync::prunedLogIsResync()
{
    TestServer server({QStringLiteral("--keep-events"), QStringLiteral("3")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount a = api.registerAccount(QStringLiteral("pruned"));
    const TestAccount b = api.registerAccount(QStringLiteral("pruner"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
    makeEvents(api, a, b, 6); // seqs 1…6, only 4…6 kept

    for (int since : {1, 2}) {
        const ApiReply r = api.get(QStringLiteral("/v1/sync?since=%1").arg(since), a.accessToken);
        QCOMPARE(r.status, 410);
        QVERIFY(r.isEnvelope());
        QCOMPARE(r.errorCode(), QStringLiteral("resync_required"));
    }
    // Right before the oldest kept event is still a usable cursor.
    ApiReply r = api.get(QStringLiteral("/v1/sync?since=3"), a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 3);
    // since=0 (starting over) is always accepted and starts at the oldest kept event.
    r = api.get(QStringLiteral("/v1/sync?since=0"), a.accessToken);
    QCOMPARE(r.status, 200);
    const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("seq")).toInt(), 4);
    QCOMPARE(r.json.value(QStringLiteral("next_since")).toInt(), 6);
}

void TestServerSync::survivesKill()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    QJsonArray before;
    TestAccount a;
    TestAccount b;
    {
        ApiProbe api(server.url());
        a = api.registerAccount(QStringLiteral("durable"));
        b = api.registerAccount(QStringLiteral("durable_too"));
        QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
        makeEvents(api, a, b, 3);
        before = api.get(QStringLiteral("/v1/sync?since=0"), a.accessToken).json.value(QStringLiteral("events")).toArray();
        QCOMPARE(before.size(), 3);
    }
    server.kill(); // SIGKILL: no shutdown code runs
    QVERIFY2(server.restart(), qPrintable(server.lastError()));

    ApiProbe api(server.url());
    // Accounts, sessions and the log are all still there.
    QCOMPARE(api.get(QStringLiteral("/v1/me"), a.accessToken).json.value(QStringLiteral("handle")).toString(), a.handle);
    QCOMPARE(api.get(QStringLiteral("/v1/sync?since=0"), a.accessToken).json.value(QStringLiteral("events")).toArray(), before);
    QCOMPARE(api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), b.handle},
                                                         {QStringLiteral("password"), QStringLiteral("correct horse battery")}})
                 .status,
             200);
    QCOMPARE(api.get(QStringLiteral("/v1/users/") + b.id, a.accessToken).json.value(QStringLiteral("followers")).toInt(), 1);

    // seq continues without a gap.
    QCOMPARE(api.del(QStringLiteral("/v1/users/%1/follow").arg(b.id), a.accessToken).status, 204);
    const ApiReply r = api.get(QStringLiteral("/v1/sync?since=3"), a.accessToken);
    const QJsonArray after = r.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.at(0).toObject().value(QStringLiteral("seq")).toInt(), 4);
    if (!server.postgres()) // on PostgreSQL the data is in the database, not the folder
        QVERIFY(QFile::exists(server.dataDir() + QStringLiteral("/plaza-server.db")));
}

QTEST_GUILESS_MAIN(TestServerSync)
#include "tst_server_sync.moc"
