// SPDX-License-Identifier: MIT
#include "preferences.h"

#include "common/languageloader.h"
#include "timeformat.h"
#include "trayicon.h"
#include "windowgeometry.h"

#include "common/logging.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QJSEngine>
#include <QQmlEngine>
#include <QSettings>
#include <QWindow>

namespace {
// One window: a plain pointer lets create() answer without the engine owning the object.
Preferences *s_instance = nullptr;

const QString kTheme = QStringLiteral("ui/theme");
const QString kLanguage = QStringLiteral("ui/language");
const QString kTab = QStringLiteral("ui/tab");
const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kPreviews = QStringLiteral("notifications/previews");
const QString kTray = QStringLiteral("window/minimize_to_tray");

QString settingsFile(const QString &configDir)
{
    return QDir(configDir).filePath(QStringLiteral("settings.ini"));
}

bool isThemeMode(const QString &mode)
{
    return mode == u"system" || mode == u"light" || mode == u"dark";
}
} // namespace

QString Preferences::savedLanguage(const QString &configDir)
{
    const QSettings settings(settingsFile(configDir), QSettings::IniFormat);
    return settings.value(kLanguage).toString();
}

Preferences::Preferences(plaza::Session *session, Options options, QObject *parent)
    : QObject(parent), m_session(session), m_configDir(std::move(options.configDir)),
      m_languageInUse(std::move(options.languageInUse))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    // Read once; from here on the members are the truth and every change is written through.
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    m_themeMode = options.themeFromCommandLine ? options.themeMode
                                               : settings.value(kTheme, QStringLiteral("system")).toString();
    if (!isThemeMode(m_themeMode))
        m_themeMode = QStringLiteral("system");
    m_language = settings.value(kLanguage).toString();
    m_lastTab = settings.value(kTab, QStringLiteral("feed")).toString();
    m_notificationsEnabled = settings.value(kNotifications, true).toBool();
    m_notificationPreviews = settings.value(kPreviews, true).toBool();
    m_minimizeToTray = settings.value(kTray, false).toBool();
}

Preferences::~Preferences()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Preferences *Preferences::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(jsEngine)
    Q_ASSERT(s_instance);
    s_instance->m_engine = qmlEngine;
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString Preferences::settingsPath() const
{
    return settingsFile(m_configDir);
}

void Preferences::save(const QString &key, const QVariant &value)
{
    QDir().mkpath(m_configDir);
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcApp) << "could not save the setting" << key;
}

void Preferences::setThemeMode(const QString &mode)
{
    if (!isThemeMode(mode))
        return;
    // Saved even when unchanged: choosing in Settings keeps the theme a --theme run showed.
    save(kTheme, mode);
    if (mode == m_themeMode)
        return;
    m_themeMode = mode;
    Q_EMIT themeModeChanged();
}

void Preferences::setLanguage(const QString &code)
{
    if (!code.isEmpty() && code != u"en" && code != u"fr")
        return;
    if (code == m_language)
        return;
    m_language = code;
    save(kLanguage, code);
    Q_EMIT languageChanged();
    // Switched once the control that chose it has finished its signal (retranslating rebuilds
    // the bindings of the very list it was chosen from): the new translation, the locale for
    // dates and amounts, then every qsTr binding of the window and every binding that formats
    // a time.
    QMetaObject::invokeMethod(this, [this, code] { switchLanguage(code); }, Qt::QueuedConnection);
}

void Preferences::switchLanguage(const QString &code)
{
    if (!QCoreApplication::instance())
        return;
    const QString inUse = LanguageLoader::install(*QCoreApplication::instance(), code);
    if (inUse != m_languageInUse) {
        m_languageInUse = inUse;
        Q_EMIT languageInUseChanged(); // bindings that format numbers read QLocale() again
    }
    if (m_engine)
        m_engine->retranslate();
    TimeFormat::refreshAll();
    if (m_session)
        m_session->notifyLocaleChanged(); // the models' amounts and times
    Q_EMIT languageSwitched();
    qCInfo(lcApp) << "interface language switched to" << inUse;
}

void Preferences::setNotificationsEnabled(bool enabled)
{
    if (enabled == m_notificationsEnabled)
        return;
    m_notificationsEnabled = enabled;
    save(kNotifications, enabled);
    Q_EMIT notificationsEnabledChanged();
}

void Preferences::setNotificationPreviews(bool shown)
{
    if (shown == m_notificationPreviews)
        return;
    m_notificationPreviews = shown;
    save(kPreviews, shown);
    Q_EMIT notificationPreviewsChanged();
}

void Preferences::setMinimizeToTray(bool enabled)
{
    if (enabled == m_minimizeToTray)
        return;
    m_minimizeToTray = enabled;
    save(kTray, enabled);
    Q_EMIT minimizeToTrayChanged();
}

bool Preferences::trayAvailable() const
{
    return TrayIcon::available();
}

void Preferences::setLastTab(const QString &key)
{
    if (key == m_lastTab)
        return;
    m_lastTab = key;
    save(kTab, key);
    Q_EMIT lastTabChanged();
}

void Preferences::keepWindowGeometry(QWindow *window)
{
    if (!window || window->findChild<WindowGeometry *>(QString(), Qt::FindDirectChildrenOnly))
        return;
    QDir().mkpath(m_configDir);
    auto *keeper = new WindowGeometry(window, settingsPath()); // owned by the window
    keeper->restore();
}
