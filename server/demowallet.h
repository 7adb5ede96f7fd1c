// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

namespace plaza::server {

class ServerDb;

//! Seeds the demo people's money (demowallet.cpp) inside the caller's write transaction;
//! \a idOf maps demo handles to user ids. Called by seedDemo() only.
[[nodiscard]] Status seedDemoWallet(ServerDb &db, const QHash<QString, qint64> &idOf, qint64 nowMs);

} // namespace plaza::server
