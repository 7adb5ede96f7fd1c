// SPDX-License-Identifier: MIT
#pragma once

// The account itself (docs/api.md "Account"): changing its password, deleting it. The
// password rules live here so that sign-up and a password change refuse the same way.

#include "response.h"

#include <QString>

#include <functional>
#include <optional>

namespace plaza::server {

class ServerDb;
struct Services;

//! Checks \a password, the account's current one, on the worker pool, counted by the sign-in
//! throttle (the handle's budget and the account's), then answers what \a onMatch answers on
//! the event loop. A wrong one is 403 with details.reason "wrong_password" naming \a field;
//! too many, 429 with Retry-After.
[[nodiscard]] Response withCurrentPassword(Services &s, qint64 userId, const QString &password, const QString &field,
                                           std::function<Response()> onMatch);

//! Characters as people count them (code points), not UTF-16 units.
[[nodiscard]] qsizetype characterCount(const QString &text);

//! The answer refusing \a password as a new password of the account (422 naming \a field)
//! when it is too short or too long; nothing when it is acceptable.
[[nodiscard]] std::optional<Response> refuseNewPassword(const QString &password, const QString &field);

//! The name a deleted account keeps (its display name), and the prefix of its tombstone
//! handle ("~deleted_<id>"): a handle nobody can register, so the old one is free again.
inline constexpr QStringView kDeletedDisplayName = u"Deleted account";
inline constexpr QStringView kDeletedHandlePrefix = u"~deleted_";

//! True if \a userId deleted their account (inside or outside a transaction).
[[nodiscard]] Result<bool> isDeletedUser(ServerDb &db, qint64 userId);

} // namespace plaza::server
