// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "storage/database.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace plaza::storage {

//! The schema of the client's private cache, as PRAGMA user_version steps. Each later
//! feature appends a Migration (never edits a released one), so a cache made by any
//! earlier build upgrades step by step, each step in its own transaction.
[[nodiscard]] const QList<Migration> &cacheMigrations();

//! The schema version this build writes (the last migration's).
[[nodiscard]] int cacheSchemaVersion();

//! Tables holding the user's synced private state: dropped (rows only) on a 410
//! resync_required. kv (account metadata and tokens) is not among them.
[[nodiscard]] const QStringList &privateTables();

//! Opens (creating if needed) the encrypted cache at \a path with the 32-byte \a key,
//! checks it (quick_check) and brings the schema up to date. A wrong key, a file that is
//! not a database or a damaged file fail with ErrorCode::CacheLocked and the file is left
//! exactly as it was: nothing here ever deletes or recreates a cache.
[[nodiscard]] Result<std::unique_ptr<Database>> openCache(const QString &path, const QByteArray &key);

//! The cache file, its WAL companions (-wal, -shm) and its closed-cleanly marker, for sign-out and reset.
[[nodiscard]] QStringList cacheFiles(const QString &path);

} // namespace plaza::storage
