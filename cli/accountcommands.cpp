// SPDX-License-Identifier: MIT
// plaza-cli password and plaza-cli account delete (docs/api.md "Account").
#include "clicommands.h"

#include "common/nextsignal.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QVariantMap>

namespace plaza::cli {

namespace {

//! The server's refusal in words a terminal user can act on.
QString refusal(const QVariantMap &result)
{
    const QString code = result.value(QStringLiteral("code")).toString();
    const QString reason = result.value(QStringLiteral("reason")).toString();
    if (reason == u"wrong_password")
        return QCoreApplication::translate("plaza-cli", "the password is wrong (nothing was changed)");
    if (reason == u"balance_not_zero")
        return QCoreApplication::translate("plaza-cli", "your wallet or savings still hold money: move it out first (nothing was changed)");
    if (code == u"rate_limited")
        return QCoreApplication::translate("plaza-cli", "too many wrong passwords: try again in a minute");
    return describe(code, result.value(QStringLiteral("message")).toString(), result.value(QStringLiteral("field")).toString(),
                    reason);
}

} // namespace

QCoro::Task<int> Commands::changePassword()
{
    if (!m_options.arguments.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "password takes no arguments"), kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;

    // --password-stdin: the current password on the first line, the new one on the second.
    QString current;
    QString next;
    if (m_options.passwordStdin) {
        current = readStdinLine();
        next = readStdinLine();
    } else if (stdinIsTerminal()) {
        current = promptSecret(QCoreApplication::translate("plaza-cli", "Current password for @%1: ").arg(m_session->handle()));
        next = promptSecret(QCoreApplication::translate("plaza-cli", "New password: "));
        if (promptSecret(QCoreApplication::translate("plaza-cli", "New password again: ")) != next)
            co_return failWith(QCoreApplication::translate("plaza-cli", "the two new passwords differ (nothing was changed)"), kUsage);
    }
    if (current.isEmpty() || next.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "password needs the current and the new password (a terminal, or --password-stdin: "
                                          "current on the first line, new on the second)"),
                           kUsage);

    QVariantMap result;
    QObject guard;
    bool done = false;
    QObject::connect(m_session.get(), &Session::passwordChangeFinished, &guard, [&result, &done](const QVariantMap &answer) {
        result = answer;
        done = true;
    });
    m_session->changePassword(current, next);
    while (!done) // it may answer at once, before any wait
        co_await nextSignal(m_session.get(), &Session::passwordChangeFinished);
    if (!result.value(QStringLiteral("ok")).toBool()) {
        if (result.value(QStringLiteral("field")).toString() == u"new_password")
            co_return failWith(QCoreApplication::translate("plaza-cli", "the new password is refused: %1")
                                   .arg(errorSentence(Error{ErrorCode::ValidationFailed,
                                                            result.value(QStringLiteral("message")).toString(),
                                                            {{QStringLiteral("field"), QStringLiteral("password")}}, 0})),
                               kUsage);
        co_return failWith(refusal(result));
    }
    const qint64 ended = result.value(QStringLiteral("ended")).toLongLong();
    printLine(QCoreApplication::translate("plaza-cli", "password changed; %n other session(s) signed out, this device stays signed in",
                                          nullptr, int(ended)));
    co_return kOk;
}

QCoro::Task<int> Commands::account()
{
    const QStringList &args = m_options.arguments;
    if (args != QStringList{QStringLiteral("delete")})
        co_return failWith(QCoreApplication::translate("plaza-cli", "account takes one command: delete"), kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;

    QString password;
    if (m_options.passwordStdin)
        password = readStdinLine();
    else if (stdinIsTerminal())
        password = promptSecret(QCoreApplication::translate("plaza-cli", "Deleting @%1 for good. Password: ").arg(m_session->handle()));
    if (password.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "account delete needs your password (a terminal, or --password-stdin)"), kUsage);

    const QString handle = m_session->handle();
    const QString cacheDir = QFileInfo(m_session->cachePath()).absolutePath();
    QVariantMap result;
    QObject guard;
    bool done = false;
    QObject::connect(m_session.get(), &Session::accountDeletionFinished, &guard, [&result, &done](const QVariantMap &answer) {
        result = answer;
        done = true;
    });
    m_session->deleteAccount(password);
    while (!done) // it may answer at once, before any wait
        co_await nextSignal(m_session.get(), &Session::accountDeletionFinished);
    if (!result.value(QStringLiteral("ok")).toBool())
        co_return failWith(refusal(result));
    printLine(QCoreApplication::translate("plaza-cli", "account @%1 deleted; signed out everywhere").arg(handle));
    if (m_options.deleteCache) {
        m_session->deleteLeftoverCache();
        while (m_session->hasLeftoverCache())
            co_await nextSignal(m_session.get(), &Session::leftoverCacheChanged);
        printLine(QCoreApplication::translate("plaza-cli", "this device's copy of the account was deleted"));
    } else {
        printLine(QCoreApplication::translate("plaza-cli", "this device's copy of the account is kept in %1 (delete that folder when you no longer "
                                 "need it, or use --delete-cache next time)")
                      .arg(cacheDir));
    }
    co_return kOk;
}

} // namespace plaza::cli
