// SPDX-License-Identifier: MIT
#include "wallet/walletservice.h"

#include "common/logging.h"
#include "common/retrypolicy.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "protocol/wallet.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "storage/walletstore.h"
#include "sync/cachewriter.h"
#include "sync/syncengine.h"
#include "wallet/paylink.h"

#include <QCoroFuture>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace plaza::wallet {

namespace {

constexpr int kMaxNoteLength = 140;

Error offlineError()
{
    return makeError(ErrorCode::Network,
                     QStringLiteral("You are offline: nothing was sent. Try again when the connection is back."),
                     {{QStringLiteral("reason"), QStringLiteral("offline")}});
}

Error accountClosed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the account was closed"));
}

Error walletClosed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the wallet closed"));
}

} // namespace

WalletService::WalletService(AccountContext *context, QObject *parent) : QObject(parent), m_context(context)
{
    using Queue = outbox::Outbox<PaymentIntent, net::ApiResponse>;
    Queue::Kind kind;
    kind.order = outbox::Order::Independent; // intents are independent: each gets its try
    kind.key = [](const PaymentIntent &i) { return i.key; };
    kind.describe = [](const PaymentIntent &i, storage::RowChanges &changes) {
        changes.add(storage::Table::PaymentOutbox, i.key);
    };
    kind.due = [this]() -> Result<QList<PaymentIntent>> {
        if (!m_outbox)
            return makeError(ErrorCode::CacheLocked, QStringLiteral("the wallet is not open"));
        return m_outbox->unanswered();
    };
    kind.send = [this](PaymentIntent i) { return sendIntent(std::move(i)); };
    kind.markAttempt = [](storage::Database &db, const PaymentIntent &i) { return PaymentOutbox(db).markAttempt(i.key); };
    kind.markSent = [](storage::Database &db, const PaymentIntent &i, const net::ApiResponse &reply, storage::RowChanges &) {
        const QString id = reply.body.value(QStringLiteral("id")).toString();
        return PaymentOutbox(db).markCompleted(i.key, id, QJsonDocument(reply.body).toJson(QJsonDocument::Compact));
    };
    kind.markFailed = [](storage::Database &db, const PaymentIntent &i, const Error &error, storage::RowChanges &) {
        return PaymentOutbox(db).markFailed(i.key, error);
    };
    kind.markUnanswered = [](storage::Database &db, const PaymentIntent &i, const Error &why, storage::RowChanges &) {
        return PaymentOutbox(db).markAwaiting(i.key, why);
    };
    kind.settled = [this](const PaymentIntent &i, const Queue::Try &result) {
        switch (result.state) {
        case Queue::Try::State::Sent:
            qCInfo(lcWallet) << "intent" << i.kind << "completed" << (result.answer.replayed ? "(replayed)" : "");
            break;
        case Queue::Try::State::Failed:
            qCInfo(lcWallet) << "intent" << i.kind << "refused:" << result.error.codeName();
            break;
        case Queue::Try::State::Unanswered:
            qCInfo(lcWallet) << "intent" << i.kind << "awaiting confirmation:" << result.error.codeName();
            break;
        }
        refreshPendingCount();
    };
    m_queue = std::make_unique<Queue>(std::move(kind), RetryPolicy::payments(), [this] { return writer(); },
                                      m_context->cache());
    // Reconnecting is when a lost answer can be learned: retry then, with the same keys.
    connect(m_context, &AccountContext::onlineChanged, this, [this] {
        if (m_context->online() && m_outbox)
            m_queue->reconnected();
    });
    // A wallet the cache has never seen: a new account's event log holds no wallet.updated
    // until its first money movement, so after a sync the wallet is asked for once.
    if (SyncEngine *engine = m_context->syncEngine())
        connect(engine, &SyncEngine::synced, this, [this] { fetchMissingWallet(); });
    // Follows the account: open on Ready (retrying what is left), closed otherwise (sign-out
    // deletes the cache file; no connection may keep it alive).
    connect(m_context, &AccountContext::readyChanged, this, [this] {
        if (m_context->ready()) {
            if (!m_outbox) {
                if (auto st = start(); !st)
                    qCWarning(lcWallet) << "cannot open the payment outbox:" << st.error().codeName();
            }
        } else if (m_outbox) {
            close();
        }
    });
}

