// SPDX-License-Identifier: MIT
#include "savings/interesthistorymodel.h"

#include "session/session.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

namespace plaza::savings {

InterestHistoryModel::InterestHistoryModel(QObject *parent) : QAbstractListModel(parent) { }

InterestHistoryModel::~InterestHistoryModel() = default;

int InterestHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

QHash<int, QByteArray> InterestHistoryModel::roleNames() const
{
    return {
        {DateRole, "date"},           {AccruedMicrosRole, "accruedMicros"}, {AccruedRole, "accrued"},
        {PaidMinorRole, "paidMinor"}, {BalanceMinorRole, "balanceMinor"},   {ApyBpsRole, "apyBps"},
        {CurrencyRole, "currency"},
    };
}

QVariant InterestHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_points.size())
        return {};
    const Point &p = m_points.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DateRole:
        return p.date;
    case AccruedMicrosRole:
        return p.accruedMicros;
    case AccruedRole:
        return double(p.accruedMicros) / 1e6;
    case PaidMinorRole:
        return p.paidMinor;
    case BalanceMinorRole:
        return p.balanceMinor;
    case ApyBpsRole:
        return p.apyBps;
    case CurrencyRole:
        return p.currency;
    default:
        return {};
    }
}

void InterestHistoryModel::setSession(Session *session)
{
    if (m_session == session)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_db.reset();
    m_session = session;
    if (m_session) {
        m_connections << connect(m_session, &Session::stateChanged, this, [this] {
            m_db.reset();
            reload();
        });
        m_connections << connect(m_session->syncEngine(), &SyncEngine::applied, this, &InterestHistoryModel::onApplied);
    }
    Q_EMIT sessionChanged();
    reload();
}

void InterestHistoryModel::setGranularity(const QString &granularity)
{
    const bool monthly = granularity != u"day";
    if (monthly == m_monthly)
        return;
    m_monthly = monthly;
    Q_EMIT granularityChanged();
    reload();
}

void InterestHistoryModel::setPageSize(int size)
{
    size = std::clamp(size, 1, 10'000);
    if (size != m_pageSize) {
        m_pageSize = size;
        Q_EMIT pageSizeChanged();
    }
}

void InterestHistoryModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void InterestHistoryModel::setAtEnd(bool atEnd)
{
    if (m_atEnd != atEnd) {
        m_atEnd = atEnd;
        Q_EMIT atEndChanged();
    }
}

void InterestHistoryModel::onApplied(const sync::ChangeSet &changes)
{
    // A resync empties the table (it is refetched by SavingsService).
    if (changes.reset || changes.changes.touches(QStringLiteral("savings_interest")))
        reload();
}

bool InterestHistoryModel::ensureOpen()
{
    if (m_db)
        return true;
    if (!m_session || m_session->state() != Session::State::Ready)
        return false;
    storage::OpenOptions options;
    options.rawKey = m_session->cacheKey();
    options.readOnly = true;
    auto db = storage::Database::open(m_session->cachePath(), options);
    if (!db) {
        setError(db.error().message);
        return false;
    }
    m_db = std::move(db).value();
    return true;
}

void InterestHistoryModel::reload()
{
    if (!m_points.isEmpty()) {
        beginResetModel(); // a whole new series (granularity, session, refetched history)
        m_points.clear();
        m_maxAccrued = 0;
        m_totalPaid = 0;
        endResetModel();
        Q_EMIT countChanged();
    }
    setAtEnd(false);
    if (!ensureOpen()) {
        setAtEnd(true);
        return;
    }
    if (m_monthly) {
        // One pass grouping by month, then the month's last day by primary key.
        auto st = m_db->prepare(QStringLiteral(
            "SELECT m.month, m.accrued, m.paid, l.balance, l.apy_bps, "
            "coalesce((SELECT currency FROM savings WHERE id = 1), '') FROM "
            "(SELECT substr(date, 1, 7) AS month, sum(accrued_micros) AS accrued, coalesce(sum(paid), 0) AS paid, "
            "max(date) AS last FROM savings_interest GROUP BY month) m "
            "JOIN savings_interest l ON l.date = m.last ORDER BY m.month;"));
        if (!st)
            return setError(st.error().message);
        QList<Point> points;
        for (;;) {
            auto row = st->step();
            if (!row)
                return setError(row.error().message);
            if (!*row)
                break;
            Point p;
            p.date = QDate::fromString(st->text(0) + QStringLiteral("-01"), Qt::ISODate);
            p.accruedMicros = st->int64(1);
            p.paidMinor = st->int64(2);
            p.balanceMinor = st->int64(3);
            p.apyBps = int(st->int64(4));
            p.currency = st->text(5);
            points.append(p);
        }
        if (!points.isEmpty()) {
            beginInsertRows({}, 0, int(points.size()) - 1);
            m_points = std::move(points);
            for (const Point &p : std::as_const(m_points)) {
                m_maxAccrued = std::max(m_maxAccrued, p.accruedMicros);
                m_totalPaid += p.paidMinor;
            }
            endInsertRows();
            Q_EMIT countChanged();
        }
        setError(QString());
        setAtEnd(true);
        return;
    }
    loadPage();
}

bool InterestHistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void InterestHistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid() && !m_atEnd && !m_monthly)
        loadPage();
}

void InterestHistoryModel::loadPage()
{
    if (!ensureOpen())
        return;
    const QString after = m_points.isEmpty() ? QString() : m_points.constLast().date.toString(Qt::ISODate);
    auto st = m_db->prepare(QStringLiteral("SELECT date, accrued_micros, coalesce(paid, 0), balance, apy_bps, "
                                           "coalesce((SELECT currency FROM savings WHERE id = 1), '') "
                                           "FROM savings_interest WHERE date > ?1 ORDER BY date LIMIT ?2;"));
    if (!st)
        return setError(st.error().message);
    st->bindAll(after.isNull() ? QStringLiteral("") : after, qint64(m_pageSize) + 1);
    QList<Point> page;
    bool more = false;
    for (;;) {
        auto row = st->step();
        if (!row)
            return setError(row.error().message);
        if (!*row)
            break;
        if (page.size() == m_pageSize) {
            more = true;
            break;
        }
        Point p;
        p.date = QDate::fromString(st->text(0), Qt::ISODate);
        p.accruedMicros = st->int64(1);
        p.paidMinor = st->int64(2);
        p.balanceMinor = st->int64(3);
        p.apyBps = int(st->int64(4));
        p.currency = st->text(5);
        page.append(p);
    }
    if (!page.isEmpty()) {
        const int first = int(m_points.size());
        beginInsertRows({}, first, first + int(page.size()) - 1);
        for (const Point &p : std::as_const(page)) {
            m_maxAccrued = std::max(m_maxAccrued, p.accruedMicros);
            m_totalPaid += p.paidMinor;
            m_points.append(p);
        }
        endInsertRows();
        Q_EMIT countChanged();
    }
    setError(QString());
    setAtEnd(!more);
}

} // namespace plaza::savings
