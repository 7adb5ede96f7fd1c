// SPDX-License-Identifier: MIT
#include "clock.h"
#include "credentials.h"
#include "livehub.h"
#include "loginthrottle.h"
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

// Characters as people count them (code points), not UTF-16 units.
qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        if (!it->isLowSurrogate())
            ++count;
    }
    return count;
}

Response tokensResponse(ServerDb &db, int status, qint64 userId, const credentials::IssuedTokens &tokens)
{
    auto user = loadUser(db, userId, userId);
    if (!user)
        return Response::error(user.error());
    protocol::AuthTokens body{*user, QString::fromLatin1(tokens.accessToken), QString::fromLatin1(tokens.refreshToken),
                              tokens.expiresIn};
    return Response::json(status, body.toJson());
}

Response registerHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString handle = r.string(QStringLiteral("handle"));
    const QString displayName = r.string(QStringLiteral("display_name"));
    const QString password = r.string(QStringLiteral("password"));
    if (!r.ok())
        return Response::error(r.error());
    if (!protocol::isValidHandle(handle))
        return Response::invalidField(QStringLiteral("handle"),
                                      QStringLiteral("handle must be 3 to 20 of a-z, 0-9 and _"));
    const qsizetype nameChars = characterCount(displayName);
    if (nameChars < kMinDisplayName || nameChars > kMaxDisplayName || displayName.trimmed().isEmpty())
        return Response::invalidField(QStringLiteral("display_name"),
                                      QStringLiteral("display_name must be %1 to %2 characters").arg(kMinDisplayName).arg(kMaxDisplayName));
    const qsizetype passwordChars = characterCount(password);
    if (passwordChars < kMinPassword || passwordChars > kMaxPassword)
        return Response::invalidField(QStringLiteral("password"),
                                      QStringLiteral("password must be %1 to %2 characters").arg(kMinPassword).arg(kMaxPassword));

    // Argon2 runs on the worker pool; the user is written back here, on the event loop.
    Services *sp = &s;
    return s.workers.answerLater<Result<QString>>(
        [password] { return credentials::hashPassword(password); },
        [sp, handle, displayName](Result<QString> hash) -> Response {
            Services &s = *sp;
            if (!hash)
                return Response::error(hash.error());
            qint64 userId = 0;
            credentials::IssuedTokens tokens;
            const Status st = s.db.write([&]() -> Status {
                auto id = createUser(s.db, NewUser{handle, displayName, QStringLiteral("person"), false, *hash}, s.clock.nowMs());
                if (!id)
                    return id.error();
                userId = *id;
                auto issued = credentials::createSession(s.db, userId, s.clock.nowMs(), s.options.accessTtlSeconds);
                if (!issued)
                    return issued.error();
                tokens = *issued;
                return {};
            });
            if (!st)
                return Response::error(st.error());
            return tokensResponse(s.db, 201, userId, tokens);
        });
}

Response loginHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString handle = r.string(QStringLiteral("handle"));
    const QString password = r.string(QStringLiteral("password"));
    if (!r.ok())
        return Response::error(r.error());

    const qint64 now = s.clock.nowMs();
    // Throttled per handle, whether or not it exists, so the answer says nothing about it.
    const QString throttleKey = handle.left(64);
    if (const qint64 wait = s.throttle.retryAfterSeconds(throttleKey, now); wait > 0) {
        return Response::error(ErrorCode::RateLimited, QStringLiteral("Too many failed sign-ins; try again later."),
                               {{QStringLiteral("retry_after"), wait}})
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
    }

    auto stmt = s.db.query(QStringLiteral("SELECT id, password_hash FROM users WHERE handle = ?1"), handle);
    if (!stmt)
        return Response::error(stmt.error());
    auto row = stmt->step();
    if (!row)
        return Response::error(row.error());
    const qint64 userId = *row ? stmt->int64(0) : 0;
    const QString hash = *row ? stmt->text(1) : QString();
    // An unknown handle still pays for a full hash check, and gets the same answer. The
    // check runs on the worker pool; the outcome is recorded back here, on the event loop.
    Services *sp = &s;
    return s.workers.answerLater<bool>(
        [password, hash] { return credentials::verifyPassword(password, hash); },
        [sp, throttleKey, userId](bool match) -> Response {
            Services &s = *sp;
            const qint64 now = s.clock.nowMs();
            if (!match) {
                s.throttle.recordFailure(throttleKey, now);
                return Response::error(ErrorCode::Unauthorized, QStringLiteral("Wrong handle or password."));
            }
            s.throttle.reset(throttleKey);
            credentials::IssuedTokens tokens;
            const Status st = s.db.write([&]() -> Status {
                auto issued = credentials::createSession(s.db, userId, now, s.options.accessTtlSeconds);
                if (!issued)
                    return issued.error();
                tokens = *issued;
                return {};
            });
            if (!st)
                return Response::error(st.error());
            return tokensResponse(s.db, 200, userId, tokens);
        });
}

Response refreshHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString refreshToken = r.string(QStringLiteral("refresh_token"));
    if (!r.ok())
        return Response::error(r.error());
    credentials::IssuedTokens tokens;
    credentials::Session session;
    const Status st = s.db.write([&]() -> Status {
        auto issued = credentials::rotateSession(s.db, refreshToken.toLatin1(), s.clock.nowMs(),
                                                 s.options.accessTtlSeconds, &session);
        if (!issued)
            return issued.error();
        tokens = *issued;
        return {};
    });
    if (!st)
        return Response::error(st.error());
    return tokensResponse(s.db, 200, session.userId, tokens);
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
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/refresh"), Router::Public | Router::JsonBody,
               [s](RequestContext &ctx) { return refreshHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/logout"), Router::NoFlags,
               [s](RequestContext &ctx) { return logoutHandler(*s, ctx); });
}

} // namespace plaza::server
