// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"
#include "net/apiclient.h"
#include "outbox/outbox.h"
#include "wallet/paymentoutbox.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

namespace plaza {
class AccountContext;
namespace storage {
class Database;
}
namespace sync {
class CacheWriter;
}
}

namespace plaza::wallet {

//! What became of a money intent that the server did not refuse.
struct PaymentOutcome {
    PaymentIntent::State state = PaymentIntent::State::Sending; //!< Completed or AwaitingConfirmation
    QString key;              //!< its Idempotency-Key
    QJsonObject answer;       //!< the Transaction (or PaymentRequest) when Completed
    bool replayed = false;    //!< the answer came from the server's idempotency store
    Error lastError;          //!< why it is AwaitingConfirmation
};

//! A payment request as GET /v1/payment-requests/{id} shows it.
struct PaymentRequestInfo {
    QString id;
    QString link;
    QString status; //!< open, paid, declined, cancelled, expired
    Money amount;
    QString note;
    QString payeeId;
    QString payeeHandle;
    QString payeeName;
};

//! Moves money exactly once. Every intent (transfer, paying a request, top-up, creating a
//! request) is written to the cache's payment outbox with a fresh Idempotency-Key and its
//! exact body and committed before the first try. The writes are commands run by the
//! session's CacheWriter on its own thread and awaited: the UI thread never writes the
//! cache nor waits on its lock. From the moment an intent is handed to the writer it counts
//! as pending and paymentSending() tells the UI; its request waits for the commit. A lost
//! answer (timeout, network error, 5xx, a crash) leaves it awaiting confirmation; it is
//! retried with the same key and body when the session comes online and at the next start
//! until the server answers. A definitive refusal marks it failed with the server's code. Nothing is queued while
//! offline: an intent is created only after the server answered a wallet read.
//!
//! Lives on the session's thread; needs its account ready (it reads the outbox on a read
//! connection of the cache). Errors are typed (ErrorCode): client validation uses the API's
//! codes. Whether an answer is final is RetryPolicy's call; a payment adds its stricter
//! states on top (awaiting confirmation, the same key forever, a step-up refusal final for
//! its try). The mechanism is the one outbox (outbox::Outbox, Order::Independent: an intent
//! without an answer does not hold back the others); every change of an intent is published
//! on the cache's change stream (storage::Table::PaymentOutbox, ids: the keys), and the
//! outcome a page shows is the typed result of the call (PaymentOutcome, or the Error).
class WalletService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
public:
    explicit WalletService(AccountContext *context, QObject *parent = nullptr);
    ~WalletService() override;

    //! Opens the outbox (a read connection; writes go through the session's CacheWriter) and
    //! retries what a previous run left unanswered. Called by itself
    //! whenever the session becomes Ready; call it once if the session already is.
    [[nodiscard]] Status start();

    //! POST /v1/transfers to "@handle" or a user id.
    QCoro::Task<Result<PaymentOutcome>> send(QString toHandleOrId, Money amount, QString note,
                                             QString conversationId = {});
    //! POST /v1/payment-requests: ask \a payer (optional "@handle" or id) for money.
    QCoro::Task<Result<PaymentOutcome>> createRequest(Money amount, QString note, QString payer = {});
    //! GET /v1/payment-requests/{id}: a request that is not open is an error (Conflict,
    //! details.reason "paid" or "cancelled"); an unknown one NotFound.
    QCoro::Task<Result<PaymentRequestInfo>> fetchRequest(QString id);
    //! fetchRequest() from a plaza://pay/<id> link (parsed strictly first).
    QCoro::Task<Result<PaymentRequestInfo>> fetchLink(QString link);
    //! POST /v1/payment-requests/{id}/decline (\a cancel false: I was asked) or /cancel (I
    //! asked). Moves no money, so no outbox: the answer is the PaymentRequest; a request no
    //! longer open is Conflict with details.status. A sync follows, so the cache has the new
    //! state even without a live connection.
    QCoro::Task<Result<QJsonObject>> endRequest(QString id, bool cancel);
    //! POST /v1/payment-requests/{id}/pay.
    QCoro::Task<Result<PaymentOutcome>> payRequest(QString id);
    //! POST /v1/wallet/top-ups with a card token.
    QCoro::Task<Result<PaymentOutcome>> topUp(Money amount, QString cardToken);