WalletService::~WalletService() = default;

sync::CacheWriter *WalletService::writer() const
{
    return m_context->writer();
}

void WalletService::close()
{
    // Tries in flight see the generation move and end without touching the cache; the
    // writes already handed to the writer land before it closes (it runs them in order).
    ++m_generation;
    m_queue->close();
    m_outbox.reset();
    m_reader.reset();
    refreshPendingCount();
}

Status WalletService::start()
{
    if (m_outbox)
        return {};
    if (!m_context->ready() || !writer())
        return makeError(ErrorCode::CacheLocked, QStringLiteral("the session is not ready"));
    auto reader = m_context->cache()->openConnection(true);
    if (!reader)
        return reader.error();
    ++m_generation;
    m_reader = std::move(reader).value();
    m_outbox = std::make_unique<PaymentOutbox>(*m_reader);
    m_queue->open();
    refreshPendingCount();
    if (m_pending > 0)
        retrySoon();
    return {};
}

Status WalletService::validate(const Money &amount, const QString &note, const QString &walletCurrency)
{
    const QVariantMap amountField{{QStringLiteral("field"), QStringLiteral("amount")}};
    if (!amount.isValid())
        return makeError(ErrorCode::InvalidAmount, QStringLiteral("The amount has no currency."), amountField);
    if (amount.minor() < 1 || amount.minor() > Money::kMaxApiAmount)
        return makeError(ErrorCode::InvalidAmount,
                         QStringLiteral("The amount must be between 1 and %1 minor units.").arg(Money::kMaxApiAmount),
                         amountField);
    if (!walletCurrency.isEmpty() && amount.currency() != walletCurrency)
        return makeError(ErrorCode::CurrencyMismatch,
                         QStringLiteral("Your wallet is in %1, not %2.").arg(walletCurrency, amount.currency()),
                         amountField);
    // Characters as people count them (code points), like the server.
    if (note.toUcs4().size() > kMaxNoteLength)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("The note is longer than %1 characters.").arg(kMaxNoteLength),
                         {{QStringLiteral("field"), QStringLiteral("note")}});
    return {};
}

QCoro::Task<void> WalletService::fetchMissingWallet()
{
    if (!m_outbox || m_fetchingWallet)
        co_return;
    {
        auto known = m_reader->prepare(QStringLiteral("SELECT 1 FROM wallet WHERE id = 1;"));
        if (!known)
            co_return;
        auto row = known->step();
        if (!row || *row)
            co_return;
    } // finished before the request
    QPointer<WalletService> self(this);
    const quint64 generation = m_generation;
    m_fetchingWallet = true;
    auto wallet = co_await fetchWallet();
    if (!self)
        co_return;
    m_fetchingWallet = false;
    if (!stillOpen(generation) || !writer())
        co_return;
    if (!wallet) {
        // Offline or refused: the summary keeps saying it has no balance yet; the next sync asks again.
        qCInfo(lcWallet) << "the wallet was not read:" << wallet.error().codeName();
        co_return;
    }
    // Through the writer, as sync's wallet.updated would be, and only into an empty table: a
    // wallet.updated that a sync wrote meanwhile is newer than this answer.
    const QJsonObject body = *wallet;
    QFuture<Result<storage::RowChanges>> writing
        = writer()->transact([body](storage::Database &db, storage::RowChanges &changes) -> Status {
              auto present = db.scalar(QStringLiteral("SELECT count(*) FROM wallet WHERE id = 1;"));
              if (!present)
                  return present.error();
              if (*present > 0)
                  return {};
              storage::StatementCache statements(db);
              storage::UsersStore users(statements);
              return storage::WalletStore(statements, users).setWallet(body, changes);
          });
    Result<storage::RowChanges> written = co_await writing;
    if (!self || !stillOpen(generation))
        co_return;
    if (!written) {
        qCWarning(lcWallet) << "could not keep the wallet:" << written.error().codeName();
        co_return;
    }
    m_context->cache()->publishWritten(*written);
}

