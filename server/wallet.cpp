// SPDX-License-Identifier: MIT
// The wallet endpoints: balance and limits, history, card top-ups, transfers and refunds.

#include "wallet.h"

#include "account.h"
#include "clock.h"
#include "conversations.h"
#include "idempotency.h"
#include "ledger.h"
#include "messages.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "safety.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "totp.h"

#include <QJsonArray>

#include <limits>

namespace plaza::server {

namespace {

constexpr qsizetype kMaxQueryChars = 50;

Error invalidAmount(const QString &why)
{
    return makeError(ErrorCode::InvalidAmount, why, {{QStringLiteral("field"), QStringLiteral("amount")}});
}

Error invalidField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::ValidationFailed, why, {{QStringLiteral("field"), field}});
}

bool isCurrencyCode(const QString &code)
{
    if (code.size() != 3)
        return false;
    for (QChar c : code) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

// "@handle" or a user id, as in POST /v1/transfers "to".
Result<qint64> resolveRecipient(ServerDb &db, const QString &to)
{
    std::optional<qint64> id;
    if (to.startsWith(u'@')) {
        auto found = db.integer(QStringLiteral("SELECT id FROM users WHERE handle = ?1"), to.mid(1));
        if (!found)
            return found.error();
        id = *found;
    } else if (const auto parsed = ids::parse(ids::kUser, to)) {
        auto found = db.integer(QStringLiteral("SELECT id FROM users WHERE id = ?1"), *parsed);
        if (!found)
            return found.error();
        id = *found;
    }
    if (!id)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such user."), {{QStringLiteral("field"), QStringLiteral("to")}});
    return *id;
}

Response transactionsHandler(ServerDb &db, RequestContext &ctx)
{
    auto limit = ctx.queryInteger(QStringLiteral("limit"), protocol::limits::kDefaultPageLimit, 1,
                                  protocol::limits::kMaxPageLimit);
    if (!limit)
        return Response::error(limit.error());
    qint64 before = 0;
    if (const auto text = ctx.queryValue(QStringLiteral("before"))) {
        const auto id = ids::parse(ids::kTransaction, *text);
        if (!id)
            return Response::invalidField(QStringLiteral("before"), QStringLiteral("before must be a transaction id"));
        before = *id;
    }
    const QString kind = ctx.queryValue(QStringLiteral("kind")).value_or(QString());
    static const QStringList kinds{QStringLiteral("transfer"),          QStringLiteral("merchant_payment"),
                                   QStringLiteral("top_up"),            QStringLiteral("savings_deposit"),
                                   QStringLiteral("savings_withdrawal"), QStringLiteral("interest"),
                                   QStringLiteral("refund")};
    if (!kind.isEmpty() && !kinds.contains(kind))
        return Response::invalidField(QStringLiteral("kind"), QStringLiteral("kind must be one of %1").arg(kinds.join(u", ")));
    const QString direction = ctx.queryValue(QStringLiteral("direction")).value_or(QString());
    if (!direction.isEmpty() && direction != u"in" && direction != u"out")
        return Response::invalidField(QStringLiteral("direction"), QStringLiteral("direction must be in or out"));
    const QString text = ctx.queryValue(QStringLiteral("query")).value_or(QString()).trimmed();
    if (text.size() > kMaxQueryChars)
        return Response::invalidField(QStringLiteral("query"), QStringLiteral("query must be at most %1 characters").arg(kMaxQueryChars));
    QString pattern;
    if (!text.isEmpty()) {
        QString escaped = text;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
        pattern = u'%' + escaped + u'%';
    }

    // The caller's wallet entries, newest first (transaction ids grow with time), with
    // the other side's user for the counterparty filter. Ordered and bounded by
    // e.transaction_id (not t.id) so that SQLite walks entries_account (account_id,
    // transaction_id) backwards from `before` and stops after the page, instead of
    // sorting the user's whole history for every page.
    auto page = db.integers(QStringLiteral(
        "SELECT e.transaction_id FROM entries e "
        "JOIN accounts a ON a.id = e.account_id AND a.user_id = ?1 AND a.kind = 'wallet' "
        "JOIN ledger_transactions t ON t.id = e.transaction_id "
        "JOIN entries oe ON oe.transaction_id = t.id AND oe.id <> e.id "
        "JOIN accounts oa ON oa.id = oe.account_id "
        "LEFT JOIN users ou ON ou.id = oa.user_id "
        "WHERE e.transaction_id < ?2 AND (?3 = '' OR t.kind = ?3) "
        "AND (?4 = '' OR (?4 = 'in' AND e.amount > 0) OR (?4 = 'out' AND e.amount < 0)) "
        "AND (?5 = '' OR t.note %1 ?5 ESCAPE '\\' OR ou.handle %1 ?5 ESCAPE '\\' OR ou.display_name %1 ?5 ESCAPE '\\') "
        "ORDER BY e.transaction_id DESC LIMIT ?6").arg(db.like()),
                         ctx.userId, before > 0 ? before : std::numeric_limits<qint64>::max(), kind.isNull() ? QStringLiteral("") : kind,
                         direction.isNull() ? QStringLiteral("") : direction, pattern.isNull() ? QStringLiteral("") : pattern,
                         *limit + 1);
    if (!page)
        return Response::error(page.error());
    return Response::page(*page, *limit, ids::kTransaction,
                          [&](qint64 id) { return transactionJson(db, ctx.userId, id); });
}

Result<Response> topUp(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    auto amount = readAmount(db, ctx.userId, ctx.body);
    if (!amount)
        return amount.error();
    const QJsonValue token = ctx.body.value(QStringLiteral("card_token"));
    if (!token.isString() || token.toString().isEmpty())
        return invalidField(QStringLiteral("card_token"), QStringLiteral("card_token is required"));
    // The reference server plays the card processor.
    if (token.toString() == u"tok_declined")
        return makeError(ErrorCode::CardDeclined, QStringLiteral("The card was declined."));
    if (token.toString() != u"tok_visa")
        return invalidField(QStringLiteral("card_token"), QStringLiteral("Unknown card token."));
    auto verified = db.integer(QStringLiteral("SELECT verified FROM users WHERE id = ?1"), ctx.userId);
    if (!verified)
        return verified.error();
    const WalletLimits limits = limitsFor(verified->value_or(0) != 0);
    if (*amount > limits.perPayment)
        return makeError(ErrorCode::LimitExceeded, QStringLiteral("A top-up may not exceed the per-payment limit."),
                         {{QStringLiteral("limit"), QStringLiteral("per_payment")}, {QStringLiteral("max"), limits.perPayment}});

    auto tx = topUpWallet(db, ctx.userId, *amount, nowMs);
    if (!tx)
        return tx.error();
    auto json = transactionJson(db, ctx.userId, *tx);
    if (!json)
        return json.error();
    return Response::created(*json);
}

Result<Response> transfer(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    const QJsonValue toValue = ctx.body.value(QStringLiteral("to"));
    if (!toValue.isString() || toValue.toString().isEmpty())
        return invalidField(QStringLiteral("to"), QStringLiteral("to must be a user id or @handle"));
    auto amount = readAmount(db, ctx.userId, ctx.body);
    if (!amount)
        return amount.error();
    auto note = readNote(ctx.body);
    if (!note)
        return note.error();
    qint64 conversationId = 0;
    const QJsonValue conversation = ctx.body.value(QStringLiteral("conversation_id"));
    if (!conversation.isUndefined() && !conversation.isNull()) {
        if (!conversation.isString())
            return invalidField(QStringLiteral("conversation_id"), QStringLiteral("conversation_id must be a conversation id"));
        const auto id = ids::parse(ids::kConversation, conversation.toString());
        auto exists = id ? db.integer(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1"), *id)
                         : Result<std::optional<qint64>>(std::optional<qint64>());
        if (!exists)
            return exists.error();
        if (!exists->has_value())
            return makeError(ErrorCode::NotFound, QStringLiteral("No such conversation."),
                             {{QStringLiteral("field"), QStringLiteral("conversation_id")}});
        conversationId = *id;
    }

    auto recipient = resolveRecipient(db, toValue.toString());
    if (!recipient)
        return recipient.error();
    if (*recipient == ctx.userId)
        return makeError(ErrorCode::SelfPayment, QStringLiteral("You cannot pay yourself."));
    if (conversationId) {
        auto mine = isMember(db, conversationId, ctx.userId);
        if (!mine)
            return mine.error();
        if (!*mine)
            return makeError(ErrorCode::Forbidden, QStringLiteral("You are not in this conversation."),
                             {{QStringLiteral("field"), QStringLiteral("conversation_id")}});
        auto theirs = isMember(db, conversationId, *recipient);
        if (!theirs)
            return theirs.error();
        if (!*theirs)
            return invalidField(QStringLiteral("conversation_id"), QStringLiteral("The recipient is not in this conversation."));
    }
    return payUser(db, nowMs, ctx.userId, *recipient, *amount, *note, 0, conversationId);
}

Result<Response> refund(ServerDb &db, qint64 nowMs, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kTransaction, ctx.param(QStringLiteral("id")));
    if (!id)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such transaction."));
    // Who was on which side: the caller must be the merchant who was paid.
    auto row = db.row(
        QStringLiteral(
            "SELECT t.kind, t.amount, t.currency, t.note, e.amount, ou.id, u.kind, oe.account_id, e.account_id "
            "FROM ledger_transactions t "
            "JOIN entries e ON e.transaction_id = t.id JOIN accounts a ON a.id = e.account_id AND a.user_id = ?1 "
            "JOIN users u ON u.id = a.user_id "
            "JOIN entries oe ON oe.transaction_id = t.id AND oe.id <> e.id JOIN accounts oa ON oa.id = oe.account_id "
            "LEFT JOIN users ou ON ou.id = oa.user_id WHERE t.id = ?2"),
        ctx.userId, *id);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such transaction."));
    auto &stmt = *row;
    if (stmt->text(0) != u"merchant_payment" || stmt->int64(4) < 0 || stmt->text(6) != u"merchant" || stmt->isNull(5))
        return makeError(ErrorCode::Forbidden, QStringLiteral("Only the merchant who was paid can refund a payment."));
    auto done = db.integer(QStringLiteral("SELECT id FROM ledger_transactions WHERE refund_of = ?1"), *id);
    if (!done)
        return done.error();
    if (done->has_value())
        return makeError(ErrorCode::Conflict, QStringLiteral("This payment was already refunded."),
                         {{QStringLiteral("refund_id"), ids::format(ids::kTransaction, **done)}});
    Movement m;
    m.kind = QStringLiteral("refund");
    m.fromAccount = stmt->int64(8);
    m.toAccount = stmt->int64(7);
    m.amount = stmt->int64(1);
    m.currency = stmt->text(2);
    m.note = stmt->text(3);
    m.refundOf = *id;
    m.createdAtMs = nowMs;
    auto tx = post(db, m);
    if (!tx)
        return tx.error();
    auto json = logMovement(db, *tx, nowMs, ctx.userId);
    if (!json)
        return json.error();
    return Response::created(*json);
}

} // namespace

