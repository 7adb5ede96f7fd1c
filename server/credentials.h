// SPDX-License-Identifier: MIT
#pragma once

// Passwords and tokens. Passwords are kept only as Argon2id hashes (libsodium,
// interactive limits); tokens are 32 random bytes handed out once in base64url and
// stored only as their SHA-256, so a copy of the database logs nobody in.

#include "common/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringView>

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

//! What a sign-in says about itself, for the sessions list (docs/api.md "Sessions").
struct DeviceInfo {
    QString deviceName; //!< "amelie-laptop"; at most kMaxDeviceText characters
    QString platform;   //!< "Ubuntu 24.04 LTS"
    QString place;      //!< the address's first two bytes: "192.168.x.x" (approximatePlace())
};
inline constexpr int kMaxDeviceText = 64;

//! The approximate place of \a peer: an IPv4 address (also mapped into IPv6) as its first
//! two bytes ("192.168.x.x"), an IPv6 address as its first two groups ("2001:db8:x:x:x:x:x:x").
//! Only this is stored, never the whole address.
[[nodiscard]] QString approximatePlace(const QHostAddress &peer);

//! The tokens handed to a client.
struct IssuedTokens {
    QByteArray accessToken;
    QByteArray refreshToken;
    qint64 expiresIn = 0; //!< seconds of the access token
};

//! Refresh tokens live this long (seconds); each refresh starts a new period.
inline constexpr qint64 kRefreshTtlSeconds = 30 * 24 * 3600;

//! Creates a session for \a userId (inside the caller's transaction); its id goes to
//! \a sessionId when given.
[[nodiscard]] Result<IssuedTokens> createSession(ServerDb &db, qint64 userId, qint64 nowMs, qint64 accessTtlSeconds,
                                                 const DeviceInfo &device = {}, qint64 *sessionId = nullptr);
//! The session of a valid, unexpired access token; Unauthorized otherwise. Also notes
//! that the session was seen (at most once a minute: kLastSeenStepMs), outside any
//! transaction, so it must not run inside one.
[[nodiscard]] Result<Session> sessionForAccessToken(ServerDb &db, const QByteArray &accessToken, qint64 nowMs);
inline constexpr qint64 kLastSeenStepMs = 60 * 1000;

//! What rotateSession() did.
struct Rotation {
    IssuedTokens tokens;          //!< the new pair (empty when revokedSessionId is set)
    Session session;              //!< the session rotated (or revoked)
    qint64 revokedSessionId = 0;  //!< set when the token had been rotated before: theft
};
//! Swaps the session's pair for a new one: the old access and refresh tokens stop
//! working, and the old refresh token is remembered as used. Presenting a used refresh
//! token again means two parties hold the session (one of them stole it): the whole
//! session ends (every token issued since its sign-in), the sessions list keeps it as
//! ended with reason kReasonRefreshReuse, and the answer has revokedSessionId set; the
//! caller commits that and answers 401. Unauthorized for an unknown or expired token.
[[nodiscard]] Result<Rotation> rotateSession(ServerDb &db, const QByteArray &refreshToken, qint64 nowMs,
                                             qint64 accessTtlSeconds, const QString &place);
inline constexpr QStringView kReasonRefreshReuse = u"refresh_token_reused";

//! Ends a session: both of its tokens stop working and it leaves the sessions list.
[[nodiscard]] Status endSession(ServerDb &db, qint64 sessionId);
//! The live sessions of \a userId but \a keepSessionId (inside the caller's transaction).
[[nodiscard]] Result<QList<qint64>> otherSessions(ServerDb &db, qint64 userId, qint64 keepSessionId);

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
