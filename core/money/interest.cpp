// SPDX-License-Identifier: MIT
#include "money/interest.h"

#include <QtNumeric>

#include <compare>
#include <limits>

// The daily rate needs more than 64 bits of precision and its products need 256 bits.
// GCC and Clang provide unsigned __int128 on every 64-bit target we build for; elsewhere
// (MSVC, 32-bit targets) a portable two-limb type below stands in for it. Defining
// PLAZA_INTEREST_PORTABLE_U128 forces the portable type so Linux CI tests it too
// (tst_interest_portable): both must give the same micro.
#if defined(__SIZEOF_INT128__) && !defined(PLAZA_INTEREST_PORTABLE_U128)
#define PLAZA_INTEREST_NATIVE_U128 1
#endif

namespace plaza::interest {

namespace {

#ifdef PLAZA_INTEREST_NATIVE_U128
__extension__ typedef unsigned __int128 U128; // __extension__: -Wpedantic knows it is not ISO
#else
//! An unsigned 128-bit integer from two 64-bit limbs, arithmetic modulo 2^128 like the
//! native type. Only what this file uses; plain ISO C++, no intrinsics, so it is slower
//! than __int128 (division is bit by bit) but the costly part, the rate series, runs once
//! per call.
class U128
{
public:
    constexpr U128(quint64 low = 0) : m_hi(0), m_lo(low) { } // NOLINT: implicit like __int128
    constexpr U128(quint64 high, quint64 low) : m_hi(high), m_lo(low) { }

    constexpr explicit operator qint64() const { return qint64(m_lo); }

    friend constexpr bool operator==(const U128 &, const U128 &) = default;
    friend constexpr std::strong_ordering operator<=>(const U128 &a, const U128 &b)
    {
        return a.m_hi != b.m_hi ? a.m_hi <=> b.m_hi : a.m_lo <=> b.m_lo;
    }

    friend constexpr U128 operator+(const U128 &a, const U128 &b)
    {
        const quint64 lo = a.m_lo + b.m_lo;
        return {a.m_hi + b.m_hi + (lo < a.m_lo ? 1 : 0), lo};
    }
    friend constexpr U128 operator-(const U128 &a, const U128 &b)
    {
        return {a.m_hi - b.m_hi - (a.m_lo < b.m_lo ? 1 : 0), a.m_lo - b.m_lo};
    }
    friend constexpr U128 operator&(const U128 &a, const U128 &b)
    {
        return {a.m_hi & b.m_hi, a.m_lo & b.m_lo};
    }
    friend constexpr U128 operator|(const U128 &a, const U128 &b)
    {
        return {a.m_hi | b.m_hi, a.m_lo | b.m_lo};
    }
    friend constexpr U128 operator<<(const U128 &a, int n)
    {
        if (n == 0)
            return a;
        if (n >= 64)
            return {a.m_lo << (n - 64), 0};
        return {(a.m_hi << n) | (a.m_lo >> (64 - n)), a.m_lo << n};
    }
    friend constexpr U128 operator>>(const U128 &a, int n)
    {
        if (n == 0)
            return a;
        if (n >= 64)
            return {0, a.m_hi >> (n - 64)};
        return {a.m_hi >> n, (a.m_lo >> n) | (a.m_hi << (64 - n))};
    }
    //! The product modulo 2^128.
    friend constexpr U128 operator*(const U128 &a, const U128 &b)
    {
        const U128 low = mul64(a.m_lo, b.m_lo);
        return {low.m_hi + a.m_lo * b.m_hi + a.m_hi * b.m_lo, low.m_lo};
    }
    //! Restoring long division, one bit per step; the divisor must not be zero.
    friend constexpr U128 operator/(const U128 &a, const U128 &b)
    {
        U128 quotient;
        U128 remainder;
        for (int bit = 127; bit >= 0; --bit) {
            remainder = (remainder << 1) | ((a >> bit) & 1);
            quotient = quotient << 1;
            if (remainder >= b) {
                remainder = remainder - b;
                quotient.m_lo |= 1;
            }
        }
        return quotient;
    }

