// SPDX-License-Identifier: MIT
// Payment requests: people asking for money and merchants' invoices, paid by link.
// A request is open until it is paid, declined by its payer, cancelled by its payee or
// expires (kRequestLifetimeMs after creation, on the server's Clock). Every change of state
// is logged to both parties as payment_request.updated, so both caches converge.

#include "clock.h"
#include "protocol/events.h"
#include "eventlog.h"
#include "idempotency.h"
#include "ledger.h"
#include "protocol/json.h"
#include "protocol/wallet.h"
#include "router.h"
#include "safety.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "totp.h"
#include "users.h"
#include "wallet.h"

#include <QDateTime>
#include <QTimer>

namespace plaza::server {

namespace {

struct PaymentRequest {
    qint64 id = 0;
    qint64 payeeId = 0;
    qint64 payerId = 0; //!< 0: anyone with the link
    qint64 amount = 0;
    QString currency;
    QString note;
    QString status;
    qint64 transactionId = 0;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
};

// How long a request stays payable (api.md "Payment requests").
constexpr qint64 kRequestLifetimeMs = 30LL * 24 * 3600 * 1000;
// How often open requests are checked for expiry when the clock does not jump.
constexpr int kExpirySweepMs = 60 * 1000;

Error noSuchRequest()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("No such payment request."));
}

Result<PaymentRequest> loadRequest(ServerDb &db, qint64 id)
{
    auto row = db.row(
        QStringLiteral("SELECT payee_id, coalesce(payer_id, 0), amount, currency, note, status, "
                       "coalesce(transaction_id, 0), created_at, expires_at FROM payment_requests WHERE id = ?1"),
        id);
    if (!row)
        return row.error();
    if (!*row)
        return noSuchRequest();
    auto &stmt = *row;
    return PaymentRequest{id, stmt->int64(0), stmt->int64(1), stmt->int64(2), stmt->text(3),
                          stmt->text(4), stmt->text(5), stmt->int64(6), stmt->int64(7), stmt->int64(8)};
}

// A request addressed to someone is private to the two of them; one without a payer is
// visible to anyone who has its link (that is how it gets paid).
bool canSee(const PaymentRequest &r, qint64 userId)
{
    return r.payeeId == userId || r.payerId == userId || r.payerId == 0;
}

// The request in the path, or NotFound (also when the caller may not see it).
Result<PaymentRequest> requestFromPath(ServerDb &db, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kPaymentRequest, ctx.param(QStringLiteral("id")));
    if (!id)
        return noSuchRequest();
    auto request = loadRequest(db, *id);
    if (!request)
        return request.error();
    if (!canSee(*request, ctx.userId))
        return noSuchRequest();
    return request;
}

Result<QJsonObject> requestJson(ServerDb &db, qint64 viewerId, const PaymentRequest &r)
{
    auto payee = loadUser(db, viewerId, r.payeeId);
    if (!payee)
        return payee.error();
    protocol::PaymentRequest p;
    p.payee = *payee;
    if (r.payerId) {
        auto user = loadUser(db, viewerId, r.payerId);
        if (!user)
            return user.error();
        p.payer = *user;
    }
    p.id = ids::format(ids::kPaymentRequest, r.id);
    p.link = QStringLiteral("plaza://pay/") + p.id;
    p.status = r.status;
    p.amount = Money(r.amount, r.currency);
    p.note = r.note;
    if (r.transactionId)
        p.transactionId = ids::format(ids::kTransaction, r.transactionId);
    p.createdAt = QDateTime::fromMSecsSinceEpoch(r.createdAt, Qt::UTC);
    p.expiresAt = QDateTime::fromMSecsSinceEpoch(r.expiresAt, Qt::UTC);
    return p.toJson();
}

