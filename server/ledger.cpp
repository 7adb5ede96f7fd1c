// SPDX-License-Identifier: MIT
#include "ledger.h"
#include "protocol/events.h"

#include "clock.h"
#include "eventlog.h"
#include "protocol/json.h"
#include "serverdb.h"
#include "users.h"

#include <QDateTime>

namespace plaza::server {

namespace {

std::optional<QString> idOrNone(QStringView prefix, qint64 rowId)
{
    return rowId > 0 ? std::optional<QString>(ids::format(prefix, rowId)) : std::nullopt;
}

Error insufficientFunds()
{
    return makeError(ErrorCode::InsufficientFunds, QStringLiteral("The balance does not cover this amount."));
}

// post()'s writes on PostgreSQL in one statement (one round trip instead of seven): the
// transaction, both entries, both balances and, when \a dailyUser is not 0, the payer's
// total of \a day. The accounts are locked already.
Result<qint64> postPg(ServerDb &db, const Movement &m, qint64 newFrom, qint64 newTo, qint64 dailyUser, const QString &day)
{
    QString sql = QStringLiteral(
        "WITH t AS (INSERT INTO ledger_transactions (kind, status, amount, currency, note, request_id, conversation_id, "
        "refund_of, created_at) VALUES (?1, 'completed', ?2, ?3, ?4, NULLIF(?5, 0), NULLIF(?6, 0), NULLIF(?7, 0), ?8) "
        "RETURNING id), "
        "e AS (INSERT INTO entries (transaction_id, account_id, amount, balance_after) "
        "SELECT t.id, v.account, v.amount, v.after FROM t, (VALUES (?9, ?10, ?11), (?12, ?13, ?14)) "
        "AS v(account, amount, after)), "
        "b AS (UPDATE accounts SET balance = CASE WHEN id = ?9 THEN ?11 ELSE ?14 END WHERE id IN (?9, ?12))");
    const QString note = m.note.isNull() ? QStringLiteral("") : m.note;
    auto idOf = [](Result<Rows> rows) -> Result<qint64> {
        if (!rows)
            return rows.error();
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return makeError(ErrorCode::Storage, QStringLiteral("PostgreSQL: the ledger INSERT returned no id"));
        return rows->int64(0);
    };
    if (!dailyUser)
        return idOf(db.query(sql + QStringLiteral(" SELECT id FROM t"), m.kind, m.amount, m.currency, note, m.requestId,
                             m.conversationId, m.refundOf, m.createdAtMs, m.fromAccount, -m.amount, newFrom, m.toAccount,
                             m.amount, newTo));
    sql += QStringLiteral(", d AS (INSERT INTO wallet_daily_sent (user_id, day, amount) VALUES (?15, ?16, ?2) "
                          "ON CONFLICT (user_id, day) DO UPDATE SET amount = wallet_daily_sent.amount + excluded.amount) "
                          "SELECT id FROM t");
    return idOf(db.query(sql, m.kind, m.amount, m.currency, note, m.requestId, m.conversationId, m.refundOf,
                         m.createdAtMs, m.fromAccount, -m.amount, newFrom, m.toAccount, m.amount, newTo, dailyUser, day));
}

} // namespace

WalletLimits limitsFor(bool fullyVerified)
{
    // Minor units of EUR: basic 250 € per payment / 1 000 € per day, full 10 000 € / 25 000 €.
    return fullyVerified ? WalletLimits{1'000'000, 2'500'000} : WalletLimits{25'000, 100'000};
}

Result<qint64> ensureWalletAccount(ServerDb &db, qint64 userId)
{
    auto existing = db.integer(QStringLiteral("SELECT id FROM accounts WHERE user_id = ?1 AND kind = 'wallet'"), userId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return **existing;
    return db.insert(
        QStringLiteral("INSERT INTO accounts (user_id, kind, currency, balance) VALUES (?1, 'wallet', ?2, 0)"), userId,
        kDefaultCurrency);
}

Result<std::pair<WalletAccount, WalletAccount>> walletAccounts(ServerDb &db, qint64 first, qint64 second)
{
    auto stmt = db.query(QStringLiteral("SELECT user_id, id, currency FROM accounts WHERE kind = 'wallet' AND user_id IN (?1, ?2)"),
                         first, second);
    if (!stmt)
        return stmt.error();
    std::pair<WalletAccount, WalletAccount> found{{0, kDefaultCurrency}, {0, kDefaultCurrency}};
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        WalletAccount &account = stmt->int64(0) == first ? found.first : found.second;
        account.id = stmt->int64(1);
        account.currency = stmt->text(2);
    }
    return found;
}

Result<qint64> systemAccount(ServerDb &db, const QString &kind)
{
    auto id = db.integer(QStringLiteral("SELECT id FROM accounts WHERE user_id IS NULL AND kind = ?1"), kind);
    if (!id)
        return id.error();
    if (!id->has_value())
        return makeError(ErrorCode::Internal, QStringLiteral("system account %1 is missing").arg(kind));
    return **id;
}

Result<qint64> post(ServerDb &db, const Movement &m)
{
    if (m.amount <= 0 || m.fromAccount == m.toAccount)
        return makeError(ErrorCode::Internal, QStringLiteral("malformed movement"));

    // On PostgreSQL both rows are locked (FOR UPDATE) in id order, whichever way the money
    // goes, so that movements sharing an account wait for each other and never deadlock on
    // these two rows; under READ COMMITTED (Storage::Isolation::RowLocks) the balances read
    // are then the newest committed ones and stay so until this transaction ends.
    const bool pg = db.kind() == Storage::Kind::Postgres;
    auto stmt = db.query(pg ? QStringLiteral("SELECT id, user_id IS NULL, currency, balance, user_id, kind = 'wallet' "
                                             "FROM accounts WHERE id IN (?1, ?2) ORDER BY id FOR UPDATE")
                            : QStringLiteral("SELECT id, user_id IS NULL, currency, balance, user_id, kind = 'wallet' "
                                             "FROM accounts WHERE id IN (?1, ?2)"),
                         m.fromAccount, m.toAccount);
    if (!stmt)
        return stmt.error();
    qint64 fromBalance = 0, toBalance = 0;
    bool fromSystem = false;
    qint64 fromWalletOf = 0; // the user whose wallet pays, 0 for savings and system accounts
    int found = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (stmt->text(2) != m.currency)
            return makeError(ErrorCode::CurrencyMismatch, QStringLiteral("The accounts hold another currency."));
        ++found;
        if (stmt->int64(0) == m.fromAccount) {
            fromSystem = stmt->int64(1) != 0;
            fromBalance = stmt->int64(3);
            fromWalletOf = !fromSystem && stmt->int64(5) != 0 ? stmt->int64(4) : 0;
        } else {
            toBalance = stmt->int64(3);
        }
    }
    if (found != 2)
        return makeError(ErrorCode::Internal, QStringLiteral("movement between unknown accounts"));