    //! POST /v1/savings/deposits or /withdrawals, into or out of \a goalId when given: the
    //! same exactly-once path as a transfer. Refused before anything is sent or stored, even
    //! offline: an amount outside 1 … Money::kMaxApiAmount (InvalidAmount, field "amount"),
    //! a malformed \a goalId (NotFound, field "goal_id"); then, online, another currency
    //! than the wallet's (CurrencyMismatch).
    QCoro::Task<Result<PaymentOutcome>> moveSavings(bool deposit, Money amount, QString goalId = {});

    //! An intent the server refused with 403 step_up_required (its Error carries
    //! details.intent_key): tries it once more with the same key and body, with
    //! \a stepUpToken (AccountContext::stepUpToken()). Such a refusal is definitive for its try
    //! (the intent is failed, never retried in the background): only this tries again.
    QCoro::Task<Result<PaymentOutcome>> retryWithStepUp(QString key, QString stepUpToken);
    //! True if \a error is the server asking for a step-up before a money move.
    [[nodiscard]] static bool isStepUpRequired(const Error &error);

    //! Retries every unanswered intent now (same key, same body). Returns how many are
    //! still unanswered afterwards.
    QCoro::Task<Result<int>> retryPending();

    //! A wallet the cache has no row for (a new account: its event log holds no wallet.updated
    //! until money first moves) is read once from GET /v1/wallet and kept as sync would keep it;
    //! done after every sync on its own. Nothing when the row is there, offline, or not open.
    QCoro::Task<void> fetchMissingWallet();
    //! GET /v1/wallet; also the online check before any new intent.
    QCoro::Task<Result<QJsonObject>> fetchWallet();

    // For QML (the coroutines above are for C++): each ends in exactly one of
    // paymentCompleted, paymentAwaiting or paymentFailed.
    //! \a amountText as typed, in the user's locale ("12,50" in French), in the wallet's currency.
    Q_INVOKABLE void sendMoney(const QString &to, const QString &amountText, const QString &note,
                               const QString &conversationId = {});
    //! Pays the request behind a plaza://pay link (the UI showed fetchLink's answer first).
    Q_INVOKABLE void payByLink(const QString &link);
    //! retryPending() now (a "retry" button; also automatic on reconnect).
    Q_INVOKABLE void retryNow();
    //! Creates a payment request for \a amountText (typed in the user's locale); ends in
    //! requestCreated, paymentAwaiting or paymentFailed.
    Q_INVOKABLE void requestMoney(const QString &amountText, const QString &note, const QString &payer = {});
    //! Looks up the request behind a plaza://pay link, or a request id; ends in
    //! requestLookedUp or requestLookupFailed.
    Q_INVOKABLE void lookUpLink(const QString &link);
    //! Savings moves for QML, typed in the user's locale; end like sendMoney.
    Q_INVOKABLE void depositToSavings(const QString &amountText, const QString &goalId = {});
    Q_INVOKABLE void withdrawFromSavings(const QString &amountText, const QString &goalId = {});
    //! topUp() for QML: \a amountText typed in the user's locale, charged to \a cardToken;
    //! ends like sendMoney.
    Q_INVOKABLE void topUpByCard(const QString &amountText, const QString &cardToken);
    Q_INVOKABLE void lookUpRequest(const QString &id);
    //! endRequest() for QML: ends in requestEnded or requestEndFailed.
    Q_INVOKABLE void declineRequest(const QString &id);
    Q_INVOKABLE void cancelRequest(const QString &id);
    //! After stepUpRequired: the password (or the two-factor code when \a isCode) for a
    //! step-up, then the same intent again; ends like sendMoney, or in stepUpFailed (a wrong
    //! password or code: ask again).
    Q_INVOKABLE void confirmStepUp(const QString &key, const QString &secret, bool isCode);

    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] int pendingCount() const { return m_pending; }
    //! The outbox on the read connection (reads only: writes go through the cache writer).
    [[nodiscard]] PaymentOutbox *outbox() const { return m_outbox.get(); }
    //! Intents handed to the writer and not committed yet (nothing was sent for them): they
    //! count in pendingCount already.
    [[nodiscard]] QList<PaymentIntent> intentsOnTheirWay() const { return m_queue->onTheirWay(); }

    //! Local checks before anything is sent: 1 … Money::kMaxApiAmount minor units, the
    //! wallet's currency, a note of at most 140 characters.
    [[nodiscard]] static Status validate(const Money &amount, const QString &note, const QString &walletCurrency);

