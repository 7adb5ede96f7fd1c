// SPDX-License-Identifier: MIT
#include "terminal.h"

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

void printProgress(const QString &name, qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    const QLocale c = QLocale::c();
    std::fprintf(stderr, "\r%s: %s of %s", qPrintable(name),
                 qPrintable(c.formattedDataSize(done, 1, QLocale::DataSizeTraditionalFormat)),
                 qPrintable(c.formattedDataSize(total, 1, QLocale::DataSizeTraditionalFormat)));
    if (done >= total)
        std::fputs("\n", stderr);
    std::fflush(stderr);
}

QString describe(const Error &error)
{
    return QStringLiteral("%1: %2").arg(error.codeName(), error.message);
}

QString unreadableAnswer(const QString &done, const Error &error)
{
    return QStringLiteral("%1 — the server's answer could not be read (%2)").arg(done, describe(error));
}

QJsonObject moneyJson(const Money &money)
{
    return {{QStringLiteral("amount"), money.minor()}, {QStringLiteral("currency"), money.currency()}};
}

} // namespace plaza::cli
