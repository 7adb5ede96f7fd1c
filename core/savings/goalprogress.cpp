// SPDX-License-Identifier: MIT
#include "savings/goalprogress.h"

#include "money/interest.h"

namespace plaza::savings {

QString goalStatusName(GoalStatus status)
{
    switch (status) {
    case GoalStatus::NoDeadline:
        return QStringLiteral("no_deadline");
    case GoalStatus::Reached:
        return QStringLiteral("reached");
    case GoalStatus::OnTrack:
        return QStringLiteral("on_track");
    case GoalStatus::Behind:
        return QStringLiteral("behind");
    case GoalStatus::Overdue:
        return QStringLiteral("overdue");
    }
    return QString();
}

int monthStartsBetween(QDate from, QDate to)
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return 0;
    // 1sts in (from, to]: month starts after from's month, up to and including to's month.
    return (to.year() - from.year()) * 12 + (to.month() - from.month());
}

namespace {

// The balance at the end of the projection, or nothing if it stopped early.
std::optional<qint64> projected(qint64 saved, int apyBps, int months, qint64 monthly, QDate today)
{
    const QList<qint64> path = interest::projectBalance(saved, apyBps, months, monthly, today);
    if (path.size() != months)
        return std::nullopt;
    return path.constLast();
}

} // namespace

GoalProjection projectGoal(qint64 savedMinor, qint64 targetMinor, QDate created, QDate deadline, QDate today,
                           int apyBps)
{
    GoalProjection p;
    p.projectedMinor = savedMinor;
    p.paceMinor = savedMinor / std::max(1, monthStartsBetween(created, today));
    if (savedMinor >= targetMinor) {
        p.status = GoalStatus::Reached;
        return p;
    }
    if (!deadline.isValid()) {
        p.status = GoalStatus::NoDeadline;
        return p;
    }
    if (deadline < today) {
        p.status = GoalStatus::Overdue;
        p.neededMonthlyMinor = -1;
        return p;
    }
    // The months whose end (a 1st) is on or before the deadline: the last projected balance
    // is the one the deadline's own month starts with.
    const int months = monthStartsBetween(today, deadline);
    if (months == 0) {
        p.status = GoalStatus::Behind;
        p.neededMonthlyMinor = -1;
        return p;
    }
    p.projectedMinor = projected(savedMinor, apyBps, months, p.paceMinor, today).value_or(savedMinor);
    p.status = p.projectedMinor >= targetMinor ? GoalStatus::OnTrack : GoalStatus::Behind;

    // Deposits land on the 1sts after the first month: with one month, none can help.
    const auto withNone = projected(savedMinor, apyBps, months, 0, today);
    if (withNone && *withNone >= targetMinor) {
        p.neededMonthlyMinor = 0;
    } else if (months < 2) {
        p.neededMonthlyMinor = -1;
    } else {
        qint64 low = 0, high = targetMinor; // high always reaches: one deposit of the target
        while (low + 1 < high) {
            const qint64 mid = low + (high - low) / 2;
            const auto reached = projected(savedMinor, apyBps, months, mid, today);
            if (reached && *reached >= targetMinor)
                high = mid;
            else
                low = mid;
        }
        p.neededMonthlyMinor = high;
    }
    return p;
}

std::optional<qint64> estimateInterestThisMonth(qint64 accumulatedMicros, qint64 balanceMinor, int apyBps, QDate asOfDay,
                                                QDate today)
{
    if (!asOfDay.isValid() || !today.isValid() || balanceMinor < 0)
        return std::nullopt;
    QDate from = asOfDay;
    qint64 accumulated = accumulatedMicros;
    const QDate monthStart(today.year(), today.month(), 1);
    if (from < monthStart) {
        // A payout happened since the server's figure: start the month afresh.
        from = monthStart;
        accumulated = 0;
    }
    QList<qint64> accruals{accumulated};
    if (from < today) {
        const auto daily = interest::dailyAccrualMicros(balanceMinor, apyBps);
        if (!daily)
            return std::nullopt;
        for (QDate d = from; d < today; d = d.addDays(1))
            accruals.append(*daily);
    }
    return interest::estimateInterestThisMonth(0, accruals);
}

} // namespace plaza::savings