    constexpr U128 &operator+=(const U128 &b) { return *this = *this + b; }
    constexpr U128 &operator-=(const U128 &b) { return *this = *this - b; }
    constexpr U128 &operator|=(const U128 &b) { return *this = *this | b; }
    constexpr U128 &operator<<=(int n) { return *this = *this << n; }
    constexpr U128 &operator++() { return *this += 1; }

private:
    // 64 × 64 → 128 from four 32 × 32 → 64 products.
    static constexpr U128 mul64(quint64 a, quint64 b)
    {
        const quint64 a0 = a & 0xffffffffu, a1 = a >> 32;
        const quint64 b0 = b & 0xffffffffu, b1 = b >> 32;
        const quint64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        // Below 3·2^32: cannot overflow.
        const quint64 mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
        return {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (p00 & 0xffffffffu) | (mid << 32)};
    }

    quint64 m_hi;
    quint64 m_lo;
};
#endif

//! Fixed point: value = raw / 2^126. Two integer bits leave room for ln(1 + apy) < ln 11.
constexpr int kFracBits = 126;
constexpr U128 kOne = U128(1) << kFracBits;

struct U256
{
    U128 hi;
    U128 lo;
};

// Full 128×128 → 256-bit product from four 64×64 → 128 partial products.
U256 mul256(U128 a, U128 b)
{
    const U128 mask64 = (U128(1) << 64) - 1;
    const U128 a0 = a & mask64, a1 = a >> 64;
    const U128 b0 = b & mask64, b1 = b >> 64;
    const U128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    // Below 3·2^64: cannot overflow.
    const U128 mid = (p00 >> 64) + (p01 & mask64) + (p10 & mask64);
    return {p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (p00 & mask64) | (mid << 64)};
}

// Fixed-point product, truncated (error below one unit of 2^-126). Callers keep the
// true product below 4 so it fits.
U128 mulFixed(U128 a, U128 b)
{
    const U256 p = mul256(a, b);
    return (p.hi << (128 - kFracBits)) | (p.lo >> kFracBits);
}

// (1 + bps/10^4)^(1/365) − 1 as a fixed-point number, by exp(ln(1 + apy) / 365) − 1.
// ln x = 2·atanh(z) with z = (x − 1)/(x + 1) = bps / (20000 + bps), summed until the terms
// vanish; the exponential's series converges within a few terms because its argument is
// below 0.007. Each step truncates by less than 2^-126; the few hundred steps of the worst
// case (z = 0.83 at 1 000 %) keep the total error far below the 2^-100 the header promises,
// and 4.50 % needs only about 15 terms.
U128 dailyRateFixed(int apyBps)
{
    if (apyBps == 0)
        return 0;
    const U128 bps = U128(apyBps);
    const U128 denominator = 20'000 + bps;

    // z = bps / (20000 + bps) < 1, by binary long division (bps << 126 would overflow).
    U128 z = 0;
    U128 remainder = bps;
    for (int i = 0; i < kFracBits; ++i) {
        remainder <<= 1;
        z <<= 1;
        if (remainder >= denominator) {
            remainder -= denominator;
            z |= 1;
        }
    }

    const U128 zSquared = mulFixed(z, z);
    U128 atanh = 0;
    U128 power = z; // z^(2k+1)
    for (U128 k = 0; power != 0; ++k) {
        atanh += power / (2 * k + 1);
        power = mulFixed(power, zSquared);
    }
    const U128 y = (2 * atanh) / 365; // ln(1 + apy) / 365

    U128 rate = 0;
    U128 term = y; // y^n / n!
    for (U128 n = 1; term != 0; ++n) {
        rate += term;
        term = mulFixed(term, y) / (n + 1);
    }
    return rate;
}

// balance × 10^6 × rate, rounded half to even to a whole micro; nothing above int64.
std::optional<qint64> accrue(qint64 balanceMinor, U128 rate)
{
    if (balanceMinor < 0)
        return std::nullopt;
    // < 2^63 · 2^20 = 2^83; the rate is below 2^-7 · 2^126 = 2^119, so the product < 2^202.
    const U256 p = mul256(U128(balanceMinor) * U128(kMicrosPerMinor), rate);
    const U128 kMax = U128(std::numeric_limits<qint64>::max());
    // quotient = p >> 126; refuse before shifting if it cannot fit 63 bits.
    if ((p.hi >> (63 - (128 - kFracBits))) != 0)
        return std::nullopt;
    U128 quotient = (p.hi << (128 - kFracBits)) | (p.lo >> kFracBits);
    const U128 fraction = p.lo & (kOne - 1);
    const U128 half = kOne >> 1;
    if (fraction > half || (fraction == half && (quotient & 1) != 0))
        ++quotient;
    if (quotient > kMax)
        return std::nullopt;
    return qint64(quotient);
}

bool validApy(int apyBps)
{
    return apyBps >= 0 && apyBps <= kMaxApyBps;
}

} // namespace

std::optional<qint64> dailyAccrualMicros(qint64 balanceMinor, int apyBps)
{
    if (!validApy(apyBps))
        return std::nullopt;
    return accrue(balanceMinor, dailyRateFixed(apyBps));
}

Payout monthlyPayout(qint64 accumulatedMicros)
{
    // C++ division truncates toward zero, so the remainder has the accumulator's sign.
    qint64 paid = accumulatedMicros / kMicrosPerMinor;
    qint64 carried = accumulatedMicros % kMicrosPerMinor;
    constexpr qint64 half = kMicrosPerMinor / 2;
    const bool odd = (paid % 2) != 0;
    // The carry is adjusted from the remainder, never as accumulated − paid × 10^6, which
    // would overflow near int64 max.
    if (carried > half || (carried == half && odd)) {
        ++paid;
        carried -= kMicrosPerMinor;
    } else if (carried < -half || (carried == -half && odd)) {
        --paid;
        carried += kMicrosPerMinor;
    }
    return {paid, carried};
}

std::optional<qint64> estimateInterestThisMonth(qint64 carriedMicros,
                                                const QList<qint64> &accrualMicros)
{
    qint64 accumulated = carriedMicros;
    for (const qint64 micros : accrualMicros) {
        if (qAddOverflow(accumulated, micros, &accumulated))
            return std::nullopt;
    }
    return monthlyPayout(accumulated).paidMinor;
}

QList<qint64> projectBalance(qint64 balanceMinor, int apyBps, int months,
                             qint64 monthlyDepositMinor, QDate start)
{
    QList<qint64> monthEnds;
    if (!start.isValid() || balanceMinor < 0 || monthlyDepositMinor < 0 || !validApy(apyBps)
        || months <= 0)
        return monthEnds;
    monthEnds.reserve(months);

    const U128 rate = dailyRateFixed(apyBps); // once: the series is the costly part
    qint64 balance = balanceMinor;
    qint64 accumulated = 0;
    for (QDate day = start; monthEnds.size() < months; day = day.addDays(1)) {
        // At 00:00 UTC after `day`: accrue on its closing balance, then, on a 1st, pay.
        const std::optional<qint64> accrual = accrue(balance, rate);
        if (!accrual || qAddOverflow(accumulated, *accrual, &accumulated))
            break;
        if (day.addDays(1).day() != 1)
            continue;
        const Payout payout = monthlyPayout(accumulated);
        if (qAddOverflow(balance, payout.paidMinor, &balance))
            break;
        accumulated = payout.carriedMicros;
        monthEnds.append(balance);
        if (monthEnds.size() < months && qAddOverflow(balance, monthlyDepositMinor, &balance))
            break;
    }
    return monthEnds;
}

QList<qint64> projectWithDeposits(qint64 balanceMinor, int apyBps, int months, qint64 monthlyDepositMinor, QDate start)
{
    qint64 first = 0;
    if (monthlyDepositMinor < 0 || qAddOverflow(balanceMinor, monthlyDepositMinor, &first))
        return {};
    return projectBalance(first, apyBps, months, monthlyDepositMinor, start);
}

} // namespace plaza::interest
