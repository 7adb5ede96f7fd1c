// SPDX-License-Identifier: MIT
#pragma once

#include "common/clock.h"

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
    Started,    //!< less than a calendar month old: no pace to judge yet, never "behind"
    OnTrack,    //!< the pace so far is at least the monthly deposit still needed
    Behind,     //!< it is not
    Overdue,    //!< the deadline has passed and the target is not reached
};

//! "no_deadline", "reached", "started", "on_track", "behind", "overdue".
[[nodiscard]] QString goalStatusName(GoalStatus status);

//! How many 1sts of a month (00:00 UTC, when interest is paid and monthly deposits land)
//! fall in (\a from, \a to]. 0 if \a to is not after \a from.
[[nodiscard]] int monthStartsBetween(QDate from, QDate to);

struct GoalProjection {
    GoalStatus status = GoalStatus::NoDeadline;
    //! Calendar months and days from today to the deadline (zero without one, or past it).
    CalendarSpan left;
    //! The deposits still possible before the deadline: one today and one on each 1st up
    //! to and including the deadline (0 without a deadline or past it).
    int deposits = 0;
    //! What the goal holds at the deadline with interest alone (payouts on the 1sts up to the
    //! deadline); the saved amount when there is nothing to project.
    qint64 projectedMinor = 0;
    //! The pace so far: saved / the 1sts since creation (at least one); 0 while Started.
    qint64 paceMinor = 0;
    //! The smallest equal deposit, made today and on each 1st up to the deadline, that
    //! reaches the target with interest; 0 if none is needed, -1 once the deadline is past.
    qint64 neededMonthlyMinor = 0;
};

//! The one rule for a goal's status and the deposit it needs, shared by the Savings tab and
//! `plaza-cli goals` (through SavingsSummary). A goal holds \a savedMinor of \a targetMinor,
//! was created on \a created (the user's day), is due \a deadline (invalid: none) and is seen
//! on \a today (the user's day) at \a apyBps. In order:
//! 1. saved ≥ target: Reached. 2. No deadline: NoDeadline. 3. Deadline before today: Overdue.
//! 4. Otherwise neededMonthlyMinor is the smallest deposit d such that d today and d on each
//!    1st up to the deadline, with the goal's money earning interest like the rest of savings
//!    (interest::projectBalance), reach the target; 0 when interest alone does.
//! 5. A goal less than one calendar month old (calendarSpan(created, today).months == 0) is
//!    Started: a goal created a minute ago is never behind. Older, it is OnTrack when its pace
//!    (saved / the 1sts since creation) is at least neededMonthlyMinor, else Behind.
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
