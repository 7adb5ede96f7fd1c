// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/events.h"
#include "protocol/types.h"
#include "storage/chatstore.h"
#include "storage/poststore.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "storage/walletstore.h"
#include "sync/changeset.h"

#include <QHash>

namespace plaza::storage {
class Database;
}

namespace plaza::sync {

//! Applies events of api-v1 "Sync" to the cache through the domain stores. This is the
//! one write path for /v1/sync pages and WebSocket events alike (and for bench/).
//! Idempotent: rows are written INSERT OR REPLACE by id, and a batch skips every event
//! at or below the cursor, so applying the same page twice changes nothing.
//! Not thread-safe: used by the writer thread only.
class EventApplier
{
public:
    //! \a selfUserId: the signed-in user (read marks and follows are relative to them).
    EventApplier(storage::Database &db, QString selfUserId);

    //! Reads the cursor from sync_state; call once after opening.
    [[nodiscard]] Status load();
    [[nodiscard]] qint64 cursor() const { return m_cursor; }

    //! One transaction: every event with seq > cursor, then cursor = max(cursor, \a upTo)
    //! and last_synced_at. With \a contiguous (live events), an event above cursor + 1 is a
    //! gap: nothing is written and the result says gap. Unknown or malformed events are
    //! skipped but still advance the cursor, so one bad event cannot stall sync forever.
    [[nodiscard]] Result<ChangeSet> applyBatch(const QList<protocol::Event> &events, qint64 upTo,
                                               bool contiguous = false);

    //! Writes one event's data to its tables, outside any transaction and ignoring the cursor.
    //! False for an unknown type. A malformed payload is ErrorCode::Protocol.
    [[nodiscard]] Result<bool> applyEvent(const protocol::Event &event, storage::RowChanges &changes);

    //! 410 resync_required: empties the private tables (not kv: tokens and account stay)
    //! and sets the cursor to 0, in one transaction.
    [[nodiscard]] Status resetPrivateData();

private:
    Status onDeleted(protocol::EventType type, const QString &name, const QJsonObject &data, storage::RowChanges &changes);

    storage::Database &m_db;
    QString m_selfId;
    storage::StatementCache m_statements;
    storage::UsersStore m_users;
    storage::ChatStore m_chat;
    storage::WalletStore m_wallet;
    storage::PostStore m_posts;
    qint64 m_cursor = 0;
};

} // namespace plaza::sync