Result<QString> walletCurrency(ServerDb &db, qint64 userId)
{
    auto row = db.row(QStringLiteral("SELECT currency FROM accounts WHERE user_id = ?1 AND kind = 'wallet'"), userId);
    if (!row)
        return row.error();
    auto &stmt = *row;
    return *row ? stmt->text(0) : kDefaultCurrency;
}

Result<qint64> readAmount(ServerDb &db, qint64 userId, const QJsonObject &body)
{
    const QJsonValue value = body.value(QStringLiteral("amount"));
    if (!value.isObject())
        return invalidAmount(QStringLiteral("amount must be {\"amount\": integer, \"currency\": code}"));
    const QJsonObject money = value.toObject();
    const QJsonValue minor = money.value(QStringLiteral("amount"));
    // isDouble() is false for booleans and strings; isInteger() refuses 12.5 and 1e20.
    if (!minor.isDouble() || !protocol::isInteger(minor))
        return invalidAmount(QStringLiteral("amount.amount must be a whole number of minor units"));
    const qint64 amount = minor.toInteger();
    if (amount < 1 || amount > Money::kMaxApiAmount)
        return invalidAmount(QStringLiteral("amount.amount must be between 1 and %1").arg(Money::kMaxApiAmount));
    const QJsonValue code = money.value(QStringLiteral("currency"));
    if (!code.isString() || !isCurrencyCode(code.toString()))
        return invalidAmount(QStringLiteral("amount.currency must be an ISO 4217 code"));
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    if (code.toString() != *currency)
        return makeError(ErrorCode::CurrencyMismatch, QStringLiteral("Your wallet holds %1.").arg(*currency),
                         {{QStringLiteral("currency"), *currency}});
    return amount;
}

