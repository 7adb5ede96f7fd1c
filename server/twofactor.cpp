// SPDX-License-Identifier: MIT
// The account's security (docs/api.md "Two-factor sign-in", "Step-up"): enrolling and
// disabling TOTP, the step-up threshold, and the exchange of a password or code for a
// short-lived step-up token.

#include "twofactor.h"
#include "account.h"

#include "clock.h"
#include "loginthrottle.h"
#include "money/money.h"
#include "protocol/json.h"
#include "requestcontext.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "totp.h"
#include "users.h"
#include "workerpool.h"

#include <QJsonArray>

namespace plaza::server {

namespace totp {

namespace {

QList<LoginThrottle::Key> accountKey(qint64 userId)
{
    return {{LoginThrottle::Scope::Account, ids::format(ids::kUser, userId)}};
}

} // namespace

Result<bool> enabled(ServerDb &db, qint64 userId)
{
    auto on = db.integer(QStringLiteral("SELECT 1 FROM account_security WHERE user_id = ?1 AND totp_secret IS NOT NULL"), userId);
    if (!on)
        return on.error();
    return on->has_value();
}

Response throttled(qint64 retryAfterSeconds)
{
    return Response::error(ErrorCode::RateLimited, QStringLiteral("Too many wrong codes or passwords; try again in a moment."),
                           {{QStringLiteral("retry_after"), retryAfterSeconds},
                            {QStringLiteral("reason"), QStringLiteral("totp_attempts")},
                            {QStringLiteral("scope"), QStringLiteral("account")}})
        .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds));
}

Result<FactorCheck> verifySecondFactor(Services &s, qint64 userId, const QString &code, const QString &recoveryCode)
{
    const auto keys = accountKey(userId);
    const qint64 now = s.clock.nowMs();
    const LoginThrottle::Verdict verdict = s.throttle.attempt(keys, now);
    if (verdict.retryAfterSeconds > 0)
        return FactorCheck{false, verdict.retryAfterSeconds};
    bool accepted = false;
    const Status st = s.db.write([&]() -> Status {
        if (!code.isEmpty()) {
            auto row = s.db.row(QStringLiteral("SELECT totp_secret, totp_last_step FROM account_security "
                                               "WHERE user_id = ?1 AND totp_secret IS NOT NULL"),
                userId);
            if (!row)
                return row.error();
            if (!*row)
                return {};
            auto &stmt = *row;
            const auto secret = base32Decode(stmt->text(0));
            const qint64 lastStep = stmt->int64(1);
            const auto step = secret ? match(*secret, code, now, lastStep) : std::nullopt;
            if (!step)
                return {};
            accepted = true;
            return s.db.run(QStringLiteral("UPDATE account_security SET totp_last_step = ?2 WHERE user_id = ?1"), userId, *step);
        }
        if (recoveryCode.isEmpty() || recoveryCode.size() > 64)
            return {};
        auto used
            = s.db.change(QStringLiteral("UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 "
                                         "AND used_at IS NULL"),
                userId, recoveryCodeDigest(recoveryCode), now);
        if (!used)
            return used.error();
        accepted = *used == 1;
        return {};
    });
    if (!st) {
        s.throttle.withdraw(keys);
        return st.error();
    }
    if (accepted)
        s.throttle.succeeded(keys);
    else
        s.throttle.failed(keys, now);
    return FactorCheck{accepted, 0};
}

Result<QByteArray> newLoginChallenge(ServerDb &db, qint64 userId, const credentials::DeviceInfo &device, qint64 nowMs)
{
    const QByteArray token = credentials::newToken();
    if (auto st = db.run(QStringLiteral("DELETE FROM login_challenges WHERE expires_at <= ?1"), nowMs); !st)
        return st.error();
    if (auto st = db.run(QStringLiteral("INSERT INTO login_challenges (token_hash, user_id, device_name, platform, expires_at) "
                                        "VALUES (?1, ?2, COALESCE(?3, ''), COALESCE(?4, ''), ?5)"),
                         credentials::tokenDigest(token), userId, device.deviceName.left(credentials::kMaxDeviceText),
                         device.platform.left(credentials::kMaxDeviceText), nowMs + kChallengeTtlMs);
        !st)
        return st.error();
    return token;
}

} // namespace totp

