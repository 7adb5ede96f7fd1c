// SPDX-License-Identifier: MIT
#include "walletstore.h"

#include "protocol/events.h"
#include "protocol/json.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

#include <QJsonDocument>

namespace plaza::storage {

namespace {

Error malformed(const Error &e)
{
    return Error{ErrorCode::Protocol, e.message, e.details, 0};
}

// One currency per row: a wallet that mixes currencies is not what api-v1 sends.
bool sameCurrency(std::initializer_list<const Money *> amounts)
{
    const QString &first = (*amounts.begin())->currency();
    for (const Money *m : amounts) {
        if (m->currency() != first)
            return false;
    }
    return true;
}

} // namespace

Status WalletStore::upsertTransaction(const QJsonObject &object, RowChanges &changes)
{
    protocol::JsonReader r(object, QStringLiteral("transaction"));
    const QString id = r.string(QStringLiteral("id"));
    const QString kind = r.string(QStringLiteral("kind"));
    const QString direction = r.string(QStringLiteral("direction"));
    const QString status = r.string(QStringLiteral("status"));
    const Money amount = r.money(QStringLiteral("amount"));
    const auto counterparty = r.optObject(QStringLiteral("counterparty"));
    const QString note = r.optString(QStringLiteral("note"));
    const QString createdAt = r.string(QStringLiteral("created_at"));
    const auto balanceAfterObject = r.optObject(QStringLiteral("balance_after"));
    const QString requestId = r.optString(QStringLiteral("request_id"));
    const QString conversationId = r.optString(QStringLiteral("conversation_id"));
    if (!r.ok())
        return malformed(r.error());
    std::optional<Money> balanceAfter;
    if (balanceAfterObject) {
        auto m = protocol::moneyFromJson(*balanceAfterObject);
        if (!m)
            return malformed(m.error());
        balanceAfter = *m;
    }

    QString counterpartyId;
    if (counterparty) {
        auto uid = m_users.upsert(*counterparty, changes);
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
    s.bindAll(id, kind, direction, status, amount.minor(), amount.currency(), counterpartyId, note, createdAt);
    if (balanceAfter)
        s.bind(10, balanceAfter->minor()).bind(11, balanceAfter->currency());
    else
        s.bindNull(10).bindNull(11);
    s.bind(12, requestId).bind(13, conversationId);
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Transactions, id);
    return {};
}

Status WalletStore::setWallet(const QJsonObject &object, RowChanges &changes)
{
    protocol::JsonReader r(object, QStringLiteral("wallet"));
    const Money balance = r.money(QStringLiteral("balance"));
    const Money available = r.money(QStringLiteral("available"));
    const QString verification = r.optString(QStringLiteral("verification"));
    const QString asOf = r.optString(QStringLiteral("as_of"));
    const auto limitsObject = r.optObject(QStringLiteral("limits"));
    if (!r.ok())
        return malformed(r.error());
    std::optional<Money> perPayment, daily, remaining;
    if (limitsObject) {
        protocol::JsonReader l(*limitsObject, QStringLiteral("limits"));
        perPayment = l.money(QStringLiteral("per_payment"));
        daily = l.money(QStringLiteral("daily"));
        remaining = l.money(QStringLiteral("remaining_today"));
        if (!l.ok())
            return malformed(l.error());
        if (!sameCurrency({&balance, &*perPayment, &*daily, &*remaining}))
            return makeError(ErrorCode::Protocol, QStringLiteral("wallet: limits in another currency"));
    }
    if (!sameCurrency({&balance, &available}))
        return makeError(ErrorCode::Protocol, QStringLiteral("wallet: amounts in different currencies"));

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO wallet (id, balance, available, currency, verification, limit_per_payment,"
        " limit_daily, remaining_today, as_of) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);"));
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bindAll(balance.minor(), available.minor(), balance.currency(), verification);
    if (limitsObject)
        s.bind(5, perPayment->minor()).bind(6, daily->minor()).bind(7, remaining->minor());
    else
        s.bindNull(5).bindNull(6).bindNull(7);
    s.bind(8, asOf);
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Wallet, QStringLiteral("1"));
    return {};
}

