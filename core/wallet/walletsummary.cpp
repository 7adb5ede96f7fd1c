// SPDX-License-Identifier: MIT
#include "wallet/walletsummary.h"

#include "common/clock.h"
#include "session/session.h"
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

void WalletSummary::setSession(Session *session)
{
    if (m_session == session)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_session = session;
    if (m_session) {
        m_connections << connect(m_session, &Session::stateChanged, this, &WalletSummary::reload);
        m_connections << connect(m_session, &Session::onlineChanged, this, &WalletSummary::staleChanged);
        m_connections << connect(m_session, &Session::syncedChanged, this, &WalletSummary::staleChanged);
        m_connections << connect(m_session, &Session::localeChanged, this, &WalletSummary::changed);
        m_connections << connect(m_session->syncEngine(), &SyncEngine::applied, this, &WalletSummary::onApplied);
    }
    Q_EMIT sessionChanged();
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
    return !m_session || m_session->isStale(std::chrono::minutes(m_staleAfterMinutes));
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
    if (!m_session || m_session->state() != Session::State::Ready) {
        if (m_loaded) {
            m_loaded = false;
            Q_EMIT changed();
        }
        return;
    }
    // A short-lived read connection: one row, read rarely (only when a sync names it).
    auto db = m_session->openCacheConnection();
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
