// SPDX-License-Identifier: MIT
#pragma once

#include "savings/savingsservice.h"
#include "storage/rowchanges.h"

#include <QAbstractListModel>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QVariantMap>

namespace plaza::savings {

//! The savings goals, oldest first, from the cache (a read connection), with their progress
//! and "on track / behind" from the projection (projectGoal, savings/goalprogress.h, at the
//! account's APY). It follows the service's change stream and updates by goal id: a new goal
//! is rowsInserted, a changed one dataChanged (only the roles that changed), a deleted one
//! rowsRemoved — never a reset. The app registers it with QML_FOREIGN:
//! `GoalsModel { service: savingsService }`.
class GoalsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::savings::SavingsService *service READ service WRITE setService NOTIFY serviceChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    //! Grows whenever a row is inserted, changed or removed: a binding that calls get() or
    //! indexOf() names it to be evaluated again (a JavaScript list of the goals, a lookup by id).
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
public:
    enum Role {
        GoalIdRole = Qt::UserRole + 1, //!< "goalId" (QML reserves "id")
        NameRole,
        TargetMinorRole,
        SavedMinorRole,
        FormattedTargetRole,
        FormattedSavedRole,
        ProgressRole,          //!< 0…1
        DeadlineRole,          //!< "YYYY-MM-DD" (a day in the user's zone) or ""
        StatusRole,            //!< goalStatusName
        OnTrackRole,           //!< reached, on track or just started
        MonthsLeftRole,        //!< calendarSpan to the deadline
        DaysLeftRole,
        TargetInputRole,       //!< the target as the user would type it, for editing
        ProjectedMinorRole,    //!< with a deadline: the balance projected at it (else 0)
        FormattedProjectedRole,
        MonthlyNeededMinorRole, //!< when a deposit is needed, else 0
        FormattedMonthlyNeededRole,
        DepositsRole,          //!< how many deposits that is (today's and each 1st), else 0
    };
    Q_ENUM(Role)

    explicit GoalsModel(QObject *parent = nullptr);
    ~GoalsModel() override;

    [[nodiscard]] SavingsService *service() const { return m_service; }
    void setService(SavingsService *service);
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] int revision() const { return m_revision; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    //! Row \a row as {role name: value} (empty outside the model).
    Q_INVOKABLE [[nodiscard]] QVariantMap get(int row) const;
    //! The row of goal \a id, or -1.
    Q_INVOKABLE [[nodiscard]] int indexOf(const QString &id) const;

    //! Reads the goals again and applies the difference by id.
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void serviceChanged();
    void countChanged();
    void revisionChanged();
    //! The list could not be read: an ErrorCode name (QML: Errors.describe).
    void failed(const QString &code);

private:
    struct Row {
        QString id;
        QVariantMap values; //!< role name → value, as data() answers
    };
    void connectSession();
    void onChanged(const plaza::storage::RowChanges &changes, bool reset);
    [[nodiscard]] QList<Row> read(bool *ok);
    void apply(const QList<Row> &rows);

    QPointer<SavingsService> m_service;
    QList<QMetaObject::Connection> m_connections;
    QList<QMetaObject::Connection> m_sessionConnections;
    QList<Row> m_rows;
    int m_revision = 0;
};

} // namespace plaza::savings
