// SPDX-License-Identifier: MIT
// Savings against the real plaza-server with its test clock: deposits and withdrawals
// (validation, idempotency, goals as vaults, never below zero), goals CRUD and who may
// touch them, and thirteen months of daily accrual and monthly payouts — compared day by
// day with core/money/interest.h, through an APY change mid-month — then the ledger's
// invariants in the database file after a clean stop.

#include "apiprobe.h"
#include "common/testserver.h"
#include "ledgercheck.h"
#include "money/interest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::test;

namespace {

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

qint64 amountOf(const QJsonValue &money)
{
    return money.toObject().value(QStringLiteral("amount")).toInteger(-1);
}

} // namespace

class TestServerSavings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptySavings();
    void depositValidation_data();
    void depositValidation();
    void idempotentDeposit();
    void goalsAsVaults();
    void goalValidation_data();
    void goalValidation();
    void nobodyElsesGoals();
    void thirteenMonthsOfInterest();
    void apyFromTheCommandLine();
    void withdrawalRefusals();
    void oneJumpOrManySameHistory();
    void keysAcrossEndpointsAndConcurrency();
    void everyEndpointNeedsATokenAndGoalsAreCapped();
    void ledgerAfterEverything();

private:
    ApiReply move(const QString &kind, const QJsonObject &body, const TestAccount &who, const QString &key = newKey());
    TestAccount funded(const QString &prefix, int topUps);
    QJsonObject summary(const TestAccount &who);
    QDate today();
    void advanceDays(int days);
    //! Moves the server's clock just past the next 00:00 UTC when that is less than ten
    //! minutes away, so a test that replays days is not crossed by a real midnight.
    void awayFromMidnight();
    //! A fresh access token after the clock jumped past the old one's lifetime.
    void signInAgain(TestAccount &who);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
};

void TestServerSavings::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

ApiReply TestServerSavings::move(const QString &kind, const QJsonObject &body, const TestAccount &who, const QString &key)
{
    return m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/") + kind,
                       QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}});
}

TestAccount TestServerSavings::funded(const QString &prefix, int topUps)
{
    TestAccount a = m_api->registerAccount(QStringLiteral("%1_%2").arg(prefix).arg(++m_accounts));
    for (int i = 0; i < topUps; ++i) {
        const ApiReply r = m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"),
                                       QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(25000)},
                                                                 {QStringLiteral("card_token"), QStringLiteral("tok_visa")}})
                                           .toJson(),
                                       a.accessToken, {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
        if (r.status != 201)
            qWarning() << "top-up failed" << r.body;
    }
    return a;
}

QJsonObject TestServerSavings::summary(const TestAccount &who)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/savings"), who.accessToken);
    return r.status == 200 ? r.json : QJsonObject();
}

QDate TestServerSavings::today()
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/test/clock"));
    return QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toUTC().date();
}

void TestServerSavings::advanceDays(int days)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), qint64(days) * 86400}});
    QCOMPARE(r.status, 200);
}

void TestServerSavings::awayFromMidnight()
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/test/clock"));
    const QDateTime now = QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toUTC();
    QVERIFY(now.isValid());
    const qint64 toMidnight = now.secsTo(QDateTime(now.date().addDays(1), QTime(0, 0), Qt::UTC));
    if (toMidnight < 600) {
        const ApiReply moved = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), toMidnight + 5}});
        QCOMPARE(moved.status, 200);
    }
}

