// SPDX-License-Identifier: MIT
// The client's one clock (core/common/clock.h): moved by tests, in any zone; calendar
// months; and the Time singleton's texts (app/timeformat.h) following it.
#include "common/clock.h"
#include "timeformat.h"

#include <QSignalSpy>
#include <QTest>

using plaza::CalendarSpan;
using plaza::Clock;
using plaza::calendarSpan;

namespace {
QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}
} // namespace

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Clock::instance()->reset(); }

    void calendarMonths_data();
    void calendarMonths();
    void setAndMove();
    void todayInTheUsersZone_data();
    void todayInTheUsersZone();
    void springForwardNight();
    void relativeTexts();
    void timeFollowsTheClock();
};

void TestClock::calendarMonths_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("months");
    QTest::addColumn<int>("days");
    QTest::newRow("4 Dec to 12 Jun") << QDate(2026, 12, 4) << QDate(2027, 6, 12) << 6 << 8;
    QTest::newRow("three months exactly") << QDate(2026, 12, 4) << QDate(2027, 3, 4) << 3 << 0;
    QTest::newRow("a day short of a month") << QDate(2026, 12, 4) << QDate(2027, 1, 3) << 0 << 30;
    QTest::newRow("31 Jan to 28 Feb") << QDate(2027, 1, 31) << QDate(2027, 2, 28) << 1 << 0;
    QTest::newRow("31 Jan to 27 Feb") << QDate(2027, 1, 31) << QDate(2027, 2, 27) << 0 << 27;
    QTest::newRow("leap: 31 Jan to 29 Feb") << QDate(2028, 1, 31) << QDate(2028, 2, 29) << 1 << 0;
    QTest::newRow("29 Feb to 28 Feb next year") << QDate(2028, 2, 29) << QDate(2029, 2, 28) << 12 << 0;
    QTest::newRow("31 Dec to 1 Jan") << QDate(2027, 12, 31) << QDate(2028, 1, 1) << 0 << 1;
    QTest::newRow("same day") << QDate(2027, 5, 5) << QDate(2027, 5, 5) << 0 << 0;
    QTest::newRow("backwards") << QDate(2027, 5, 5) << QDate(2027, 1, 5) << 0 << 0;
    QTest::newRow("invalid") << QDate() << QDate(2027, 1, 5) << 0 << 0;
}

void TestClock::calendarMonths()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, months);
    QFETCH(int, days);
    QCOMPARE(calendarSpan(from, to), (CalendarSpan{months, days}));
}

void TestClock::setAndMove()
{
    Clock *clock = Clock::instance();
    QSignalSpy jumped(clock, &Clock::jumped);
    clock->setNow(utc(2027, 2, 28, 23, 59, 30));
    QCOMPARE(jumped.size(), 1);
    QVERIFY(qAbs(clock->nowUtc().secsTo(utc(2027, 2, 28, 23, 59, 30))) <= 2);
    QCOMPARE(clock->nowUtc().timeSpec(), Qt::TimeZone);
    QCOMPARE(clock->todayUtc(), QDate(2027, 2, 28));
    clock->advance(std::chrono::minutes(1));
    QCOMPARE(jumped.size(), 2);
    QCOMPARE(clock->todayUtc(), QDate(2027, 3, 1)); // no 29 February in 2027
    QVERIFY(qAbs(clock->nowMs() - utc(2027, 3, 1, 0, 0, 30).toMSecsSinceEpoch()) <= 2000);
    clock->reset();
    // Back on the system clock (whatever instant this machine or libfaketime says it is).
    QVERIFY(qAbs(clock->nowMs() - QDateTime::currentMSecsSinceEpoch()) <= 1000);
}

void TestClock::todayInTheUsersZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("todayUtc");
    QTest::newRow("UTC at the end of February")
        << QByteArray("UTC") << utc(2027, 2, 28, 23, 59, 30) << QDate(2027, 2, 28) << QDate(2027, 2, 28);
    QTest::newRow("Kiritimati is already in 2028")
        << QByteArray("Pacific/Kiritimati") << utc(2027, 12, 31, 10, 0) << QDate(2028, 1, 1) << QDate(2027, 12, 31);
    QTest::newRow("Los Angeles is still on 29 February")
        << QByteArray("America/Los_Angeles") << utc(2028, 3, 1, 4, 0) << QDate(2028, 2, 29) << QDate(2028, 3, 1);
}

