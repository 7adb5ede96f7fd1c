// SPDX-License-Identifier: MIT
#include "serverdb.h"

#include "common/logging.h"

#include <QDir>
#include <QRegularExpression>

namespace plaza::server {

QString ids::format(QStringView prefix, qint64 rowId)
{
    return prefix.toString() + QString::number(rowId);
}

std::optional<qint64> ids::parse(QStringView prefix, QStringView text)
{
    if (!text.startsWith(prefix))
        return std::nullopt;
    const QStringView digits = text.mid(prefix.size());
    if (digits.isEmpty() || digits.size() > 18 || digits.startsWith(u'0'))
        return std::nullopt;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return digits.toLongLong();
}

QList<storage::Migration> ServerDb::migrations()
{
    return {
        {1, QStringLiteral(R"sql(
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    handle TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'merchant')),
    verified INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- One row per login: the pair of tokens, stored only as SHA-256 digests.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    access_hash BLOB NOT NULL UNIQUE,
    access_expires_at INTEGER NOT NULL,
    refresh_hash BLOB NOT NULL UNIQUE,
    refresh_expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE follows (
    follower_id INTEGER NOT NULL REFERENCES users(id),
    followee_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
) WITHOUT ROWID;
CREATE INDEX follows_followee ON follows (followee_id, follower_id);
CREATE TABLE events (
    user_id INTEGER NOT NULL REFERENCES users(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title TEXT,
    direct_key TEXT UNIQUE,          -- "lowId:highId" for direct conversations
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL
);
CREATE INDEX conversations_activity ON conversations (last_activity_at, id);
CREATE TABLE conversation_members (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX conversation_members_user ON conversation_members (user_id, conversation_id);
)sql")},
    };
}

Result<std::unique_ptr<ServerDb>> ServerDb::open(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot create the data folder %1").arg(dataDir));
    auto db = storage::Database::open(QDir(dataDir).filePath(QStringLiteral("plaza-server.db")), storage::OpenOptions{});
    if (!db)
        return db.error();
    if (auto st = (*db)->migrate(migrations()); !st)
        return st.error();
    return std::unique_ptr<ServerDb>(new ServerDb(std::move(*db)));
}

Status ServerDb::write(const std::function<Status()> &body)
{
    // Leftovers would only exist if someone appended outside write(); never publish them.
    discardPendingEvents(*m_db);
    const Status st = m_db->transaction(body);
    if (!st) {
        discardPendingEvents(*m_db);
        return st;
    }
    const QList<UserEvent> events = takePendingEvents(*m_db);
    if (m_listener && !events.isEmpty())
        m_listener(events);
    return {};
}

void ServerDb::setEventListener(std::function<void(const QList<UserEvent> &)> listener)
{
    m_listener = std::move(listener);
}

Result<QString> ServerDb::meta(const QString &key)
{
    auto stmt = query(QStringLiteral("SELECT value FROM meta WHERE key = ?1"), key);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Status ServerDb::setMeta(const QString &key, const QString &value)
{
    return run(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"), key, value);
}

} // namespace plaza::server