void TestServerSavings::signInAgain(TestAccount &who)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"),
                                   {{QStringLiteral("handle"), who.handle},
                                    {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
    QCOMPARE(r.status, 200);
    who.accessToken = r.json.value(QStringLiteral("access_token")).toString();
}

void TestServerSavings::emptySavings()
{
    const TestAccount a = funded(QStringLiteral("sempty"), 0);
    const QJsonObject s = summary(a);
    QCOMPARE(s.value(QStringLiteral("balance")).toObject(), eur(0));
    QCOMPARE(s.value(QStringLiteral("apy_bps")).toInt(), 450);
    QCOMPARE(s.value(QStringLiteral("interest_this_month")).toObject(), eur(0));
    QCOMPARE(s.value(QStringLiteral("interest_total")).toObject(), eur(0));
    QVERIFY(s.value(QStringLiteral("goals")).toArray().isEmpty());
    QVERIFY(s.value(QStringLiteral("as_of")).toString().endsWith(u'Z'));
    QCOMPARE(m_api->get(QStringLiteral("/v1/savings")).status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/savings/interest")).status, 401);
    const ApiReply history = m_api->get(QStringLiteral("/v1/savings/interest"), a.accessToken);
    QCOMPARE(history.status, 200);
    QVERIFY(history.json.value(QStringLiteral("items")).toArray().isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/savings/interest?limit=0"), a.accessToken).errorField(), QStringLiteral("limit"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/savings/interest?before=yesterday"), a.accessToken).errorField(),
             QStringLiteral("before"));
}

void TestServerSavings::depositValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("negative") << QByteArray(R"({"amount":{"amount":-100,"currency":"EUR"}})") << 400 << "invalid_amount";
    QTest::newRow("zero") << QByteArray(R"({"amount":{"amount":0,"currency":"EUR"}})") << 400 << "invalid_amount";
    QTest::newRow("fractional") << QByteArray(R"({"amount":{"amount":12.5,"currency":"EUR"}})") << 400 << "invalid_amount";
    QTest::newRow("string") << QByteArray(R"({"amount":{"amount":"100","currency":"EUR"}})") << 400 << "invalid_amount";
    QTest::newRow("missing") << QByteArray(R"({})") << 400 << "invalid_amount";
    QTest::newRow("other currency") << QByteArray(R"({"amount":{"amount":100,"currency":"USD"}})") << 422
                                    << "currency_mismatch";
    QTest::newRow("more than the wallet") << QByteArray(R"({"amount":{"amount":999999,"currency":"EUR"}})") << 422
                                          << "insufficient_funds";
    QTest::newRow("unknown goal") << QByteArray(R"({"amount":{"amount":100,"currency":"EUR"},"goal_id":"g_999999"})")
                                  << 404 << "not_found";
    QTest::newRow("goal id of another kind") << QByteArray(R"({"amount":{"amount":100,"currency":"EUR"},"goal_id":42})")
                                             << 400 << "validation_failed";
    QTest::newRow("malformed JSON") << QByteArray(R"({"amount":)") << 400 << "invalid_json";
}

void TestServerSavings::depositValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const TestAccount a = funded(QStringLiteral("sval"), 1);
    const ApiReply r = m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/deposits"), body, a.accessToken,
                                   {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QVERIFY(r.isEnvelope());
    // Nothing moved.
    QCOMPARE(summary(a).value(QStringLiteral("balance")).toObject(), eur(0));
    // Without a key nothing runs either.
    const ApiReply noKey = m_api->post(QStringLiteral("/v1/savings/deposits"), {{QStringLiteral("amount"), eur(100)}},
                                       a.accessToken);
    QCOMPARE(noKey.status, 400);
    QCOMPARE(noKey.errorField(), QStringLiteral("Idempotency-Key"));
}

void TestServerSavings::idempotentDeposit()
{
    const TestAccount a = funded(QStringLiteral("sidem"), 1);
    const QString key = newKey();
    const ApiReply first = move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(5000)}}, a, key);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json.value(QStringLiteral("kind")).toString(), QStringLiteral("savings_deposit"));
    QCOMPARE(first.json.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    QVERIFY(first.json.value(QStringLiteral("counterparty")).isNull());
    QCOMPARE(amountOf(first.json.value(QStringLiteral("balance_after"))), 20000); // the wallet's side
    const ApiReply replay = move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(5000)}}, a, key);
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(replay.json, first.json);
    const ApiReply reused = move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(6000)}}, a, key);
    QCOMPARE(reused.status, 409);
    QCOMPARE(reused.errorCode(), QStringLiteral("idempotency_key_reused"));
    QCOMPARE(summary(a).value(QStringLiteral("balance")).toObject(), eur(5000));

    // Withdrawing: the wallet's side is "in"; never below zero.
    const ApiReply back = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(2000)}}, a);
    QCOMPARE(back.status, 201);
    QCOMPARE(back.json.value(QStringLiteral("kind")).toString(), QStringLiteral("savings_withdrawal"));
    QCOMPARE(back.json.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    const ApiReply tooMuch = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(3001)}}, a);
    QCOMPARE(tooMuch.status, 422);
    QCOMPARE(tooMuch.errorCode(), QStringLiteral("insufficient_funds"));
    QCOMPARE(summary(a).value(QStringLiteral("balance")).toObject(), eur(3000));
}

