// SPDX-License-Identifier: MIT
#include "peoplesearchmodel.h"

#include "common/logging.h"
#include "common/modelrow.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "net/apiclient.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace plaza {

namespace {
constexpr int kMaxResults = 20;
// Recent people offered before anything is typed.
constexpr int kMaxRecent = 6;

//! Every row of \a stmt (id, handle, display_name, kind, verified) as users.
QList<protocol::User> readUsers(storage::Statement &stmt)
{
    QList<protocol::User> users;
    while (true) {
        auto row = stmt.step();
        if (!row || !*row)
            break;
        protocol::User user;
        user.id = stmt.text(0);
        user.handle = stmt.text(1);
        user.displayName = stmt.text(2);
        user.kind = stmt.text(3);
        user.verified = stmt.int64(4) != 0;
        users.append(user);
    }
    return users;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return escaped + u'%';
}
} // namespace

PeopleSearchModel::PeopleSearchModel(QObject *parent) : QAbstractListModel(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PeopleSearchModel::searchNow);
}

PeopleSearchModel::~PeopleSearchModel() = default;

int PeopleSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PeopleSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const protocol::User &user = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return user.id;
    case HandleRole:
        return user.handle;
    case Qt::DisplayRole:
    case DisplayNameRole:
        return user.displayName;
    case KindRole:
        return user.kind;
    case VerifiedRole:
        return user.verified;
    case InitialsRole:
        return initialsOf(user.displayName.isEmpty() ? user.handle : user.displayName);
    default:
        return {};
    }
}

QHash<int, QByteArray> PeopleSearchModel::roleNames() const
{
    return {{IdRole, "userId"},           {HandleRole, "handle"},     {DisplayNameRole, "displayName"},
            {KindRole, "kind"},           {VerifiedRole, "verified"}, {InitialsRole, "initials"}};
}

QVariantMap PeopleSearchModel::get(int row) const
{
    return rowAsMap(*this, row);
}

void PeopleSearchModel::setApi(net::ApiClient *api)
{
    if (api == m_api)
        return;
    m_api = api;
    Q_EMIT apiChanged();
    if (!m_query.isEmpty())
        m_debounce.start();
}

void PeopleSearchModel::setCache(storage::Cache *cache)
{
    if (cache == m_cache)
        return;
    disconnect(m_cacheState);
    m_cache = cache;
    m_db.reset();
    if (m_cache)
        m_cacheState = connect(m_cache, &storage::Cache::openChanged, this, [this] { m_db.reset(); });
    Q_EMIT cacheChanged();
    if (!m_query.isEmpty())
        m_debounce.start();
    else
        refreshRecent();
}

void PeopleSearchModel::setRecentWhenEmpty(bool on)
{
    if (on == m_recentWhenEmpty)
        return;
    m_recentWhenEmpty = on;
    Q_EMIT recentWhenEmptyChanged();
    refreshRecent();
}

void PeopleSearchModel::refreshRecent()
{
    if (!m_query.trimmed().isEmpty() && m_query.trimmed() != u"@")
        return;
    setRows(m_recentWhenEmpty ? recentFromCache() : QList<protocol::User>(), false, {});
    if (m_showingRecent != (m_recentWhenEmpty && !m_rows.isEmpty())) {
        m_showingRecent = !m_showingRecent;
        Q_EMIT resultsChanged();
    }
}

storage::Database *PeopleSearchModel::reader() const
{
    if (!m_cache || !m_cache->ensureReader(m_db))
        return nullptr;
    return m_db.get();
}

