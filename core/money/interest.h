// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QList>
#include <QtGlobal>

#include <optional>

//! Savings interest, exactly as api-v1.md "Savings" defines it, shared by the reference
//! server (which books it) and the client (which shows and projects it), so both compute
//! the same micro on every platform.
//!
//! The rules: every day at 00:00 UTC the day's closing balance earns
//! `balance × ((1 + apy)^(1/365) − 1)` into an accumulator kept in MILLIONTHS of a minor
//! unit ("micros"); at 00:00 UTC on the 1st of each month — after the accrual for the last
//! day of the month just ended — the accumulated whole minor units are paid as an
//! `interest` transaction (rounded half to even) and the remainder is carried.
//! The exponent is 1/365 in leap years too: February 29 accrues like any other day, so a
//! leap year earns 366 daily accruals (slightly more than the APY). That is what api-v1
//! says and both sides must agree on it, so it is not "corrected" here.
//!
//! No floating point anywhere: the daily rate is computed with 128-bit integer fixed-point
//! arithmetic (see dailyAccrualMicros for the precision), so the result is bit-identical on
//! every compiler and CPU.
namespace plaza::interest {

//! Micros (millionths of a minor unit) per minor unit.
inline constexpr qint64 kMicrosPerMinor = 1'000'000;
//! The largest APY accepted, in basis points (1 000 %). Far above anything real; it only
//! bounds the fixed-point range.
inline constexpr int kMaxApyBps = 100'000;

//! One day's interest, in micros, on a closing balance of @p balanceMinor minor units at
//! an APY of @p apyBps basis points (450 = 4.50 %).
//!
//! Precision: the daily rate (1 + apy)^(1/365) − 1 is computed in fixed point with 126
//! fractional bits; its absolute error is below 2^-100 (≈ 7.9·10^-31; measured against
//! `bc -l`: at most 10^-37 for 0.01 %, 4.50 %, 5.00 % and 1 000 %). Since
//! balance × 10^6 < 2^83 for any int64 balance, the product balance × 10^6 × rate is known
//! to better than 2^-17 ≈ 7.6·10^-6 micro (better than 10^-13 micro up to
//! Money::kMaxApiAmount), and the result is that product rounded half to even to a whole
//! micro. So the result is the correctly rounded exact value unless the exact value lies
//! that close to a half micro (for APY > 0 the exact value is irrational, so a true tie
//! never occurs); the rounding is deterministic either way.
//!
//! Returns nothing for a negative balance (savings never go negative), an APY outside
//! 0 … kMaxApyBps, or a result that would not fit in int64 (only balances far above
//! Money::kMaxApiAmount can get there: int64 max at 4.50 % is ~1.1·10^21 micros).
[[nodiscard]] std::optional<qint64> dailyAccrualMicros(qint64 balanceMinor, int apyBps);

//! What the 1st of a month pays out of an accumulator.
struct Payout
{
    //! Whole minor units paid as the `interest` transaction: accumulated / 10^6 rounded
    //! half to even.
    qint64 paidMinor = 0;
    //! The exact rest, carried into the next month: accumulated − paid × 10^6. It lies in
    //! −500 000 … 500 000 and is NEGATIVE when the payout rounded up (e.g. 1.7 minor
    //! accumulated pays 2 and carries −0.3). Nothing is ever lost or created: summed over
    //! any number of months, payouts × 10^6 + the last carry == the sum of all accruals
    //! (+ the first carry).
    qint64 carriedMicros = 0;

    friend bool operator==(const Payout &, const Payout &) = default;
};

//! Splits @p accumulatedMicros (the carry from last month plus this month's accruals) into
//! the payout and the carry. Exact for every int64, including negatives; never overflows.
[[nodiscard]] Payout monthlyPayout(qint64 accumulatedMicros);

//! The interest, in minor units, the next 1st of the month would pay if the month ended
//! now: the payout of @p carriedMicros (last month's carry) plus @p accrualMicros (this
//! month's daily accruals so far, e.g. from GET /v1/savings/interest). Nothing if the sum
//! overflows int64.
[[nodiscard]] std::optional<qint64> estimateInterestThisMonth(qint64 carriedMicros,
                                                              const QList<qint64> &accrualMicros);

//! Projects a savings balance under the same daily accrual and monthly payout rules, for
//! "what will I have" views. Day @p start is the first day that accrues (its closing
//! balance earns interest at 00:00 UTC the next day), with nothing carried in.
//! @p monthlyDepositMinor is added on the 1st of every month after @p start (after that
//! day's payout, so it counts in that day's closing balance). Months have their real
//! length; February 29 accrues (see the namespace comment).
//!
//! Returns one entry per month: entry i is the balance at the end of the i-th month
//! (the first one may be partial if @p start is not a 1st), INCLUDING that month's interest
//! paid at 00:00 UTC on the next 1st and EXCLUDING the deposit made on that 1st.
//! Returns an empty list for an invalid date, a negative balance or deposit, an APY out of
//! range or months <= 0, and stops early (fewer than @p months entries) rather than
//! overflow int64.
[[nodiscard]] QList<qint64> projectBalance(qint64 balanceMinor, int apyBps, int months,
                                           qint64 monthlyDepositMinor, QDate start);

//! "Adding D a month for N months", as the Savings tab and goals mean it: N deposits of D,
//! the first on @p start (today) and one on each of the next N − 1 1sts, so entry N − 1 —
//! the balance after the N-th month's interest, on the N-th 1st — holds all N deposits and
//! their interest (projectBalance of balance + D, whose last month leaves out that 1st's
//! deposit). Same refusals as projectBalance; an int64 overflow gives an empty list.
[[nodiscard]] QList<qint64> projectWithDeposits(qint64 balanceMinor, int apyBps, int months,
                                                qint64 monthlyDepositMinor, QDate start);

} // namespace plaza::interest
