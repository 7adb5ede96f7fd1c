// SPDX-License-Identifier: MIT
#include "savings/savingssummary.h"

#include "protocol/endpoints.h"
#include "savings/goalprogress.h"

#include "common/logging.h"
#include "money/currency.h"
#include "money/interest.h"
#include "net/apiclient.h"
#include "protocol/types.h"
#include "session/session.h"
#include "storage/database.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "storage/walletstore.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPointF>
#include <QUrlQuery>

namespace plaza::savings {

namespace {
constexpr int kStaleAfterMinutes = 5;
constexpr int kHistoryPage = 400;
constexpr int kMaxHistoryDays = 3700; // ten years and some
constexpr int kProjectionMonths = 12;

std::unique_ptr<storage::Database> openCache(Session *session, bool readOnly, QString *error)
{
    auto db = session->openCacheConnection(readOnly);
    if (!db) {
        *error = db.error().message;
        return {};
    }
    return std::move(db).value();
}

//! \a minor as the user would type it ("1 200,00" in French): for editing a value, no symbol.
QString plainAmount(qint64 minor, const QString &currency)
{
    const auto info = Currency::fromCode(currency);
    const int exponent = info ? info->exponent : 2;
    qint64 scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;
    const QLocale locale;
    QString text = locale.toString(minor / scale);
    if (exponent > 0)
        text += locale.decimalPoint() + QStringLiteral("%1").arg(minor % scale, exponent, 10, QLatin1Char('0'));
    return text;
}

QString moneyJsonMinorCurrency(const QJsonValue &value, qint64 *minor)
{
    const QJsonObject o = value.toObject();
    *minor = o.value(QStringLiteral("amount")).toInteger(0);
    return o.value(QStringLiteral("currency")).toString();
}
} // namespace

SavingsSummary::SavingsSummary(QObject *parent) : QObject(parent) { }

SavingsSummary::~SavingsSummary() = default;

void SavingsSummary::setSession(Session *session)
{
    if (m_session == session)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_session = session;
    if (m_session) {
        m_connections << connect(m_session, &Session::stateChanged, this, &SavingsSummary::reload);
        m_connections << connect(m_session, &Session::onlineChanged, this, &SavingsSummary::changed);
        m_connections << connect(m_session, &Session::syncedChanged, this, &SavingsSummary::changed);
        // The goals' amounts are formatted as they are read: read them again in the new locale.
        m_connections << connect(m_session, &Session::localeChanged, this, &SavingsSummary::reload);
        m_connections << connect(m_session->syncEngine(), &SyncEngine::applied, this, &SavingsSummary::onApplied);
    }
    Q_EMIT sessionChanged();
    reload();
}

bool SavingsSummary::stale() const
{
    return !m_session || m_session->isStale(std::chrono::minutes(kStaleAfterMinutes));
}

QString SavingsSummary::formattedBalance() const
{
    return m_loaded ? m_balance.format() : QString();
}

QString SavingsSummary::formattedUnassigned() const
{
    return m_loaded ? Money(m_unassigned, m_balance.currency()).format() : QString();
}

QString SavingsSummary::formattedInterestThisMonth() const
{
    return m_loaded ? Money(m_interestThisMonth, m_balance.currency()).format() : QString();
}

QString SavingsSummary::formattedInterestTotal() const
{
    return m_loaded ? Money(interestEarnedMinor(), m_balance.currency()).format() : QString();
}

QString SavingsSummary::formatApy(int bps)
{
    // Basis points to a percentage with two decimals, without floating point.
    const QLocale locale;
    const QString whole = locale.toString(bps / 100);
    const QString cents = QStringLiteral("%1").arg(bps % 100, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1%2%3\u00a0%").arg(whole, locale.decimalPoint(), cents);
}

void SavingsSummary::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset || changes.changes.touches(QStringLiteral("savings"))
        || changes.changes.touches(QStringLiteral("savings_goals")))
        reload();
}

