// SPDX-License-Identifier: MIT
#include "liveacross.h"

#include "serverdb.h"
#ifdef PLAZA_SERVER_POSTGRES
#include "pgstorage.h"
#endif

namespace plaza::server {

Status relayEventsAcrossProcesses(ServerDb &db, std::function<void(const QList<UserEvent> &)> publish)
{
#ifdef PLAZA_SERVER_POSTGRES
    if (db.kind() != Storage::Kind::Postgres)
        return {};
    auto &pg = static_cast<PgStorage &>(db.storage());
    return pg.listen([&db, publish = std::move(publish)](const QList<QPair<qint64, qint64>> &heard) {
        QList<UserEvent> events;
        for (const auto &[userId, seq] : heard) {
            // The log may have dropped it since (--keep-events): then the client resyncs anyway.
            auto read = readEvents(db, userId, seq - 1, 1);
            if (!read) {
                qWarning("plaza-server: cannot read an event another process announced: %s",
                         qPrintable(read.error().message));
                continue;
            }
            if (!read->isEmpty() && read->first().seq == seq)
                events.append(UserEvent{userId, read->first()});
        }
        if (!events.isEmpty())
            publish(events);
    });
#else
    Q_UNUSED(db);
    Q_UNUSED(publish);
    return {};
#endif
}

} // namespace plaza::server