namespace {

Response wrongCode(int attemptsLeft = -1)
{
    QVariantMap details{{QStringLiteral("reason"), QStringLiteral("totp_invalid")}};
    if (attemptsLeft >= 0)
        details.insert(QStringLiteral("attempts_left"), attemptsLeft);
    return Response::error(ErrorCode::Forbidden, QStringLiteral("That code is not right (or was already used)."), details);
}

Result<QJsonObject> securityJson(ServerDb &db, qint64 userId)
{
    auto row
        = db.row(QStringLiteral("SELECT totp_secret IS NOT NULL, totp_pending_secret IS NOT NULL, stepup_threshold "
                                "FROM account_security WHERE user_id = ?1"),
            userId);
    if (!row)
        return row.error();
    auto &stmt = *row;
    const bool on = *row && stmt->int64(0) != 0;
    auto left = db.integer(QStringLiteral("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL"), userId);
    if (!left)
        return left.error();
    return QJsonObject{{QStringLiteral("totp_enabled"), on},
                       {QStringLiteral("totp_pending"), *row && stmt->int64(1) != 0},
                       {QStringLiteral("recovery_codes_left"), on ? left->value_or(0) : 0},
                       {QStringLiteral("stepup_threshold_minor"),
                        (*row && !stmt->isNull(2)) ? QJsonValue(stmt->int64(2)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("young_session_s"), stepup::kYoungSessionMs / 1000}};
}

Response setupHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString password = r.string(QStringLiteral("password"));
    if (!r.ok())
        return Response::error(r.error());
    auto on = totp::enabled(s.db, ctx.userId);
    if (!on)
        return Response::error(on.error());
    if (*on)
        return Response::error(ErrorCode::Conflict, QStringLiteral("Two-factor sign-in is already on; disable it first."),
                               {{QStringLiteral("reason"), QStringLiteral("totp_enabled")}});
    Services *sp = &s;
    const qint64 userId = ctx.userId;
    return withCurrentPassword(s, userId, password, QStringLiteral("password"), [sp, userId]() -> Response {
        Services &s = *sp;
        auto user = loadUser(s.db, userId, userId);
        if (!user)
            return Response::error(user.error());
        const QString secret = totp::base32Encode(totp::newSecret());
        const Status st = s.db.write([&]() -> Status {
            if (auto st = s.db.run(s.db.insertOrIgnore(QStringLiteral("INTO account_security (user_id) VALUES (?1)")), userId); !st)
                return st;
            return s.db.run(QStringLiteral("UPDATE account_security SET totp_pending_secret = ?2 WHERE user_id = ?1"), userId, secret);
        });
        if (!st)
            return Response::error(st.error());
        return Response::ok({{QStringLiteral("secret"), secret},
                             {QStringLiteral("otpauth_uri"), totp::provisioningUri(user->handle, secret)},
                             {QStringLiteral("digits"), totp::kDigits},
                             {QStringLiteral("period"), totp::kStepSeconds}});
    });
}

Response confirmHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString code = r.string(QStringLiteral("code"));
    if (!r.ok())
        return Response::error(r.error());
    const auto keys = QList<LoginThrottle::Key>{{LoginThrottle::Scope::Account, ids::format(ids::kUser, ctx.userId)}};
    const qint64 now = s.clock.nowMs();
    QStringList codes;
    bool pending = false;
    bool accepted = false;
    const LoginThrottle::Verdict verdict = s.throttle.attempt(keys, now);
    if (verdict.retryAfterSeconds > 0)
        return totp::throttled(verdict.retryAfterSeconds);
    const Status st = s.db.write([&]() -> Status {
        auto row = s.db.row(QStringLiteral("SELECT totp_pending_secret FROM account_security WHERE user_id = ?1 "
                                           "AND totp_pending_secret IS NOT NULL AND totp_secret IS NULL"),
            ctx.userId);
        if (!row)
            return row.error();
        if (!*row)
            return {};
        auto &stmt = *row;
        pending = true;
        const QString secret = stmt->text(0);
        const auto bytes = totp::base32Decode(secret);
        const auto step = bytes ? totp::match(*bytes, code, now, 0) : std::nullopt;
        if (!step)
            return {};
        accepted = true;
        if (auto st = s.db.run(QStringLiteral("UPDATE account_security SET totp_secret = ?2, totp_pending_secret = NULL, "
                                              "totp_enabled_at = ?3, totp_last_step = ?4 WHERE user_id = ?1"),
                               ctx.userId, secret, now, *step);
            !st)
            return st;
        if (auto st = s.db.run(QStringLiteral("DELETE FROM recovery_codes WHERE user_id = ?1"), ctx.userId); !st)
            return st;
        codes = totp::newRecoveryCodes();
        for (const QString &c : std::as_const(codes)) {
            if (auto st = s.db.run(s.db.insertOrIgnore(QStringLiteral("INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)")),
                                   ctx.userId, totp::recoveryCodeDigest(c));
                !st)
                return st;
        }
        return {};
    });
    if (!st) {
        s.throttle.withdraw(keys);
        return Response::error(st.error());
    }
    if (!pending) {
        s.throttle.withdraw(keys);
        return Response::error(ErrorCode::Conflict, QStringLiteral("Start the set-up first (POST /v1/account/2fa/setup)."),
                               {{QStringLiteral("reason"), QStringLiteral("totp_not_pending")}});
    }
    if (!accepted) {
        s.throttle.failed(keys, now);
        return wrongCode();
    }
    s.throttle.succeeded(keys);
    return Response::ok({{QStringLiteral("totp_enabled"), true}, {QStringLiteral("recovery_codes"), QJsonArray::fromStringList(codes)}});
}

