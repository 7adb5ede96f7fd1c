// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

//! What the desktop app was asked to do on its command line and through the
//! environment. Parsed once in main(); every field has a working default.
struct CommandLine
{
    QString serverUrl;    //!< --server: pre-filled on the sign-in screen, used by --sign-in-as
    QString dataDir;      //!< --data-dir: the encrypted cache (default: the platform's app data folder)
    QString configDir;    //!< --config-dir: account.json (default: the platform's config folder)
    QString language;     //!< --lang: "fr", "en", … (empty: the system's languages)
    QString themeMode;    //!< --theme / PLAZA_THEME: "system", "light" or "dark"
    QString signInAs;     //!< --sign-in-as: handle to sign in with PLAZA_DEMO_PASSWORD
    QString screenshot;   //!< --screenshot: save the window here once it settles, then quit
    QString page;         //!< --page: the tab (and sheet) to open first, e.g. "wallet/send"
    QStringList urls;     //!< plaza:// links passed by the desktop (%u)
    bool passphraseOnly = false; //!< PLAZA_KEY_BACKEND=passphrase: never ask the keychain
    bool themeFromCommandLine = false; //!< --theme or PLAZA_THEME was given

    //! The server the sign-in screen offers when nothing else is known.
    static QString defaultServerUrl() { return QStringLiteral("http://127.0.0.1:8480"); }

    //! The --lang value, read before parsing so that --help is already translated.
    static QString requestedLanguage(const QStringList &arguments);
    //! The --config-dir value, read before parsing (the saved language lives there).
    static QString requestedConfigDir(const QStringList &arguments);

    //! Parses the application's arguments. Handles --help and --version itself
    //! (they exit); on a bad value prints the reason and exits with status 2.
    static CommandLine parse(const QCoreApplication &app);
};
