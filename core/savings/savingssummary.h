// SPDX-License-Identifier: MIT
#pragma once

#include "money/money.h"
#include "session/session.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>

namespace plaza {
namespace sync {
struct ChangeSet;
}
}

namespace plaza::savings {

//! The Savings tab's data, from the encrypted cache (so it opens offline): balance, APY,
//! interest this month and in total, the announced APY change, the goals with their
//! progress and "on track / behind" from the projection, and the daily interest history
//! for the chart. `refresh()` asks the server (GET /v1/savings and /v1/savings/interest)
//! and stores the answers in the cache; sync keeps them current afterwards. Goals are
//! created, changed and deleted here too (they move no money); deposits and withdrawals
//! go through WalletService (exactly once). The app registers it with QML_FOREIGN.
class SavingsSummary : public QObject
{
    Q_OBJECT
    Q_PROPERTY(plaza::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(bool stale READ stale NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString currency READ currency NOTIFY changed)
    Q_PROPERTY(qint64 balanceMinor READ balanceMinor NOTIFY changed)
    Q_PROPERTY(qint64 unassignedMinor READ unassignedMinor NOTIFY changed)
    Q_PROPERTY(QString formattedBalance READ formattedBalance NOTIFY changed)
    Q_PROPERTY(QString formattedUnassigned READ formattedUnassigned NOTIFY changed)
    Q_PROPERTY(int apyBps READ apyBps NOTIFY changed)
    Q_PROPERTY(QString formattedApy READ formattedApy NOTIFY changed)
    Q_PROPERTY(QString formattedInterestThisMonth READ formattedInterestThisMonth NOTIFY changed)
    Q_PROPERTY(qint64 interestEarnedMinor READ interestEarnedMinor NOTIFY changed)
    Q_PROPERTY(QString formattedInterestTotal READ formattedInterestTotal NOTIFY changed)
    Q_PROPERTY(QDateTime asOf READ asOf NOTIFY changed)
    Q_PROPERTY(QVariantMap rateChange READ rateChange NOTIFY changed)
    Q_PROPERTY(QVariantList goals READ goals NOTIFY changed)
    Q_PROPERTY(int historyDays READ historyDays NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
public:
    explicit SavingsSummary(QObject *parent = nullptr);
    ~SavingsSummary() override;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);

    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] bool stale() const;
    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] QString currency() const { return m_balance.currency(); }
    [[nodiscard]] qint64 balanceMinor() const { return m_balance.minor(); }
    [[nodiscard]] qint64 unassignedMinor() const { return m_unassigned; }
    [[nodiscard]] QString formattedBalance() const;
    [[nodiscard]] QString formattedUnassigned() const;
    [[nodiscard]] int apyBps() const { return m_apyBps; }
    //! "4.50 %" / "4,50 %".
    [[nodiscard]] QString formattedApy() const { return formatApy(m_apyBps); }
    [[nodiscard]] QString formattedInterestThisMonth() const;
    //! Interest earned in total: what was paid (the server's interest_total) plus this
    //! month's, accrued and paid on the next 1st (interest_this_month, or its offline
    //! estimate). The same as the days' accruals summed and rounded half to even, which is
    //! what the history chart draws: one figure, one definition (docs/architecture.md).
    [[nodiscard]] qint64 interestEarnedMinor() const { return m_interestTotal + m_interestThisMonth; }
    [[nodiscard]] QString formattedInterestTotal() const;
    [[nodiscard]] QDateTime asOf() const { return m_asOf; }
    //! {apyBps, previousApyBps, effectiveDate (ISO day, UTC), upcoming (bool), formattedApy,
    //! formattedPreviousApy}, or empty.
    [[nodiscard]] QVariantMap rateChange() const { return m_rateChange; }
    //! One map per goal: {id, name, targetMinor, savedMinor, formattedTarget, formattedSaved,
    //! progress (0…1), deadline ("YYYY-MM-DD" or ""), status (goalStatusName), onTrack (bool:
    //! reached, on track or just started), monthsLeft and daysLeft (calendarSpan to the
    //! deadline), projectedMinor, formattedProjected, and when a deposit is needed
    //! monthlyNeededMinor, formattedMonthlyNeeded and deposits (today's and one on each 1st
    //! up to the deadline). The rules are projectGoal's (savings/goalprogress.h).
    [[nodiscard]] QVariantList goals() const { return m_goals; }
    [[nodiscard]] int historyDays() const { return int(m_history.size()); }
    [[nodiscard]] QString error() const { return m_error; }

    [[nodiscard]] static QString formatApy(int bps);

    //! Reads the cache again.
    Q_INVOKABLE void reload();
    //! GET /v1/savings and the interest history into the cache (then reload()).
    Q_INVOKABLE void refresh();

    //! The interest history as points of a chart \a width × \a height pixels: cumulative
    //! interest earned (accruals, in minor units) per day, at most one point per pixel
    //! column, y growing downwards. Smooth and cheap with ten years of days.
    Q_INVOKABLE [[nodiscard]] QVariantList historyPoints(qreal width, qreal height) const;
    //! {totalMinor, formattedTotal, from, to ("YYYY-MM-DD", server days)} of the history.
    Q_INVOKABLE [[nodiscard]] QVariantMap historyInfo() const;
    //! The balance projected 12 months ahead at the current APY, month by month, with a
    //! monthly deposit typed in the user's locale ("" or invalid: none):
    //! {ok, months: [{month ("YYYY-MM-DD"), withoutMinor, withMinor}], formattedWithout,
    //! formattedWith, maxMinor}.
    Q_INVOKABLE [[nodiscard]] QVariantMap projection(const QString &monthlyDepositText) const;

    //! Goals: each ends in goalSaved or goalFailed (an ErrorCode name, message, field). A
    //! target that does not parse or is zero (field "target") and, for update and delete, a
    //! malformed id (not_found, field "goal_id") are refused at once, without a request.
    //! \a deadlineIso is a day "YYYY-MM-DD" in the user's zone, or "" for none.
    Q_INVOKABLE void createGoal(const QString &name, const QString &targetText, const QString &deadlineIso);
    Q_INVOKABLE void updateGoal(const QString &id, const QString &name, const QString &targetText,
                                const QString &deadlineIso);
    Q_INVOKABLE void deleteGoal(const QString &id);

Q_SIGNALS:
    void sessionChanged();
    void changed();
    void busyChanged();
    void goalSaved();
    void goalFailed(const QString &code, const QString &message, const QString &field);

private:
    struct Day {
        QDate date;
        qint64 accruedMicros = 0;
        qint64 paidMinor = 0;
    };
    void onApplied(const plaza::sync::ChangeSet &changes);
    QCoro::Task<void> refreshTask();
    QCoro::Task<void> goalTask(QString method, QString path, QJsonObject body);
    [[nodiscard]] QVariantMap goalMap(const QString &id, const QString &name, qint64 target, qint64 saved,
                                      const QDate &deadline, const QDateTime &createdAt) const;
    void setBusy(bool busy);

    QPointer<Session> m_session;
    QList<QMetaObject::Connection> m_connections;
    bool m_loaded = false;
    Money m_balance;
    qint64 m_unassigned = 0;
    int m_apyBps = 0;
    qint64 m_interestThisMonth = 0;
    qint64 m_interestTotal = 0;
    QDateTime m_asOf;
    QVariantMap m_rateChange;
    QVariantList m_goals;
    QList<Day> m_history; //!< oldest first
    QString m_error;
    int m_busy = 0;
};

} // namespace plaza::savings
