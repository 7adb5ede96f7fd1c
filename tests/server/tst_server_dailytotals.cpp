// SPDX-License-Identifier: MIT
// The per-user, per-UTC-day totals of money sent (wallet_daily_sent) behind the daily limit
// and remaining_today. In-process: the day boundary to the millisecond, a rolled-back payment
// leaving no total, which movement kinds count, and migration 6 backfilling the totals of a
// database made before it existed. Against the real plaza-server with the test clock: the
// limit resets at 00:00 UTC, a refund gives nothing back to either side, and the totals equal
// the ledger recomputed (ledgercheck) after all of it.

#include "apiprobe.h"
#include "clock.h"
#include "common/testserver.h"
#include "ledger.h"
#include "ledgercheck.h"
#include "serverdb.h"
#include "common/teststorage.h"
#include "wallet.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::server;
using namespace plaza::test;

namespace {

// 2027-02-28 23:59:59.999 UTC and the next millisecond, 2027-03-01 00:00:00.000 (not a leap year).
const qint64 kLastMsOfFeb = QDateTime(QDate(2027, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() - 1;
const qint64 kFirstMsOfMarch = kLastMsOfFeb + 1;

// \a storage: a TestStorage's spec, or a bare SQLite data folder.
std::unique_ptr<ServerDb> openWithUsers(const QString &storage)
{
    auto spec = storage.contains(u':') ? StorageSpec::parse(storage) : Result<StorageSpec>(StorageSpec{Storage::Kind::Sqlite, storage});
    if (!spec)
        return nullptr;
    auto db = ServerDb::open(*spec);
    if (!db)
        return nullptr;
    // 1 and 2 are people, 3 a merchant.
    for (const char *who : {"alice", "bob", "shop"}) {
        const Status st = (*db)->run(QStringLiteral("INSERT INTO users (handle, display_name, kind, password_hash, created_at) "
                                                    "VALUES (?1, ?1, ?2, 'x', 0)"),
                                     QString::fromLatin1(who),
                                     qstrcmp(who, "shop") == 0 ? QStringLiteral("merchant") : QStringLiteral("person"));
        if (!st)
            return nullptr;
    }
    return std::move(*db);
}

// Tops up \a user and pays \a amount to \a payee at \a atMs (the checks run at that instant too).
Result<qint64> pay(ServerDb &db, qint64 user, qint64 payee, qint64 amount, qint64 atMs)
{
    qint64 tx = 0;
    const Status st = db.write([&]() -> Status {
        if (auto top = topUpWallet(db, user, amount, atMs); !top)
            return top.error();
        auto paid = payUser(db, atMs, user, payee, amount, {}, 0, 0);
        if (!paid)
            return paid.error();
        auto id = db.integer(QStringLiteral("SELECT max(id) FROM ledger_transactions"));
        if (!id)
            return id.error();
        tx = id->value_or(0);
        return {};
    });
    if (!st)
        return st.error();
    return tx;
}

qint64 spent(ServerDb &db, qint64 user, qint64 atMs)
{
    auto s = spentToday(db, user, atMs);
    return s ? *s : -1;
}

QList<QStringList> dailyRows(ServerDb &db)
{
    QList<QStringList> rows;
    auto stmt = db.query(QStringLiteral("SELECT user_id, day, amount FROM wallet_daily_sent ORDER BY user_id, day"));
    if (!stmt)
        return rows;
    for (auto row = stmt->step(); row && *row; row = stmt->step())
        rows.append({QString::number(stmt->int64(0)), stmt->text(1), QString::number(stmt->int64(2))});
    return rows;
}

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

qint64 remainingToday(const ApiReply &wallet)
{
    return wallet.json[QStringLiteral("limits")][QStringLiteral("remaining_today")][QStringLiteral("amount")].toInteger(-1);
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace

class TestServerDailyTotals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dayBoundaryToTheMillisecond();
    void rolledBackPaymentLeavesNoTotal();
    void onlyPaymentsToOthersCount();
    void migrationBackfillsFromTheLedger();
    void limitResetsAtMidnightUtc();
    void refundGivesNothingBack();
};

void TestServerDailyTotals::dayBoundaryToTheMillisecond()
{
    plaza::test::TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir.spec());
    QVERIFY(db);
    QVERIFY(pay(*db, 1, 2, 700, kLastMsOfFeb).ok());
    QVERIFY(pay(*db, 1, 2, 50, kFirstMsOfMarch).ok());
    QCOMPARE(spent(*db, 1, kLastMsOfFeb - 86'400'000), 0); // 23:59:59.999 on the 27th
    QCOMPARE(spent(*db, 1, kLastMsOfFeb - 86'400'000 + 1), 700); // 00:00:00.000 on the 28th
    QCOMPARE(spent(*db, 1, kLastMsOfFeb), 700);
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 50);
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch + 86'400'000 - 1), 50);
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch + 86'400'000), 0);
    QCOMPARE(spent(*db, 2, kLastMsOfFeb), 0); // money received is not spent
    QCOMPARE(dailyRows(*db), (QList<QStringList>{{QStringLiteral("1"), QStringLiteral("2027-02-28"), QStringLiteral("700")},
                                                 {QStringLiteral("1"), QStringLiteral("2027-03-01"), QStringLiteral("50")}}));

    // The limit check reads the same total: 100,000 a day for a basic account.
    QVERIFY(pay(*db, 1, 2, 25'000, kFirstMsOfMarch + 1).ok());
    QVERIFY(pay(*db, 1, 2, 25'000, kFirstMsOfMarch + 2).ok());
    QVERIFY(pay(*db, 1, 2, 25'000, kFirstMsOfMarch + 3).ok());
    auto over = pay(*db, 1, 2, 24'951, kFirstMsOfMarch + 4);
    QVERIFY(!over.ok());
    QCOMPARE(over.error().code, ErrorCode::LimitExceeded);
    QVERIFY(pay(*db, 1, 2, 24'950, kFirstMsOfMarch + 5).ok());
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 100'000);
    auto wallet = walletJson(*db, 1, kFirstMsOfMarch + 6);
    QVERIFY(wallet.ok());
    QCOMPARE((*wallet)[QStringLiteral("limits")][QStringLiteral("remaining_today")][QStringLiteral("amount")].toInteger(), 0);
}

void TestServerDailyTotals::rolledBackPaymentLeavesNoTotal()
{
    plaza::test::TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir.spec());
    QVERIFY(db);
    QVERIFY(pay(*db, 1, 2, 300, kFirstMsOfMarch).ok());
    // The payment went through post() and was then undone with the rest of its transaction.
    const Status undone = db->write([&]() -> Status {
        if (auto top = topUpWallet(*db, 1, 5000, kFirstMsOfMarch); !top)
            return top.error();
        if (auto paid = payUser(*db, kFirstMsOfMarch, 1, 2, 5000, {}, 0, 0); !paid)
            return paid.error();
        if (spent(*db, 1, kFirstMsOfMarch) != 5300)
            return makeError(ErrorCode::Internal, QStringLiteral("the total is not kept in the payment's transaction"));
        return makeError(ErrorCode::Conflict, QStringLiteral("changed my mind"));
    });
    QCOMPARE(undone.error().code, ErrorCode::Conflict);
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 300);
    // A refused payment (over the balance) counts nothing either.
    const Status refused = db->write([&]() -> Status {
        auto paid = payUser(*db, kFirstMsOfMarch, 1, 2, 1, {}, 0, 0);
        return paid ? Status() : Status(paid.error());
    });
    QCOMPARE(refused.error().code, ErrorCode::InsufficientFunds);
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 300);
}

void TestServerDailyTotals::onlyPaymentsToOthersCount()
{
    plaza::test::TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir.spec());
    QVERIFY(db);
    auto bought = pay(*db, 1, 3, 450, kFirstMsOfMarch); // a merchant_payment
    QVERIFY(bought.ok());
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 450);
    QVERIFY(db->write([&]() -> Status {
        // The shop refunds it, alice moves money to her savings and back: none of it is a
        // payment to someone else.
        const qint64 shopWallet = *ensureWalletAccount(*db, 3);
        const qint64 aliceWallet = *ensureWalletAccount(*db, 1);
        if (auto top = topUpWallet(*db, 1, 1000, kFirstMsOfMarch); !top)
            return top.error();
        auto savingsAccount = db->insert(QStringLiteral("INSERT INTO accounts (user_id, kind, currency) VALUES (1, 'savings', 'EUR')"));
        if (!savingsAccount)
            return savingsAccount.error();
        const qint64 savings = *savingsAccount;
        const QList<Movement> moves{
            {QStringLiteral("refund"), shopWallet, aliceWallet, 450, QStringLiteral("EUR"), {}, 0, 0, *bought, kFirstMsOfMarch},
            {QStringLiteral("savings_deposit"), aliceWallet, savings, 800, QStringLiteral("EUR"), {}, 0, 0, 0, kFirstMsOfMarch},
            {QStringLiteral("savings_withdrawal"), savings, aliceWallet, 300, QStringLiteral("EUR"), {}, 0, 0, 0, kFirstMsOfMarch},
        };
        for (const Movement &m : moves) {
            if (auto tx = post(*db, m); !tx)
                return tx.error();
        }
        return {};
    }).ok());
    QCOMPARE(spent(*db, 1, kFirstMsOfMarch), 450);
    QCOMPARE(spent(*db, 3, kFirstMsOfMarch), 0);
    QCOMPARE(dailyRows(*db).size(), 1);
}

void TestServerDailyTotals::migrationBackfillsFromTheLedger()
{
    // A history over three UTC days with every kind of movement, made by the real ledger;
    // then the database is taken back to schema 5 (before wallet_daily_sent existed) and
    // opened again: migration 6 must rebuild exactly the totals post() had kept.
    if (plaza::test::TestStorage::wantPostgres())
        QSKIP("SQLite's schema migrations; PostgreSQL's schema is made in one step");
    QTemporaryDir dir;
    QList<QStringList> kept;
    {
        auto db = openWithUsers(dir.path());
        QVERIFY(db);
        const qint64 days[] = {kLastMsOfFeb - 3'600'000, kLastMsOfFeb, kFirstMsOfMarch, kFirstMsOfMarch + 86'400'000 + 5};
        int n = 0;
        qint64 firstPurchase = 0;
        for (qint64 at : days) {
            QVERIFY(pay(*db, 1, 2, 100 + n++, at).ok());
            QVERIFY(pay(*db, 2, 1, 10 + n++, at).ok());
            auto bought = pay(*db, 1, 3, 1000 + n++, at);
            QVERIFY(bought.ok());
            if (!firstPurchase)
                firstPurchase = *bought;
        }
        QVERIFY(db->write([&]() -> Status {
            // The first purchase (1002) refunded on 1 March.
            Movement refund{QStringLiteral("refund"), *ensureWalletAccount(*db, 3), *ensureWalletAccount(*db, 1), 1002,
                            QStringLiteral("EUR"), {}, 0, 0, firstPurchase, kFirstMsOfMarch};
            auto tx = post(*db, refund);
            return tx ? Status() : Status(tx.error());
        }).ok());
        kept = dailyRows(*db);
        QCOMPARE(kept.size(), 6); // alice and bob, each on three days
        QCOMPARE(kept.first(), (QStringList{QStringLiteral("1"), QStringLiteral("2027-02-28"),
                                            QString::number(100 + 1002 + 103 + 1005)}));
        QVERIFY(db->sqlite()->exec(QStringLiteral("DROP TABLE wallet_daily_sent; DROP INDEX ledger_transactions_request; "
                                             "PRAGMA user_version = 5;")).ok());
    }
    auto reopened = ServerDb::open(dir.path());
    QVERIFY(reopened.ok());
    ServerDb &db = **reopened;
    QVERIFY(db.sqlite()->userVersion().value() >= 6); // step 6 ran again, and the later ones
    QCOMPARE(dailyRows(db), kept);
    QCOMPARE(spent(db, 1, kFirstMsOfMarch), 106 + 1008);
    // And post() carries on from the backfilled row.
    QVERIFY(pay(db, 1, 2, 1, kFirstMsOfMarch + 1).ok());
    QCOMPARE(spent(db, 1, kFirstMsOfMarch), 106 + 1008 + 1);
    reopened->reset();
    const QString broken = checkLedger(dir.path());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerDailyTotals::limitResetsAtMidnightUtc()
{
    TestServer server({QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    TestAccount a = api.registerAccount(QStringLiteral("night_owl"));
    const TestAccount b = api.registerAccount(QStringLiteral("early_bird"));
    // Tokens expire by the same clock: log in again after moving it (by up to a day).
    auto relogin = [&] {
        const ApiReply r = api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a.handle},
                                                                       {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        a.accessToken = r.json.value(QStringLiteral("access_token")).toString();
        return r.status;
    };
    auto money = [&](const QString &path, const QJsonObject &body) {
        return api.send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), a.accessToken,
                        {{QByteArrayLiteral("Idempotency-Key"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
    };
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                       {{QStringLiteral("amount"), eur(25'000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}})
                     .status,
                 201);
    }

    // To 30 s before the next 00:00 UTC of the server's clock (at least a minute ahead).
    const QDateTime now = timeOf(api.get(QStringLiteral("/v1/test/clock")).json.value(QStringLiteral("now")));
    QVERIFY(now.isValid());
    const QDateTime midnight(now.addSecs(60).date().addDays(1), QTime(0, 0), Qt::UTC);
    const qint64 advance = now.secsTo(midnight) - 30;
    QCOMPARE(api.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), advance}}).status, 200);
    QCOMPARE(relogin(), 200);

    const QJsonObject toB{{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(25'000)}};
    QDateTime lastBefore;
    for (int i = 0; i < 4; ++i) {
        const ApiReply r = money(QStringLiteral("/v1/transfers"), toB);
        QCOMPARE(r.status, 201);
        lastBefore = timeOf(r.json.value(QStringLiteral("created_at")));
    }
    QVERIFY2(lastBefore < midnight, "the machine took over 30 s for four transfers; the test needs the day not to change");
    const ApiReply over = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1)}});
    QCOMPARE(over.status, 422);
    QCOMPARE(over.errorCode(), QStringLiteral("limit_exceeded"));
    QCOMPARE(over.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("limit")].toString(), QStringLiteral("daily"));
    QCOMPARE(remainingToday(api.get(QStringLiteral("/v1/wallet"), a.accessToken)), 0);

    // Past midnight the day's total starts again from zero.
    QCOMPARE(api.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 31}}).status, 200);
    const ApiReply fresh = api.get(QStringLiteral("/v1/wallet"), a.accessToken);
    QVERIFY(timeOf(fresh.json.value(QStringLiteral("as_of"))) >= midnight);
    QCOMPARE(remainingToday(fresh), 100'000);
    const ApiReply after = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1)}});
    QCOMPARE(after.status, 201);
    QVERIFY(timeOf(after.json.value(QStringLiteral("created_at"))) >= midnight);
    QCOMPARE(remainingToday(api.get(QStringLiteral("/v1/wallet"), a.accessToken)), 99'999);

    QVERIFY(server.stop());
    const QString broken = checkLedger(server.storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerDailyTotals::refundGivesNothingBack()
{
    TestServer server({QStringLiteral("--test-clock"), QStringLiteral("--demo")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount customer = api.registerAccount(QStringLiteral("regular"));
    const ApiReply login = api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("cafe_lumiere")},
                                                                       {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    QCOMPARE(login.status, 200);
    const QString cafe = login.json.value(QStringLiteral("access_token")).toString();
    auto money = [&](const QString &path, const QJsonObject &body, const QString &token) {
        return api.send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token,
                        {{QByteArrayLiteral("Idempotency-Key"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
    };
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                   {{QStringLiteral("amount"), eur(2000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   customer.accessToken)
                 .status,
             201);
    const qint64 cafeRemaining = remainingToday(api.get(QStringLiteral("/v1/wallet"), cafe));
    const ApiReply paid = money(QStringLiteral("/v1/transfers"),
                                {{QStringLiteral("to"), QStringLiteral("@cafe_lumiere")}, {QStringLiteral("amount"), eur(450)}},
                                customer.accessToken);
    QCOMPARE(paid.status, 201);
    QCOMPARE(remainingToday(api.get(QStringLiteral("/v1/wallet"), customer.accessToken)), 100'000 - 450);
    const ApiReply refund = money(QStringLiteral("/v1/transactions/%1/refund").arg(paid.json[QStringLiteral("id")].toString()), {}, cafe);
    QCOMPARE(refund.status, 201);
    // docs/api.md: the refund does not give the payer's room back, and is not the merchant's spending.
    QCOMPARE(remainingToday(api.get(QStringLiteral("/v1/wallet"), customer.accessToken)), 100'000 - 450);
    QCOMPARE(remainingToday(api.get(QStringLiteral("/v1/wallet"), cafe)), cafeRemaining);

    // The demo's months of history were backfilled by nobody: post() kept them as it seeded.
    QVERIFY(server.stop());
    const QString broken = checkLedger(server.storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerDailyTotals)

#include "tst_server_dailytotals.moc"
