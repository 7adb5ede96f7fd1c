// SPDX-License-Identifier: MIT
#include "savings/savingsservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "money/money.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/savings.h"
#include "protocol/types.h"
#include "session/accountcontext.h"
#include "storage/database.h"
#include "storage/savingsstore.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "storage/walletstore.h"
#include "sync/cachewriter.h"
#include "sync/changeset.h"

#include <QDate>
#include <QFuture>
#include <QJsonArray>
#include <QLocale>
#include <QUrlQuery>

#include <QCoroFuture>

namespace plaza::savings {

namespace {
constexpr int kHistoryPage = 400;
constexpr int kMaxHistoryDays = 3700; // ten years and some

storage::InterestDayRow interestDay(const protocol::InterestDay &day)
{
    storage::InterestDayRow row;
    row.date = day.date;
    row.balanceMinor = day.balance.minor();
    row.apyBps = int(day.apyBps);
    row.accruedMicros = day.accruedMicros;
    if (day.paid)
        row.paidMinor = day.paid->minor();
    return row;
}

//! What refreshTask writes in one transaction on the writer thread.
struct Answer {
    QJsonObject summary;
    QList<storage::InterestDayRow> days;
};
} // namespace

SavingsService::SavingsService(QObject *parent) : QObject(parent) { }

SavingsService::~SavingsService() = default;

void SavingsService::setAccount(AccountContext *account)
{
    if (m_account == account)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_account = account;
    Q_EMIT accountChanged();
}

void SavingsService::refresh()
{
    if (m_account && m_account->ready())
        refreshTask();
}

QCoro::Task<void> SavingsService::refreshTask()
{
    QPointer<SavingsService> self(this);
    setBusy(true);
    auto summary = co_await m_account->api()->get(protocol::endpoints::savings());
    if (!self)
        co_return;
    if (!m_account || !m_account->ready()) {
        setBusy(false);
        co_return;
    }
    if (!summary) {
        setBusy(false);
        // Offline: the cache is all there is, and the summary's `stale` says so.
        if (summary.error().code != ErrorCode::Network && summary.error().code != ErrorCode::Timeout)
            setErrorCode(summary.error().codeName());
        co_return;
    }
    // Only what the cache lacks: days older than the newest cached one are final (today's
    // accrual may still change, so that day is asked again). Usually one short page.
    QString newestCached;
    if (auto cache = m_account->cache()->openConnection(true)) {
        storage::SavingsStore store(**cache);
        if (auto newest = store.newestInterestDay())
            newestCached = *newest;
    }
    QList<storage::InterestDayRow> days;
    QString before;
    bool reachedCache = false;
    for (int page = 0; !reachedCache && page * kHistoryPage < kMaxHistoryDays; ++page) {
        // The first page asks for about the days since the newest cached one; later pages
        // (a server clock far ahead, a long time away) go on until they reach the cache.
        int limit = kHistoryPage;
        if (page == 0 && !newestCached.isEmpty()) {
            const QDate newest = QDate::fromString(newestCached, Qt::ISODate);
            if (newest.isValid())
                limit = int(std::clamp<qint64>(newest.daysTo(Clock::instance()->todayUtc()) + 2, 2, kHistoryPage));
        }
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto history = co_await m_account->api()->get(protocol::endpoints::savingsInterest(), query);
        if (!self)
            co_return;
        if (!history || !m_account)
            break;
        // A page that is not what api-v1 says ends the history here, like a failed request.
        const auto interest = protocol::decodeReply<protocol::InterestPage>(history->body);
        if (!interest) {
            qCWarning(lcSavings) << "savings interest page refused:" << interest.error().field();
            break;
        }
        for (const protocol::InterestDay &day : interest->items) {
            if (!newestCached.isEmpty() && day.date < newestCached) {
                reachedCache = true;
                break;
            }
            days.append(interestDay(day));
        }
        if (reachedCache || !interest->nextBefore)
            break;
        before = *interest->nextBefore;
    }
    if (!m_account || !m_account->ready() || !m_account->writer()) {
        setBusy(false);
        co_return;
    }
    // The writer's connection, on its thread: the same WalletStore::setSavings as sync's
    // savings.updated, and the history days, in one transaction.
    Answer answer{summary->body, days};
    QFuture<Result<storage::RowChanges>> writing
        = m_account->writer()->transact([answer](storage::Database &db, storage::RowChanges &changes) -> Status {
              storage::StatementCache statements(db);
              storage::UsersStore users(statements);
              storage::WalletStore wallet(statements, users);
              if (auto saved = wallet.setSavings(answer.summary, changes); !saved)
                  return saved;
              storage::SavingsStore store(db);
              return store.storeInterestDays(answer.days, changes);
          });
    Result<storage::RowChanges> written = co_await writing;
    if (!self)
        co_return;
    if (!written) {
        setBusy(false);
        qCWarning(lcSavings) << "could not keep the savings answer:" << written.error().message;
        setErrorCode(written.error().codeName());
        co_return;
    }
    setErrorCode(QString());
    // On the one change stream, like a sync batch; read by the summary and the goals before
    // `busy` ends, so who waits for it finds them current.
    m_account->cache()->publishWritten(*written);
    setBusy(false);
}

QJsonObject SavingsService::goalBody(const QString &name, const QString &targetText, const QString &deadlineIso,
                                     bool patch)
{
    const QDate deadline = QDate::fromString(deadlineIso, Qt::ISODate);
    if (!deadlineIso.isEmpty() && !deadline.isValid()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_request"), QStringLiteral("deadline"));
        return {};
    }
    // The target is in the account's currency, as the cache knows it.
    QString currency;
    if (m_account && m_account->ready()) {
        if (auto cache = m_account->cache()->openConnection(true)) {
            storage::SavingsStore store(**cache);
            if (auto known = store.currency())
                currency = *known;
        }
    }
    if (currency.isEmpty()) {
        Q_EMIT goalFailed(errorCodeName(ErrorCode::Storage), QString());
        return {};
    }
    auto target = Money::parse(targetText, currency, QLocale());
    if (!target || target->isZero()) {
        Q_EMIT goalFailed(errorCodeName(ErrorCode::InvalidAmount), QStringLiteral("target"));
        return {};
    }
    QJsonObject body{{QStringLiteral("name"), name.trimmed()},
                     {QStringLiteral("target"), QJsonObject{{QStringLiteral("amount"), target->minor()},
                                                            {QStringLiteral("currency"), target->currency()}}}};
    if (deadline.isValid())
        body.insert(QStringLiteral("deadline"), deadline.toString(Qt::ISODate));
    else if (patch)
        body.insert(QStringLiteral("deadline"), QJsonValue(QJsonValue::Null));
    return body;
}

void SavingsService::createGoal(const QString &name, const QString &targetText, const QString &deadlineIso)
{
    const QJsonObject body = goalBody(name, targetText, deadlineIso, false);
    if (!body.isEmpty())
        goalTask(QStringLiteral("POST"), protocol::endpoints::savingsGoals(), body);
}

void SavingsService::updateGoal(const QString &id, const QString &name, const QString &targetText,
                                const QString &deadlineIso)
{
    if (!deadlineIso.isEmpty() && !QDate::fromString(deadlineIso, Qt::ISODate).isValid()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_request"), QStringLiteral("deadline"));
        return;
    }
    if (!protocol::isWellFormedId(id)) {
        Q_EMIT goalFailed(errorCodeName(ErrorCode::NotFound), QStringLiteral("goal_id"));
        return;
    }
    const QJsonObject body = goalBody(name, targetText, deadlineIso, true);
    if (!body.isEmpty())
        goalTask(QStringLiteral("PATCH"), protocol::endpoints::savingsGoal(id), body);
}

void SavingsService::deleteGoal(const QString &id)
{
    if (!protocol::isWellFormedId(id)) {
        Q_EMIT goalFailed(errorCodeName(ErrorCode::NotFound), QStringLiteral("goal_id"));
        return;
    }
    goalTask(QStringLiteral("DELETE"), protocol::endpoints::savingsGoal(id), {});
}

QCoro::Task<void> SavingsService::goalTask(QString method, QString path, QJsonObject body)
{
    QPointer<SavingsService> self(this);
    if (!m_account || !m_account->ready())
        co_return;
    setBusy(true);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (method == u"POST")
        reply = co_await m_account->api()->post(path, body);
    else if (method == u"PATCH")
        reply = co_await m_account->api()->patch(path, body);
    else
        reply = co_await m_account->api()->del(path);
    if (!self)
        co_return;
    setBusy(false);
    if (!reply) {
        Q_EMIT goalFailed(reply.error().codeName(), reply.error().field());
        co_return;
    }
    // The server's savings.updated brings the new list (and the goals' money) through sync.
    if (m_account)
        m_account->syncNow();
    Q_EMIT goalSaved();
}

void SavingsService::setBusy(bool busy)
{
    const bool was = m_busy > 0;
    m_busy += busy ? 1 : -1;
    if (was != (m_busy > 0))
        Q_EMIT busyChanged();
}

void SavingsService::setErrorCode(const QString &code)
{
    if (m_errorCode == code)
        return;
    m_errorCode = code;
    Q_EMIT errorCodeChanged();
}

} // namespace plaza::savings