void SavingsSummary::reload()
{
    if (!m_session || m_session->state() != Session::State::Ready) {
        m_loaded = false;
        m_goals.clear();
        m_history.clear();
        Q_EMIT changed();
        return;
    }
    QString error;
    auto db = openCache(m_session, true, &error);
    if (!db) {
        m_error = error;
        Q_EMIT changed();
        return;
    }
    auto st = db->prepare(QStringLiteral("SELECT balance, currency, apy_bps, interest_this_month, interest_total, as_of, "
                                         "unassigned, rate_change, accumulated_micros FROM savings WHERE id = 1 AND currency <> ''"));
    if (!st) {
        m_error = st.error().message;
        Q_EMIT changed();
        return;
    }
    auto row = st->step();
    if (!row) {
        m_error = row.error().message;
        Q_EMIT changed();
        return;
    }
    m_error.clear();
    m_loaded = *row;
    m_rateChange.clear();
    if (m_loaded) {
        const QString currency = st->text(1);
        m_balance = Money(st->int64(0), currency);
        m_apyBps = int(st->int64(2));
        m_interestThisMonth = st->int64(3);
        m_interestTotal = st->int64(4);
        m_asOf = QDateTime::fromString(st->text(5), Qt::ISODateWithMs);
        m_unassigned = st->int64(6);
        // Figures from an earlier day (offline since): grow the server's accumulator by the
        // days that ended since, at the cached balance and rate (goalprogress.h).
        // The server's accrual day (UTC), whatever the user's zone.
        const QDate today = Clock::instance()->todayUtc();
        if (m_asOf.isValid() && m_asOf.toUTC().date() < today) {
            if (const auto estimate = estimateInterestThisMonth(st->int64(8), m_balance.minor(), m_apyBps,
                                                                m_asOf.toUTC().date(), today))
                m_interestThisMonth = *estimate;
        }
        const QJsonObject change = QJsonDocument::fromJson(st->text(7).toUtf8()).object();
        if (!change.isEmpty()) {
            const QDate effective = QDate::fromString(change.value(QStringLiteral("effective_date")).toString(), Qt::ISODate);
            const int apy = change.value(QStringLiteral("apy_bps")).toInt();
            const int previous = change.value(QStringLiteral("previous_apy_bps")).toInt();
            // Shown while upcoming and for 30 days after.
            // effective_date is a server (UTC) day, like the accruals it changes.
            if (effective.isValid() && effective.addDays(30) >= today) {
                m_rateChange = {{QStringLiteral("apyBps"), apy},
                                {QStringLiteral("previousApyBps"), previous},
                                {QStringLiteral("effectiveDate"), effective.toString(Qt::ISODate)},
                                {QStringLiteral("upcoming"), effective > today},
                                {QStringLiteral("formattedApy"), formatApy(apy)},
                                {QStringLiteral("formattedPreviousApy"), formatApy(previous)}};
            }
        }
    }
    m_goals.clear();
    if (auto goals = db->prepare(QStringLiteral("SELECT id, name, target, saved, deadline, created_at FROM savings_goals "
                                                "ORDER BY created_at, id"))) {
        while (true) {
            auto next = goals->step();
            if (!next || !*next)
                break;
            m_goals.append(goalMap(goals->text(0), goals->text(1), goals->int64(2), goals->int64(3),
                                   QDate::fromString(goals->text(4), Qt::ISODate),
                                   QDateTime::fromString(goals->text(5), Qt::ISODateWithMs)));
        }
    }
    m_history.clear();
    if (auto days = db->prepare(QStringLiteral("SELECT date, accrued_micros, coalesce(paid, 0) FROM savings_interest "
                                               "ORDER BY date"))) {
        while (true) {
            auto next = days->step();
            if (!next || !*next)
                break;
            m_history.append({QDate::fromString(days->text(0), Qt::ISODate), days->int64(1), days->int64(2)});
        }
    }
    Q_EMIT changed();
}

