// SPDX-License-Identifier: MIT
#pragma once

// Savings (docs/api.md "Savings"): a savings account per user in the same ledger,
// deposits and withdrawals between wallet and savings, goals as vaults inside the savings
// balance, the APY with its history of changes, and the daily accrual and monthly payout
// of interest — exactly core/money/interest.h, run for every day that has passed
// (catchUp) before any savings movement, when the test clock jumps and every few minutes.

#include "common/result.h"
#include "protocol/savings.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

namespace plaza::server {

class ServerDb;

namespace ids {
inline constexpr QStringView kGoal = u"g_";
} // namespace ids

namespace savings {

inline constexpr int kDefaultApyBps = 450;
inline constexpr qsizetype kMaxGoalNameChars = 40;
inline constexpr int kMaxGoals = 20;

//! The savings account of \a userId, created empty if needed. Inside a write transaction.
[[nodiscard]] Result<qint64> ensureAccount(ServerDb &db, qint64 userId);

//! The APY in force on \a day (the newest change whose effective date is on or before it).
[[nodiscard]] Result<int> apyOn(ServerDb &db, const QDate &day);

//! Accrues every day from the last one accrued up to and including the day before
//! \a nowMs's UTC day, paying each month's interest at 00:00 on the 1st. Inside a write
//! transaction; appends savings.updated for every user paid.
[[nodiscard]] Status catchUp(ServerDb &db, qint64 nowMs);

//! Records an APY change effective from \a effective (a day not before today) and
//! announces it (savings.rate_changed) to every user. Inside a write transaction.
[[nodiscard]] Status changeRate(ServerDb &db, int apyBps, const QDate &effective, qint64 nowMs);

//! The GET /v1/savings object of \a userId.
[[nodiscard]] Result<protocol::SavingsAccount> loadSummary(ServerDb &db, qint64 userId, qint64 nowMs);
//! loadSummary() encoded by its codec.
[[nodiscard]] Result<QJsonObject> summaryJson(ServerDb &db, qint64 userId, qint64 nowMs);

//! A Goal of \a userId; NotFound for anyone else's.
[[nodiscard]] Result<protocol::SavingsGoal> loadGoal(ServerDb &db, qint64 userId, qint64 goalId);
//! loadGoal() encoded by its codec.
[[nodiscard]] Result<QJsonObject> goalJson(ServerDb &db, qint64 userId, qint64 goalId);

//! Puts \a amount from the wallet into savings (and into \a goalId when > 0) without the
//! HTTP layer: for the demo world. Inside a write transaction; returns the transaction id.
[[nodiscard]] Result<qint64> deposit(ServerDb &db, qint64 userId, qint64 amount, qint64 goalId, qint64 nowMs);

} // namespace savings
} // namespace plaza::server