// payment_request.updated to the payee and (when there is one) the payer.
Status logRequest(ServerDb &db, qint64 requestId)
{
    auto request = loadRequest(db, requestId);
    if (!request)
        return request.error();
    QList<qint64> parties{request->payeeId};
    if (request->payerId)
        parties.append(request->payerId);
    for (qint64 user : std::as_const(parties)) {
        auto json = requestJson(db, user, *request);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db, user, protocol::eventName(protocol::EventType::PaymentRequestUpdated), *json);
            !seq)
            return seq.error();
    }
    return {};
}

Error notOpen(const PaymentRequest &r)
{
    return makeError(ErrorCode::Conflict, QStringLiteral("This request is %1.").arg(r.status),
                     {{QStringLiteral("status"), r.status}});
}

Result<Response> create(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    auto amount = readAmount(db, ctx.userId, ctx.body);
    if (!amount)
        return amount.error();
    auto note = readNote(ctx.body);
    if (!note)
        return note.error();
    qint64 payerId = 0;
    const QJsonValue payer = ctx.body.value(QStringLiteral("payer"));
    if (!payer.isUndefined() && !payer.isNull()) {
        if (!payer.isString())
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("payer must be a user id or @handle"),
                             {{QStringLiteral("field"), QStringLiteral("payer")}});
        const QString text = payer.toString();
        std::optional<qint64> found;
        if (text.startsWith(u'@')) {
            auto id = db.integer(QStringLiteral("SELECT id FROM users WHERE handle = ?1"), text.mid(1));
            if (!id)
                return id.error();
            found = *id;
        } else if (const auto id = ids::parse(ids::kUser, text)) {
            auto exists = db.integer(QStringLiteral("SELECT id FROM users WHERE id = ?1"), *id);
            if (!exists)
                return exists.error();
            found = *exists;
        }
        if (!found)
            return makeError(ErrorCode::NotFound, QStringLiteral("No such user."), {{QStringLiteral("field"), QStringLiteral("payer")}});
        if (*found == ctx.userId)
            return makeError(ErrorCode::SelfPayment, QStringLiteral("You cannot ask yourself for money."));
        payerId = *found;
        // Someone who blocked the caller, or whom the caller blocked, is not asked (safety.h).
        if (auto st = refuseIfBlocked(db, ctx.userId, payerId); !st)
            return st.error();
    }
    auto id = createPaymentRequest(db, ctx.userId, payerId, *amount, *note, nowMs);
    if (!id)
        return id.error();
    auto request = loadRequest(db, *id);
    if (!request)
        return request.error();
    auto json = requestJson(db, ctx.userId, *request);
    if (!json)
        return json.error();
    return Response::created(*json);
}

Result<Response> pay(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    auto request = requestFromPath(db, ctx);
    if (!request)
        return request.error();
    if (request->payeeId == ctx.userId)
        return makeError(ErrorCode::SelfPayment, QStringLiteral("You cannot pay your own request."));
    if (request->status != u"open")
        return notOpen(*request);
    auto currency = walletCurrency(db, ctx.userId);
    if (!currency)
        return currency.error();
    if (*currency != request->currency)
        return makeError(ErrorCode::CurrencyMismatch, QStringLiteral("Your wallet holds %1.").arg(*currency));
    auto paid = payUser(db, nowMs, ctx.userId, request->payeeId, request->amount, request->note, request->id, 0);
    if (!paid)
        return paid.error();
    if (auto st = settlePaymentRequest(db, request->id, ctx.userId, nowMs); !st)
        return st.error();
    return paid;
}

// Cancel (the payee) or decline (the payer): ends an open request without moving money, so
// no Idempotency-Key is needed — a repeat is a 409 that names the state.
enum class Ending { Cancel, Decline };

