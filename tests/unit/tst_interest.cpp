// SPDX-License-Identifier: MIT
// Savings interest (api-v1.md "Savings"). Every expected value below was computed with
// `bc -l` at scale=70 while writing this test (never with the code under test); the bc
// expressions are quoted next to the numbers. r450 denotes the 4.50 % daily rate:
//   r450 = e(l(1.045)/365) - 1 = 0.000120601478394943155471713222843401387263819...
// and rhe(x) is round-half-to-even to an integer.
#include "money/interest.h"
#include "money/money.h"

#include <QTest>

#include <limits>

using plaza::Money;
namespace interest = plaza::interest;

namespace {

constexpr qint64 kInt64Max = std::numeric_limits<qint64>::max();
constexpr qint64 kInt64Min = std::numeric_limits<qint64>::min();

qint64 accrual(qint64 balanceMinor, int apyBps)
{
    const std::optional<qint64> micros = interest::dailyAccrualMicros(balanceMinor, apyBps);
    if (!micros)
        qFatal("no accrual where one was expected");
    return *micros;
}

} // namespace

class TestInterest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dailyAccrual_data();
    void dailyAccrual();
    void dailyAccrualRefuses();
    void payoutRoundsHalfToEven_data();
    void payoutRoundsHalfToEven();
    void carryAcrossThreeMonths();
    void apyChangeMidMonth();
    void leapYearFebruary();
    void thirteenMonthsAgainstCompound();
    void projection();
    void projectionRefuses();
    void estimateThisMonth();
};

