// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QCoreApplication>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "plaza: %s\n", qPrintable(message));
    std::exit(2);
}

} // namespace

namespace {
//! The value of --name (or -name, or --name=value) before the parser runs.
QString earlyOptionValue(const QStringList &arguments, const QString &name)
{
    const QString longForm = QStringLiteral("--") + name;
    const QString shortForm = QStringLiteral("-") + name;
    const QString withValue = longForm + u'=';
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if ((arg == longForm || arg == shortForm) && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arg.startsWith(withValue))
            return arg.mid(withValue.size());
    }
    return {};
}
} // namespace

QString CommandLine::requestedLanguage(const QStringList &arguments)
{
    return earlyOptionValue(arguments, QStringLiteral("lang"));
}

QString CommandLine::requestedConfigDir(const QStringList &arguments)
{
    return earlyOptionValue(arguments, QStringLiteral("config-dir"));
}

CommandLine CommandLine::parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "Plaza: your feed, chats, wallet and savings in one window."));
    parser.addHelpOption();
    parser.addVersionOption();

    const QCommandLineOption server(QStringLiteral("server"),
        QCoreApplication::translate("CommandLine", "Server to offer on the sign-in screen."), QStringLiteral("url"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QCoreApplication::translate("CommandLine", "Folder for the encrypted local cache."), QStringLiteral("dir"));
    const QCommandLineOption configDir(QStringLiteral("config-dir"),
        QCoreApplication::translate("CommandLine", "Folder for the saved account (no secrets)."), QStringLiteral("dir"));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QCoreApplication::translate("CommandLine", "Language of the interface, e.g. fr or en."), QStringLiteral("code"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QCoreApplication::translate("CommandLine", "Colours: system, light or dark."), QStringLiteral("mode"));
    const QCommandLineOption signInAs(QStringLiteral("sign-in-as"),
        QCoreApplication::translate("CommandLine",
                                    "Sign in as this handle if signed out; the password comes from PLAZA_DEMO_PASSWORD."),
        QStringLiteral("handle"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("CommandLine",
                                    "Save a picture of the window once it is ready (or signed out), then quit."),
        QStringLiteral("file"));
    const QCommandLineOption page(QStringLiteral("page"),
        QCoreApplication::translate("CommandLine",
                                    "Open this page first: feed, chat, wallet, savings, settings, switcher, feedback; feed/discover, "
                                    "feed/thread, feed/profile, feed/muted-profile, feed/why, feed/bookmarks, feed/menu, feed/edit, feed/quote, "
                                    "feed/delete; chat/new, chat/new-group, chat/search/WORDS, chat/ID, chat/ID/ followed by send, request, "
                                    "photos, menu, react, reply, forward, report-request, members, rename or mention; wallet/send[/handle], "
                                    "wallet/request[/id], wallet/export, wallet/topup; savings/deposit, savings/withdraw, savings/goal; "
                                    "settings/security, settings/two-factor, settings/password, settings/delete-account, settings/storage, "
                                    "settings/blocked, settings/muted."),
        QStringLiteral("page"));
    parser.addOptions({server, dataDir, configDir, lang, theme, signInAs, screenshot, page});
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QCoreApplication::translate("CommandLine", "plaza:// link to open."),
                                 QStringLiteral("[url]"));
    parser.process(app);

    CommandLine result;
    result.serverUrl = parser.isSet(server) ? parser.value(server) : defaultServerUrl();
    const QUrl serverUrl(result.serverUrl, QUrl::StrictMode);
    if (!serverUrl.isValid() || (serverUrl.scheme() != u"http" && serverUrl.scheme() != u"https")
        || serverUrl.host().isEmpty())
        fail(QStringLiteral("--server needs an http:// or https:// URL, got \"%1\"").arg(result.serverUrl));

    result.dataDir = parser.value(dataDir);
    result.configDir = parser.value(configDir);
    result.language = parser.value(lang);
    result.signInAs = parser.value(signInAs);
    result.screenshot = parser.value(screenshot);
    result.urls = parser.positionalArguments();
    result.page = parser.value(page);
    static const QRegularExpression pagePattern(QRegularExpression::anchoredPattern(
        QStringLiteral("(feed(/(discover|thread|profile|muted-profile|why|bookmarks|menu|edit|quote|delete))?|chat(/(search/[^/]{1,64}|[A-Za-z0-9_-]{1,64}(/(send|request|photos|menu|react|reply|forward|report-request|members|rename|mention))?))?|settings(/(security|two-factor|password|delete-account|storage|blocked|muted))?|switcher|feedback|savings(/(deposit|withdraw|goal))?|wallet(/(send|request)(/[A-Za-z0-9_-]{1,64})?|/export|/topup)?)")));
    if (!result.page.isEmpty() && !pagePattern.match(result.page).hasMatch())
        fail(QStringLiteral("--page is feed[/discover|/thread|/profile|/muted-profile|/why|/bookmarks|/menu|/edit|/quote|/delete], chat[/ID[/send|/request|/photos|/menu|/react|/reply|/forward|/report-request|/members|/rename|/mention]|/new|/new-group|/search/WORDS], "
                            "wallet[/send[/handle]|/request[/id]|/export|/topup], savings[/deposit|/withdraw|/goal], switcher, feedback or settings[/security|/two-factor|/password|/delete-account|/storage|/blocked|/muted], got \"%1\"")
                 .arg(result.page));

    result.themeMode = parser.isSet(theme) ? parser.value(theme)
                                           : QString::fromLocal8Bit(qgetenv("PLAZA_THEME"));
    result.themeFromCommandLine = !result.themeMode.isEmpty();
    if (result.themeMode.isEmpty())
        result.themeMode = QStringLiteral("system");
    if (result.themeMode != u"system" && result.themeMode != u"light" && result.themeMode != u"dark")
        fail(QStringLiteral("--theme is system, light or dark, got \"%1\"").arg(result.themeMode));

    const QByteArray backend = qgetenv("PLAZA_KEY_BACKEND");
    if (!backend.isEmpty() && backend != "passphrase" && backend != "auto")
        fail(QStringLiteral("PLAZA_KEY_BACKEND is auto or passphrase"));
    result.passphraseOnly = backend == "passphrase";
    return result;
}
