// SPDX-License-Identifier: MIT
#include "wallet/transactionsmodel.h"

#include "common/clock.h"
#include "common/logging.h"
#include "session/session.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"
#include "wallet/walletcsv.h"

#include <QCoroFuture>
#include <QDateTime>
#include <QtConcurrentRun>

namespace plaza::wallet {

TransactionsModel::TransactionsModel(QObject *parent) : QAbstractListModel(parent) { }

TransactionsModel::~TransactionsModel() = default;

void TransactionsModel::setSession(Session *session)
{
    if (m_session == session)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_session = session;
    m_db.reset();
    if (m_session) {
        m_connections << connect(m_session, &Session::stateChanged, this, [this] {
            m_db.reset();
            reload();
        });
        m_connections << connect(m_session, &Session::onlineChanged, this, &TransactionsModel::staleChanged);
        // Amounts and times are formatted in the locale: every row again after a switch.
        m_connections << connect(m_session, &Session::localeChanged, this, [this] {
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
        if (SyncEngine *engine = m_session->syncEngine())
            m_connections << connect(engine, &SyncEngine::applied, this, &TransactionsModel::onApplied);
    }
    Q_EMIT sessionChanged();
    Q_EMIT staleChanged();
    reload();
}

bool TransactionsModel::ensureOpen()
{
    if (m_db)
        return true;
    if (!m_session || m_session->state() != Session::State::Ready)
        return false;
    auto db = m_session->openCacheConnection();
    if (!db) {
        setError(db.error().message);
        return false;
    }
    m_db = std::move(db).value();
    return true;
}

void TransactionsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    setAtEnd(false);
    setError({});
    if (!ensureOpen()) {
        setAtEnd(true);
        return;
    }
    fetchMore();
}

bool TransactionsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_db;
}

void TransactionsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || !ensureOpen())
        return;
    setLoading(true);
    TransactionCursor after;
    if (!m_rows.isEmpty())
        after = {m_rows.constLast().createdAt, m_rows.constLast().id};
    auto page = readTransactions(*m_db, m_filter, after, m_pageSize + 1);
    if (!page) {
        setError(page.error().message);
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
    setLoading(false);
}

void TransactionsModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset) {
        reload();
        return;
    }
    if (!m_db || !changes.changes.touches(QStringLiteral("transactions")))
        return;
    const QStringList ids = changes.changes.rows.value(QStringLiteral("transactions")).values();
    auto fresh = readTransactionsById(*m_db, m_filter, ids);
    if (!fresh) {
        setError(fresh.error().message);
        return;
    }
    QList<TransactionRecord> added;
    for (const TransactionRecord &r : std::as_const(*fresh)) {
        const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const auto &row) { return row.id == r.id; });
        if (it != m_rows.end()) {
            *it = r;
            const QModelIndex at = index(int(it - m_rows.begin()));
            Q_EMIT dataChanged(at, at);
        } else {
            added.append(r);
        }
    }
    // New rows go where they sort. They are nearly always the newest; one older than the
    // loaded pages is left for fetchMore to find.
    for (const TransactionRecord &r : std::as_const(added)) {
        int row = 0;
        while (row < m_rows.size()
               && (m_rows.at(row).createdAt > r.createdAt
                   || (m_rows.at(row).createdAt == r.createdAt && m_rows.at(row).id > r.id)))
            ++row;
        if (row == m_rows.size() && !m_atEnd)
            continue;
        beginInsertRows({}, row, row);
        m_rows.insert(row, r);
        endInsertRows();
    }
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
    return !m_session || !m_session->online();
}

QCoro::Task<Result<int>> TransactionsModel::exportCsv(QString path)
{
    if (!m_session || m_session->state() != Session::State::Ready)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the cache is not open"));
    auto opened = m_session->openCacheConnection();
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
