// SPDX-License-Identifier: MIT
#include "languageloader.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

QString LanguageLoader::install(QCoreApplication &app, const QString &requested)
{
    if (!requested.isEmpty())
        QLocale::setDefault(QLocale(requested));
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);

    // Parented to the app: it must outlive every tr() call.
    auto *translator = new QTranslator(&app);
    // Tries each of locale.uiLanguages() in turn: fr-CA, fr, … → :/i18n/plaza_fr.qm
    if (!translator->load(locale, QStringLiteral("plaza"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcApp) << "no translation for" << locale.uiLanguages() << "- using English";
        // English still needs its plural forms ("%n post(s)" reads "1 post", "3 posts"): a C or
        // unknown locale gets plaza_en.qm rather than the bare source text.
        if (!translator->load(QStringLiteral("plaza_en"), QStringLiteral(":/i18n"))) {
            delete translator;
            return QStringLiteral("en");
        }
        QCoreApplication::installTranslator(translator);
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(translator);

    const QLocale translated(translator->language());
    // LANGUAGE=fr with LANG=C would give French words around C-locale dates.
    if (requested.isEmpty() && QLocale().language() != translated.language())
        QLocale::setDefault(translated);
    qCInfo(lcApp) << "interface language" << translator->language();
    return QLocale::languageToCode(translated.language());
}
