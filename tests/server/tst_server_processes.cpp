// SPDX-License-Identifier: MIT
// Two plaza-server processes on one PostgreSQL database (issue 19): a write taken by one
// reaches a WebSocket held by the other (LISTEN/NOTIFY), the same Idempotency-Key sent
// to both at once moves money once (the payer's money lock, the key's primary key), and
// concurrent transfers with keys of their own between the same two wallets, both ways and
// over both processes, all go through (row locks, no serialization failure reaches a client). On
// SQLite (one process per file) the suite skips; its _pg entry runs it. The test clock and
// the login throttle's counts are shared too.
#include "apiprobe.h"
#include "common/testserver.h"
#include "ledgercheck.h"
#include "wsprobe.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace plaza::test;

namespace {

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

qint64 amountOf(const QJsonValue &money)
{
    return money.toObject().value(QStringLiteral("amount")).toInteger(-1);
}

} // namespace

class TestServerProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeOnOneReachesSocketOnTheOther();
    void sameKeyAcrossProcessesMovesMoneyOnce();
    void differentKeysBetweenTwoAccountsAllSucceed();
    void oneTestClock();
    void loginThrottleShared();
    void ledgerAfterAll();

private:
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
};

void TestServerProcesses::initTestCase()
{
    if (!TestStorage::wantPostgres())
        QSKIP("several processes share one PostgreSQL database; SQLite is one process per file");
    m_a = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_a);
    // B on A's database (the later --storage wins over B's own fresh one).
    m_b = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock"), QStringLiteral("--storage"), m_a->storage()});
    PLAZA_VERIFY_START(*m_b);
}

void TestServerProcesses::writeOnOneReachesSocketOnTheOther()
{
    ApiProbe a(m_a->url());
    const TestAccount star = a.registerAccount(QStringLiteral("star"));
    const TestAccount fan = a.registerAccount(QStringLiteral("fan"));
    QVERIFY(!star.id.isEmpty() && !fan.id.isEmpty());

    // The star listens on B (the session made on A is valid there: one database).
    WsProbe ws(m_b->url());
    QVERIFY(ws.open(star.accessToken));
    const QJsonObject hello = ws.next();
    QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    const qint64 seq = hello.value(QStringLiteral("seq")).toInteger();

    // The fan follows the star through A: B's socket hears of it, with the next seq.
    QCOMPARE(a.post(QStringLiteral("/v1/users/%1/follow").arg(star.id), {}, fan.accessToken).status, 204);
    const QJsonObject event = ws.next(10000);
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
    QCOMPARE(event.value(QStringLiteral("seq")).toInteger(), seq + 1);
    QCOMPARE(event.value(QStringLiteral("data")).toObject().value(QStringLiteral("followers")).toInt(), 1);
    // Once: A published it to its own sockets only, B from the notification.
    QVERIFY(ws.silentFor(300));
}

void TestServerProcesses::sameKeyAcrossProcessesMovesMoneyOnce()
{
    ApiProbe a(m_a->url());
    const TestAccount payer = a.registerAccount(QStringLiteral("payer"));
    const TestAccount payee = a.registerAccount(QStringLiteral("payee"));
    const ApiReply funded =
        a.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"),
               QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(10000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}})
                   .toJson(QJsonDocument::Compact),
               payer.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("fund-once")}});
    QCOMPARE(funded.status, 201);

    // 8 copies of one transfer with one key at once, 4 to each process.
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("to"), payee.id}, {QStringLiteral("amount"), eur(1000)}})
                                .toJson(QJsonDocument::Compact);
    QList<ApiRequest> burst;
    QList<QUrl> servers;
    for (int i = 0; i < 8; ++i) {
        burst.append(ApiRequest{QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"), body, payer.accessToken,
                                {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("same-key-across")}}});
        servers.append(i % 2 ? m_b->url() : m_a->url());
    }
    const QList<ApiReply> replies = a.sendConcurrently(burst, servers);
    QSet<QString> ids;
    int replayed = 0;
    for (const ApiReply &r : replies) {
        QCOMPARE(r.status, 201);
        ids.insert(r.json.value(QStringLiteral("id")).toString());
        replayed += r.header(QByteArrayLiteral("Idempotent-Replayed")) == "true";
    }
    QCOMPARE(ids.size(), 1);  // one transaction, answered eight times
    QCOMPARE(replayed, 7);
    ApiProbe b(m_b->url());
    QCOMPARE(amountOf(b.get(QStringLiteral("/v1/wallet"), payer.accessToken).json[QStringLiteral("balance")]), 9000);
    QCOMPARE(amountOf(a.get(QStringLiteral("/v1/wallet"), payee.accessToken).json[QStringLiteral("balance")]), 1000);
    const ApiReply list = b.get(QStringLiteral("/v1/wallet/transactions"), payee.accessToken);
    QCOMPARE(list.json.value(QStringLiteral("items")).toArray().size(), 1);
}

