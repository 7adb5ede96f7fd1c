// SPDX-License-Identifier: MIT
// The savings client against the real server (test clock): deposits and withdrawals go
// through the wallet's outbox exactly once, SavingsSummary shows the server's numbers
// from the cache — also with the server gone, marked stale — goals round-trip, the
// interest history fills the chart, and the CLI's savings commands work on the same cache.
#include "common/clock.h"
#include "common/testserver.h"
#include "integrationutil.h"
#include "net/apiclient.h"
#include "savings/goalprogress.h"
#include "savingsviews.h"
#include "savings/savingssummary.h"
#include "storage/database.h"
#include "sync/syncengine.h"
#include "wallet/walletservice.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("savings client password");
const QString kPassphrase = QStringLiteral("savings cache passphrase");

Money eur(qint64 minor)
{
    return Money(minor, QStringLiteral("EUR"));
}

} // namespace

class SavingsClientTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void depositAndWithdrawExactlyOnce();
    void goalsRoundTrip();
    void interestHistoryForTheChart();
    void cliCommands();
    void offlineFromTheCache();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<wallet::WalletService> m_wallet;
    QString m_handle;
};

void SavingsClientTest::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_fixture = std::make_unique<SessionFixture>();
    m_handle = uniqueHandle(QStringLiteral("saver"));
    QVERIFY(createAccount(*m_fixture->session, m_server->url(), m_handle, QStringLiteral("Saver"), kPassword, kPassphrase));
    m_wallet = std::make_unique<wallet::WalletService>(m_fixture->session.get());
    QVERIFY(m_wallet->start());
    for (int i = 0; i < 2; ++i) {
        auto topUp = waitTask(m_wallet->topUp(eur(25000), QStringLiteral("tok_visa")));
        QVERIFY2(topUp && topUp->state == wallet::PaymentIntent::State::Completed, "top-up");
    }
}

void SavingsClientTest::depositAndWithdrawExactlyOnce()
{
    auto in = waitTask(m_wallet->moveSavings(true, eur(30000)));
    QVERIFY2(in, in ? "" : qPrintable(in.error().message));
    QCOMPARE(in->state, wallet::PaymentIntent::State::Completed);
    QCOMPARE(in->answer.value(QStringLiteral("kind")).toString(), QStringLiteral("savings_deposit"));
    // The same intent retried (a lost answer) is a replay, not a second deposit.
    auto again = waitTask(m_wallet->retryPending());
    QVERIFY(again);
    QCOMPARE(*again, 0);

    auto out = waitTask(m_wallet->moveSavings(false, eur(5000)));
    QVERIFY(out && out->state == wallet::PaymentIntent::State::Completed);
    // Refused by the server: more than savings hold; nothing pending afterwards.
    auto tooMuch = waitTask(m_wallet->moveSavings(false, eur(999999)));
    QVERIFY(!tooMuch);
    QCOMPARE(tooMuch.error().code, ErrorCode::InsufficientFunds);
    QCOMPARE(m_wallet->pendingCount(), 0);

    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QVERIFY(summaryViews.refreshed());
    QVERIFY(summary.loaded());
    QCOMPARE(summary.balanceMinor(), 25000);
    QCOMPARE(summary.apyBps(), 450);
    QCOMPARE(summary.unassignedMinor(), 25000);
}

