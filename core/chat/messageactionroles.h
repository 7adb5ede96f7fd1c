// SPDX-License-Identifier: MIT
#pragma once

// What MessagesModel shows of message actions (issue 17): its roles for edits, tombstones,
// reactions, replies and forwards, kept apart from the model's paging and change logic.

#include "chat/chatqueries.h"

#include <QVariant>

namespace plaza::chat {

//! The value of one of MessagesModel's action roles (EditedRole … ForwardedFromRole) for \a m.
[[nodiscard]] QVariant actionRoleData(const MessageRow &m, int role);
//! True when \a a and \a b show the same edits, deletion, reactions, reply and forward.
[[nodiscard]] bool sameActions(const MessageRow &a, const MessageRow &b);

} // namespace plaza::chat
