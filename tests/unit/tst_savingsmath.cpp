// SPDX-License-Identifier: MIT
// The savings views' math (core/savings/goalprogress.h): month starts, goal status and the
// monthly deposit a goal needs, and the offline estimate of this month's interest. Values
// at 0 % are done by hand; daily accruals use the bc references of tst_interest.cpp:
//   1 000.00 € (100 000 minor) at 4.50 %: 10^11 * r450 = 12060147.839… -> 12 060 148 micros
//   1 000.00 € at 5.00 %:                 10^11 * r500 = 13368061.711… -> 13 368 062 micros
//   10^11 minor (API maximum) at 4.50 %:  10^17 * r450 -> 12 060 147 839 494 micros
#include "money/interest.h"
#include "money/money.h"
#include "savings/goalprogress.h"

#include <QTest>

using namespace plaza::savings;
namespace interest = plaza::interest;

class TestSavingsMath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void monthStarts();
    void goalStatusAtZeroRate();
    void aNewGoalIsNeverBehind();
    void goalNeededMonthlyIsMinimal();
    void interestTipsAGoalOnTrack();
    void estimateSameDay();
    void estimateDaysLater();
    void estimateCarryAcrossAMonth();
    void estimateLeapYear();
    void estimateApyChangeMidMonth();
    void estimateZeroBalanceAndTopOfRange();
    void estimateRefusesNonsense();
};

void TestSavingsMath::monthStarts()
{
    QCOMPARE(monthStartsBetween(QDate(2026, 11, 23), QDate(2027, 2, 15)), 3); // Dec 1, Jan 1, Feb 1
    QCOMPARE(monthStartsBetween(QDate(2026, 11, 23), QDate(2026, 11, 30)), 0);
    QCOMPARE(monthStartsBetween(QDate(2026, 11, 30), QDate(2026, 12, 1)), 1);
    QCOMPARE(monthStartsBetween(QDate(2024, 1, 31), QDate(2024, 3, 1)), 2);
    QCOMPARE(monthStartsBetween(QDate(2024, 2, 28), QDate(2024, 2, 29)), 0);
    QCOMPARE(monthStartsBetween(QDate(2027, 1, 1), QDate(2026, 1, 1)), 0);
    QCOMPARE(monthStartsBetween(QDate(), QDate(2026, 1, 1)), 0);
}

void TestSavingsMath::goalStatusAtZeroRate()
{
    const QDate today(2026, 11, 23);
    const QDate created(2026, 9, 10); // Oct 1 and Nov 1 since: pace = 1000 / 2 = 500 a month
    // Deadline 2027-03-15: 3 months and 20 days; five deposits (today, Dec 1, Jan 1, Feb 1,
    // Mar 1): 1000 + 5 × 400 = 3000.
    GoalProjection p = projectGoal(1000, 3000, created, QDate(2027, 3, 15), today, 0);
    QCOMPARE(p.status, GoalStatus::OnTrack);
    QCOMPARE(p.left, (plaza::CalendarSpan{3, 20}));
    QCOMPARE(p.deposits, 5);
    QCOMPARE(p.paceMinor, 500);
    QCOMPARE(p.projectedMinor, 1000); // interest alone, at 0 %
    QCOMPARE(p.neededMonthlyMinor, 400);
    QCOMPARE(goalStatusName(p.status), QStringLiteral("on_track"));
    // 3600: 520 a month needed (1000 + 5 × 520 = 3600), more than the pace.
    p = projectGoal(1000, 3600, created, QDate(2027, 3, 15), today, 0);
    QCOMPARE(p.status, GoalStatus::Behind);
    QCOMPARE(p.neededMonthlyMinor, 520);
    QCOMPARE(goalStatusName(p.status), QStringLiteral("behind"));
    // Reached wins over everything, even an overdue deadline.
    QCOMPARE(projectGoal(3000, 3000, created, QDate(2026, 1, 1), today, 0).status, GoalStatus::Reached);
    QCOMPARE(projectGoal(1000, 3000, created, QDate(), today, 450).status, GoalStatus::NoDeadline);
    p = projectGoal(1000, 3000, created, QDate(2026, 11, 22), today, 0);
    QCOMPARE(p.status, GoalStatus::Overdue);
    QCOMPARE(p.neededMonthlyMinor, -1);
    QCOMPARE(p.deposits, 0);
    QCOMPARE(goalStatusName(p.status), QStringLiteral("overdue"));
    // Due later this month, or today: one deposit left, today's, of the whole gap.
    for (const QDate due : {QDate(2026, 11, 30), today}) {
        p = projectGoal(1000, 3000, created, due, today, 0);
        QCOMPARE(p.status, GoalStatus::Behind);
        QCOMPARE(p.deposits, 1);
        QCOMPARE(p.neededMonthlyMinor, 2000);
    }
    // Interest alone would do: nothing to add.
    QCOMPARE(projectGoal(2999, 3000, created, QDate(2027, 3, 15), today, 450).neededMonthlyMinor, 0);
}

