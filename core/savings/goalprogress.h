// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QString>
#include <QtGlobal>

#include <optional>

//! What the savings views compute from the cache, on top of core/money/interest.h: whether
//! a goal is on track for its deadline, and the interest of this month while offline.
namespace plaza::savings {

enum class GoalStatus {
    NoDeadline, //!< nothing to be late for
    Reached,    //!< saved ≥ target (whatever the deadline)
    OnTrack,    //!< keeping up the pace so far, with interest, reaches the target by the deadline
    Behind,     //!< it does not
    Overdue,    //!< the deadline has passed and the target is not reached
};

//! "no_deadline", "reached", "on_track", "behind", "overdue".
[[nodiscard]] QString goalStatusName(GoalStatus status);

//! How many 1sts of a month (00:00 UTC, when interest is paid and monthly deposits land)
//! fall in (\a from, \a to]. 0 if \a to is not after \a from.
[[nodiscard]] int monthStartsBetween(QDate from, QDate to);

struct GoalProjection {
    GoalStatus status = GoalStatus::NoDeadline;
    //! What the goal holds at the end of the month before the deadline's last 1st, keeping
    //! the pace (projectBalance); the saved amount when there is nothing to project.
    qint64 projectedMinor = 0;
    //! The pace so far: saved / month starts since creation (at least one month).
    qint64 paceMinor = 0;
    //! The smallest monthly deposit that reaches the target by the deadline; 0 if none is
    //! needed, -1 if no monthly deposit can (no 1st left before the deadline).
    qint64 neededMonthlyMinor = 0;
};

//! The projection of a goal holding \a savedMinor of \a targetMinor, created on \a created,
//! due \a deadline (invalid: none), seen on \a today at \a apyBps. The goal's money earns
//! interest like the rest of savings (interest::projectBalance); the pace is deposited on
//! each 1st before the deadline.
[[nodiscard]] GoalProjection projectGoal(qint64 savedMinor, qint64 targetMinor, QDate created, QDate deadline, QDate today,
                                         int apyBps);

//! The interest the next 1st will pay, estimated offline: the server's accumulator
//! \a accumulatedMicros (carry included, accrued through the day before \a asOfDay) plus the
//! daily accrual of \a balanceMinor at \a apyBps for each day from \a asOfDay to the day
//! before \a today. If a 1st passed since, that payout is unknown here: only this month's
//! days count, with no carry. Nothing on invalid input or overflow.
[[nodiscard]] std::optional<qint64> estimateInterestThisMonth(qint64 accumulatedMicros, qint64 balanceMinor, int apyBps,
                                                              QDate asOfDay, QDate today);

} // namespace plaza::savings