void TestServerSavings::goalsAsVaults()
{
    const TestAccount a = funded(QStringLiteral("sgoal"), 1);
    const QString deadline = today().addMonths(6).toString(Qt::ISODate);
    const ApiReply created = m_api->post(QStringLiteral("/v1/savings/goals"),
                                         {{QStringLiteral("name"), QStringLiteral("  Lisbon trip ")},
                                          {QStringLiteral("target"), eur(100000)},
                                          {QStringLiteral("deadline"), deadline}},
                                         a.accessToken);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json.value(QStringLiteral("name")).toString(), QStringLiteral("Lisbon trip"));
    QCOMPARE(created.json.value(QStringLiteral("deadline")).toString(), deadline);
    QCOMPARE(created.json.value(QStringLiteral("saved")).toObject(), eur(0));
    const QString goal = created.json.value(QStringLiteral("id")).toString();

    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(8000)}, {QStringLiteral("goal_id"), goal}}, a).status, 201);
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(1000)}}, a).status, 201);
    QJsonObject s = summary(a);
    QCOMPARE(s.value(QStringLiteral("balance")).toObject(), eur(9000));
    QCOMPARE(s.value(QStringLiteral("unassigned")).toObject(), eur(1000));
    QCOMPARE(s.value(QStringLiteral("goals")).toArray().at(0).toObject().value(QStringLiteral("saved")).toObject(), eur(8000));

    // The unassigned part cannot pay for more than it holds; the goal can.
    ApiReply r = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(1500)}}, a);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
    r = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(8001)}, {QStringLiteral("goal_id"), goal}}, a);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
    r = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(1500)}, {QStringLiteral("goal_id"), goal}}, a);
    QCOMPARE(r.status, 201);

    // Rename, retarget, clear the deadline.
    r = m_api->send(QByteArrayLiteral("PATCH"), QStringLiteral("/v1/savings/goals/") + goal,
                    R"({"name":"Porto trip","target":{"amount":90000,"currency":"EUR"},"deadline":null})", a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("name")).toString(), QStringLiteral("Porto trip"));
    QCOMPARE(r.json.value(QStringLiteral("target")).toObject(), eur(90000));
    QVERIFY(r.json.value(QStringLiteral("deadline")).isNull());
    QCOMPARE(r.json.value(QStringLiteral("saved")).toObject(), eur(6500));

    // Deleting a goal returns its money to the unassigned balance; nothing leaves savings.
    QCOMPARE(m_api->del(QStringLiteral("/v1/savings/goals/") + goal, a.accessToken).status, 204);
    s = summary(a);
    QCOMPARE(s.value(QStringLiteral("balance")).toObject(), eur(7500));
    QCOMPARE(s.value(QStringLiteral("unassigned")).toObject(), eur(7500));
    QVERIFY(s.value(QStringLiteral("goals")).toArray().isEmpty());
    QCOMPARE(m_api->del(QStringLiteral("/v1/savings/goals/") + goal, a.accessToken).status, 404);

    // Every change reached the owner's event log.
    const ApiReply log = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), a.accessToken);
    int updates = 0;
    for (const QJsonValue &e : log.json.value(QStringLiteral("events")).toArray())
        updates += e[QStringLiteral("type")].toString() == u"savings.updated";
    QVERIFY2(updates >= 6, qPrintable(QString::number(updates)));

    // At most twenty goals.
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(m_api->post(QStringLiteral("/v1/savings/goals"),
                             {{QStringLiteral("name"), QStringLiteral("Goal %1").arg(i)}, {QStringLiteral("target"), eur(100)}},
                             a.accessToken).status, 201);
    }
    r = m_api->post(QStringLiteral("/v1/savings/goals"),
                    {{QStringLiteral("name"), QStringLiteral("One too many")}, {QStringLiteral("target"), eur(100)}}, a.accessToken);
    QCOMPARE(r.status, 409);
}