void TestSavingsMath::aNewGoalIsNeverBehind()
{
    // Less than a calendar month old: no pace to judge, whatever it holds or needs.
    const QDate today(2026, 11, 23);
    for (const QDate created : {today, QDate(2026, 11, 5), QDate(2026, 10, 30) /* Nov 1 passed, not a month */}) {
        const GoalProjection p = projectGoal(0, 3000, created, QDate(2027, 3, 15), today, 0);
        QCOMPARE(p.status, GoalStatus::Started);
        QCOMPARE(goalStatusName(p.status), QStringLiteral("started"));
        QCOMPARE(p.paceMinor, 0);
        QCOMPARE(p.neededMonthlyMinor, 600); // 5 × 600 = 3000
    }
    // Created on 30 November at 23:59, seen on 1 December: still started.
    QCOMPARE(projectGoal(0, 3000, QDate(2026, 11, 30), QDate(2027, 3, 15), QDate(2026, 12, 1), 0).status,
             GoalStatus::Started);
    // A calendar month on, it is judged.
    QCOMPARE(projectGoal(0, 3000, QDate(2026, 10, 23), QDate(2027, 3, 15), today, 0).status, GoalStatus::Behind);
    // An unknown creation date (an old cache) is never judged either.
    QCOMPARE(projectGoal(0, 3000, QDate(), QDate(2027, 3, 15), today, 0).status, GoalStatus::Started);
}

