// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"

#include <QList>

namespace plaza::server {

class ServerDb;

//! A user as \a viewerId sees them (followed_by_me is about the viewer). NotFound if none.
[[nodiscard]] Result<protocol::User> loadUser(ServerDb &db, qint64 viewerId, qint64 userId);

//! What a new account needs; the password is already hashed.
struct NewUser {
    QString handle;
    QString displayName;
    QString kind = QStringLiteral("person");
    bool verified = false;
    QString passwordHash;
};
//! Inserts a user (inside the caller's transaction). Conflict if the handle is taken.
[[nodiscard]] Result<qint64> createUser(ServerDb &db, const NewUser &user, qint64 nowMs);

//! \a followerId follows \a followeeId (inside the caller's transaction). True if
//! something changed; then user.updated goes to both logs (see docs/api.md).
[[nodiscard]] Result<bool> follow(ServerDb &db, qint64 followerId, qint64 followeeId, qint64 nowMs);
//! The reverse of follow(); idempotent the same way.
[[nodiscard]] Result<bool> unfollow(ServerDb &db, qint64 followerId, qint64 followeeId);

} // namespace plaza::server