void TestClock::todayInTheUsersZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, now);
    QFETCH(QDate, today);
    QFETCH(QDate, todayUtc);
    Clock *clock = Clock::instance();
    clock->setTimeZone(QTimeZone(zone));
    clock->setNow(now);
    QCOMPARE(clock->today(), today);
    QCOMPARE(clock->todayUtc(), todayUtc);
    QCOMPARE(clock->localDay(now), today);
    QCOMPARE(clock->timeZone().id(), zone);
}

void TestClock::springForwardNight()
{
    // Paris, 28 March 2027: 02:00 CET becomes 03:00 CEST (01:00 UTC). Local days and times
    // follow the zone's rules on both sides of the jump.
    Clock *clock = Clock::instance();
    clock->setTimeZone(QTimeZone("Europe/Paris"));
    QCOMPARE(clock->toLocal(utc(2027, 3, 28, 0, 59, 30)).time(), QTime(1, 59, 30));
    QCOMPARE(clock->toLocal(utc(2027, 3, 28, 1, 0, 30)).time(), QTime(3, 0, 30));
    QCOMPARE(clock->localDay(utc(2027, 3, 27, 23, 30)), QDate(2027, 3, 28)); // 00:30 CET
    QCOMPARE(clock->localDay(utc(2027, 3, 28, 21, 59)), QDate(2027, 3, 28)); // 23:59 CEST
    QCOMPARE(clock->localDay(utc(2027, 3, 28, 22, 0)), QDate(2027, 3, 29));
    QVERIFY(!clock->toLocal(QDateTime()).isValid());
}

void TestClock::relativeTexts()
{
    const QDateTime now = utc(2027, 12, 31, 23, 59, 50);
    QCOMPARE(TimeFormat::relativeText(now.addSecs(-59), now), QStringLiteral("now"));
    QCOMPARE(TimeFormat::relativeText(now.addSecs(-3 * 60), now), QStringLiteral("3 min"));
    QCOMPARE(TimeFormat::relativeText(now.addSecs(-2 * 3600), now), QStringLiteral("2 h"));
    QCOMPARE(TimeFormat::relativeText(now.addSecs(-2 * 86400), now), QStringLiteral("2 d"));
    QCOMPARE(TimeFormat::relativeText(now.addSecs(30), now), QStringLiteral("now")); // a clock a little behind
    QVERIFY(TimeFormat::relativeText(QDateTime(), now).isEmpty());
    QCOMPARE(TimeFormat::dayText(QDate(2028, 1, 1), QDate(2028, 1, 1)), QStringLiteral("Today"));
    QCOMPARE(TimeFormat::dayText(QDate(2027, 12, 31), QDate(2028, 1, 1)), QStringLiteral("Yesterday"));
}

void TestClock::timeFollowsTheClock()
{
    // What the window binds to moves when the clock does: "now" turns into "5 min", and
    // "Today" into "Yesterday" once the user's midnight passes.
    Clock *clock = Clock::instance();
    clock->setTimeZone(QTimeZone("Pacific/Kiritimati"));
    clock->setNow(utc(2027, 12, 31, 9, 58, 0)); // 23:58 on 31 December in Kiritimati
    TimeFormat time;
    QSignalSpy nowChanged(&time, &TimeFormat::nowChanged);
    QSignalSpy todayChanged(&time, &TimeFormat::todayChanged);
    const QDateTime posted = clock->nowUtc();
    QCOMPARE(time.relative(posted, time.now()), QStringLiteral("now"));
    QCOMPARE(time.today(), QDate(2027, 12, 31));
    const QString day = clock->localDay(posted).toString(Qt::ISODate);
    QCOMPARE(time.dayLabel(day, time.today()), QStringLiteral("Today"));

    clock->advance(std::chrono::minutes(5));
    QCOMPARE(nowChanged.size(), 1);
    QCOMPARE(todayChanged.size(), 1);
    QCOMPARE(time.relative(posted, time.now()), QStringLiteral("5 min"));
    QCOMPARE(time.today(), QDate(2028, 1, 1));
    QCOMPARE(time.dayLabel(day, time.today()), QStringLiteral("Yesterday"));
    QCOMPARE(time.monthsFromToday(1), QStringLiteral("2028-02-01"));
    QCOMPARE(time.parseDate(QStringLiteral("2028-06-12")), QStringLiteral("2028-06-12"));
    QVERIFY(time.parseDate(QStringLiteral("2028-02-30")).isEmpty());
    QCOMPARE(time.date(QStringLiteral("not a day")), QString());
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