void TestServerSavings::goalValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("no name") << QByteArray(R"({"target":{"amount":100,"currency":"EUR"}})") << "name";
    QTest::newRow("blank name") << QByteArray(R"({"name":"   ","target":{"amount":100,"currency":"EUR"}})") << "name";
    QTest::newRow("long name") << QByteArray(R"({"name":"12345678901234567890123456789012345678901","target":{"amount":100,"currency":"EUR"}})") << "name";
    QTest::newRow("name not a string") << QByteArray(R"({"name":7,"target":{"amount":100,"currency":"EUR"}})") << "name";
    QTest::newRow("no target") << QByteArray(R"({"name":"Bike"})") << "target";
    QTest::newRow("negative target") << QByteArray(R"({"name":"Bike","target":{"amount":-5,"currency":"EUR"}})") << "target";
    QTest::newRow("fractional target") << QByteArray(R"({"name":"Bike","target":{"amount":5.5,"currency":"EUR"}})") << "target";
    QTest::newRow("past deadline") << QByteArray(R"({"name":"Bike","target":{"amount":100,"currency":"EUR"},"deadline":"2001-01-01"})") << "deadline";
    QTest::newRow("malformed deadline") << QByteArray(R"({"name":"Bike","target":{"amount":100,"currency":"EUR"},"deadline":"soon"})") << "deadline";
}

void TestServerSavings::goalValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const TestAccount a = funded(QStringLiteral("sgval"), 0);
    const ApiReply r = m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/goals"), body, a.accessToken);
    QVERIFY2(r.status == 400 || r.status == 422, r.body.constData());
    QCOMPARE(r.errorField(), field);
    QVERIFY(summary(a).value(QStringLiteral("goals")).toArray().isEmpty());
}

void TestServerSavings::nobodyElsesGoals()
{
    const TestAccount owner = funded(QStringLiteral("sown"), 1);
    const TestAccount other = funded(QStringLiteral("soth"), 1);
    const ApiReply created = m_api->post(QStringLiteral("/v1/savings/goals"),
                                         {{QStringLiteral("name"), QStringLiteral("Mine")}, {QStringLiteral("target"), eur(1000)}},
                                         owner.accessToken);
    const QString goal = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(500)}, {QStringLiteral("goal_id"), goal}}, owner).status, 201);
    // Someone else can neither put money in, take it out, rename nor delete it.
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("goal_id"), goal}}, other).status, 404);
    QCOMPARE(move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("goal_id"), goal}}, other).status, 404);
    QCOMPARE(m_api->send(QByteArrayLiteral("PATCH"), QStringLiteral("/v1/savings/goals/") + goal, R"({"name":"Theirs"})",
                         other.accessToken).status, 404);
    QCOMPARE(m_api->del(QStringLiteral("/v1/savings/goals/") + goal, other.accessToken).status, 404);
    QCOMPARE(summary(owner).value(QStringLiteral("goals")).toArray().at(0).toObject().value(QStringLiteral("saved")).toObject(),
             eur(500));
}