void SavingsClientTest::goalsRoundTrip()
{
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QSignalSpy saved(&summaryViews.service, &savings::SavingsService::goalSaved);
    QSignalSpy failed(&summaryViews.service, &savings::SavingsService::goalFailed);
    QLocale::setDefault(QLocale(QStringLiteral("fr_FR")));
    // The user's today (the suite also runs at fixed instants and zones, see scripts/test-calendar).
    const QDate before = Clock::instance()->today();
    const QDate deadline = before.addMonths(3);
    summaryViews.service.createGoal(QStringLiteral("Vélo"), QStringLiteral("1 200,50"), deadline.toString(Qt::ISODate));
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QVERIFY(saved.wait(10000));
    // A refused target never reaches the server.
    summaryViews.service.createGoal(QStringLiteral("Nothing"), QStringLiteral("-5"), QString());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("target"));
    // A past deadline is refused by the server, with the field.
    summaryViews.service.createGoal(QStringLiteral("Late"), QStringLiteral("10"), QStringLiteral("2001-01-01"));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("deadline"));
    // Not a date: refused at once.
    summaryViews.service.createGoal(QStringLiteral("Soon"), QStringLiteral("10"), QStringLiteral("2027-02-30"));
    QCOMPARE(failed.size(), 3);
    QCOMPARE(failed.at(2).at(1).toString(), QStringLiteral("deadline"));

    QTRY_VERIFY_WITH_TIMEOUT(summaryViews.goalList().size() == 1, 10000);
    const QVariantMap goal = summaryViews.goalList().constFirst().toMap();
    QCOMPARE(goal.value(QStringLiteral("name")).toString(), QStringLiteral("Vélo"));
    QCOMPARE(goal.value(QStringLiteral("targetMinor")).toLongLong(), 120050);
    // Created a moment ago: never "behind", whatever it holds.
    QCOMPARE(goal.value(QStringLiteral("status")).toString(), QStringLiteral("started"));
    QCOMPARE(goal.value(QStringLiteral("onTrack")).toBool(), true);
    QCOMPARE(goal.value(QStringLiteral("deadline")).toString(), deadline.toString(Qt::ISODate));
    // Three calendar months to go: four deposits (today and on the next three 1sts), so
    // about a quarter of the target each, a little less for the interest. The one rule
    // (projectGoal) at the user's today; midnight may pass while the test runs.
    const QDate after = Clock::instance()->today();
    QCOMPARE(goal.value(QStringLiteral("monthsLeft")).toInt(), plaza::calendarSpan(after, deadline).months);
    const qint64 needed = goal.value(QStringLiteral("monthlyNeededMinor")).toLongLong();
    QCOMPARE(goal.value(QStringLiteral("deposits")).toInt(), 4);
    QVERIFY2(needed > 29800 && needed <= 30013, qPrintable(QString::number(needed)));
    const auto rule = [&](QDate today) {
        return savings::projectGoal(0, 120050, before, deadline, today, summary.apyBps()).neededMonthlyMinor;
    };
    QVERIFY2(needed == rule(before) || needed == rule(after), qPrintable(QString::number(needed)));

    auto intoGoal = waitTask(m_wallet->moveSavings(true, eur(1000), goal.value(QStringLiteral("goalId")).toString()));
    QVERIFY(intoGoal && intoGoal->state == wallet::PaymentIntent::State::Completed);
    QTRY_COMPARE_WITH_TIMEOUT(summaryViews.goalList().constFirst().toMap().value(QStringLiteral("savedMinor")).toLongLong(), 1000LL,
                              10000);
    QCOMPARE(summary.unassignedMinor(), 25000);
}

void SavingsClientTest::interestHistoryForTheChart()
{
    // Twenty-five days pass (within the refresh token's life): twenty-five daily accruals,
    // and a payout on the 1st if one lies in between.
    auto jump = waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/test/clock"),
                                                          {{QStringLiteral("advance_s"), 25 * 86400}}));
    QVERIFY2(jump, jump ? "" : qPrintable(jump.error().message));
    SavingsViews summaryViews(m_fixture->session.get());
    auto &summary = summaryViews.summary;
    QVERIFY(summaryViews.refreshed());
    QCOMPARE(summary.historyDays(), 25);
    // Data units: x the day, y the interest earned up to it (LineChart.qml maps them to pixels).
    const QVariantList points = summary.historyPoints(300);
    QCOMPARE(points.size(), 25);
    // Cumulative: never going down, ending at the chart's top.
    qreal lastY = -1;
    for (const QVariant &p : points) {
        QVERIFY(p.toPointF().y() >= lastY - 1e-9);
        lastY = p.toPointF().y();
    }
    QCOMPARE(points.constLast().toPointF().y(), summary.historyInfo().value(QStringLiteral("maxValue")).toDouble());
    QCOMPARE(points.constLast().toPointF().x(), 24.0);
    const QVariantMap projection = summary.projection(QStringLiteral("100"));
    QVERIFY(projection.value(QStringLiteral("ok")).toBool());
    const QVariantList months = projection.value(QStringLiteral("months")).toList();
    QCOMPARE(months.size(), 12);
    QVERIFY(months.constLast().toMap().value(QStringLiteral("withMinor")).toLongLong()
            >= months.constLast().toMap().value(QStringLiteral("withoutMinor")).toLongLong() + 12 * 10000); // today + eleven 1sts
    QCOMPARE(projection.value(QStringLiteral("deposits")).toInt(), 12);
    QCOMPARE(projection.value(QStringLiteral("formattedDeposits")).toString(), Money(120000, QStringLiteral("EUR")).format());
    QVERIFY(!summary.projection(QStringLiteral("12,345.678")).value(QStringLiteral("ok")).toBool());

    // A refresh asks only for what the cache lacks: an older cached day is final and is not
    // downloaded again (marked here in the cache, it stays marked), three new days arrive.
    QString oldest;
    {
        auto db = m_fixture->session->cache()->openConnection(false);
        QVERIFY(db);
        auto first = (*db)->prepare(QStringLiteral("SELECT min(date) FROM savings_interest;"));
        QVERIFY(first);
        auto row = first->step();
        QVERIFY(row && *row);
        oldest = first->text(0);
        QVERIFY((*db)->exec(QStringLiteral("UPDATE savings_interest SET accrued_micros = 7 WHERE date = '%1';").arg(oldest)));
    }
    jump = waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 3 * 86400}}));
    QVERIFY(jump);
    QVERIFY(summaryViews.refreshed());
    QCOMPARE(summary.historyDays(), 28);
    {
        auto db = m_fixture->session->cache()->openConnection(true);
        QVERIFY(db);
        auto marked = (*db)->prepare(QStringLiteral("SELECT accrued_micros FROM savings_interest WHERE date = ?1;"));
        QVERIFY(marked);
        marked->bind(1, oldest);
        auto row = marked->step();
        QVERIFY(row && *row);
        QCOMPARE(marked->int64(0), qint64(7));
    }
}

