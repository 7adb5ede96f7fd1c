// SPDX-License-Identifier: MIT
#pragma once

// Reading the money fields of wallet requests, shared by wallet.cpp (wallet, top-ups,
// transfers, refunds) and paymentrequests.cpp.

#include "common/result.h"
#include "response.h"

#include <QJsonObject>
#include <QString>

namespace plaza::server {

class ServerDb;

//! The longest note on a payment or request, in characters (code points).
inline constexpr qsizetype kMaxNoteChars = 140;

//! The currency of \a userId's wallet (the default one before it exists).
[[nodiscard]] Result<QString> walletCurrency(ServerDb &db, qint64 userId);

//! Reads the Money at \a body["amount"] for a payment by \a userId: the amount must be a
//! JSON integer in 1 … 100000000000 and the currency an ISO 4217-shaped code (else 400
//! invalid_amount); a currency other than the user's is 422 currency_mismatch.
[[nodiscard]] Result<qint64> readAmount(ServerDb &db, qint64 userId, const QJsonObject &body);

//! The optional string \a body["note"] (≤ kMaxNoteChars), empty when absent or null.
[[nodiscard]] Result<QString> readNote(const QJsonObject &body);

//! Pays \a amount from \a payerId's wallet to \a payeeId's (a transfer, or a
//! merchant_payment when the payee is a merchant), inside the caller's transaction:
//! recipient_unavailable, limits and funds are checked, the optional payment message is
//! posted in \a conversationId, and both parties' logs get the movement.
//! 201 with the Transaction as the payer sees it.
[[nodiscard]] Result<Response> payUser(ServerDb &db, qint64 nowMs, qint64 payerId, qint64 payeeId, qint64 amount,
                                       const QString &note, qint64 requestId, qint64 conversationId);

//! Tops up \a userId's wallet by \a amount from the card funding account (inside the
//! caller's transaction) and logs it; returns the transaction's row id.
[[nodiscard]] Result<qint64> topUpWallet(ServerDb &db, qint64 userId, qint64 amount, qint64 nowMs);

//! Creates an open payment request of \a payeeId (\a payerId 0: anyone with the link) in
//! the payee's currency, inside the caller's transaction, and logs payment_request.updated
//! to both parties (paymentrequests.cpp). Returns its row id.
[[nodiscard]] Result<qint64> createPaymentRequest(ServerDb &db, qint64 payeeId, qint64 payerId, qint64 amount,
                                                  const QString &note, qint64 nowMs);

//! Marks open request \a requestId paid by \a payerId with the transaction payUser() just
//! made for it, and logs payment_request.updated to both parties (paymentrequests.cpp).
[[nodiscard]] Status settlePaymentRequest(ServerDb &db, qint64 requestId, qint64 payerId, qint64 nowMs);

//! Marks every open request whose expires_at is at or before \a nowMs expired and logs
//! payment_request.updated to both parties, inside the caller's transaction.
[[nodiscard]] Status expireDuePaymentRequests(ServerDb &db, qint64 nowMs);

//! Ends every open request of a user whose account is being deleted, inside the caller's
//! transaction: those they asked for are cancelled, those asked of them declined, and both
//! parties get payment_request.updated. Nobody is left holding a card that can only fail.
[[nodiscard]] Status endOpenPaymentRequestsOf(ServerDb &db, qint64 userId, qint64 nowMs);
//! The same for the open requests between \a userId and \a otherId only (a block: what
//! \a userId asked for is cancelled, what was asked of them declined).
[[nodiscard]] Status endOpenPaymentRequestsBetween(ServerDb &db, qint64 userId, qint64 otherId, qint64 nowMs);

//! Declines open request \a requestId as its named payer \a payerId inside the caller's
//! transaction and logs payment_request.updated to both parties (a report that declines it,
//! safety.cpp). Forbidden for anyone else, Conflict (details.status) once it is not open.
[[nodiscard]] Status declinePaymentRequest(ServerDb &db, qint64 requestId, qint64 payerId, qint64 nowMs);

} // namespace plaza::server
