// SPDX-License-Identifier: MIT
#include "idempotency.h"

#include "eventlog.h"
#include "requestcontext.h"
#include "router.h"
#include "serverdb.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace plaza::server::idempotency {

namespace {

bool validKey(const QByteArray &key)
{
    if (key.isEmpty() || key.size() > 64)
        return false;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

// Method, path and the body in canonical form: QJsonObject keeps its keys sorted, so
// the same object sent with other key order or whitespace has the same fingerprint.
QByteArray fingerprint(const RequestContext &ctx)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(Router::methodName(ctx.method));
    hash.addData(QByteArrayView("\n"));
    hash.addData(ctx.path.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(ctx.body.isEmpty() ? ctx.rawBody.trimmed() : QJsonDocument(ctx.body).toJson(QJsonDocument::Compact));
    return hash.result();
}

// Refusals the effect decided on the state of the world: replaying them is the truth.
// 400 (malformed) and 5xx are not stored: they say nothing about the effect.
bool storesRefusal(int status)
{
    return status >= 401 && status < 500;
}

} // namespace

Response run(ServerDb &db, qint64 nowMs, const RequestContext &ctx, const Effect &effect, const Gate &gate,
               Storage::Isolation isolation)
{
    const QByteArray key = ctx.header(QByteArrayView(kHeader));
    if (!validKey(key))
        return Response::invalidField(QString::fromLatin1(kHeader),
                                      QStringLiteral("An Idempotency-Key header of 1 to 64 characters [A-Za-z0-9_-] is required."));
    const QString keyText = QString::fromLatin1(key);
    const QByteArray print = fingerprint(ctx);

    std::optional<Response> answer;
    const Status st = db.write([&]() -> Status {
        // One keyed request of this user at a time, on every process (run() above).
        if (auto locked = db.lockKey(moneyLock(ctx.userId)); !locked)
            return locked;
        // Forget this user's keys past retention, so the table does not grow forever; then
        // look the key up (on PostgreSQL in one round trip: the look-up of that statement
        // does not see its own DELETE, so it skips what the DELETE removes).
        const qint64 cutoff = nowMs - kRetentionMs;
        Result<Rows> stored = Result<Rows>(Rows());
        if (db.kind() == Storage::Kind::Postgres) {
            stored = db.query(QStringLiteral("WITH purged AS (DELETE FROM idempotency_keys WHERE user_id = ?1 AND "
                                             "created_at < ?3) SELECT fingerprint, status, body FROM idempotency_keys "
                                             "WHERE user_id = ?1 AND key = ?2 AND created_at >= ?3"),
                              ctx.userId, keyText, cutoff);
        } else {
            if (auto purge = db.run(QStringLiteral("DELETE FROM idempotency_keys WHERE user_id = ?1 AND created_at < ?2"),
                                    ctx.userId, cutoff);
                !purge)
                return purge;
            stored = db.query(QStringLiteral("SELECT fingerprint, status, body FROM idempotency_keys "
                                             "WHERE user_id = ?1 AND key = ?2"),
                              ctx.userId, keyText);
        }
        if (!stored)
            return stored.error();
        auto row = stored->step();
        if (!row)
            return row.error();
        if (*row) {
            if (stored->blob(0) != print) {
                answer = Response::error(ErrorCode::IdempotencyKeyReused,
                                         QStringLiteral("This Idempotency-Key was used for another request."));
            } else {
                answer = Response::raw(int(stored->int64(1)), stored->blob(2))
                             .withHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
            }
            return {};
        }

        if (gate) {
            if (std::optional<Error> refused = gate()) {
                answer = Response::error(*refused);
                return {};
            }
        }

        // The effect runs nested so that a refusal can be stored without its writes.
        std::optional<Result<Response>> result;
        const Status effected = db.nested([&]() -> Status {
            result = effect();
            if (!*result)
                return result->error();
            return {};
        });
        if (!effected) {
            if (!result || *result)
                return effected; // the savepoint itself failed
            Response refusal = Response::error(result->error());
            if (!storesRefusal(refusal.status()))
                return result->error(); // everything rolls back, the key stays free
            result = Result<Response>(std::move(refusal));
        }
        answer = std::move(**result);
        return db.run(QStringLiteral("INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                      ctx.userId, keyText, print, answer->status(), answer->body(), nowMs);
    }, isolation);
    if (!st)
        return Response::error(st.error());
    return *answer;
}

} // namespace plaza::server::idempotency
