// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "storage/rowchanges.h"

#include <QList>
#include <QString>

#include <optional>

namespace plaza::storage {

class Database;

//! The savings row (cache tables savings, schema v1 + v3), amounts in minor units of currency.
struct SavingsRow {
    qint64 balanceMinor = 0;
    QString currency;
    int apyBps = 0;
    qint64 interestThisMonthMinor = 0;
    qint64 interestTotalMinor = 0;
    QString asOf;             //!< RFC 3339 UTC, as the server sent it
    qint64 unassignedMinor = 0;
    QString rateChangeJson;   //!< the announced APY change as the server sent it, or ""
    qint64 accumulatedMicros = 0;
};

//! One savings goal (savings_goals).
struct SavingsGoalRow {
    QString id;
    QString name;
    qint64 targetMinor = 0;
    qint64 savedMinor = 0;
    QString currency;
    QString deadline;  //!< "YYYY-MM-DD" or ""
    QString createdAt; //!< RFC 3339 UTC or ""
};

//! One day of the interest history (savings_interest), a server (UTC) day.
struct InterestDayRow {
    QString date; //!< "YYYY-MM-DD"
    qint64 balanceMinor = 0;
    int apyBps = 0;
    qint64 accruedMicros = 0;
    std::optional<qint64> paidMinor; //!< the payout credited that day, if any
};

//! The Savings tab's queries and the interest history's writes, on a connection it does not
//! own. Reads run on a read connection (the models'); storeInterestDays runs on the cache
//! writer's connection inside CacheWriter::run() (the savings row and goals are written by
//! WalletStore::setSavings, the same code as sync's savings.updated).
class SavingsStore
{
public:
    explicit SavingsStore(Database &db) : m_db(db) { }

    //! The savings row, or nothing while the cache has no savings account yet.
    [[nodiscard]] Result<std::optional<SavingsRow>> summary();
    //! Every goal, oldest first (created_at, then id).
    [[nodiscard]] Result<QList<SavingsGoalRow>> goals();
    //! The whole interest history, oldest first.
    [[nodiscard]] Result<QList<InterestDayRow>> interestDays();
    //! The newest cached day of the history ("YYYY-MM-DD"), or "" when there is none.
    [[nodiscard]] Result<QString> newestInterestDay();
    //! The currency of the savings account, else the wallet's; "" while the cache has neither.
    [[nodiscard]] Result<QString> currency();

    //! Writes (or replaces) days of the history, in the caller's transaction; each day is
    //! recorded in \a changes under Table::SavingsInterest.
    [[nodiscard]] Status storeInterestDays(const QList<InterestDayRow> &days, RowChanges &changes);

private:
    Database &m_db;
};

} // namespace plaza::storage