QCoro::Task<Result<QJsonObject>> WalletService::fetchWallet()
{
    auto reply = co_await m_context->api()->get(protocol::endpoints::wallet());
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<QString>> WalletService::onlineCurrency()
{
    QPointer<WalletService> self(this);
    auto wallet = co_await fetchWallet();
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the wallet closed"));
    if (!wallet) {
        if (wallet.error().code == ErrorCode::Network || wallet.error().code == ErrorCode::Timeout)
            co_return offlineError();
        co_return wallet.error();
    }
    const auto decoded = protocol::decodeReply<protocol::Wallet>(*wallet);
    if (!decoded)
        co_return decoded.error();
    co_return decoded->balance.currency();
}

QCoro::Task<Result<PaymentOutcome>> WalletService::send(QString toHandleOrId, Money amount, QString note,
                                                        QString conversationId)
{
    const QString to = toHandleOrId.trimmed();
    if (to.isEmpty() || to == u"@")
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("Who should receive the money?"),
                            {{QStringLiteral("field"), QStringLiteral("to")}});
    if (to == m_context->userId() || to.compare(u'@' + m_context->handle(), Qt::CaseInsensitive) == 0)
        co_return makeError(ErrorCode::SelfPayment, QStringLiteral("You cannot send money to yourself."),
                            {{QStringLiteral("field"), QStringLiteral("to")}});
    if (auto st = validate(amount, note, {}); !st)
        co_return st.error();
    QJsonObject body{{QStringLiteral("to"), to}, {QStringLiteral("amount"), protocol::moneyToJson(amount)}};
    if (!note.isEmpty())
        body.insert(QStringLiteral("note"), note);
    if (!conversationId.isEmpty())
        body.insert(QStringLiteral("conversation_id"), conversationId);
    co_return co_await submit(QStringLiteral("transfer"), protocol::endpoints::transfers(), body, amount);
}

QCoro::Task<Result<PaymentOutcome>> WalletService::createRequest(Money amount, QString note, QString payer)
{
    if (auto st = validate(amount, note, {}); !st)
        co_return st.error();
    QJsonObject body{{QStringLiteral("amount"), protocol::moneyToJson(amount)}};
    if (!note.isEmpty())
        body.insert(QStringLiteral("note"), note);
    if (!payer.trimmed().isEmpty())
        body.insert(QStringLiteral("payer"), payer.trimmed());
    co_return co_await submit(QStringLiteral("request_create"), protocol::endpoints::paymentRequests(), body, amount);
}

QCoro::Task<Result<PaymentRequestInfo>> WalletService::fetchLink(QString link)
{
    auto id = parsePayLink(link);
    if (!id)
        co_return id.error();
    co_return co_await fetchRequest(*id);
}