void TestServerSavings::thirteenMonthsOfInterest()
{
    awayFromMidnight();
    TestAccount a = funded(QStringLiteral("sint"), 4);
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(100000)}}, a).status, 201);
    const QDate start = today();

    // The expected history, from the same rules: day `start` accrues at 00:00 the next day.
    qint64 balance = 100000, accumulator = 0, total = 0;
    int payouts = 0;
    QMap<QDate, int> apyChanges{{start, 450}};
    auto apyOn = [&apyChanges](const QDate &d) { return (--apyChanges.upperBound(d)).value(); };

    QDate now = start;
    int advanced = 0;
    const QList<int> steps{1, 3, 27, 31, 10, 45, 60, 2, 29, 90, 30, 38, 29}; // 395 days, uneven jumps
    for (int i = 0; i < steps.size(); ++i) {
        if (i == 6) {
            // An APY change announced mid-month, effective ten days later.
            const QDate effective = now.addDays(10);
            const ApiReply r = m_api->post(QStringLiteral("/v1/test/savings/rate"),
                                           {{QStringLiteral("apy_bps"), 500},
                                            {QStringLiteral("effective_date"), effective.toString(Qt::ISODate)}});
            QCOMPARE(r.status, 204);
            apyChanges.insert(effective, 500);
            const QJsonObject change = summary(a).value(QStringLiteral("rate_change")).toObject();
            QCOMPARE(change.value(QStringLiteral("apy_bps")).toInt(), 500);
            QCOMPARE(change.value(QStringLiteral("previous_apy_bps")).toInt(), 450);
            QCOMPARE(change.value(QStringLiteral("effective_date")).toString(), effective.toString(Qt::ISODate));
        }
        advanceDays(steps.at(i));
        signInAgain(a);
        for (int d = 0; d < steps.at(i); ++d) {
            const auto micros = interest::dailyAccrualMicros(balance, apyOn(now));
            QVERIFY(micros);
            accumulator += *micros;
            if (now.addDays(1).day() == 1) {
                const interest::Payout p = interest::monthlyPayout(accumulator);
                balance += p.paidMinor;
                total += p.paidMinor;
                accumulator = p.carriedMicros;
                ++payouts;
            }
            now = now.addDays(1);
        }
        advanced += steps.at(i);
        // After every jump the server agrees to the micro.
        const QJsonObject s = summary(a);
        QCOMPARE(amountOf(s.value(QStringLiteral("balance"))), balance);
        QCOMPARE(amountOf(s.value(QStringLiteral("interest_total"))), total);
        QCOMPARE(s.value(QStringLiteral("accumulated_micros")).toInteger(), accumulator);
    }
    QCOMPARE(today(), start.addDays(advanced));
    // One payout per 1st in (start, today]: 12 or 13 in 395 days, depending on the day the
    // suite runs (it also runs at fixed instants, scripts/test-calendar).
    const QDate end = today();
    const int monthEnds = (end.year() - start.year()) * 12 + (end.month() - start.month());
    QVERIFY(monthEnds == 12 || monthEnds == 13);
    QCOMPARE(payouts, monthEnds);
    QCOMPARE(summary(a).value(QStringLiteral("apy_bps")).toInt(), 500);

    // The history: one row per day, newest first, paid only on each month's last day.
    QList<QJsonObject> rows;
    QString before;
    for (int page = 0; page < 10; ++page) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/savings/interest?limit=100") +
                                          (before.isEmpty() ? QString() : QStringLiteral("&before=") + before),
                                      a.accessToken);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &item : r.json.value(QStringLiteral("items")).toArray())
            rows.append(item.toObject());
        if (r.json.value(QStringLiteral("next_before")).isNull())
            break;
        before = r.json.value(QStringLiteral("next_before")).toString();
    }
    QCOMPARE(rows.size(), advanced);
    QCOMPARE(rows.constLast().value(QStringLiteral("date")).toString(), start.toString(Qt::ISODate));
    int paidRows = 0;
    for (const QJsonObject &row : std::as_const(rows)) {
        const QDate date = QDate::fromString(row.value(QStringLiteral("date")).toString(), Qt::ISODate);
        QCOMPARE(row.value(QStringLiteral("apy_bps")).toInt(), apyOn(date));
        if (!row.value(QStringLiteral("paid")).isNull()) {
            ++paidRows;
            QCOMPARE(date.addDays(1).day(), 1);
        }
    }
    QCOMPARE(paidRows, monthEnds);

    // Every user was told of the new rate.
    const ApiReply log = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), a.accessToken);
    bool announced = false;
    for (const QJsonValue &e : log.json.value(QStringLiteral("events")).toArray())
        announced = announced || e[QStringLiteral("type")].toString() == u"savings.rate_changed";
    QVERIFY(announced);
}

