// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace plaza::security {

//! A slow, salted hash of a short secret (a PIN or an app-lock passphrase): Argon2id
//! through libsodium's crypto_pwhash_str with MODERATE limits, as a self-describing
//! "$argon2id$v=19$m=…" string. NFC-normalised first. Slow on purpose (~0.5 s): call it
//! off the UI thread.
[[nodiscard]] Result<QByteArray> hashSecret(const QString &secret);

//! True when \a secret matches \a hash (from hashSecret). False for a malformed hash.
//! Constant-time in the secret; as slow as hashSecret.
[[nodiscard]] bool verifySecret(const QByteArray &hash, const QString &secret);

} // namespace plaza::security
