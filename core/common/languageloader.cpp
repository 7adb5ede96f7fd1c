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
//! English: the source text, with its plural forms from plaza_en.qm ("%n post(s)" reads
//! "1 post", "3 posts") rather than the bare source text. Takes \a translator (deletes it when
//! plaza_en.qm is missing).
void installEnglish(QCoreApplication &app, QTranslator *translator)
{
    if (translator->load(QStringLiteral("plaza_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
    installQtTranslation(app, QLocale(QLocale::English));
}
//! A new translator in place of the one installed last (removed), not loaded yet. Parented to
//! the app: it must outlive every translated string.
QTranslator *replaceTranslator(QCoreApplication &app)
{
    if (s_installed) {
        QCoreApplication::removeTranslator(s_installed);
        s_installed->deleteLater();
    }
    auto *translator = new QTranslator(&app);
    s_installed = translator;
    return translator;
}
} // namespace

QString LanguageLoader::installForTerminal(QCoreApplication &app)
{
    // The messages' locale as gettext finds it: LC_ALL, else LC_MESSAGES, else LANG. QLocale::system()
    // would let LANGUAGE override "C.UTF-8".
    QString messages;
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        messages = qEnvironmentVariable(name);
        if (!messages.isEmpty())
            break;
    }
    const bool plainC = messages.isEmpty() || messages == u"C" || messages == u"POSIX" || messages.startsWith(u"C.")
        || messages.startsWith(u"POSIX.");
    if (!plainC)
        return install(app, QString());
    installEnglish(app, replaceTranslator(app));
    return QStringLiteral("en");
}

LanguageNotifier *LanguageNotifier::instance()
{
    static LanguageNotifier notifier;
    return &notifier;
}

QString LanguageLoader::install(QCoreApplication &app, const QString &requested)
{
    const QString inUse = installTranslation(app, requested);
    Q_EMIT LanguageNotifier::instance()->switched();
    return inUse;
}

QString LanguageLoader::installTranslation(QCoreApplication &app, const QString &requested)
{
    // From the system's again unless a language is asked for (a switch back to "System").
    QLocale::setDefault(requested.isEmpty() ? QLocale::system() : QLocale(requested));
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);

    QTranslator *translator = replaceTranslator(app);
    // Tries each of locale.uiLanguages() in turn: fr-CA, fr, … → :/i18n/plaza_fr.qm
    if (!translator->load(locale, QStringLiteral("plaza"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcApp) << "no translation for" << locale.uiLanguages() << "- using English";
        installEnglish(app, translator);
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
