// SPDX-License-Identifier: MIT
#pragma once

#include "money/money.h"
#include "savings/savingsservice.h"
#include "storage/rowchanges.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>

namespace plaza::savings {

//! The Savings tab's figures, from the encrypted cache through a read connection (so it
//! opens offline): balance, unassigned part, APY, interest this month and in total, the
//! announced APY change, and the daily interest history for the chart (as points in data
//! units: LineChart.qml maps them to pixels). Each figure has its own NOTIFY signal, emitted
//! when a read changes it. It follows the cache's change stream (storage::Cache::changed);
//! the service talks to the server and writes, the GoalsModel lists the goals. The app
//! registers it with QML_FOREIGN: `SavingsSummary { service: savingsService }`.
class SavingsSummary : public QObject
{
    Q_OBJECT
    Q_PROPERTY(plaza::savings::SavingsService *service READ service WRITE setService NOTIFY serviceChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    Q_PROPERTY(bool stale READ stale NOTIFY staleChanged)
    //! The savings account's currency (the wallet's while the cache has no savings row yet).
    Q_PROPERTY(QString currency READ currency NOTIFY currencyChanged)
    Q_PROPERTY(qint64 balanceMinor READ balanceMinor NOTIFY balanceChanged)
    Q_PROPERTY(QString formattedBalance READ formattedBalance NOTIFY balanceChanged)
    Q_PROPERTY(qint64 unassignedMinor READ unassignedMinor NOTIFY unassignedChanged)
    Q_PROPERTY(QString formattedUnassigned READ formattedUnassigned NOTIFY unassignedChanged)
    Q_PROPERTY(int apyBps READ apyBps NOTIFY apyChanged)
    Q_PROPERTY(QString formattedApy READ formattedApy NOTIFY apyChanged)
    Q_PROPERTY(QString formattedInterestThisMonth READ formattedInterestThisMonth NOTIFY interestChanged)
    Q_PROPERTY(qint64 interestEarnedMinor READ interestEarnedMinor NOTIFY interestChanged)
    Q_PROPERTY(QString formattedInterestTotal READ formattedInterestTotal NOTIFY interestChanged)
    Q_PROPERTY(QDateTime asOf READ asOf NOTIFY asOfChanged)
    Q_PROPERTY(QVariantMap rateChange READ rateChange NOTIFY rateChangeChanged)
    Q_PROPERTY(int historyDays READ historyDays NOTIFY historyChanged)
    //! The ErrorCode name of the last read that failed, or "" (QML: Errors.describe).
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorCodeChanged)
public:
    explicit SavingsSummary(QObject *parent = nullptr);
    ~SavingsSummary() override;

    [[nodiscard]] SavingsService *service() const { return m_service; }
    void setService(SavingsService *service);

    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] bool stale() const;
    [[nodiscard]] QString currency() const { return m_currency; }
    [[nodiscard]] qint64 balanceMinor() const { return m_balance; }
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
    [[nodiscard]] QVariantMap rateChange() const;
    [[nodiscard]] int historyDays() const { return int(m_history.size()); }
    [[nodiscard]] QString errorCode() const { return m_errorCode; }

    [[nodiscard]] static QString formatApy(int bps);

    //! Reads the cache again.
    Q_INVOKABLE void reload();

    //! The interest history as chart points in data units: x the day's index (0 = the first
    //! day), y the interest earned up to that day (cumulative accruals, in minor units of
    //! currency, fractional). At most \a maxPoints points (at least 2), evenly spread over the
    //! days, the first and last days always in: smooth and cheap with ten years of days.
    Q_INVOKABLE [[nodiscard]] QVariantList historyPoints(int maxPoints) const;
    //! {totalMinor, formattedTotal, maxValue (the highest y of historyPoints, or 1 when
    //! nothing was earned), lastIndex (the highest x), from, to ("YYYY-MM-DD", server days)}.
    Q_INVOKABLE [[nodiscard]] QVariantMap historyInfo() const;
    //! The balance projected 12 months ahead at the current APY, month by month, with a
    //! monthly deposit typed in the user's locale ("" or invalid: none):
    //! {ok, months: [{month ("YYYY-MM-DD"), withoutMinor, withMinor}], formattedWithout,
    //! formattedWith, maxMinor}.
    Q_INVOKABLE [[nodiscard]] QVariantMap projection(const QString &monthlyDepositText) const;

Q_SIGNALS:
    void serviceChanged();
    void loadedChanged();
    void staleChanged();
    void currencyChanged();
    void balanceChanged();
    void unassignedChanged();
    void apyChanged();
    void interestChanged();
    void asOfChanged();
    void rateChangeChanged();
    void historyChanged();
    void errorCodeChanged();

private:
    struct Day {
        QDate date;
        qint64 accruedMicros = 0;
        qint64 paidMinor = 0;
        bool operator==(const Day &other) const = default;
    };
    [[nodiscard]] storage::Cache *cache() const;
    void connectSession();
    void onChanged(const plaza::storage::RowChanges &changes, bool reset);
    void onLocaleChanged();
    void setErrorCode(const QString &code);

    QPointer<SavingsService> m_service;
    QList<QMetaObject::Connection> m_connections;
    QList<QMetaObject::Connection> m_sessionConnections;
    bool m_loaded = false;
    QString m_currency;
    qint64 m_balance = 0;
    qint64 m_unassigned = 0;
    int m_apyBps = 0;
    qint64 m_interestThisMonth = 0;
    qint64 m_interestTotal = 0;
    QDateTime m_asOf;
    //! The announcement as read: {apy, previous, effective}; shown while upcoming and for 30 days after.
    int m_rateApy = 0;
    int m_ratePrevious = 0;
    QDate m_rateEffective;
    QList<Day> m_history; //!< oldest first
    QString m_errorCode;
};

} // namespace plaza::savings