void TestInterest::dailyAccrual_data()
{
    QTest::addColumn<qint64>("balance");
    QTest::addColumn<int>("apyBps");
    QTest::addColumn<qint64>("micros");

    // 1 000.00 € = 100 000 minor: 10^11 * r450 = 12060147.839494315547... -> rounds up.
    QTest::newRow("1000.00 at 4.50%") << qint64(100'000) << 450 << qint64(12'060'148);
    QTest::newRow("zero balance") << qint64(0) << 450 << qint64(0);
    // One cent: 10^6 * r450 = 120.601478394943155471... -> 121.
    QTest::newRow("one cent") << qint64(1) << 450 << qint64(121);
    // API maximum 10^11 minor: 10^17 * r450 = 12060147839494.315547171322... -> rounds down.
    QTest::newRow("API maximum") << Money::kMaxApiAmount << 450 << qint64(12'060'147'839'494);
    // 10^16 minor checks 19 significant digits of the rate:
    // 10^22 * r450 = 1206014783949431554.717132228434... -> 1206014783949431555.
    QTest::newRow("1e16 minor, rate digits") << qint64(10'000'000'000'000'000) << 450
                                             << qint64(1'206'014'783'949'431'555);
    // 5.00 %: r500 = e(l(1.05)/365) - 1; 10^11 * r500 = 13368061.711344035050... -> up.
    QTest::newRow("1000.00 at 5.00%") << qint64(100'000) << 500 << qint64(13'368'062);
    // int64 max at 0.01 % fits: r1 = e(l(1.0001)/365) - 1;
    // 9223372036854775807 * 10^6 * r1 = 2526825249957425134.260983837328... -> down.
    QTest::newRow("int64 max at 0.01%") << kInt64Max << 1 << qint64(2'526'825'249'957'425'134);
    // The largest APY accepted, 1 000 %: r = e(l(11)/365) - 1;
    // 10^14 * 10^6 * r = 659120308899158732.698242892648... -> up.
    QTest::newRow("1000% APY") << qint64(100'000'000'000'000) << interest::kMaxApyBps
                               << qint64(659'120'308'899'158'733);
    QTest::newRow("zero APY") << Money::kMaxApiAmount << 0 << qint64(0);
}

void TestInterest::dailyAccrual()
{
    QFETCH(qint64, balance);
    QFETCH(int, apyBps);
    QFETCH(qint64, micros);
    QCOMPARE(interest::dailyAccrualMicros(balance, apyBps), std::optional<qint64>(micros));
}

void TestInterest::dailyAccrualRefuses()
{
    // int64 max at 4.50 % is ~1.1e21 micros: nothing, not a wrapped number.
    QCOMPARE(interest::dailyAccrualMicros(kInt64Max, 450), std::nullopt);
    // Just past the limit at 4.50 %: rate * 10^6 = 120.6014..., int64 max / that ~ 7.65e16.
    QCOMPARE(interest::dailyAccrualMicros(qint64(80'000'000'000'000'000), 450), std::nullopt);
    QVERIFY(interest::dailyAccrualMicros(qint64(70'000'000'000'000'000), 450).has_value());
    QCOMPARE(interest::dailyAccrualMicros(-1, 450), std::nullopt);
    QCOMPARE(interest::dailyAccrualMicros(100, -1), std::nullopt);
    QCOMPARE(interest::dailyAccrualMicros(100, interest::kMaxApyBps + 1), std::nullopt);
}

void TestInterest::payoutRoundsHalfToEven_data()
{
    QTest::addColumn<qint64>("accumulated");
    QTest::addColumn<qint64>("paid");
    QTest::addColumn<qint64>("carried");

    QTest::newRow("2.5 -> 2 (down to even)") << qint64(2'500'000) << qint64(2) << qint64(500'000);
    QTest::newRow("3.5 -> 4 (up to even)") << qint64(3'500'000) << qint64(4) << qint64(-500'000);
    QTest::newRow("0.5 -> 0") << qint64(500'000) << qint64(0) << qint64(500'000);
    QTest::newRow("2.500001 -> 3") << qint64(2'500'001) << qint64(3) << qint64(-499'999);
    QTest::newRow("3.499999 -> 3") << qint64(3'499'999) << qint64(3) << qint64(499'999);
    QTest::newRow("1.7 -> 2, negative carry") << qint64(1'700'000) << qint64(2) << qint64(-300'000);
    QTest::newRow("1.3 -> 1") << qint64(1'300'000) << qint64(1) << qint64(300'000);
    QTest::newRow("exact") << qint64(42'000'000) << qint64(42) << qint64(0);
    QTest::newRow("zero") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("-0.4 (negative carry, no accrual)") << qint64(-400'000) << qint64(0) << qint64(-400'000);
    QTest::newRow("-2.5 -> -2") << qint64(-2'500'000) << qint64(-2) << qint64(-500'000);
    QTest::newRow("-3.5 -> -4") << qint64(-3'500'000) << qint64(-4) << qint64(500'000);
    // 9223372036854775807 = 9223372036854 * 10^6 + 775807 -> rounds up, no overflow.
    QTest::newRow("int64 max") << kInt64Max << qint64(9'223'372'036'855) << qint64(-224'193);
    // -9223372036854775808 = -9223372036854 * 10^6 - 775808 -> rounds down.
    QTest::newRow("int64 min") << kInt64Min << qint64(-9'223'372'036'855) << qint64(224'192);
}

void TestInterest::payoutRoundsHalfToEven()
{
    QFETCH(qint64, accumulated);
    QFETCH(qint64, paid);
    QFETCH(qint64, carried);
    const interest::Payout payout = interest::monthlyPayout(accumulated);
    QCOMPARE(payout.paidMinor, paid);
    QCOMPARE(payout.carriedMicros, carried);
}

void TestInterest::carryAcrossThreeMonths()
{
    // 1 000.00 € at 4.50 % from 2025-01-01, interest paid into the balance each 1st.
    // bc, per month m with d days: a = rhe(b*10^6*r450); acc = carry + d*a;
    // paid = rhe(acc/10^6); carry = acc - paid*10^6; b += paid:
    //   Jan (31): a = 12060148, acc = 373864588, paid 374, carry -135412, b = 100374
    //   Feb (28): a = 12105253, acc = 338811672, paid 339, carry -188328, b = 100713
    //   Mar (31): a = 12146137, acc = 376341919, paid 376, carry  341919, b = 101089
    struct Month
    {
        int days;
        qint64 accrual, paid, carried, balance;
    };
    const Month expected[] = {
        {31, 12'060'148, 374, -135'412, 100'374},
        {28, 12'105'253, 339, -188'328, 100'713},
        {31, 12'146'137, 376, 341'919, 101'089},
    };
    qint64 balance = 100'000;
    qint64 carried = 0;
    qint64 sumAccruals = 0;
    qint64 sumPaid = 0;
    for (const Month &month : expected) {
        const qint64 daily = accrual(balance, 450);
        QCOMPARE(daily, month.accrual);
        qint64 accumulated = carried;
        for (int day = 0; day < month.days; ++day) {
            accumulated += daily;
            sumAccruals += daily;
        }
        const interest::Payout payout = interest::monthlyPayout(accumulated);
        QCOMPARE(payout.paidMinor, month.paid);
        QCOMPARE(payout.carriedMicros, month.carried);
        carried = payout.carriedMicros;
        sumPaid += payout.paidMinor;
        balance += payout.paidMinor;
        QCOMPARE(balance, month.balance);
    }
    // Nothing lost or created: bc sum of d*a over the three months = 1089341919.
    QCOMPARE(sumAccruals, qint64(1'089'341'919));
    QCOMPARE(sumPaid * interest::kMicrosPerMinor + carried, sumAccruals);

    // The projection applies the same rules.
    QCOMPARE(interest::projectBalance(100'000, 450, 3, 0, QDate(2025, 1, 1)),
             (QList<qint64>{100'374, 100'713, 101'089}));
}

void TestInterest::apyChangeMidMonth()
{
    // April 2025 (30 days) on 1 000.00 €: 15 days at 4.50 % then 15 at 5.00 %, one payout.
    // 15*12060148 + 15*13368062 = 180902220 + 200520930 = 381423150 -> paid 381, carry 423150
    // (down), whereas 30 days at 4.50 % = 361804440 -> paid 362, carry -195560 (up).
    QList<qint64> accruals;
    for (int day = 1; day <= 30; ++day)
        accruals.append(accrual(100'000, day <= 15 ? 450 : 500));
    qint64 accumulated = 0;
    for (const qint64 micros : accruals)
        accumulated += micros;
    QCOMPARE(accumulated, qint64(381'423'150));
    QCOMPARE(interest::monthlyPayout(accumulated), (interest::Payout{381, 423'150}));
    QCOMPARE(interest::monthlyPayout(30 * accrual(100'000, 450)), (interest::Payout{362, -195'560}));
}

void TestInterest::leapYearFebruary()
{
    // 10 000.00 € = 10^6 minor: a = rhe(10^12 * r450) = rhe(120601478.394943...) = 120601478.
    // February 2024 has 29 accruals at the same 1/365 exponent (api-v1), 2023 has 28:
    //   29 * 120601478 = 3497442862 -> paid 3497, carry  442862
    //   28 * 120601478 = 3376841384 -> paid 3377, carry -158616
    QCOMPARE(accrual(1'000'000, 450), qint64(120'601'478));
    QCOMPARE(interest::monthlyPayout(29 * qint64(120'601'478)), (interest::Payout{3497, 442'862}));
    QCOMPARE(interest::projectBalance(1'000'000, 450, 1, 0, QDate(2024, 2, 1)),
             QList<qint64>{1'003'497});
    QCOMPARE(interest::projectBalance(1'000'000, 450, 1, 0, QDate(2023, 2, 1)),
             QList<qint64>{1'003'377});
}

void TestInterest::thirteenMonthsAgainstCompound()
{
    // 10 000.00 € at 4.50 % from 2025-01-01 to 2026-01-31: 13 payouts over 396 days, each
    // month's interest computed with the running loop below (daily accrual + payout only).
    qint64 balance = 1'000'000;
    qint64 carried = 0;
    qint64 sumAccruals = 0;
    for (QDate day(2025, 1, 1); day < QDate(2026, 2, 1); day = day.addDays(1)) {
        const qint64 daily = accrual(balance, 450);
        carried += daily;
        sumAccruals += daily;
        if (day.addDays(1).day() == 1) {
            const interest::Payout payout = interest::monthlyPayout(carried);
            balance += payout.paidMinor;
            carried = payout.carriedMicros;
        }
    }
    // Every micro accounted for: all that was paid plus the last carry is all that accrued.
    QCOMPARE((balance - 1'000'000) * interest::kMicrosPerMinor + carried, sumAccruals);
    // The same scheme in bc with rhe() at each step ends at 1048825, carry 127900.
    QCOMPARE(balance, qint64(1'048'825));
    QCOMPARE(carried, qint64(127'900));

    // Tolerance against exact values:
    // 1) The scheme without any rounding, 10^6 * prod over months (1 + d_m * r450), is
    //    1048825.1241055654766... Rounding never drifts because the rest is carried:
    //    within 1 minor unit.
    QVERIFY(qAbs(balance * 10'000 - qint64(10'488'251'241)) <= 10'000);
    // 2) Pure daily compounding, 10^6 * e(l(1.045)*396/365) = 1048913.9607805314994...
    //    Monthly payout means interest earns interest only from the next 1st, so the
    //    balance trails it by the within-month compounding, ~sum over months of
    //    C(d_m, 2) * r450^2 * balance = 88.96 minor units here. Documented tolerance:
    //    below it by 88 to 90 minor units.
    const qint64 dailyCompoundE4 = 10'489'139'608; // 1048913.9608 * 10^4
    const qint64 gapE4 = dailyCompoundE4 - balance * 10'000;
    QVERIFY2(gapE4 > 880'000 && gapE4 < 900'000, qPrintable(QString::number(gapE4)));

    QCOMPARE(interest::projectBalance(1'000'000, 450, 13, 0, QDate(2025, 1, 1)).constLast(), balance);
}

void TestInterest::projection()
{
    // 10 000.00 € at 4.50 % from 2025-01-15: a partial January (17 days), then Feb, Mar.
    // Without deposit (bc):
    //   Jan: a = 120601478, 17*a = 2050225126 -> 2050, carry 225126, b = 1002050
    //   Feb: a = rhe(1002050*10^6*r450) = 120848711, acc = 225126 + 28*a -> 3384, b = 1005434
    //   Mar: a = 121256827 -> 3759, b = 1009193
    QCOMPARE(interest::projectBalance(1'000'000, 450, 3, 0, QDate(2025, 1, 15)),
             (QList<qint64>{1'002'050, 1'005'434, 1'009'193}));
    // With 100.00 € deposited on each 1st after the start (after that day's payout):
    //   Jan: as above, b = 1002050, then +10000
    //   Feb: a = rhe(1012050*10^6*r450) = 122054726 -> 3418, b = 1015468, then +10000
    //   Mar: a = rhe(1025468*10^6*r450) = 123672957 -> 3834, b = 1029302
    QCOMPARE(interest::projectBalance(1'000'000, 450, 3, 10'000, QDate(2025, 1, 15)),
             (QList<qint64>{1'002'050, 1'015'468, 1'029'302}));
    // Starting on the last day of a month: one accrual, paid the next morning.
    // 120601478 -> rhe(120.601478) = 121.
    QCOMPARE(interest::projectBalance(1'000'000, 450, 1, 0, QDate(2025, 1, 31)),
             QList<qint64>{1'000'121});
    // "50 € a month for 12 months" is twelve deposits: today and on each of the next eleven
    // 1sts (issue 13, item 6: the tab used to show eleven, "+562 €" for 50 € × 12).
    QCOMPARE(interest::projectWithDeposits(0, 0, 12, 5'000, QDate(2025, 1, 15)).constLast(), 60'000);
    QCOMPARE(interest::projectWithDeposits(0, 0, 12, 5'000, QDate(2025, 1, 1)).constLast(), 60'000);
    QCOMPARE(interest::projectWithDeposits(1'000'000, 450, 3, 10'000, QDate(2025, 1, 15)),
             interest::projectBalance(1'010'000, 450, 3, 10'000, QDate(2025, 1, 15)));
    const qint64 moved = interest::projectWithDeposits(1'000'000, 450, 12, 5'000, QDate(2025, 1, 15)).constLast()
                         - interest::projectBalance(1'000'000, 450, 12, 0, QDate(2025, 1, 15)).constLast();
    QVERIFY2(moved > 60'000 && moved < 61'500, qPrintable(QString::number(moved))); // 600 € + their interest
    QVERIFY(interest::projectWithDeposits(kInt64Max, 0, 3, 1, QDate(2025, 1, 1)).isEmpty());
    // Thirty years of months stays fast and never falls short.
    QCOMPARE(interest::projectBalance(Money::kMaxApiAmount, 450, 360, Money::kMaxApiAmount,
                                      QDate(2025, 1, 1))
                 .size(),
             360);
}

void TestInterest::projectionRefuses()
{
    const QDate start(2025, 1, 1);
    QVERIFY(interest::projectBalance(1000, 450, 0, 0, start).isEmpty());
    QVERIFY(interest::projectBalance(-1, 450, 3, 0, start).isEmpty());
    QVERIFY(interest::projectBalance(1000, 450, 3, -1, start).isEmpty());
    QVERIFY(interest::projectBalance(1000, -5, 3, 0, start).isEmpty());
    QVERIFY(interest::projectBalance(1000, 450, 3, 0, QDate()).isEmpty());
    // Stops before overflowing instead of wrapping: int64 max cannot accrue at 4.50 %.
    QVERIFY(interest::projectBalance(kInt64Max, 450, 3, 0, start).isEmpty());
    // The deposit pushes the balance past int64 after the first month: one entry only.
    const QList<qint64> early = interest::projectBalance(1000, 0, 3, kInt64Max, start);
    QCOMPARE(early, QList<qint64>{1000});
}

void TestInterest::estimateThisMonth()
{
    // Carry -135412 then ten days of 12060148: -135412 + 120601480 = 120466068 -> 120.
    QCOMPARE(interest::estimateInterestThisMonth(-135'412, QList<qint64>(10, 12'060'148)),
             std::optional<qint64>(120));
    QCOMPARE(interest::estimateInterestThisMonth(0, {}), std::optional<qint64>(0));
    QCOMPARE(interest::estimateInterestThisMonth(2'500'000, {1'000'000}), std::optional<qint64>(4));
    QCOMPARE(interest::estimateInterestThisMonth(1, {kInt64Max}), std::nullopt);
}

QTEST_GUILESS_MAIN(TestInterest)
#include "tst_interest.moc"