QVariantMap SavingsSummary::goalMap(const QString &id, const QString &name, qint64 target, qint64 saved,
                                    const QDate &deadline, const QDateTime &createdAt) const
{
    const QString currency = m_balance.currency();
    const Clock *clock = Clock::instance();
    // Dates the user picks and sees are days in their zone; QML gets them as ISO strings
    // (a QDate would reach JavaScript as UTC midnight, the day before west of Greenwich).
    const GoalProjection p = projectGoal(saved, target, clock->localDay(createdAt), deadline, clock->today(), m_apyBps);
    QVariantMap goal{{QStringLiteral("id"), id},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("targetMinor"), target},
                     {QStringLiteral("savedMinor"), saved},
                     {QStringLiteral("formattedTarget"), Money(target, currency).format()},
                     {QStringLiteral("formattedSaved"), Money(saved, currency).format()},
                     {QStringLiteral("progress"), target > 0 ? qBound(0.0, double(saved) / double(target), 1.0) : 0.0},
                     {QStringLiteral("deadline"), deadline.isValid() ? deadline.toString(Qt::ISODate) : QString()},
                     {QStringLiteral("status"), goalStatusName(p.status)},
                     {QStringLiteral("onTrack"), p.status == GoalStatus::Reached || p.status == GoalStatus::OnTrack
                                                     || p.status == GoalStatus::Started},
                     {QStringLiteral("monthsLeft"), p.left.months},
                     {QStringLiteral("daysLeft"), p.left.days},
                     {QStringLiteral("targetInput"), plainAmount(target, currency)}};
    if (p.deposits == 0)
        return goal;
    goal.insert(QStringLiteral("projectedMinor"), p.projectedMinor);
    goal.insert(QStringLiteral("formattedProjected"), Money(p.projectedMinor, currency).format());
    if (p.neededMonthlyMinor > 0) {
        goal.insert(QStringLiteral("monthlyNeededMinor"), p.neededMonthlyMinor);
        goal.insert(QStringLiteral("formattedMonthlyNeeded"), Money(p.neededMonthlyMinor, currency).format());
        goal.insert(QStringLiteral("deposits"), p.deposits);
    }
    return goal;
}

QVariantList SavingsSummary::historyPoints(qreal width, qreal height) const
{
    QVariantList points;
    if (m_history.isEmpty() || width <= 1 || height <= 1)
        return points;
    // Cumulative accruals in micros; one point per pixel column (the last day of the column).
    qint64 total = 0;
    QList<qint64> cumulative;
    cumulative.reserve(m_history.size());
    for (const Day &d : m_history)
        cumulative.append(total += d.accruedMicros);
    const qsizetype n = cumulative.size();
    const qreal maxValue = total > 0 ? qreal(total) : 1.0;
    const int columns = qMax(2, int(width));
    qsizetype lastIndex = -1;
    for (int c = 0; c < columns; ++c) {
        const qsizetype index = qMin<qsizetype>(n - 1, qsizetype(qreal(c) / (columns - 1) * (n - 1) + 0.5));
        if (index == lastIndex)
            continue;
        lastIndex = index;
        const qreal x = n > 1 ? qreal(index) / (n - 1) * width : width / 2;
        const qreal y = height - qreal(cumulative.at(index)) / maxValue * height;
        points.append(QPointF(x, y));
    }
    return points;
}

QVariantMap SavingsSummary::historyInfo() const
{
    qint64 micros = 0;
    for (const Day &d : m_history)
        micros += d.accruedMicros;
    const qint64 minor = interest::monthlyPayout(micros).paidMinor;
    QVariantMap info{{QStringLiteral("totalMinor"), minor},
                     {QStringLiteral("formattedTotal"), Money(minor, m_balance.currency()).format()}};
    if (!m_history.isEmpty()) {
        // Server accrual days, as ISO strings (see goalMap).
        info.insert(QStringLiteral("from"), m_history.constFirst().date.toString(Qt::ISODate));
        info.insert(QStringLiteral("to"), m_history.constLast().date.toString(Qt::ISODate));
    }
    return info;
}

QVariantMap SavingsSummary::projection(const QString &monthlyDepositText) const
{
    QVariantMap result{{QStringLiteral("ok"), false}};
    if (!m_loaded)
        return result;
    qint64 deposit = 0;
    if (!monthlyDepositText.trimmed().isEmpty()) {
        auto parsed = Money::parse(monthlyDepositText, m_balance.currency(), QLocale());
        if (!parsed || parsed->minor() > Money::kMaxApiAmount) {
            result.insert(QStringLiteral("reason"), parsed ? QStringLiteral("too_large")
                                                           : parsed.error().details.value(QStringLiteral("reason")));
            return result;
        }
        deposit = parsed->minor();
    }
    // Accrual runs on the server's (UTC) days.
    const QDate today = Clock::instance()->todayUtc();
    const QList<qint64> without = interest::projectBalance(m_balance.minor(), m_apyBps, kProjectionMonths, 0, today);
    // "D a month for 12 months": 12 deposits, today and on each of the next 11 1sts.
    const QList<qint64> with = interest::projectWithDeposits(m_balance.minor(), m_apyBps, kProjectionMonths, deposit, today);
    if (without.isEmpty() || with.isEmpty())
        return result;
    QVariantList months;
    qint64 maxMinor = 1;
    for (qsizetype i = 0; i < qMin(without.size(), with.size()); ++i) {
        months.append(QVariantMap{{QStringLiteral("month"), today.addMonths(int(i) + 1).toString(Qt::ISODate)},
                                  {QStringLiteral("withoutMinor"), without.at(i)},
                                  {QStringLiteral("withMinor"), with.at(i)}});
        maxMinor = qMax(maxMinor, qMax(without.at(i), with.at(i)));
    }
    result.insert(QStringLiteral("ok"), true);
    result.insert(QStringLiteral("months"), months);
    result.insert(QStringLiteral("maxMinor"), maxMinor);
    result.insert(QStringLiteral("depositMinor"), deposit);
    result.insert(QStringLiteral("deposits"), deposit > 0 ? kProjectionMonths : 0);
    result.insert(QStringLiteral("formattedDeposit"), Money(deposit, m_balance.currency()).format());
    result.insert(QStringLiteral("formattedDeposits"), Money(deposit * kProjectionMonths, m_balance.currency()).format());
    result.insert(QStringLiteral("formattedWithout"), Money(without.constLast(), m_balance.currency()).format());
    result.insert(QStringLiteral("formattedWith"), Money(with.constLast(), m_balance.currency()).format());
    return result;
}

