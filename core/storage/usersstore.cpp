// SPDX-License-Identifier: MIT
#include "usersstore.h"

#include "protocol/types.h"
#include "storage/statementcache.h"

namespace plaza::storage {

Result<QString> UsersStore::upsert(const QJsonObject &object, RowChanges &changes)
{
    auto user = protocol::User::fromJson(object);
    if (!user)
        return Error{ErrorCode::Protocol, user.error().message, user.error().details, 0};
    const protocol::User &u = *user;
    // Most upserts repeat what the cache has (a message's sender, a post's author): those
    // write nothing and report no change. A changed row is updated in place, a new one
    // inserted; INSERT OR REPLACE would delete and re-insert the row, rewriting its pages
    // and its index entries every time.
    // write(): one of the two statements with the user's fields; whether it changed a row.
    const auto write = [&](const QString &sql) -> Result<bool> {
        auto stmt = m_statements.get(sql);
        if (!stmt)
            return stmt.error();
        if (auto st = (*stmt)
                          ->bindAll(u.id, u.handle, u.displayName, u.kind, u.verified, u.followers, u.following,
                                    u.followedByMe)
                          .exec();
            !st)
            return st.error();
        return m_statements.db().changes() > 0;
    };
    auto changed = write(QStringLiteral(
        "UPDATE users SET handle = ?2, display_name = ?3, kind = ?4, verified = ?5, followers = ?6, following = ?7,"
        " followed_by_me = ?8 WHERE id = ?1 AND (handle <> ?2 OR display_name <> ?3 OR kind <> ?4 OR verified <> ?5"
        " OR followers <> ?6 OR following <> ?7 OR followed_by_me <> ?8);"));
    if (changed && !*changed)
        changed = write(QStringLiteral("INSERT OR IGNORE INTO users (id, handle, display_name, kind, verified, followers,"
                                       " following, followed_by_me) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);"));
    if (!changed)
        return changed.error();
    if (*changed)
        changes.add(QStringLiteral("users"), u.id);
    return u.id;
}

Status UsersStore::applyUpdated(const QJsonObject &object, const QString &selfId, RowChanges &changes)
{
    auto id = upsert(object, changes);
    if (!id)
        return id.error();
    if (selfId.isEmpty() || *id == selfId)
        return {};
    const bool followed = object.value(QStringLiteral("followed_by_me")).toBool();
    auto stmt = m_statements.get(
        followed ? QStringLiteral("INSERT OR IGNORE INTO follows (follower_id, followee_id) VALUES (?1, ?2);")
                 : QStringLiteral("DELETE FROM follows WHERE follower_id = ?1 AND followee_id = ?2;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bindAll(selfId, *id).exec(); !st)
        return st;
    changes.add(QStringLiteral("follows"), *id);
    return {};
}

} // namespace plaza::storage