void TestServerSavings::apyFromTheCommandLine()
{
    // A bad value is refused at start (exit code 1, the option named).
    QProcess bad;
    bad.start(TestServer::executable(), {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--apy-bps"),
                                         QStringLiteral("4.5")});
    QVERIFY(bad.waitForFinished(20000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(bad.readAllStandardError().contains("apy-bps"));

    // A new database at 3.00 %: today's rate, the change from the initial 4.50 % shown.
    auto first = std::make_unique<TestServer>(QStringList{QStringLiteral("--apy-bps"), QStringLiteral("300")});
    PLAZA_VERIFY_START(*first);
    ApiProbe api(first->url());
    const TestAccount saver = api.registerAccount(QStringLiteral("apysaver"));
    ApiReply s = api.get(QStringLiteral("/v1/savings"), saver.accessToken);
    QCOMPARE(s.json.value(QStringLiteral("apy_bps")).toInt(), 300);
    const QJsonObject change = s.json.value(QStringLiteral("rate_change")).toObject();
    QCOMPARE(change.value(QStringLiteral("apy_bps")).toInt(), 300);
    QCOMPARE(change.value(QStringLiteral("previous_apy_bps")).toInt(), 450);
    QCOMPARE(change.value(QStringLiteral("effective_date")).toString(),
             QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
    QVERIFY(first->stop());

    // Restarted on the same database with 5.00 %: a change, announced to every user.
    auto countAnnouncements = [](ApiProbe &probe, const QString &token, int bps) {
        int n = 0;
        const ApiReply sync = probe.get(QStringLiteral("/v1/sync?since=0&limit=1000"), token);
        for (const QJsonValue &e : sync.json.value(QStringLiteral("events")).toArray()) {
            n += e[QStringLiteral("type")].toString() == u"savings.rate_changed"
                && e[QStringLiteral("data")][QStringLiteral("apy_bps")].toInt() == bps;
        }
        return n;
    };
    const QStringList again{QStringLiteral("--data"), first->dataDir(), QStringLiteral("--storage"), first->storage(),
                            QStringLiteral("--apy-bps"), QStringLiteral("500")};
    auto second = std::make_unique<TestServer>(again);
    PLAZA_VERIFY_START(*second);
    ApiProbe api2(second->url());
    s = api2.get(QStringLiteral("/v1/savings"), saver.accessToken);
    QCOMPARE(s.status, 200);
    QCOMPARE(s.json.value(QStringLiteral("apy_bps")).toInt(), 500);
    QCOMPARE(countAnnouncements(api2, saver.accessToken, 500), 1);
    QVERIFY(second->stop());
    // The same rate again changes nothing.
    auto third = std::make_unique<TestServer>(again);
    PLAZA_VERIFY_START(*third);
    ApiProbe api3(third->url());
    QCOMPARE(api3.get(QStringLiteral("/v1/savings"), saver.accessToken).json.value(QStringLiteral("apy_bps")).toInt(), 500);
    QCOMPARE(countAnnouncements(api3, saver.accessToken, 500), 1);
    QVERIFY(third->stop());
}

void TestServerSavings::withdrawalRefusals()
{
    const TestAccount a = funded(QStringLiteral("swref"), 1);
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(5000)}}, a).status, 201);
    auto raw = [&](const QString &kind, const QByteArray &body) {
        return m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/") + kind, body, a.accessToken,
                           {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
    };
    // Every malformed amount, on both endpoints: 400 invalid_amount in the envelope, nothing moves.
    const QList<QByteArray> amounts{R"({"amount":-5,"currency":"EUR"})", R"({"amount":0,"currency":"EUR"})",
                                    R"({"amount":12.5,"currency":"EUR"})", R"({"amount":true,"currency":"EUR"})",
                                    R"({"amount":"100","currency":"EUR"})", R"({"amount":1e30,"currency":"EUR"})",
                                    R"({"amount":100000000001,"currency":"EUR"})", R"({"amount":100})", "100", "null"};
    for (const QString &kind : {QStringLiteral("withdrawals"), QStringLiteral("deposits")}) {
        for (const QByteArray &amount : amounts) {
            const ApiReply r = raw(kind, "{\"amount\":" + amount + "}");
            QVERIFY2(r.status == 400, amount.constData());
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_amount"));
            QVERIFY(r.isEnvelope());
            QVERIFY(!r.errorMessage().isEmpty());
        }
        const ApiReply json = raw(kind, "{\"amount\":");
        QCOMPARE(json.status, 400);
        QCOMPARE(json.errorCode(), QStringLiteral("invalid_json"));
        // goal_id of the wrong type, or someone's unknown goal.
        ApiReply r = raw(kind, R"({"amount":{"amount":100,"currency":"EUR"},"goal_id":7})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), QStringLiteral("goal_id"));
        r = raw(kind, R"({"amount":{"amount":100,"currency":"EUR"},"goal_id":"g_999999"})");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
    // Over the unassigned part and over a goal: 422 with what is available.
    const ApiReply goal = m_api->post(QStringLiteral("/v1/savings/goals"),
                                      {{QStringLiteral("name"), QStringLiteral("Vault")}, {QStringLiteral("target"), eur(9000)}},
                                      a.accessToken);
    QCOMPARE(goal.status, 201);
    const QString goalId = goal.json.value(QStringLiteral("id")).toString();
    QCOMPARE(move(QStringLiteral("deposits"), {{QStringLiteral("amount"), eur(1000)}, {QStringLiteral("goal_id"), goalId}}, a).status,
             201);
    ApiReply r = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(5001)}}, a);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
    QCOMPARE(r.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("available")].toInteger(), 5000);
    r = move(QStringLiteral("withdrawals"), {{QStringLiteral("amount"), eur(1001)}, {QStringLiteral("goal_id"), goalId}}, a);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("available")].toInteger(), 1000);
    const QJsonObject s = summary(a);
    QCOMPARE(amountOf(s.value(QStringLiteral("balance"))), 6000);
    QCOMPARE(amountOf(s.value(QStringLiteral("unassigned"))), 5000);
}

