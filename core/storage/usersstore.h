// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "storage/rowchanges.h"

#include <QHash>
#include <QJsonObject>

namespace plaza::storage {

class StatementCache;

//! users and follows. Every User object met in an event (a sender, an author, a member)
//! goes through upsert(), so the latest copy the server sent wins.
class UsersStore
{
public:
    explicit UsersStore(StatementCache &statements) : m_statements(statements) { }

    //! INSERT OR REPLACE of a User object (api-v1 shape); returns its id.
    //! A malformed object is ErrorCode::Protocol and writes nothing.
    [[nodiscard]] Result<QString> upsert(const QJsonObject &user, RowChanges &changes);
    //! The same for a decoded User.
    [[nodiscard]] Result<QString> upsert(const protocol::User &user, RowChanges &changes);
    //! user.updated: the user row, and the follows edge from \a selfId by followed_by_me.
    [[nodiscard]] Status applyUpdated(const QJsonObject &user, const QString &selfId, RowChanges &changes);
    [[nodiscard]] Status applyUpdated(const protocol::User &user, const QString &selfId, RowChanges &changes);
    //! block.changed (or a block's answer): the user row, and \a userId in blocks (since
    //! \a at, RFC 3339) or not. The whole state of the pair: applying it again changes nothing.
    [[nodiscard]] Status setBlocked(const QString &userId, bool blocked, const QString &at, RowChanges &changes);
    //! person_mute.changed (or a mute's answer): \a userId in person_mutes (since \a at) or
    //! not. The whole state of the pair: applying it again changes nothing.
    [[nodiscard]] Status setMuted(const QString &userId, bool muted, const QString &at, RowChanges &changes);

    //! Until endBatch(), a user met again with the fields it had at its last upsert() is
    //! neither read nor written again (a first sync meets the same few hundred senders and
    //! authors in every event). Only for one transaction of the cache's one writer
    //! (EventApplier::applyBatch), where nothing else changes users between the two; called
    //! again at the start of each try of that transaction.
    void beginBatch();
    void endBatch();

private:
    StatementCache &m_statements;
    bool m_batching = false;
    QHash<QString, protocol::User> m_batch; //!< by id: as the cache has it in this batch
};

} // namespace plaza::storage