Status WalletStore::setSavings(const QJsonObject &object, RowChanges &changes)
{
    protocol::JsonReader r(object, QStringLiteral("savings"));
    const Money balance = r.money(QStringLiteral("balance"));
    const qint64 apyBps = r.integer(QStringLiteral("apy_bps"));
    const Money thisMonth = r.money(QStringLiteral("interest_this_month"));
    const Money total = r.money(QStringLiteral("interest_total"));
    const QString asOf = r.optString(QStringLiteral("as_of"));
    const QJsonArray goals = object.value(QStringLiteral("goals")).toArray();
    if (!r.ok())
        return malformed(r.error());
    if (!sameCurrency({&balance, &thisMonth, &total}))
        return makeError(ErrorCode::Protocol, QStringLiteral("savings: amounts in different currencies"));
    // Newer fields (docs/api.md "Savings"); a server without them leaves their defaults.
    qint64 unassigned = balance.minor();
    if (const QJsonValue u = object.value(QStringLiteral("unassigned")); u.isObject())
        unassigned = u.toObject().value(QStringLiteral("amount")).toInteger(balance.minor());
    const qint64 accumulated = object.value(QStringLiteral("accumulated_micros")).toInteger(0);
    const QJsonValue rateChange = object.value(QStringLiteral("rate_change"));
    const QString rateChangeJson = rateChange.isObject()
        ? QString::fromUtf8(QJsonDocument(rateChange.toObject()).toJson(QJsonDocument::Compact))
        : QString();

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
    if (auto st = (*stmt)->bindAll(balance.minor(), balance.currency(), apyBps, thisMonth.minor(), total.minor(), asOf,
                                   unassigned, accumulated, rateChangeJson)
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
    for (const QJsonValue &value : goals) {
        protocol::JsonReader g(value.toObject(), QStringLiteral("goal"));
        const QString id = g.string(QStringLiteral("id"));
        const QString name = g.string(QStringLiteral("name"));
        const Money target = g.money(QStringLiteral("target"));
        const Money saved = g.money(QStringLiteral("saved"));
        const QString deadline = g.optString(QStringLiteral("deadline"));
        const QString createdAt = g.optString(QStringLiteral("created_at"));
        if (!g.ok())
            return malformed(g.error());
        if (auto st = (*insert)->bindAll(id, name, target.minor(), saved.minor(), target.currency(), deadline, createdAt)
                          .exec();
            !st)
            return st;
        changes.add(Table::SavingsGoals, id);
    }
    return {};
}

Status WalletStore::setRateChange(const QJsonObject &object, RowChanges &changes)
{
    protocol::JsonReader r(object, protocol::eventName(protocol::EventType::SavingsRateChanged));
    r.integer(QStringLiteral("apy_bps"));
    r.string(QStringLiteral("effective_date"));
    if (!r.ok())
        return malformed(r.error());
    // Only the announcement: the balance and goals come with savings.updated.
    auto ensure = m_statements.get(QStringLiteral("INSERT OR IGNORE INTO savings (id) VALUES (1);"));
    if (!ensure)
        return ensure.error();
    if (auto st = (*ensure)->exec(); !st)
        return st;
    auto stmt = m_statements.get(QStringLiteral("UPDATE savings SET rate_change = ?1 WHERE id = 1;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bindAll(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact))).exec(); !st)
        return st;
    changes.add(Table::Savings, QStringLiteral("1"));
    return {};
}

Status WalletStore::upsertPaymentRequest(const QJsonObject &object, RowChanges &changes)
{
    protocol::JsonReader r(object, QStringLiteral("payment_request"));
    const QString id = r.string(QStringLiteral("id"));
    const QString link = r.optString(QStringLiteral("link"));
    const QString status = r.string(QStringLiteral("status"));
    const Money amount = r.money(QStringLiteral("amount"));
    const QString note = r.optString(QStringLiteral("note"));
    const auto payee = r.optObject(QStringLiteral("payee"));
    const QString createdAt = r.optString(QStringLiteral("created_at"));
    const QString expiresAt = r.optString(QStringLiteral("expires_at"));
    const QString transactionId = r.optString(QStringLiteral("transaction_id"));
    if (!r.ok())
        return malformed(r.error());
    QString payeeId;
    if (payee) {
        auto uid = m_users.upsert(*payee, changes);
        if (!uid)
            return uid.error();
        payeeId = *uid;
    }
    // "payer" may be a User or just an id, depending on who asked.
    QString payerId;
    const QJsonValue payer = object.value(QStringLiteral("payer"));
    if (payer.isObject()) {
        auto uid = m_users.upsert(payer.toObject(), changes);
        if (!uid)
            return uid.error();
        payerId = *uid;
    } else if (payer.isString()) {
        payerId = payer.toString();
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO payment_requests (id, link, status, amount, currency, note, payee_id, payer_id, "
        "created_at, expires_at, transaction_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)
                      ->bindAll(id, link, status, amount.minor(), amount.currency(), note, payeeId, payerId, createdAt,
                                expiresAt, transactionId)
                      .exec();
        !st)
        return st;
    changes.add(Table::PaymentRequests, id);
    return {};
}

} // namespace plaza::storage