QCoro::Task<Result<PaymentRequestInfo>> WalletService::fetchRequest(QString id)
{
    auto reply = co_await m_context->api()->get(protocol::endpoints::paymentRequest(id));
    if (!reply) {
        if (reply.error().code == ErrorCode::NotFound)
            co_return makeError(ErrorCode::NotFound, QStringLiteral("This payment request does not exist."),
                                {{QStringLiteral("reason"), QStringLiteral("unknown")}});
        co_return reply.error();
    }
    const auto request = protocol::decodeReply<protocol::PaymentRequest>(reply->body);
    if (!request)
        co_return request.error();
    PaymentRequestInfo info;
    info.id = request->id;
    info.link = request->link;
    info.status = request->status;
    info.amount = request->amount;
    info.note = request->note;
    info.payeeId = request->payee.id;
    info.payeeHandle = request->payee.handle;
    info.payeeName = request->payee.displayName;
    if (info.status == u"paid")
        co_return makeError(ErrorCode::Conflict, QStringLiteral("This payment request has already been paid."),
                            {{QStringLiteral("reason"), QStringLiteral("paid")}});
    if (info.status == u"cancelled")
        co_return makeError(ErrorCode::Conflict, QStringLiteral("This payment request was cancelled."),
                            {{QStringLiteral("reason"), QStringLiteral("cancelled")}});
    if (info.status == u"declined" || info.status == u"expired")
        co_return makeError(ErrorCode::Conflict, QStringLiteral("This payment request is %1.").arg(info.status),
                            {{QStringLiteral("reason"), info.status}});
    if (info.status != u"open")
        co_return makeError(ErrorCode::Protocol, QStringLiteral("The payment request is in an unknown state."));
    co_return info;
}

QCoro::Task<Result<QJsonObject>> WalletService::endRequest(QString id, bool cancel)
{
    if (!protocol::isWellFormedId(id))
        co_return makeError(ErrorCode::NotFound, QStringLiteral("The request id is malformed."),
                            {{QStringLiteral("reason"), QStringLiteral("malformed")}});
    QPointer<AccountContext> context(m_context);
    // The path is built before the co_await: GCC 12 destroys the temporaries of a conditional
    // expression inside a co_await twice (the heap string was freed under the request).
    const QString path = cancel ? protocol::endpoints::paymentRequestCancel(id) : protocol::endpoints::paymentRequestDecline(id);
    auto reply = co_await m_context->api()->post(path, {});
    if (context)
        context->syncNow();
    if (!reply)
        co_return reply.error();
    co_return reply->body;
}

QCoro::Task<Result<PaymentOutcome>> WalletService::payRequest(QString id)
{
    if (!protocol::isWellFormedId(id))
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("The request id is malformed."),
                            {{QStringLiteral("field"), QStringLiteral("id")}});
    // The amount is the request's (the body is empty); the outbox notes it for listings.
    QPointer<WalletService> self(this);
    auto info = co_await fetchRequest(id);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the wallet closed"));
    if (!info) {
        if (info.error().code == ErrorCode::Network || info.error().code == ErrorCode::Timeout)
            co_return offlineError();
        co_return info.error();
    }
    co_return co_await submit(QStringLiteral("request_pay"), protocol::endpoints::paymentRequestPay(id),
                              QJsonObject{}, info->amount);
}

QCoro::Task<Result<PaymentOutcome>> WalletService::topUp(Money amount, QString cardToken)
{
    if (auto st = validate(amount, {}, {}); !st)
        co_return st.error();
    if (cardToken.trimmed().isEmpty())
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("Which card?"),
                            {{QStringLiteral("field"), QStringLiteral("card_token")}});
    const QJsonObject body{{QStringLiteral("amount"), protocol::moneyToJson(amount)}, {QStringLiteral("card_token"), cardToken}};
    co_return co_await submit(QStringLiteral("top_up"), protocol::endpoints::walletTopUps(), body, amount);
}

