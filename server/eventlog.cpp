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
    return appendEvents(db, userId, {{type, data}});
}

Result<qint64> appendEvents(ServerDb &db, qint64 userId, const QList<QPair<QString, QJsonObject>> &events)
{
    if (!db.inTransaction())
        return makeError(ErrorCode::Internal, QStringLiteral("appendEvent outside a transaction"));
    if (events.isEmpty())
        return makeError(ErrorCode::Internal, QStringLiteral("appendEvents with no event"));
    QStringList json;
    json.reserve(events.size());
    for (const auto &event : events)
        json.append(QString::fromUtf8(QJsonDocument(event.second).toJson(QJsonDocument::Compact)));
    qint64 first = 0; // the seq of events[0]
    if (db.kind() == Storage::Kind::Postgres) {
        // One round trip: the next seqs are taken by the INSERT itself (user's max + 1, + 2, …).
        QStringList rows;
        SqlArgs args{SqlValue(userId)};
        for (qsizetype i = 0; i < events.size(); ++i) {
            rows.append(QStringLiteral("(%1::bigint, ?%2, ?%3)").arg(i).arg(args.size() + 1).arg(args.size() + 2));
            args.append(SqlValue(events.at(i).first));
            args.append(SqlValue(json.at(i)));
        }
        auto inserted = db.storage().query(
            QStringLiteral("INSERT INTO events (user_id, seq, type, data) "
                           "SELECT ?1, m.seq + 1 + v.k, v.type, v.data "
                           "FROM (SELECT coalesce(max(seq), 0) AS seq FROM events WHERE user_id = ?1) m, "
                           "(VALUES %1) AS v(k, type, data) RETURNING seq")
                .arg(rows.join(QStringLiteral(", "))),
            args);
        if (!inserted)
            return inserted.error();
        qsizetype returned = 0;
        for (;;) {
            auto row = inserted->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            first = returned++ ? std::min(first, inserted->int64(0)) : inserted->int64(0);
        }
        if (returned != events.size())
            return makeError(ErrorCode::Storage, QStringLiteral("the event INSERT returned %1 seqs for %2 events")
                                                     .arg(returned).arg(events.size()));
    } else {
        auto maxSeq = db.integer(QStringLiteral("SELECT coalesce(max(seq), 0) FROM events WHERE user_id = ?1"), userId);
        if (!maxSeq)
            return maxSeq.error();
        first = maxSeq->value_or(0) + 1;
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (auto st = db.run(QStringLiteral("INSERT INTO events (user_id, seq, type, data) VALUES (?1, ?2, ?3, ?4)"),
                                 userId, first + i, events.at(i).first, json.at(i));
                !st)
                return st.error();
        }
    }
    const qint64 last = first + events.size() - 1;

    if (g_keepPerUser > 0 && last > g_keepPerUser) {
        if (auto st = db.run(
                QStringLiteral("DELETE FROM events WHERE user_id = ?1 AND seq <= ?2"), userId, last - g_keepPerUser);
            !st)
            return st.error();
    }

    for (qsizetype i = 0; i < events.size(); ++i)
        db.holdEvent(UserEvent{ userId, protocol::Event{ first + i, events.at(i).first, events.at(i).second } });
    return last;
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