    // The check that matters runs here, inside BEGIN IMMEDIATE (SQLite) or under the row
    // locks above (PostgreSQL): no other writer can change this balance between the read
    // above and the update below.
    qint64 newFrom = 0, newTo = 0;
    if (__builtin_sub_overflow(fromBalance, m.amount, &newFrom) || (!fromSystem && newFrom < 0))
        return insufficientFunds();
    if (__builtin_add_overflow(toBalance, m.amount, &newTo))
        return makeError(ErrorCode::LimitExceeded, QStringLiteral("The receiving balance would overflow."));

    const bool countsToday = fromWalletOf && countsAgainstDailyLimit(m.kind);
    const QString day = countsToday ? Clock::utcDate(m.createdAtMs).toString(Qt::ISODate) : QString();
    if (pg)
        return postPg(db, m, newFrom, newTo, countsToday ? fromWalletOf : 0, day);

    auto inserted
        = db.insert(QStringLiteral("INSERT INTO ledger_transactions (kind, status, amount, currency, note, request_id, "
                                   "conversation_id, refund_of, created_at) VALUES (?1, 'completed', ?2, ?3, ?4, "
                                   "NULLIF(?5, 0), NULLIF(?6, 0), NULLIF(?7, 0), ?8)"),
            m.kind, m.amount, m.currency, m.note.isNull() ? QStringLiteral("") : m.note, m.requestId, m.conversationId,
            m.refundOf, m.createdAtMs);
    if (!inserted)
        return inserted.error();
    const qint64 txId = *inserted;
    const QString entry = QStringLiteral("INSERT INTO entries (transaction_id, account_id, amount, balance_after) VALUES (?1, ?2, ?3, ?4)");
    const QString update = QStringLiteral("UPDATE accounts SET balance = ?2 WHERE id = ?1");
    for (const auto &[account, delta, after] : {std::tuple{m.fromAccount, -m.amount, newFrom},
                                                std::tuple{m.toAccount, m.amount, newTo}}) {
        if (auto st = db.run(entry, txId, account, delta, after); !st)
            return st.error();
        if (auto st = db.run(update, account, after); !st)
            return st.error();
    }
    if (countsToday) {
        // No UPSERT in SQLite 3.15: make sure the day's row exists, then add to it.
        if (auto st = db.run(db.insertOrIgnore(QStringLiteral("INTO wallet_daily_sent (user_id, day, amount) VALUES (?1, ?2, 0)")),
                             fromWalletOf, day);
            !st)
            return st.error();
        if (auto st = db.run(QStringLiteral("UPDATE wallet_daily_sent SET amount = amount + ?3 WHERE user_id = ?1 AND day = ?2"),
                             fromWalletOf, day, m.amount);
            !st)
            return st.error();
    }
    return txId;
}

