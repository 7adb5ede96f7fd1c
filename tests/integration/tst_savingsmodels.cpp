// SPDX-License-Identifier: MIT
// Savings through the classes the app and the CLI use — WalletService::moveSavings,
// SavingsService, SavingsSummary and GoalsModel — against the real plaza-server (with --test-clock) and a real SQLCipher
// cache, for what tst_savings.cpp does not already cover: a deposit whose answer is lost on
// the way back (kept in the wallet's outbox, retried with the same key, one effect), every
// refusal of moveSavings (before anything is sent or stored — offline too — and by the
// server), a goal's whole life through the service and the goals model (updated by id: rows
// inserted, changed and removed, never reset), seventy days of interest pulled into the
// cache by SavingsService::refresh() and added up to the server's books to the
// micro, an open summary turning stale when the server goes away while this month's
// interest keeps growing from the cache, and ten years of days drawn as one point per
// pixel column.
#include "common/cachekey.h"
#include "common/clock.h"
#include "common/testserver.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "money/interest.h"
#include "net/apiclient.h"
#include "savings/goalprogress.h"
#include "savingsviews.h"
#include "savings/savingssummary.h"
#include "storage/database.h"
#include "sync/syncengine.h"
#include "wallet/walletservice.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointF>
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
    void goalsThroughTheSummary();
    void goalsModelUpdatesById();
    void interestHistoryForTheChart();
    void offlineFromTheCacheMarkedStale();
    void tenYearsForTheChart();

private:
    bool pull() { return waitTask(m_fixture->session->syncEngine()->pull()).ok(); }
    bool advanceDays(int days);
    //! GET /v1/savings, straight from the server.
    Result<QJsonObject> serverSavings();
    //! Intents in the cache's payment outbox, whatever their state.
    qint64 outboxRows();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DropProxy> m_proxy;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<WalletService> m_wallet;
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
    auto top = waitTask(m_wallet->topUp(eur(25000), QStringLiteral("tok_visa")));
    QVERIFY(top);
    QCOMPARE(top->state, PaymentIntent::State::Completed);
}

void SavingsModelsTest::cleanupTestCase()
{
    m_wallet.reset();
    m_fixture.reset();
    m_proxy.reset();
    m_server.reset();
}

Result<QJsonObject> SavingsModelsTest::serverSavings()
{
    auto reply = waitTask(m_fixture->session->api()->get(QStringLiteral("/v1/savings")));
    if (!reply)
        return reply.error();
    return reply->body;
}

qint64 SavingsModelsTest::outboxRows()
{
    auto rows = countRows(m_fixture->session->cachePath(), testCacheKey(*m_fixture->session), QStringLiteral("payment_outbox"));
    return rows ? *rows : -1;
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
        if (!serverSavings())
            return false;
        days -= step;
    }
    return true;
}

void SavingsModelsTest::depositLostAnswerExactlyOnce()
{
    m_proxy->setWatched("POST /v1/savings/deposits ");
    m_proxy->setDropping(true);
    auto first = waitTask(m_wallet->moveSavings(true, eur(5000)));
    QVERIFY2(first, first ? "" : qPrintable(first.error().message));
    QCOMPARE(first->state, PaymentIntent::State::AwaitingConfirmation);
    QVERIFY(m_proxy->dropped() >= 1);
    QCOMPARE(m_wallet->pendingCount(), 1);
    // The intent is in the outbox with its key, as a savings deposit.
    auto stored = m_wallet->outbox()->find(first->key);
    QVERIFY(stored);
    QCOMPARE(stored->kind, QStringLiteral("savings_deposit"));
    QCOMPARE(stored->path, QStringLiteral("/v1/savings/deposits"));
    QCOMPARE(stored->amount, 5000);

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
    auto savings = serverSavings();
    QVERIFY2(savings, savings ? "" : qPrintable(savings.error().message));
    QCOMPARE(amountOf(savings->value(QStringLiteral("balance"))), 5000);
    auto wallet = waitTask(m_wallet->fetchWallet());
    QVERIFY(wallet);
    QCOMPARE(amountOf(wallet->value(QStringLiteral("balance"))), 20000);

    // And through sync into the cache.
    QVERIFY(pull());
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QVERIFY(summary.loaded());
    QCOMPARE(summary.balanceMinor(), 5000);
    QCOMPARE(summary.unassignedMinor(), 5000);
    QCOMPARE(summary.apyBps(), 450);
    QVERIFY(!summary.formattedApy().isEmpty());
    QVERIFY(!summary.stale());
}

