// SPDX-License-Identifier: MIT
#pragma once

#include <QCoroTask>
#include <QString>

namespace plaza::security::secretservice {

//! True when the freedesktop Secret Service (Linux) cannot be trusted to say "no such
//! key" for \a account of \a service because what could hold it is locked: a matching
//! item is among the locked search results, or the default collection is locked.
//! libsecret answers a lookup on a locked keyring whose unlock prompt failed or was
//! dismissed with "nothing found", which must not reach the app as ErrorCode::NotFound
//! (it would make a new key and orphan the cache); likewise libsecret "clears" a locked
//! item without error and leaves it in place. False on other platforms, and when the
//! service cannot be asked.
QCoro::Task<bool> lookupBlockedByLock(QString service, QString account);

} // namespace plaza::security::secretservice