Q_SIGNALS:
    void pendingChanged();
    void busyChanged();
    //! Intent \a key was handed to the cache writer: show it as sending now. Its first try
    //! goes out once the writer committed it.
    void paymentSending(const QString &key);
    //! sendMoney/payByLink: the server confirmed; \a transactionId is its Transaction.
    void paymentCompleted(const QString &key, const QString &transactionId);
    //! sendMoney/payByLink: the answer was lost; it will be retried with the same key.
    void paymentAwaiting(const QString &key);
    //! sendMoney/payByLink: refused (locally or by the server): an ErrorCode name and the
    //! field it is about (may be empty).
    void paymentFailed(const QString &code, const QString &field);
    //! The server wants the password or a code before intent \a key (403 step_up_required):
    //! \a methods "password" and maybe "totp"; \a why "amount", "new_session". Nothing moved.
    void stepUpRequired(const QString &key, const QStringList &methods, const QString &why);
    //! confirmStepUp()'s password or code was refused (\a reason "wrong_password",
    //! "totp_invalid", or \a code "rate_limited"…).
    void stepUpFailed(const QString &code, const QString &reason);
    //! requestMoney: the request exists; share \a link.
    void requestCreated(const QString &id, const QString &link, const QString &formattedAmount, const QString &note);
    //! lookUpLink/lookUpRequest: {id, link, status, amountMinor, currency, formattedAmount, note,
    //! payeeId, payeeHandle, payeeName}.
    void requestLookedUp(const QVariantMap &request);
    //! lookUpLink/lookUpRequest: \a reason is malformed, unknown, paid, cancelled, offline or
    //! empty (then see \a code).
    void requestLookupFailed(const QString &code, const QString &reason);
    //! declineRequest/cancelRequest: request \a id is now \a status (declined or cancelled).
    void requestEnded(const QString &id, const QString &status);
    //! declineRequest/cancelRequest refused: an ErrorCode name, the request's state when it
    //! was no longer open (\a status).
    void requestEndFailed(const QString &id, const QString &code, const QString &status);

private:
    QCoro::Task<Result<PaymentOutcome>> submit(QString kind, QString path, QJsonObject body, Money amount);
    QCoro::Task<Result<PaymentOutcome>> attempt(PaymentIntent intent, QString stepUpToken = {});
    QCoro::Task<void> confirmStepUpTask(QString key, QString secret, bool isCode);
    QCoro::Task<Result<QString>> onlineCurrency();
    void refreshPendingCount();
    QCoro::Task<void> payByLinkTask(QString link);

    QCoro::Task<void> lookUpTask(QString id);
    QCoro::Task<void> endTask(QString id, bool cancel);
    //! The wallet's currency and \a amountText parsed in it, or the error to report.
    QCoro::Task<Result<Money>> typedAmount(QString amountText);
    using AmountAction = std::function<QCoro::Task<Result<PaymentOutcome>>(Money)>;
    using CompletedAction = std::function<void(const PaymentOutcome &, const Money &)>;
    //! What every invokable that takes a typed amount does: busy, the amount parsed in the
    //! wallet's currency, \a act run with it, not busy; a completed outcome goes to
    //! \a completed when there is one, anything else (and every failure) to report().
    QCoro::Task<void> runWithTypedAmount(QString amountText, AmountAction act, CompletedAction completed = {});
    void report(const Result<PaymentOutcome> &outcome);
    void setBusy(bool busy);
    void retrySoon();
    //! One try of one intent: POST with its Idempotency-Key (and step-up token, if any).
    QCoro::Task<Result<net::ApiResponse>> sendIntent(PaymentIntent intent);
    [[nodiscard]] sync::CacheWriter *writer() const;
    //! The account closed (signed out, locked): the read connection goes, tries in flight end
    //! without writing (their cache is gone with the account).
    void close();
    //! True while the outbox opened as generation \a generation is still the open one.
    [[nodiscard]] bool stillOpen(quint64 generation) const { return m_outbox && m_generation == generation; }

    AccountContext *m_context;
    std::unique_ptr<storage::Database> m_reader; //!< read-only: the UI thread never writes
    std::unique_ptr<PaymentOutbox> m_outbox;      //!< on m_reader
    //! The one outbox mechanism over payment_outbox: keys, rounds, marks, what is on its way.
    std::unique_ptr<outbox::Outbox<PaymentIntent, net::ApiResponse>> m_queue;
    quint64 m_generation = 0;                     //!< bumped by every open and close
    bool m_fetchingWallet = false;
    int m_pending = 0;
    int m_busy = 0;
};

} // namespace plaza::wallet