void SavingsSummary::refresh()
{
    if (m_session && m_session->state() == Session::State::Ready)
        refreshTask();
}

QCoro::Task<void> SavingsSummary::refreshTask()
{
    QPointer<SavingsSummary> self(this);
    setBusy(true);
    auto summary = co_await m_session->api()->get(protocol::endpoints::savings());
    if (!self)
        co_return;
    if (!summary) {
        setBusy(false);
        // Offline: the cache is all there is, and `stale` says so.
        if (summary.error().code != ErrorCode::Network && summary.error().code != ErrorCode::Timeout) {
            m_error = summary.error().message;
            Q_EMIT changed();
        }
        co_return;
    }
    // Only what the cache lacks: days older than the newest cached one are final (today's
    // accrual may still change, so that day is asked again). Usually one short page.
    QString newestCached;
    {
        QString ignored;
        if (auto cache = openCache(m_session, true, &ignored)) {
            if (auto stmt = cache->prepare(QStringLiteral("SELECT coalesce(max(date), '') FROM savings_interest;"))) {
                if (auto row = stmt->step(); row && *row)
                    newestCached = stmt->text(0);
            }
        }
    }
    QList<QJsonObject> days;
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
        auto history = co_await m_session->api()->get(protocol::endpoints::savingsInterest(), query);
        if (!self)
            co_return;
        if (!history)
            break;
        for (const QJsonValue &item : history->body.value(QStringLiteral("items")).toArray()) {
            const QJsonObject day = item.toObject();
            if (!newestCached.isEmpty() && day.value(QStringLiteral("date")).toString() < newestCached) {
                reachedCache = true;
                break;
            }
            days.append(day);
        }
        if (reachedCache)
            break;
        const QJsonValue next = history->body.value(QStringLiteral("next_before"));
        if (!next.isString())
            break;
        before = next.toString();
    }
    setBusy(false);
    if (m_session->state() != Session::State::Ready)
        co_return;
    QString error;
    auto db = openCache(m_session, false, &error);
    if (!db) {
        m_error = error;
        Q_EMIT changed();
        co_return;
    }
    const QJsonObject body = summary->body;
    Status written = db->transaction([&]() -> Status {
        storage::StatementCache statements(*db);
        storage::UsersStore users(statements);
        storage::WalletStore wallet(statements, users);
        storage::RowChanges changes;
        if (auto st = wallet.setSavings(body, changes); !st)
            return st;
        if (days.isEmpty())
            return {};
        auto insert = db->prepare(QStringLiteral("INSERT OR REPLACE INTO savings_interest (date, balance, apy_bps, "
                                                 "accrued_micros, paid) VALUES (?1, ?2, ?3, ?4, ?5)"));
        if (!insert)
            return insert.error();
        for (const QJsonObject &day : std::as_const(days)) {
            qint64 balance = 0, paid = 0;
            moneyJsonMinorCurrency(day.value(QStringLiteral("balance")), &balance);
            const bool isPaid = day.value(QStringLiteral("paid")).isObject();
            if (isPaid)
                moneyJsonMinorCurrency(day.value(QStringLiteral("paid")), &paid);
            insert->bind(1, day.value(QStringLiteral("date")).toString());
            insert->bind(2, balance);
            insert->bind(3, qint64(day.value(QStringLiteral("apy_bps")).toInteger()));
            insert->bind(4, day.value(QStringLiteral("accrued_micros")).toInteger());
            if (isPaid)
                insert->bind(5, paid);
            else
                insert->bindNull(5);
            if (auto st = insert->exec(); !st)
                return st;
        }
        return {};
    });
    if (!written)
        qCWarning(lcSavings) << "could not keep the savings answer:" << written.error().message;
    reload();
}

