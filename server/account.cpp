// SPDX-License-Identifier: MIT
// The account itself (docs/api.md "Account"): changing the password ends every other
// session; deleting the account anonymises it, keeps the ledger and the event log as they
// are, and signs it out everywhere. Both need the current password, checked on the worker
// pool like a sign-in, and counted by the login throttle against the account's handle.
#include "account.h"

#include "clock.h"
#include "common/logging.h"
#include "credentials.h"
#include "eventlog.h"
#include "livehub.h"
#include "loginthrottle.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "users.h"
#include "wallet.h"
#include "workerpool.h"

namespace plaza::server {

namespace {

using namespace protocol::limits;

const QString kWrongPassword = QStringLiteral("wrong_password");

// What the worker pool found: whether the current password matched, and the new hash.
struct PasswordCheck {
    bool match = false;
    QString newHash;     //!< set when a new password was to be hashed and was
    QString hashError;   //!< set when hashing it failed
};

// The caller's handle and password hash.
struct Credentials {
    QString handle;
    QString hash;
};

Result<Credentials> loadCredentials(ServerDb &db, qint64 userId)
{
    auto row = db.row(QStringLiteral("SELECT handle, password_hash FROM users WHERE id = ?1"), userId);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::Unauthorized, QStringLiteral("Missing, expired or unknown token."));
    auto &stmt = *row;
    return Credentials{stmt->text(0), stmt->text(1)};
}

QList<LoginThrottle::Key> throttleKeys(const Credentials &c, qint64 userId)
{
    // The same budget as sign-ins with this handle (a stolen session cannot guess faster),
    // and the account's, which wrong two-factor codes count against too.
    return {{LoginThrottle::Scope::Handle, c.handle.toLower().left(64)},
            {LoginThrottle::Scope::Account, ids::format(ids::kUser, userId)}};
}

Response tooManyAttempts(const LoginThrottle::Verdict &verdict)
{
    const qint64 wait = verdict.retryAfterSeconds;
    return Response::error(ErrorCode::RateLimited, QStringLiteral("Too many wrong passwords; try again in a moment."),
                           {{QStringLiteral("retry_after"), wait},
                            {QStringLiteral("reason"), QStringLiteral("login_attempts")},
                            {QStringLiteral("scope"), LoginThrottle::scopeName(verdict.scope)}})
        .withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
}

Response wrongPassword(const QString &field)
{
    // 403, not 401: the session is fine, only the password given is not.
    return Response::error(ErrorCode::Forbidden, QStringLiteral("The current password is wrong."),
                           {{QStringLiteral("reason"), kWrongPassword}, {QStringLiteral("field"), field}});
}

// Ends every session of \a userId but \a keepSessionId (0: all of them), inside the
// caller's transaction; the ids ended go to \a ended (their sockets close after the commit).
Status endSessions(ServerDb &db, qint64 userId, qint64 keepSessionId, QList<qint64> &ended)
{
    auto others = credentials::otherSessions(db, userId, keepSessionId);
    if (!others)
        return others.error();
    for (qint64 id : std::as_const(*others)) {
        if (auto done = credentials::endSession(db, id); !done)
            return done;
    }
    ended = *others;
    return {};
}

void closeSockets(LiveHub &hub, const QList<qint64> &sessions)
{
    for (qint64 id : sessions)
        hub.closeSession(id);
}

Response passwordHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString current = r.string(QStringLiteral("current_password"));
    const QString next = r.string(QStringLiteral("new_password"));
    if (!r.ok())
        return Response::error(r.error());
    if (auto refused = refuseNewPassword(next, QStringLiteral("new_password")))
        return *refused;
    if (next == current)
        return Response::invalidField(QStringLiteral("new_password"),
                                      QStringLiteral("new_password must differ from the current password"));
    auto creds = loadCredentials(s.db, ctx.userId);
    if (!creds)
        return Response::error(creds.error());
    const QList<LoginThrottle::Key> keys = throttleKeys(*creds, ctx.userId);
    const LoginThrottle::Verdict verdict = s.throttle.attempt(keys, s.clock.nowMs());
    if (verdict.retryAfterSeconds > 0)
        return tooManyAttempts(verdict);