Result<protocol::Transaction> loadTransaction(ServerDb &db, qint64 userId, qint64 transactionId)
{
    // The viewer's entry (on any of their accounts) and the other side's.
    auto row = db.row(
        QStringLiteral(
            "SELECT t.kind, t.status, t.amount, t.currency, t.note, t.created_at, t.request_id, t.conversation_id, "
            "mine.amount, mine.balance_after, other_acc.user_id, t.refund_of "
            "FROM ledger_transactions t "
            "JOIN entries mine ON mine.transaction_id = t.id "
            "JOIN accounts my_acc ON my_acc.id = mine.account_id AND my_acc.user_id = ?1 "
            "JOIN entries other ON other.transaction_id = t.id AND other.id <> mine.id "
            "JOIN accounts other_acc ON other_acc.id = other.account_id "
            // Between the viewer's own wallet and savings, the wallet's side is the one shown.
            "WHERE t.id = ?2 ORDER BY my_acc.kind = 'wallet' DESC LIMIT 1"),
        userId, transactionId);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such transaction."));
    auto &stmt = *row;
    const QString currency = stmt->text(3);
    protocol::Transaction t;
    // A counterparty is a person or merchant; the same user (savings) or a system account is none.
    if (!stmt->isNull(10) && stmt->int64(10) != userId) {
        auto user = loadUser(db, userId, stmt->int64(10));
        if (!user)
            return user.error();
        t.counterparty = *user;
    }
    t.id = ids::format(ids::kTransaction, transactionId);
    t.kind = stmt->text(0);
    t.direction = stmt->int64(8) < 0 ? QStringLiteral("out") : QStringLiteral("in");
    t.status = stmt->text(1);
    t.amount = Money(stmt->int64(2), currency);
    t.note = stmt->text(4);
    t.createdAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(5), Qt::UTC);
    t.balanceAfter = Money(stmt->int64(9), currency);
    t.requestId = idOrNone(ids::kPaymentRequest, stmt->isNull(6) ? 0 : stmt->int64(6));
    t.conversationId = idOrNone(ids::kConversation, stmt->isNull(7) ? 0 : stmt->int64(7));
    t.refundOf = idOrNone(ids::kTransaction, stmt->isNull(11) ? 0 : stmt->int64(11));
    return t;
}

Result<QJsonObject> transactionJson(ServerDb &db, qint64 userId, qint64 transactionId)
{
    auto transaction = loadTransaction(db, userId, transactionId);
    if (!transaction)
        return transaction.error();
    return transaction->toJson();
}

bool countsAgainstDailyLimit(QStringView kind)
{
    // Keep in step with migration 6's backfill of wallet_daily_sent (serverdb.cpp).
    return kind == u"transfer" || kind == u"merchant_payment";
}

Result<qint64> spentToday(ServerDb &db, qint64 userId, qint64 nowMs)
{
    auto sum = db.integer(QStringLiteral("SELECT amount FROM wallet_daily_sent WHERE user_id = ?1 AND day = ?2"), userId,
                          Clock::utcDate(nowMs).toString(Qt::ISODate));
    if (!sum)
        return sum.error();
    return sum->value_or(0);
}

