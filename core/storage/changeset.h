// SPDX-License-Identifier: MIT
#pragma once

#include "storage/rowchanges.h"

#include <QDateTime>
#include <QMetaType>
#include <QStringList>

namespace plaza::storage {

//! What one committed batch did: the change stream's unit. SyncEngine::applied publishes one
//! per commit and storage::Cache::changed hands it to the models, which read
//! changes.ids/created/removed(storage::Table) and update those rows by id (dataChanged,
//! rowsInserted, rowsRemoved) — a reset only when \c reset is set.
struct ChangeSet {
    int applied = 0;      //!< events written (known types, seq above the cursor)
    int skipped = 0;      //!< events at or below the cursor, of unknown types, or malformed
    qint64 cursor = 0;    //!< the cursor committed with the batch
    QStringList types;    //!< event types applied, each once
    storage::RowChanges changes; //!< the rows written, by table; messages new with this batch in created()
    bool reset = false;   //!< the private tables were emptied first (410 resync_required)
    bool gap = false;     //!< a live event did not follow the cursor: nothing applied, pull instead
    QDateTime committedAt;
};

} // namespace plaza::storage

Q_DECLARE_METATYPE(plaza::storage::ChangeSet)