void SavingsModelsTest::withdrawalsAndRefusals()
{
    // Every savings move that reaches the server is seen here (deposits and withdrawals).
    m_proxy->setWatched("POST /v1/savings/");
    m_proxy->setDropping(false);
    const qsizetype sentBefore = m_proxy->keys().size();
    const qint64 rowsBefore = outboxRows();
    QVERIFY(rowsBefore >= 1);

    // Refused by the client: nothing stored, nothing sent.
    struct Local {
        bool deposit;
        Money amount;
        QString goalId;
        ErrorCode code;
        QString field;
    };
    const QList<Local> local{
        {true, eur(0), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {false, eur(0), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {true, eur(-100), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {false, eur(-1), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {true, eur(Money::kMaxApiAmount + 1), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {true, Money(), {}, ErrorCode::InvalidAmount, QStringLiteral("amount")},
        {false, eur(100), QStringLiteral("not a goal!"), ErrorCode::NotFound, QStringLiteral("goal_id")},
        {true, eur(100), QStringLiteral("g_1/../../wallet"), ErrorCode::NotFound, QStringLiteral("goal_id")},
        {true, eur(100), QString(65, QLatin1Char('g')), ErrorCode::NotFound, QStringLiteral("goal_id")},
        {true, Money(100, QStringLiteral("USD")), {}, ErrorCode::CurrencyMismatch, QStringLiteral("amount")},
    };
    for (const Local &l : local) {
        auto bad = waitTask(m_wallet->moveSavings(l.deposit, l.amount, l.goalId));
        QVERIFY2(!bad, qPrintable(l.goalId));
        QCOMPARE(bad.error().code, l.code);
        QCOMPARE(bad.error().field(), l.field);
    }
    QCOMPARE(m_proxy->keys().size(), sentBefore);
    QCOMPARE(outboxRows(), rowsBefore);

    // Refused by the server: a definitive answer, the intent failed, nothing moved.
    auto bad = waitTask(m_wallet->moveSavings(false, eur(5001))); // one cent more than savings hold
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InsufficientFunds);
    bad = waitTask(m_wallet->moveSavings(true, eur(100), QStringLiteral("g_999999")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::NotFound);
    bad = waitTask(m_wallet->moveSavings(false, eur(100), QStringLiteral("g_999999")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::NotFound);
    QCOMPARE(m_wallet->pendingCount(), 0);
    const QStringList sent = m_proxy->keys().mid(sentBefore);
    QCOMPARE(sent.size(), 3);
    QCOMPARE(outboxRows(), rowsBefore + 3);
    const QStringList codes{QStringLiteral("insufficient_funds"), QStringLiteral("not_found"), QStringLiteral("not_found")};
    for (qsizetype i = 0; i < sent.size(); ++i) {
        auto failed = m_wallet->outbox()->find(sent.at(i));
        QVERIFY(failed);
        QCOMPARE(failed->state, PaymentIntent::State::Failed);
        QCOMPARE(failed->errorCode, codes.at(i));
    }
    auto savings = serverSavings();
    QVERIFY(savings);
    QCOMPARE(amountOf(savings->value(QStringLiteral("balance"))), 5000);

    auto out = waitTask(m_wallet->moveSavings(false, eur(1000)));
    QVERIFY2(out, out ? "" : qPrintable(out.error().message));
    QCOMPARE(out->state, PaymentIntent::State::Completed);
    QCOMPARE(out->answer.value(QStringLiteral("kind")).toString(), QStringLiteral("savings_withdrawal"));
    QCOMPARE(out->answer.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    auto wallet = waitTask(m_wallet->fetchWallet());
    QVERIFY(wallet);
    QCOMPARE(amountOf(wallet->value(QStringLiteral("balance"))), 21000);
    QVERIFY(pull());
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QCOMPARE(summary.balanceMinor(), 4000);
    QCOMPARE(summary.unassignedMinor(), 4000);
}

void SavingsModelsTest::goalsThroughTheSummary()
{
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QVERIFY(summary.loaded());
    QCOMPARE(summaryViews.goalList().size(), 0);
    QSignalSpy saved(&summaryViews.service, &SavingsService::goalSaved);
    QSignalSpy failed(&summaryViews.service, &SavingsService::goalFailed);

    // A blank name: the server refuses it, with the field.
    summaryViews.service.createGoal(QStringLiteral("   "), QStringLiteral("10"), QString());
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("name"));
    QCOMPARE(saved.size(), 0);

    const QDate before = Clock::instance()->today();
    const QDate deadline = before.addMonths(6);
    summaryViews.service.createGoal(QStringLiteral("Bike 🚲"), QStringLiteral("600"), deadline.toString(Qt::ISODate));
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(summaryViews.goalList().size(), 1, 10000);
    const QString id = summaryViews.goalList().constFirst().toMap().value(QStringLiteral("goalId")).toString();
    QVERIFY(id.startsWith(u"g_"));
    auto in = waitTask(m_wallet->moveSavings(true, eur(3000), id));
    QVERIFY2(in, in ? "" : qPrintable(in.error().message));
    QCOMPARE(in->state, PaymentIntent::State::Completed);
    QVERIFY(pull());
    QTRY_COMPARE_WITH_TIMEOUT(summaryViews.goalList().constFirst().toMap().value(QStringLiteral("savedMinor")).toLongLong(), 3000LL,
                              10000);
    QVariantMap goal = summaryViews.goalList().constFirst().toMap();
    QCOMPARE(goal.value(QStringLiteral("goalId")).toString(), id);
    QCOMPARE(goal.value(QStringLiteral("name")).toString(), QStringLiteral("Bike 🚲"));
    QCOMPARE(goal.value(QStringLiteral("targetMinor")).toLongLong(), 60000);
    QCOMPARE(goal.value(QStringLiteral("formattedSaved")).toString(), eur(3000).format());
    QCOMPARE(goal.value(QStringLiteral("formattedTarget")).toString(), eur(60000).format());
    QCOMPARE(goal.value(QStringLiteral("progress")).toDouble(), 0.05);
    QCOMPARE(goal.value(QStringLiteral("deadline")).toDate(), deadline);
    // Interest alone takes 30 € nowhere near 600 € in six months; the goal is a moment old,
    // so it is "started", never "behind". The deposit that closes the gap: seven of them
    // (today and the next six 1sts), a seventh of the 570 € missing, less the interest
    // the deposits earn (under 14 €: all 600 € for all six months at 4.50 %).
    QCOMPARE(goal.value(QStringLiteral("status")).toString(), QStringLiteral("started"));
    QCOMPARE(goal.value(QStringLiteral("onTrack")).toBool(), true);
    QCOMPARE(goal.value(QStringLiteral("monthsLeft")).toInt(), 6);
    QCOMPARE(goal.value(QStringLiteral("daysLeft")).toInt(), 0);
    QCOMPARE(goal.value(QStringLiteral("deposits")).toInt(), 7);
    const qint64 projected = goal.value(QStringLiteral("projectedMinor")).toLongLong();
    QVERIFY2(projected > 3000 && projected < 3200, qPrintable(QString::number(projected)));
    const qint64 needed = goal.value(QStringLiteral("monthlyNeededMinor")).toLongLong();
    QVERIFY2(needed >= (57000 - 1400) / 7 && needed <= (57000 + 6) / 7, qPrintable(QString::number(needed)));
    const QDate after = Clock::instance()->today();
    const auto rule = [&](QDate today) {
        return projectGoal(3000, 60000, before, deadline, today, summary.apyBps()).neededMonthlyMinor;
    };
    QVERIFY2(needed == rule(before) || needed == rule(after), qPrintable(QString::number(needed)));
    {
        // Forty days on (the client's clock only), 30 € in a month is far below the ~80 € a
        // month still needed: behind. The same map the CLI prints.
        Clock::instance()->advance(std::chrono::days(40));
        summaryViews.goals.reload();
        const QVariantMap later = summaryViews.goalList().constFirst().toMap();
        Clock::instance()->reset();
        QCOMPARE(later.value(QStringLiteral("status")).toString(), QStringLiteral("behind"));
        QCOMPARE(later.value(QStringLiteral("onTrack")).toBool(), false);
        QVERIFY(later.value(QStringLiteral("monthlyNeededMinor")).toLongLong() > needed);
        summaryViews.goals.reload();
    }
    QCOMPARE(summary.balanceMinor(), 7000);
    QCOMPARE(summary.unassignedMinor(), 4000);

    // A malformed id is refused at once (the signal comes before any request could answer);
    // an unknown one by the server.
    summaryViews.service.updateGoal(QStringLiteral("../wallet"), QStringLiteral("x"), QStringLiteral("1"), QString());
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("not_found"));
    QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("goal_id"));
    summaryViews.service.deleteGoal(QString());
    QCOMPARE(failed.size(), 3);
    QCOMPARE(failed.at(2).at(1).toString(), QStringLiteral("goal_id"));
    summaryViews.service.updateGoal(QStringLiteral("g_999999"), QStringLiteral("x"), QStringLiteral("1"), QString());
    QCOMPARE(failed.size(), 3);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(3).at(0).toString(), QStringLiteral("not_found"));
    QCOMPARE(saved.size(), 1);

    // Renamed, a smaller target, the deadline cleared: nothing to be late for.
    summaryViews.service.updateGoal(id, QStringLiteral("Road bike"), QStringLiteral("50"), QString());
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(summaryViews.goalList().constFirst().toMap().value(QStringLiteral("name")).toString(),
                              QStringLiteral("Road bike"), 10000);
    goal = summaryViews.goalList().constFirst().toMap();
    QCOMPARE(goal.value(QStringLiteral("targetMinor")).toLongLong(), 5000);
    QCOMPARE(goal.value(QStringLiteral("savedMinor")).toLongLong(), 3000);
    QCOMPARE(goal.value(QStringLiteral("progress")).toDouble(), 0.6);
    QVERIFY(!goal.value(QStringLiteral("deadline")).toDate().isValid());
    // No projection, no deposit needed (the roles are there, empty).
    QCOMPARE(goal.value(QStringLiteral("projectedMinor")).toLongLong(), 0);
    QVERIFY(goal.value(QStringLiteral("formattedProjected")).toString().isEmpty());
    QCOMPARE(goal.value(QStringLiteral("monthlyNeededMinor")).toLongLong(), 0);
    QVERIFY(goal.value(QStringLiteral("formattedMonthlyNeeded")).toString().isEmpty());
    QCOMPARE(goal.value(QStringLiteral("onTrack")).toBool(), false);
    QCOMPARE(summaryViews.goalList().size(), 1);

    // Deleting it returns its money to the unassigned part.
    summaryViews.service.deleteGoal(id);
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(summaryViews.goalList().size(), 0, 10000);
    QTRY_COMPARE(summary.unassignedMinor(), 7000);
    QCOMPARE(summary.balanceMinor(), 7000);
    QCOMPARE(failed.size(), 4);
}

void SavingsModelsTest::goalsModelUpdatesById()
{
    SavingsViews views(m_fixture->session.get());
    GoalsModel &model = views.goals;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(true);
    QCOMPARE(model.count(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy saved(&views.service, &SavingsService::goalSaved);
    QSignalSpy failed(&views.service, &SavingsService::goalFailed);

    // Two goals, one after the other: each one row inserted where it belongs (oldest first).
    views.service.createGoal(QStringLiteral("Trip"), QStringLiteral("900"), QString());
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model.count(), 1, 10000);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    const QString trip = model.get(0).value(QStringLiteral("goalId")).toString();
    QVERIFY(trip.startsWith(u"g_"));
    views.service.createGoal(QStringLiteral("Piano"), QStringLiteral("300"), QString());
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model.count(), 2, 10000);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(model.indexOf(trip), 0);
    const QString piano = model.get(1).value(QStringLiteral("goalId")).toString();
    QCOMPARE(model.data(model.index(1, 0), GoalsModel::NameRole).toString(), QStringLiteral("Piano"));

    // A change to one goal: dataChanged for its row and the roles that changed, nothing else.
    changed.clear();
    views.service.updateGoal(trip, QStringLiteral("Long trip"), QStringLiteral("1200"), QString());
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(0, 0), GoalsModel::NameRole).toString(), QStringLiteral("Long trip"),
                              10000);
    QVERIFY(!changed.isEmpty());
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        QCOMPARE(signal.at(0).toModelIndex().row(), 0);
        QCOMPARE(signal.at(1).toModelIndex().row(), 0);
        const auto roles = signal.at(2).value<QList<int>>();
        QVERIFY(!roles.isEmpty());
        QVERIFY(!roles.contains(GoalsModel::GoalIdRole));
        QVERIFY(!roles.contains(GoalsModel::SavedMinorRole));
    }
    const QList<int> roles = changed.constLast().at(2).value<QList<int>>();
    QVERIFY(roles.contains(GoalsModel::NameRole));
    QVERIFY(roles.contains(GoalsModel::TargetMinorRole));
    QCOMPARE(model.data(model.index(0, 0), GoalsModel::TargetMinorRole).toLongLong(), 120000);
    QCOMPARE(model.data(model.index(1, 0), GoalsModel::NameRole).toString(), QStringLiteral("Piano"));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 0);

    // Deleted: its row removed, the other one moves up.
    views.service.deleteGoal(trip);
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model.count(), 1, 10000);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(model.indexOf(piano), 0);
    QCOMPARE(model.indexOf(trip), -1);
    // The last one: savings.updated lists no goal, the row goes all the same.
    views.service.deleteGoal(piano);
    QVERIFY(saved.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(model.count(), 0, 10000);
    QCOMPARE(removed.size(), 2);

    // A refresh that finds nothing new changes no row.
    const qsizetype changesBefore = changed.size() + inserted.size() + removed.size();
    QVERIFY(views.refreshed());
    QCOMPARE(changed.size() + inserted.size() + removed.size(), changesBefore);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);
}

