// SPDX-License-Identifier: MIT
#include "storage/savingsstore.h"

#include "storage/database.h"

namespace plaza::storage {

Result<std::optional<SavingsRow>> SavingsStore::summary()
{
    auto st = m_db.prepare(QStringLiteral("SELECT balance, currency, apy_bps, interest_this_month, interest_total, as_of, "
                                          "unassigned, coalesce(rate_change, ''), accumulated_micros FROM savings "
                                          "WHERE id = 1 AND currency <> ''"));
    if (!st)
        return st.error();
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<SavingsRow>();
    SavingsRow s;
    s.balanceMinor = st->int64(0);
    s.currency = st->text(1);
    s.apyBps = int(st->int64(2));
    s.interestThisMonthMinor = st->int64(3);
    s.interestTotalMinor = st->int64(4);
    s.asOf = st->text(5);
    s.unassignedMinor = st->int64(6);
    s.rateChangeJson = st->text(7);
    s.accumulatedMicros = st->int64(8);
    return std::optional<SavingsRow>(std::move(s));
}

Result<QList<SavingsGoalRow>> SavingsStore::goals()
{
    auto st = m_db.prepare(QStringLiteral("SELECT id, name, target, saved, currency, coalesce(deadline, ''), "
                                          "coalesce(created_at, '') FROM savings_goals ORDER BY created_at, id"));
    if (!st)
        return st.error();
    QList<SavingsGoalRow> goals;
    while (true) {
        auto next = st->step();
        if (!next)
            return next.error();
        if (!*next)
            break;
        goals.append({st->text(0), st->text(1), st->int64(2), st->int64(3), st->text(4), st->text(5), st->text(6)});
    }
    return goals;
}

Result<QList<InterestDayRow>> SavingsStore::interestDays()
{
    auto st = m_db.prepare(QStringLiteral("SELECT date, balance, apy_bps, accrued_micros, paid FROM savings_interest "
                                          "ORDER BY date"));
    if (!st)
        return st.error();
    QList<InterestDayRow> days;
    while (true) {
        auto next = st->step();
        if (!next)
            return next.error();
        if (!*next)
            break;
        InterestDayRow day{st->text(0), st->int64(1), int(st->int64(2)), st->int64(3), std::nullopt};
        if (!st->isNull(4))
            day.paidMinor = st->int64(4);
        days.append(std::move(day));
    }
    return days;
}

Result<QString> SavingsStore::newestInterestDay()
{
    auto st = m_db.prepare(QStringLiteral("SELECT coalesce(max(date), '') FROM savings_interest"));
    if (!st)
        return st.error();
    auto row = st->step();
    if (!row)
        return row.error();
    return *row ? st->text(0) : QString();
}

Result<QString> SavingsStore::currency()
{
    auto st = m_db.prepare(QStringLiteral("SELECT coalesce((SELECT currency FROM savings WHERE id = 1 AND currency <> ''), "
                                          "(SELECT currency FROM wallet WHERE id = 1 AND currency <> ''), '')"));
    if (!st)
        return st.error();
    auto row = st->step();
    if (!row)
        return row.error();
    return *row ? st->text(0) : QString();
}

Status SavingsStore::storeInterestDays(const QList<InterestDayRow> &days, RowChanges &changes)
{
    if (days.isEmpty())
        return {};
    auto insert = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO savings_interest (date, balance, apy_bps, "
                                              "accrued_micros, paid) VALUES (?1, ?2, ?3, ?4, ?5)"));
    if (!insert)
        return insert.error();
    for (const InterestDayRow &day : days) {
        insert->bindAll(day.date, day.balanceMinor, qint64(day.apyBps), day.accruedMicros);
        if (day.paidMinor)
            insert->bind(5, *day.paidMinor);
        else
            insert->bindNull(5);
        if (auto st = insert->exec(); !st)
            return st;
        changes.add(Table::SavingsInterest, day.date);
    }
    return {};
}

} // namespace plaza::storage
