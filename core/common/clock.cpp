// SPDX-License-Identifier: MIT
#include "common/clock.h"

#include <QMutexLocker>

namespace plaza {

Clock *Clock::instance()
{
    // Never destroyed: other statics (loggers, thread pools) may still ask it at exit.
    static Clock *const clock = new Clock;
    return clock;
}

qint64 Clock::nowMs() const
{
    // The one place the client reads the system's wall clock.
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs.load(std::memory_order_relaxed);
}

QDateTime Clock::nowUtc() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone::utc());
}

QTimeZone Clock::timeZone() const
{
    QMutexLocker lock(&m_zoneMutex);
    return m_zone.isValid() ? m_zone : QTimeZone::systemTimeZone();
}

QDateTime Clock::toLocal(const QDateTime &when) const
{
    if (!when.isValid())
        return when;
    {
        QMutexLocker lock(&m_zoneMutex);
        if (m_zone.isValid())
            return when.toTimeZone(m_zone);
    }
    // The system's zone: Qt's local time is the fast path (it honours TZ).
    return when.toLocalTime();
}

QDate Clock::localDay(const QDateTime &when) const
{
    return toLocal(when).date();
}

QDate Clock::today() const
{
    return localDay(nowUtc());
}

QDate Clock::todayUtc() const
{
    return nowUtc().date();
}

void Clock::setNow(const QDateTime &utc)
{
    m_offsetMs.store(utc.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch());
    Q_EMIT jumped();
}

void Clock::advance(std::chrono::milliseconds by)
{
    m_offsetMs.fetch_add(by.count());
    Q_EMIT jumped();
}

void Clock::setTimeZone(const QTimeZone &zone)
{
    {
        QMutexLocker lock(&m_zoneMutex);
        m_zone = zone;
    }
    Q_EMIT jumped();
}

void Clock::reset()
{
    m_offsetMs.store(0);
    {
        QMutexLocker lock(&m_zoneMutex);
        m_zone = QTimeZone();
    }
    Q_EMIT jumped();
}

CalendarSpan calendarSpan(QDate from, QDate to)
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return {};
    // A first guess from the fields, then at most one step back: addMonths clamps the day,
    // so the guess can overshoot by one month (31 January → 27 February is 0 months and 27 days).
    int months = (to.year() - from.year()) * 12 + (to.month() - from.month());
    while (months > 0 && from.addMonths(months) > to)
        --months;
    return {months, int(from.addMonths(months).daysTo(to))};
}

} // namespace plaza