Result<QString> readNote(const QJsonObject &body)
{
    const QJsonValue note = body.value(QStringLiteral("note"));
    if (note.isUndefined() || note.isNull())
        return QStringLiteral("");
    if (!note.isString())
        return invalidField(QStringLiteral("note"), QStringLiteral("note must be a string"));
    if (note.toString().toUcs4().size() > kMaxNoteChars)
        return invalidField(QStringLiteral("note"), QStringLiteral("note must be at most %1 characters").arg(kMaxNoteChars));
    return note.toString();
}

Result<qint64> topUpWallet(ServerDb &db, qint64 userId, qint64 amount, qint64 nowMs)
{
    auto wallet = ensureWalletAccount(db, userId);
    if (!wallet)
        return wallet.error();
    auto funding = systemAccount(db, QStringLiteral("card_funding"));
    if (!funding)
        return funding.error();
    auto currency = walletCurrency(db, userId);
    if (!currency)
        return currency.error();
    Movement m;
    m.kind = QStringLiteral("top_up");
    m.fromAccount = *funding;
    m.toAccount = *wallet;
    m.amount = amount;
    m.currency = *currency;
    m.note = QStringLiteral("Card top-up");
    m.createdAtMs = nowMs;
    auto tx = post(db, m);
    if (!tx)
        return tx.error();
    if (auto st = logMovement(db, *tx, nowMs); !st)
        return st.error();
    return *tx;
}

