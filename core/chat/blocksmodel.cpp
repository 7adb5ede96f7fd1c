// SPDX-License-Identifier: MIT
#include "chat/blocksmodel.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"
#include "chat/keyedlistmodel.h"
#include "chat/safetyactions.h"
#include "common/logging.h"
#include "protocol/json.h"
#include "storage/cache.h"
#include "storage/database.h"

#include <QCoroTask>

namespace plaza::chat {

namespace {

bool sameContent(const BlocksModel::Row &a, const BlocksModel::Row &b)
{
    return a.handle == b.handle && a.name == b.name && a.blockedAt == b.blockedAt;
}

} // namespace

BlocksModel::BlocksModel(QObject *parent) : QAbstractListModel(parent) { }

BlocksModel::~BlocksModel() = default;

void BlocksModel::setSafety(SafetyActions *safety)
{
    if (m_safety == safety)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_safety = safety;
    m_db.reset();
    ChatService *chat = m_safety ? m_safety->chat() : nullptr;
    if (chat) {
        storage::Cache *cache = chat->cache();
        m_connections << connect(cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reread();
        });
        m_connections << connect(cache, &storage::Cache::changed, this, [this](const storage::ChangeSet &set) {
            if (set.reset || set.changes.touches(storage::Table::Blocks) || set.changes.touches(storage::Table::Users))
                reread();
        });
    }
    Q_EMIT safetyChanged();
    reread();
}

bool BlocksModel::ensureOpen()
{
    ChatService *chat = m_safety ? m_safety->chat() : nullptr;
    const storage::Cache *cache = chat ? chat->cache() : nullptr;
    Error error;
    if (cache && cache->ensureReader(m_db, &error))
        return true;
    if (!error.message.isEmpty()) {
        qCWarning(lcChat) << "cannot read the cache:" << error.message;
        setError(errorCodeName(ErrorCode::Storage));
    }
    return false;
}

void BlocksModel::reread()
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

void BlocksModel::refresh()
{
    if (!m_safety || m_loading)
        return;
    setLoading(true);
    QPointer<BlocksModel> self(this);
    auto task = m_safety->syncBlocks();
    QCoro::connect(std::move(task), this, [self](const Status &st) {
        if (!self)
            return;
        self->setLoading(false);
        self->setError(st ? QString() : st.error().codeName());
        self->reread();
    });
}

void BlocksModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void BlocksModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged();
    }
}

int BlocksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant BlocksModel::data(const QModelIndex &index, int role) const
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
    case BlockedAtRole: {
        const QDateTime at = protocol::parseTime(r.blockedAt);
        return at.isValid() ? QVariant(at) : QVariant();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> BlocksModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},
        {HandleRole, "handle"},
        {NameRole, "name"},
        {InitialsRole, "initials"},
        {BlockedAtRole, "blockedAt"},
    };
}

} // namespace plaza::chat
