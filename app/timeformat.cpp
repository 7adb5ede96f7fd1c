// SPDX-License-Identifier: MIT
#include "timeformat.h"

#include "common/clock.h"

#include <QList>
#include <QStringList>
#include <QLocale>

#include <utility>

using plaza::Clock;

namespace {
// One per QML engine (a singleton each): usually one.
QList<TimeFormat *> s_instances;
} // namespace

TimeFormat::TimeFormat(QObject *parent) : QObject(parent)
{
    s_instances.append(this);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TimeFormat::tick);
    connect(Clock::instance(), &Clock::jumped, this, &TimeFormat::tick);
    tick();
}

TimeFormat::~TimeFormat()
{
    s_instances.removeAll(this);
}

void TimeFormat::refreshAll()
{
    for (TimeFormat *instance : std::as_const(s_instances)) {
        Q_EMIT instance->nowChanged();
        Q_EMIT instance->todayChanged();
    }
}

void TimeFormat::tick()
{
    const Clock *clock = Clock::instance();
    m_now = clock->nowUtc();
    Q_EMIT nowChanged();
    if (const QDate today = clock->today(); today != m_today) {
        m_today = today;
        Q_EMIT todayChanged();
    }
    // Wake at the next minute boundary, not every N seconds from now: one wakeup a minute.
    const qint64 ms = m_now.toMSecsSinceEpoch();
    m_timer.start(int(60'000 - ms % 60'000) + 50);
}

namespace {

//! How long ago \a when was, in the one unit a short text shows (a clock a little behind is
//! "now", never the future).
struct Age
{
    enum Unit { Now, Minutes, Hours, Days, Longer } unit;
    int count;
};

Age ageOf(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = qMax<qint64>(0, when.secsTo(now));
    if (seconds < 60)
        return {Age::Now, 0};
    if (seconds < 3600)
        return {Age::Minutes, int(seconds / 60)};
    if (seconds < 86400)
        return {Age::Hours, int(seconds / 3600)};
    if (seconds < 7 * 86400)
        return {Age::Days, int(seconds / 86400)};
    return {Age::Longer, 0};
}

QString shortDay(const QDateTime &when)
{
    return QLocale().toString(Clock::instance()->localDay(when), QLocale::ShortFormat);
}

} // namespace

QString TimeFormat::relativeText(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const Age age = ageOf(when, now);
    switch (age.unit) {
    case Age::Now:
        return tr("now");
    case Age::Minutes:
        return tr("%n min", "minutes ago, short", age.count);
    case Age::Hours:
        return tr("%n h", "hours ago, short", age.count);
    case Age::Days:
        return tr("%n d", "days ago, short", age.count);
    case Age::Longer:
        break;
    }
    return shortDay(when);
}

QString TimeFormat::relative(const QDateTime &when, const QDateTime &now) const
{
    return relativeText(when, now.isValid() ? now : Clock::instance()->nowUtc());
}

QString TimeFormat::synced(const QDateTime &when, const QDateTime &now) const
{
    if (!when.isValid())
        return tr("Not synced yet");
    const Age age = ageOf(when, now.isValid() ? now : Clock::instance()->nowUtc());
    switch (age.unit) {
    case Age::Now:
        return tr("Synced just now");
    case Age::Minutes:
        return tr("Synced %n min ago", "", age.count);
    case Age::Hours:
        return tr("Synced %n h ago", "", age.count);
    case Age::Days:
    case Age::Longer:
        break;
    }
    return tr("Synced on %1").arg(shortDay(when));
}

QString TimeFormat::dayText(const QDate &day, const QDate &today)
{
    if (!day.isValid())
        return {};
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day.year() == today.year())
        return QLocale().toString(day, QStringLiteral("dddd d MMMM"));
    return QLocale().toString(day, QLocale::LongFormat);
}

