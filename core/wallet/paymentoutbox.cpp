// SPDX-License-Identifier: MIT
#include "wallet/paymentoutbox.h"

#include "common/clock.h"
#include "storage/database.h"

#include <QDateTime>
#include <QUuid>

namespace plaza::wallet {

namespace {

QString now()
{
    return Clock::instance()->nowUtc().toString(Qt::ISODateWithMs);
}

PaymentIntent::State stateFromName(const QString &name)
{
    if (name == u"completed")
        return PaymentIntent::State::Completed;
    if (name == u"failed")
        return PaymentIntent::State::Failed;
    if (name == u"awaiting_confirmation")
        return PaymentIntent::State::AwaitingConfirmation;
    return PaymentIntent::State::Sending;
}

} // namespace

QString intentStateName(PaymentIntent::State state)
{
    switch (state) {
    case PaymentIntent::State::Sending:
        return QStringLiteral("sending");
    case PaymentIntent::State::AwaitingConfirmation:
        return QStringLiteral("awaiting_confirmation");
    case PaymentIntent::State::Completed:
        return QStringLiteral("completed");
    case PaymentIntent::State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

PaymentIntent newIntent(const QString &kind, const QString &path, const QByteArray &body, qint64 amount,
                        const QString &currency)
{
    PaymentIntent intent;
    intent.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    intent.kind = kind;
    intent.path = path;
    intent.body = body;
    intent.amount = amount;
    intent.currency = currency;
    intent.createdAt = now();
    return intent;
}

Result<PaymentIntent> PaymentOutbox::create(const PaymentIntent &intent)
{
    if (intent.key.isEmpty() || intent.createdAt.isEmpty())
        return makeError(ErrorCode::Unknown, QStringLiteral("a payment intent needs a key (newIntent())"));
    auto st = m_db->prepare(QStringLiteral(
        "INSERT INTO payment_outbox (idempotency_key, kind, method_path, body, amount, currency, state, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'sending', ?, ?);"));
    if (!st)
        return st.error();
    st->bindAll(intent.key, intent.kind, intent.path, QString::fromUtf8(intent.body), intent.amount, intent.currency,
                intent.createdAt, intent.createdAt);
    // A standalone statement is its own transaction: committed (and in the WAL) when exec returns.
    if (auto done = st->exec(); !done)
        return done.error();
    PaymentIntent stored = intent;
    stored.state = PaymentIntent::State::Sending;
    stored.attempts = 0;
    return stored;
}

Status PaymentOutbox::markAttempt(const QString &key)
{
    auto st = m_db->prepare(
        QStringLiteral("UPDATE payment_outbox SET attempts = attempts + 1, updated_at = ? WHERE idempotency_key = ?;"));
    if (!st)
        return st.error();
    st->bindAll(now(), key);
    return st->exec();
}

Status PaymentOutbox::markAwaiting(const QString &key, const Error &why)
{
    return setState(key, PaymentIntent::State::AwaitingConfirmation, {}, {}, why.codeName(), why.message);
}

Status PaymentOutbox::markCompleted(const QString &key, const QString &transactionId, const QByteArray &response)
{
    return setState(key, PaymentIntent::State::Completed, transactionId, response, {}, {});
}

Status PaymentOutbox::markFailed(const QString &key, const Error &error)
{
    return setState(key, PaymentIntent::State::Failed, {}, {}, error.codeName(), error.message);
}

Status PaymentOutbox::reopenAfterStepUp(const QString &key)
{
    auto st = m_db->prepare(QStringLiteral(
        "UPDATE payment_outbox SET state = 'sending', error_code = NULL, error_message = NULL, updated_at = ? "
        "WHERE idempotency_key = ? AND state = 'failed' AND error_code = ?;"));
    if (!st)
        return st.error();
    st->bindAll(now(), key, errorCodeName(ErrorCode::Forbidden));
    return st->exec();
}

Status PaymentOutbox::setState(const QString &key, PaymentIntent::State state, const QString &transactionId,
                               const QByteArray &response, const QString &code, const QString &message)
{
    // A definitive answer is never overwritten: completed/failed rows are final.
    auto st = m_db->prepare(QStringLiteral(
        "UPDATE payment_outbox SET state = ?, transaction_id = ?, response = ?, error_code = ?, error_message = ?, "
        "updated_at = ? WHERE idempotency_key = ? AND state IN ('sending', 'awaiting_confirmation');"));
    if (!st)
        return st.error();
    st->bind(1, intentStateName(state));
    if (transactionId.isEmpty())
        st->bindNull(2);
    else
        st->bind(2, transactionId);
    if (response.isEmpty())
        st->bindNull(3);
    else
        st->bind(3, QString::fromUtf8(response));
    if (code.isEmpty())
        st->bindNull(4);
    else
        st->bind(4, code);
    if (message.isEmpty())
        st->bindNull(5);
    else
        st->bind(5, message);
    st->bind(6, now());
    st->bind(7, key);
    return st->exec();
}

Result<QList<PaymentIntent>> PaymentOutbox::select(const QString &where, const QString &key)
{
    auto st = m_db->prepare(QStringLiteral(
                                "SELECT idempotency_key, kind, method_path, body, amount, currency, state, attempts, "
                                "transaction_id, response, error_code, error_message, created_at FROM payment_outbox "
                                "WHERE %1 ORDER BY created_at, rowid;")
                                .arg(where));
    if (!st)
        return st.error();
    if (!key.isEmpty())
        st->bind(1, key);
    QList<PaymentIntent> out;
    const Status walked = st->forEachRow([&] {
        PaymentIntent i;
        i.key = st->text(0);
        i.kind = st->text(1);
        i.path = st->text(2);
        i.body = st->text(3).toUtf8();
        i.amount = st->int64(4);
        i.currency = st->text(5);
        i.state = stateFromName(st->text(6));
        i.attempts = int(st->int64(7));
        i.transactionId = st->text(8);
        i.response = st->text(9).toUtf8();
        i.errorCode = st->text(10);
        i.errorMessage = st->text(11);
        i.createdAt = st->text(12);
        out.append(std::move(i));
    });
    if (!walked)
        return walked.error();
    return out;
}

Result<PaymentIntent> PaymentOutbox::find(const QString &key)
{
    auto rows = select(QStringLiteral("idempotency_key = ?"), key);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such payment intent"));
    return rows->constFirst();
}

Result<QList<PaymentIntent>> PaymentOutbox::unanswered()
{
    return select(QStringLiteral("state IN ('sending', 'awaiting_confirmation')"), {});
}

} // namespace plaza::wallet
