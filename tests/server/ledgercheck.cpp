// SPDX-License-Identifier: MIT
#include "ledgercheck.h"

#include "serverdb.h"

namespace plaza::test {

QString checkLedger(const QString &storage)
{
    using namespace plaza::server;
    auto spec = storage.contains(u':') ? StorageSpec::parse(storage)
                                       : Result<StorageSpec>(StorageSpec{Storage::Kind::Sqlite, storage});
    if (!spec)
        return spec.error().message;
    auto db = ServerDb::open(*spec);
    if (!db)
        return QStringLiteral("cannot open the database: ") + db.error().message;
    // %1: the UTC day of a transaction, in the storage's own SQL.
    const QString day = (*db)->dayOf(QStringLiteral("t.created_at"));
    struct Check {
        const char *what;
        const char *sql; // counts violations
    };
    const Check checks[] = {
        {"transactions without exactly two entries",
         "SELECT count(*) FROM ledger_transactions t WHERE (SELECT count(*) FROM entries e WHERE e.transaction_id = t.id) <> 2"},
        {"transactions whose entries do not sum to zero",
         "SELECT count(*) FROM (SELECT transaction_id FROM entries GROUP BY transaction_id HAVING sum(amount) <> 0) s"},
        {"entries whose size is not the transaction's amount",
         "SELECT count(*) FROM entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE abs(e.amount) <> t.amount"},
        {"accounts whose balance is not the sum of their entries",
         "SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM entries e WHERE e.account_id = a.id)"},
        {"accounts whose balance is not their newest balance_after",
         "SELECT count(*) FROM accounts a WHERE EXISTS (SELECT 1 FROM entries e WHERE e.account_id = a.id) AND a.balance <> "
         "(SELECT balance_after FROM entries e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1)"},
        {"negative balances of users", "SELECT count(*) FROM accounts WHERE user_id IS NOT NULL AND balance < 0"},
        {"negative balance_after of users",
         "SELECT count(*) FROM entries e JOIN accounts a ON a.id = e.account_id WHERE a.user_id IS NOT NULL AND e.balance_after < 0"},
        // The per-day totals behind the daily limit, against the ledger recomputed (the
        // rule of ledger.h countsAgainstDailyLimit: transfers and merchant payments out of
        // a user's wallet, by UTC day of created_at), both ways.
        {"daily totals that are not what the ledger says was sent that day",
         "SELECT count(*) FROM wallet_daily_sent w WHERE w.amount <> (SELECT coalesce(-sum(e.amount), 0) FROM entries e "
         "JOIN accounts a ON a.id = e.account_id AND a.kind = 'wallet' JOIN ledger_transactions t ON t.id = e.transaction_id "
         "WHERE a.user_id = w.user_id AND e.amount < 0 AND t.kind IN ('transfer', 'merchant_payment') "
         "AND %1 = w.day)"},
        {"days with money sent but no daily total",
         "SELECT count(*) FROM (SELECT DISTINCT a.user_id AS user_id, %1 AS day "
         "FROM entries e JOIN accounts a ON a.id = e.account_id AND a.kind = 'wallet' AND a.user_id IS NOT NULL "
         "JOIN ledger_transactions t ON t.id = e.transaction_id "
         "WHERE e.amount < 0 AND t.kind IN ('transfer', 'merchant_payment')) s "
         "WHERE NOT EXISTS (SELECT 1 FROM wallet_daily_sent w WHERE w.user_id = s.user_id AND w.day = s.day)"},
        {"non-zero sum of all accounts (as count of currencies)",
         "SELECT count(*) FROM (SELECT currency FROM accounts GROUP BY currency HAVING sum(balance) <> 0) s"},
    };
    for (const Check &c : checks) {
        QString sql = QString::fromLatin1(c.sql);
        if (sql.contains(QLatin1String("%1")))
            sql = sql.arg(day);
        auto n = (*db)->integer(sql);
        if (!n)
            return QString::fromLatin1(c.what) + QStringLiteral(": ") + n.error().message;
        if (n->value_or(-1) != 0)
            return QStringLiteral("%1: %2").arg(QString::fromLatin1(c.what)).arg(n->value_or(-1));
    }
    return {};
}

} // namespace plaza::test