Response close(ServerDb &db, qint64 nowMs, const RequestContext &ctx, Ending ending)
{
    std::optional<QJsonObject> answer;
    const Status st = db.write([&]() -> Status {
        auto request = requestFromPath(db, ctx);
        if (!request)
            return request.error();
        if (ending == Ending::Cancel && request->payeeId != ctx.userId)
            return makeError(ErrorCode::Forbidden, QStringLiteral("Only the one who asked can cancel a request."));
        // A request that names nobody is not addressed to the caller: only its payee may end it.
        if (ending == Ending::Decline && request->payerId != ctx.userId)
            return makeError(ErrorCode::Forbidden, QStringLiteral("Only the one who was asked can decline a request."));
        if (request->status != u"open")
            return notOpen(*request);
        const QString status = ending == Ending::Cancel ? QStringLiteral("cancelled") : QStringLiteral("declined");
        if (auto run = db.run(QStringLiteral("UPDATE payment_requests SET status = ?2, updated_at = ?3 WHERE id = ?1"),
                              request->id, status, nowMs);
            !run)
            return run;
        if (auto logged = logRequest(db, request->id); !logged)
            return logged;
        request->status = status;
        auto json = requestJson(db, ctx.userId, *request);
        if (!json)
            return json.error();
        answer = *json;
        return {};
    });
    return st ? Response::ok(*answer) : Response::error(st.error());
}

// Expires what fell due before anything reads or acts on a request, in its own
// transaction (a refused payment rolls its effect back, and the expiry must stay).
void expireNow(ServerDb &db, qint64 nowMs)
{
    const Status st = db.write([&] { return expireDuePaymentRequests(db, nowMs); });
    if (!st)
        qWarning("payment requests: expiry failed: %s", qPrintable(st.error().message));
}

} // namespace

Status settlePaymentRequest(ServerDb &db, qint64 requestId, qint64 payerId, qint64 nowMs)
{
    // The transaction the payment just made: the newest with this request id.
    auto tx = db.integer(QStringLiteral("SELECT max(id) FROM ledger_transactions WHERE request_id = ?1"), requestId);
    if (!tx)
        return tx.error();
    if (!tx->has_value())
        return makeError(ErrorCode::Internal, QStringLiteral("settling a request that was not paid"));
    auto settled
        = db.change(QStringLiteral("UPDATE payment_requests SET status = 'paid', payer_id = ?2, transaction_id = ?3, "
                                   "updated_at = ?4 WHERE id = ?1 AND status = 'open'"),
            requestId, payerId, **tx, nowMs);
    if (!settled)
        return settled.error();
    if (*settled != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("payment request changed under its payment"));
    return logRequest(db, requestId);
}

Status declinePaymentRequest(ServerDb &db, qint64 requestId, qint64 payerId, qint64 nowMs)
{
    if (auto st = expireDuePaymentRequests(db, nowMs); !st)
        return st;
    auto request = loadRequest(db, requestId);
    if (!request)
        return request.error();
    if (request->payerId != payerId)
        return makeError(ErrorCode::Forbidden, QStringLiteral("Only the one who was asked can decline a request."));
    if (request->status != u"open")
        return notOpen(*request);
    if (auto run = db.run(QStringLiteral("UPDATE payment_requests SET status = 'declined', updated_at = ?2 WHERE id = ?1"),
                          requestId, nowMs);
        !run)
        return run;
    return logRequest(db, requestId);
}

Result<qint64> createPaymentRequest(ServerDb &db, qint64 payeeId, qint64 payerId, qint64 amount, const QString &note,
                                    qint64 nowMs)
{
    auto currency = walletCurrency(db, payeeId);
    if (!currency)
        return currency.error();
    auto inserted = db.insert(
        QStringLiteral(
            "INSERT INTO payment_requests (payee_id, payer_id, amount, currency, note, status, "
            "created_at, updated_at, expires_at) VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, 'open', ?6, ?6, ?7)"),
        payeeId, payerId, amount, *currency, note, nowMs, nowMs + kRequestLifetimeMs);
    if (!inserted)
        return inserted.error();
    const qint64 id = *inserted;
    if (auto st = logRequest(db, id); !st)
        return st.error();
    return id;
}

