// SPDX-License-Identifier: MIT
#pragma once

// The per-user event log (api-v1.md "Sync"). Every change private to a user is
// appended here inside the transaction that makes the change, so the log and the
// data can never disagree; live subscribers hear of an event only once it committed.

#include "common/result.h"
#include "protocol/types.h"

#include <QJsonObject>
#include <QList>
#include <QPair>

namespace plaza::server {

class ServerDb;

//! An event together with the user whose log it belongs to.
struct UserEvent {
    qint64 userId = 0;
    protocol::Event event;
};

//! Appends an event to \a userId's log and returns its seq (the user's previous
//! maximum + 1: strictly increasing, no gaps). Must run inside the caller's write
//! transaction (BEGIN IMMEDIATE serializes writers, so max + 1 cannot race); outside
//! one it refuses. The event is kept aside and published by ServerDb::write() after
//! COMMIT, or dropped on rollback.
[[nodiscard]] Result<qint64> appendEvent(ServerDb &db, qint64 userId, const QString &type, const QJsonObject &data);

//! Appends \a events (type, data), in order, to \a userId's log as appendEvent() does each;
//! on PostgreSQL in one statement (a transfer logs two events per user). Returns the last seq.
[[nodiscard]] Result<qint64> appendEvents(ServerDb &db, qint64 userId, const QList<QPair<QString, QJsonObject>> &events);

//! Keep only the newest \a keepPerUser events of each user (0: keep all). Test option.
void setEventRetention(qint64 keepPerUser);

//! The seqs a user's log still holds: oldest kept and latest (both 0 for an empty log).
struct EventRange {
    qint64 oldest = 0;
    qint64 latest = 0;
};
[[nodiscard]] Result<EventRange> eventRange(ServerDb &db, qint64 userId);

//! Up to \a limit events of \a userId with seq > \a since, ascending.
[[nodiscard]] Result<QList<protocol::Event>> readEvents(ServerDb &db, qint64 userId, qint64 since, qint64 limit);

} // namespace plaza::server
