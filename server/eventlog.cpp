// SPDX-License-Identifier: MIT
#include "eventlog.h"

#include "serverdb.h"

#include <QJsonDocument>

namespace plaza::server {

namespace {

qint64 g_keepPerUser = 0;

} // namespace

void setEventRetention(qint64 keepPerUser)
{
    g_keepPerUser = keepPerUser;
}

Result<qint64> appendEvent(ServerDb &db, qint64 userId, const QString &type, const QJsonObject &data)
{
    if (!db.inTransaction())
        return makeError(ErrorCode::Internal, QStringLiteral("appendEvent outside a transaction"));
    const QByteArray json = QJsonDocument(data).toJson(QJsonDocument::Compact);
    qint64 seq = 0;
    if (db.kind() == Storage::Kind::Postgres) {
        // One round trip: the next seq is taken by the INSERT itself.
        auto inserted = db.integer(QStringLiteral("INSERT INTO events (user_id, seq, type, data) "
                                                  "SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3 FROM events "
                                                  "WHERE user_id = ?1 RETURNING seq"),
                                   userId, type, QString::fromUtf8(json));
        if (!inserted)
            return inserted.error();
        if (!inserted->has_value())
            return makeError(ErrorCode::Storage, QStringLiteral("the event INSERT returned no seq"));
        seq = **inserted;
    } else {
        auto maxSeq = db.integer(QStringLiteral("SELECT coalesce(max(seq), 0) FROM events WHERE user_id = ?1"), userId);
        if (!maxSeq)
            return maxSeq.error();
        seq = maxSeq->value_or(0) + 1;
        if (auto st = db.run(QStringLiteral("INSERT INTO events (user_id, seq, type, data) VALUES (?1, ?2, ?3, ?4)"),
                             userId, seq, type, QString::fromUtf8(json));
            !st)
            return st.error();
    }

    if (g_keepPerUser > 0 && seq > g_keepPerUser) {
        if (auto st = db.run(
                QStringLiteral("DELETE FROM events WHERE user_id = ?1 AND seq <= ?2"), userId, seq - g_keepPerUser);
            !st)
            return st.error();
    }

    db.holdEvent(UserEvent{ userId, protocol::Event{ seq, type, data } });
    return seq;
}

Result<EventRange> eventRange(ServerDb &db, qint64 userId)
{
    auto stmt = db.row(
        QStringLiteral("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events WHERE user_id = ?1"), userId);
    if (!stmt)
        return stmt.error();
    if (!*stmt)
        return EventRange{};
    return EventRange{ (*stmt)->int64(0), (*stmt)->int64(1) };
}

Result<QList<protocol::Event>> readEvents(ServerDb &db, qint64 userId, qint64 since, qint64 limit)
{
    auto stmt = db.query(
        QStringLiteral("SELECT seq, type, data FROM events WHERE user_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"),
        userId, since, limit);
    if (!stmt)
        return stmt.error();
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
