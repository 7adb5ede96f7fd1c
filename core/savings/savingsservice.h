// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "session/session.h"
#include "storage/rowchanges.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

namespace plaza::sync {
struct ChangeSet;
}

namespace plaza::savings {

//! The Savings tab's talk with the server and its writes to the cache. `refresh()` asks for
//! GET /v1/savings and the interest history days the cache lacks, and stores them through the
//! cache writer (CacheWriter::run, on its thread: nothing here writes on the UI thread nor
//! opens a write connection). Goals are created, changed and deleted here (they move no
//! money; the server's savings.updated event brings the new list back through sync).
//! Deposits and withdrawals move money: they go through WalletService's payment outbox
//! (exactly once, App.wallet).
//!
//! It is also the savings' change stream: `changed` carries the rows a commit touched in the
//! savings tables, from sync (SyncEngine::applied) and from its own writes, once each, so the
//! SavingsSummary and the GoalsModel built on it update without asking the session.
class SavingsService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(plaza::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    //! The ErrorCode name of the last refresh that failed for another reason than the
    //! connection ("" otherwise); QML translates it with Errors.describe.
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorCodeChanged)
public:
    explicit SavingsService(QObject *parent = nullptr);
    ~SavingsService() override;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] QString errorCode() const { return m_errorCode; }

    //! GET /v1/savings and the interest history into the cache (then `changed`).
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
    void sessionChanged();
    void busyChanged();
    void errorCodeChanged();
    //! Rows of savings, savings_goals or savings_interest were committed (\a reset: the
    //! private tables were emptied first, re-read everything).
    void changed(const plaza::storage::RowChanges &changes, bool reset);
    void goalSaved();
    void goalFailed(const QString &code, const QString &field);

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    QCoro::Task<void> refreshTask();
    QCoro::Task<void> goalTask(QString method, QString path, QJsonObject body);
    //! The body's name, target and deadline; an empty object after goalFailed.
    QJsonObject goalBody(const QString &name, const QString &targetText, const QString &deadlineIso, bool patch);
    void setBusy(bool busy);
    void setErrorCode(const QString &code);

    QPointer<Session> m_session;
    QList<QMetaObject::Connection> m_connections;
    QString m_errorCode;
    int m_busy = 0;
};

} // namespace plaza::savings