Response disableHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString code = r.optString(QStringLiteral("code"));
    const QString recovery = r.optString(QStringLiteral("recovery_code"));
    if (!r.ok())
        return Response::error(r.error());
    if (code.isEmpty() && recovery.isEmpty())
        return Response::invalidField(QStringLiteral("code"), QStringLiteral("code or recovery_code is required"));
    auto on = totp::enabled(s.db, ctx.userId);
    if (!on)
        return Response::error(on.error());
    if (!*on)
        return Response::error(ErrorCode::Conflict, QStringLiteral("Two-factor sign-in is not on."),
                               {{QStringLiteral("reason"), QStringLiteral("totp_not_enabled")}});
    auto checked = totp::verifySecondFactor(s, ctx.userId, code, recovery);
    if (!checked)
        return Response::error(checked.error());
    if (checked->retryAfterSeconds > 0)
        return totp::throttled(checked->retryAfterSeconds);
    if (!checked->accepted)
        return wrongCode();
    const Status st = s.db.write([&]() -> Status {
        if (auto st = s.db.run(QStringLiteral("UPDATE account_security SET totp_secret = NULL, totp_pending_secret = NULL, "
                                              "totp_enabled_at = NULL WHERE user_id = ?1"),
                               ctx.userId);
            !st)
            return st;
        if (auto st = s.db.run(QStringLiteral("DELETE FROM recovery_codes WHERE user_id = ?1"), ctx.userId); !st)
            return st;
        return s.db.run(QStringLiteral("DELETE FROM login_challenges WHERE user_id = ?1"), ctx.userId);
    });
    if (!st)
        return Response::error(st.error());
    auto body = securityJson(s.db, ctx.userId);
    return body ? Response::ok(*body) : Response::error(body.error());
}

Response putSecurityHandler(Services &s, RequestContext &ctx)
{
    const QJsonValue value = ctx.body.value(QStringLiteral("stepup_threshold_minor"));
    std::optional<qint64> threshold;
    if (value.isUndefined())
        return Response::invalidField(QStringLiteral("stepup_threshold_minor"),
                                      QStringLiteral("stepup_threshold_minor is required (an amount in minor units, or null)"));
    if (!value.isNull()) {
        if (!value.isDouble() || !protocol::isInteger(value) || value.toInteger() < 1 || value.toInteger() > Money::kMaxApiAmount)
            return Response::invalidField(QStringLiteral("stepup_threshold_minor"),
                                          QStringLiteral("stepup_threshold_minor must be a whole number of minor units from 1 to %1, or null")
                                              .arg(Money::kMaxApiAmount));
        threshold = value.toInteger();
    }
    const qint64 now = s.clock.nowMs();
    std::optional<Response> refused;
    const Status st = s.db.write([&]() -> Status {
        auto current = s.db.integer(QStringLiteral("SELECT stepup_threshold FROM account_security WHERE user_id = ?1"), ctx.userId);
        if (!current)
            return current.error();
        // Removing or raising the threshold weakens the account: it takes a step-up.
        const bool weakens = current->has_value() && (!threshold || *threshold > **current);
        if (weakens) {
            if (auto no = stepup::check(s.db, now, ctx, 0, true)) {
                if (no->code != ErrorCode::Forbidden)
                    return *no;
                refused = Response::error(*no);
                return {};
            }
        }
        if (auto st = s.db.run(s.db.insertOrIgnore(QStringLiteral("INTO account_security (user_id) VALUES (?1)")), ctx.userId); !st)
            return st;
        return threshold ? s.db.run(QStringLiteral("UPDATE account_security SET stepup_threshold = ?2 WHERE user_id = ?1"),
                                    ctx.userId, *threshold)
                         : s.db.run(QStringLiteral("UPDATE account_security SET stepup_threshold = NULL WHERE user_id = ?1"),
                                    ctx.userId);
    });
    if (!st)
        return Response::error(st.error());
    if (refused)
        return *refused;
    auto body = securityJson(s.db, ctx.userId);
    return body ? Response::ok(*body) : Response::error(body.error());
}

