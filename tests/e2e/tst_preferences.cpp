// SPDX-License-Identifier: MIT
// Preferences (app/preferences.h): settings.ini is read once, when the object is made; each
// change is written through at once, keeps the other keys, and notifies only its own property.
#include "preferences.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class PreferencesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsTheFileOnce();
    void writesThroughOnePropertyAtATime();
    void refusesWhatItDoesNotKnow();
    void commandLineThemeWinsForTheRun();

private:
    [[nodiscard]] QString file() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
    [[nodiscard]] QVariant saved(const QString &key) const
    {
        return QSettings(file(), QSettings::IniFormat).value(key);
    }
    void save(const QString &key, const QVariant &value) const
    {
        QSettings settings(file(), QSettings::IniFormat);
        settings.setValue(key, value);
    }
    [[nodiscard]] Preferences::Options options() const { return {m_dir->path(), QStringLiteral("en"), {}, false}; }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void PreferencesTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    save(QStringLiteral("ui/theme"), QStringLiteral("dark"));
    save(QStringLiteral("ui/tab"), QStringLiteral("wallet"));
    save(QStringLiteral("notifications/enabled"), false);
    save(QStringLiteral("window/minimize_to_tray"), true);
    save(QStringLiteral("window/maximized"), true); // WindowGeometry's, not Preferences'
}

void PreferencesTest::readsTheFileOnce()
{
    Preferences preferences(nullptr, options());
    QCOMPARE(preferences.themeMode(), QStringLiteral("dark"));
    QCOMPARE(preferences.lastTab(), QStringLiteral("wallet"));
    QCOMPARE(preferences.language(), QString());
    QCOMPARE(preferences.notificationsEnabled(), false);
    QCOMPARE(preferences.notificationPreviews(), true); // not in the file: the default
    QCOMPARE(preferences.minimizeToTray(), true);
    // Changed behind its back: the members stay what was read.
    save(QStringLiteral("ui/tab"), QStringLiteral("chat"));
    save(QStringLiteral("notifications/enabled"), true);
    QCOMPARE(preferences.lastTab(), QStringLiteral("wallet"));
    QCOMPARE(preferences.notificationsEnabled(), false);
}

void PreferencesTest::writesThroughOnePropertyAtATime()
{
    Preferences preferences(nullptr, options());
    QSignalSpy theme(&preferences, &Preferences::themeModeChanged);
    QSignalSpy tab(&preferences, &Preferences::lastTabChanged);
    QSignalSpy notifications(&preferences, &Preferences::notificationsEnabledChanged);
    QSignalSpy previews(&preferences, &Preferences::notificationPreviewsChanged);
    QSignalSpy tray(&preferences, &Preferences::minimizeToTrayChanged);
    QSignalSpy language(&preferences, &Preferences::languageChanged);

    preferences.setNotificationsEnabled(true);
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(saved(QStringLiteral("notifications/enabled")).toBool(), true);
    preferences.setNotificationsEnabled(true); // unchanged: no signal, no write needed
    QCOMPARE(notifications.size(), 1);

    preferences.setLastTab(QStringLiteral("savings"));
    QCOMPARE(tab.size(), 1);
    QCOMPARE(saved(QStringLiteral("ui/tab")).toString(), QStringLiteral("savings"));

    preferences.setThemeMode(QStringLiteral("light"));
    QCOMPARE(theme.size(), 1);
    QCOMPARE(saved(QStringLiteral("ui/theme")).toString(), QStringLiteral("light"));

    QCOMPARE(previews.size(), 0);
    QCOMPARE(tray.size(), 0);
    QCOMPARE(language.size(), 0);
    // The keys it did not change are still there, its own and WindowGeometry's.
    QCOMPARE(saved(QStringLiteral("window/minimize_to_tray")).toBool(), true);
    QCOMPARE(saved(QStringLiteral("window/maximized")).toBool(), true);
}

void PreferencesTest::refusesWhatItDoesNotKnow()
{
    Preferences preferences(nullptr, options());
    QSignalSpy theme(&preferences, &Preferences::themeModeChanged);
    QSignalSpy language(&preferences, &Preferences::languageChanged);
    preferences.setThemeMode(QStringLiteral("purple"));
    preferences.setLanguage(QStringLiteral("de"));
    QCOMPARE(theme.size(), 0);
    QCOMPARE(language.size(), 0);
    QCOMPARE(preferences.themeMode(), QStringLiteral("dark"));
    QCOMPARE(saved(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    QVERIFY(!saved(QStringLiteral("ui/language")).isValid());
}

void PreferencesTest::commandLineThemeWinsForTheRun()
{
    Preferences preferences(nullptr, {m_dir->path(), QStringLiteral("en"), QStringLiteral("light"), true});
    QCOMPARE(preferences.themeMode(), QStringLiteral("light"));
    QCOMPARE(saved(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark")); // not saved by --theme
}

QTEST_GUILESS_MAIN(PreferencesTest)
#include "tst_preferences.moc"
