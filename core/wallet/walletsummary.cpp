// SPDX-License-Identifier: MIT
#include "wallet/walletsummary.h"

#include "common/clock.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

namespace plaza::wallet {

WalletSummary::WalletSummary(QObject *parent) : QObject(parent)
{
    // Nothing else happens when a sync simply gets old: say so once a minute.
    // The same minute also notices 00:00 UTC, when the daily limit starts again.
    m_ageTimer.setInterval(std::chrono::minutes(1));
    connect(&m_ageTimer, &QTimer::timeout, this, &WalletSummary::onMinute);
    connect(Clock::instance(), &Clock::jumped, this, &WalletSummary::onMinute);
    m_ageTimer.start();
}

void WalletSummary::setCache(storage::Cache *cache)
{
    if (m_cache == cache)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_cache = cache;
    if (m_cache) {
        m_connections << connect(m_cache, &storage::Cache::openChanged, this, &WalletSummary::reload);
        m_connections << connect(m_cache, &storage::Cache::freshnessChanged, this, &WalletSummary::staleChanged);
        m_connections << connect(m_cache, &storage::Cache::localeChanged, this, &WalletSummary::changed);
        m_connections << connect(m_cache, &storage::Cache::changed, this, &WalletSummary::onApplied);
    }
    Q_EMIT cacheChanged();
    Q_EMIT staleChanged();
    reload();
}

void WalletSummary::setStaleAfterMinutes(int minutes)
{
    if (m_staleAfterMinutes != minutes) {
        m_staleAfterMinutes = minutes;
        Q_EMIT staleChanged();
    }
}

bool WalletSummary::stale() const
{
    return !m_cache || m_cache->isStale(std::chrono::minutes(m_staleAfterMinutes), Clock::instance()->nowUtc());
}

void WalletSummary::onMinute()
{
    Q_EMIT staleChanged();
    if (m_loaded && m_limitDay != Clock::instance()->todayUtc())
        reload();
}

void WalletSummary::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset || changes.changes.touches(storage::Table::Wallet))
        reload();
}

void WalletSummary::reload()
{
    if (!m_cache || !m_cache->isOpen()) {
        if (m_loaded) {
            m_loaded = false;
            Q_EMIT changed();
        }
        return;
    }
    // A short-lived read connection: one row, read rarely (only when a sync names it).
    auto db = m_cache->openConnection();
    if (!db) {
        m_error = db.error().codeName();
        Q_EMIT changed();
        return;
    }
    auto st = (*db)->prepare(QStringLiteral(
        "SELECT balance, available, currency, verification, limit_per_payment, limit_daily, remaining_today, as_of "
        "FROM wallet WHERE id = 1;"));
    if (!st) {
        m_error = st.error().codeName();
        Q_EMIT changed();
        return;
    }
    auto row = st->step();
    if (!row) {
        m_error = row.error().codeName();
        Q_EMIT changed();
        return;
    }
    m_error.clear();
    m_loaded = *row;
    if (m_loaded) {
        const QString currency = st->text(2);
        m_balance = Money(st->int64(0), currency);
        m_available = Money(st->int64(1), currency);
        m_verification = st->text(3);
        m_limitPerPayment = st->int64(4);
        m_limitDaily = st->int64(5);
        m_remainingToday = st->int64(6);
        m_asOf = QDateTime::fromString(st->text(7), Qt::ISODateWithMs);
        // Daily limits reset at 00:00 UTC (docs/api.md): figures from an earlier UTC day
        // (offline since) still show yesterday's spending; today nothing is spent yet.
        m_limitDay = Clock::instance()->todayUtc();
        if (m_asOf.isValid() && m_asOf.toUTC().date() < m_limitDay)
            m_remainingToday = m_limitDaily;
    }
    Q_EMIT changed();
}

} // namespace plaza::wallet
