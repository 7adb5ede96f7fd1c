// SPDX-License-Identifier: MIT
#pragma once

#include "savings/goalprogress.h"

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>

namespace plaza {
class Session;
namespace sync {
struct ChangeSet;
}
}

namespace plaza::savings {

//! The savings goals from the cache (the app registers it with QML_FOREIGN) (at most 20, so the whole list is held), oldest first,
//! with progress and on-track/behind from projectGoal() at the cached APY. Refreshes by row
//! when a sync batch names the goals or the savings (the APY): removed goals are removed,
//! new ones inserted, changed ones dataChanged — never a reset for one goal.
class GoalsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("session/session.h")
    Q_PROPERTY(plaza::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1, //!< (goalId) "g_12"
        NameRole,                  //!< (name)
        TargetMinorRole,           //!< (targetMinor) qint64
        SavedMinorRole,            //!< (savedMinor) qint64
        CurrencyRole,              //!< (currency)
        FormattedTargetRole,       //!< (formattedTarget)
        FormattedSavedRole,        //!< (formattedSaved)
        ProgressRole,              //!< (progress) saved / target, 0…1 (for a bar; never money)
        DeadlineRole,              //!< (deadline) QDate, invalid when none
        StatusRole,                //!< (status) no_deadline, reached, on_track, behind, overdue
        NeededMonthlyMinorRole,    //!< (neededMonthlyMinor) to reach the target by the deadline; -1 impossible
        FormattedNeededMonthlyRole,//!< (formattedNeededMonthly) empty when 0 or impossible
        ProjectedMinorRole,        //!< (projectedMinor) at the deadline, keeping the pace
        CreatedAtRole,             //!< (createdAt) QDateTime
    };
    Q_ENUM(Role)

    struct Goal {
        QString id;
        QString name;
        qint64 target = 0;
        qint64 saved = 0;
        QString currency;
        QDate deadline;
        QDateTime createdAt;
        GoalProjection projection;
        friend bool operator==(const Goal &a, const Goal &b)
        {
            return a.id == b.id && a.name == b.name && a.target == b.target && a.saved == b.saved
                && a.currency == b.currency && a.deadline == b.deadline && a.projection.status == b.projection.status
                && a.projection.neededMonthlyMinor == b.projection.neededMonthlyMinor
                && a.projection.projectedMinor == b.projection.projectedMinor;
        }
    };

    explicit GoalsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] const QList<Goal> &goals() const { return m_goals; }

    //! The day projections start from (tests; default: the current UTC day).
    void setToday(QDate today) { m_today = today; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void sessionChanged();
    void countChanged();
    void errorChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    void setError(const QString &error);

    QPointer<Session> m_session;
    QList<QMetaObject::Connection> m_connections;
    QList<Goal> m_goals;
    QDate m_today;
    QString m_error;
};

} // namespace plaza::savings
