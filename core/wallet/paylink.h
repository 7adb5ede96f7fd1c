// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

namespace plaza::wallet {

//! The payment request id in a plaza://pay/<id> link. Strict: scheme "plaza", host "pay",
//! exactly one path segment of 1–64 characters of [A-Za-z0-9_-], no user info, port,
//! query or fragment, no surrounding whitespace. Anything else → ValidationFailed with
//! details.field = "link" and a message that says what is wrong.
[[nodiscard]] Result<QString> parsePayLink(const QString &link);

//! plaza://pay/<id> for a valid \a requestId.
[[nodiscard]] QString payLink(const QString &requestId);

} // namespace plaza::wallet
