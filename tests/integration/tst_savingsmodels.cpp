// SPDX-License-Identifier: MIT
// Savings on the client against the real plaza-server (with --test-clock): deposits and
// withdrawals through the wallet's payment outbox exactly once (an answer lost on the way
// back is retried with the same key, one effect), goals through SavingsService, the
// SavingsSummary / GoalsModel / InterestHistoryModel served from the SQLCipher cache and
// refreshed by sync, months of interest pulled into the cache for the chart, and all of it
// still there — marked stale — with the server killed.
#include "common/testserver.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "savings/goalprogress.h"
#include "savings/goalsmodel.h"
#include "savings/interesthistorymodel.h"
#include "savings/savingsservice.h"
#include "savings/savingssummary.h"
#include "storage/database.h"
#include "sync/syncengine.h"
#include "wallet/walletservice.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;
using namespace plaza::wallet;
using namespace plaza::savings;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("savings cache passphrase");

Money eur(qint64 minor)
{
    return Money(minor, QStringLiteral("EUR"));
}

qint64 amountOf(const QJsonValue &money)
{
    return money.toObject().value(QStringLiteral("amount")).toInteger(-1);
}

} // namespace

class SavingsModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void depositLostAnswerExactlyOnce();
    void withdrawalsAndRefusals();
    void goalsThroughTheModel();
    void interestHistoryForTheChart();
    void offlineFromTheCacheMarkedStale();
    void tenYearsForTheChart();

private:
    bool pull() { return waitTask(m_fixture->session->syncEngine()->pull()).ok(); }
    bool advanceDays(int days);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DropProxy> m_proxy;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<WalletService> m_wallet;
    std::unique_ptr<SavingsService> m_savings;
};

void SavingsModelsTest::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_proxy = std::make_unique<DropProxy>(quint16(m_server->url().port()));
    QVERIFY(m_proxy->listening());
    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(createAccount(*m_fixture->session, m_proxy->url(), uniqueHandle(QStringLiteral("saver")),
                          QStringLiteral("Saver"), kPassword, kPassphrase));
    m_wallet = std::make_unique<WalletService>(m_fixture->session.get());
    QVERIFY(m_wallet->start());
    m_savings = std::make_unique<SavingsService>(m_fixture->session.get(), m_wallet.get());
    auto top = waitTask(m_wallet->topUp(eur(25000), QStringLiteral("tok_visa")));
    QVERIFY(top);
    QCOMPARE(top->state, PaymentIntent::State::Completed);
}

void SavingsModelsTest::cleanupTestCase()
{
    m_savings.reset();
    m_wallet.reset();
    m_fixture.reset();
    m_proxy.reset();
    m_server.reset();
}