QString TimeFormat::dayLabel(const QString &isoDay, const QDate &today) const
{
    return dayText(QDate::fromString(isoDay, Qt::ISODate), today.isValid() ? today : Clock::instance()->today());
}

QString TimeFormat::dateTime(const QDateTime &when, bool longFormat) const
{
    if (!when.isValid())
        return {};
    const QDateTime local = Clock::instance()->toLocal(when);
    const QLocale locale;
    // The locale's own date format, and its time format without seconds (a long time
    // format carries seconds and the zone).
    return locale.toString(local.date(), longFormat ? QLocale::LongFormat : QLocale::ShortFormat) + u' '
        + locale.toString(local.time(), QLocale::ShortFormat);
}

QString TimeFormat::time(const QDateTime &when) const
{
    return when.isValid() ? QLocale().toString(Clock::instance()->toLocal(when).time(), QLocale::ShortFormat) : QString();
}

QString TimeFormat::date(const QString &isoDay, bool longFormat) const
{
    const QDate date = QDate::fromString(isoDay, Qt::ISODate);
    return date.isValid() ? QLocale().toString(date, longFormat ? QLocale::LongFormat : QLocale::ShortFormat) : QString();
}

QString TimeFormat::parseDate(const QString &text) const
{
    const QString trimmed = text.trimmed();
    QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (!date.isValid())
        date = QLocale().toDate(trimmed, QLocale::ShortFormat);
    if (date.isValid() && date.year() < 100)
        date = date.addYears(2000); // "1/6/27" means 2027, not 27
    // Qt 6 reads a two-digit year as 19xx: in a short format without "yyyy", it is 20xx.
    else if (date.isValid() && date.year() < 2000 && !trimmed.contains(QString::number(date.year()))
             && !QLocale().dateFormat(QLocale::ShortFormat).contains(QStringLiteral("yyyy")))
        date = date.addYears(100);
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString TimeFormat::monthsFromToday(int months) const
{
    return Clock::instance()->today().addMonths(months).toString(Qt::ISODate);
}

QString TimeFormat::addDays(const QString &isoDay, int days) const
{
    const QDate date = QDate::fromString(isoDay, Qt::ISODate);
    return date.isValid() ? date.addDays(days).toString(Qt::ISODate) : QString();
}

QString TimeFormat::addMonths(const QString &isoDay, int months) const
{
    const QDate date = QDate::fromString(isoDay, Qt::ISODate);
    return date.isValid() ? date.addMonths(months).toString(Qt::ISODate) : QString();
}

QString TimeFormat::monthTitle(const QString &isoDay) const
{
    const QDate date = QDate::fromString(isoDay, Qt::ISODate);
    if (!date.isValid())
        return {};
    const QLocale locale;
    QString month = locale.standaloneMonthName(date.month(), QLocale::LongFormat);
    if (!month.isEmpty())
        month[0] = month.at(0).toUpper(); // French standalone names are lower case
    return month + u' ' + QString::number(date.year());
}

QStringList TimeFormat::monthGrid(const QString &isoDay) const
{
    const QDate date = QDate::fromString(isoDay, Qt::ISODate);
    if (!date.isValid())
        return {};
    const QDate first(date.year(), date.month(), 1);
    const int firstWeekday = int(QLocale().firstDayOfWeek());
    const int before = (first.dayOfWeek() - firstWeekday + 7) % 7;
    QStringList days;
    days.reserve(42);
    for (int i = 0; i < 42; ++i)
        days.append(first.addDays(i - before).toString(Qt::ISODate));
    return days;
}

QStringList TimeFormat::weekdayNames(bool longFormat) const
{
    const QLocale locale;
    const int firstWeekday = int(locale.firstDayOfWeek());
    QStringList names;
    for (int i = 0; i < 7; ++i) {
        const int day = (firstWeekday - 1 + i) % 7 + 1;
        names.append(locale.standaloneDayName(day, longFormat ? QLocale::LongFormat : QLocale::ShortFormat));
    }
    return names;
}
