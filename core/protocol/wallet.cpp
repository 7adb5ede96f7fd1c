// SPDX-License-Identifier: MIT
#include "protocol/wallet.h"

namespace plaza::protocol {

namespace {

std::optional<QString> optionalText(JsonReader &r, const QString &key)
{
    const QString text = r.optString(key);
    return text.isNull() ? std::nullopt : std::optional<QString>(text);
}

//! One currency per wallet: an amount in another is not what api-v1 sends.
void sameCurrency(JsonReader &r, const Money &first, const QString &key, const Money &other)
{
    if (r.ok() && other.currency() != first.currency())
        r.fail(key, QStringLiteral("must be in %1 like the balance").arg(first.currency()));
}

} // namespace

const QStringList &Transaction::kinds()
{
    static const QStringList all{QStringLiteral("top_up"),          QStringLiteral("transfer"),
                                 QStringLiteral("merchant_payment"), QStringLiteral("refund"),
                                 QStringLiteral("savings_deposit"),  QStringLiteral("savings_withdrawal"),
                                 QStringLiteral("interest")};
    return all;
}

QJsonObject Transaction::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("direction"), direction},
        {QStringLiteral("status"), status},
        {QStringLiteral("amount"), moneyToJson(amount)},
        {QStringLiteral("counterparty"), counterparty ? QJsonValue(counterparty->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("note"), note},
        {QStringLiteral("created_at"), formatTime(createdAt)},
        {QStringLiteral("balance_after"), moneyOrNull(balanceAfter)},
        {QStringLiteral("request_id"), stringOrNull(requestId)},
        {QStringLiteral("conversation_id"), stringOrNull(conversationId)},
        {QStringLiteral("refund_of"), stringOrNull(refundOf)},
    };
}

Result<Transaction> Transaction::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Transaction t;
    t.id = r.string(QStringLiteral("id"));
    t.kind = r.oneOf(QStringLiteral("kind"), kinds());
    t.direction = r.oneOf(QStringLiteral("direction"), {QStringLiteral("in"), QStringLiteral("out")});
    t.status = r.string(QStringLiteral("status"));
    t.amount = r.money(QStringLiteral("amount"));
    if (r.ok())
        r.positive(QStringLiteral("amount"), t.amount);
    t.counterparty = r.optDecode<User>(QStringLiteral("counterparty"));
    t.note = r.optString(QStringLiteral("note"));
    t.createdAt = r.time(QStringLiteral("created_at"));
    t.balanceAfter = r.optMoney(QStringLiteral("balance_after"));
    if (t.balanceAfter)
        sameCurrency(r, t.amount, QStringLiteral("balance_after"), *t.balanceAfter);
    t.requestId = optionalText(r, QStringLiteral("request_id"));
    t.conversationId = optionalText(r, QStringLiteral("conversation_id"));
    t.refundOf = optionalText(r, QStringLiteral("refund_of"));
    if (r.ok() && t.status.isEmpty())
        r.fail(QStringLiteral("status"), QStringLiteral("must not be empty"));
    if (!r.ok())
        return r.error();
    return t;
}

QJsonObject WalletLimits::toJson() const
{
    return {{QStringLiteral("per_payment"), moneyToJson(perPayment)},
            {QStringLiteral("daily"), moneyToJson(daily)},
            {QStringLiteral("remaining_today"), moneyToJson(remainingToday)}};
}

Result<WalletLimits> WalletLimits::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    WalletLimits l;
    l.perPayment = r.money(QStringLiteral("per_payment"));
    l.daily = r.money(QStringLiteral("daily"));
    l.remainingToday = r.money(QStringLiteral("remaining_today"));
    r.nonNegative(QStringLiteral("per_payment"), l.perPayment.minor());
    r.nonNegative(QStringLiteral("daily"), l.daily.minor());
    r.nonNegative(QStringLiteral("remaining_today"), l.remainingToday.minor());
    sameCurrency(r, l.perPayment, QStringLiteral("daily"), l.daily);
    sameCurrency(r, l.perPayment, QStringLiteral("remaining_today"), l.remainingToday);
    if (!r.ok())
        return r.error();
    return l;
}

QJsonObject Wallet::toJson() const
{
    QJsonObject o{
        {QStringLiteral("balance"), moneyToJson(balance)},
        {QStringLiteral("available"), moneyToJson(available)},
        {QStringLiteral("verification"), verification},
        {QStringLiteral("as_of"), timeOrNull(asOf)},
    };
    if (limits)
        o.insert(QStringLiteral("limits"), limits->toJson());
    return o;
}

Result<Wallet> Wallet::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Wallet w;
    w.balance = r.money(QStringLiteral("balance"));
    w.available = r.money(QStringLiteral("available"));
    w.verification = r.optString(QStringLiteral("verification"));
    if (r.ok() && !w.verification.isNull() && w.verification != u"basic" && w.verification != u"full")
        r.fail(QStringLiteral("verification"), QStringLiteral("must be one of basic, full"));
    w.limits = r.optDecode<WalletLimits>(QStringLiteral("limits"));
    w.asOf = r.optTime(QStringLiteral("as_of")).value_or(QDateTime());
    sameCurrency(r, w.balance, QStringLiteral("available"), w.available);
    if (w.limits)
        sameCurrency(r, w.balance, QStringLiteral("limits.per_payment"), w.limits->perPayment);
    if (!r.ok())
        return r.error();
    return w;
}

const QStringList &PaymentRequest::statuses()
{
    static const QStringList all{QStringLiteral("open"), QStringLiteral("paid"), QStringLiteral("declined"),
                                 QStringLiteral("cancelled"), QStringLiteral("expired")};
    return all;
}

QJsonObject PaymentRequest::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("link"), link},
        {QStringLiteral("status"), status},
        {QStringLiteral("amount"), moneyToJson(amount)},
        {QStringLiteral("note"), note},
        {QStringLiteral("payee"), payee.toJson()},
        {QStringLiteral("payer"), payer ? QJsonValue(payer->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("transaction_id"), stringOrNull(transactionId)},
        {QStringLiteral("created_at"), timeOrNull(createdAt)},
        {QStringLiteral("expires_at"), timeOrNull(expiresAt)},
    };
}

Result<PaymentRequest> PaymentRequest::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    PaymentRequest p;
    p.id = r.string(QStringLiteral("id"));
    p.link = r.optString(QStringLiteral("link"));
    p.status = r.oneOf(QStringLiteral("status"), statuses());
    p.amount = r.money(QStringLiteral("amount"));
    if (r.ok())
        r.positive(QStringLiteral("amount"), p.amount);
    p.note = r.optString(QStringLiteral("note"));
    p.payee = r.decode<User>(QStringLiteral("payee"));
    p.payer = r.optDecode<User>(QStringLiteral("payer"));
    p.transactionId = optionalText(r, QStringLiteral("transaction_id"));
    p.createdAt = r.optTime(QStringLiteral("created_at")).value_or(QDateTime());
    p.expiresAt = r.optTime(QStringLiteral("expires_at")).value_or(QDateTime());
    if (r.ok() && p.status == u"paid" && !p.transactionId)
        r.fail(QStringLiteral("transaction_id"), QStringLiteral("is required for a paid request"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace plaza::protocol
