// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QPointer>

#include <functional>

namespace plaza::storage {
class Database;
class RowChanges;
}

namespace plaza::chat {

class ChatService;

//! What the server-backed chat actions (MessageActions, SafetyActions) share.
namespace actions {

//! The session is not ready (no cache writer yet).
[[nodiscard]] Error notOpen();
//! The chat went away while an action awaited.
[[nodiscard]] Error closed();
//! What QML shows next to the code: the server's reason (not_sender, too_late, blocked…), or the field.
[[nodiscard]] QString detailOf(const Error &e);

//! Runs \a fn in one transaction on the cache writer of \a chat's session, then publishes its
//! row changes on the one change stream, like a sync batch: the lists show an answer before
//! its events come. The caller checks that it is still there after awaiting this.
[[nodiscard]] QCoro::Task<Status> writeAndPublish(QPointer<ChatService> chat,
                                                  std::function<Status(storage::Database &, storage::RowChanges &)> fn);

} // namespace actions
} // namespace plaza::chat
