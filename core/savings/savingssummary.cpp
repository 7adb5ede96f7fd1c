// SPDX-License-Identifier: MIT
#include "savings/savingssummary.h"

#include "savings/goalprogress.h"
#include "savings/savingsservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "money/interest.h"
#include "storage/database.h"
#include "storage/savingsstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPointF>

namespace plaza::savings {

namespace {
constexpr int kStaleAfterMinutes = 5;
constexpr int kProjectionMonths = 12;
constexpr double kMicrosPerMinor = double(interest::kMicrosPerMinor);
} // namespace

SavingsSummary::SavingsSummary(QObject *parent) : QObject(parent) { }

SavingsSummary::~SavingsSummary() = default;

storage::Cache *SavingsSummary::cache() const
{
    return m_service ? m_service->cache() : nullptr;
}

void SavingsSummary::setService(SavingsService *service)
{
    if (m_service == service)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_service = service;
    if (m_service) {
        m_connections << connect(m_service, &SavingsService::accountChanged, this, [this] {
            connectSession();
            Q_EMIT staleChanged();
            reload();
        });
    }
    connectSession();
    Q_EMIT serviceChanged();
    Q_EMIT staleChanged();
    reload();
}

void SavingsSummary::connectSession()
{
    for (const auto &c : std::as_const(m_sessionConnections))
        disconnect(c);
    m_sessionConnections.clear();
    storage::Cache *c = cache();
    if (!c)
        return;
    m_sessionConnections << connect(c, &storage::Cache::openChanged, this, &SavingsSummary::reload);
    // Sync batches and the savings service's own answers alike.
    m_sessionConnections << connect(c, &storage::Cache::changed, this,
                                    [this](const storage::ChangeSet &set) { onChanged(set.changes, set.reset); });
    m_sessionConnections << connect(c, &storage::Cache::freshnessChanged, this, &SavingsSummary::staleChanged);
    m_sessionConnections << connect(c, &storage::Cache::localeChanged, this, &SavingsSummary::onLocaleChanged);
}

void SavingsSummary::onChanged(const storage::RowChanges &changes, bool reset)
{
    if (reset || changes.touches(storage::Table::Savings) || changes.touches(storage::Table::SavingsInterest))
        reload();
}

void SavingsSummary::onLocaleChanged()
{
    // Every formatted figure is formatted as it is read: in the new locale now.
    Q_EMIT balanceChanged();
    Q_EMIT unassignedChanged();
    Q_EMIT apyChanged();
    Q_EMIT interestChanged();
    Q_EMIT rateChangeChanged();
    Q_EMIT historyChanged();
}

bool SavingsSummary::stale() const
{
    storage::Cache *c = cache();
    return !c || c->isStale(std::chrono::minutes(kStaleAfterMinutes), Clock::instance()->nowUtc());
}

QString SavingsSummary::formattedBalance() const
{
    return m_loaded ? Money(m_balance, m_currency).format() : QString();
}

QString SavingsSummary::formattedUnassigned() const
{
    return m_loaded ? Money(m_unassigned, m_currency).format() : QString();
}

QString SavingsSummary::formattedInterestThisMonth() const
{
    return m_loaded ? Money(m_interestThisMonth, m_currency).format() : QString();
}

QString SavingsSummary::formattedInterestTotal() const
{
    return m_loaded ? Money(interestEarnedMinor(), m_currency).format() : QString();
}

QString SavingsSummary::formatApy(int bps)
{
    // Basis points to a percentage with two decimals, without floating point.
    const QLocale locale;
    const QString whole = locale.toString(bps / 100);
    const QString cents = QStringLiteral("%1").arg(bps % 100, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1%2%3\u00a0%").arg(whole, locale.decimalPoint(), cents);
}

QVariantMap SavingsSummary::rateChange() const
{
    if (!m_loaded || !m_rateEffective.isValid())
        return {};
    // effective_date is a server (UTC) day, like the accruals it changes.
    const QDate today = Clock::instance()->todayUtc();
    return {{QStringLiteral("apyBps"), m_rateApy},
            {QStringLiteral("previousApyBps"), m_ratePrevious},
            {QStringLiteral("effectiveDate"), m_rateEffective.toString(Qt::ISODate)},
            {QStringLiteral("upcoming"), m_rateEffective > today},
            {QStringLiteral("formattedApy"), formatApy(m_rateApy)},
            {QStringLiteral("formattedPreviousApy"), formatApy(m_ratePrevious)}};
}

void SavingsSummary::setErrorCode(const QString &code)
{
    if (m_errorCode == code)
        return;
    m_errorCode = code;
    Q_EMIT errorCodeChanged();
}

void SavingsSummary::reload()
{
    // What the cache says now, then a signal for each figure that changed.
    bool loaded = false;
    QString currency;
    qint64 balance = 0, unassigned = 0, thisMonth = 0, total = 0;
    int apy = 0, rateApy = 0, ratePrevious = 0;
    QDateTime asOf;
    QDate rateEffective;
    QList<Day> history;

    storage::Cache *c = cache();
    if (c && c->isOpen()) {
        auto db = c->openConnection(true);
        if (!db) {
            setErrorCode(db.error().codeName());
            return;
        }
        storage::SavingsStore store(**db);
        auto row = store.summary();
        auto known = store.currency();
        auto days = store.interestDays();
        if (!row || !known || !days) {
            const Error &error = !row ? row.error() : !known ? known.error() : days.error();
            qCWarning(lcSavings) << "could not read the savings:" << error.message;
            setErrorCode(error.codeName());
            return;
        }
        setErrorCode(QString());
        currency = *known;
        if (*row) {
            const storage::SavingsRow &r = **row;
            loaded = true;
            currency = r.currency;
            balance = r.balanceMinor;
            apy = r.apyBps;
            thisMonth = r.interestThisMonthMinor;
            total = r.interestTotalMinor;
            asOf = QDateTime::fromString(r.asOf, Qt::ISODateWithMs);
            unassigned = r.unassignedMinor;
            // Figures from an earlier day (offline since): grow the server's accumulator by the
            // days that ended since, at the cached balance and rate (goalprogress.h).
            // The server's accrual day (UTC), whatever the user's zone.
            const QDate today = Clock::instance()->todayUtc();
            if (asOf.isValid() && asOf.toUTC().date() < today) {
                if (const auto estimate =
                        estimateInterestThisMonth(r.accumulatedMicros, balance, apy, asOf.toUTC().date(), today))
                    thisMonth = *estimate;
            }
            const QJsonObject change = QJsonDocument::fromJson(r.rateChangeJson.toUtf8()).object();
            if (!change.isEmpty()) {
                const QDate effective =
                    QDate::fromString(change.value(QStringLiteral("effective_date")).toString(), Qt::ISODate);
                // Shown while upcoming and for 30 days after.
                if (effective.isValid() && effective.addDays(30) >= today) {
                    rateEffective = effective;
                    rateApy = change.value(QStringLiteral("apy_bps")).toInt();
                    ratePrevious = change.value(QStringLiteral("previous_apy_bps")).toInt();
                }
            }
        }
        history.reserve(days->size());
        for (const storage::InterestDayRow &d : std::as_const(*days))
            history.append({QDate::fromString(d.date, Qt::ISODate), d.accruedMicros, d.paidMinor.value_or(0)});
    }

    const bool loadedChanged = loaded != m_loaded;
    const bool currencyChanged = currency != m_currency;
    const bool balanceChanged = loadedChanged || currencyChanged || balance != m_balance;
    const bool unassignedChanged = loadedChanged || currencyChanged || unassigned != m_unassigned;
    const bool apyChanged = apy != m_apyBps;
    const bool interestChanged =
        loadedChanged || currencyChanged || thisMonth != m_interestThisMonth || total != m_interestTotal;
    const bool asOfChanged = asOf != m_asOf;
    const bool rateChanged = loadedChanged || rateApy != m_rateApy || ratePrevious != m_ratePrevious
        || rateEffective != m_rateEffective;
    const bool historyChanged = currencyChanged || history != m_history;

    m_loaded = loaded;
    m_currency = currency;
    m_balance = balance;
    m_unassigned = unassigned;
    m_apyBps = apy;
    m_interestThisMonth = thisMonth;
    m_interestTotal = total;
    m_asOf = asOf;
    m_rateApy = rateApy;
    m_ratePrevious = ratePrevious;
    m_rateEffective = rateEffective;
    m_history = std::move(history);

    if (currencyChanged)
        Q_EMIT this->currencyChanged();
    if (balanceChanged)
        Q_EMIT this->balanceChanged();
    if (unassignedChanged)
        Q_EMIT this->unassignedChanged();
    if (apyChanged)
        Q_EMIT this->apyChanged();
    if (interestChanged)
        Q_EMIT this->interestChanged();
    if (asOfChanged)
        Q_EMIT this->asOfChanged();
    if (rateChanged)
        Q_EMIT rateChangeChanged();
    if (historyChanged)
        Q_EMIT this->historyChanged();
    // Last: a listener of `loaded` finds every figure read already.
    if (loadedChanged)
        Q_EMIT this->loadedChanged();
}

QVariantList SavingsSummary::historyPoints(int maxPoints) const
{
    QVariantList points;
    if (m_history.isEmpty())
        return points;
    // Cumulative accruals in micros; evenly spread indices (the nearest day to each step).
    qint64 total = 0;
    QList<qint64> cumulative;
    cumulative.reserve(m_history.size());
    for (const Day &d : m_history)
        cumulative.append(total += d.accruedMicros);
    const qsizetype n = cumulative.size();
    const int steps = qMax(2, maxPoints);
    qsizetype lastIndex = -1;
    for (int c = 0; c < steps; ++c) {
        const qsizetype index = qMin<qsizetype>(n - 1, qsizetype(qreal(c) / (steps - 1) * (n - 1) + 0.5));
        if (index == lastIndex)
            continue;
        lastIndex = index;
        points.append(QPointF(qreal(index), qreal(cumulative.at(index)) / kMicrosPerMinor));
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
                     {QStringLiteral("formattedTotal"), Money(minor, m_currency).format()},
                     {QStringLiteral("maxValue"), micros > 0 ? qreal(micros) / kMicrosPerMinor : 1.0},
                     {QStringLiteral("lastIndex"), qMax<qsizetype>(0, m_history.size() - 1)}};
    if (!m_history.isEmpty()) {
        // Server accrual days, as ISO strings (a QDate would reach JavaScript as UTC midnight).
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
        auto parsed = Money::parse(monthlyDepositText, m_currency, QLocale());
        if (!parsed || parsed->minor() > Money::kMaxApiAmount) {
            result.insert(QStringLiteral("reason"), parsed ? QStringLiteral("too_large")
                                                           : parsed.error().details.value(QStringLiteral("reason")));
            return result;
        }
        deposit = parsed->minor();
    }
    // Accrual runs on the server's (UTC) days.
    const QDate today = Clock::instance()->todayUtc();
    const QList<qint64> without = interest::projectBalance(m_balance, m_apyBps, kProjectionMonths, 0, today);
    // "D a month for 12 months": 12 deposits, today and on each of the next 11 1sts.
    const QList<qint64> with = interest::projectWithDeposits(m_balance, m_apyBps, kProjectionMonths, deposit, today);
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
    result.insert(QStringLiteral("formattedDeposit"), Money(deposit, m_currency).format());
    result.insert(QStringLiteral("formattedDeposits"), Money(deposit * kProjectionMonths, m_currency).format());
    result.insert(QStringLiteral("formattedWithout"), Money(without.constLast(), m_currency).format());
    result.insert(QStringLiteral("formattedWith"), Money(with.constLast(), m_currency).format());
    return result;
}

} // namespace plaza::savings
