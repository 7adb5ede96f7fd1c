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
    case GoalStatus::Started:
        return QStringLiteral("started");
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

// What the goal holds at the deadline with \a monthly deposited today and on each of the
// \a months 1sts up to it (projectBalance's last entry leaves out that 1st's deposit), or
// nothing if the projection stopped early (overflow).
std::optional<qint64> reachedWith(qint64 saved, int apyBps, int months, qint64 monthly, QDate today)
{
    qint64 start = 0;
    if (qAddOverflow(saved, monthly, &start))
        return std::nullopt;
    if (months == 0)
        return start;
    const QList<qint64> path = interest::projectBalance(start, apyBps, months, monthly, today);
    qint64 end = 0;
    if (path.size() != months || qAddOverflow(path.constLast(), monthly, &end))
        return std::nullopt;
    return end;
}

} // namespace

GoalProjection projectGoal(qint64 savedMinor, qint64 targetMinor, QDate created, QDate deadline, QDate today,
                           int apyBps)
{
    GoalProjection p;
    p.projectedMinor = savedMinor;
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
    p.left = calendarSpan(today, deadline);
    const int months = monthStartsBetween(today, deadline);
    p.deposits = months + 1;
    if (months > 0) {
        const QList<qint64> alone = interest::projectBalance(savedMinor, apyBps, months, 0, today);
        if (alone.size() == months)
            p.projectedMinor = alone.constLast();
    }
    if (p.projectedMinor < targetMinor) {
        // Binary search: high always reaches (the whole gap deposited today).
        qint64 low = 0, high = targetMinor - savedMinor;
        while (low + 1 < high) {
            const qint64 mid = low + (high - low) / 2;
            const auto reached = reachedWith(savedMinor, apyBps, months, mid, today);
            if (reached && *reached >= targetMinor)
                high = mid;
            else
                low = mid;
        }
        p.neededMonthlyMinor = high;
    }
    if (!created.isValid() || calendarSpan(created, today).months == 0) {
        p.status = GoalStatus::Started;
        return p;
    }
    p.paceMinor = savedMinor / std::max(1, monthStartsBetween(created, today));
    p.status = p.paceMinor >= p.neededMonthlyMinor ? GoalStatus::OnTrack : GoalStatus::Behind;
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
