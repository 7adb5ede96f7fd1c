// SPDX-License-Identifier: MIT
#include "walletstore.h"

#include "protocol/events.h"
#include "protocol/json.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

#include <QJsonDocument>

namespace plaza::storage {

namespace {

template<typename T, typename Apply>
Status decodeThen(const QJsonObject &object, Apply apply)
{
    auto value = protocol::decodeReply<T>(object);
    if (!value)
        return value.error();
    return apply(*value);
}

QString timeOrEmpty(const QDateTime &time)
{
    return time.isValid() ? protocol::formatTime(time) : QString();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Status WalletStore::upsertTransaction(const QJsonObject &object, RowChanges &changes)
{
    return decodeThen<protocol::Transaction>(object, [&](const auto &t) { return upsertTransaction(t, changes); });
}

Status WalletStore::setWallet(const QJsonObject &object, RowChanges &changes)
{
    return decodeThen<protocol::Wallet>(object, [&](const auto &w) { return setWallet(w, changes); });
}

Status WalletStore::setSavings(const QJsonObject &object, RowChanges &changes)
{
    return decodeThen<protocol::SavingsAccount>(object, [&](const auto &s) { return setSavings(s, changes); });
}

Status WalletStore::setRateChange(const QJsonObject &object, RowChanges &changes)
{
    return decodeThen<protocol::RateChange>(object, [&](const auto &c) { return setRateChange(c, changes); });
}

Status WalletStore::upsertPaymentRequest(const QJsonObject &object, RowChanges &changes)
{
    return decodeThen<protocol::PaymentRequest>(object, [&](const auto &r) { return upsertPaymentRequest(r, changes); });
}

Status WalletStore::upsertTransaction(const protocol::Transaction &t, RowChanges &changes)
{
    QString counterpartyId;
    if (t.counterparty) {
        auto uid = m_users.upsert(*t.counterparty, changes);
        if (!uid)
            return uid.error();
        counterpartyId = *uid;
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO transactions (id, kind, direction, status, amount, currency, counterparty_id, note,"
        " created_at, balance_after, balance_after_currency, request_id, conversation_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);"));
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bindAll(t.id, t.kind, t.direction, t.status, t.amount.minor(), t.amount.currency(), counterpartyId, t.note,
              protocol::formatTime(t.createdAt));
    if (t.balanceAfter)
        s.bind(10, t.balanceAfter->minor()).bind(11, t.balanceAfter->currency());
    else
        s.bindNull(10).bindNull(11);
    s.bind(12, t.requestId.value_or(QString())).bind(13, t.conversationId.value_or(QString()));
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Transactions, t.id);
    return {};
}

Status WalletStore::setWallet(const protocol::Wallet &w, RowChanges &changes)
{
    // The codec has checked that every amount is in the balance's currency.
    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO wallet (id, balance, available, currency, verification, limit_per_payment,"
        " limit_daily, remaining_today, as_of) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);"));
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bindAll(w.balance.minor(), w.available.minor(), w.balance.currency(), w.verification);
    if (w.limits)
        s.bind(5, w.limits->perPayment.minor()).bind(6, w.limits->daily.minor()).bind(7, w.limits->remainingToday.minor());
    else
        s.bindNull(5).bindNull(6).bindNull(7);
    s.bind(8, timeOrEmpty(w.asOf));
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Wallet, QStringLiteral("1"));
    return {};
}

Status WalletStore::setSavings(const protocol::SavingsAccount &savings, RowChanges &changes)
{
    const QString asOf = timeOrEmpty(savings.asOf);
    const QString rateChangeJson = savings.rateChange ? compact(savings.rateChange->toJson()) : QString();

    // Figures older than those kept never replace them: an event the sync engine applies late
    // (the live socket reconnecting after a token refresh) may follow a fresher GET /v1/savings.
    // as_of is RFC 3339 UTC with milliseconds, so text order is time order.
    if (!asOf.isEmpty()) {
        auto kept = m_statements.get(QStringLiteral("SELECT as_of FROM savings WHERE id = 1 AND as_of > ?1;"));
        if (!kept)
            return kept.error();
        (*kept)->bindAll(asOf);
        auto newer = (*kept)->step();
        const bool skip = newer && *newer;
        (*kept)->reset();
        if (!newer)
            return newer.error();
        if (skip)
            return {};
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO savings (id, balance, currency, apy_bps, interest_this_month, interest_total, as_of,"
        " unassigned, accumulated_micros, rate_change) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, ''));"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)
                      ->bindAll(savings.balance.minor(), savings.balance.currency(), savings.apyBps,
                                savings.interestThisMonth.minor(), savings.interestTotal.minor(), asOf,
                                savings.unassigned.minor(), savings.accumulatedMicros, rateChangeJson)
                      .exec();
        !st)
        return st;
    changes.add(Table::Savings, QStringLiteral("1"));

    // The event carries the whole list of goals: replace them.
    auto clear = m_statements.get(QStringLiteral("DELETE FROM savings_goals;"));
    if (!clear)
        return clear.error();
    if (auto st = (*clear)->exec(); !st)
        return st;
    auto insert = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO savings_goals (id, name, target, saved, currency, deadline, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);"));
    if (!insert)
        return insert.error();
    for (const protocol::SavingsGoal &g : savings.goals) {
        if (auto st = (*insert)
                          ->bindAll(g.id, g.name, g.target.minor(), g.saved.minor(), g.target.currency(), g.deadline,
                                    timeOrEmpty(g.createdAt))
                          .exec();
            !st)
            return st;
        changes.add(Table::SavingsGoals, g.id);
    }
    return {};
}

Status WalletStore::setRateChange(const protocol::RateChange &change, RowChanges &changes)
{
    // Only the announcement: the balance and goals come with savings.updated.
    auto ensure = m_statements.get(QStringLiteral("INSERT OR IGNORE INTO savings (id) VALUES (1);"));
    if (!ensure)
        return ensure.error();
    if (auto st = (*ensure)->exec(); !st)
        return st;
    auto stmt = m_statements.get(QStringLiteral("UPDATE savings SET rate_change = ?1 WHERE id = 1;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bindAll(compact(change.toJson())).exec(); !st)
        return st;
    changes.add(Table::Savings, QStringLiteral("1"));
    return {};
}

Status WalletStore::upsertPaymentRequest(const protocol::PaymentRequest &r, RowChanges &changes)
{
    auto payeeId = m_users.upsert(r.payee, changes);
    if (!payeeId)
        return payeeId.error();
    QString payerId;
    if (r.payer) {
        auto uid = m_users.upsert(*r.payer, changes);
        if (!uid)
            return uid.error();
        payerId = *uid;
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO payment_requests (id, link, status, amount, currency, note, payee_id, payer_id, "
        "created_at, expires_at, transaction_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)
                      ->bindAll(r.id, r.link, r.status, r.amount.minor(), r.amount.currency(), r.note, *payeeId, payerId,
                                timeOrEmpty(r.createdAt), timeOrEmpty(r.expiresAt), r.transactionId.value_or(QString()))
                      .exec();
        !st)
        return st;
    changes.add(Table::PaymentRequests, r.id);
    return {};
}

} // namespace plaza::storage
