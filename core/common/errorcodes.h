// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace plaza {

//! Every name errorCodeName() gives (result.h), in ErrorCode's order: the codes a list model's
//! `error` or a service's failure signal can carry to QML, where qml/Errors.qml turns each into
//! a sentence (tests/e2e/tst_errors.cpp checks that each has its own, translated).
[[nodiscard]] QStringList errorCodeNames();

} // namespace plaza