    Services *sp = &s;
    const qint64 userId = ctx.userId;
    const qint64 sessionId = ctx.sessionId;
    const QString oldHash = creds->hash;
    Response answer = s.workers.answerLater<PasswordCheck>(
        [current, next, oldHash] {
            PasswordCheck check;
            check.match = credentials::verifyPassword(current, oldHash);
            if (!check.match)
                return check;
            auto hash = credentials::hashPassword(next);
            if (hash)
                check.newHash = *hash;
            else
                check.hashError = hash.error().message;
            return check;
        },
        [sp, keys, userId, sessionId, oldHash](PasswordCheck check) -> Response {
            Services &s = *sp;
            if (!check.match) {
                s.throttle.failed(keys, s.clock.nowMs());
                return wrongPassword(QStringLiteral("current_password"));
            }
            s.throttle.succeeded(keys);
            if (!check.hashError.isEmpty())
                return Response::error(ErrorCode::Internal, check.hashError);
            QList<qint64> ended;
            const Status st = s.db.write([&]() -> Status {
                // Only over the hash that was checked: two changes at once cannot both win.
                auto changed = s.db.change(
                    QStringLiteral("UPDATE users SET password_hash = ?2 WHERE id = ?1 AND password_hash = ?3"), userId,
                    check.newHash, oldHash);
                if (!changed)
                    return changed.error();
                if (*changed != 1)
                    return makeError(ErrorCode::Conflict, QStringLiteral("The password was changed meanwhile; try again."),
                                     {{QStringLiteral("reason"), QStringLiteral("password_changed")}});
                return endSessions(s.db, userId, sessionId, ended);
            });
            if (!st)
                return Response::error(st.error());
            closeSockets(s.hub, ended);
            qCInfo(lcServer) << "user" << userId << "changed their password;" << ended.size() << "other sessions ended";
            return Response::ok({{QStringLiteral("ended"), qint64(ended.size())}});
        });
    if (!answer.pending())
        s.throttle.withdraw(keys);
    return answer;
}

// Conflict balance_not_zero while \a userId holds money or has a payment under way.
Status checkNoMoney(ServerDb &db, qint64 userId)
{
    auto wallet = db.integer(QStringLiteral("SELECT coalesce(sum(balance), 0) FROM accounts WHERE user_id = ?1 AND kind = 'wallet'"), userId);
    if (!wallet)
        return wallet.error();
    auto savings = db.integer(QStringLiteral("SELECT coalesce(sum(balance), 0) FROM accounts WHERE user_id = ?1 AND kind = 'savings'"), userId);
    if (!savings)
        return savings.error();
    auto pending = db.integer(QStringLiteral("SELECT count(DISTINCT t.id) FROM ledger_transactions t JOIN entries e ON e.transaction_id = t.id "
                                             "JOIN accounts a ON a.id = e.account_id WHERE a.user_id = ?1 AND t.status = 'pending'"),
                              userId);
    if (!pending)
        return pending.error();
    const qint64 inWallet = wallet->value_or(0);
    const qint64 inSavings = savings->value_or(0);
    const qint64 underWay = pending->value_or(0);
    if (inWallet == 0 && inSavings == 0 && underWay == 0)
        return {};
    return makeError(ErrorCode::Conflict,
                     QStringLiteral("Move the money out of your wallet and savings first: an account that holds money cannot be deleted."),
                     {{QStringLiteral("reason"), QStringLiteral("balance_not_zero")},
                      {QStringLiteral("wallet"), inWallet},
                      {QStringLiteral("savings"), inSavings},
                      {QStringLiteral("pending"), underWay}});
}

// The deleted account's people: whoever followed it or was followed by it loses that
// follow, and their logs get the profiles whose counts changed.
Status dropFollows(ServerDb &db, qint64 userId)
{
    auto followers = db.integers(QStringLiteral("SELECT follower_id FROM follows WHERE followee_id = ?1 ORDER BY follower_id"), userId);
    if (!followers)
        return followers.error();
    auto followees = db.integers(QStringLiteral("SELECT followee_id FROM follows WHERE follower_id = ?1 ORDER BY followee_id"), userId);
    if (!followees)
        return followees.error();
    if (auto st = db.run(QStringLiteral("DELETE FROM follows WHERE follower_id = ?1 OR followee_id = ?1"), userId); !st)
        return st;
    const QString updated = protocol::eventName(protocol::EventType::UserUpdated);
    for (qint64 follower : std::as_const(*followers)) {
        // The follower sees the account anonymised, no longer followed; their own following count dropped.
        for (qint64 subject : {userId, follower}) {
            auto seen = loadUser(db, follower, subject);
            if (!seen)
                return seen.error();
            if (auto seq = appendEvent(db, follower, updated, seen->toJson()); !seq)
                return seq.error();
        }
    }
    for (qint64 followee : std::as_const(*followees)) {
        if (followers->contains(followee))
            continue; // already told
        auto own = loadUser(db, followee, followee);
        if (!own)
            return own.error();
        if (auto seq = appendEvent(db, followee, updated, own->toJson()); !seq)
            return seq.error();
    }
    return {};
}

