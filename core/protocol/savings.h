// SPDX-License-Identifier: MIT
#pragma once

// Savings (docs/api.md "Savings"): the account summary, its goals, rate changes and daily
// interest, with their codecs. Interest is counted in micros (millionths of a minor unit).

#include "protocol/types.h"

#include <optional>

namespace plaza::protocol {

//! Goal: {"id","name","target":Money,"saved":Money,"deadline":"YYYY-MM-DD"|null,"created_at"}.
struct SavingsGoal {
    QString id;
    QString name;
    Money target;
    Money saved;
    QString deadline; //!< "YYYY-MM-DD", or a null QString for none
    QDateTime createdAt; //!< invalid when the server did not say

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<SavingsGoal> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("goal"));
};

//! An APY change; the data of savings.rate_changed and the summary's "rate_change".
struct RateChange {
    qint64 apyBps = 0;
    std::optional<qint64> previousApyBps;
    QString effectiveDate; //!< "YYYY-MM-DD"

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<RateChange> fromJson(const QJsonObject &o,
                                                     const QString &context = QStringLiteral("savings.rate_changed"));
};

//! GET /v1/savings; the data of savings.updated. Every amount is in the wallet's currency.
struct SavingsAccount {
    Money balance;
    Money unassigned;            //!< the balance when an older server leaves it out
    qint64 apyBps = 0;
    Money interestThisMonth;
    Money interestTotal;
    qint64 accumulatedMicros = 0;
    QList<SavingsGoal> goals;
    std::optional<RateChange> rateChange;
    QDateTime asOf;              //!< invalid when the server did not say

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<SavingsAccount> fromJson(const QJsonObject &o,
                                                         const QString &context = QStringLiteral("savings"));
};

//! One day of GET /v1/savings/interest: {"date","balance","apy_bps","accrued_micros","paid":Money|null}.
struct InterestDay {
    QString date; //!< "YYYY-MM-DD"
    Money balance;
    qint64 apyBps = 0;
    qint64 accruedMicros = 0;
    std::optional<Money> paid; //!< the payout, on a month's last day

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<InterestDay> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("interest"));
};

//! GET /v1/savings/interest: {"items":[InterestDay],"next_before":date|null}.
struct InterestPage {
    QList<InterestDay> items;
    std::optional<QString> nextBefore;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<InterestPage> fromJson(const QJsonObject &o,
                                                       const QString &context = QStringLiteral("interest"));
};

} // namespace plaza::protocol
