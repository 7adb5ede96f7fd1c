// SPDX-License-Identifier: MIT
#include "credentials.h"

#include "common/logging.h"
#include "serverdb.h"

#include <sodium.h>

#include <QCryptographicHash>

namespace plaza::server::credentials {

namespace {

//! "" for a null string: sqlValue() binds a null QString as NULL.
QString orEmpty(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

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

QString approximatePlace(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 ipv4 = peer.toIPv4Address(&v4);
    if (v4)
        return QStringLiteral("%1.%2.x.x").arg(ipv4 >> 24).arg((ipv4 >> 16) & 0xff);
    if (peer.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    const Q_IPV6ADDR v6 = peer.toIPv6Address();
    return QStringLiteral("%1:%2:x:x:x:x:x:x").arg(uint(v6[0]) << 8 | v6[1], 0, 16).arg(uint(v6[2]) << 8 | v6[3], 0, 16);
}

Result<IssuedTokens> createSession(ServerDb &db, qint64 userId, qint64 nowMs, qint64 accessTtlSeconds,
                                   const DeviceInfo &device, qint64 *sessionId)
{
    IssuedTokens tokens{newToken(), newToken(), accessTtlSeconds};
    auto inserted
        = db.insert(QStringLiteral("INSERT INTO sessions (user_id, access_hash, access_expires_at, refresh_hash, "
                                   "refresh_expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            userId, tokenDigest(tokens.accessToken), nowMs + accessTtlSeconds * 1000, tokenDigest(tokens.refreshToken),
            nowMs + kRefreshTtlSeconds * 1000, nowMs);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;
    Status st = db.run(
        db.upsert(QStringLiteral("session_info"), {QStringLiteral("session_id")},
                  {QStringLiteral("session_id"), QStringLiteral("user_id"), QStringLiteral("device_name"),
                   QStringLiteral("platform"), QStringLiteral("place"), QStringLiteral("created_at"),
                   QStringLiteral("last_seen_at")},
                  QStringLiteral("?1, ?2, ?3, ?4, ?5, ?6, ?6")),
        // Never NULL: SQLite's OR REPLACE put the columns' DEFAULT '' in place of a NULL, PostgreSQL refuses it.
        id, userId, orEmpty(device.deviceName.left(kMaxDeviceText)), orEmpty(device.platform.left(kMaxDeviceText)),
        orEmpty(device.place), nowMs);
    if (!st)
        return st.error();
    // Sessions ended by theft stay listed for as long as their refresh token would have lived.
    st = db.run(QStringLiteral("DELETE FROM session_info WHERE user_id = ?1 AND ended_at IS NOT NULL AND ended_at < ?2"),
                userId, nowMs - kRefreshTtlSeconds * 1000);
    if (!st)
        return st.error();
    if (sessionId)
        *sessionId = id;
    return tokens;
}

Result<Session> sessionForAccessToken(ServerDb &db, const QByteArray &accessToken, qint64 nowMs)
{
    if (accessToken.isEmpty() || accessToken.size() > 256)
        return unauthorized();
    Session found;
    qint64 lastSeen = 0;
    {
        auto row
            = db.row(QStringLiteral("SELECT s.id, s.user_id, i.last_seen_at FROM sessions s LEFT JOIN session_info i "
                                    "ON i.session_id = s.id WHERE s.access_hash = ?1 AND s.access_expires_at > ?2"),
                tokenDigest(accessToken), nowMs);
        if (!row)
            return row.error();
        if (!*row)
            return unauthorized();
        auto &stmt = *row;
        found = Session{stmt->int64(0), stmt->int64(1)};
        lastSeen = stmt->isNull(2) ? nowMs : stmt->int64(2);
    }
    if (nowMs - lastSeen >= kLastSeenStepMs) {
        // A note for the sessions list, not worth failing the request for.
        if (auto st = db.run(QStringLiteral("UPDATE session_info SET last_seen_at = ?2 WHERE session_id = ?1"), found.id, nowMs); !st)
            qCWarning(lcServer) << "cannot note when a session was last seen:" << st.error().message;
    }
    return found;
}

Result<Rotation> rotateSession(ServerDb &db, const QByteArray &refreshToken, qint64 nowMs, qint64 accessTtlSeconds,
                               const QString &place)
{
    if (refreshToken.isEmpty() || refreshToken.size() > 256)
        return unauthorized();
    const QByteArray digest = tokenDigest(refreshToken);
    auto row
        = db.row(QStringLiteral("SELECT id, user_id FROM sessions WHERE refresh_hash = ?1 AND refresh_expires_at > ?2"),
            digest, nowMs);
    if (!row)
        return row.error();
    auto &stmt = *row;
    if (!*row) {
        // Not current: was it this session's once? Then someone else holds the session too.
        auto used = db.query(QStringLiteral("SELECT s.id, s.user_id FROM rotated_refresh_tokens r JOIN sessions s "
                                            "ON s.id = r.session_id WHERE r.token_hash = ?1"),
                             digest);
        if (!used)
            return used.error();
        auto usedRow = used->step();
        if (!usedRow)
            return usedRow.error();
        if (!*usedRow)
            return unauthorized();
        Rotation revoked;
        revoked.session = Session{used->int64(0), used->int64(1)};
        revoked.revokedSessionId = revoked.session.id;
        if (auto st = db.run(QStringLiteral("UPDATE session_info SET ended_at = ?2, end_reason = ?3 WHERE session_id = ?1"),
                             revoked.revokedSessionId, nowMs, kReasonRefreshReuse.toString());
            !st)
            return st.error();
        if (auto st = db.run(QStringLiteral("DELETE FROM rotated_refresh_tokens WHERE session_id = ?1"), revoked.revokedSessionId); !st)
            return st.error();
        if (auto st = db.run(QStringLiteral("DELETE FROM sessions WHERE id = ?1"), revoked.revokedSessionId); !st)
            return st.error();
        return revoked;
    }
    Rotation rotation;
    rotation.session = Session{stmt->int64(0), stmt->int64(1)};
    rotation.tokens = IssuedTokens{newToken(), newToken(), accessTtlSeconds};
    const qint64 id = rotation.session.id;
    Status st = db.run(QStringLiteral("UPDATE sessions SET access_hash = ?2, access_expires_at = ?3, refresh_hash = ?4, "
                                      "refresh_expires_at = ?5 WHERE id = ?1"),
                       id, tokenDigest(rotation.tokens.accessToken), nowMs + accessTtlSeconds * 1000,
                       tokenDigest(rotation.tokens.refreshToken), nowMs + kRefreshTtlSeconds * 1000);
    if (!st)
        return st.error();
    // The used token is remembered while it could have lived (30 days), to recognise its reuse.
    st = db.run(db.insertOrIgnore(QStringLiteral("INTO rotated_refresh_tokens (token_hash, session_id, rotated_at) VALUES (?1, ?2, ?3)")),
                digest, id, nowMs);
    if (!st)
        return st.error();
    st = db.run(QStringLiteral("DELETE FROM rotated_refresh_tokens WHERE session_id = ?1 AND rotated_at < ?2"), id,
                nowMs - kRefreshTtlSeconds * 1000);
    if (!st)
        return st.error();
    st = db.run(QStringLiteral("UPDATE session_info SET last_seen_at = ?2, place = ?3 WHERE session_id = ?1"), id, nowMs, place);
    if (!st)
        return st.error();
    return rotation;
}

Status endSession(ServerDb &db, qint64 sessionId)
{
    if (auto st = db.run(QStringLiteral("DELETE FROM rotated_refresh_tokens WHERE session_id = ?1"), sessionId); !st)
        return st;
    if (auto st = db.run(QStringLiteral("DELETE FROM session_info WHERE session_id = ?1"), sessionId); !st)
        return st;
    return db.run(QStringLiteral("DELETE FROM sessions WHERE id = ?1"), sessionId);
}

Result<QList<qint64>> otherSessions(ServerDb &db, qint64 userId, qint64 keepSessionId)
{
    return db.integers(QStringLiteral("SELECT id FROM sessions WHERE user_id = ?1 AND id <> ?2 ORDER BY id"), userId, keepSessionId);
}

Result<qint64> knownDevice(ServerDb &db, qint64 userId, const QByteArray &deviceToken)
{
    if (userId == 0 || deviceToken.isEmpty() || deviceToken.size() > 256)
        return qint64(0);
    auto row = db.row(QStringLiteral("SELECT id FROM known_devices WHERE token_hash = ?1 AND user_id = ?2"),
        tokenDigest(deviceToken), userId);
    if (!row)
        return row.error();
    auto &stmt = *row;
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
