// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"
#include "wallet/walletservice.h"

#include <QCoroTask>
#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>

namespace plaza {
class Session;
namespace storage {
class Database;
}
}

namespace plaza::savings {

//! Savings actions as coroutines, for the CLI and C++ callers (the Savings tab uses
//! SavingsSummary's and WalletService's invokables). Deposits and withdrawals are money:
//! they go through the wallet's payment outbox (WalletService::moveSavings) — stored with
//! their Idempotency-Key before the first try, retried with the same key until the server
//! answers, never sent while offline. Goals are plain requests (no money moves). The cache
//! follows through sync (savings.updated); the daily interest history, which the log does
//! not carry, is pulled from GET /v1/savings/interest into the cache incrementally by
//! refreshInterestHistory(). Lives on the session's thread.
class SavingsService : public QObject
{
    Q_OBJECT
public:
    SavingsService(Session *session, wallet::WalletService *wallet, QObject *parent = nullptr);
    ~SavingsService() override;

    //! Longest goal name the reference server takes (characters).
    static constexpr int kMaxGoalNameChars = 40;

    //! POST /v1/savings/deposits (\a goalId empty: the unassigned part).
    QCoro::Task<Result<wallet::PaymentOutcome>> deposit(Money amount, QString goalId = {});
    //! POST /v1/savings/withdrawals (\a goalId empty: from the unassigned part).
    QCoro::Task<Result<wallet::PaymentOutcome>> withdraw(Money amount, QString goalId = {});

    //! POST /v1/savings/goals → the Goal. \a deadline invalid: none.
    QCoro::Task<Result<QJsonObject>> createGoal(QString name, Money target, QDate deadline = {});
    //! PATCH /v1/savings/goals/{id} with only what is given → the Goal.
    QCoro::Task<Result<QJsonObject>> renameGoal(QString goalId, QString name);
    QCoro::Task<Result<QJsonObject>> setGoalTarget(QString goalId, Money target);
    //! \a deadline invalid: clears it.
    QCoro::Task<Result<QJsonObject>> setGoalDeadline(QString goalId, QDate deadline);
    //! DELETE /v1/savings/goals/{id}: its money becomes unassigned.
    QCoro::Task<Status> deleteGoal(QString goalId);

    //! GET /v1/savings.
    QCoro::Task<Result<QJsonObject>> fetchSavings();
    //! Pulls the interest days newer than the newest cached one (all of them the first
    //! time) into the cache; returns how many rows were written.
    QCoro::Task<Result<int>> refreshInterestHistory();

    //! Local checks (the server checks again): 1 … Money::kMaxApiAmount minor units.
    [[nodiscard]] static Status validateAmount(const Money &amount);
    //! Trimmed, 1 … kMaxGoalNameChars characters.
    [[nodiscard]] static Result<QString> validateGoalName(const QString &name);

Q_SIGNALS:
    //! New interest days are in the cache (refreshInterestHistory()).
    void historyChanged();

private:
    QCoro::Task<Result<wallet::PaymentOutcome>> move(bool deposit, Money amount, QString goalId);
    QCoro::Task<Result<QJsonObject>> patchGoal(QString goalId, QJsonObject body);

    QPointer<Session> m_session;
    QPointer<wallet::WalletService> m_wallet;
};

} // namespace plaza::savings
