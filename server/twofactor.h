// SPDX-License-Identifier: MIT
#pragma once

// What the sign-in (auth.cpp) and the account's security routes (account.cpp) share about
// the second factor (docs/api.md "Two-factor sign-in").

#include "common/result.h"
#include "credentials.h"
#include "response.h"

namespace plaza::server {

struct Services;

namespace totp {

//! A sign-in's second step must come within this long of its password.
inline constexpr qint64 kChallengeTtlMs = 5 * 60 * 1000;
//! Wrong codes a challenge takes before it dies (the password must be entered again).
inline constexpr int kMaxCodeAttempts = 5;

//! True if \a userId has two-factor sign-in on.
[[nodiscard]] Result<bool> enabled(ServerDb &db, qint64 userId);

//! What verifySecondFactor() found.
struct FactorCheck {
    bool accepted = false;
    qint64 retryAfterSeconds = 0; //!< > 0: refused by the throttle, nothing checked
};
//! Checks \a code (TOTP; the step is then used up) or else \a recoveryCode (then used up)
//! of \a userId, counted by the throttle per account (LoginThrottle::Scope::Account). Runs
//! its own write transaction.
[[nodiscard]] Result<FactorCheck> verifySecondFactor(Services &s, qint64 userId, const QString &code,
                                                     const QString &recoveryCode);
//! The 429 of a throttled code or password check.
[[nodiscard]] Response throttled(qint64 retryAfterSeconds);

//! Starts a sign-in's second step for \a userId (inside the caller's transaction): the
//! challenge token to hand back.
[[nodiscard]] Result<QByteArray> newLoginChallenge(ServerDb &db, qint64 userId, const credentials::DeviceInfo &device,
                                                   qint64 nowMs);

} // namespace totp
} // namespace plaza::server
