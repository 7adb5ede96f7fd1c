// SPDX-License-Identifier: MIT
#include "savings.h"
#include "protocol/events.h"

#include "clock.h"
#include "eventlog.h"
#include "idempotency.h"
#include "ledger.h"
#include "money/interest.h"
#include "protocol/json.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "serveroptions.h"
#include "services.h"
#include "totp.h"
#include "wallet.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimer>

namespace plaza::server {
namespace savings {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kMaxInterestPage = 400;

qint64 startOfDayMs(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

Error invalidField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::ValidationFailed, why, {{QStringLiteral("field"), field}});
}

Error noSuchGoal()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such goal."));
}

Result<qint64> balanceOf(ServerDb &db, qint64 userId)
{
    auto balance = db.integer(QStringLiteral("SELECT balance FROM accounts WHERE user_id = ?1 AND kind = 'savings'"), userId);
    if (!balance)
        return balance.error();
    return balance->value_or(0);
}

Result<qint64> assignedTotal(ServerDb &db, qint64 userId)
{
    auto sum = db.integer(QStringLiteral("SELECT coalesce(sum(saved), 0) FROM savings_goals WHERE user_id = ?1"), userId);
    if (!sum)
        return sum.error();
    return sum->value_or(0);
}

//! "g_12" of \a userId, or NotFound (someone else's goal is as unknown as a missing one).
Result<qint64> ownGoal(ServerDb &db, qint64 userId, const QJsonValue &value, const QString &field)
{
    if (!value.isString())
        return invalidField(field, QStringLiteral("%1 must be a goal id").arg(field));
    const auto id = ids::parse(ids::kGoal, value.toString());
    if (!id)
        return noSuchGoal();
    auto owner = db.integer(QStringLiteral("SELECT user_id FROM savings_goals WHERE id = ?1"), *id);
    if (!owner)
        return owner.error();
    if (!owner->has_value() || **owner != userId)
        return noSuchGoal();
    return *id;
}

Status logSummary(ServerDb &db, qint64 userId, qint64 nowMs)
{
    auto summary = summaryJson(db, userId, nowMs);
    if (!summary)
        return summary.error();
    auto seq = appendEvent(db, userId, protocol::eventName(protocol::EventType::SavingsUpdated), *summary);
    return seq ? Status{} : Status(seq.error());
}

Result<QString> readName(const QJsonObject &body, bool required)
{
    const QJsonValue value = body.value(QStringLiteral("name"));
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString())
        return invalidField(QStringLiteral("name"), QStringLiteral("name must be a string"));
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name.size() > kMaxGoalNameChars)
        return invalidField(QStringLiteral("name"),
                            QStringLiteral("name must be 1 to %1 characters").arg(kMaxGoalNameChars));
    return name;
}

//! A deadline: absent (nothing), null (none), or a real "YYYY-MM-DD" not before yesterday
//! (UTC): a deadline is a day in the user's zone, and "today" west of Greenwich can still be
//! yesterday in UTC (down to UTC−12).
Result<std::optional<QString>> readDeadline(const QJsonObject &body, qint64 nowMs)
{
    const QJsonValue value = body.value(QStringLiteral("deadline"));
    if (value.isUndefined())
        return std::optional<QString>();
    if (value.isNull())
        return std::optional<QString>(QString());
    const QDate date = value.isString() ? QDate::fromString(value.toString(), Qt::ISODate) : QDate();
    if (!date.isValid() || value.toString().size() != 10)
        return invalidField(QStringLiteral("deadline"), QStringLiteral("deadline must be a date YYYY-MM-DD or null"));
    if (date < Clock::utcDate(nowMs).addDays(-1))
        return invalidField(QStringLiteral("deadline"), QStringLiteral("deadline cannot be in the past"));
    return std::optional<QString>(date.toString(Qt::ISODate));
}

Result<qint64> readTarget(ServerDb &db, qint64 userId, const QJsonObject &body)
{
    auto target = readAmount(db, userId, QJsonObject{{QStringLiteral("amount"), body.value(QStringLiteral("target"))}});
    if (!target) {
        Error e = target.error();
        e.details.insert(QStringLiteral("field"), QStringLiteral("target"));
        e.message.replace(QStringLiteral("amount"), QStringLiteral("target"));
        return e;
    }
    return *target;
}