bool SavingsModelsTest::advanceDays(int days)
{
    // In steps shorter than the refresh token's life, each followed by an authenticated call
    // (the session refreshes its tokens as the server's clock runs).
    while (days > 0) {
        const int step = std::min(days, 20);
        QJsonObject body;
        body.insert(QStringLiteral("advance_s"), qint64(step) * 86'400);
        auto moved = waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/test/clock"), body));
        if (!moved)
            return false;
        if (!waitTask(m_savings->fetchSavings()))
            return false;
        days -= step;
    }
    return true;
}

void SavingsModelsTest::depositLostAnswerExactlyOnce()
{
    m_proxy->setWatched("POST /v1/savings/deposits ");
    m_proxy->setDropping(true);
    auto first = waitTask(m_savings->deposit(eur(5000)));
    QVERIFY2(first, first ? "" : qPrintable(first.error().message));
    QCOMPARE(first->state, PaymentIntent::State::AwaitingConfirmation);
    QVERIFY(m_proxy->dropped() >= 1);
    QCOMPARE(m_wallet->pendingCount(), 1);
    // The intent is in the outbox with its key, as a savings deposit.
    auto stored = m_wallet->outbox()->find(first->key);
    QVERIFY(stored);
    QCOMPARE(stored->kind, QStringLiteral("savings_deposit"));
    QCOMPARE(stored->path, QStringLiteral("/v1/savings/deposits"));

    m_proxy->setDropping(false);
    auto left = waitTask(m_wallet->retryPending());
    QVERIFY(left);
    QCOMPARE(*left, 0);
    auto intent = m_wallet->outbox()->find(first->key);
    QVERIFY(intent);
    QCOMPARE(intent->state, PaymentIntent::State::Completed);
    QVERIFY(!intent->transactionId.isEmpty());
    for (const QString &key : m_proxy->keys())
        QCOMPARE(key, first->key);
    QVERIFY(m_proxy->keys().size() >= 2);

    // One effect on the server.
    auto savings = waitTask(m_savings->fetchSavings());
    QVERIFY(savings);
    QCOMPARE(amountOf(savings->value(QStringLiteral("balance"))), 5000);
    auto wallet = waitTask(m_wallet->fetchWallet());
    QVERIFY(wallet);
    QCOMPARE(amountOf(wallet->value(QStringLiteral("balance"))), 20000);

    // And through sync into the cache.
    QVERIFY(pull());
    SavingsSummary summary;
    summary.setSession(m_fixture->session.get());
    QVERIFY(summary.loaded());
    QCOMPARE(summary.balanceMinor(), 5000);
    QCOMPARE(summary.unassignedMinor(), 5000);
    QCOMPARE(summary.apyBps(), 450);
    QVERIFY(!summary.formattedApy().isEmpty());
    QVERIFY(!summary.stale());
}

void SavingsModelsTest::withdrawalsAndRefusals()
{
    // Refused locally: nothing stored, nothing sent.
    auto bad = waitTask(m_savings->deposit(eur(0)));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidAmount);
    bad = waitTask(m_savings->withdraw(eur(100), QStringLiteral("not a goal!")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::NotFound);
    // Refused by the server: a definitive answer, the intent failed, nothing moved.
    bad = waitTask(m_savings->withdraw(eur(5001)));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InsufficientFunds);
    bad = waitTask(m_savings->deposit(eur(100), QStringLiteral("g_999999")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::NotFound);
    QCOMPARE(m_wallet->pendingCount(), 0);

    auto out = waitTask(m_savings->withdraw(eur(1000)));
    QVERIFY(out);
    QCOMPARE(out->state, PaymentIntent::State::Completed);
    QCOMPARE(out->answer.value(QStringLiteral("kind")).toString(), QStringLiteral("savings_withdrawal"));
    QCOMPARE(out->answer.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QVERIFY(pull());
    SavingsSummary summary;
    summary.setSession(m_fixture->session.get());
    QCOMPARE(summary.balanceMinor(), 4000);
}

void SavingsModelsTest::goalsThroughTheModel()
{
    GoalsModel model;
    model.setSession(m_fixture->session.get());
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    auto bad = waitTask(m_savings->createGoal(QStringLiteral("   "), eur(1000)));
    QVERIFY(!bad);
    QCOMPARE(bad.error().field(), QStringLiteral("name"));
    const QDate deadline = QDate::currentDate().addMonths(6);
    auto goal = waitTask(m_savings->createGoal(QStringLiteral("Bike 🚲"), eur(60000), deadline));
    QVERIFY2(goal, goal ? "" : qPrintable(goal.error().message));
    const QString id = goal->value(QStringLiteral("id")).toString();
    auto in = waitTask(m_savings->deposit(eur(3000), id));
    QVERIFY(in);
    QCOMPARE(in->state, PaymentIntent::State::Completed);
    QVERIFY(pull());
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.data(model.index(0), GoalsModel::IdRole).toString(), id);
    QCOMPARE(model.data(model.index(0), GoalsModel::NameRole).toString(), QStringLiteral("Bike 🚲"));
    QCOMPARE(model.data(model.index(0), GoalsModel::SavedMinorRole).toLongLong(), 3000);
    QCOMPARE(model.data(model.index(0), GoalsModel::TargetMinorRole).toLongLong(), 60000);
    QCOMPARE(model.data(model.index(0), GoalsModel::ProgressRole).toDouble(), 0.05);
    QCOMPARE(model.data(model.index(0), GoalsModel::DeadlineRole).toDate(), deadline);
    // 3 000 a month for six months falls far short of 600 €: behind, with what it would take.
    QCOMPARE(model.data(model.index(0), GoalsModel::StatusRole).toString(), QStringLiteral("behind"));
    QVERIFY(model.data(model.index(0), GoalsModel::NeededMonthlyMinorRole).toLongLong() > 3000);

    SavingsSummary summary;
    summary.setSession(m_fixture->session.get());
    QCOMPARE(summary.goals().size(), 1);
    QCOMPARE(summary.balanceMinor(), 7000);
    QCOMPARE(summary.unassignedMinor(), 4000);

    auto renamed = waitTask(m_savings->renameGoal(id, QStringLiteral("Road bike")));
    QVERIFY(renamed);
    auto retarget = waitTask(m_savings->setGoalTarget(id, eur(5000)));
    QVERIFY(retarget);
    auto noDeadline = waitTask(m_savings->setGoalDeadline(id, QDate()));
    QVERIFY(noDeadline);
    QVERIFY(noDeadline->value(QStringLiteral("deadline")).isNull());
    QVERIFY(pull());
    QTRY_COMPARE(model.data(model.index(0), GoalsModel::NameRole).toString(), QStringLiteral("Road bike"));
    QCOMPARE(model.data(model.index(0), GoalsModel::TargetMinorRole).toLongLong(), 5000);
    QCOMPARE(model.data(model.index(0), GoalsModel::StatusRole).toString(), QStringLiteral("no_deadline"));
    QVERIFY(changed.size() >= 1);
    QCOMPARE(reset.size(), 0);

    // Deleting it returns its money to the unassigned part.
    QVERIFY(waitTask(m_savings->deleteGoal(id)).ok());
    QVERIFY(pull());
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QTRY_COMPARE(summary.unassignedMinor(), 7000);
    QCOMPARE(summary.goals().size(), 0);
}

void SavingsModelsTest::interestHistoryForTheChart()
{
    // Seventy days on the server's clock: daily accruals and at least two payouts.
    QVERIFY(advanceDays(70));
    QSignalSpy history(m_savings.get(), &SavingsService::historyChanged);
    auto written = waitTask(m_savings->refreshInterestHistory());
    QVERIFY2(written, written ? "" : qPrintable(written.error().message));
    QVERIFY(*written >= 69);
    QCOMPARE(history.size(), 1);
    // Again: only the newest day is rewritten.
    auto again = waitTask(m_savings->refreshInterestHistory());
    QVERIFY(again);
    QVERIFY(*again <= 1);
    QVERIFY(pull());

    InterestHistoryModel months;
    months.setSession(m_fixture->session.get());
    QCOMPARE(months.granularity(), QStringLiteral("month"));
    QVERIFY(months.rowCount() >= 3);
    QVERIFY(!months.canFetchMore());
    auto server = waitTask(m_savings->fetchSavings());
    QVERIFY(server);
    const qint64 interestTotal = amountOf(server->value(QStringLiteral("interest_total")));
    QVERIFY(interestTotal > 0);
    QCOMPARE(months.totalPaidMinor(), interestTotal);
    qint64 micros = 0;
    for (const auto &p : months.points())
        micros += p.accruedMicros;
    QVERIFY(micros > 0);
    QVERIFY(months.maxAccruedMicros() > 0);
    QCOMPARE(months.data(months.index(0), InterestHistoryModel::DateRole).toDate().day(), 1);

    InterestHistoryModel days;
    days.setPageSize(30);
    days.setGranularity(QStringLiteral("day"));
    days.setSession(m_fixture->session.get());
    QCOMPARE(days.rowCount(), 30);
    QVERIFY(days.canFetchMore());
    while (days.canFetchMore())
        days.fetchMore();
    QCOMPARE(days.rowCount(), qsizetype(*written) == 0 ? 0 : days.rowCount());
    qint64 dayMicros = 0, dayPaid = 0;
    QDate previous;
    for (const auto &p : days.points()) {
        if (previous.isValid())
            QCOMPARE(previous.addDays(1), p.date); // complete: no gaps, oldest first
        previous = p.date;
        dayMicros += p.accruedMicros;
        dayPaid += p.paidMinor;
        QCOMPARE(p.apyBps, 450);
    }
    QCOMPARE(dayMicros, micros);
    QCOMPARE(dayPaid, interestTotal);
    // The summary (synced) shows the server's figures.
    SavingsSummary summary;
    summary.setSession(m_fixture->session.get());
    QCOMPARE(summary.formattedInterestTotal(), eur(interestTotal).format());
    QCOMPARE(summary.formattedInterestThisMonth(),
             eur(amountOf(server->value(QStringLiteral("interest_this_month")))).format());
}

void SavingsModelsTest::offlineFromTheCacheMarkedStale()
{
    SavingsSummary summary;
    summary.setSession(m_fixture->session.get());
    GoalsModel goals;
    goals.setSession(m_fixture->session.get());
    QVERIFY(summary.loaded());
    const qint64 balance = summary.balanceMinor();
    const QString total = summary.formattedInterestTotal();
    QVERIFY(balance > 7000);
    QTRY_VERIFY(m_fixture->session->online());
    QVERIFY(!summary.stale());

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->session->online(), 10000);
    QVERIFY(summary.stale());
    InterestHistoryModel months;
    months.setSession(m_fixture->session.get());
    SavingsSummary fresh;
    fresh.setSession(m_fixture->session.get());
    QVERIFY(fresh.loaded());
    QVERIFY(fresh.stale());
    QCOMPARE(fresh.balanceMinor(), balance);
    QCOMPARE(fresh.formattedInterestTotal(), total);
    QVERIFY(fresh.asOf().isValid());
    QVERIFY(months.rowCount() >= 3);

    // Offline for days: the summary grows this month's interest by the days that ended
    // since its figures (as_of moved three days back in the cache, as if synced then).
    {
        storage::OpenOptions options;
        options.rawKey = m_fixture->session->cacheKey();
        auto db = storage::Database::open(m_fixture->session->cachePath(), options);
        QVERIFY(db);
        const QDateTime earlier = fresh.asOf().addDays(-3);
        auto stmt = (*db)->prepare(QStringLiteral("UPDATE savings SET as_of = ?1 WHERE id = 1"));
        QVERIFY(stmt);
        stmt->bindAll(earlier.toString(Qt::ISODateWithMs));
        QVERIFY(stmt->exec());
        auto scalar = (*db)->scalar(QStringLiteral("SELECT accumulated_micros FROM savings WHERE id = 1"), -1);
        QVERIFY(scalar);
        const qint64 accumulated = *scalar;
        QVERIFY(accumulated >= 0);
        fresh.reload();
        const auto expected = plaza::savings::estimateInterestThisMonth(accumulated, balance, fresh.apyBps(),
                                                                        earlier.toUTC().date(),
                                                                        QDateTime::currentDateTimeUtc().date());
        QVERIFY(expected);
        QCOMPARE(fresh.formattedInterestThisMonth(), eur(*expected).format());
        QVERIFY(fresh.stale());
    }

    // Money is never queued offline.
    const int pending = m_wallet->pendingCount();
    auto refused = waitTask(m_savings->deposit(eur(100)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Network);
    QCOMPARE(m_wallet->pendingCount(), pending);
}

void SavingsModelsTest::tenYearsForTheChart()
{
    // Ten years of days (2016–2025, 3 653 rows) written into the cache next to the real ones:
    // the monthly series is one grouped query, the daily one comes a page at a time.
    {
        storage::OpenOptions options;
        options.rawKey = m_fixture->session->cacheKey();
        auto db = storage::Database::open(m_fixture->session->cachePath(), options);
        QVERIFY(db);
        const Status written = (*db)->transaction([&]() -> Status {
            auto insert = (*db)->prepare(QStringLiteral("INSERT OR REPLACE INTO savings_interest (date, balance, apy_bps, "
                                                        "accrued_micros, paid) VALUES (?1, ?2, 450, ?3, ?4)"));
            if (!insert)
                return insert.error();
            for (QDate d(2016, 1, 1); d < QDate(2026, 1, 1); d = d.addDays(1)) {
                insert->bindAll(d.toString(Qt::ISODate), qint64(100'000), qint64(12'060'148));
                if (d.addDays(1).day() == 1)
                    insert->bind(4, qint64(d.daysInMonth() * 12));
                else
                    insert->bindNull(4);
                if (auto st = insert->exec(); !st)
                    return st;
            }
            return {};
        });
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
    }
    QElapsedTimer timer;
    timer.start();
    InterestHistoryModel months;
    months.setSession(m_fixture->session.get());
    const qint64 monthsMs = timer.elapsed();
    QVERIFY(months.rowCount() >= 120);
    QCOMPARE(months.points().first().date, QDate(2016, 1, 1));
    QCOMPARE(months.points().first().accruedMicros, 31 * 12'060'148LL);
    QCOMPARE(months.points().first().paidMinor, 31 * 12);

    timer.restart();
    InterestHistoryModel days;
    days.setGranularity(QStringLiteral("day"));
    days.setSession(m_fixture->session.get());
    const qint64 firstPageMs = timer.elapsed();
    QCOMPARE(days.rowCount(), days.pageSize());
    int pages = 1;
    while (days.canFetchMore()) {
        days.fetchMore();
        ++pages;
    }
    const qint64 allDaysMs = timer.elapsed();
    QVERIFY(days.rowCount() >= 3653);
    for (int i = 1; i < days.rowCount(); ++i)
        QVERIFY(days.points().at(i - 1).date < days.points().at(i).date);
    qInfo("10 years: %d months in %lld ms; days: first page of %d in %lld ms, all %d in %d pages in %lld ms",
          int(months.rowCount()), monthsMs, days.pageSize(), firstPageMs, int(days.rowCount()), pages, allDaysMs);
    // Generous bounds for a noisy shared machine; the figures above are the measurement.
    QVERIFY(monthsMs < 2000);
    QVERIFY(firstPageMs < 2000);
}

QTEST_GUILESS_MAIN(SavingsModelsTest)
#include "tst_savingsmodels.moc"
