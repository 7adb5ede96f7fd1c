// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>

#include <functional>
#include <optional>
#include <utility>

namespace plaza::server {

//! The one source of time of the whole server. Normally the wall clock; with
//! --test-clock, tests move it forward (POST /v1/test/clock) and whatever falls
//! due (interest accrual, payouts) runs from advanced().
class Clock : public QObject
{
    Q_OBJECT
public:
    explicit Clock(bool adjustable, QObject *parent = nullptr);

    //! Now, in UTC, with the test offset applied.
    [[nodiscard]] QDateTime now() const;
    //! Milliseconds since the epoch; what the database stores.
    [[nodiscard]] qint64 nowMs() const;
    [[nodiscard]] bool adjustable() const { return m_adjustable; }

    //! The UTC calendar day of \a ms (milliseconds since the epoch): the day of daily
    //! limits and of interest accrual.
    [[nodiscard]] static QDate utcDate(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(); }

    //! Moves the clock forward by \a seconds (≥ 0). Only an adjustable clock moves;
    //! returns false otherwise.
    bool advance(qint64 seconds);
    //! Stops (true) or restarts (false) the clock where it stands: only advance() moves a
    //! frozen clock, so tests can step through time-based codes deterministically. Only
    //! an adjustable clock freezes; returns false otherwise.
    bool setFrozen(bool frozen);
    [[nodiscard]] bool frozen() const
    {
        refresh();
        return m_frozenAtMs != 0;
    }

    //! {offset ms, frozen-at ms (0: running)}: the adjustable clock's state.
    using State = std::pair<qint64, qint64>;
    //! Several processes on one database (PostgreSQL): the adjustable clock's state lives
    //! there, read by every nowMs() and written by advance() and setFrozen(), so that all of
    //! them show one clock. \a load gives the state (nothing: none stored yet), \a store keeps it.
    void share(std::function<std::optional<State>()> load, std::function<void(State)> store);

Q_SIGNALS:
    //! The clock jumped from \a from to \a to; listeners run what fell due in between.
    void advanced(const QDateTime &from, const QDateTime &to);

private:
    void refresh() const; //!< takes the shared state, if any
    void keep();          //!< stores the state, if shared
    bool m_adjustable;
    mutable qint64 m_offsetMs = 0;
    mutable qint64 m_frozenAtMs = 0; //!< the wall-clock time it stopped at, 0 when it runs
    std::function<std::optional<State>()> m_load;
    std::function<void(State)> m_store;
};

} // namespace plaza::server
