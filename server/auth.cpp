// SPDX-License-Identifier: MIT
#include "account.h"
#include "clock.h"
#include "twofactor.h"
#include "common/logging.h"
#include "credentials.h"
#include "livehub.h"
#include "loginthrottle.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "serveroptions.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"
#include "workerpool.h"

namespace plaza::server {

namespace {

using namespace protocol::limits;

Response tokensResponse(ServerDb &db, int status, qint64 userId, const credentials::IssuedTokens &tokens,
                        const QByteArray &deviceToken = {})
{
    auto user = loadUser(db, userId, userId);
    if (!user)
        return Response::error(user.error());
    const protocol::AuthTokens body{*user, QString::fromLatin1(tokens.accessToken), QString::fromLatin1(tokens.refreshToken),
                                    tokens.expiresIn, QString::fromLatin1(deviceToken)};
    return Response::json(status, body.toJson());
}

// The throttle's key for an address: IPv4 as is (also when mapped into IPv6), IPv6 by its
// /64, which one client usually holds whole.
QString addressKey(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 ipv4 = peer.toIPv4Address(&v4);
    if (v4)
        return QHostAddress(ipv4).toString();
    const Q_IPV6ADDR v6 = peer.toIPv6Address();
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(v6.c), 8).toHex()) + QStringLiteral("::/64");
}

// The optional "device_name" and "platform" of a sign-in (docs/api.md "Sessions"), and
// where it comes from; an answer to send back instead when one of them is refused.
std::optional<Response> readDevice(protocol::JsonReader &r, const RequestContext &ctx, credentials::DeviceInfo &device)
{
    device.deviceName = r.optString(QStringLiteral("device_name")).simplified();
    device.platform = r.optString(QStringLiteral("platform")).simplified();
    if (!r.ok())
        return Response::error(r.error());
    for (const auto &[field, value] : {std::pair{QStringLiteral("device_name"), device.deviceName},
                                       std::pair{QStringLiteral("platform"), device.platform}}) {
        if (characterCount(value) > credentials::kMaxDeviceText)
            return Response::invalidField(field, QStringLiteral("%1 must be at most %2 characters").arg(field).arg(credentials::kMaxDeviceText));
    }
    device.place = credentials::approximatePlace(ctx.peer);
    return std::nullopt;
}

// Tells the account's other sessions that someone signed in: an ephemeral frame on their
// live sockets (docs/api.md "Sessions"), not an event of the log, whose seqs stay about data.
void announceSession(LiveHub &hub, qint64 userId, qint64 sessionId, const credentials::DeviceInfo &device, qint64 nowMs)
{
    const QJsonObject data{{QStringLiteral("id"), ids::format(u"s_", sessionId)},
                           {QStringLiteral("device_name"), device.deviceName},
                           {QStringLiteral("platform"), device.platform},
                           {QStringLiteral("place"), device.place},
                           {QStringLiteral("created_at"), protocol::formatTime(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC))}};
    hub.notifyUser(userId, sessionId,
                   {{QStringLiteral("type"), protocol::noticeName(protocol::NoticeType::SessionCreated)},
                    {QStringLiteral("data"), data}});
}