QCoro::Task<Result<PaymentOutcome>> WalletService::submit(QString kind, QString path, QJsonObject body, Money amount)
{
    if (!m_outbox)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the wallet is not open"));
    const quint64 generation = m_generation;
    // The online check doubles as the currency check: nothing is stored while offline.
    QPointer<WalletService> self(this);
    auto currency = co_await onlineCurrency();
    if (!self)
        co_return walletClosed();
    if (!currency)
        co_return currency.error();
    if (!stillOpen(generation))
        co_return accountClosed();
    if (auto st = validate(amount, body.value(QStringLiteral("note")).toString(), *currency); !st)
        co_return st.error();
    if (!writer())
        co_return accountClosed();
    // Handed to the writer now and shown at once as sending (pendingCount, paymentSending);
    // the first try waits for the commit: the key is on disk before anything is sent.
    const PaymentIntent intent = newIntent(kind, path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                           amount.minor(), amount.currency());
    outbox::Outbox<PaymentIntent, net::ApiResponse>::ItemStore store =
        [](storage::Database &db, const PaymentIntent &i, storage::RowChanges &) { return PaymentOutbox(db).create(i); };
    QCoro::Task<Result<PaymentIntent>> storing = m_queue->add(intent, std::move(store));
    refreshPendingCount();
    Q_EMIT paymentSending(intent.key);
    Result<PaymentIntent> stored = co_await std::move(storing);
    if (!self)
        co_return walletClosed();
    if (!stillOpen(generation))
        co_return accountClosed();
    refreshPendingCount();
    if (!stored)
        co_return stored.error();
    qCInfo(lcWallet) << "intent" << kind << "stored";
    PaymentIntent committed = std::move(stored).value();
    co_return co_await attempt(std::move(committed));
}

QCoro::Task<Result<PaymentOutcome>> WalletService::attempt(PaymentIntent intent, QString stepUpToken)
{
    if (!m_outbox || !writer())
        co_return accountClosed();
    QPointer<WalletService> self(this);
    intent.stepUpToken = stepUpToken;
    const QString key = intent.key;
    using Queue = outbox::Outbox<PaymentIntent, net::ApiResponse>;
    QCoro::Task<Result<Queue::Try>> trying = m_queue->attempt(std::move(intent));
    Result<Queue::Try> tried = co_await std::move(trying);
    if (!self)
        co_return walletClosed();
    if (!tried) {
        if (tried.error().code == ErrorCode::Cancelled) // signed out mid-try: the cache went with the account
            co_return accountClosed();
        co_return tried.error();
    }
    PaymentOutcome outcome;
    outcome.key = key;
    switch (tried->state) {
    case Queue::Try::State::Sent:
        outcome.state = PaymentIntent::State::Completed;
        outcome.answer = tried->answer.body;
        outcome.replayed = tried->answer.replayed;
        break;
    case Queue::Try::State::Failed:
        co_return tried->error;
    case Queue::Try::State::Unanswered:
        outcome.state = PaymentIntent::State::AwaitingConfirmation;
        outcome.lastError = tried->error;
        break;
    }
    co_return outcome;
}

QCoro::Task<Result<net::ApiResponse>> WalletService::sendIntent(PaymentIntent intent)
{
    net::RequestOptions options;
    options.idempotencyKey = intent.key;
    options.stepUpToken = intent.stepUpToken;
    const QJsonObject body = QJsonDocument::fromJson(intent.body).object();
    auto reply = co_await m_context->api()->post(intent.path, body, options);
    if (reply)
        co_return std::move(reply).value();
    Error error = reply.error();
    // A step-up refusal is final for this try (never retried in the background);
    // retryWithStepUp() tries the same key again once the user confirmed.
    if (isStepUpRequired(error))
        error.details.insert(QStringLiteral("intent_key"), intent.key);
    co_return error;
}

bool WalletService::isStepUpRequired(const Error &error)
{
    return error.code == ErrorCode::Forbidden && error.details.value(QStringLiteral("reason")).toString() == u"step_up_required";
}