void SavingsModelsTest::interestHistoryForTheChart()
{
    // Seventy days on the server's clock: daily accruals and at least two payouts.
    QVERIFY(advanceDays(70));
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QCOMPARE(summary.historyDays(), 0);
    QVERIFY(summaryViews.refreshed());
    QVERIFY2(summary.errorCode().isEmpty(), qPrintable(summary.errorCode()));
    QCOMPARE(summary.historyDays(), 70);

    // What refresh() wrote into the cache: every day, oldest to newest without a gap, at
    // 4.50 %, and the payouts are exactly the server's interest total.
    QDate from, to;
    qint64 rows = 0, micros = 0, paid = 0, otherRate = -1;
    {
        auto db = m_fixture->session->cache()->openConnection(true);
        QVERIFY(db);
        auto st = (*db)->prepare(QStringLiteral("SELECT count(*), min(date), max(date), sum(accrued_micros), "
                                                "coalesce(sum(paid), 0), sum(apy_bps <> 450) FROM savings_interest;"));
        QVERIFY(st);
        auto row = st->step();
        QVERIFY(row && *row);
        rows = st->int64(0);
        from = QDate::fromString(st->text(1), Qt::ISODate);
        to = QDate::fromString(st->text(2), Qt::ISODate);
        micros = st->int64(3);
        paid = st->int64(4);
        otherRate = st->int64(5);
    }
    QCOMPARE(rows, 70);
    QCOMPARE(from.daysTo(to), 69);
    QCOMPARE(otherRate, 0);
    auto server = serverSavings();
    QVERIFY(server);
    const qint64 interestTotal = amountOf(server->value(QStringLiteral("interest_total")));
    const qint64 accumulated = server->value(QStringLiteral("accumulated_micros")).toInteger(-1);
    QVERIFY(interestTotal > 0);
    QCOMPARE(paid, interestTotal);
    // Nothing lost or created: the days' accruals are what was paid plus what is accumulating.
    QCOMPARE(micros, interestTotal * interest::kMicrosPerMinor + accumulated);

    // The chart's caption and its points.
    const QVariantMap info = summary.historyInfo();
    QCOMPARE(info.value(QStringLiteral("from")).toDate(), from);
    QCOMPARE(info.value(QStringLiteral("to")).toDate(), to);
    const qint64 earned = interest::monthlyPayout(interestTotal * interest::kMicrosPerMinor + accumulated).paidMinor;
    QCOMPARE(info.value(QStringLiteral("totalMinor")).toLongLong(), earned);
    QCOMPARE(info.value(QStringLiteral("formattedTotal")).toString(), eur(earned).format());
    // In data units (x the day, y the interest earned up to it, in minor units): LineChart.qml
    // maps them to pixels. More points allowed than days: one a day, from the first day to
    // the last at the chart's top (maxValue).
    const qreal top = info.value(QStringLiteral("maxValue")).toDouble();
    QCOMPARE(top, qreal(micros) / interest::kMicrosPerMinor);
    QCOMPARE(info.value(QStringLiteral("lastIndex")).toInt(), 69);
    const QVariantList points = summary.historyPoints(300);
    QCOMPARE(points.size(), 70);
    QCOMPARE(points.constFirst().toPointF().x(), 0.0);
    QCOMPARE(points.constLast().toPointF(), QPointF(69, top));
    // Fewer (a chart 20 pixels wide): that many points, never more, the last day in.
    const QVariantList narrow = summary.historyPoints(20);
    QCOMPARE(narrow.size(), 20);
    for (qsizetype i = 1; i < narrow.size(); ++i) {
        QVERIFY(narrow.at(i - 1).toPointF().x() < narrow.at(i).toPointF().x());
        QVERIFY(narrow.at(i - 1).toPointF().y() <= narrow.at(i).toPointF().y());
    }
    QCOMPARE(narrow.constLast().toPointF(), QPointF(69, top));

    // The summary (refreshed) shows the server's figures.
    // One figure (issue 13, item 6): "earned in total" is paid + this month's, the chart's caption.
    QCOMPARE(summary.interestEarnedMinor(),
             interestTotal + amountOf(server->value(QStringLiteral("interest_this_month"))));
    QCOMPARE(summary.interestEarnedMinor(), earned);
    QCOMPARE(summary.formattedInterestTotal(), info.value(QStringLiteral("formattedTotal")).toString());
    QCOMPARE(summary.formattedInterestThisMonth(),
             eur(amountOf(server->value(QStringLiteral("interest_this_month")))).format());
    QCOMPARE(summary.balanceMinor(), amountOf(server->value(QStringLiteral("balance"))));
    QCOMPARE(summary.balanceMinor(), 7000 + interestTotal);
}