Status expireDuePaymentRequests(ServerDb &db, qint64 nowMs)
{
    auto due = db.integers(QStringLiteral("SELECT id FROM payment_requests WHERE status = 'open' AND expires_at <= ?1 "
                                          "ORDER BY id"),
                           nowMs);
    if (!due)
        return due.error();
    for (qint64 id : std::as_const(*due)) {
        if (auto st = db.run(QStringLiteral("UPDATE payment_requests SET status = 'expired', updated_at = ?2 "
                                            "WHERE id = ?1 AND status = 'open'"),
                             id, nowMs);
            !st)
            return st;
        if (auto st = logRequest(db, id); !st)
            return st;
    }
    return {};
}

Status endOpenPaymentRequestsOf(ServerDb &db, qint64 userId, qint64 nowMs)
{
    return endOpenPaymentRequestsBetween(db, userId, 0, nowMs);
}

Status endOpenPaymentRequestsBetween(ServerDb &db, qint64 userId, qint64 otherId, qint64 nowMs)
{
    auto open = db.integers(QStringLiteral("SELECT id FROM payment_requests WHERE status = 'open' AND (payee_id = ?1 OR payer_id = ?1) "
                                           "AND (?2 = 0 OR payee_id = ?2 OR payer_id = ?2) ORDER BY id"),
                            userId, otherId);
    if (!open)
        return open.error();
    for (qint64 id : std::as_const(*open)) {
        if (auto st = db.run(QStringLiteral("UPDATE payment_requests SET status = CASE WHEN payee_id = ?2 THEN 'cancelled' "
                                            "ELSE 'declined' END, updated_at = ?3 WHERE id = ?1 AND status = 'open'"),
                             id, userId, nowMs);
            !st)
            return st;
        if (auto st = logRequest(db, id); !st)
            return st;
    }
    return {};
}

void registerPaymentRequestRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;

    // Expiry falls due as time passes: check every minute, and at once when the test clock jumps.
    const auto sweep = [&db, &clock] { expireNow(db, clock.nowMs()); };
    auto *timer = new QTimer(&clock);
    timer->setInterval(kExpirySweepMs);
    QObject::connect(timer, &QTimer::timeout, &clock, sweep);
    timer->start();
    QObject::connect(&clock, &Clock::advanced, &clock, sweep);
    sweep();

    router.add(Router::Method::Post, QStringLiteral("/v1/payment-requests"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   return idempotency::run(db, now, ctx, [&] { return create(db, now, ctx); });
               });
    router.add(Router::Method::Get, QStringLiteral("/v1/payment-requests/{id}"), Router::NoFlags, [&db, &clock](RequestContext &ctx) {
        expireNow(db, clock.nowMs());
        auto request = requestFromPath(db, ctx);
        if (!request)
            return Response::error(request.error());
        auto json = requestJson(db, ctx.userId, *request);
        return json ? Response::ok(*json) : Response::error(json.error());
    });
    router.add(Router::Method::Post, QStringLiteral("/v1/payment-requests/{id}/pay"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   expireNow(db, now);
                   auto gate = [&]() -> std::optional<Error> {
                       auto request = requestFromPath(db, ctx);
                       if (!request || request->payeeId == ctx.userId || request->status != u"open")
                           return std::nullopt; // the effect refuses it
                       return stepup::check(db, now, ctx, request->amount);
                   };
                   return idempotency::run(db, now, ctx, [&] { return pay(db, now, ctx); }, gate);
               });
    router.add(Router::Method::Post, QStringLiteral("/v1/payment-requests/{id}/cancel"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   expireNow(db, now);
                   return close(db, now, ctx, Ending::Cancel);
               });
    router.add(Router::Method::Post, QStringLiteral("/v1/payment-requests/{id}/decline"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   expireNow(db, now);
                   return close(db, now, ctx, Ending::Decline);
               });
}

} // namespace plaza::server
