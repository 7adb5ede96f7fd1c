// SPDX-License-Identifier: MIT
#include "savings/savingsservice.h"

#include "common/logging.h"
#include "net/apiclient.h"
#include "session/session.h"
#include "storage/database.h"
#include "protocol/json.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace plaza::savings {

namespace {

// The most days one page of GET /v1/savings/interest may carry on the reference server.
constexpr int kInterestPage = 400;

QJsonObject moneyJson(const Money &money)
{
    return {{QStringLiteral("amount"), money.minor()}, {QStringLiteral("currency"), money.currency()}};
}

Error field(ErrorCode code, const QString &message, const QString &name)
{
    return makeError(code, message, {{QStringLiteral("field"), name}});
}

Result<QString> validGoalId(const QString &goalId)
{
    static const QRegularExpression pattern(QStringLiteral("\\A[A-Za-z0-9_-]{1,64}\\z"));
    if (!pattern.match(goalId).hasMatch())
        return field(ErrorCode::NotFound, QStringLiteral("No such savings goal."), QStringLiteral("goal_id"));
    return goalId;
}

Error closed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the savings service closed"));
}

} // namespace

SavingsService::SavingsService(Session *session, wallet::WalletService *wallet, QObject *parent)
    : QObject(parent), m_session(session), m_wallet(wallet)
{
}

SavingsService::~SavingsService() = default;

Status SavingsService::validateAmount(const Money &amount)
{
    if (!amount.isValid())
        return field(ErrorCode::InvalidAmount, QStringLiteral("The amount has no currency."), QStringLiteral("amount"));
    if (amount.minor() < 1 || amount.minor() > Money::kMaxApiAmount)
        return field(ErrorCode::InvalidAmount,
                     QStringLiteral("The amount must be between 1 and %1 minor units.").arg(Money::kMaxApiAmount),
                     QStringLiteral("amount"));
    return {};
}

Result<QString> SavingsService::validateGoalName(const QString &name)
{
    const QString trimmed = name.trimmed();
    const qsizetype chars = trimmed.toUcs4().size();
    if (chars < 1 || chars > kMaxGoalNameChars)
        return field(ErrorCode::ValidationFailed,
                     QStringLiteral("A goal's name must be 1 to %1 characters.").arg(kMaxGoalNameChars),
                     QStringLiteral("name"));
    return trimmed;
}

QCoro::Task<Result<wallet::PaymentOutcome>> SavingsService::deposit(Money amount, QString goalId)
{
    co_return co_await move(true, amount, goalId);
}

QCoro::Task<Result<wallet::PaymentOutcome>> SavingsService::withdraw(Money amount, QString goalId)
{
    co_return co_await move(false, amount, goalId);
}

QCoro::Task<Result<wallet::PaymentOutcome>> SavingsService::move(bool deposit, Money amount, QString goalId)
{
    if (!m_wallet)
        co_return closed();
    if (auto st = validateAmount(amount); !st)
        co_return st.error();
    if (!goalId.isEmpty()) {
        if (auto id = validGoalId(goalId); !id)
            co_return id.error();
    }
    // The wallet's outbox: online check, stored key, retries (exactly once).
    co_return co_await m_wallet->moveSavings(deposit, amount, goalId);
}