void SavingsModelsTest::offlineFromTheCacheMarkedStale()
{
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QVERIFY(summary.loaded());
    const qint64 balance = summary.balanceMinor();
    const QString total = summary.formattedInterestTotal();
    const int days = summary.historyDays();
    QVERIFY(balance > 7000);
    QCOMPARE(days, 70);
    QTRY_VERIFY(m_fixture->session->online());
    QVERIFY(!summary.stale());
    QSignalSpy changed(&summary, &SavingsSummary::staleChanged);

    // The summary already open says by itself that its figures are old (the tab's banner).
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->session->online(), 10000);
    QVERIFY(summary.stale());
    QVERIFY(changed.size() >= 1);
    QVERIFY(summaryViews.refreshed());
    QVERIFY(summary.loaded());
    QVERIFY(summary.stale());
    QCOMPARE(summary.balanceMinor(), balance);
    QCOMPARE(summary.formattedInterestTotal(), total);
    QCOMPARE(summary.historyDays(), days);
    QVERIFY(summary.asOf().isValid());

    // Offline for days: this month's interest grows by the days that ended since the
    // figures (as_of moved to three days ago in the cache, as if synced then).
    {
        const QDate today = Clock::instance()->todayUtc();
        const QDateTime earlier(today.addDays(-3), QTime(12, 0), Qt::UTC);
        auto db = m_fixture->session->cache()->openConnection(false);
        QVERIFY(db);
        auto stmt = (*db)->prepare(QStringLiteral("UPDATE savings SET as_of = ?1 WHERE id = 1"));
        QVERIFY(stmt);
        stmt->bindAll(earlier.toString(Qt::ISODateWithMs));
        QVERIFY(stmt->exec());
        auto accumulated = (*db)->scalar(QStringLiteral("SELECT accumulated_micros FROM savings WHERE id = 1"), -1);
        QVERIFY(accumulated);
        auto cachedThisMonth = (*db)->scalar(QStringLiteral("SELECT interest_this_month FROM savings WHERE id = 1"), -1);
        QVERIFY(cachedThisMonth && *cachedThisMonth >= 0);
        summary.reload();
        QCOMPARE(summary.asOf(), earlier);
        const auto expected =
            estimateInterestThisMonth(*accumulated, balance, summary.apyBps(), earlier.date(), today);
        QVERIFY(expected);
        QCOMPARE(summary.formattedInterestThisMonth(), eur(*expected).format());
        if (earlier.date().month() == today.month()) {
            // The three days are this month's: three daily accruals on top of the server's
            // accumulator, worth well over a cent on this balance.
            const auto daily = interest::dailyAccrualMicros(balance, 450);
            QVERIFY(daily && *daily > 500'000);
            QCOMPARE(*expected, interest::monthlyPayout(*accumulated + 3 * *daily).paidMinor);
            QVERIFY(*expected >= *cachedThisMonth + 2);
        }
        QVERIFY(summary.stale());
    }

    // Money is never queued offline; what the client refuses by itself it still refuses
    // with its own reason.
    const int pending = m_wallet->pendingCount();
    const qint64 rows = outboxRows();
    auto refused = waitTask(m_wallet->moveSavings(true, eur(100)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Network);
    refused = waitTask(m_wallet->moveSavings(true, eur(0)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidAmount);
    refused = waitTask(m_wallet->moveSavings(false, eur(100), QStringLiteral("not a goal!")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    QCOMPARE(refused.error().field(), QStringLiteral("goal_id"));
    QCOMPARE(m_wallet->pendingCount(), pending);
    QCOMPARE(outboxRows(), rows);
}

void SavingsModelsTest::tenYearsForTheChart()
{
    // Ten years of days (2016–2025, 3 653 rows) written into the cache next to the real
    // ones: the summary loads them all and draws them as one point per pixel column.
    constexpr qint64 kDayMicros = 12'060'148;
    constexpr int kTenYears = 3653;
    qint64 realDays = 0, realMicros = 0;
    QDate realNewest;
    {
        auto db = m_fixture->session->cache()->openConnection(false);
        QVERIFY(db);
        {
            auto st = (*db)->prepare(QStringLiteral("SELECT count(*), sum(accrued_micros), max(date) FROM savings_interest;"));
            QVERIFY(st);
            auto row = st->step();
            QVERIFY(row && *row);
            realDays = st->int64(0);
            realMicros = st->int64(1);
            realNewest = QDate::fromString(st->text(2), Qt::ISODate);
        }
        QCOMPARE(realDays, 70);
        QVERIFY(realNewest > QDate(2026, 1, 1));
        const Status written = (*db)->transaction([&]() -> Status {
            auto insert = (*db)->prepare(QStringLiteral("INSERT INTO savings_interest (date, balance, apy_bps, "
                                                        "accrued_micros, paid) VALUES (?1, ?2, 450, ?3, ?4)"));
            if (!insert)
                return insert.error();
            for (QDate d(2016, 1, 1); d < QDate(2026, 1, 1); d = d.addDays(1)) {
                insert->bindAll(d.toString(Qt::ISODate), qint64(100'000), kDayMicros);
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
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    const qint64 loadMs = timer.elapsed();
    QVERIFY(summary.loaded());
    QCOMPARE(summary.historyDays(), int(realDays) + kTenYears);
    const QVariantMap info = summary.historyInfo();
    QCOMPARE(info.value(QStringLiteral("from")).toDate(), QDate(2016, 1, 1));
    QCOMPARE(info.value(QStringLiteral("to")).toDate(), realNewest);
    QCOMPARE(info.value(QStringLiteral("totalMinor")).toLongLong(),
             interest::monthlyPayout(realMicros + kTenYears * kDayMicros).paidMinor);

    timer.restart();
    const QVariantList points = summary.historyPoints(600);
    const qint64 pointsMs = timer.elapsed();
    const qreal top = info.value(QStringLiteral("maxValue")).toDouble();
    QCOMPARE(points.size(), 600);
    QCOMPARE(points.constFirst().toPointF().x(), 0.0);
    QCOMPARE(points.constLast().toPointF(), QPointF(summary.historyDays() - 1, top));
    for (qsizetype i = 1; i < points.size(); ++i) {
        QVERIFY(points.at(i - 1).toPointF().x() < points.at(i).toPointF().x());
        QVERIFY(points.at(i - 1).toPointF().y() <= points.at(i).toPointF().y());
    }
    // Ten years of equal days before seventy real ones: the line climbs steadily, so the
    // middle point sits about halfway up.
    QVERIFY(qAbs(points.at(300).toPointF().y() / top - 0.5) < 0.025);
    qInfo("10 years: %d days loaded in %lld ms, %d points in %lld ms", summary.historyDays(), loadMs,
          int(points.size()), pointsMs);
    // Generous bounds for a noisy shared machine; the figures above are the measurement.
    QVERIFY(loadMs < 2000);
    QVERIFY(pointsMs < 2000);
}

QTEST_GUILESS_MAIN(SavingsModelsTest)
#include "tst_savingsmodels.moc"