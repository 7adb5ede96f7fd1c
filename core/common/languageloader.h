// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

class QCoreApplication;

//! Says when LanguageLoader::install() has put another translation in place, for whoever
//! shows sentences made in C++ (QQmlEngine::retranslate() only reaches qsTr bindings): the
//! ErrorText singleton of QML, whose sentences are common/errortext.h's.
class LanguageNotifier : public QObject
{
    Q_OBJECT
public:
    [[nodiscard]] static LanguageNotifier *instance();

Q_SIGNALS:
    //! After the new translation is installed and QLocale's default set.
    void switched();

private:
    LanguageNotifier() = default;
};

//! Chooses the interface language and installs its translation (:/i18n/plaza_<lang>.qm)
//! before any text is made: the desktop app before its QML loads, plaza-cli before it parses
//! its command line. QtCore only.
class LanguageLoader
{
public:
    //! \a requested ("fr", "en_GB", …) wins; empty means the system's languages in
    //! order (LANGUAGE, then LC_ALL / LC_MESSAGES / LANG). Also makes QLocale's default
    //! speak the same language, so dates and numbers match the words around them.
    //! Returns the language code in use ("en" when no translation matched). Called again, it
    //! replaces the translation it installed before (then QQmlEngine::retranslate()).
    //! LanguageNotifier::switched() follows every call.
    static QString install(QCoreApplication &app, const QString &requested);
    //! A terminal tool's choice (plaza-cli): the system's languages as install() reads them,
    //! except that a C or POSIX locale (LC_ALL / LC_MESSAGES / LANG, "C.UTF-8" included; none
    //! set counts as C) stays English whatever LANGUAGE says, as gettext does, and keeps
    //! QLocale's default (the C figures scripts read).
    static QString installForTerminal(QCoreApplication &app);

private:
    static QString installTranslation(QCoreApplication &app, const QString &requested);
};
