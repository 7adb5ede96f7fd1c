// SPDX-License-Identifier: MIT
#pragma once

#include "storage/cache.h"
#include "sync/changeset.h"

#include "money/money.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace plaza::wallet {

//! The wallet row of the cache (balance, limits, verification) for the UI. `loaded` stays
//! false until the cache has a wallet (never "0.00 €" while loading); `stale` is true when
//! offline or when the last sync is older than staleAfterMinutes. Re-reads itself when a
//! sync batch names the wallet. The app registers it with QML_FOREIGN (QML name WalletSummary).
class WalletSummary : public QObject
{
    Q_OBJECT
    //! The local copy it reads (Session::cache); nothing else is needed.
    Q_PROPERTY(plaza::storage::Cache *cache READ cache WRITE setCache NOTIFY cacheChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(bool stale READ stale NOTIFY staleChanged)
    Q_PROPERTY(qint64 balanceMinor READ balanceMinor NOTIFY changed)
    Q_PROPERTY(qint64 availableMinor READ availableMinor NOTIFY changed)
    Q_PROPERTY(QString currency READ currency NOTIFY changed)
    Q_PROPERTY(QString formattedBalance READ formattedBalance NOTIFY changed)
    Q_PROPERTY(QString formattedAvailable READ formattedAvailable NOTIFY changed)
    Q_PROPERTY(QString verification READ verification NOTIFY changed)
    Q_PROPERTY(qint64 limitPerPaymentMinor READ limitPerPaymentMinor NOTIFY changed)
    Q_PROPERTY(qint64 limitDailyMinor READ limitDailyMinor NOTIFY changed)
    Q_PROPERTY(qint64 remainingTodayMinor READ remainingTodayMinor NOTIFY changed)
    Q_PROPERTY(QDateTime asOf READ asOf NOTIFY changed)
    Q_PROPERTY(int staleAfterMinutes READ staleAfterMinutes WRITE setStaleAfterMinutes NOTIFY staleChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY changed)
public:
    explicit WalletSummary(QObject *parent = nullptr);

    [[nodiscard]] storage::Cache *cache() const { return m_cache; }
    void setCache(storage::Cache *cache);

    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] bool stale() const;
    [[nodiscard]] qint64 balanceMinor() const { return m_balance.minor(); }
    [[nodiscard]] qint64 availableMinor() const { return m_available.minor(); }
    [[nodiscard]] QString currency() const { return m_balance.currency(); }
    [[nodiscard]] QString formattedBalance() const { return m_loaded ? m_balance.format() : QString(); }
    [[nodiscard]] QString formattedAvailable() const { return m_loaded ? m_available.format() : QString(); }
    [[nodiscard]] QString verification() const { return m_verification; }
    [[nodiscard]] qint64 limitPerPaymentMinor() const { return m_limitPerPayment; }
    [[nodiscard]] qint64 limitDailyMinor() const { return m_limitDaily; }
    [[nodiscard]] qint64 remainingTodayMinor() const { return m_remainingToday; }
    [[nodiscard]] QDateTime asOf() const { return m_asOf; }
    [[nodiscard]] int staleAfterMinutes() const { return m_staleAfterMinutes; }
    void setStaleAfterMinutes(int minutes);
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] Money balance() const { return m_balance; }

    //! Reads the wallet row again.
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void cacheChanged();
    void changed();
    void staleChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    void onMinute();

    QPointer<storage::Cache> m_cache;
    QList<QMetaObject::Connection> m_connections;
    bool m_loaded = false;
    Money m_balance;
    Money m_available;
    QString m_verification;
    qint64 m_limitPerPayment = 0;
    qint64 m_limitDaily = 0;
    qint64 m_remainingToday = 0;
    QDate m_limitDay; //!< the UTC day m_remainingToday speaks of
    QDateTime m_asOf;
    int m_staleAfterMinutes = 5;
    QTimer m_ageTimer; //!< re-evaluates `stale` as the last sync ages
    QString m_error;
};

} // namespace plaza::wallet
