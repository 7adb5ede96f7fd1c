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
    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO users (id, handle, display_name, kind, verified, followers, following, followed_by_me)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);"));
    if (!stmt)
        return stmt.error();
    const protocol::User &u = *user;
    if (auto st = (*stmt)
                      ->bindAll(u.id, u.handle, u.displayName, u.kind, u.verified,
                                u.followers, u.following, u.followedByMe)
                      .exec();
        !st)
        return st.error();
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