void TestServerProcesses::differentKeysBetweenTwoAccountsAllSucceed()
{
    ApiProbe a(m_a->url());
    const TestAccount left = a.registerAccount(QStringLiteral("left"));
    const TestAccount right = a.registerAccount(QStringLiteral("right"));
    for (const TestAccount &who : {left, right}) {
        const ApiReply funded = a.send(
            QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"),
            QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(10000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}})
                .toJson(QJsonDocument::Compact),
            who.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("fund")}});
        QCOMPARE(funded.status, 201);
    }

    // 24 transfers of 1.00 left → right and 16 of 0.50 right → left, each with its own key,
    // all at once, alternating between the processes: every pair of them shares both rows.
    constexpr int kLeftToRight = 24, kRightToLeft = 16;
    QList<ApiRequest> burst;
    QList<QUrl> servers;
    for (int i = 0; i < kLeftToRight + kRightToLeft; ++i) {
        // Interleaved: of every five, three go left → right and two right → left.
        const bool fromLeft = i % 5 < 3;
        const TestAccount &from = fromLeft ? left : right;
        const TestAccount &to = fromLeft ? right : left;
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("to"), to.id},
                                                          {QStringLiteral("amount"), eur(fromLeft ? 100 : 50)}})
                                    .toJson(QJsonDocument::Compact);
        burst.append(ApiRequest{QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"), body, from.accessToken,
                                {{QByteArrayLiteral("Idempotency-Key"), "pair-" + QByteArray::number(i)}}});
        servers.append(i % 2 ? m_b->url() : m_a->url());
    }
    const QList<ApiReply> replies = a.sendConcurrently(burst, servers);
    QSet<QString> ids;
    for (int i = 0; i < replies.size(); ++i) {
        QVERIFY2(replies.at(i).status == 201,
                 qPrintable(QStringLiteral("transfer %1: %2 %3").arg(i).arg(replies.at(i).status).arg(QString::fromUtf8(
                     QJsonDocument(replies.at(i).json).toJson(QJsonDocument::Compact)))));
        QVERIFY(replies.at(i).header(QByteArrayLiteral("Idempotent-Replayed")).isEmpty());
        ids.insert(replies.at(i).json.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(ids.size(), kLeftToRight + kRightToLeft); // a transaction each

    // The sums are exact, seen from either process.
    ApiProbe b(m_b->url());
    QCOMPARE(amountOf(b.get(QStringLiteral("/v1/wallet"), left.accessToken).json[QStringLiteral("balance")]),
             10000 - kLeftToRight * 100 + kRightToLeft * 50);
    QCOMPARE(amountOf(a.get(QStringLiteral("/v1/wallet"), right.accessToken).json[QStringLiteral("balance")]),
             10000 + kLeftToRight * 100 - kRightToLeft * 50);
    // Each side's history: its top-up and all 40, each once.
    const ApiReply history = b.get(QStringLiteral("/v1/wallet/transactions?limit=100"), left.accessToken);
    QCOMPARE(history.status, 200);
    QCOMPARE(history.json.value(QStringLiteral("items")).toArray().size(), 1 + kLeftToRight + kRightToLeft);
    // Sending again with the same keys replays every one: nothing moves twice.
    const QList<ApiReply> again = a.sendConcurrently(burst, servers);
    for (int i = 0; i < again.size(); ++i) {
        QCOMPARE(again.at(i).status, 201);
        QCOMPARE(again.at(i).header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
        QCOMPARE(again.at(i).json.value(QStringLiteral("id")).toString(), replies.at(i).json.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(amountOf(a.get(QStringLiteral("/v1/wallet"), left.accessToken).json[QStringLiteral("balance")]),
             10000 - kLeftToRight * 100 + kRightToLeft * 50);
    const QString broken = checkLedger(m_a->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerProcesses::oneTestClock()
{
    ApiProbe a(m_a->url());
    ApiProbe b(m_b->url());
    auto nowOf = [](const ApiReply &r) {
        return QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    };
    // Frozen on A: B stands still too, at A's time.
    const ApiReply frozen = a.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}});
    QCOMPARE(frozen.status, 200);
    const qint64 at = nowOf(frozen);
    QVERIFY(at > 0);
    QCOMPARE(nowOf(b.get(QStringLiteral("/v1/test/clock"))), at);
    // Advanced a day on B: A shows it.
    QCOMPARE(b.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 86400}}).status, 200);
    QCOMPARE(nowOf(a.get(QStringLiteral("/v1/test/clock"))), at + 86'400'000);
    // Running again from where it stood, on both.
    QCOMPARE(a.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), false}}).status, 200);
    QVERIFY(nowOf(b.get(QStringLiteral("/v1/test/clock"))) >= at + 86'400'000);
}

