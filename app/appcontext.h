// SPDX-License-Identifier: MIT
#pragma once

#include "session/applock.h"
#include "session/session.h"
#include "wallet/transactionsmodel.h"
#include "chat/chatservice.h"
#include "feed/feedservice.h"
#include "wallet/walletservice.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVariantMap>
#include <QWindow>
#include <QtQml/qqml.h>

//! The `App` singleton of QML: what the window needs from the desktop process —
//! the session, the wallet, the app lock, links handed to the app, and the choices
//! made on the command line. main() creates the one instance before the engine loads
//! anything; QML reaches it through create().
class AppContext : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(plaza::Session *session READ session CONSTANT)
    Q_PROPERTY(plaza::wallet::WalletService *wallet READ wallet CONSTANT)
    Q_PROPERTY(plaza::AppLock *appLock READ appLock CONSTANT)
    Q_PROPERTY(plaza::feed::FeedService *feed READ feed CONSTANT)
    Q_PROPERTY(plaza::chat::ChatService *chat READ chat CONSTANT)
    Q_PROPERTY(QString defaultServerUrl READ defaultServerUrl CONSTANT)
    Q_PROPERTY(QString themeMode READ themeMode WRITE setThemeMode NOTIFY settingsChanged)
    //! "" (the system's), "en" or "fr"; saved, and switched to at once (every qsTr of the window
    //! translates again; dates, numbers and amounts follow the new locale).
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY settingsChanged)
    //! The language of the installed translation ("en", "fr").
    Q_PROPERTY(QString languageInUse READ languageInUse NOTIFY languageInUseChanged)
    Q_PROPERTY(bool notificationsEnabled READ notificationsEnabled WRITE setNotificationsEnabled NOTIFY settingsChanged)
    Q_PROPERTY(bool notificationPreviews READ notificationPreviews WRITE setNotificationPreviews NOTIFY settingsChanged)
    Q_PROPERTY(bool minimizeToTray READ minimizeToTray WRITE setMinimizeToTray NOTIFY settingsChanged)
    //! The shell's tab when the app last ran ("feed", "chat", "wallet", "savings").
    Q_PROPERTY(QString lastTab READ lastTab WRITE setLastTab NOTIFY lastTabChanged)
    //! The desktop shows tray icons: "Keep running in the tray" can be offered.
    Q_PROPERTY(bool trayAvailable READ trayAvailable CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QString platformName READ platformName CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString startPage READ startPage CONSTANT)
    Q_PROPERTY(QString pendingLink READ pendingLink NOTIFY pendingLinkChanged)
    //! Set by the page that startPage opened once its data is on screen (for --screenshot).
    Q_PROPERTY(bool pageSettled READ pageSettled WRITE setPageSettled NOTIFY pageSettledChanged)
