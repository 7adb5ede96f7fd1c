// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QMutex>
#include <QObject>
#include <QTimeZone>

#include <atomic>
#include <chrono>

namespace plaza {

//! The client's one source of time (the reference server has its own, server/clock.h).
//! Every model, service and formatter asks it, never QDateTime::currentDateTime() or
//! QDate::currentDate() (tests/unit/no-direct-clock.sh fails the suite on a direct call).
//!
//! Three notions, each for its own purpose (docs/architecture.md, "Time"):
//! - nowUtc(): the instant, for what is stored and sent, ages ("3 min") and timeouts;
//! - todayUtc(): the server's day, on which daily limits reset (00:00 UTC) and interest accrues;
//! - today() / localDay(): the day in the user's time zone, for grouping and "Today",
//!   and for dates the user picks (a goal's deadline).
//!
//! The process has one instance(). It follows the system clock and zone; tests move it
//! (setNow, advance) or give it another zone (setTimeZone), and jumped() tells whoever
//! shows time to look again. Thread-safe: the sync writer reads it from its own thread.
class Clock : public QObject
{
    Q_OBJECT
public:
    //! The process's clock (created on first use, lives until exit).
    [[nodiscard]] static Clock *instance();

    //! Now, in UTC.
    [[nodiscard]] QDateTime nowUtc() const;
    //! Milliseconds since the epoch.
    [[nodiscard]] qint64 nowMs() const;
    //! The user's time zone (the system's unless a test set another).
    [[nodiscard]] QTimeZone timeZone() const;
    //! Today in the user's zone.
    [[nodiscard]] QDate today() const;
    //! Today in UTC: the server's day (limits, interest accrual).
    [[nodiscard]] QDate todayUtc() const;
    //! \a when in the user's zone (invalid stays invalid).
    [[nodiscard]] QDateTime toLocal(const QDateTime &when) const;
    //! The user's calendar day of the instant \a when.
    [[nodiscard]] QDate localDay(const QDateTime &when) const;

    //! Tests: from now on the clock reads \a utc and keeps running from there.
    void setNow(const QDateTime &utc);
    //! Tests: moves the clock by \a by (may be negative).
    void advance(std::chrono::milliseconds by);
    //! Tests: the user's zone becomes \a zone (an invalid zone: the system's again).
    void setTimeZone(const QTimeZone &zone);
    //! Tests: back to the system clock and zone.
    void reset();

Q_SIGNALS:
    //! The clock was moved or its zone changed (never for time simply passing).
    void jumped();

private:
    Clock() = default;

    std::atomic<qint64> m_offsetMs{0};
    mutable QMutex m_zoneMutex;
    QTimeZone m_zone; //!< invalid: the system's zone (read under m_zoneMutex)
};

//! A whole number of calendar months and the days left over, between two dates.
struct CalendarSpan
{
    int months = 0;
    int days = 0;
    friend bool operator==(const CalendarSpan &, const CalendarSpan &) = default;
};

//! The calendar months and days from \a from to \a to: months is the largest m with
//! from.addMonths(m) ≤ to (addMonths keeps the day of the month, or the month's last day
//! where it has none: 31 January + 1 month = 28 or 29 February), days what remains.
//! 4 December → 12 June is 6 months and 8 days; 31 January → 28 February is 1 month. Zero for an invalid date or \a to ≤ \a from.
[[nodiscard]] CalendarSpan calendarSpan(QDate from, QDate to);

} // namespace plaza