Response issueStepUpToken(Services &s, qint64 userId, qint64 sessionId)
{
    const QByteArray token = credentials::newToken();
    const qint64 now = s.clock.nowMs();
    const Status st = s.db.write([&]() -> Status {
        if (auto st = s.db.run(QStringLiteral("DELETE FROM step_up_tokens WHERE expires_at <= ?1"), now); !st)
            return st;
        return s.db.run(QStringLiteral("INSERT INTO step_up_tokens (token_hash, session_id, user_id, expires_at) VALUES (?1, ?2, ?3, ?4)"),
                        credentials::tokenDigest(token), sessionId, userId, now + stepup::kTokenTtlMs);
    });
    if (!st)
        return Response::error(st.error());
    return Response::ok({{QStringLiteral("step_up_token"), QString::fromLatin1(token)},
                         {QStringLiteral("expires_in"), stepup::kTokenTtlMs / 1000}});
}

Response stepUpHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString password = r.optString(QStringLiteral("password"));
    const QString code = r.optString(QStringLiteral("code"));
    if (!r.ok())
        return Response::error(r.error());
    if (password.isEmpty() == code.isEmpty())
        return Response::invalidField(QStringLiteral("password"), QStringLiteral("Send either password or code."));
    const qint64 userId = ctx.userId;
    const qint64 sessionId = ctx.sessionId;
    if (!code.isEmpty()) {
        auto checked = totp::verifySecondFactor(s, userId, code, {});
        if (!checked)
            return Response::error(checked.error());
        if (checked->retryAfterSeconds > 0)
            return totp::throttled(checked->retryAfterSeconds);
        if (!checked->accepted)
            return wrongCode();
        return issueStepUpToken(s, userId, sessionId);
    }
    Services *sp = &s;
    return withCurrentPassword(s, userId, password, QStringLiteral("password"),
                               [sp, userId, sessionId] { return issueStepUpToken(*sp, userId, sessionId); });
}

} // namespace

void registerTwoFactorRoutes(Router &router, Services &services)
{
    Services *s = &services;
    router.add(Router::Method::Get, QStringLiteral("/v1/account/security"), Router::NoFlags, [s](RequestContext &ctx) {
        auto body = securityJson(s->db, ctx.userId);
        return body ? Response::ok(*body) : Response::error(body.error());
    });
    // PUT and PATCH alike: the one field is the whole resource.
    router.add(Router::Method::Put, QStringLiteral("/v1/account/security"), Router::JsonBody,
               [s](RequestContext &ctx) { return putSecurityHandler(*s, ctx); });
    router.add(Router::Method::Patch, QStringLiteral("/v1/account/security"), Router::JsonBody,
               [s](RequestContext &ctx) { return putSecurityHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/account/2fa/setup"), Router::JsonBody,
               [s](RequestContext &ctx) { return setupHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/account/2fa/confirm"), Router::JsonBody,
               [s](RequestContext &ctx) { return confirmHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/account/2fa/disable"), Router::JsonBody,
               [s](RequestContext &ctx) { return disableHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/auth/step-up"), Router::JsonBody,
               [s](RequestContext &ctx) { return stepUpHandler(*s, ctx); });
}

} // namespace plaza::server