QCoro::Task<Result<PaymentOutcome>> WalletService::retryWithStepUp(QString key, QString stepUpToken)
{
    if (!m_outbox)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the wallet is not open"));
    auto intent = m_outbox->find(key);
    if (!intent)
        co_return intent.error();
    if (intent->state == PaymentIntent::State::Completed) {
        PaymentOutcome done;
        done.state = PaymentIntent::State::Completed;
        done.key = key;
        done.answer = QJsonDocument::fromJson(intent->response).object();
        co_return done;
    }
    PaymentIntent toSend = std::move(intent).value();
    if (toSend.state == PaymentIntent::State::Failed) {
        // Refused for want of a step-up: sending again, so that this try's answer is recorded
        // (a completed payment must not stay "failed" in the outbox).
        if (!writer())
            co_return accountClosed();
        QPointer<WalletService> self(this);
        outbox::Outbox<PaymentIntent, net::ApiResponse>::ItemWrite reopen =
            [](storage::Database &db, const PaymentIntent &i, storage::RowChanges &) {
                return PaymentOutbox(db).reopenAfterStepUp(i.key);
            };
        QCoro::Task<Status> reopening = m_queue->change(toSend, std::move(reopen));
        const Status reopened = co_await std::move(reopening);
        if (!self)
            co_return walletClosed();
        if (!reopened)
            co_return reopened.error();
        toSend.state = PaymentIntent::State::Sending;
    }
    co_return co_await attempt(std::move(toSend), stepUpToken);
}

void WalletService::confirmStepUp(const QString &key, const QString &secret, bool isCode)
{
    confirmStepUpTask(key, secret, isCode);
}

QCoro::Task<void> WalletService::confirmStepUpTask(QString key, QString secret, bool isCode)
{
    QPointer<WalletService> self(this);
    setBusy(true);
    Result<QString> token = co_await m_context->stepUpToken(secret, isCode);
    if (!self)
        co_return;
    if (!token) {
        setBusy(false);
        Q_EMIT stepUpFailed(token.error().codeName(), token.error().details.value(QStringLiteral("reason")).toString());
        co_return;
    }
    const QString stepUp = *token;
    auto outcome = co_await retryWithStepUp(key, stepUp);
    if (!self)
        co_return;
    setBusy(false);
    report(outcome);
}

QCoro::Task<Result<int>> WalletService::retryPending()
{
    if (!m_outbox)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("the wallet is not open"));
    QPointer<WalletService> self(this);
    const quint64 generation = m_generation;
    // A round: every unanswered intent once (a refusal is an answer: the intent is settled,
    // failed, and the others still go).
    QCoro::Task<Result<outbox::Round>> round = m_queue->flush();
    auto done = co_await std::move(round);
    if (!self)
        co_return walletClosed();
    if (!stillOpen(generation))
        co_return accountClosed();
    if (!done)
        co_return done.error();
    refreshPendingCount();
    co_return m_pending;
}

void WalletService::retrySoon()
{
    if (m_outbox)
        m_queue->kick();
}

void WalletService::sendMoney(const QString &to, const QString &amountText, const QString &note,
                              const QString &conversationId)
{
    runWithTypedAmount(amountText, [this, to, note, conversationId](Money amount) {
        return send(to, amount, note, conversationId);
    });
}

void WalletService::payByLink(const QString &link)
{
    payByLinkTask(link);
}

void WalletService::retryNow()
{
    retrySoon();
}

QCoro::Task<Result<Money>> WalletService::typedAmount(QString amountText)
{
    QPointer<WalletService> self(this);
    // The wallet's currency decides how many decimals the text may have.
    auto currency = co_await onlineCurrency();
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the wallet closed"));
    if (!currency)
        co_return currency.error();
    auto amount = Money::parse(amountText, *currency, QLocale());
    if (!amount) {
        Error error = amount.error();
        error.code = ErrorCode::InvalidAmount;
        error.details.insert(QStringLiteral("field"), QStringLiteral("amount"));
        co_return error;
    }
    co_return *amount;
}

QCoro::Task<void> WalletService::runWithTypedAmount(QString amountText, AmountAction act, CompletedAction completed)
{
    QPointer<WalletService> self(this);
    setBusy(true);
    auto amount = co_await typedAmount(amountText);
    if (!self)
        co_return;
    if (!amount) {
        setBusy(false);
        report(amount.error());
        co_return;
    }
    auto outcome = co_await act(*amount);
    if (!self)
        co_return;
    setBusy(false);
    if (completed && outcome && outcome->state == PaymentIntent::State::Completed) {
        completed(*outcome, *amount);
        co_return;
    }
    report(outcome);
}

