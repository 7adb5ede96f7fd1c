// SPDX-License-Identifier: MIT
#include "feed/mutedpeoplemodel.h"

#include "chat/chatqueries.h"
#include "chat/keyedlistmodel.h"
#include "common/logging.h"
#include "protocol/json.h"
#include "storage/cache.h"
#include "storage/database.h"

#include <QCoroTask>

namespace plaza::feed {

using chat::KeyedRows;

namespace {

bool sameContent(const MutedPeopleModel::Row &a, const MutedPeopleModel::Row &b)
{
    return a.handle == b.handle && a.name == b.name && a.mutedAt == b.mutedAt;
}

} // namespace

MutedPeopleModel::MutedPeopleModel(QObject *parent) : QAbstractListModel(parent) { }

MutedPeopleModel::~MutedPeopleModel() = default;

void MutedPeopleModel::setFeed(FeedService *feed)
{
    if (m_feed == feed)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_feed = feed;
    m_db.reset();
    if (storage::Cache *cache = m_feed ? m_feed->cache() : nullptr) {
        m_connections << connect(cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reread();
        });
        m_connections << connect(cache, &storage::Cache::changed, this, [this](const storage::ChangeSet &set) {
            if (set.reset || set.changes.touches(storage::Table::PersonMutes) || set.changes.touches(storage::Table::Users))
                reread();
        });
    }
    Q_EMIT feedChanged();
    reread();
}

bool MutedPeopleModel::ensureOpen()
{
    const storage::Cache *cache = m_feed ? m_feed->cache() : nullptr;
    Error error;
    if (cache && cache->ensureReader(m_db, &error))
        return true;
    if (!error.message.isEmpty()) {
        qCWarning(lcFeed) << "cannot read the cache:" << error.message;
        setError(errorCodeName(ErrorCode::Storage));
    }
    return false;
}

void MutedPeopleModel::reread()
{
    QList<Row> rows;
    if (ensureOpen()) {
        auto stmt = m_db->prepare(QStringLiteral(
            "SELECT b.user_id, coalesce(u.handle, ''), coalesce(nullif(u.display_name, ''), u.handle, b.user_id), b.blocked_at "
            "FROM blocks b LEFT JOIN users u ON u.id = b.user_id ORDER BY b.blocked_at DESC, b.user_id;"));
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
    const int before = count();
    KeyedRows::apply(*this, m_rows, rows, [](const Row &r) { return r.userId; }, sameContent);
    if (count() != before)
        Q_EMIT countChanged();
}

void MutedPeopleModel::refresh()
{
    if (!m_feed || m_loading)
        return;
    setLoading(true);
    QPointer<MutedPeopleModel> self(this);
    auto task = m_feed->syncPersonMutes();
    QCoro::connect(std::move(task), this, [self](const Status &st) {
        if (!self)
            return;
        self->setLoading(false);
        self->setError(st ? QString() : st.error().codeName());
        self->reread();
    });
}

bool MutedPeopleModel::contains(const QString &userId) const
{
    for (const Row &r : m_rows) {
        if (r.userId == userId)
            return true;
    }
    return false;
}

void MutedPeopleModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void MutedPeopleModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged();
    }
}

int MutedPeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MutedPeopleModel::data(const QModelIndex &index, int role) const
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
        return chat::initialsOf(r.name);
    case MutedAtRole: {
        const QDateTime at = protocol::parseTime(r.mutedAt);
        return at.isValid() ? QVariant(at) : QVariant();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MutedPeopleModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},
        {HandleRole, "handle"},
        {NameRole, "name"},
        {InitialsRole, "initials"},
        {MutedAtRole, "mutedAt"},
    };
}

} // namespace plaza::feed
