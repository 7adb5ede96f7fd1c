// SPDX-License-Identifier: MIT
#include "chat/peoplelistmodel.h"

#include "chat/chatqueries.h"
#include "chat/keyedlistmodel.h"
#include "common/logging.h"
#include "protocol/json.h"
#include "storage/cache.h"
#include "storage/database.h"

#include <QPointer>

namespace plaza::chat {

namespace {

bool sameContent(const PeopleListModel::Row &a, const PeopleListModel::Row &b)
{
    return a.handle == b.handle && a.name == b.name && a.since == b.since;
}

} // namespace

PeopleListModel::PeopleListModel(QObject *parent) : QAbstractListModel(parent) { }

PeopleListModel::~PeopleListModel() = default;

void PeopleListModel::watch(storage::Cache *cache, storage::Table table)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_db.reset();
    if (cache) {
        m_connections << connect(cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reread();
        });
        m_connections << connect(cache, &storage::Cache::changed, this, [this, table](const storage::ChangeSet &set) {
            if (set.reset || set.changes.touches(table) || set.changes.touches(storage::Table::Users))
                reread();
        });
    }
    reread();
}

bool PeopleListModel::ensureOpen()
{
    const storage::Cache *from = cache();
    Error error;
    if (from && from->ensureReader(m_db, &error))
        return true;
    if (!error.message.isEmpty()) {
        qCWarning(lcChat) << "cannot read the cache:" << error.message;
        setError(errorCodeName(ErrorCode::Storage));
    }
    return false;
}

void PeopleListModel::reread()
{
    QList<Row> rows;
    if (ensureOpen()) {
        auto stmt = m_db->prepare(query());
        if (!stmt) {
            setError(stmt.error().codeName());
            return;
        }
        for (;;) {
            auto more = stmt->step();
            if (!more) {
                setError(more.error().codeName());
                return;
            }
            if (!*more)
                break;
            rows.append(Row{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)});
        }
    }
    const QStringList before = userIds();
    KeyedRows::apply(*this, m_rows, rows, [](const Row &r) { return r.userId; }, sameContent);
    if (count() != before.size())
        Q_EMIT countChanged();
    if (userIds() != before)
        Q_EMIT userIdsChanged();
}

void PeopleListModel::refresh()
{
    if (!cache() || m_loading)
        return;
    setLoading(true);
    QPointer<PeopleListModel> self(this);
    auto task = sync();
    QCoro::connect(std::move(task), this, [self](const Status &st) {
        if (!self)
            return;
        self->setLoading(false);
        self->setError(st ? QString() : st.error().codeName());
        self->reread();
    });
}

QStringList PeopleListModel::userIds() const
{
    QStringList ids;
    ids.reserve(m_rows.size());
    for (const Row &r : m_rows)
        ids.append(r.userId);
    return ids;
}

bool PeopleListModel::contains(const QString &userId) const
{
    for (const Row &r : m_rows) {
        if (r.userId == userId)
            return true;
    }
    return false;
}

void PeopleListModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void PeopleListModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged();
    }
}

int PeopleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PeopleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case UserIdRole:
        return r.userId;
    case HandleRole:
        return r.handle;
    case InitialsRole:
        return initialsOf(r.name);
    case SinceRole: {
        const QDateTime at = protocol::parseTime(r.since);
        return at.isValid() ? QVariant(at) : QVariant();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> PeopleListModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},
        {HandleRole, "handle"},
        {NameRole, "name"},
        {InitialsRole, "initials"},
        {SinceRole, "since"},
    };
}

} // namespace plaza::chat
