// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

namespace plaza::server {

class ServerDb;

//! Savings for the demo people: goals with money in them, and three months of daily
//! interest already accrued and paid, so the Savings tab and its charts have a history.
//! Inside the demo seed's write transaction, before the wallet's demo money (entries go in
//! in time order, so every balance_after is the balance at that moment).
[[nodiscard]] Status seedDemoSavings(ServerDb &db, const QHash<QString, qint64> &idOf, qint64 nowMs);

} // namespace plaza::server