void TestServerSavings::oneJumpOrManySameHistory()
{
    // Two servers, one saver each doing the same; one clock moves a day (or hours) at a
    // time for 100 days, the other in one jump. The interest rows and ledger come out equal.
    struct Side {
        std::unique_ptr<TestServer> server;
        std::unique_ptr<ApiProbe> api;
        TestAccount saver;
    };
    Side sides[2];
    for (Side &side : sides) {
        side.server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
        PLAZA_VERIFY_START(*side.server);
        side.api = std::make_unique<ApiProbe>(side.server->url());
        side.saver = side.api->registerAccount(QStringLiteral("jumper"));
        const QJsonObject topUp{{QStringLiteral("amount"), eur(25000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}};
        for (const auto &[path, body] : {std::pair{QStringLiteral("/v1/wallet/top-ups"), topUp},
                                         std::pair{QStringLiteral("/v1/savings/deposits"), QJsonObject{{QStringLiteral("amount"), eur(24000)}}}}) {
            const ApiReply r = side.api->send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                              side.saver.accessToken, {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
            QCOMPARE(r.status, 201);
        }
    }
    auto clockDay = [](Side &side) {
        return QDateTime::fromString(side.api->get(QStringLiteral("/v1/test/clock")).json.value(QStringLiteral("now")).toString(),
                                     Qt::ISODateWithMs).toUTC().date();
    };
    if (clockDay(sides[0]) != clockDay(sides[1]))
        QSKIP("The two servers started on either side of midnight UTC; run again.");
    auto advance = [](Side &side, qint64 seconds) {
        return side.api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}}).status == 200;
    };
    qint64 total = 0;
    for (int i = 0; i < 100; ++i) {
        const qint64 step = i % 3 == 0 ? 5 * 3600 : 86'400;
        QVERIFY(advance(sides[0], step));
        total += step;
    }
    QVERIFY(advance(sides[1], total));
    QList<QByteArray> histories;
    for (Side &side : sides) {
        const ApiReply login = side.api->post(QStringLiteral("/v1/auth/login"),
                                              {{QStringLiteral("handle"), side.saver.handle},
                                               {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        QCOMPARE(login.status, 200);
        const QString token = login.json.value(QStringLiteral("access_token")).toString();
        const ApiReply history = side.api->get(QStringLiteral("/v1/savings/interest?limit=400"), token);
        QCOMPARE(history.status, 200);
        QVERIFY(history.json.value(QStringLiteral("items")).toArray().size() >= 60);
        histories.append(QJsonDocument(history.json.value(QStringLiteral("items")).toArray()).toJson());
        const QJsonObject s = side.api->get(QStringLiteral("/v1/savings"), token).json;
        histories.append(QByteArray::number(amountOf(s.value(QStringLiteral("balance")))) + ' '
                         + QByteArray::number(s.value(QStringLiteral("accumulated_micros")).toInteger()));
    }
    QCOMPARE(histories.at(0), histories.at(2));
    QCOMPARE(histories.at(1), histories.at(3));
    for (Side &side : sides) {
        QVERIFY(side.server->stop());
        const QString broken = checkLedger(side.server->storage());
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
    }
}

void TestServerSavings::keysAcrossEndpointsAndConcurrency()
{
    const TestAccount a = funded(QStringLiteral("skeys"), 1);
    const QString key = newKey();
    const QJsonObject body{{QStringLiteral("amount"), eur(700)}};
    QCOMPARE(move(QStringLiteral("deposits"), body, a, key).status, 201);
    // The same key and body on the other endpoint is another request.
    ApiReply r = move(QStringLiteral("withdrawals"), body, a, key);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("idempotency_key_reused"));
    // Without a key nothing happens.
    r = m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/withdrawals"),
                    QJsonDocument(body).toJson(QJsonDocument::Compact), a.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(r.errorField(), QStringLiteral("Idempotency-Key"));
    // Ten concurrent withdrawals with one key: one effect, ten identical answers.
    const QString shared = newKey();
    QList<ApiRequest> requests;
    for (int i = 0; i < 10; ++i)
        requests.append({QByteArrayLiteral("POST"), QStringLiteral("/v1/savings/withdrawals"),
                         QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(100)}}).toJson(QJsonDocument::Compact),
                         a.accessToken, {{QByteArrayLiteral("Idempotency-Key"), shared.toLatin1()}}});
    const QList<ApiReply> replies = m_api->sendConcurrently(requests);
    for (const ApiReply &reply : replies) {
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.body, replies.first().body);
    }
    QCOMPARE(amountOf(summary(a).value(QStringLiteral("balance"))), 600);
}