Response registerHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString handle = r.string(QStringLiteral("handle"));
    const QString displayName = r.string(QStringLiteral("display_name"));
    const QString password = r.string(QStringLiteral("password"));
    if (!r.ok())
        return Response::error(r.error());
    credentials::DeviceInfo deviceInfo;
    if (auto refused = readDevice(r, ctx, deviceInfo))
        return *refused;
    if (!protocol::isValidHandle(handle))
        return Response::invalidField(QStringLiteral("handle"),
                                      QStringLiteral("handle must be 3 to 20 of a-z, 0-9 and _"));
    const qsizetype nameChars = characterCount(displayName);
    if (nameChars < kMinDisplayName || nameChars > kMaxDisplayName || displayName.trimmed().isEmpty())
        return Response::invalidField(QStringLiteral("display_name"),
                                      QStringLiteral("display_name must be %1 to %2 characters").arg(kMinDisplayName).arg(kMaxDisplayName));
    if (auto refused = refuseNewPassword(password, QStringLiteral("password")))
        return *refused;

    // Argon2 runs on the worker pool; the user is written back here, on the event loop.
    Services *sp = &s;
    return s.workers.answerLater<Result<QString>>(
        [password] { return credentials::hashPassword(password); },
        [sp, handle, displayName, deviceInfo](Result<QString> hash) -> Response {
            Services &s = *sp;
            if (!hash)
                return Response::error(hash.error());
            qint64 userId = 0;
            credentials::IssuedTokens tokens;
            QByteArray deviceToken;
            const Status st = s.db.write([&]() -> Status {
                auto id = createUser(s.db, NewUser{handle, displayName, QStringLiteral("person"), false, *hash}, s.clock.nowMs());
                if (!id)
                    return id.error();
                userId = *id;
                auto issued = credentials::createSession(s.db, userId, s.clock.nowMs(), s.options.accessTtlSeconds, deviceInfo);
                if (!issued)
                    return issued.error();
                tokens = *issued;
                auto device = credentials::rememberDevice(s.db, userId, 0, {}, s.clock.nowMs());
                if (!device)
                    return device.error();
                deviceToken = *device;
                return {};
            });
            if (!st)
                return Response::error(st.error());
            return tokensResponse(s.db, 201, userId, tokens, deviceToken);
        });
}

Response issueSession(Services &s, qint64 userId, qint64 deviceId, const QByteArray &deviceToken,
                      const credentials::DeviceInfo &deviceInfo, qint64 now);

Response loginHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString handle = r.string(QStringLiteral("handle"));
    const QString password = r.string(QStringLiteral("password"));
    const QByteArray deviceToken = r.optString(QStringLiteral("device_token")).toLatin1();
    if (!r.ok())
        return Response::error(r.error());
    credentials::DeviceInfo deviceInfo;
    if (auto refused = readDevice(r, ctx, deviceInfo))
        return *refused;

    auto stmt = s.db.query(QStringLiteral("SELECT id, password_hash FROM users WHERE handle = ?1"), handle);
    if (!stmt)
        return Response::error(stmt.error());
    auto row = stmt->step();
    if (!row)
        return Response::error(row.error());
    const qint64 userId = *row ? stmt->int64(0) : 0;
    const QString hash = *row ? stmt->text(1) : QString();
    auto device = credentials::knownDevice(s.db, userId, deviceToken);
    if (!device)
        return Response::error(device.error());
    const qint64 deviceId = *device;

    // A device that signed in as this user before answers only for itself; anyone else
    // is counted by address and by handle, whether or not the handle exists, so the
    // answer says nothing about it (loginthrottle.h).
    using Key = LoginThrottle::Key;
    using Scope = LoginThrottle::Scope;
    const QList<Key> keys = deviceId != 0 ? QList<Key>{{Scope::Device, QString::number(deviceId)}}
                                          : QList<Key>{{Scope::Ip, addressKey(ctx.peer)}, {Scope::Handle, handle.toLower().left(64)}};
    const LoginThrottle::Verdict verdict = s.throttle.attempt(keys, s.clock.nowMs());
    if (verdict.retryAfterSeconds > 0) {
        const qint64 wait = verdict.retryAfterSeconds;
        return Response::error(ErrorCode::RateLimited, QStringLiteral("Too many failed sign-ins; try again in a moment."),
                               {{QStringLiteral("retry_after"), wait},
                                {QStringLiteral("reason"), QStringLiteral("login_attempts")},
                                {QStringLiteral("scope"), LoginThrottle::scopeName(verdict.scope)}})
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
    }

    // An unknown handle still pays for a full hash check, and gets the same answer. The
    // check runs on the worker pool; the outcome is recorded back here, on the event loop.
    Services *sp = &s;
    Response answer = s.workers.answerLater<bool>(
        [password, hash] { return credentials::verifyPassword(password, hash); },
        [sp, keys, userId, deviceId, deviceToken, deviceInfo](bool match) -> Response {
            Services &s = *sp;
            if (!match) {
                s.throttle.failed(keys, s.clock.nowMs());
                return Response::error(ErrorCode::Unauthorized, QStringLiteral("Wrong handle or password."));
            }
            s.throttle.succeeded(keys);
            const qint64 now = s.clock.nowMs();
            // Two-factor sign-in: the password was right; the tokens wait for the code.
            auto twoFactor = totp::enabled(s.db, userId);
            if (!twoFactor)
                return Response::error(twoFactor.error());
            if (*twoFactor) {
                QByteArray challenge;
                const Status st = s.db.write([&]() -> Status {
                    auto made = totp::newLoginChallenge(s.db, userId, deviceInfo, now);
                    if (!made)
                        return made.error();
                    challenge = *made;
                    return {};
                });
                if (!st)
                    return Response::error(st.error());
                return Response::error(ErrorCode::Unauthorized, QStringLiteral("Enter the code from your authenticator app."),
                                       {{QStringLiteral("reason"), QStringLiteral("totp_required")},
                                        {QStringLiteral("challenge"), QString::fromLatin1(challenge)},
                                        {QStringLiteral("expires_in"), totp::kChallengeTtlMs / 1000}});
            }
            return issueSession(s, userId, deviceId, deviceToken, deviceInfo, now);
        });
    if (!answer.pending()) // the pool is full: this attempt never ran
        s.throttle.withdraw(keys);
    return answer;
}

