// SPDX-License-Identifier: MIT
#include "credentials.h"

#include "serverdb.h"

#include <sodium.h>

#include <QCryptographicHash>

namespace plaza::server::credentials {

namespace {

Error unauthorized()
{
    return makeError(ErrorCode::Unauthorized, QStringLiteral("Missing, expired or unknown token."));
}

// A hash of a random password, so that checking an unknown handle costs what a real check costs.
const QByteArray &decoyHash()
{
    static const QByteArray hash = [] {
        char out[crypto_pwhash_STRBYTES];
        const QByteArray random = newToken();
        if (crypto_pwhash_str(out, random.constData(), quint64(random.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE)
            != 0)
            return QByteArray();
        return QByteArray(out);
    }();
    return hash;
}

} // namespace

bool initialize()
{
    if (sodium_init() < 0)
        return false;
    // Made now, so that the first login with an unknown handle is not slower than the rest.
    return !decoyHash().isEmpty();
}

Result<QString> hashPassword(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return makeError(ErrorCode::Internal, QStringLiteral("password hashing ran out of memory"));
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &password, const QString &hash)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = hash.isEmpty() ? decoyHash() : hash.toLatin1();
    if (stored.isEmpty())
        return false;
    const bool match = crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    return match && !hash.isEmpty();
}

QByteArray newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray tokenDigest(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Result<IssuedTokens> createSession(ServerDb &db, qint64 userId, qint64 nowMs, qint64 accessTtlSeconds)
{
    IssuedTokens tokens{newToken(), newToken(), accessTtlSeconds};
    const Status st = db.run(QStringLiteral("INSERT INTO sessions (user_id, access_hash, access_expires_at, refresh_hash, "
                                            "refresh_expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                             userId, tokenDigest(tokens.accessToken), nowMs + accessTtlSeconds * 1000,
                             tokenDigest(tokens.refreshToken), nowMs + kRefreshTtlSeconds * 1000, nowMs);
    if (!st)
        return st.error();
    return tokens;
}

Result<Session> sessionForAccessToken(ServerDb &db, const QByteArray &accessToken, qint64 nowMs)
{
    if (accessToken.isEmpty() || accessToken.size() > 256)
        return unauthorized();
    auto stmt = db.query(QStringLiteral("SELECT id, user_id FROM sessions WHERE access_hash = ?1 AND access_expires_at > ?2"),
                         tokenDigest(accessToken), nowMs);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return unauthorized();
    return Session{stmt->int64(0), stmt->int64(1)};
}

Result<IssuedTokens> rotateSession(ServerDb &db, const QByteArray &refreshToken, qint64 nowMs, qint64 accessTtlSeconds,
                                   Session *session)
{
    if (refreshToken.isEmpty() || refreshToken.size() > 256)
        return unauthorized();
    auto stmt = db.query(QStringLiteral("SELECT id, user_id FROM sessions WHERE refresh_hash = ?1 AND refresh_expires_at > ?2"),
                         tokenDigest(refreshToken), nowMs);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return unauthorized();
    const Session found{stmt->int64(0), stmt->int64(1)};
    IssuedTokens tokens{newToken(), newToken(), accessTtlSeconds};
    const Status st = db.run(QStringLiteral("UPDATE sessions SET access_hash = ?2, access_expires_at = ?3, refresh_hash = ?4, "
                                            "refresh_expires_at = ?5 WHERE id = ?1"),
                             found.id, tokenDigest(tokens.accessToken), nowMs + accessTtlSeconds * 1000,
                             tokenDigest(tokens.refreshToken), nowMs + kRefreshTtlSeconds * 1000);
    if (!st)
        return st.error();
    if (session)
        *session = found;
    return tokens;
}

Status endSession(ServerDb &db, qint64 sessionId)
{
    return db.run(QStringLiteral("DELETE FROM sessions WHERE id = ?1"), sessionId);
}

Result<qint64> knownDevice(ServerDb &db, qint64 userId, const QByteArray &deviceToken)
{
    if (userId == 0 || deviceToken.isEmpty() || deviceToken.size() > 256)
        return qint64(0);
    auto stmt = db.query(QStringLiteral("SELECT id FROM known_devices WHERE token_hash = ?1 AND user_id = ?2"),
                         tokenDigest(deviceToken), userId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : qint64(0);
}

Result<QByteArray> rememberDevice(ServerDb &db, qint64 userId, qint64 deviceId, const QByteArray &deviceToken, qint64 nowMs)
{
    if (deviceId != 0) {
        if (auto st = db.run(QStringLiteral("UPDATE known_devices SET last_seen_at = ?2 WHERE id = ?1"), deviceId, nowMs); !st)
            return st.error();
        return deviceToken;
    }
    const QByteArray token = newToken();
    if (auto st = db.run(QStringLiteral("INSERT INTO known_devices (user_id, token_hash, created_at, last_seen_at) "
                                        "VALUES (?1, ?2, ?3, ?3)"),
                         userId, tokenDigest(token), nowMs);
        !st)
        return st.error();
    if (auto st = db.run(QStringLiteral("DELETE FROM known_devices WHERE user_id = ?1 AND id NOT IN (SELECT id FROM "
                                        "known_devices WHERE user_id = ?1 ORDER BY last_seen_at DESC, id DESC LIMIT ?2)"),
                         userId, kMaxKnownDevices);
        !st)
        return st.error();
    return token;
}

} // namespace plaza::server::credentials
