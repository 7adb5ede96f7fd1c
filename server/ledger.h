// SPDX-License-Identifier: MIT
#pragma once

// The double-entry ledger behind the wallet (docs/api.md "Wallet"). Every movement is
// one ledger transaction with one debit and one credit entry that sum to zero, written
// inside the caller's ServerDb::write() together with its events; balances of users'
// accounts never go negative (checked here and by a CHECK constraint), completed rows
// are immutable (triggers), so the sum of all accounts is always zero.

#include "common/result.h"
#include "protocol/wallet.h"

#include <QJsonObject>
#include <QString>

#include <utility>

namespace plaza::server {

class ServerDb;

namespace ids {
inline constexpr QStringView kTransaction = u"t_";
inline constexpr QStringView kPaymentRequest = u"pr_";
inline constexpr QStringView kMessage = u"m_";
} // namespace ids

//! The currency of every new account (one currency per user in v1).
inline const QString kDefaultCurrency = QStringLiteral("EUR");

//! Payment limits by verification level, in minor units (docs/api.md "Limits").
struct WalletLimits {
    qint64 perPayment = 0;
    qint64 daily = 0;
};
[[nodiscard]] WalletLimits limitsFor(bool fullyVerified);

//! What moves: kind is one of api-v1's transaction kinds.
struct Movement {
    QString kind;
    qint64 fromAccount = 0;
    qint64 toAccount = 0;
    qint64 amount = 0;            //!< > 0, minor units
    QString currency;
    QString note;
    qint64 requestId = 0;         //!< 0: none
    qint64 conversationId = 0;    //!< 0: none
    qint64 refundOf = 0;          //!< 0: not a refund
    qint64 createdAtMs = 0;
};

//! A user's wallet account as far as a payment needs it: its id (0: none yet) and currency
//! (the default one when there is no account yet).
struct WalletAccount {
    qint64 id = 0;
    QString currency;
};
//! The wallet accounts of \a first and \a second, in one look-up; creates nothing.
[[nodiscard]] Result<std::pair<WalletAccount, WalletAccount>> walletAccounts(ServerDb &db, qint64 first, qint64 second);

//! The wallet account of \a userId, created (empty, in the default currency) if it
//! does not exist yet. Inside a write transaction.
[[nodiscard]] Result<qint64> ensureWalletAccount(ServerDb &db, qint64 userId);
//! The system account of \a kind ("card_funding", "interest"); it exists from the migration on.
[[nodiscard]] Result<qint64> systemAccount(ServerDb &db, const QString &kind);

//! Posts \a movement: checks that the source can afford it (InsufficientFunds),
//! inserts the transaction and both entries, updates both balances and, for money a
//! user's wallet sends to people and merchants, that user's total of the day. Inside a
//! write transaction; returns the transaction's row id.
[[nodiscard]] Result<qint64> post(ServerDb &db, const Movement &movement);

//! The Transaction object of api-v1 as \a userId sees it (direction, counterparty,
//! balance_after of their wallet). NotFound if the user has no part in it.
[[nodiscard]] Result<protocol::Transaction> loadTransaction(ServerDb &db, qint64 userId, qint64 transactionId);
//! loadTransaction() encoded by its codec.
[[nodiscard]] Result<QJsonObject> transactionJson(ServerDb &db, qint64 userId, qint64 transactionId);

//! The GET /v1/wallet object of \a userId at \a nowMs.
[[nodiscard]] Result<protocol::Wallet> loadWallet(ServerDb &db, qint64 userId, qint64 nowMs);
//! loadWallet() encoded by its codec.
[[nodiscard]] Result<QJsonObject> walletJson(ServerDb &db, qint64 userId, qint64 nowMs);

//! Whether money of this movement kind leaving a user's wallet counts against the
//! daily limit (docs/api.md "Limits"): transfers and merchant payments, not refunds,
//! top-ups or savings moves.
[[nodiscard]] bool countsAgainstDailyLimit(QStringView kind);

//! What \a userId sent to people and merchants on \a nowMs's UTC day (since 00:00 UTC):
//! one look-up of the total post() keeps per user and day (wallet_daily_sent), whatever
//! the length of the user's history.
[[nodiscard]] Result<qint64> spentToday(ServerDb &db, qint64 userId, qint64 nowMs);

//! Checks the payer's limits for an outgoing payment of \a amount (LimitExceeded).
[[nodiscard]] Status checkLimits(ServerDb &db, qint64 userId, qint64 amount, qint64 nowMs);

//! Appends transaction.created and wallet.updated to the log of every user who has a
//! part in \a transactionId (system accounts have no log). Returns the transaction as
//! \a viewerId sees it (the object their event carries, so that the answer to the request
//! need not read it again), or an empty object when \a viewerId has no part in it.
[[nodiscard]] Result<QJsonObject> logMovement(ServerDb &db, qint64 transactionId, qint64 nowMs, qint64 viewerId = 0);

} // namespace plaza::server
