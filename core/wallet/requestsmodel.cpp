// SPDX-License-Identifier: MIT
#include "wallet/requestsmodel.h"

#include "storage/database.h"
#include "sync/changeset.h"

#include <QLocale>

namespace plaza::wallet {

namespace {

// ?1 is the signed-in user: the other person is the payee of a request to me, else its payer.
const QString kSelect = QStringLiteral(
    "SELECT r.id, r.link, r.status, r.amount, r.currency, r.note, r.payee_id, r.payer_id, u.handle, u.display_name, "
    "r.created_at, r.expires_at, r.transaction_id FROM payment_requests r "
    "LEFT JOIN users u ON u.id = CASE WHEN r.payer_id = ?1 THEN r.payee_id ELSE r.payer_id END WHERE 1");

Result<QList<RequestRecord>> readRows(storage::Database &db, const QString &selfId, const QString &where,
                                      const QStringList &args, int limit)
{
    QString sql = kSelect + where + QStringLiteral(" ORDER BY r.created_at DESC, r.id DESC");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto st = db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, selfId);
    int index = 1;
    for (const QString &arg : args)
        st->bind(++index, arg);
    QList<RequestRecord> out;
    const Status walked = st->forEachRow([&] {
        RequestRecord r;
        r.id = st->text(0);
        r.link = st->text(1);
        r.status = st->text(2);
        r.amount = Money(st->int64(3), st->text(4));
        r.note = st->text(5);
        r.payeeId = st->text(6);
        r.payerId = st->text(7);
        r.otherHandle = st->text(8);
        r.otherName = st->text(9);
        r.createdAt = st->text(10);
        r.expiresAt = st->text(11);
        r.transactionId = st->text(12);
        out.append(r);
    });
    if (!walked)
        return walked.error();
    return out;
}

QVariant timeOf(const QString &iso)
{
    if (iso.isEmpty())
        return {};
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

// Newest first: does \a a sort before \a b?
bool before(const RequestRecord &a, const RequestRecord &b)
{
    return a.createdAt > b.createdAt || (a.createdAt == b.createdAt && a.id > b.id);
}

} // namespace

RequestsModel::RequestsModel(QObject *parent) : QAbstractListModel(parent) { }

RequestsModel::~RequestsModel() = default;

void RequestsModel::setCache(storage::Cache *cache)
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
        m_connections << connect(m_cache, &storage::Cache::changed, this, &RequestsModel::onApplied);
        m_connections << connect(m_cache, &storage::Cache::localeChanged, this, [this] { // amounts, in the locale
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
    }
    Q_EMIT cacheChanged();
    reload();
}

void RequestsModel::setDirection(const QString &direction)
{
    if (m_direction == direction)
        return;
    m_direction = direction;
    Q_EMIT directionChanged();
    reload();
}

void RequestsModel::setPageSize(int size)
{
    size = std::clamp(size, 1, 500);
    if (m_pageSize == size)
        return;
    m_pageSize = size;
    Q_EMIT pageSizeChanged();
}

QString RequestsModel::selfId() const
{
    return m_cache ? m_cache->ownerId() : QString();
}

bool RequestsModel::ensureOpen()
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

Result<QList<RequestRecord>> RequestsModel::query(const QString &where, const QStringList &args, int limit)
{
    QString filter = where;
    if (m_direction == u"to_me")
        filter += QStringLiteral(" AND r.payer_id = ?1");
    else if (m_direction == u"from_me")
        filter += QStringLiteral(" AND r.payee_id = ?1");
    return readRows(*m_db, selfId(), filter, args, limit);
}

bool RequestsModel::matches(const RequestRecord &r) const
{
    if (m_direction == u"to_me")
        return r.payerId == selfId();
    if (m_direction == u"from_me")
        return r.payeeId == selfId();
    return true;
}

void RequestsModel::reload()
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

bool RequestsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_db;
}

void RequestsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || !ensureOpen())
        return;
    setLoading(true);
    QString where;
    QStringList args;
    if (!m_rows.isEmpty()) {
        where = QStringLiteral(" AND r.created_at <= ?2 AND (r.created_at < ?2 OR r.id < ?3)");
        args << m_rows.constLast().createdAt << m_rows.constLast().id;
    }
    // One extra row tells whether there is another page without a count(*).
    auto page = query(where, args, m_pageSize + 1);
    if (!page) {
        setError(page.error().codeName());
        setLoading(false);
        return;
    }
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

void RequestsModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset) {
        reload();
        return;
    }
    if (!m_db || !changes.changes.touches(storage::Table::PaymentRequests))
        return;
    const QStringList ids = changes.changes.ids(storage::Table::PaymentRequests).values();
    for (const QString &id : ids) {
        auto fresh = readRows(*m_db, selfId(), QStringLiteral(" AND r.id = ?2"), {id}, 1);
        if (!fresh) {
            setError(fresh.error().codeName());
            return;
        }
        const int row = rowOf(id);
        if (fresh->isEmpty() || !matches(fresh->constFirst())) {
            if (row >= 0) {
                beginRemoveRows({}, row, row);
                m_rows.removeAt(row);
                endRemoveRows();
            }
            continue;
        }
        const RequestRecord &r = fresh->constFirst();
        if (row >= 0 && m_rows.at(row).createdAt == r.createdAt) {
            m_rows[row] = r;
            Q_EMIT dataChanged(index(row), index(row));
            continue;
        }
        if (row >= 0) { // its place changed (a row cached before schema 6 got its time)
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        int at = 0;
        while (at < m_rows.size() && before(m_rows.at(at), r))
            ++at;
        // One older than the loaded pages is left for fetchMore to find.
        if (at == m_rows.size() && !m_atEnd)
            continue;
        beginInsertRows({}, at, at);
        m_rows.insert(at, r);
        endInsertRows();
    }
}

int RequestsModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return int(i);
    }
    return -1;
}

Result<std::optional<RequestRecord>> RequestsModel::read(storage::Database &db, const QString &selfId, const QString &id)
{
    auto rows = readRows(db, selfId, QStringLiteral(" AND r.id = ?2"), {id}, 1);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<RequestRecord>{};
    return std::optional<RequestRecord>{rows->constFirst()};
}

int RequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestRecord &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return r.id;
    case LinkRole:
        return r.link;
    case StatusRole:
        return r.status;
    case OpenRole:
        return r.status == u"open";
    case ToMeRole:
        return !r.payerId.isEmpty() && r.payerId == selfId();
    case AmountMinorRole:
        return r.amount.minor();
    case CurrencyRole:
        return r.amount.currency();
    case FormattedAmountRole:
        return r.amount.format(QLocale());
    case NoteRole:
        return r.note;
    case OtherNameRole:
        return r.otherName;
    case OtherHandleRole:
        return r.otherHandle;
    case CreatedAtRole:
        return timeOf(r.createdAt);
    case ExpiresAtRole:
        return timeOf(r.expiresAt);
    case TransactionIdRole:
        return r.transactionId;
    default:
        return {};
    }
}

QHash<int, QByteArray> RequestsModel::roleNames() const
{
    return {
        {IdRole, "id"},
        {LinkRole, "link"},
        {StatusRole, "status"},
        {OpenRole, "open"},
        {ToMeRole, "toMe"},
        {AmountMinorRole, "amountMinor"},
        {CurrencyRole, "currency"},
        {FormattedAmountRole, "formattedAmount"},
        {NoteRole, "note"},
        {OtherNameRole, "otherName"},
        {OtherHandleRole, "otherHandle"},
        {CreatedAtRole, "createdAt"},
        {ExpiresAtRole, "expiresAt"},
        {TransactionIdRole, "transactionId"},
    };
}

void RequestsModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void RequestsModel::setAtEnd(bool atEnd)
{
    if (m_atEnd == atEnd)
        return;
    m_atEnd = atEnd;
    Q_EMIT atEndChanged();
}

void RequestsModel::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

} // namespace plaza::wallet