void SavingsClientTest::cliCommands()
{
    // A second device: the CLI on its own cache, signed in with the same account.
    QTemporaryDir data, config;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_PASSPHRASE"), QStringLiteral("cli cache passphrase"));
    CliRun login = runCli({QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(),
                           QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                          kPassword.toUtf8(), env, data.path(), config.path());
    QVERIFY2(login.exitCode == 0, qPrintable(login.err));
    CliRun deposit = runCli({QStringLiteral("deposit"), QStringLiteral("7.25")}, {}, env, data.path(), config.path());
    QVERIFY2(deposit.exitCode == 0, qPrintable(deposit.err));
    QVERIFY(deposit.out.startsWith(u"deposited"));
    CliRun summary = runCli({QStringLiteral("savings")}, {}, env, data.path(), config.path());
    QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    QVERIFY(summary.out.contains(u"apy: 4.50"));
    QVERIFY(summary.out.contains(u"goals: 1"));
    QVERIFY2(summary.out.contains(u"\n  g_") && summary.out.contains(u"Vélo"), qPrintable(summary.out)); // listed too
    // The tab's rule, word for word: a goal a moment old is "started", with its deposit.
    QVERIFY2(summary.out.contains(u" (3 months 0 days)  started  add ") || summary.out.contains(u" (2 months "),
             qPrintable(summary.out));
    QVERIFY2(summary.out.contains(u" now and on each 1st"), qPrintable(summary.out));
    CliRun add = runCli({QStringLiteral("goals"), QStringLiteral("add"), QStringLiteral("Piano"), QStringLiteral("300")}, {},
                        env, data.path(), config.path());
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    CliRun list = runCli({QStringLiteral("goals")}, {}, env, data.path(), config.path());
    QVERIFY(list.out.contains(u"Piano") && list.out.contains(u"Vélo"));
    CliRun bad = runCli({QStringLiteral("withdraw"), QStringLiteral("1000000")}, {}, env, data.path(), config.path());
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains(u"insufficient_funds"));
    CliRun usage = runCli({QStringLiteral("goals"), QStringLiteral("delete"), QStringLiteral("nope")}, {}, env, data.path(),
                          config.path());
    QCOMPARE(usage.exitCode, 2);
}

void SavingsClientTest::offlineFromTheCache()
{
    SavingsViews beforeViews(m_fixture->session.get());
    auto &before = beforeViews.summary;
    QVERIFY(beforeViews.refreshed());
    const qint64 balance = before.balanceMinor();
    const int goals = int(beforeViews.goalList().size());
    const int days = before.historyDays();
    QVERIFY(balance > 0 && goals == 2 && days == 28);

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->session->online(), 20000);
    SavingsViews offlineViews(m_fixture->session.get());
    auto &offline = offlineViews.summary;
    QVERIFY(offlineViews.refreshed()); // the server is gone: the cache answers
    QVERIFY(offline.loaded());
    QVERIFY(offline.stale());
    QCOMPARE(offline.balanceMinor(), balance);
    QCOMPARE(int(offlineViews.goalList().size()), goals);
    QCOMPARE(offline.historyDays(), days);
    QVERIFY(offline.errorCode().isEmpty());
    // Nothing moves while offline, and nothing is queued.
    auto refused = waitTask(m_wallet->moveSavings(true, eur(100)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Network);
    QCOMPARE(m_wallet->pendingCount(), 0);
}

QTEST_GUILESS_MAIN(SavingsClientTest)

#include "tst_savings.moc"
