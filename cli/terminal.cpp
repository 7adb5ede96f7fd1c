// SPDX-License-Identifier: MIT
#include "terminal.h"

#include "common/errorcodes.h"
#include "common/errortext.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace plaza::cli {

QString readStdinLine()
{
    std::string line;
    if (!std::getline(std::cin, line))
        return {};
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

QString promptSecret(const QString &prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
#ifdef Q_OS_UNIX
    if (stdinIsTerminal()) {
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        const QString secret = readStdinLine();
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
        return secret;
    }
#endif
    return readStdinLine();
}

void printLine(const QString &line)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString &message)
{
    std::fputs((QCoreApplication::translate("plaza-cli", "plaza-cli: %1").arg(message) + u'\n').toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

void printProgress(const QString &name, qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    // QLocale(): C under a C locale (the figures scripts read), the user's otherwise.
    const QLocale locale;
    std::fputs((u'\r'
                + QCoreApplication::translate("plaza-cli", "%1: %2 of %3")
                      .arg(name, locale.formattedDataSize(done, 1, QLocale::DataSizeTraditionalFormat),
                           locale.formattedDataSize(total, 1, QLocale::DataSizeTraditionalFormat)))
                   .toLocal8Bit()
                   .constData(),
               stderr);
    if (done >= total)
        std::fputs("\n", stderr);
    std::fflush(stderr);
}

namespace {
QString s_language = QStringLiteral("en");
QString s_server;
} // namespace

void setMessageLanguage(const QString &language)
{
    s_language = language;
}

void setMessageServer(const QString &serverUrl)
{
    s_server = serverUrl;
}

bool messagesInEnglish()
{
    return s_language == u"en";
}

namespace {
// The detail withSentence() sets: the message is plaza-cli's own, in the user's language.
const QString kOwnSentence = QStringLiteral("plaza_cli_sentence");
} // namespace

Error withSentence(Error error, const QString &sentence)
{
    error.message = sentence;
    error.details.insert(kOwnSentence, true);
    return error;
}

QString errorSentence(const Error &error)
{
    if ((messagesInEnglish() || error.details.value(kOwnSentence).toBool()) && !error.message.isEmpty())
        return error.message;
    const QString code = error.codeName();
    const QString reason = error.details.value(QStringLiteral("reason")).toString();
    if (error.code == ErrorCode::InvalidAmount && !reason.isEmpty())
        return errortext::describeAmount(reason, error.details.value(QStringLiteral("decimals"), 2).toInt());
    if (!reason.isEmpty()) {
        // A reason of two-factor sign-in or the step-up, or why a payment link can't be paid.
        const QString plain = errortext::describe(code);
        if (const QString security = errortext::describeSecurity(reason, code); security != plain)
            return security;
        const QString forServer = errortext::describe(code, {}, s_server);
        if (const QString link = errortext::describeLink(reason, code, s_server); link != forServer)
            return link;
    }
    return errortext::describe(code, error.field(), s_server);
}

QString describe(const Error &error)
{
    return QCoreApplication::translate("plaza-cli", "%1: %2").arg(error.codeName(), errorSentence(error));
}

QString describe(const QString &code, const QString &message, const QString &field, const QString &reason)
{
    if (messagesInEnglish() && message.isEmpty())
        return code;
    // codeName() of a name the core does not know is "unknown": keep the name given.
    return QCoreApplication::translate("plaza-cli", "%1: %2").arg(code, errorSentence(errorFrom(code, message, field, reason)));
}

Error errorFrom(const QString &code, const QString &message, const QString &field, const QString &reason)
{
    Error error{errorCodeFromName(code), message, {}, 0};
    if (!field.isEmpty())
        error.details.insert(QStringLiteral("field"), field);
    if (!reason.isEmpty())
        error.details.insert(QStringLiteral("reason"), reason);
    return error;
}

QString unreadableAnswer(const QString &done, const Error &error)
{
    return QCoreApplication::translate("plaza-cli", "%1 — the server's answer could not be read (%2)").arg(done, describe(error));
}

QJsonObject moneyJson(const Money &money)
{
    return {{QStringLiteral("amount"), money.minor()}, {QStringLiteral("currency"), money.currency()}};
}

} // namespace plaza::cli