QCoro::Task<Result<PaymentOutcome>> WalletService::moveSavings(bool deposit, Money amount, QString goalId)
{
    // What can be refused without the server is refused before anything is sent (offline
    // too): an amount outside 1 … kMaxApiAmount, a goal id no server would have issued.
    if (auto st = validate(amount, QString(), QString()); !st)
        co_return st.error();
    if (!goalId.isEmpty() && !protocol::isWellFormedId(goalId))
        co_return makeError(ErrorCode::NotFound, QStringLiteral("No such savings goal."),
                            {{QStringLiteral("field"), QStringLiteral("goal_id")}});
    QPointer<WalletService> self(this);
    auto currency = co_await onlineCurrency();
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the wallet closed"));
    if (!currency)
        co_return currency.error();
    // The wallet's currency, now that it is known.
    if (auto st = validate(amount, QString(), *currency); !st)
        co_return st.error();
    QJsonObject body{{QStringLiteral("amount"), protocol::moneyToJson(amount)}};
    if (!goalId.isEmpty())
        body.insert(QStringLiteral("goal_id"), goalId);
    const QString kind = deposit ? QStringLiteral("savings_deposit") : QStringLiteral("savings_withdrawal");
    const QString path = deposit ? protocol::endpoints::savingsDeposits() : protocol::endpoints::savingsWithdrawals();
    co_return co_await submit(kind, path, body, amount);
}

void WalletService::depositToSavings(const QString &amountText, const QString &goalId)
{
    runWithTypedAmount(amountText, [this, goalId](Money amount) { return moveSavings(true, amount, goalId); });
}

void WalletService::withdrawFromSavings(const QString &amountText, const QString &goalId)
{
    runWithTypedAmount(amountText, [this, goalId](Money amount) { return moveSavings(false, amount, goalId); });
}

void WalletService::topUpByCard(const QString &amountText, const QString &cardToken)
{
    runWithTypedAmount(amountText, [this, cardToken](Money amount) { return topUp(amount, cardToken); });
}

void WalletService::requestMoney(const QString &amountText, const QString &note, const QString &payer)
{
    runWithTypedAmount(
        amountText, [this, note, payer](Money amount) { return createRequest(amount, note, payer); },
        [this](const PaymentOutcome &outcome, const Money &typed) {
            const QJsonObject &o = outcome.answer;
            const auto asked = protocol::moneyFromJson(o.value(QStringLiteral("amount")));
            Q_EMIT requestCreated(o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("link")).toString(),
                                  (asked ? *asked : typed).format(QLocale()), o.value(QStringLiteral("note")).toString());
        });
}

void WalletService::lookUpLink(const QString &link)
{
    auto id = parsePayLink(link.trimmed());
    if (!id) {
        qCInfo(lcWallet) << "not a pay link:" << id.error().message;
        Q_EMIT requestLookupFailed(id.error().codeName(), QStringLiteral("malformed"));
        return;
    }
    lookUpTask(*id);
}

void WalletService::lookUpRequest(const QString &id)
{
    lookUpTask(id);
}

void WalletService::declineRequest(const QString &id)
{
    endTask(id, false);
}

void WalletService::cancelRequest(const QString &id)
{
    endTask(id, true);
}

QCoro::Task<void> WalletService::endTask(QString id, bool cancel)
{
    QPointer<WalletService> self(this);
    setBusy(true);
    auto answer = co_await endRequest(id, cancel);
    if (!self)
        co_return;
    setBusy(false);
    if (!answer) {
        Q_EMIT requestEndFailed(id, answer.error().codeName(), answer.error().details.value(QStringLiteral("status")).toString());
        co_return;
    }
    Q_EMIT requestEnded(id, answer->value(QStringLiteral("status")).toString());
}

