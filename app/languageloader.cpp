// SPDX-License-Identifier: MIT
#include "languageloader.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace {
// The translator installed last: a switch of language replaces it.
QPointer<QTranslator> s_installed;
// Qt's own words in that language (the file dialog's "Save", "Cancel", "File name"…).
QPointer<QTranslator> s_qtInstalled;

void installQtTranslation(QCoreApplication &app, const QLocale &locale)
{
    if (s_qtInstalled) {
        QCoreApplication::removeTranslator(s_qtInstalled);
        s_qtInstalled->deleteLater();
    }
    if (locale.language() == QLocale::English)
        return;
    auto *translator = new QTranslator(&app);
    // qt_fr.qm gathers qtbase_fr.qm and qtdeclarative_fr.qm (qt6-translations-l10n).
    if (!translator->load(locale, QStringLiteral("qt"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        qCInfo(lcApp) << "no Qt translation for" << locale.uiLanguages();
        delete translator;
        return;
    }
    s_qtInstalled = translator;
    QCoreApplication::installTranslator(translator);
}
} // namespace

QString LanguageLoader::install(QCoreApplication &app, const QString &requested)
{
    if (s_installed) {
        QCoreApplication::removeTranslator(s_installed);
        s_installed->deleteLater();
    }
    // From the system's again unless a language is asked for (a switch back to "System").
    QLocale::setDefault(requested.isEmpty() ? QLocale::system() : QLocale(requested));
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);

    // Parented to the app: it must outlive every tr() call.
    auto *translator = new QTranslator(&app);
    s_installed = translator;
    // Tries each of locale.uiLanguages() in turn: fr-CA, fr, … → :/i18n/plaza_fr.qm
    if (!translator->load(locale, QStringLiteral("plaza"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcApp) << "no translation for" << locale.uiLanguages() << "- using English";
        // English still needs its plural forms ("%n post(s)" reads "1 post", "3 posts"): a C or
        // unknown locale gets plaza_en.qm rather than the bare source text.
        if (!translator->load(QStringLiteral("plaza_en"), QStringLiteral(":/i18n"))) {
            delete translator;
            installQtTranslation(app, QLocale(QLocale::English));
            return QStringLiteral("en");
        }
        QCoreApplication::installTranslator(translator);
        installQtTranslation(app, QLocale(QLocale::English));
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(translator);

    const QLocale translated(translator->language());
    installQtTranslation(app, translated);
    // LANGUAGE=fr with LANG=C would give French words around C-locale dates.
    if (requested.isEmpty() && QLocale().language() != translated.language())
        QLocale::setDefault(translated);
    qCInfo(lcApp) << "interface language" << translator->language();
    return QLocale::languageToCode(translated.language());
}