Result<qint64> move(ServerDb &db, qint64 userId, qint64 amount, bool toSavings, qint64 nowMs)
{
    auto wallet = ensureWalletAccount(db, userId);
    if (!wallet)
        return wallet.error();
    auto savingsAccount = ensureAccount(db, userId);
    if (!savingsAccount)
        return savingsAccount.error();
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    Movement m;
    m.kind = toSavings ? QStringLiteral("savings_deposit") : QStringLiteral("savings_withdrawal");
    m.fromAccount = toSavings ? *wallet : *savingsAccount;
    m.toAccount = toSavings ? *savingsAccount : *wallet;
    m.amount = amount;
    m.currency = *currency;
    m.note = toSavings ? QStringLiteral("To savings") : QStringLiteral("From savings");
    m.createdAtMs = nowMs;
    return post(db, m);
}

//! POST /v1/savings/deposits and /withdrawals: the effect inside idempotency::run.
Result<Response> movement(ServerDb &db, qint64 nowMs, const RequestContext &ctx, bool toSavings)
{
    auto amount = readAmount(db, ctx.userId, ctx.body);
    if (!amount)
        return amount.error();
    qint64 goalId = 0;
    const QJsonValue goal = ctx.body.value(QStringLiteral("goal_id"));
    if (!goal.isUndefined() && !goal.isNull()) {
        auto id = ownGoal(db, ctx.userId, goal, QStringLiteral("goal_id"));
        if (!id)
            return id.error();
        goalId = *id;
    }
    // Interest first: every day that has ended accrues on the balance it closed with.
    if (auto st = catchUp(db, nowMs); !st)
        return st.error();
    if (!toSavings) {
        if (goalId > 0) {
            auto saved = db.integer(QStringLiteral("SELECT saved FROM savings_goals WHERE id = ?1"), goalId);
            if (!saved)
                return saved.error();
            if (saved->value_or(0) < *amount)
                return makeError(ErrorCode::InsufficientFunds, QStringLiteral("The goal holds less than this amount."),
                                 {{QStringLiteral("field"), QStringLiteral("amount")}, {QStringLiteral("available"), saved->value_or(0)}});
        } else {
            auto balance = balanceOf(db, ctx.userId);
            auto assigned = assignedTotal(db, ctx.userId);
            if (!balance)
                return balance.error();
            if (!assigned)
                return assigned.error();
            const qint64 unassigned = *balance - *assigned;
            if (unassigned < *amount)
                return makeError(ErrorCode::InsufficientFunds,
                                 QStringLiteral("The unassigned savings hold less than this amount; withdraw from a goal."),
                                 {{QStringLiteral("field"), QStringLiteral("amount")}, {QStringLiteral("available"), unassigned}});
        }
    }
    auto tx = move(db, ctx.userId, *amount, toSavings, nowMs);
    if (!tx)
        return tx.error();
    if (goalId > 0) {
        if (auto st = db.run(QStringLiteral("UPDATE savings_goals SET saved = saved + ?2 WHERE id = ?1"), goalId,
                             toSavings ? *amount : -*amount);
            !st)
            return st.error();
    }
    auto json = logMovement(db, *tx, nowMs, ctx.userId);
    if (!json)
        return json.error();
    if (auto st = logSummary(db, ctx.userId, nowMs); !st)
        return st.error();
    return Response::created(*json);
}

Response interestHandler(ServerDb &db, const RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), 100, 1, kMaxInterestPage);
    if (!limit)
        return Response::error(limit.error());
    QString before = QStringLiteral("9999-12-31");
    if (auto value = ctx.queryValue(QStringLiteral("before"))) {
        const QDate date = QDate::fromString(*value, Qt::ISODate);
        if (!date.isValid() || value->size() != 10)
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be a date YYYY-MM-DD"));
        before = *value;
    }
    auto currency = walletCurrency(db, ctx.userId);
    if (!currency)
        return Response::error(currency.error());
    auto stmt = db.query(QStringLiteral("SELECT date, balance, apy_bps, accrued_micros, paid FROM savings_accruals "
                                        "WHERE user_id = ?1 AND date < ?2 ORDER BY date DESC LIMIT ?3"),
                         ctx.userId, before, *limit + 1);
    if (!stmt)
        return Response::error(stmt.error());
    protocol::InterestPage page;
    QString last;
    bool more = false;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return Response::error(row.error());
        if (!*row)
            break;
        if (page.items.size() == *limit) {
            more = true;
            break;
        }
        last = stmt->text(0);
        protocol::InterestDay day;
        day.date = last;
        day.balance = Money(stmt->int64(1), *currency);
        day.apyBps = stmt->int64(2);
        day.accruedMicros = stmt->int64(3);
        if (!stmt->isNull(4))
            day.paid = Money(stmt->int64(4), *currency);
        page.items.append(day);
    }
    if (more)
        page.nextBefore = last;
    return Response::ok(page.toJson());
}

