// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>

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
    [[nodiscard]] bool frozen() const { return m_frozenAtMs != 0; }

Q_SIGNALS:
    //! The clock jumped from \a from to \a to; listeners run what fell due in between.
    void advanced(const QDateTime &from, const QDateTime &to);

private:
    bool m_adjustable;
    qint64 m_offsetMs = 0;
    qint64 m_frozenAtMs = 0; //!< the wall-clock time it stopped at, 0 when it runs
};

} // namespace plaza::server
