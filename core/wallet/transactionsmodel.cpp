// SPDX-License-Identifier: MIT
#include "wallet/transactionsmodel.h"

#include "common/clock.h"
#include "common/logging.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "wallet/walletcsv.h"

#include <QCoroFuture>
#include <QDateTime>
#include <QScopedValueRollback>
#include <QtConcurrentRun>

#include <algorithm>

namespace plaza::wallet {

TransactionsModel::TransactionsModel(QObject *parent) : QAbstractListModel(parent) { }

TransactionsModel::~TransactionsModel() = default;

void TransactionsModel::setCache(storage::Cache *cache)
{
    if (m_cache == cache)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_cache = cache;
    m_db.reset();
    if (m_cache) {
        m_connections << connect(m_cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reload();
        });
        m_connections << connect(m_cache, &storage::Cache::freshnessChanged, this, &TransactionsModel::staleChanged);
        // Amounts and times are formatted in the locale: every row again after a switch.
        m_connections << connect(m_cache, &storage::Cache::localeChanged, this, [this] {
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
        m_connections << connect(m_cache, &storage::Cache::changed, this, &TransactionsModel::onApplied);
    }
    Q_EMIT cacheChanged();
    Q_EMIT staleChanged();
    reload();
}

bool TransactionsModel::ensureOpen()
{
    if (m_db)
        return true;
    if (!m_cache || !m_cache->isOpen())
        return false;
    auto db = m_cache->openConnection();
    if (!db) {
        setError(db.error().codeName());
        return false;
    }
    m_db = std::move(db).value();
    return true;
}

namespace {

//! History order, newest first: true when \a a sorts above \a b.
bool above(const TransactionRecord &a, const TransactionRecord &b)
{
    return a.createdAt > b.createdAt || (a.createdAt == b.createdAt && a.id > b.id);
}

} // namespace

void TransactionsModel::reload()
{
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_changing = false;
    setAtEnd(false);
    setAtStart(true);
    setError({});
    if (!ensureOpen()) {
        setAtEnd(true);
        return;
    }
    fetchMore();
}

bool TransactionsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_changing && m_db;
}

void TransactionsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_changing || !ensureOpen())
        return;
    const QScopedValueRollback changing(m_changing, true);
    setLoading(true);
    TransactionCursor after;
    if (!m_rows.isEmpty())
        after = {m_rows.constLast().createdAt, m_rows.constLast().id};
    auto page = readTransactions(*m_db, m_filter, after, m_pageSize + 1);
    if (!page) {
        setError(page.error().codeName());
        setLoading(false);
        return;
    }
    // One extra row tells whether there is another page without a count(*).
    const bool more = page->size() > m_pageSize;
    if (more)
        page->removeLast();
    if (!page->isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
        m_rows.append(*page);
        endInsertRows();
    }
    setAtEnd(!more);
    trim(false);
    setLoading(false);
}

void TransactionsModel::fetchNewer()
{
    if (m_atStart || m_rows.isEmpty() || m_changing || !ensureOpen())
        return;
    const QScopedValueRollback changing(m_changing, true);
    setLoading(true);
    const TransactionCursor before{m_rows.constFirst().createdAt, m_rows.constFirst().id};
    auto page = readNewerTransactions(*m_db, m_filter, before, m_pageSize + 1);
    if (!page) {
        setError(page.error().codeName());
        setLoading(false);
        return;
    }
    const bool more = page->size() > m_pageSize;
    if (more)
        page->removeFirst(); // the one past the page, at its top
    if (!page->isEmpty()) {
        beginInsertRows({}, 0, int(page->size()) - 1);
        m_rows = *page + m_rows;
        endInsertRows();
    }
    setAtStart(!more);
    trim(true);
    setLoading(false);
}

void TransactionsModel::trim(bool keepTop)
{
    const qsizetype excess = m_rows.size() - m_maxRows;
    if (excess <= 0)
        return;
    if (keepTop) {
        beginRemoveRows({}, int(m_rows.size() - excess), int(m_rows.size()) - 1);
        m_rows.remove(m_rows.size() - excess, excess);
        endRemoveRows();
        setAtEnd(false);
    } else {
        beginRemoveRows({}, 0, int(excess) - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
        setAtStart(false);
    }
}

qsizetype TransactionsModel::lowerBound(const TransactionRecord &r) const
{
    return std::lower_bound(m_rows.cbegin(), m_rows.cend(), r, above) - m_rows.cbegin();
}

void TransactionsModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset) {
        reload();
        return;
    }
    if (!m_db || m_changing || !changes.changes.touches(storage::Table::Transactions))
        return;
    const QStringList ids = changes.changes.ids(storage::Table::Transactions).values();
    // Newest first, only the rows the filter shows.
    auto fresh = readTransactionsById(*m_db, m_filter, ids);
    if (!fresh) {
        setError(fresh.error().codeName());
        return;
    }
    // Rows already loaded change in place; new ones inside the window are gathered with where
    // they go (positions in the rows as they are now, ascending since fresh is sorted).
    // A new row above a window that does not start at the newest, or below one that does not
    // reach the oldest, is not shown: paging reads it when the list gets there.
    QList<std::pair<qsizetype, TransactionRecord>> added;
    for (const TransactionRecord &r : std::as_const(*fresh)) {
        const qsizetype at = lowerBound(r);
        if (at < m_rows.size() && m_rows.at(at).id == r.id) {
            m_rows[at] = r;
            const QModelIndex changed = index(int(at));
            Q_EMIT dataChanged(changed, changed);
            continue;
        }
        if ((at == 0 && !m_atStart && !m_rows.isEmpty()) || (at == m_rows.size() && !m_atEnd))
            continue;
        added.append({at, r});
    }
    if (added.isEmpty())
        return;
    const QScopedValueRollback changing(m_changing, true);
    // One insertion per run of rows that go to the same place, last place first so the
    // positions gathered above stay right.
    qsizetype end = added.size();
    while (end > 0) {
        qsizetype begin = end - 1;
        const qsizetype at = added.at(begin).first;
        while (begin > 0 && added.at(begin - 1).first == at)
            --begin;
        QList<TransactionRecord> run;
        run.reserve(end - begin);
        for (qsizetype i = begin; i < end; ++i)
            run.append(added.at(i).second);
        beginInsertRows({}, int(at), int(at + run.size()) - 1);
        m_rows.insert(at, run.size(), TransactionRecord{});
        std::move(run.begin(), run.end(), m_rows.begin() + at);
        endInsertRows();
        end = begin;
    }
    // New rows came in; the window keeps its top (where new rows are seen) and drops the oldest.
    trim(true);
}

int TransactionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TransactionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TransactionRecord &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NoteRole:
        return r.note;
    case IdRole:
        return r.id;
    case KindRole:
        return r.kind;
    case DirectionRole:
        return r.direction;
    case StatusRole:
        return r.status;
    case AmountMinorRole:
        return r.amount.minor();
    case CurrencyRole:
        return r.amount.currency();
    case FormattedAmountRole:
        return Money(r.direction == u"out" ? -r.amount.minor() : r.amount.minor(), r.amount.currency()).format();
    case CounterpartyNameRole:
        return r.counterpartyName;
    case CounterpartyHandleRole:
        return r.counterpartyHandle;
    case CreatedAtRole:
        return QDateTime::fromString(r.createdAt, Qt::ISODateWithMs).toUTC();
    case DayRole:
        return Clock::instance()->localDay(QDateTime::fromString(r.createdAt, Qt::ISODateWithMs)).toString(Qt::ISODate);
    case BalanceAfterMinorRole:
        return r.balanceAfter ? QVariant(r.balanceAfter->minor()) : QVariant();
    case FormattedBalanceAfterRole:
        return r.balanceAfter ? r.balanceAfter->format() : QString();
    case RequestIdRole:
        return r.requestId;
    case ConversationIdRole:
        return r.conversationId;
    default:
        return {};
    }
}

QHash<int, QByteArray> TransactionsModel::roleNames() const
{
    return {
        {IdRole, "id"},
        {KindRole, "kind"},
        {DirectionRole, "direction"},
        {StatusRole, "status"},
        {AmountMinorRole, "amountMinor"},
        {CurrencyRole, "currency"},
        {FormattedAmountRole, "formattedAmount"},
        {CounterpartyNameRole, "counterpartyName"},
        {CounterpartyHandleRole, "counterpartyHandle"},
        {NoteRole, "note"},
        {CreatedAtRole, "createdAt"},
        {BalanceAfterMinorRole, "balanceAfterMinor"},
        {FormattedBalanceAfterRole, "formattedBalanceAfter"},
        {RequestIdRole, "requestId"},
        {ConversationIdRole, "conversationId"},
        {DayRole, "day"},
    };
}

void TransactionsModel::setDirection(const QString &direction)
{
    if (m_filter.direction == direction)
        return;
    m_filter.direction = direction;
    Q_EMIT filterChanged();
    reload();
}

void TransactionsModel::setKind(const QString &kind)
{
    if (m_filter.kind == kind)
        return;
    m_filter.kind = kind;
    Q_EMIT filterChanged();
    reload();
}

void TransactionsModel::setQuery(const QString &query)
{
    if (m_filter.query == query)
        return;
    m_filter.query = query;
    Q_EMIT filterChanged();
    reload();
}

void TransactionsModel::setPageSize(int size)
{
    size = std::clamp(size, 1, 500);
    if (m_pageSize == size)
        return;
    m_pageSize = size;
    Q_EMIT pageSizeChanged();
}

bool TransactionsModel::stale() const
{
    return !m_cache || !m_cache->isLive();
}

QCoro::Task<Result<int>> TransactionsModel::exportCsv(QString path)
{
    if (!m_cache || !m_cache->isOpen())
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the cache is not open"));
    auto opened = m_cache->openConnection();
    if (!opened)
        co_return opened.error();
    // The connection goes with the work (and is closed there); nothing of this model is
    // touched after the await. (No temporaries in the co_await expression: GCC 12 destroyed a
    // captured shared_ptr twice when the lambda was built inside `co_return co_await`.)
    QFuture<Result<int>> future =
        QtConcurrent::run([db = std::shared_ptr<storage::Database>(std::move(opened).value()), filter = m_filter, path] {
            return writeTransactionsCsv(*db, filter, path);
        });
    Result<int> written = co_await future;
    co_return written;
}

void TransactionsModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged();
    }
}

void TransactionsModel::setAtStart(bool atStart)
{
    if (m_atStart != atStart) {
        m_atStart = atStart;
        Q_EMIT atStartChanged();
    }
}

void TransactionsModel::setMaxRows(int rows)
{
    rows = std::max(rows, 2 * m_pageSize);
    if (m_maxRows == rows)
        return;
    m_maxRows = rows;
    Q_EMIT maxRowsChanged();
    trim(true);
}

void TransactionsModel::setAtEnd(bool atEnd)
{
    if (m_atEnd != atEnd) {
        m_atEnd = atEnd;
        Q_EMIT atEndChanged();
    }
}

void TransactionsModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

} // namespace plaza::wallet