Result<Response> createGoal(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    auto name = readName(ctx.body, true);
    if (!name)
        return name.error();
    auto target = readTarget(db, ctx.userId, ctx.body);
    if (!target)
        return target.error();
    auto deadline = readDeadline(ctx.body, nowMs);
    if (!deadline)
        return deadline.error();
    auto count = db.integer(QStringLiteral("SELECT count(*) FROM savings_goals WHERE user_id = ?1"), ctx.userId);
    if (!count)
        return count.error();
    if (count->value_or(0) >= kMaxGoals)
        return makeError(ErrorCode::Conflict, QStringLiteral("You can have at most %1 goals.").arg(kMaxGoals),
                         {{QStringLiteral("reason"), QStringLiteral("too_many_goals")}});
    if (auto account = ensureAccount(db, ctx.userId); !account)
        return account.error();
    const QString due = deadline->has_value() ? **deadline : QString();
    auto inserted
        = db.insert(QStringLiteral("INSERT INTO savings_goals (user_id, name, target, saved, deadline, created_at) "
                                   "VALUES (?1, ?2, ?3, 0, NULLIF(?4, ''), ?5)"),
            ctx.userId, *name, *target, due, nowMs);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;
    if (auto st = logSummary(db, ctx.userId, nowMs); !st)
        return st.error();
    auto json = goalJson(db, ctx.userId, id);
    if (!json)
        return json.error();
    return Response::created(*json);
}

Result<Response> updateGoal(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    auto id = ownGoal(db, ctx.userId, ctx.param(QStringLiteral("id")), QStringLiteral("id"));
    if (!id)
        return id.error();
    const bool hasName = ctx.body.contains(QStringLiteral("name"));
    const bool hasTarget = ctx.body.contains(QStringLiteral("target"));
    const bool hasDeadline = ctx.body.contains(QStringLiteral("deadline"));
    if (!hasName && !hasTarget && !hasDeadline)
        return invalidField(QStringLiteral("name"), QStringLiteral("Give at least one of name, target, deadline."));
    if (hasName) {
        auto name = readName(ctx.body, true);
        if (!name)
            return name.error();
        if (auto st = db.run(QStringLiteral("UPDATE savings_goals SET name = ?2 WHERE id = ?1"), *id, *name); !st)
            return st.error();
    }
    if (hasTarget) {
        auto target = readTarget(db, ctx.userId, ctx.body);
        if (!target)
            return target.error();
        if (auto st = db.run(QStringLiteral("UPDATE savings_goals SET target = ?2 WHERE id = ?1"), *id, *target); !st)
            return st.error();
    }
    if (hasDeadline) {
        auto deadline = readDeadline(ctx.body, nowMs);
        if (!deadline)
            return deadline.error();
        if (auto st = db.run(QStringLiteral("UPDATE savings_goals SET deadline = NULLIF(?2, '') WHERE id = ?1"), *id,
                             deadline->value_or(QString()));
            !st)
            return st.error();
    }
    if (auto st = logSummary(db, ctx.userId, nowMs); !st)
        return st.error();
    auto json = goalJson(db, ctx.userId, *id);
    if (!json)
        return json.error();
    return Response::ok(*json);
}

} // namespace