QCoro::Task<void> WalletService::lookUpTask(QString id)
{
    QPointer<WalletService> self(this);
    if (!protocol::isWellFormedId(id)) {
        Q_EMIT requestLookupFailed(QStringLiteral("validation_failed"), QStringLiteral("malformed"));
        co_return;
    }
    setBusy(true);
    auto info = co_await fetchRequest(id);
    if (!self)
        co_return;
    setBusy(false);
    if (!info) {
        QString reason = info.error().details.value(QStringLiteral("reason")).toString();
        if (reason.isEmpty() && (info.error().code == ErrorCode::Network || info.error().code == ErrorCode::Timeout))
            reason = QStringLiteral("offline");
        Q_EMIT requestLookupFailed(info.error().codeName(), reason);
        co_return;
    }
    Q_EMIT requestLookedUp({{QStringLiteral("id"), info->id},
                            {QStringLiteral("link"), info->link},
                            {QStringLiteral("status"), info->status},
                            {QStringLiteral("amountMinor"), info->amount.minor()},
                            {QStringLiteral("currency"), info->amount.currency()},
                            {QStringLiteral("formattedAmount"), info->amount.format(QLocale())},
                            {QStringLiteral("note"), info->note},
                            {QStringLiteral("payeeId"), info->payeeId},
                            {QStringLiteral("payeeHandle"), info->payeeHandle},
                            {QStringLiteral("payeeName"), info->payeeName},
                            {QStringLiteral("own"), info->payeeId == m_context->userId()}});
}

QCoro::Task<void> WalletService::payByLinkTask(QString link)
{
    QPointer<WalletService> self(this);
    auto id = parsePayLink(link);
    if (!id) {
        report(id.error());
        co_return;
    }
    setBusy(true);
    auto outcome = co_await payRequest(*id);
    if (!self)
        co_return;
    setBusy(false);
    report(outcome);
}

void WalletService::report(const Result<PaymentOutcome> &outcome)
{
    if (!outcome) {
        if (isStepUpRequired(outcome.error())) {
            const QVariantMap &details = outcome.error().details;
            Q_EMIT stepUpRequired(details.value(QStringLiteral("intent_key")).toString(),
                                  details.value(QStringLiteral("methods")).toStringList(),
                                  details.value(QStringLiteral("why")).toString());
            return;
        }
        Q_EMIT paymentFailed(outcome.error().codeName(), outcome.error().field());
        return;
    }
    if (outcome->state == PaymentIntent::State::Completed)
        Q_EMIT paymentCompleted(outcome->key, outcome->answer.value(QStringLiteral("id")).toString());
    else
        Q_EMIT paymentAwaiting(outcome->key);
}

void WalletService::setBusy(bool busy)
{
    const bool was = m_busy > 0;
    m_busy += busy ? 1 : -1;
    if (was != (m_busy > 0))
        Q_EMIT busyChanged();
}

void WalletService::refreshPendingCount()
{
    if (!m_outbox) {
        if (m_pending != 0) {
            m_pending = 0;
            Q_EMIT pendingChanged();
        }
        return;
    }
    // The unanswered rows, and the intents on their way to the writer (counted once).
    QSet<QString> keys;
    if (auto open = m_outbox->unanswered()) {
        for (const PaymentIntent &intent : std::as_const(*open))
            keys.insert(intent.key);
    } else {
        qCWarning(lcWallet) << "cannot read the payment outbox:" << open.error().codeName();
    }
    const QList<PaymentIntent> handed = m_queue->onTheirWay();
    for (const PaymentIntent &intent : handed)
        keys.insert(intent.key);
    const int count = int(keys.size());
    if (count != m_pending) {
        m_pending = count;
        Q_EMIT pendingChanged();
    }
}

} // namespace plaza::wallet
