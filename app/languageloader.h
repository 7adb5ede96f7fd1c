// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QCoreApplication;

//! Chooses the interface language and installs its translation before any QML loads.
class LanguageLoader
{
public:
    //! \a requested ("fr", "en_GB", …) wins; empty means the system's languages in
    //! order (LANGUAGE, then LC_ALL / LC_MESSAGES / LANG). Also makes QLocale's default
    //! speak the same language, so dates and numbers match the words around them.
    //! Returns the language code in use ("en" when no translation matched). Called again, it
    //! replaces the translation it installed before (then QQmlEngine::retranslate()).
    static QString install(QCoreApplication &app, const QString &requested);
};