void SavingsSummary::createGoal(const QString &name, const QString &targetText, const QString &deadlineIso)
{
    const QDate deadline = QDate::fromString(deadlineIso, Qt::ISODate);
    if (!deadlineIso.isEmpty() && !deadline.isValid()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_request"), QStringLiteral("That isn't a date."),
                          QStringLiteral("deadline"));
        return;
    }
    QJsonObject body{{QStringLiteral("name"), name.trimmed()}};
    auto target = Money::parse(targetText, m_balance.currency().isEmpty() ? QStringLiteral("EUR") : m_balance.currency(),
                               QLocale());
    if (!target || target->isZero()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_amount"), QStringLiteral("Enter a target greater than zero."),
                          QStringLiteral("target"));
        return;
    }
    body.insert(QStringLiteral("target"), QJsonObject{{QStringLiteral("amount"), target->minor()},
                                                      {QStringLiteral("currency"), target->currency()}});
    if (deadline.isValid())
        body.insert(QStringLiteral("deadline"), deadline.toString(Qt::ISODate));
    goalTask(QStringLiteral("POST"), protocol::endpoints::savingsGoals(), body);
}

void SavingsSummary::updateGoal(const QString &id, const QString &name, const QString &targetText,
                                const QString &deadlineIso)
{
    const QDate deadline = QDate::fromString(deadlineIso, Qt::ISODate);
    if (!deadlineIso.isEmpty() && !deadline.isValid()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_request"), QStringLiteral("That isn't a date."),
                          QStringLiteral("deadline"));
        return;
    }
    if (!protocol::isWellFormedId(id)) {
        Q_EMIT goalFailed(QStringLiteral("not_found"), QStringLiteral("No such savings goal."), QStringLiteral("goal_id"));
        return;
    }
    QJsonObject body{{QStringLiteral("name"), name.trimmed()}};
    auto target = Money::parse(targetText, m_balance.currency(), QLocale());
    if (!target || target->isZero()) {
        Q_EMIT goalFailed(QStringLiteral("invalid_amount"), QStringLiteral("Enter a target greater than zero."),
                          QStringLiteral("target"));
        return;
    }
    body.insert(QStringLiteral("target"), QJsonObject{{QStringLiteral("amount"), target->minor()},
                                                      {QStringLiteral("currency"), target->currency()}});
    body.insert(QStringLiteral("deadline"),
                deadline.isValid() ? QJsonValue(deadline.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null));
    goalTask(QStringLiteral("PATCH"), protocol::endpoints::savingsGoal(id), body);
}

void SavingsSummary::deleteGoal(const QString &id)
{
    if (!protocol::isWellFormedId(id)) {
        Q_EMIT goalFailed(QStringLiteral("not_found"), QStringLiteral("No such savings goal."), QStringLiteral("goal_id"));
        return;
    }
    goalTask(QStringLiteral("DELETE"), protocol::endpoints::savingsGoal(id), {});
}

QCoro::Task<void> SavingsSummary::goalTask(QString method, QString path, QJsonObject body)
{
    QPointer<SavingsSummary> self(this);
    if (!m_session || m_session->state() != Session::State::Ready)
        co_return;
    setBusy(true);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (method == u"POST")
        reply = co_await m_session->api()->post(path, body);
    else if (method == u"PATCH")
        reply = co_await m_session->api()->patch(path, body);
    else
        reply = co_await m_session->api()->del(path);
    if (!self)
        co_return;
    setBusy(false);
    if (!reply) {
        Q_EMIT goalFailed(reply.error().codeName(), reply.error().message, reply.error().field());
        co_return;
    }
    m_session->syncNow();
    Q_EMIT goalSaved();
}

void SavingsSummary::setBusy(bool busy)
{
    const bool was = m_busy > 0;
    m_busy += busy ? 1 : -1;
    if (was != (m_busy > 0))
        Q_EMIT busyChanged();
}

} // namespace plaza::savings
