// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqml.h>

//! The `Time` singleton of QML: every date and time the window shows, from the one clock
//! (core/common/clock.h), in the user's zone and language.
//!
//! `now` and `today` move by themselves (at each minute boundary, and at once when the
//! clock is moved), so a binding that passes them in — `Time.relative(t, Time.now)`,
//! `Time.dayLabel(section, Time.today)` — refreshes while the window is open, at the cost
//! of one wakeup a minute.
class TimeFormat : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Time)
    QML_SINGLETON
    //! Now, in UTC; changes once a minute.
    Q_PROPERTY(QDateTime now READ now NOTIFY nowChanged)
    //! Today in the user's zone; changes at local midnight.
    Q_PROPERTY(QDate today READ today NOTIFY todayChanged)

public:
    explicit TimeFormat(QObject *parent = nullptr);
    ~TimeFormat() override;

    [[nodiscard]] QDateTime now() const { return m_now; }
    [[nodiscard]] QDate today() const { return m_today; }

    //! "now", "5 min", "3 h", "2 d" or a short date, for \a when seen at \a now.
    Q_INVOKABLE [[nodiscard]] QString relative(const QDateTime &when, const QDateTime &now) const;
    //! "Synced just now", "Synced 5 min ago", … for the sync status (\a when invalid: never).
    Q_INVOKABLE [[nodiscard]] QString synced(const QDateTime &when, const QDateTime &now) const;
    //! "Today", "Yesterday", "Monday 23 November" or a long date, for list sections;
    //! \a isoDay is a day in the user's zone (the models' `day` role), \a today the same.
    Q_INVOKABLE [[nodiscard]] QString dayLabel(const QString &isoDay, const QDate &today) const;
    //! Date and time in the user's zone and locale, without seconds.
    Q_INVOKABLE [[nodiscard]] QString dateTime(const QDateTime &when, bool longFormat = false) const;
    //! The time of day of \a when in the user's zone ("14:05", "2:05 PM").
    Q_INVOKABLE [[nodiscard]] QString time(const QDateTime &when) const;
    //! The day \a isoDay ("2027-06-12") in the user's locale (short, or long when
    //! \a longFormat); "" if it is not a date. Days travel as ISO strings between C++ and
    //! QML: a QDate reaches JavaScript as UTC midnight, the day before west of Greenwich.
    Q_INVOKABLE [[nodiscard]] QString date(const QString &isoDay, bool longFormat = false) const;
    //! A date typed in the user's locale (short format) or as YYYY-MM-DD, as "YYYY-MM-DD";
    //! "" if it is neither.
    Q_INVOKABLE [[nodiscard]] QString parseDate(const QString &text) const;
    //! The day \a months calendar months after today in the user's zone, as "YYYY-MM-DD"
    //! (clamped to the month's last day): an example date for a placeholder.
    Q_INVOKABLE [[nodiscard]] QString monthsFromToday(int months) const;

    //! The language changed while the window is open: every binding that passes `now` or
    //! `today` in formats again (each instance says its values changed).
    static void refreshAll();

    // For the date picker (qml/components/DatePicker.qml): days as "YYYY-MM-DD" both ways.
    //! \a isoDay moved by \a days days, or by \a months calendar months (clamped to the
    //! month's last day); "" if \a isoDay is not a date.
    Q_INVOKABLE [[nodiscard]] QString addDays(const QString &isoDay, int days) const;
    Q_INVOKABLE [[nodiscard]] QString addMonths(const QString &isoDay, int months) const;
    //! "June 2027" (the month of \a isoDay, as a heading, in the user's language).
    Q_INVOKABLE [[nodiscard]] QString monthTitle(const QString &isoDay) const;
    //! The 42 days (six weeks) of the month grid that holds \a isoDay, from the locale's first
    //! day of the week.
    Q_INVOKABLE [[nodiscard]] QStringList monthGrid(const QString &isoDay) const;
    //! The weekday names for the grid's columns, short ("Mon") and long ("Monday"), in order.
    Q_INVOKABLE [[nodiscard]] QStringList weekdayNames(bool longFormat = false) const;

    //! The same texts without a QML engine (the tests and the CLI's wording).
    [[nodiscard]] static QString relativeText(const QDateTime &when, const QDateTime &now);
    [[nodiscard]] static QString dayText(const QDate &day, const QDate &today);

Q_SIGNALS:
    void nowChanged();
    void todayChanged();

private:
    void tick();

    QTimer m_timer;
    QDateTime m_now;
    QDate m_today;
};
