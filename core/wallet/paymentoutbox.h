// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>


namespace plaza::storage {
class Database;
}

namespace plaza::wallet {

//! One money intent as the outbox keeps it: the exact request that will be sent, every
//! time, with the same Idempotency-Key.
struct PaymentIntent {
    enum class State { Sending, AwaitingConfirmation, Completed, Failed };

    QString key;        //!< the Idempotency-Key (a UUID without braces)
    QString kind;       //!< "transfer", "request_pay", "top_up", "request_create"
    QString path;       //!< "/v1/transfers", …
    QByteArray body;    //!< the JSON body, byte for byte what every try sends
    qint64 amount = 0;  //!< minor units (for "pending" listings; the body is the truth)
    QString currency;
    State state = State::Sending;
    int attempts = 0;
    QString transactionId; //!< when Completed
    QByteArray response;   //!< the server's answer (Completed or Failed)
    QString errorCode;     //!< when Failed
    QString errorMessage;
    QString createdAt;
    QString stepUpToken; //!< for one try only (retryWithStepUp), never stored
};

[[nodiscard]] QString intentStateName(PaymentIntent::State state);

//! A new intent, not stored yet: a fresh Idempotency-Key, created now, state Sending.
[[nodiscard]] PaymentIntent newIntent(const QString &kind, const QString &path, const QByteArray &body, qint64 amount,
                                      const QString &currency);

//! The payment_outbox table of the cache (schema v2) on a connection it does not own. Writes
//! are made on the cache writer's connection, inside CacheWriter::run() (the writer thread);
//! reads may use a read connection. Every write commits before it returns: an intent exists
//! on disk before its first try, and its outcome once the server answered.
class PaymentOutbox
{
public:
    explicit PaymentOutbox(storage::Database &db) : m_db(&db) { }

    //! Stores \a intent (from newIntent()) in state Sending; returns it as stored.
    [[nodiscard]] Result<PaymentIntent> create(const PaymentIntent &intent);
    //! Counts a try (before it is sent).
    [[nodiscard]] Status markAttempt(const QString &key);
    //! The answer was lost (timeout, network error, 5xx): retry later with the same key.
    [[nodiscard]] Status markAwaiting(const QString &key, const Error &why);
    [[nodiscard]] Status markCompleted(const QString &key, const QString &transactionId, const QByteArray &response);
    [[nodiscard]] Status markFailed(const QString &key, const Error &error);
    //! An intent the server refused with 403 (a step-up was wanted) goes back to Sending once
    //! the user confirmed, so that the answer to its next try is recorded. Any other failed
    //! intent stays failed.
    [[nodiscard]] Status reopenAfterStepUp(const QString &key);

    [[nodiscard]] Result<PaymentIntent> find(const QString &key);
    //! Intents without a definitive answer (Sending — a crash mid-try — or AwaitingConfirmation), oldest first.
    [[nodiscard]] Result<QList<PaymentIntent>> unanswered();
    //! The connection it uses.
    [[nodiscard]] storage::Database &db() { return *m_db; }

private:
    [[nodiscard]] Status setState(const QString &key, PaymentIntent::State state, const QString &transactionId,
                                  const QByteArray &response, const QString &code, const QString &message);
    [[nodiscard]] Result<QList<PaymentIntent>> select(const QString &where, const QString &key);

    storage::Database *m_db;
};

} // namespace plaza::wallet