namespace {

ApiReply login(ApiProbe &api, const QString &handle, const QString &password, const QString &deviceToken = {})
{
    QJsonObject body{{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}};
    if (!deviceToken.isEmpty())
        body.insert(QStringLiteral("device_token"), deviceToken);
    return api.post(QStringLiteral("/v1/auth/login"), body);
}

QString throttledScope(const ApiReply &r)
{
    if (r.status != 429)
        return QStringLiteral("status %1").arg(r.status);
    const QJsonObject details = r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject();
    return details.value(QStringLiteral("scope")).toString() + u'/'
        + QString::number(details.value(QStringLiteral("retry_after")).toInt());
}

} // namespace

void TestServerProcesses::loginThrottleShared()
{
    ApiProbe a(m_a->url());
    ApiProbe b(m_b->url());
    const QString password = QStringLiteral("correct horse battery");
    // Time stands still, so that each delay holds until the test moves the clock.
    QCOMPARE(a.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}).status, 200);
    // The owner registered through A: their laptop has a device token.
    const ApiReply registered = a.post(QStringLiteral("/v1/auth/register"),
                                       {{QStringLiteral("handle"), QStringLiteral("guarded")},
                                        {QStringLiteral("display_name"), QStringLiteral("Guarded")},
                                        {QStringLiteral("password"), password}});
    QCOMPARE(registered.status, 201);
    const QString device = registered.json.value(QStringLiteral("device_token")).toString();
    QVERIFY(!device.isEmpty());

    // Four wrong passwords, two on each process: the handle's three free failures are used
    // up and the fourth starts a 1 s delay, on both (each process alone saw only two).
    for (int i = 0; i < 4; ++i)
        QCOMPARE(login(i % 2 ? b : a, QStringLiteral("guarded"), QStringLiteral("guess %1").arg(i)).status, 401);
    QCOMPARE(throttledScope(login(b, QStringLiteral("guarded"), password)), QStringLiteral("handle/1"));
    QCOMPARE(throttledScope(login(a, QStringLiteral("guarded"), password)), QStringLiteral("handle/1"));
    // The owner's laptop is not held, on either process.
    QCOMPARE(login(b, QStringLiteral("guarded"), password, device).status, 200);
    QCOMPARE(login(a, QStringLiteral("guarded"), password, device).status, 200);
    // The delay over (moved on B), a failure through A doubles it for B.
    QCOMPARE(b.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 1}}).status, 200);
    QCOMPARE(login(a, QStringLiteral("guarded"), QStringLiteral("guess 4")).status, 401);
    QCOMPARE(throttledScope(login(b, QStringLiteral("guarded"), password)), QStringLiteral("handle/2"));
    // A success on B clears the handle for A: the next typo there is free again.
    QCOMPARE(a.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 2}}).status, 200);
    QCOMPARE(login(b, QStringLiteral("guarded"), password).status, 200);
    QCOMPARE(login(a, QStringLiteral("guarded"), QStringLiteral("typo")).status, 401);
    QCOMPARE(login(a, QStringLiteral("guarded"), password).status, 200);
    QCOMPARE(a.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), false}}).status, 200);
}

void TestServerProcesses::ledgerAfterAll()
{
    if (!m_a)
        QSKIP("no servers");
    const QString broken = checkLedger(m_a->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerProcesses)
#include "tst_server_processes.moc"