Result<protocol::Wallet> loadWallet(ServerDb &db, qint64 userId, qint64 nowMs)
{
    // One round trip: the user's level, the wallet (if any) and what it sent today.
    auto row = db.row(QStringLiteral("SELECT u.verified, a.id IS NOT NULL, a.balance, a.currency, "
                                     "(SELECT d.amount FROM wallet_daily_sent d WHERE d.user_id = u.id AND d.day = ?2) "
                                     "FROM users u LEFT JOIN accounts a ON a.user_id = u.id AND a.kind = 'wallet' "
                                     "WHERE u.id = ?1"),
                      userId, Clock::utcDate(nowMs).toString(Qt::ISODate));
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such user."));
    auto &stmt = **row;
    const bool full = stmt.int64(0) != 0;
    // No account yet (never touched money): an empty wallet in the default currency.
    const bool hasAccount = stmt.int64(1) != 0;
    const qint64 balance = hasAccount ? stmt.int64(2) : 0;
    const QString currency = hasAccount ? stmt.text(3) : kDefaultCurrency;
    const qint64 spent = stmt.isNull(4) ? 0 : stmt.int64(4);
    const WalletLimits limits = limitsFor(full);
    protocol::Wallet w;
    w.balance = Money(balance, currency);
    // No holds or pending movements exist in v1: everything is available.
    w.available = w.balance;
    w.verification = full ? QStringLiteral("full") : QStringLiteral("basic");
    w.limits = protocol::WalletLimits{Money(limits.perPayment, currency), Money(limits.daily, currency),
                                      Money(std::max<qint64>(0, limits.daily - spent), currency)};
    w.asOf = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    return w;
}

Result<QJsonObject> walletJson(ServerDb &db, qint64 userId, qint64 nowMs)
{
    auto wallet = loadWallet(db, userId, nowMs);
    if (!wallet)
        return wallet.error();
    return wallet->toJson();
}

Status checkLimits(ServerDb &db, qint64 userId, qint64 amount, qint64 nowMs)
{
    // One round trip: the level and what was sent today (no user: basic, nothing sent).
    auto row = db.row(QStringLiteral("SELECT u.verified, "
                                     "(SELECT d.amount FROM wallet_daily_sent d WHERE d.user_id = u.id AND d.day = ?2) "
                                     "FROM users u WHERE u.id = ?1"),
                      userId, Clock::utcDate(nowMs).toString(Qt::ISODate));
    if (!row)
        return row.error();
    const bool full = *row && (**row).int64(0) != 0;
    const qint64 spent = *row && !(**row).isNull(1) ? (**row).int64(1) : 0;
    const WalletLimits limits = limitsFor(full);
    if (amount > limits.perPayment)
        return makeError(ErrorCode::LimitExceeded, QStringLiteral("The amount is over the per-payment limit."),
                         {{QStringLiteral("limit"), QStringLiteral("per_payment")},
                          {QStringLiteral("max"), limits.perPayment}});
    if (spent + amount > limits.daily)
        return makeError(ErrorCode::LimitExceeded, QStringLiteral("The amount is over what is left of today's limit."),
                         {{QStringLiteral("limit"), QStringLiteral("daily")},
                          {QStringLiteral("remaining_today"), std::max<qint64>(0, limits.daily - spent)}});
    return {};
}

Result<QJsonObject> logMovement(ServerDb &db, qint64 transactionId, qint64 nowMs, qint64 viewerId)
{
    auto users = db.integers(QStringLiteral("SELECT DISTINCT a.user_id FROM entries e JOIN accounts a ON a.id = e.account_id "
                                            "WHERE e.transaction_id = ?1 AND a.user_id IS NOT NULL ORDER BY a.user_id"),
                             transactionId);
    if (!users)
        return users.error();
    QJsonObject shown;
    for (qint64 user : std::as_const(*users)) {
        auto tx = transactionJson(db, user, transactionId);
        if (!tx)
            return tx.error();
        if (user == viewerId)
            shown = *tx;
        auto wallet = walletJson(db, user, nowMs);
        if (!wallet)
            return wallet.error();
        if (auto seq = appendEvents(db, user, {{protocol::eventName(protocol::EventType::TransactionCreated), *tx},
                                               {protocol::eventName(protocol::EventType::WalletUpdated), *wallet}});
            !seq)
            return seq.error();
    }
    return shown;
}

} // namespace plaza::server