Result<qint64> ensureAccount(ServerDb &db, qint64 userId)
{
    auto existing = db.integer(QStringLiteral("SELECT id FROM accounts WHERE user_id = ?1 AND kind = 'savings'"), userId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return **existing;
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    auto inserted = db.insert(
        QStringLiteral("INSERT INTO accounts (user_id, kind, currency, balance) VALUES (?1, 'savings', ?2, 0)"), userId,
        *currency);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;
    if (auto st = db.run(db.insertOrIgnore(QStringLiteral("INTO savings_state (user_id) VALUES (?1)")), userId); !st)
        return st.error();
    return id;
}

Result<int> apyOn(ServerDb &db, const QDate &day)
{
    auto apy = db.integer(QStringLiteral("SELECT apy_bps FROM savings_rates WHERE effective_date <= ?1 "
                                         "ORDER BY effective_date DESC, id DESC LIMIT 1"),
                          day.toString(Qt::ISODate));
    if (!apy)
        return apy.error();
    return int(apy->value_or(kDefaultApyBps));
}

Status catchUp(ServerDb &db, qint64 nowMs)
{
    const QDate lastDay = Clock::utcDate(nowMs).addDays(-1); // the newest day that has ended
    QString through;
    {
        auto row = db.row(QStringLiteral("SELECT accrued_through FROM savings_progress WHERE id = 1"));
        if (!row)
            return row.error();
        auto &stmt = *row;
        through = *row ? stmt->textOrNull(0) : QString();
    }
    if (through.isNull()) {
        // A new server: interest starts with the first day that ends from now on.
        return db.run(QStringLiteral("UPDATE savings_progress SET accrued_through = ?1 WHERE id = 1"),
                      lastDay.toString(Qt::ISODate));
    }
    QDate day = QDate::fromString(through, Qt::ISODate).addDays(1);
    if (!day.isValid() || day > lastDay)
        return {};

    auto interestAccount = systemAccount(db, QStringLiteral("interest"));
    if (!interestAccount)
        return interestAccount.error();
    QSet<qint64> paidUsers;
    for (; day <= lastDay; day = day.addDays(1)) {
        auto apy = apyOn(db, day);
        if (!apy)
            return apy.error();
        auto accounts = db.query(QStringLiteral("SELECT user_id, balance, id, currency FROM accounts "
                                                "WHERE kind = 'savings' AND user_id IS NOT NULL ORDER BY user_id"));
        if (!accounts)
            return accounts.error();
        struct Holder {
            qint64 user, balance, account;
            QString currency;
        };
        QList<Holder> holders;
        for (;;) {
            auto next = accounts->step();
            if (!next)
                return next.error();
            if (!*next)
                break;
            holders.append({accounts->int64(0), accounts->int64(1), accounts->int64(2), accounts->text(3)});
        }
        const QString date = day.toString(Qt::ISODate);
        for (const Holder &h : std::as_const(holders)) {
            const auto micros = interest::dailyAccrualMicros(h.balance, *apy);
            if (!micros)
                return makeError(ErrorCode::Internal, QStringLiteral("interest out of range for a savings balance"));
            if (auto st = db.run(db.upsert(QStringLiteral("savings_accruals"), {QStringLiteral("user_id"), QStringLiteral("date")},
                                           {QStringLiteral("user_id"), QStringLiteral("date"), QStringLiteral("balance"),
                                            QStringLiteral("apy_bps"), QStringLiteral("accrued_micros")},
                                           QStringLiteral("?1, ?2, ?3, ?4, ?5")),
                                 h.user, date, h.balance, *apy, *micros);
                !st)
                return st;
            if (auto st = db.run(db.insertOrIgnore(QStringLiteral("INTO savings_state (user_id) VALUES (?1)")), h.user); !st)
                return st;
            if (auto st = db.run(QStringLiteral("UPDATE savings_state SET accumulator_micros = accumulator_micros + ?2 "
                                                "WHERE user_id = ?1"),
                                 h.user, *micros);
                !st)
                return st;
        }
        if (day.addDays(1).day() != 1)
            continue;
        // 00:00 UTC on the 1st: pay what the month accumulated, rounded half to even.
        const qint64 payoutMs = startOfDayMs(day.addDays(1));
        for (const Holder &h : std::as_const(holders)) {
            auto accumulated = db.integer(QStringLiteral("SELECT accumulator_micros FROM savings_state WHERE user_id = ?1"), h.user);
            if (!accumulated)
                return accumulated.error();
            const interest::Payout payout = interest::monthlyPayout(accumulated->value_or(0));
            if (payout.paidMinor <= 0)
                continue;
            Movement m;
            m.kind = QStringLiteral("interest");
            m.fromAccount = *interestAccount;
            m.toAccount = h.account;
            m.amount = payout.paidMinor;
            m.currency = h.currency;
            m.note = QStringLiteral("Interest for %1").arg(day.toString(QStringLiteral("yyyy-MM")));
            m.createdAtMs = payoutMs;
            auto tx = post(db, m);
            if (!tx)
                return tx.error();
            if (auto st = db.run(QStringLiteral("UPDATE savings_state SET accumulator_micros = ?2, "
                                                "interest_total = interest_total + ?3 WHERE user_id = ?1"),
                                 h.user, payout.carriedMicros, payout.paidMinor);
                !st)
                return st;
            if (auto st = db.run(QStringLiteral("UPDATE savings_accruals SET paid = ?3, transaction_id = ?4 "
                                                "WHERE user_id = ?1 AND date = ?2"),
                                 h.user, date, payout.paidMinor, *tx);
                !st)
                return st;
            paidUsers.insert(h.user);
        }
    }
    if (auto st = db.run(QStringLiteral("UPDATE savings_progress SET accrued_through = ?1 WHERE id = 1"),
                         lastDay.toString(Qt::ISODate));
        !st)
        return st;
    QList<qint64> users(paidUsers.cbegin(), paidUsers.cend());
    std::sort(users.begin(), users.end());
    for (qint64 user : std::as_const(users)) {
        if (auto st = logSummary(db, user, nowMs); !st)
            return st;
    }
    return {};
}

Status changeRate(ServerDb &db, int apyBps, const QDate &effective, qint64 nowMs)
{
    auto previous = apyOn(db, effective.addDays(-1));
    if (!previous)
        return previous.error();
    if (auto st = db.run(QStringLiteral("INSERT INTO savings_rates (apy_bps, effective_date, created_at) VALUES (?1, ?2, ?3)"),
                         apyBps, effective.toString(Qt::ISODate), nowMs);
        !st)
        return st;
    auto users = db.integers(QStringLiteral("SELECT id FROM users ORDER BY id"));
    if (!users)
        return users.error();
    const QJsonObject announcement
        = protocol::RateChange{apyBps, qint64(*previous), effective.toString(Qt::ISODate)}.toJson();
    for (qint64 user : std::as_const(*users)) {
        if (auto seq
            = appendEvent(db, user, protocol::eventName(protocol::EventType::SavingsRateChanged), announcement);
            !seq)
            return seq.error();
    }
    return {};
}

Result<protocol::SavingsGoal> loadGoal(ServerDb &db, qint64 userId, qint64 goalId)
{
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    auto row = db.row(QStringLiteral("SELECT name, target, saved, deadline, created_at FROM savings_goals "
                                     "WHERE id = ?1 AND user_id = ?2"),
        goalId, userId);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchGoal();
    auto &stmt = *row;
    protocol::SavingsGoal g;
    g.id = ids::format(ids::kGoal, goalId);
    g.name = stmt->text(0);
    g.target = Money(stmt->int64(1), *currency);
    g.saved = Money(stmt->int64(2), *currency);
    // A null QString is "no deadline"; a stored one is never empty.
    g.deadline = stmt->isNull(3) ? QString() : stmt->text(3);
    g.createdAt = QDateTime::fromMSecsSinceEpoch(stmt->int64(4), Qt::UTC);
    return g;
}

Result<QJsonObject> goalJson(ServerDb &db, qint64 userId, qint64 goalId)
{
    auto goal = loadGoal(db, userId, goalId);
    if (!goal)
        return goal.error();
    return goal->toJson();
}

Result<protocol::SavingsAccount> loadSummary(ServerDb &db, qint64 userId, qint64 nowMs)
{
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    auto balance = balanceOf(db, userId);
    if (!balance)
        return balance.error();
    const QDate today = Clock::utcDate(nowMs);
    auto apy = apyOn(db, today);
    if (!apy)
        return apy.error();
    qint64 accumulator = 0, total = 0;
    {
        auto row = db.row(
            QStringLiteral("SELECT accumulator_micros, interest_total FROM savings_state WHERE user_id = ?1"), userId);
        if (!row)
            return row.error();
        auto &stmt = *row;
        if (*row) {
            accumulator = stmt->int64(0);
            total = stmt->int64(1);
        }
    }
    auto goalIds = db.integers(QStringLiteral("SELECT id FROM savings_goals WHERE user_id = ?1 ORDER BY id"), userId);
    if (!goalIds)
        return goalIds.error();
    protocol::SavingsAccount s;
    for (qint64 id : std::as_const(*goalIds)) {
        auto goal = loadGoal(db, userId, id);
        if (!goal)
            return goal.error();
        s.goals.append(*goal);
    }
    auto assigned = assignedTotal(db, userId);
    if (!assigned)
        return assigned.error();
    // The newest change announced: upcoming, or in force for less than 30 days.
    {
        auto row = db.row(QStringLiteral("SELECT apy_bps, effective_date FROM savings_rates WHERE id > 1 "
                                         "AND effective_date >= ?1 ORDER BY effective_date DESC, id DESC LIMIT 1"),
            today.addDays(-30).toString(Qt::ISODate));
        if (!row)
            return row.error();
        auto &stmt = *row;
        if (*row) {
            const QDate effective = QDate::fromString(stmt->text(1), Qt::ISODate);
            auto previous = apyOn(db, effective.addDays(-1));
            if (!previous)
                return previous.error();
            s.rateChange = protocol::RateChange{stmt->int64(0), qint64(*previous), stmt->text(1)};
        }
    }
    const interest::Payout estimate = interest::monthlyPayout(accumulator);
    s.balance = Money(*balance, *currency);
    s.unassigned = Money(*balance - *assigned, *currency);
    s.apyBps = *apy;
    s.interestThisMonth = Money(std::max<qint64>(0, estimate.paidMinor), *currency);
    s.interestTotal = Money(total, *currency);
    s.accumulatedMicros = accumulator;
    s.asOf = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    return s;
}

Result<QJsonObject> summaryJson(ServerDb &db, qint64 userId, qint64 nowMs)
{
    auto summary = loadSummary(db, userId, nowMs);
    if (!summary)
        return summary.error();
    return summary->toJson();
}

Result<qint64> deposit(ServerDb &db, qint64 userId, qint64 amount, qint64 goalId, qint64 nowMs)
{
    auto tx = move(db, userId, amount, true, nowMs);
    if (!tx)
        return tx.error();
    if (goalId > 0) {
        if (auto st = db.run(QStringLiteral("UPDATE savings_goals SET saved = saved + ?2 WHERE id = ?1"), goalId, amount); !st)
            return st.error();
    }
    if (auto st = logMovement(db, *tx, nowMs); !st)
        return st.error();
    if (auto st = logSummary(db, userId, nowMs); !st)
        return st.error();
    return *tx;
}

} // namespace savings

void registerSavingsRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;

    // Interest falls due at 00:00 UTC: check every few minutes, and at once when the test
    // clock jumps (every day in between accrues, every 1st in between pays).
    const auto runDue = [&db, &clock] {
        Status st = db.write([&] { return savings::catchUp(db, clock.nowMs()); });
        if (!st)
            qWarning("savings: interest catch-up failed: %s", qPrintable(st.error().message));
    };
    // --apy-bps: a rate other than today's is a change effective today (the days before
    // keep the rate they had), recorded and announced like any other.
    if (services.options.apyBps >= 0) {
        const QDate today = Clock::utcDate(clock.nowMs());
        Status st = db.write([&]() -> Status {
            auto current = savings::apyOn(db, today);
            if (!current)
                return current.error();
            if (*current == services.options.apyBps)
                return {};
            return savings::changeRate(db, services.options.apyBps, today, clock.nowMs());
        });
        if (!st)
            qWarning("savings: cannot record the APY of --apy-bps: %s", qPrintable(st.error().message));
    }
    auto *timer = new QTimer(&clock);
    timer->setInterval(5 * 60 * 1000);
    QObject::connect(timer, &QTimer::timeout, &clock, runDue);
    timer->start();
    QObject::connect(&clock, &Clock::advanced, &clock, runDue);
    runDue();

    router.add(Router::Method::Get, QStringLiteral("/v1/savings"), Router::NoFlags, [&db, &clock](RequestContext &ctx) {
        Result<QJsonObject> summary = makeError(ErrorCode::Internal, QString());
        Status st = db.write([&]() -> Status {
            if (auto caught = savings::catchUp(db, clock.nowMs()); !caught)
                return caught;
            summary = savings::summaryJson(db, ctx.userId, clock.nowMs());
            return summary ? Status{} : Status(summary.error());
        });
        return st ? Response::ok(*summary) : Response::error(st.error());
    });
    router.add(Router::Method::Get, QStringLiteral("/v1/savings/interest"), Router::NoFlags,
               [&db](RequestContext &ctx) { return savings::interestHandler(db, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/savings/deposits"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   return idempotency::run(db, now, ctx, [&] { return savings::movement(db, now, ctx, true); });
               });
    router.add(Router::Method::Post, QStringLiteral("/v1/savings/withdrawals"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   auto gate = [&]() -> std::optional<Error> {
                       auto amount = readAmount(db, ctx.userId, ctx.body);
                       return amount ? stepup::check(db, now, ctx, *amount) : std::nullopt;
                   };
                   return idempotency::run(db, now, ctx, [&] { return savings::movement(db, now, ctx, false); }, gate);
               });
    router.add(Router::Method::Post, QStringLiteral("/v1/savings/goals"), Router::JsonBody, [&db, &clock](RequestContext &ctx) {
        Result<Response> answer = makeError(ErrorCode::Internal, QString());
        Status st = db.write([&]() -> Status {
            answer = savings::createGoal(db, clock.nowMs(), ctx);
            return answer ? Status{} : Status(answer.error());
        });
        return st ? *answer : Response::error(st.error());
    });
    router.add(Router::Method::Patch, QStringLiteral("/v1/savings/goals/{id}"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) {
                   Result<Response> answer = makeError(ErrorCode::Internal, QString());
                   Status st = db.write([&]() -> Status {
                       answer = savings::updateGoal(db, clock.nowMs(), ctx);
                       return answer ? Status{} : Status(answer.error());
                   });
                   return st ? *answer : Response::error(st.error());
               });
    router.add(Router::Method::Delete, QStringLiteral("/v1/savings/goals/{id}"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   Status st = db.write([&]() -> Status {
                       auto id = savings::ownGoal(db, ctx.userId, ctx.param(QStringLiteral("id")), QStringLiteral("id"));
                       if (!id)
                           return id.error();
                       // Its money stays in the savings account, now unassigned.
                       if (auto del = db.run(QStringLiteral("DELETE FROM savings_goals WHERE id = ?1"), *id); !del)
                           return del;
                       return savings::logSummary(db, ctx.userId, clock.nowMs());
                   });
                   return st ? Response::noContent() : Response::error(st.error());
               });

    if (services.options.testClock) {
        // Test control: change the APY from a date on (api-v1 "Test control").
        router.add(Router::Method::Post, QStringLiteral("/v1/test/savings/rate"), Router::Public | Router::JsonBody,
                   [&db, &clock](RequestContext &ctx) {
                       protocol::JsonReader r(ctx.body);
                       const qint64 apy = r.integer(QStringLiteral("apy_bps"));
                       const QString effective = r.string(QStringLiteral("effective_date"));
                       if (!r.ok())
                           return Response::error(r.error());
                       const QDate date = QDate::fromString(effective, Qt::ISODate);
                       if (apy < 0 || apy > interest::kMaxApyBps)
                           return Response::invalidField(QStringLiteral("apy_bps"),
                                                         QStringLiteral("apy_bps must be 0 to %1").arg(interest::kMaxApyBps));
                       if (!date.isValid() || date < Clock::utcDate(clock.nowMs()))
                           return Response::invalidField(QStringLiteral("effective_date"),
                                                         QStringLiteral("effective_date must be today or later, YYYY-MM-DD"));
                       Status st = db.write([&]() -> Status {
                           if (auto caught = savings::catchUp(db, clock.nowMs()); !caught)
                               return caught;
                           return savings::changeRate(db, int(apy), date, clock.nowMs());
                       });
                       return st ? Response::noContent() : Response::error(st.error());
                   });
    }
}

} // namespace plaza::server
