// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "eventlog.h"

#include <functional>

namespace plaza::server {

class ServerDb;

//! Several plaza-server processes on one PostgreSQL database: the events another process
//! committed reach \a publish here too (it NOTIFYs the (user, seq) in the transaction, this
//! process LISTENs and reads them from the event log), so a WebSocket hears of a write
//! whichever process took it. Nothing on SQLite (one process per file).
[[nodiscard]] Status relayEventsAcrossProcesses(ServerDb &db, std::function<void(const QList<UserEvent> &)> publish);

} // namespace plaza::server