Result<Response> payUser(ServerDb &db, qint64 nowMs, qint64 payerId, qint64 payeeId, qint64 amount, const QString &note,
                         qint64 requestId, qint64 conversationId)
{
    // No money moves between two people when one blocked the other (safety.h).
    if (auto st = refuseIfBlocked(db, payerId, payeeId); !st)
        return st.error();
    // Both wallets (ids and currencies) in one look-up; one is created below only once every
    // check has passed.
    auto wallets = walletAccounts(db, payerId, payeeId);
    if (!wallets)
        return wallets.error();
    const auto &[payerWallet, payeeWallet] = *wallets;
    if (payeeWallet.currency != payerWallet.currency)
        return makeError(ErrorCode::RecipientUnavailable, QStringLiteral("The recipient cannot receive this currency."));
    // A deleted account receives nothing (docs/api.md "Account"); a merchant is paid as one.
    auto payee = db.row(QStringLiteral("SELECT u.kind, EXISTS (SELECT 1 FROM deleted_users d WHERE d.user_id = u.id) "
                                       "FROM users u WHERE u.id = ?1"),
                        payeeId);
    if (!payee)
        return payee.error();
    const bool payeeDeleted = *payee && (**payee).int64(1) != 0;
    const bool payeeIsMerchant = *payee && (**payee).text(0) == u"merchant";
    if (payeeDeleted)
        return makeError(ErrorCode::RecipientUnavailable, QStringLiteral("This account was deleted; it cannot receive money."),
                         {{QStringLiteral("reason"), QStringLiteral("account_deleted")}});
    if (auto st = checkLimits(db, payerId, amount, nowMs); !st)
        return st.error();
    auto from = payerWallet.id ? Result<qint64>(payerWallet.id) : ensureWalletAccount(db, payerId);
    if (!from)
        return from.error();
    auto to = payeeWallet.id ? Result<qint64>(payeeWallet.id) : ensureWalletAccount(db, payeeId);
    if (!to)
        return to.error();
    Movement m;
    m.kind = payeeIsMerchant ? QStringLiteral("merchant_payment") : QStringLiteral("transfer");
    m.fromAccount = *from;
    m.toAccount = *to;
    m.amount = amount;
    m.currency = payerWallet.currency;
    m.note = note;
    m.requestId = requestId;
    m.conversationId = conversationId;
    m.createdAtMs = nowMs;
    auto tx = post(db, m);
    if (!tx)
        return tx.error();
    if (conversationId) {
        if (auto message = postPaymentMessage(db, conversationId, payerId, *tx, note, nowMs); !message)
            return message.error();
    }
    // The payer's transaction.created event carries the object the answer shows.
    auto json = logMovement(db, *tx, nowMs, payerId);
    if (!json)
        return json.error();
    return Response::created(*json);
}

void registerWalletRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    Clock &clock = services.clock;
    router.add(Router::Method::Get, QStringLiteral("/v1/wallet"), Router::NoFlags, [&db, &clock](RequestContext &ctx) {
        auto wallet = walletJson(db, ctx.userId, clock.nowMs());
        return wallet ? Response::ok(*wallet) : Response::error(wallet.error());
    });
    router.add(Router::Method::Get, QStringLiteral("/v1/wallet/transactions"), Router::NoFlags,
               [&db](RequestContext &ctx) { return transactionsHandler(db, ctx); });
    router.add(Router::Method::Post, QStringLiteral("/v1/wallet/top-ups"), Router::JsonBody,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   return idempotency::run(db, now, ctx, [&] { return topUp(db, now, ctx); });
               });
    router.add(Router::Method::Post, QStringLiteral("/v1/transfers"), Router::JsonBody, [&db, &clock](RequestContext &ctx) {
        const qint64 now = clock.nowMs();
        // An amount the effect would refuse anyway needs no step-up first.
        auto gate = [&]() -> std::optional<Error> {
            auto amount = readAmount(db, ctx.userId, ctx.body);
            return amount ? stepup::check(db, now, ctx, *amount) : std::nullopt;
        };
        // READ COMMITTED under row locks on PostgreSQL (idempotency.h): concurrent transfers
        // wait for the accounts they share instead of failing to serialize.
        return idempotency::run(db, now, ctx, [&] { return transfer(db, now, ctx); }, gate, Storage::Isolation::RowLocks);
    });
    // No body needed: the transaction is in the path (a JSON body, if any, is fingerprinted as sent).
    router.add(Router::Method::Post, QStringLiteral("/v1/transactions/{id}/refund"), Router::NoFlags,
               [&db, &clock](RequestContext &ctx) {
                   const qint64 now = clock.nowMs();
                   return idempotency::run(db, now, ctx, [&] { return refund(db, now, ctx); });
               });
}

} // namespace plaza::server
