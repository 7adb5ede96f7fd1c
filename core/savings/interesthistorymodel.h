// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>

#include <memory>

namespace plaza {
class Session;
namespace sync {
struct ChangeSet;
}
namespace storage {
class Database;
}
}

namespace plaza::savings {

//! The savings interest history from the cache, oldest first, for a chart (the app
//! registers it with QML_FOREIGN). Two granularities:
//! - "month" (default): one point per month — the month's accruals and its payout — read in
//!   one query grouped by month: 120 points for ten years;
//! - "day": one point per day, read a page at a time (canFetchMore/fetchMore, keyset on the
//!   date), so ten years of days (3,650 rows) never have to be held or read at once.
//! Amounts: accrued in micros (qint64) and as minor units (double, for plotting only);
//! paid and balance in minor units. Call reload() after SavingsService::historyChanged.
class InterestHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("session/session.h")
    Q_PROPERTY(plaza::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString granularity READ granularity WRITE setGranularity NOTIFY granularityChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    Q_PROPERTY(qint64 maxAccruedMicros READ maxAccruedMicros NOTIFY countChanged)
    Q_PROPERTY(qint64 totalPaidMinor READ totalPaidMinor NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        DateRole = Qt::UserRole + 1, //!< (date) QDate: the day, or the 1st of the month
        AccruedMicrosRole,           //!< (accruedMicros) qint64: the day's (month's) accruals
        AccruedRole,                 //!< (accrued) double minor units, for plotting only
        PaidMinorRole,               //!< (paidMinor) qint64: interest paid for that day (month), 0 if none
        BalanceMinorRole,            //!< (balanceMinor) qint64: closing balance (of the month's last day)
        ApyBpsRole,                  //!< (apyBps) int: the rate of that day (month's last day)
        CurrencyRole,                //!< (currency)
    };
    Q_ENUM(Role)

    struct Point {
        QDate date;
        qint64 accruedMicros = 0;
        qint64 paidMinor = 0;
        qint64 balanceMinor = 0;
        int apyBps = 0;
        QString currency;
    };

    explicit InterestHistoryModel(QObject *parent = nullptr);
    ~InterestHistoryModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] QString granularity() const { return m_monthly ? QStringLiteral("month") : QStringLiteral("day"); }
    void setGranularity(const QString &granularity);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    [[nodiscard]] bool atEnd() const { return m_atEnd; }
    [[nodiscard]] qint64 maxAccruedMicros() const { return m_maxAccrued; }
    [[nodiscard]] qint64 totalPaidMinor() const { return m_totalPaid; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] const QList<Point> &points() const { return m_points; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void sessionChanged();
    void granularityChanged();
    void pageSizeChanged();
    void countChanged();
    void atEndChanged();
    void errorChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    [[nodiscard]] bool ensureOpen();
    void loadPage();
    void setError(const QString &error);
    void setAtEnd(bool atEnd);

    QPointer<Session> m_session;
    QList<QMetaObject::Connection> m_connections;
    std::unique_ptr<storage::Database> m_db;
    QList<Point> m_points;
    bool m_monthly = true;
    int m_pageSize = 366;
    bool m_atEnd = true;
    qint64 m_maxAccrued = 0;
    qint64 m_totalPaid = 0;
    QString m_error;
};

} // namespace plaza::savings
