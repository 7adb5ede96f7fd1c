// SPDX-License-Identifier: MIT
#include "eventlog.h"

#include <sqlite3.h>

#include <QHash>
#include <QJsonDocument>

namespace plaza::server {

namespace {

qint64 g_keepPerUser = 0;

// Events appended but not yet committed, per connection. The server touches its
// database from one thread only, so a plain map is enough.
QHash<const storage::Database *, QList<UserEvent>> &pending()
{
    static QHash<const storage::Database *, QList<UserEvent>> map;
    return map;
}

} // namespace

void setEventRetention(qint64 keepPerUser)
{
    g_keepPerUser = keepPerUser;
}

Result<qint64> appendEvent(storage::Database &db, qint64 userId, const QString &type, const QJsonObject &data)
{
    if (sqlite3_get_autocommit(db.handle()))
        return makeError(ErrorCode::Internal, QStringLiteral("appendEvent outside a transaction"));
    auto maxSeq = db.prepare(QStringLiteral("SELECT coalesce(max(seq), 0) FROM events WHERE user_id = ?1"));
    if (!maxSeq)
        return maxSeq.error();
    maxSeq->bind(1, userId);
    auto row = maxSeq->step();
    if (!row)
        return row.error();
    const qint64 seq = maxSeq->int64(0) + 1;

    const QByteArray json = QJsonDocument(data).toJson(QJsonDocument::Compact);
    auto insert = db.prepare(QStringLiteral("INSERT INTO events (user_id, seq, type, data) VALUES (?1, ?2, ?3, ?4)"));
    if (!insert)
        return insert.error();
    insert->bindAll(userId, seq, type, QString::fromUtf8(json));
    if (auto st = insert->exec(); !st)
        return st.error();

    if (g_keepPerUser > 0 && seq > g_keepPerUser) {
        auto prune = db.prepare(QStringLiteral("DELETE FROM events WHERE user_id = ?1 AND seq <= ?2"));
        if (!prune)
            return prune.error();
        prune->bindAll(userId, seq - g_keepPerUser);
        if (auto st = prune->exec(); !st)
            return st.error();
    }

    pending()[&db].append(UserEvent{userId, protocol::Event{seq, type, data}});
    return seq;
}

QList<UserEvent> takePendingEvents(const storage::Database &db)
{
    return pending().take(&db);
}

void discardPendingEvents(const storage::Database &db)
{
    pending().remove(&db);
}

Result<EventRange> eventRange(storage::Database &db, qint64 userId)
{
    auto stmt = db.prepare(QStringLiteral("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events WHERE user_id = ?1"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, userId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    return EventRange{stmt->int64(0), stmt->int64(1)};
}

Result<QList<protocol::Event>> readEvents(storage::Database &db, qint64 userId, qint64 since, qint64 limit)
{
    auto stmt = db.prepare(QStringLiteral(
        "SELECT seq, type, data FROM events WHERE user_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(userId, since, limit);
    QList<protocol::Event> events;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        events.append(protocol::Event{stmt->int64(0), stmt->text(1),
                                      QJsonDocument::fromJson(stmt->text(2).toUtf8()).object()});
    }
    return events;
}

} // namespace plaza::server