QList<protocol::User> PeopleSearchModel::recentFromCache() const
{
    QList<protocol::User> users;
    storage::Database *db = reader();
    if (!db)
        return users;
    // The last 200 transactions with someone and every direct conversation, by when; one row a
    // person, newest first. (SQLite 3.15: no window functions; max() with GROUP BY does it.)
    auto stmt = db->prepare(QStringLiteral(
        "SELECT u.id, u.handle, u.display_name, u.kind, u.verified, max(r.at) AS last FROM ("
        "  SELECT counterparty_id AS uid, created_at AS at FROM ("
        "    SELECT counterparty_id, created_at FROM transactions WHERE counterparty_id IS NOT NULL"
        "    ORDER BY created_at DESC LIMIT 200)"
        "  UNION ALL"
        "  SELECT m.user_id, c.last_activity_at FROM conversations c"
        "  JOIN conversation_members m ON m.conversation_id = c.id"
        "  WHERE c.kind = 'direct' AND c.last_activity_at IS NOT NULL"
        ") r JOIN users u ON u.id = r.uid WHERE u.id <> ?1 AND u.handle <> ''"
        " GROUP BY u.id ORDER BY last DESC LIMIT ?2"));
    if (!stmt)
        return users;
    stmt->bind(1, m_cache->ownerId());
    stmt->bind(2, qint64(kMaxRecent));
    return readUsers(*stmt);
}

void PeopleSearchModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    Q_EMIT queryChanged();
    ++m_generation; // any answer still out is for an older query
    QString text = query.trimmed();
    if (text.startsWith(u'@'))
        text.remove(0, 1);
    if (text.isEmpty()) {
        m_debounce.stop();
        setLoading(false);
        refreshRecent();
        return;
    }
    // The recent people are not an answer to what is typed: gone at the first letter.
    if (m_showingRecent)
        setRows({}, false, {});
    setLoading(true);
    m_debounce.start();
}

void PeopleSearchModel::searchNow()
{
    m_debounce.stop();
    QString text = m_query.trimmed();
    if (text.startsWith(u'@'))
        text.remove(0, 1);
    if (text.isEmpty() || !m_cache || !m_api)
        return;
    if (text.size() > kMaxQueryChars) {
        setLoading(false);
        setRows({}, false, QStringLiteral("Type at most %1 characters.").arg(kMaxQueryChars));
        return;
    }
    search(text, ++m_generation);
}

QCoro::Task<void> PeopleSearchModel::search(QString text, quint64 generation)
{
    QPointer<PeopleSearchModel> self(this);
    setLoading(true);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), text);
    auto reply = co_await m_api->get(protocol::endpoints::users(), query);
    if (!self || generation != m_generation)
        co_return; // the user typed on; a newer search owns the list
    setLoading(false);
    if (!reply) {
        if (reply.error().code == ErrorCode::Network || reply.error().code == ErrorCode::Timeout) {
            setRows(searchCache(text), true, {});
            co_return;
        }
        setRows({}, false, reply.error().codeName());
        co_return;
    }
    QList<protocol::User> users;
    const QString selfId = m_cache ? m_cache->ownerId() : QString();
    const QJsonArray items = reply->body.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items) {
        auto user = protocol::User::fromJson(item.toObject());
        if (!user) {
            qCWarning(lcApp) << "people search: skipping a malformed user:" << user.error().message;
            continue;
        }
        if (user->id != selfId)
            users.append(std::move(user).value());
    }
    setRows(std::move(users), false, {});
}

QList<protocol::User> PeopleSearchModel::searchCache(const QString &text) const
{
    QList<protocol::User> users;
    storage::Database *db = reader();
    if (!db)
        return users;
    auto stmt = db->prepare(
        QStringLiteral("SELECT id, handle, display_name, kind, verified FROM users "
                       "WHERE (handle LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\' "
                       "OR display_name LIKE ?2 ESCAPE '\\') AND id <> ?3 ORDER BY handle LIMIT ?4"));
    if (!stmt)
        return users;
    stmt->bind(1, likePattern(text));
    stmt->bind(2, QStringLiteral("% ") + likePattern(text));
    stmt->bind(3, m_cache->ownerId());
    stmt->bind(4, qint64(kMaxResults));
    return readUsers(*stmt);
}

void PeopleSearchModel::setRows(QList<protocol::User> rows, bool offline, const QString &error)
{
    m_showingRecent = false;
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    m_offline = offline;
    m_error = error;
    Q_EMIT resultsChanged();
}

void PeopleSearchModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

QString PeopleSearchModel::initialsOf(const QString &name)
{
    QString initials;
    const auto words = name.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (initials.size() == 2)
            break;
        initials += word.front().toUpper();
    }
    return initials.isEmpty() ? QStringLiteral("?") : initials;
}

} // namespace plaza