// The tokens of a sign-in whose checks all passed (password, and code when two-factor is on).
Response issueSession(Services &s, qint64 userId, qint64 deviceId, const QByteArray &deviceToken,
                      const credentials::DeviceInfo &deviceInfo, qint64 now)
{
    credentials::IssuedTokens tokens;
    QByteArray device;
    qint64 sessionId = 0;
    const Status st = s.db.write([&]() -> Status {
        auto issued = credentials::createSession(s.db, userId, now, s.options.accessTtlSeconds, deviceInfo, &sessionId);
        if (!issued)
            return issued.error();
        tokens = *issued;
        auto remembered = credentials::rememberDevice(s.db, userId, deviceId, deviceToken, now);
        if (!remembered)
            return remembered.error();
        device = *remembered;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    announceSession(s.hub, userId, sessionId, deviceInfo, now);
    return tokensResponse(s.db, 200, userId, tokens, device);
}

// POST /v1/auth/login/totp: the second step of a sign-in with two-factor on.
Response loginTotpHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString challenge = r.string(QStringLiteral("challenge"));
    const QString code = r.optString(QStringLiteral("code"));
    const QString recovery = r.optString(QStringLiteral("recovery_code"));
    const QByteArray deviceToken = r.optString(QStringLiteral("device_token")).toLatin1();
    if (!r.ok())
        return Response::error(r.error());
    if (code.isEmpty() && recovery.isEmpty())
        return Response::invalidField(QStringLiteral("code"), QStringLiteral("code or recovery_code is required"));
    const qint64 now = s.clock.nowMs();
    const QByteArray digest = credentials::tokenDigest(challenge.toLatin1());
    qint64 userId = 0;
    credentials::DeviceInfo deviceInfo;
    int attempts = 0;
    {
        auto stmt = s.db.query(QStringLiteral("SELECT user_id, device_name, platform, attempts FROM login_challenges "
                                              "WHERE token_hash = ?1 AND expires_at > ?2"),
                               digest, now);
        if (!stmt)
            return Response::error(stmt.error());
        auto row = stmt->step();
        if (!row)
            return Response::error(row.error());
        if (!*row || challenge.size() > 256)
            return Response::error(ErrorCode::Unauthorized, QStringLiteral("This sign-in expired; enter your password again."),
                                   {{QStringLiteral("reason"), QStringLiteral("challenge_invalid")}});
        userId = stmt->int64(0);
        deviceInfo = credentials::DeviceInfo{stmt->text(1), stmt->text(2), credentials::approximatePlace(ctx.peer)};
        attempts = int(stmt->int64(3));
    }

    auto checked = totp::verifySecondFactor(s, userId, code, recovery);
    if (!checked)
        return Response::error(checked.error());
    if (checked->retryAfterSeconds > 0)
        return totp::throttled(checked->retryAfterSeconds);
    if (!checked->accepted) {
        const int left = totp::kMaxCodeAttempts - attempts - 1;
        const Status st = s.db.write([&]() -> Status {
            return left <= 0 ? s.db.run(QStringLiteral("DELETE FROM login_challenges WHERE token_hash = ?1"), digest)
                             : s.db.run(QStringLiteral("UPDATE login_challenges SET attempts = attempts + 1 WHERE token_hash = ?1"), digest);
        });
        if (!st)
            return Response::error(st.error());
        return Response::error(ErrorCode::Unauthorized,
                               left <= 0 ? QStringLiteral("Too many wrong codes; enter your password again.")
                                         : QStringLiteral("That code is not right (or was already used)."),
                               {{QStringLiteral("reason"), left <= 0 ? QStringLiteral("challenge_invalid") : QStringLiteral("totp_invalid")},
                                {QStringLiteral("attempts_left"), std::max(0, left)}});
    }
    if (auto st = s.db.write([&] { return s.db.run(QStringLiteral("DELETE FROM login_challenges WHERE token_hash = ?1"), digest); }); !st)
        return Response::error(st.error());
    auto device = credentials::knownDevice(s.db, userId, deviceToken);
    if (!device)
        return Response::error(device.error());
    return issueSession(s, userId, *device, *device != 0 ? deviceToken : QByteArray(), deviceInfo, now);
}

Response refreshHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString refreshToken = r.string(QStringLiteral("refresh_token"));
    if (!r.ok())
        return Response::error(r.error());
    credentials::Rotation rotation;
    const Status st = s.db.write([&]() -> Status {
        // A reuse (theft) is committed too: the session ends even though the answer is 401.
        auto rotated = credentials::rotateSession(s.db, refreshToken.toLatin1(), s.clock.nowMs(),
                                                  s.options.accessTtlSeconds, credentials::approximatePlace(ctx.peer));
        if (!rotated)
            return rotated.error();
        rotation = *rotated;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    // Sockets opened with the session's old access token (or any token of a revoked
    // session) close now: the old token stopped working.
    s.hub.closeSession(rotation.session.id);
    if (rotation.revokedSessionId != 0) {
        qCInfo(lcServer) << "refresh token reused: session" << rotation.revokedSessionId << "of user"
                         << rotation.session.userId << "revoked";
        return Response::error(ErrorCode::Unauthorized,
                               QStringLiteral("This refresh token was already used: the session was ended. Sign in again."),
                               {{QStringLiteral("reason"), credentials::kReasonRefreshReuse.toString()}});
    }
    return tokensResponse(s.db, 200, rotation.session.userId, rotation.tokens);
}

Response logoutHandler(Services &s, RequestContext &ctx)
{
    const Status st = s.db.write([&]() -> Status { return credentials::endSession(s.db, ctx.sessionId); });
    if (!st)
        return Response::error(st.error());
    // Sockets opened with this session's token go too.
    s.hub.closeSession(ctx.sessionId);
    return Response::noContent();
}

} // namespace

void registerAuthRoutes(Router &router, Services &services)
{
    Services *s = &services;
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/register"), Router::Public | Router::JsonBody,
               [s](RequestContext &ctx) { return registerHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/login"), Router::Public | Router::JsonBody,
               [s](RequestContext &ctx) { return loginHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/login/totp"), Router::Public | Router::JsonBody,
               [s](RequestContext &ctx) { return loginTotpHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/refresh"), Router::Public | Router::JsonBody,
               [s](RequestContext &ctx) { return refreshHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/logout"), Router::NoFlags,
               [s](RequestContext &ctx) { return logoutHandler(*s, ctx); });
}

} // namespace plaza::server