QCoro::Task<Result<QJsonObject>> SavingsService::createGoal(QString name, Money target, QDate deadline)
{
    if (!m_session)
        co_return closed();
    auto trimmed = validateGoalName(name);
    if (!trimmed)
        co_return trimmed.error();
    if (auto st = validateAmount(target); !st) {
        Error e = st.error();
        e.details.insert(QStringLiteral("field"), QStringLiteral("target"));
        co_return e;
    }
    QJsonObject body;
    body.insert(QStringLiteral("name"), *trimmed);
    body.insert(QStringLiteral("target"), moneyJson(target));
    if (deadline.isValid())
        body.insert(QStringLiteral("deadline"), deadline.toString(Qt::ISODate));
    auto reply = co_await m_session->api()->post(QStringLiteral("/v1/savings/goals"), body);
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<QJsonObject>> SavingsService::patchGoal(QString goalId, QJsonObject body)
{
    if (!m_session)
        co_return closed();
    auto id = validGoalId(goalId);
    if (!id)
        co_return id.error();
    auto reply = co_await m_session->api()->patch(QStringLiteral("/v1/savings/goals/") + *id, body);
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<QJsonObject>> SavingsService::renameGoal(QString goalId, QString name)
{
    auto trimmed = validateGoalName(name);
    if (!trimmed)
        co_return trimmed.error();
    QJsonObject body;
    body.insert(QStringLiteral("name"), *trimmed);
    co_return co_await patchGoal(goalId, body);
}

QCoro::Task<Result<QJsonObject>> SavingsService::setGoalTarget(QString goalId, Money target)
{
    if (auto st = validateAmount(target); !st) {
        Error e = st.error();
        e.details.insert(QStringLiteral("field"), QStringLiteral("target"));
        co_return e;
    }
    QJsonObject body;
    body.insert(QStringLiteral("target"), moneyJson(target));
    co_return co_await patchGoal(goalId, body);
}

QCoro::Task<Result<QJsonObject>> SavingsService::setGoalDeadline(QString goalId, QDate deadline)
{
    QJsonObject body;
    body.insert(QStringLiteral("deadline"),
                deadline.isValid() ? QJsonValue(deadline.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null));
    co_return co_await patchGoal(goalId, body);
}

QCoro::Task<Status> SavingsService::deleteGoal(QString goalId)
{
    if (!m_session)
        co_return closed();
    auto id = validGoalId(goalId);
    if (!id)
        co_return id.error();
    auto reply = co_await m_session->api()->del(QStringLiteral("/v1/savings/goals/") + *id);
    if (!reply)
        co_return reply.error();
    co_return Status{};
}

QCoro::Task<Result<QJsonObject>> SavingsService::fetchSavings()
{
    if (!m_session)
        co_return closed();
    auto reply = co_await m_session->api()->get(QStringLiteral("/v1/savings"));
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<int>> SavingsService::refreshInterestHistory()
{
    if (!m_session || m_session->state() != Session::State::Ready)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the session is not ready"));
    // A connection of our own, like the outbox's; the sync writer never touches this table
    // except to empty it on a resync.
    storage::OpenOptions options;
    options.rawKey = m_session->cacheKey();
    auto opened = storage::Database::open(m_session->cachePath(), options);
    if (!opened)
        co_return opened.error();
    std::unique_ptr<storage::Database> db = std::move(opened).value();
    // Read and finish the statement at once: an open read would pin an old snapshot and
    // make the write below fail with SQLITE_BUSY once the sync writer has committed.
    QString known;
    {
        auto newest = db->prepare(QStringLiteral("SELECT coalesce(max(date), '') FROM savings_interest;"));
        if (!newest)
            co_return newest.error();
        auto row = newest->step();
        if (!row)
            co_return row.error();
        known = newest->text(0);
    }

    // Newest first, page by page, until a page reaches what the cache already has.
    QList<QJsonObject> days;
    QString before;
    QPointer<SavingsService> self(this);
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QString::number(kInterestPage));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto reply = co_await m_session->api()->get(QStringLiteral("/v1/savings/interest"), query);
        if (!self || !m_session)
            co_return closed();
        if (!reply)
            co_return reply.error();
        bool reachedKnown = false;
        for (const QJsonValue &item : reply->body.value(QStringLiteral("items")).toArray()) {
            const QJsonObject day = item.toObject();
            // The newest cached day is rewritten: it may have been fetched before its payout.
            if (!known.isEmpty() && day.value(QStringLiteral("date")).toString() < known) {
                reachedKnown = true;
                break;
            }
            days.append(day);
        }
        const QJsonValue next = reply->body.value(QStringLiteral("next_before"));
        if (reachedKnown || !next.isString() || next.toString().isEmpty())
            break;
        before = next.toString();
    }
    const Status st = db->transaction([&]() -> Status {
        auto insert = db->prepare(QStringLiteral("INSERT OR REPLACE INTO savings_interest (date, balance, apy_bps, "
                                                 "accrued_micros, paid) VALUES (?1, ?2, ?3, ?4, ?5)"));
        if (!insert)
            return insert.error();
        for (const QJsonObject &day : std::as_const(days)) {
            protocol::JsonReader r(day, QStringLiteral("interest day"));
            const QString date = r.string(QStringLiteral("date"));
            const Money balance = r.money(QStringLiteral("balance"));
            const qint64 apy = r.integer(QStringLiteral("apy_bps"));
            const qint64 accrued = r.integer(QStringLiteral("accrued_micros"));
            const std::optional<QJsonObject> paid = r.optObject(QStringLiteral("paid"));
            if (!r.ok() || QDate::fromString(date, Qt::ISODate).isNull())
                return makeError(ErrorCode::Protocol, QStringLiteral("The server sent a malformed interest day."));
            insert->bindAll(date, balance.minor(), apy, accrued);
            if (paid)
                insert->bind(5, paid->value(QStringLiteral("amount")).toInteger());
            else
                insert->bindNull(5);
            if (auto s = insert->exec(); !s)
                return s;
            insert->reset();
        }
        return {};
    });
    if (!st)
        co_return st.error();
    qCInfo(lcSavings) << "interest history:" << days.size() << "days written";
    if (!days.isEmpty())
        Q_EMIT historyChanged();
    co_return int(days.size());
}

} // namespace plaza::savings