public:
    struct Options {
        QString defaultServerUrl;
        QString themeMode; //!< "system", "light" or "dark"
        QString startPage; //!< --page: "wallet", "wallet/send", "wallet/request", …
        QString configDir; //!< settings.ini lives here (no secrets)
        QString languageInUse; //!< what LanguageLoader installed
        bool themeFromCommandLine = false; //!< --theme / PLAZA_THEME win over the saved choice
    };

    //! The saved interface language ("" = the system's), read before any window exists.
    [[nodiscard]] static QString savedLanguage(const QString &configDir);

    AppContext(plaza::Session *session, plaza::wallet::WalletService *wallet, plaza::AppLock *appLock,
               Options options, QObject *parent = nullptr);
    ~AppContext() override;

    //! QML's factory: the instance main() made. The engine must not delete it.
    static AppContext *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] plaza::Session *session() const { return m_session; }
    [[nodiscard]] plaza::wallet::WalletService *wallet() const { return m_wallet; }
    [[nodiscard]] plaza::AppLock *appLock() const { return m_appLock; }
    [[nodiscard]] plaza::feed::FeedService *feed() const { return m_feed; }
    //! The feed service (made after the context in main; tests may leave it unset).
    void setFeed(plaza::feed::FeedService *feed) { m_feed = feed; }
    [[nodiscard]] plaza::chat::ChatService *chat() const { return m_chat; }
    void setChat(plaza::chat::ChatService *chat) { m_chat = chat; }
    [[nodiscard]] QString defaultServerUrl() const { return m_options.defaultServerUrl; }
    [[nodiscard]] QString themeMode() const { return m_options.themeMode; }
    void setThemeMode(const QString &mode);
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &code);
    [[nodiscard]] QString languageInUse() const { return m_options.languageInUse; }
    [[nodiscard]] bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    [[nodiscard]] bool notificationPreviews() const;
    void setNotificationPreviews(bool shown);
    [[nodiscard]] bool minimizeToTray() const;
    void setMinimizeToTray(bool enabled);
    [[nodiscard]] bool trayAvailable() const;
    [[nodiscard]] QString lastTab() const;
    void setLastTab(const QString &key);
    //! Restores \a window's size, position and maximised state from the last run (clamped to
    //! the screens there are now) and keeps them from now on (WindowGeometry).
    Q_INVOKABLE void keepWindowGeometry(QWindow *window);
    [[nodiscard]] QString qtVersion() const;
    [[nodiscard]] QString platformName() const;
    [[nodiscard]] QString startPage() const { return m_options.startPage; }
    [[nodiscard]] QString version() const;
    [[nodiscard]] QString pendingLink() const { return m_pendingLink; }
    [[nodiscard]] bool pageSettled() const { return m_pageSettled; }
    void setPageSettled(bool settled)
    {
        if (settled == m_pageSettled)
            return;
        m_pageSettled = settled;
        Q_EMIT pageSettledChanged();
    }

    //! A plaza:// link from the desktop, a second launch or the clipboard. Returns "" when
    //! the window will show it (pendingLink), else the reason it was refused: a code for
    //! Errors.describeLink ("malformed", "unsupported").
    Q_INVOKABLE QString openLink(const QString &link);
    //! The window took pendingLink.
    Q_INVOKABLE void clearPendingLink();
    //! Asks the signed-in window to open \a page ("chat/<conversation id>", as --page
    //! takes it): a clicked notification. Emits pageRequested.
    void requestPage(const QString &page);

    //! {ok, minor, formatted, reason, decimals}: what the user typed, in their locale, as an
    //! exact amount of \a currency (reason: empty, negative, not_a_number, decimals, too_large,
    //! zero, over_limit).
    Q_INVOKABLE [[nodiscard]] QVariantMap parseAmount(const QString &text, const QString &currency) const;
    //! \a minor units of \a currency in the user's locale ("12,50 €").
    Q_INVOKABLE [[nodiscard]] QString formatMoney(qint64 minor, const QString &currency) const;
    // Dates and times: the Time singleton (timeformat.h).
    //! \a text (plain, from someone else) as escaped StyledText with http(s) links clickable.
    Q_INVOKABLE [[nodiscard]] QString linkify(const QString &text) const;
    //! One or two letters for an avatar.
    Q_INVOKABLE [[nodiscard]] QString initials(const QString &name) const;
    Q_INVOKABLE void copyText(const QString &text) const;
    Q_INVOKABLE [[nodiscard]] QString clipboardText() const;
    //! Writes every row matching \a model's filters as CSV to \a file, off the UI thread;
    //! csvExported() says how it went.
    Q_INVOKABLE void exportCsv(plaza::wallet::TransactionsModel *model, const QUrl &file);
    //! Saves the QR code of \a text as a PNG. "" or an error message.
    Q_INVOKABLE QString saveQrCode(const QString &text, const QUrl &file) const;
    //! "Send feedback": writes the scrubbed report (version, system, recent log lines) to
    //! \a file. "" or an error message.
    Q_INVOKABLE QString writeFeedback(const QUrl &file) const;
    //! A file name in the user's documents folder, as a URL, for save dialogs.
    Q_INVOKABLE [[nodiscard]] QUrl suggestedFile(const QString &name) const;

Q_SIGNALS:
    void pendingLinkChanged();
    //! The shell opens \a page (see requestPage()).
    void pageRequested(const QString &page);
    void settingsChanged();
    void lastTabChanged();
    void languageInUseChanged();
    //! setLanguage() took effect: the window speaks the new language.
    void languageSwitched();
    void pageSettledChanged();
    //! exportCsv() finished: \a error is "" or what went wrong, in the UI's language.
    void csvExported(const QString &error);

private:
    QCoro::Task<void> exportCsvTask(QPointer<plaza::wallet::TransactionsModel> model, QString path);
    [[nodiscard]] QVariant setting(const QString &key, const QVariant &fallback) const;
    void switchLanguage(const QString &code);
    void saveSetting(const QString &key, const QVariant &value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    plaza::Session *m_session;
    plaza::wallet::WalletService *m_wallet;
    plaza::AppLock *m_appLock;
    plaza::feed::FeedService *m_feed = nullptr;
    plaza::chat::ChatService *m_chat = nullptr;
    QQmlEngine *m_engine = nullptr; //!< the engine that asked for the singleton (retranslate())
    Options m_options;
    QString m_pendingLink;
    bool m_pageSettled = false;
};
