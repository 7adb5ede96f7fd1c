// SPDX-License-Identifier: MIT
#pragma once

// The wallet's resources (docs/api.md "Wallet → Objects") and their codecs. Money is integer
// minor units only: a fractional, string or out-of-range amount is refused, never rounded.

#include "protocol/types.h"

#include <optional>

namespace plaza::protocol {

//! A Transaction as one side sees it; the data of transaction.created / transaction.updated.
struct Transaction {
    QString id;
    QString kind;                          //!< top_up, transfer, merchant_payment, refund, savings_*, interest
    QString direction = QStringLiteral("in"); //!< "in" | "out", for the viewer's wallet
    QString status = QStringLiteral("completed");
    Money amount;                          //!< 1 … Money::kMaxApiAmount
    std::optional<User> counterparty;      //!< none for top-ups, savings and interest
    QString note;
    QDateTime createdAt;
    std::optional<Money> balanceAfter;     //!< the viewer's wallet after it
    std::optional<QString> requestId;
    std::optional<QString> conversationId;
    std::optional<QString> refundOf;

    //! The kinds api-v1 has today.
    [[nodiscard]] static const QStringList &kinds();

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Transaction> fromJson(const QJsonObject &o,
                                                      const QString &context = QStringLiteral("transaction"));
};

struct WalletLimits {
    Money perPayment;
    Money daily;
    Money remainingToday;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<WalletLimits> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("limits"));
};

//! GET /v1/wallet; the data of wallet.updated. Every amount is in the wallet's one currency.
struct Wallet {
    Money balance;
    Money available;
    QString verification; //!< "basic" | "full" ("" from a server that does not say)
    std::optional<WalletLimits> limits;
    QDateTime asOf;       //!< invalid when the server did not say

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Wallet> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("wallet"));
};

//! A PaymentRequest as one person sees it; the data of payment_request.updated.
struct PaymentRequest {
    QString id;
    QString link; //!< "plaza://pay/<id>"
    QString status = QStringLiteral("open"); //!< open, paid, declined, cancelled, expired
    Money amount;                            //!< 1 … Money::kMaxApiAmount
    QString note;
    User payee;
    std::optional<User> payer;               //!< who was asked, or who paid a request that named nobody
    std::optional<QString> transactionId;    //!< the payment, once paid
    QDateTime createdAt;                     //!< invalid when the server did not say
    QDateTime expiresAt;

    [[nodiscard]] static const QStringList &statuses();

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<PaymentRequest> fromJson(const QJsonObject &o,
                                                         const QString &context = QStringLiteral("payment_request"));
};

} // namespace plaza::protocol
