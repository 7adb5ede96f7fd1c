// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include "common/result.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/rowchanges.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

namespace plaza::savings {

//! The Savings tab's talk with the server and its writes to the cache. `refresh()` asks for
//! GET /v1/savings and the interest history days the cache lacks, and stores them through the
//! cache writer (CacheWriter::run, on its thread: nothing here writes on the UI thread nor
//! opens a write connection). Goals are created, changed and deleted here (they move no
//! money; the server's savings.updated event brings the new list back through sync).
//! Deposits and withdrawals move money: they go through WalletService's payment outbox
//! (exactly once, App.wallet).
//!
//! What it writes is published on the cache's one change stream (storage::Cache::changed), as
//! sync batches are: the SavingsSummary and the GoalsModel listen there, nowhere else.
class SavingsService : public QObject
{
    Q_OBJECT
    //! The account it works for (QML: `account: App.session`).
    Q_PROPERTY(plaza::AccountContext *account READ account WRITE setAccount NOTIFY accountChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    //! The ErrorCode name of the last refresh that failed for another reason than the
    //! connection ("" otherwise); QML translates it with Errors.describe.
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorCodeChanged)
public:
    explicit SavingsService(QObject *parent = nullptr);
    ~SavingsService() override;

    [[nodiscard]] AccountContext *account() const { return m_account; }
    //! The local copy the savings models read (null without an account).
    [[nodiscard]] storage::Cache *cache() const { return m_account ? m_account->cache() : nullptr; }
    void setAccount(AccountContext *account);
    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] QString errorCode() const { return m_errorCode; }

    //! GET /v1/savings and the interest history into the cache (then a change on the cache's stream).
    Q_INVOKABLE void refresh();

    //! Goals: each ends in goalSaved or goalFailed (an ErrorCode name and a field). A target
    //! that does not parse or is zero (field "target") and, for update and delete, a
    //! malformed id (not_found, field "goal_id") are refused at once, without a request.
    //! \a deadlineIso is a day "YYYY-MM-DD" in the user's zone, or "" for none. The target is
    //! in the savings account's currency (the wallet's while the cache has no savings row).
    Q_INVOKABLE void createGoal(const QString &name, const QString &targetText, const QString &deadlineIso);
    Q_INVOKABLE void updateGoal(const QString &id, const QString &name, const QString &targetText,
                                const QString &deadlineIso);
    Q_INVOKABLE void deleteGoal(const QString &id);

Q_SIGNALS:
    void accountChanged();
    void busyChanged();
    void errorCodeChanged();
    void goalSaved();
    void goalFailed(const QString &code, const QString &field);

private:
    QCoro::Task<void> refreshTask();
    QCoro::Task<void> goalTask(QString method, QString path, QJsonObject body);
    //! The body's name, target and deadline; an empty object after goalFailed.
    QJsonObject goalBody(const QString &name, const QString &targetText, const QString &deadlineIso, bool patch);
    void setBusy(bool busy);
    void setErrorCode(const QString &code);

    QPointer<AccountContext> m_account;
    QList<QMetaObject::Connection> m_connections;
    QString m_errorCode;
    int m_busy = 0;
};

} // namespace plaza::savings