void TestServerSavings::everyEndpointNeedsATokenAndGoalsAreCapped()
{
    const TestAccount a = funded(QStringLiteral("scap"), 0);
    const QList<QPair<QByteArray, QString>> endpoints{
        {"POST", QStringLiteral("/v1/savings/deposits")},  {"POST", QStringLiteral("/v1/savings/withdrawals")},
        {"POST", QStringLiteral("/v1/savings/goals")},     {"PATCH", QStringLiteral("/v1/savings/goals/g_1")},
        {"DELETE", QStringLiteral("/v1/savings/goals/g_1")}, {"GET", QStringLiteral("/v1/savings")},
    };
    for (const auto &[verb, path] : endpoints) {
        for (const QString &token : {QString(), QStringLiteral("not-a-token")}) {
            const ApiReply r = m_api->send(verb, path, "{}", token, {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
        }
    }
    for (int i = 0; i < 20; ++i) {
        const ApiReply r = m_api->post(QStringLiteral("/v1/savings/goals"),
                                       {{QStringLiteral("name"), QStringLiteral("Goal %1").arg(i)}, {QStringLiteral("target"), eur(100)}},
                                       a.accessToken);
        QCOMPARE(r.status, 201);
    }
    const ApiReply r = m_api->post(QStringLiteral("/v1/savings/goals"),
                                   {{QStringLiteral("name"), QStringLiteral("One too many")}, {QStringLiteral("target"), eur(100)}},
                                   a.accessToken);
    QCOMPARE(r.status, 409);
    QVERIFY(r.isEnvelope());
    QCOMPARE(summary(a).value(QStringLiteral("goals")).toArray().size(), 20);
}

void TestServerSavings::ledgerAfterEverything()
{
    QVERIFY(m_server->stop());
    const QString broken = checkLedger(m_server->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerSavings)

#include "tst_server_savings.moc"
