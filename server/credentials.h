// SPDX-License-Identifier: MIT
#pragma once

// Passwords and tokens. Passwords are kept only as Argon2id hashes (libsodium,
// interactive limits); tokens are 32 random bytes handed out once in base64url and
// stored only as their SHA-256, so a copy of the database logs nobody in.

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace plaza::server {

class ServerDb;

namespace credentials {

//! Must run once before anything else here (sodium_init).
[[nodiscard]] bool initialize();

//! crypto_pwhash_str with Argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE.
[[nodiscard]] Result<QString> hashPassword(const QString &password);
//! True if \a password matches \a hash. With an empty \a hash it still spends the
//! time of a real check, so an unknown handle answers as slowly as a wrong password.
[[nodiscard]] bool verifyPassword(const QString &password, const QString &hash);

//! 32 random bytes, base64url without padding (43 characters).
[[nodiscard]] QByteArray newToken();
//! SHA-256 of a token, what the database stores.
[[nodiscard]] QByteArray tokenDigest(const QByteArray &token);

//! A live login session.
struct Session {
    qint64 id = 0;
    qint64 userId = 0;
};

//! The tokens handed to a client.
struct IssuedTokens {
    QByteArray accessToken;
    QByteArray refreshToken;
    qint64 expiresIn = 0; //!< seconds of the access token
};

//! Refresh tokens live this long (seconds); each refresh starts a new period.
inline constexpr qint64 kRefreshTtlSeconds = 30 * 24 * 3600;

//! Creates a session for \a userId (inside the caller's transaction).
[[nodiscard]] Result<IssuedTokens> createSession(ServerDb &db, qint64 userId, qint64 nowMs, qint64 accessTtlSeconds);
//! The session of a valid, unexpired access token; Unauthorized otherwise.
[[nodiscard]] Result<Session> sessionForAccessToken(ServerDb &db, const QByteArray &accessToken, qint64 nowMs);
//! Swaps the session's pair for a new one: the old access and refresh tokens stop
//! working. Unauthorized for an unknown, used or expired refresh token.
[[nodiscard]] Result<IssuedTokens> rotateSession(ServerDb &db, const QByteArray &refreshToken, qint64 nowMs,
                                                 qint64 accessTtlSeconds, Session *session);
//! Ends a session: both of its tokens stop working.
[[nodiscard]] Status endSession(ServerDb &db, qint64 sessionId);

//! A user keeps at most this many known devices; signing in on one more forgets the
//! one seen longest ago.
inline constexpr int kMaxKnownDevices = 20;
//! The id of \a userId's known device whose token is \a deviceToken, 0 if none.
[[nodiscard]] Result<qint64> knownDevice(ServerDb &db, qint64 userId, const QByteArray &deviceToken);
//! After a successful sign-in (inside the caller's transaction): the token of the device
//! to hand back: \a deviceToken again when \a deviceId (known) is set, else a new one.
[[nodiscard]] Result<QByteArray> rememberDevice(ServerDb &db, qint64 userId, qint64 deviceId,
                                                const QByteArray &deviceToken, qint64 nowMs);

} // namespace credentials
} // namespace plaza::server
