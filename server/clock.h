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

Q_SIGNALS:
    //! The clock jumped from \a from to \a to; listeners run what fell due in between.
    void advanced(const QDateTime &from, const QDateTime &to);

private:
    bool m_adjustable;
    qint64 m_offsetMs = 0;
};

} // namespace plaza::server
