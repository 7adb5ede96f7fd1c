// SPDX-License-Identifier: MIT
// plaza-cli 2fa: two-factor sign-in (TOTP) and the step-up threshold (docs/api.md
// "Two-factor sign-in", "Step-up").
#include "clicommands.h"

#include "sync/syncengine.h"
#include "terminal.h"

#include "common/nextsignal.h"

#include <QCoreApplication>

namespace plaza::cli {

QCoro::Task<void> Commands::settleSecurity()
{
    while (m_session->securityStatus() == u"loading") {
        const bool answered = co_await nextSignal(m_session.get(), &Session::securityChanged, std::chrono::seconds(30));
        if (!answered)
            break;
    }
}

QCoro::Task<int> Commands::twoFactor()
{
    const QStringList &args = m_options.arguments;
    const QString sub = args.value(0, QStringLiteral("status"));
    static const QString usage = QCoreApplication::translate("plaza-cli", "usage: 2fa status | setup | confirm CODE | disable CODE|--recovery-code CODE | "
                                                "threshold AMOUNT|off");
    const bool needsValue = sub == u"confirm" || sub == u"threshold" || (sub == u"disable" && m_options.recoveryCode.isEmpty());
    if ((needsValue && args.size() != 2) || (!needsValue && args.size() > 1))
        co_return failWith(usage, kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;
    const auto failed = [this] {
        const QString reason = m_session->securityErrorReason();
        return failWith(describe(reason.isEmpty() ? QStringLiteral("failed") : reason, m_session->securityError(), {}, reason));
    };

    if (sub == u"status" || sub == u"threshold") {
        m_session->loadSecurity();
        co_await settleSecurity();
        if (m_session->securityStatus() != u"ready")
            co_return failed();
    }
    if (sub == u"status") {
        printLine(QCoreApplication::translate("plaza-cli", "two-factor sign-in: %1").arg(m_session->totpEnabled() ? QCoreApplication::translate("plaza-cli", "on", "two-factor sign-in") : QCoreApplication::translate("plaza-cli", "off", "two-factor sign-in")));
        const qint64 threshold = m_session->stepUpThreshold();
        // The threshold is in the wallet's currency; EUR is the reference server's.
        printLine(QCoreApplication::translate("plaza-cli", "step-up threshold: %1")
                      .arg(threshold < 0 ? QCoreApplication::translate("plaza-cli", "none", "no step-up threshold") : Money(threshold, QStringLiteral("EUR")).format()));
        co_return kOk;
    }
    if (sub == u"setup") {
        QString password;
        if (m_options.passwordStdin)
            password = readStdinLine();
        else if (stdinIsTerminal())
            password = promptSecret(QCoreApplication::translate("plaza-cli", "Password for @%1: ").arg(m_session->handle()));
        if (password.isEmpty())
            co_return failWith(QCoreApplication::translate("plaza-cli", "no password (use --password-stdin or a terminal)"), kUsage);
        m_session->startTotpSetup(password);
        co_await settleSecurity();
        if (m_session->securityStatus() != u"ready")
            co_return failed();
        printLine(QCoreApplication::translate("plaza-cli", "secret: %1").arg(m_session->totpSecret()));
        printLine(QCoreApplication::translate("plaza-cli", "uri: %1").arg(m_session->totpUri()));
        printLine(QCoreApplication::translate("plaza-cli", "add it to your authenticator app, then: plaza-cli 2fa confirm CODE"));
        co_return kOk;
    }
    if (sub == u"confirm") {
        m_session->confirmTotpSetup(args.at(1));
        co_await settleSecurity();
        if (m_session->securityStatus() != u"ready")
            co_return failed();
        printLine(QCoreApplication::translate("plaza-cli", "two-factor sign-in is on. Recovery codes (each works once; keep them safe, they are not shown again):"));
        for (const QString &code : m_session->recoveryCodes())
            printLine(QStringLiteral("  %1").arg(code));
        m_session->forgetRecoveryCodes();
        co_return kOk;
    }
    if (sub == u"disable") {
        const bool recovery = args.size() < 2;
        m_session->disableTotp(recovery ? m_options.recoveryCode : args.at(1), recovery);
        co_await settleSecurity();
        if (m_session->securityStatus() != u"ready")
            co_return failed();
        printLine(QCoreApplication::translate("plaza-cli", "two-factor sign-in is off"));
        co_return kOk;
    }
    if (sub == u"threshold") {
        const QString value = args.at(1);
        const bool off = value == u"off";
        // Raising or removing it asks for a step-up: the password (or --code).
        QString proof = m_options.code;
        const bool weakens = m_session->stepUpThreshold() >= 0;
        if (proof.isEmpty() && weakens && m_options.passwordStdin)
            proof = readStdinLine();
        m_session->setStepUpThreshold(off ? QString() : value, QStringLiteral("EUR"), proof);
        co_await settleSecurity();
        if (m_session->securityStatus() != u"ready")
            co_return failed();
        const qint64 threshold = m_session->stepUpThreshold();
        printLine(QCoreApplication::translate("plaza-cli", "step-up threshold: %1")
                      .arg(threshold < 0 ? QCoreApplication::translate("plaza-cli", "none", "no step-up threshold") : Money(threshold, QStringLiteral("EUR")).format()));
        co_return kOk;
    }
    co_return failWith(usage, kUsage);
}

} // namespace plaza::cli
