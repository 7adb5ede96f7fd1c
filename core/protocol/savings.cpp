// SPDX-License-Identifier: MIT
#include "protocol/savings.h"

namespace plaza::protocol {

namespace {

void sameCurrency(JsonReader &r, const Money &first, const QString &key, const Money &other)
{
    if (r.ok() && other.currency() != first.currency())
        r.fail(key, QStringLiteral("must be in %1 like the balance").arg(first.currency()));
}

} // namespace

QJsonObject SavingsGoal::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("target"), moneyToJson(target)},
        {QStringLiteral("saved"), moneyToJson(saved)},
        {QStringLiteral("deadline"), deadline.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(deadline)},
        {QStringLiteral("created_at"), timeOrNull(createdAt)},
    };
}

Result<SavingsGoal> SavingsGoal::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    SavingsGoal g;
    g.id = r.string(QStringLiteral("id"));
    g.name = r.string(QStringLiteral("name"));
    g.target = r.money(QStringLiteral("target"));
    g.saved = r.money(QStringLiteral("saved"));
    if (r.ok())
        r.positive(QStringLiteral("target"), g.target);
    r.nonNegative(QStringLiteral("saved"), g.saved.minor());
    sameCurrency(r, g.target, QStringLiteral("saved"), g.saved);
    g.deadline = r.optDate(QStringLiteral("deadline"));
    g.createdAt = r.optTime(QStringLiteral("created_at")).value_or(QDateTime());
    if (!r.ok())
        return r.error();
    return g;
}

QJsonObject RateChange::toJson() const
{
    QJsonObject o{{QStringLiteral("apy_bps"), apyBps}, {QStringLiteral("effective_date"), effectiveDate}};
    if (previousApyBps)
        o.insert(QStringLiteral("previous_apy_bps"), *previousApyBps);
    return o;
}

Result<RateChange> RateChange::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    RateChange c;
    c.apyBps = r.integer(QStringLiteral("apy_bps"));
    c.previousApyBps = r.optInteger(QStringLiteral("previous_apy_bps"));
    c.effectiveDate = r.date(QStringLiteral("effective_date"));
    r.nonNegative(QStringLiteral("apy_bps"), c.apyBps);
    r.nonNegative(QStringLiteral("previous_apy_bps"), c.previousApyBps.value_or(0));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject SavingsAccount::toJson() const
{
    QJsonArray goalList;
    for (const SavingsGoal &g : goals)
        goalList.append(g.toJson());
    return {
        {QStringLiteral("balance"), moneyToJson(balance)},
        {QStringLiteral("unassigned"), moneyToJson(unassigned)},
        {QStringLiteral("apy_bps"), apyBps},
        {QStringLiteral("interest_this_month"), moneyToJson(interestThisMonth)},
        {QStringLiteral("interest_total"), moneyToJson(interestTotal)},
        {QStringLiteral("accumulated_micros"), accumulatedMicros},
        {QStringLiteral("goals"), goalList},
        {QStringLiteral("rate_change"), rateChange ? QJsonValue(rateChange->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("as_of"), timeOrNull(asOf)},
    };
}

Result<SavingsAccount> SavingsAccount::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    SavingsAccount s;
    s.balance = r.money(QStringLiteral("balance"));
    s.apyBps = r.integer(QStringLiteral("apy_bps"));
    s.interestThisMonth = r.money(QStringLiteral("interest_this_month"));
    s.interestTotal = r.money(QStringLiteral("interest_total"));
    // Newer fields (docs/api.md "Savings"): a server without them leaves their defaults.
    s.unassigned = r.optMoney(QStringLiteral("unassigned")).value_or(s.balance);
    s.accumulatedMicros = r.optInteger(QStringLiteral("accumulated_micros")).value_or(0);
    s.goals = r.decodeList<SavingsGoal>(QStringLiteral("goals"), false);
    s.rateChange = r.optDecode<RateChange>(QStringLiteral("rate_change"));
    s.asOf = r.optTime(QStringLiteral("as_of")).value_or(QDateTime());
    r.nonNegative(QStringLiteral("balance"), s.balance.minor());
    r.nonNegative(QStringLiteral("apy_bps"), s.apyBps);
    r.nonNegative(QStringLiteral("interest_this_month"), s.interestThisMonth.minor());
    r.nonNegative(QStringLiteral("interest_total"), s.interestTotal.minor());
    r.nonNegative(QStringLiteral("accumulated_micros"), s.accumulatedMicros);
    sameCurrency(r, s.balance, QStringLiteral("unassigned"), s.unassigned);
    sameCurrency(r, s.balance, QStringLiteral("interest_this_month"), s.interestThisMonth);
    sameCurrency(r, s.balance, QStringLiteral("interest_total"), s.interestTotal);
    for (qsizetype i = 0; r.ok() && i < s.goals.size(); ++i)
        sameCurrency(r, s.balance, QStringLiteral("goals[%1].target").arg(i), s.goals.at(i).target);
    if (!r.ok())
        return r.error();
    return s;
}

QJsonObject InterestDay::toJson() const
{
    return {
        {QStringLiteral("date"), date},
        {QStringLiteral("balance"), moneyToJson(balance)},
        {QStringLiteral("apy_bps"), apyBps},
        {QStringLiteral("accrued_micros"), accruedMicros},
        {QStringLiteral("paid"), moneyOrNull(paid)},
    };
}

Result<InterestDay> InterestDay::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    InterestDay d;
    d.date = r.date(QStringLiteral("date"));
    d.balance = r.money(QStringLiteral("balance"));
    d.apyBps = r.integer(QStringLiteral("apy_bps"));
    d.accruedMicros = r.integer(QStringLiteral("accrued_micros"));
    d.paid = r.optMoney(QStringLiteral("paid"));
    r.nonNegative(QStringLiteral("balance"), d.balance.minor());
    r.nonNegative(QStringLiteral("apy_bps"), d.apyBps);
    r.nonNegative(QStringLiteral("accrued_micros"), d.accruedMicros);
    if (d.paid) {
        r.nonNegative(QStringLiteral("paid"), d.paid->minor());
        sameCurrency(r, d.balance, QStringLiteral("paid"), *d.paid);
    }
    if (!r.ok())
        return r.error();
    return d;
}

QJsonObject InterestPage::toJson() const
{
    QJsonArray list;
    for (const InterestDay &d : items)
        list.append(d.toJson());
    return {{QStringLiteral("items"), list}, {QStringLiteral("next_before"), stringOrNull(nextBefore)}};
}

Result<InterestPage> InterestPage::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    InterestPage p;
    p.items = r.decodeList<InterestDay>(QStringLiteral("items"));
    if (const QString before = r.optDate(QStringLiteral("next_before")); !before.isNull())
        p.nextBefore = before;
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace plaza::protocol
