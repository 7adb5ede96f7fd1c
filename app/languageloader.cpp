// SPDX-License-Identifier: MIT
#include "languageloader.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace {
// The translator installed last: a switch of language replaces it.
QPointer<QTranslator> s_installed;
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
