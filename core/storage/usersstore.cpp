// SPDX-License-Identifier: MIT
#include "usersstore.h"

#include "protocol/types.h"
#include "storage/statementcache.h"

namespace plaza::storage {

Result<QString> UsersStore::upsert(const QJsonObject &object, RowChanges &changes)
{
    auto user = protocol::decodeReply<protocol::User>(object);
    if (!user)
        return user.error();
    return upsert(*user, changes);
}

namespace {
bool sameFields(const protocol::User &a, const protocol::User &b)
{
    return a.handle == b.handle && a.displayName == b.displayName && a.kind == b.kind && a.verified == b.verified
        && a.followers == b.followers && a.following == b.following && a.followedByMe == b.followedByMe;
}
} // namespace

void UsersStore::beginBatch()
{
    m_batch.clear();
    m_batching = true;
}

void UsersStore::endBatch()
{
    m_batch.clear();
    m_batching = false;
}

Result<QString> UsersStore::upsert(const protocol::User &u, RowChanges &changes)
{
    if (m_batching) {
        const auto seen = m_batch.constFind(u.id);
        if (seen != m_batch.constEnd() && sameFields(*seen, u))
            return u.id;
    }
    // Most upserts repeat what the cache has (a message's sender, a post's author): those
    // are read, found equal, and write nothing and report no change. A changed row is
    // updated in place, a new one inserted; INSERT OR REPLACE would delete and re-insert
    // the row, rewriting its pages and its index entries every time.
    auto known = m_statements.get(QStringLiteral("SELECT handle, display_name, kind, verified, followers, following,"
                                                 " followed_by_me FROM users WHERE id = ?1;"));
    if (!known)
        return known.error();
    Statement &k = **known;
    k.bind(1, u.id);
    auto found = k.step();
    if (!found) {
        k.reset();
        return found.error();
    }
    const bool exists = *found;
    const bool same = exists
        && sameFields(protocol::User{u.id, k.text(0), k.text(1), k.text(2), k.int64(3) != 0, k.int64(4), k.int64(5),
                                     k.int64(6) != 0},
                      u);
    k.reset();
    if (m_batching)
        m_batch.insert(u.id, u); // found so, or written so below (an error ends the batch)
    if (same)
        return u.id;
    // Another connection (the sync writer) may insert or change the row between the read and
    // the write: whichever statement finds nothing to do hands over to the other one.
    const QString update = QStringLiteral("UPDATE users SET handle = ?2, display_name = ?3, kind = ?4, verified = ?5,"
                                          " followers = ?6, following = ?7, followed_by_me = ?8 WHERE id = ?1;");
    const QString insert = QStringLiteral("INSERT OR IGNORE INTO users (id, handle, display_name, kind, verified,"
                                          " followers, following, followed_by_me) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);");
    for (const QString &sql : exists ? QStringList{update, insert} : QStringList{insert, update}) {
        auto write = m_statements.get(sql);
        if (!write)
            return write.error();
        if (auto st = (*write)
                          ->bindAll(u.id, u.handle, u.displayName, u.kind, u.verified, u.followers, u.following,
                                    u.followedByMe)
                          .exec();
            !st)
            return st.error();
        if (m_statements.db().changes() > 0)
            break;
    }
    changes.add(Table::Users, u.id);
    return u.id;
}

Status UsersStore::applyUpdated(const QJsonObject &object, const QString &selfId, RowChanges &changes)
{
    auto user = protocol::decodeReply<protocol::User>(object);
    if (!user)
        return user.error();
    return applyUpdated(*user, selfId, changes);
}

Status UsersStore::applyUpdated(const protocol::User &user, const QString &selfId, RowChanges &changes)
{
    auto id = upsert(user, changes);
    if (!id)
        return id.error();
    if (selfId.isEmpty() || *id == selfId)
        return {};
    const bool followed = user.followedByMe;
    auto stmt = m_statements.get(
        followed ? QStringLiteral("INSERT OR IGNORE INTO follows (follower_id, followee_id) VALUES (?1, ?2);")
                 : QStringLiteral("DELETE FROM follows WHERE follower_id = ?1 AND followee_id = ?2;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bindAll(selfId, *id).exec(); !st)
        return st;
    changes.add(Table::Follows, *id);
    return {};
}

Status UsersStore::setBlocked(const QString &userId, bool blocked, const QString &at, RowChanges &changes)
{
    if (userId.isEmpty())
        return makeError(ErrorCode::Protocol, QStringLiteral("A block names no user."));
    auto stmt = m_statements.get(blocked ? QStringLiteral("INSERT OR REPLACE INTO blocks (user_id, blocked_at) VALUES (?1, ?2);")
                                         : QStringLiteral("DELETE FROM blocks WHERE user_id = ?1;"));
    if (!stmt)
        return stmt.error();
    if (blocked)
        (*stmt)->bindAll(userId, at.isNull() ? QStringLiteral("") : at);
    else
        (*stmt)->bind(1, userId);
    if (auto st = (*stmt)->exec(); !st)
        return st;
    if (blocked) {
        changes.add(Table::Blocks, userId);
    } else {
        changes.addRemoved(Table::Blocks, userId);
    }
    return {};
}

Status UsersStore::setMuted(const QString &userId, bool muted, const QString &at, RowChanges &changes)
{
    if (userId.isEmpty())
        return makeError(ErrorCode::Protocol, QStringLiteral("A mute names no user."));
    // A replayed event, or a sync that finds what the table has, writes nothing and says so:
    // the timelines read again only for a real change.
    auto stmt = m_statements.get(muted ? QStringLiteral("INSERT OR REPLACE INTO person_mutes (user_id, muted_at) SELECT ?1, ?2 "
                                                        "WHERE NOT EXISTS (SELECT 1 FROM person_mutes WHERE user_id = ?1 AND muted_at = ?2);")
                                       : QStringLiteral("DELETE FROM person_mutes WHERE user_id = ?1;"));
    if (!stmt)
        return stmt.error();
    if (muted)
        (*stmt)->bindAll(userId, at.isNull() ? QStringLiteral("") : at);
    else
        (*stmt)->bind(1, userId);
    if (auto st = (*stmt)->exec(); !st)
        return st;
    if (m_statements.db().changes() == 0)
        return {};
    if (muted) {
        changes.add(Table::PersonMutes, userId);
    } else {
        changes.addRemoved(Table::PersonMutes, userId);
    }
    return {};
}

} // namespace plaza::storage
