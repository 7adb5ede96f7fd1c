// SPDX-License-Identifier: MIT
#pragma once

// Two-factor sign-in with time-based one-time passwords (RFC 6238 on RFC 4226): HMAC-SHA-1,
// 6 digits, 30-second steps, what every authenticator app reads from an otpauth:// URI.
// Also the account's recovery codes and the step-up check before money moves
// (docs/api.md "Two-factor sign-in", "Step-up").

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace plaza::server {

class ServerDb;
struct RequestContext;

namespace totp {

inline constexpr int kDigits = 6;
inline constexpr qint64 kStepSeconds = 30;
inline constexpr int kSecretBytes = 20; //!< 160 bits, RFC 4226's recommendation
inline constexpr int kWindowSteps = 1;  //!< a code of the step before or after is accepted too
inline constexpr int kRecoveryCodes = 10;

//! RFC 4648 base32 without padding (A–Z, 2–7), what otpauth:// URIs carry.
[[nodiscard]] QString base32Encode(const QByteArray &bytes);
//! Decodes base32 (case, spaces and padding ignored); nothing for any other character.
[[nodiscard]] std::optional<QByteArray> base32Decode(QStringView text);

//! The HOTP value of \a secret at \a counter with \a digits digits (RFC 4226 section 5.3).
[[nodiscard]] quint32 hotp(const QByteArray &secret, quint64 counter, int digits = kDigits);
//! The step of \a ms (milliseconds since the epoch).
[[nodiscard]] inline qint64 stepAt(qint64 ms) { return ms / 1000 / kStepSeconds; }
//! The code (zero-padded) of \a secret at \a step.
[[nodiscard]] QString codeAt(const QByteArray &secret, qint64 step, int digits = kDigits);

//! The step whose code \a code is, within kWindowSteps of \a nowMs's step and after
//! \a lastUsedStep (a code once used is never accepted again); nothing otherwise.
[[nodiscard]] std::optional<qint64> match(const QByteArray &secret, QStringView code, qint64 nowMs, qint64 lastUsedStep);

//! kSecretBytes random bytes.
[[nodiscard]] QByteArray newSecret();
//! otpauth://totp/Plaza:HANDLE?secret=…&issuer=Plaza&algorithm=SHA1&digits=6&period=30
[[nodiscard]] QString provisioningUri(const QString &handle, const QString &secretBase32);

//! kRecoveryCodes codes "xxxx-xxxx-xx" (base32, 50 bits each).
[[nodiscard]] QStringList newRecoveryCodes();
//! A recovery code as stored: upper case, without spaces or dashes, then SHA-256.
[[nodiscard]] QByteArray recoveryCodeDigest(QStringView code);

} // namespace totp

namespace stepup {

//! A session this young (since its sign-in) asks for a step-up before any money move,
//! when the account has a second factor or a threshold.
inline constexpr qint64 kYoungSessionMs = 10 * 60 * 1000;
//! A step-up token covers its session's money moves this long.
inline constexpr qint64 kTokenTtlMs = 5 * 60 * 1000;
//! The header that carries it.
inline constexpr char kHeader[] = "Step-Up-Token";

//! The refusal of a money move of \a amountMinor by the caller of \a ctx when it needs a
//! step-up it did not bring (403, details.reason "step_up_required"); nothing when it may
//! go ahead. \a always: the move weakens the account's protection (raising its threshold),
//! so it needs one whenever the account has a second factor or a threshold.
[[nodiscard]] std::optional<Error> check(ServerDb &db, qint64 nowMs, const RequestContext &ctx, qint64 amountMinor,
                                         bool always = false);

} // namespace stepup

} // namespace plaza::server