void TestSavingsMath::goalNeededMonthlyIsMinimal()
{
    const QDate today(2026, 11, 23);
    const QDate deadline(2028, 6, 30);
    const int months = monthStartsBetween(today, deadline); // 19: Dec 1 2026 … Jun 1 2028
    QCOMPARE(months, 19);
    const GoalProjection p = projectGoal(50'000, 1'000'000, QDate(2026, 1, 5), deadline, today, 450);
    QCOMPARE(p.deposits, 20);
    QVERIFY(p.neededMonthlyMinor > 0);
    // d today and on each of the 19 1sts (projectBalance's last month leaves out that 1st's deposit).
    const auto reach = [&](qint64 d) {
        return interest::projectBalance(50'000 + d, 450, months, d, today).constLast() + d;
    };
    QVERIFY(reach(p.neededMonthlyMinor) >= 1'000'000);
    QVERIFY(reach(p.neededMonthlyMinor - 1) < 1'000'000);
    // Interest makes it need less than the 0 % amount: 950 000 / 20 = 47 500.
    QCOMPARE(projectGoal(50'000, 1'000'000, QDate(2026, 1, 5), deadline, today, 0).neededMonthlyMinor, 47'500);
    QVERIFY(p.neededMonthlyMinor < 47'500);
}

void TestSavingsMath::interestTipsAGoalOnTrack()
{
    // At 0 % a target of 3501 needs 501 a month (1000 + 5 × 501 ≥ 3501), one more than the
    // pace of 500: behind. At 4.50 % the interest over those months makes 500 enough.
    const QDate today(2026, 11, 23);
    QCOMPARE(projectGoal(1000, 3501, QDate(2026, 9, 10), QDate(2027, 3, 15), today, 0).status, GoalStatus::Behind);
    const GoalProjection p = projectGoal(1000, 3501, QDate(2026, 9, 10), QDate(2027, 3, 15), today, 450);
    QCOMPARE(p.status, GoalStatus::OnTrack);
    QVERIFY(p.neededMonthlyMinor <= 500);
    QVERIFY(p.projectedMinor > 1000 && p.projectedMinor < 1100);
}

void TestSavingsMath::estimateSameDay()
{
    // Figures from today: just the accumulator, as the next 1st would pay it (half to even).
    QCOMPARE(estimateInterestThisMonth(7'400'000, 100'000, 450, QDate(2026, 11, 23), QDate(2026, 11, 23)), 7);
    QCOMPARE(estimateInterestThisMonth(1'500'000, 100'000, 450, QDate(2026, 11, 23), QDate(2026, 11, 23)), 2);
    QCOMPARE(estimateInterestThisMonth(2'500'000, 100'000, 450, QDate(2026, 11, 23), QDate(2026, 11, 23)), 2);
    // A negative carry (last month rounded up) counts too: −0.4 → 0.
    QCOMPARE(estimateInterestThisMonth(-400'000, 0, 450, QDate(2026, 11, 23), QDate(2026, 11, 23)), 0);
}

void TestSavingsMath::estimateDaysLater()
{
    // Synced on the 20th (accrued through the 19th), offline until the 23rd: the 20th, 21st
    // and 22nd have ended: 2 300 000 + 3 × 12 060 148 = 38 480 444 micros -> 38.
    QCOMPARE(estimateInterestThisMonth(2'300'000, 100'000, 450, QDate(2026, 11, 20), QDate(2026, 11, 23)), 38);
}

void TestSavingsMath::estimateCarryAcrossAMonth()
{
    // Synced on Oct 30, offline until Nov 3: October was paid on Nov 1 (unknown here), so only
    // Nov 1 and Nov 2 count, without the carry: 2 × 12 060 148 = 24 120 296 -> 24.
    QCOMPARE(estimateInterestThisMonth(300'000'000, 100'000, 450, QDate(2026, 10, 30), QDate(2026, 11, 3)), 24);
    // On Nov 1 itself no November day has ended yet: 0.
    QCOMPARE(estimateInterestThisMonth(300'000'000, 100'000, 450, QDate(2026, 10, 30), QDate(2026, 11, 1)), 0);
    // On Oct 31 it is still October's figure plus the 30th: 312 060 148 -> 312.
    QCOMPARE(estimateInterestThisMonth(300'000'000, 100'000, 450, QDate(2026, 10, 30), QDate(2026, 10, 31)), 312);
}

void TestSavingsMath::estimateLeapYear()
{
    // Feb 28 → Mar 2, 2024: February (with its 29th) was paid on Mar 1; only Mar 1 counts.
    QCOMPARE(estimateInterestThisMonth(5'000'000, 100'000, 450, QDate(2024, 2, 28), QDate(2024, 3, 2)), 12);
    QCOMPARE(estimateInterestThisMonth(0, 100'000, 450, QDate(2024, 2, 28), QDate(2024, 3, 1)), 0); // paid on Mar 1
    // Within February 2024 the 27th and the 28th have ended by the 29th: 24 120 296 -> 24.
    QCOMPARE(estimateInterestThisMonth(0, 100'000, 450, QDate(2024, 2, 27), QDate(2024, 2, 29)), 24);
}

void TestSavingsMath::estimateApyChangeMidMonth()
{
    // The server accrued 15 days at 4.50 % (15 × 12 060 148 = 180 902 220); the rate became
    // 5.00 % and we are offline 5 more days: 5 × 13 368 062 = 66 840 310; total 247 742 530 -> 248.
    QCOMPARE(estimateInterestThisMonth(180'902'220, 100'000, 500, QDate(2026, 11, 16), QDate(2026, 11, 21)), 248);
}

void TestSavingsMath::estimateZeroBalanceAndTopOfRange()
{
    QCOMPARE(estimateInterestThisMonth(0, 0, 450, QDate(2026, 11, 1), QDate(2026, 11, 30)), 0);
    // 10^11 minor for 29 days (Nov 1 … Nov 29): 29 × 12 060 147 839 494 = 349 744 287 345 326
    // micros -> 349 744 287 (.345326 rounds down).
    QCOMPARE(estimateInterestThisMonth(0, plaza::Money::kMaxApiAmount, 450, QDate(2026, 11, 1), QDate(2026, 11, 30)),
             349'744'287);
}

void TestSavingsMath::estimateRefusesNonsense()
{
    QCOMPARE(estimateInterestThisMonth(0, -1, 450, QDate(2026, 11, 1), QDate(2026, 11, 3)), std::nullopt);
    QCOMPARE(estimateInterestThisMonth(0, 100, 450, QDate(), QDate(2026, 11, 3)), std::nullopt);
    QCOMPARE(estimateInterestThisMonth(0, 100, 200'000, QDate(2026, 11, 1), QDate(2026, 11, 3)), std::nullopt);
    // Near int64's end the sum overflows: nothing rather than a wrong number.
    QCOMPARE(estimateInterestThisMonth(std::numeric_limits<qint64>::max() - 10, 100'000, 450, QDate(2026, 11, 1),
                                       QDate(2026, 11, 3)),
             std::nullopt);
}

QTEST_GUILESS_MAIN(TestSavingsMath)
#include "tst_savingsmath.moc"
