// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QWindow>
#include <QtQml/qqml.h>

namespace plaza {
class Session;
}

//! The `Preferences` singleton of QML: the choices people make in Settings and what the
//! window keeps between runs, saved in settings.ini (no secrets there). The file is read once,
//! when main() makes the one instance; every change is written through at once.
class Preferences : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    //! "system", "light" or "dark". --theme / PLAZA_THEME win for the run (and are not saved
    //! unless Settings changes the theme).
    Q_PROPERTY(QString themeMode READ themeMode WRITE setThemeMode NOTIFY themeModeChanged)
    //! "" (the system's), "en" or "fr"; saved, and switched to at once (every qsTr of the window
    //! translates again; dates, numbers and amounts follow the new locale).
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    //! The language of the installed translation ("en", "fr").
    Q_PROPERTY(QString languageInUse READ languageInUse NOTIFY languageInUseChanged)
    Q_PROPERTY(bool notificationsEnabled READ notificationsEnabled WRITE setNotificationsEnabled
                   NOTIFY notificationsEnabledChanged)
    Q_PROPERTY(bool notificationPreviews READ notificationPreviews WRITE setNotificationPreviews
                   NOTIFY notificationPreviewsChanged)
    Q_PROPERTY(bool minimizeToTray READ minimizeToTray WRITE setMinimizeToTray NOTIFY minimizeToTrayChanged)
    //! The desktop shows tray icons: "Keep running in the tray" can be offered.
    Q_PROPERTY(bool trayAvailable READ trayAvailable CONSTANT)
    //! The shell's tab when the app last ran ("feed", "chat", "wallet", "savings").
    Q_PROPERTY(QString lastTab READ lastTab WRITE setLastTab NOTIFY lastTabChanged)
public:
    struct Options {
        QString configDir;     //!< settings.ini lives here
        QString languageInUse; //!< what LanguageLoader installed
        QString themeMode;     //!< from the command line; used when themeFromCommandLine
        bool themeFromCommandLine = false;
    };

    //! The saved interface language ("" = the system's), read before any window exists.
    [[nodiscard]] static QString savedLanguage(const QString &configDir);

    //! \a session hears of a language switch (its models format amounts and times again).
    Preferences(plaza::Session *session, Options options, QObject *parent = nullptr);
    ~Preferences() override;

    //! QML's factory: the instance main() made. The engine must not delete it.
    static Preferences *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] QString themeMode() const { return m_themeMode; }
    void setThemeMode(const QString &mode);
    [[nodiscard]] QString language() const { return m_language; }
    void setLanguage(const QString &code);
    [[nodiscard]] QString languageInUse() const { return m_languageInUse; }
    [[nodiscard]] bool notificationsEnabled() const { return m_notificationsEnabled; }
    void setNotificationsEnabled(bool enabled);
    [[nodiscard]] bool notificationPreviews() const { return m_notificationPreviews; }
    void setNotificationPreviews(bool shown);
    [[nodiscard]] bool minimizeToTray() const { return m_minimizeToTray; }
    void setMinimizeToTray(bool enabled);
    [[nodiscard]] bool trayAvailable() const;
    [[nodiscard]] QString lastTab() const { return m_lastTab; }
    void setLastTab(const QString &key);
    //! Restores \a window's size, position and maximised state from the last run (clamped to
    //! the screens there are now) and keeps them from now on (WindowGeometry).
    Q_INVOKABLE void keepWindowGeometry(QWindow *window);

Q_SIGNALS:
    void themeModeChanged();
    void languageChanged();
    void languageInUseChanged();
    //! setLanguage() took effect: the window speaks the new language.
    void languageSwitched();
    void notificationsEnabledChanged();
    void notificationPreviewsChanged();
    void minimizeToTrayChanged();
    void lastTabChanged();

private:
    void switchLanguage(const QString &code);
    //! Writes \a key to settings.ini now (a warning if it could not be saved).
    void save(const QString &key, const QVariant &value);
    [[nodiscard]] QString settingsPath() const;

    plaza::Session *m_session;
    QQmlEngine *m_engine = nullptr; //!< the engine that asked for the singleton (retranslate())
    QString m_configDir;
    QString m_themeMode;
    QString m_language;
    QString m_languageInUse;
    QString m_lastTab;
    bool m_notificationsEnabled = true;
    bool m_notificationPreviews = true;
    bool m_minimizeToTray = false;
};