Status anonymise(ServerDb &db, qint64 userId, qint64 nowMs)
{
    if (auto st = db.run(QStringLiteral("UPDATE users SET handle = ?2, display_name = ?3, verified = 0, password_hash = '' WHERE id = ?1"),
                         userId, kDeletedHandlePrefix.toString() + QString::number(userId), kDeletedDisplayName.toString());
        !st)
        return st;
    if (auto st = db.run(db.upsert(QStringLiteral("deleted_users"), {QStringLiteral("user_id")}, {QStringLiteral("user_id"), QStringLiteral("deleted_at")}, QStringLiteral("?1, ?2")), userId, nowMs); !st)
        return st;
    if (auto st = db.run(QStringLiteral("DELETE FROM known_devices WHERE user_id = ?1"), userId); !st)
        return st;
    return dropFollows(db, userId);
}

Response deleteHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const QString password = r.string(QStringLiteral("password"));
    if (!r.ok())
        return Response::error(r.error());
    // Money first: no password is spent on an account that cannot go yet.
    if (auto st = checkNoMoney(s.db, ctx.userId); !st)
        return Response::error(st.error());
    Services *sp = &s;
    const qint64 userId = ctx.userId;
    return withCurrentPassword(s, userId, password, QStringLiteral("password"), [sp, userId]() -> Response {
            Services &s = *sp;
            QList<qint64> ended;
            const Status st = s.db.write([&]() -> Status {
                // Again inside the transaction: money may have arrived while the hash ran.
                if (auto st = checkNoMoney(s.db, userId); !st)
                    return st;
                if (auto st = anonymise(s.db, userId, s.clock.nowMs()); !st)
                    return st;
                if (auto st = endOpenPaymentRequestsOf(s.db, userId, s.clock.nowMs()); !st)
                    return st;
                return endSessions(s.db, userId, 0, ended);
            });
            if (!st)
                return Response::error(st.error());
            closeSockets(s.hub, ended);
            qCInfo(lcServer) << "user" << userId << "deleted their account;" << ended.size() << "sessions ended";
            return Response::noContent();
        });
}

} // namespace

Response withCurrentPassword(Services &s, qint64 userId, const QString &password, const QString &field,
                             std::function<Response()> onMatch)
{
    auto creds = loadCredentials(s.db, userId);
    if (!creds)
        return Response::error(creds.error());
    const QList<LoginThrottle::Key> keys = throttleKeys(*creds, userId);
    const LoginThrottle::Verdict verdict = s.throttle.attempt(keys, s.clock.nowMs());
    if (verdict.retryAfterSeconds > 0)
        return tooManyAttempts(verdict);
    Services *sp = &s;
    const QString hash = creds->hash;
    Response answer = s.workers.answerLater<bool>(
        [password, hash] { return credentials::verifyPassword(password, hash); },
        [sp, keys, field, onMatch = std::move(onMatch)](bool match) -> Response {
            if (!match) {
                sp->throttle.failed(keys, sp->clock.nowMs());
                return wrongPassword(field);
            }
            sp->throttle.succeeded(keys);
            return onMatch();
        });
    if (!answer.pending())
        s.throttle.withdraw(keys);
    return answer;
}

qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        if (!it->isLowSurrogate())
            ++count;
    }
    return count;
}

std::optional<Response> refuseNewPassword(const QString &password, const QString &field)
{
    const qsizetype chars = characterCount(password);
    if (chars < kMinPassword || chars > kMaxPassword)
        return Response::invalidField(field, QStringLiteral("%1 must be %2 to %3 characters").arg(field).arg(kMinPassword).arg(kMaxPassword));
    return std::nullopt;
}

Result<bool> isDeletedUser(ServerDb &db, qint64 userId)
{
    auto found = db.integer(QStringLiteral("SELECT 1 FROM deleted_users WHERE user_id = ?1"), userId);
    if (!found)
        return found.error();
    return found->has_value();
}

void registerAccountRoutes(Router &router, Services &services)
{
    Services *s = &services;
    router.add(Router::Method::Post, QStringLiteral("/v1/account/password"), Router::JsonBody,
               [s](RequestContext &ctx) { return passwordHandler(*s, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/account/delete"), Router::JsonBody,
               [s](RequestContext &ctx) { return deleteHandler(*s, ctx); });
}

} // namespace plaza::server
