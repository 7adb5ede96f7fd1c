// SPDX-License-Identifier: MIT
#include "clicommands.h"

#include "chat/chatservice.h"
#include "common/nextsignal.h"

#include "net/apiclient.h"
#include "net/wssession.h"
#include "session/accountfiles.h"
#include "sync/syncengine.h"
#include "terminal.h"
#include "wallet/walletservice.h"
#include "wallet/walletsummary.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace plaza::cli {

namespace {

//! True if \a path does not start with SQLite's plain-text header.
bool looksEncrypted(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return !file.read(16).startsWith("SQLite format 3");
}

} // namespace

Commands::Commands(CliOptions options) : m_options(std::move(options))
{
    Session::Options so;
    so.dataDir = m_options.dataDir;
    so.configDir = m_options.configDir;
    so.keyBackend = m_options.noKeychain ? Session::KeyBackend::PassphraseOnly : Session::KeyBackend::Auto;
    m_session = std::make_unique<Session>(so);
    QObject::connect(m_session.get(), &Session::eventsApplied, m_session.get(),
                     [this](int count, qint64, const QStringList &) { m_applied += count; });
}

Commands::~Commands()
{
    // The wallet and chat objects use the session: they go first.
    m_chat.reset();
    m_wallet.reset();
    m_summary.reset();
}

QCoro::Task<void> Commands::close()
{
    co_await m_session->close();
}

int Commands::failWith(const QString &message, int code)
{
    printError(message);
    return code;
}

QString Commands::sessionError() const
{
    const QString code = m_session->errorCode().isEmpty() ? QStringLiteral("failed") : m_session->errorCode();
    return describe(code, m_session->errorMessage(), m_session->errorField(), m_session->errorReason());
}

int Commands::fromState()
{
    // ": why" after what failed (the core's English message, or its sentence in the user's language).
    const QString why = m_session->errorMessage().isEmpty()
        ? QString()
        : QCoreApplication::translate("plaza-cli", ": %1")
              .arg(errorSentence(errorFrom(m_session->errorCode(), m_session->errorMessage(), m_session->errorField(),
                                           m_session->errorReason())));
    switch (m_session->state()) {
    case Session::State::Ready:
        return kOk;
    case Session::State::SignedOut:
        if (!m_session->errorCode().isEmpty())
            return failWith(sessionError(), kSignedOut);
        return failWith(QCoreApplication::translate("plaza-cli", "not signed in (plaza-cli login --server URL --handle H)"), kSignedOut);
    case Session::State::CacheLocked:
        if (m_session->cacheDamaged())
            return failWith((messagesInEnglish() ? m_session->errorMessage()
                                                 : QCoreApplication::translate("plaza-cli", "The local cache %1 is damaged. "
                                                                                            "Nothing was changed.")
                                                       .arg(m_session->cachePath()))
                                + QCoreApplication::translate("plaza-cli", " Run `plaza-cli logout` (it moves the damaged file "
                                                                           "aside, deleting nothing), then `plaza-cli login` to "
                                                                           "rebuild the cache."),
                            kCacheLocked);
        return failWith(QCoreApplication::translate("plaza-cli", "the local cache is locked") + why, kCacheLocked);
    case Session::State::NeedsPassphrase:
        return failWith(QCoreApplication::translate("plaza-cli", "a passphrase is needed (--passphrase-stdin or PLAZA_PASSPHRASE)") + why,
                        kCacheLocked);
    case Session::State::Starting:
        break;
    }
    return failWith(QCoreApplication::translate("plaza-cli", "the session did not start") + why);
}

QCoro::Task<void> Commands::settle()
{
    while (m_session->busy())
        co_await nextSignal(m_session.get(), &Session::busyChanged);
}

QString Commands::passphrase()
{
    if (m_options.passphraseStdin)
        return readStdinLine();
    if (!m_options.passphraseEnv.isEmpty())
        return m_options.passphraseEnv;
    if (stdinIsTerminal()) {
        return promptSecret(m_session->passphraseIsNew() ? QCoreApplication::translate("plaza-cli", "New passphrase for the local cache: ")
                                                         : QCoreApplication::translate("plaza-cli", "Passphrase: "));
    }
    return {};
}

QCoro::Task<int> Commands::answerPassphrase()
{
    if (m_session->state() != Session::State::NeedsPassphrase)
        co_return kOk;
    const QString secret = passphrase();
    if (secret.isEmpty())
        co_return fromState();
    m_session->submitPassphrase(secret);
    co_await settle();
    if (m_session->state() == Session::State::NeedsPassphrase)
        co_return failWith(sessionError(), kCacheLocked);
    co_return fromState();
}

QCoro::Task<int> Commands::open()
{
    m_session->restore();
    co_await settle();
    setMessageServer(m_session->serverUrl());
    if (m_session->state() == Session::State::NeedsPassphrase)
        co_return co_await answerPassphrase();
    co_return fromState();
}

QCoro::Task<int> Commands::login(bool create)
{
    if (m_options.server.isEmpty() || m_options.handle.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "login needs --server URL and --handle H"), kUsage);
    if (create && m_options.displayName.isEmpty())
        m_options.displayName = m_options.handle;
    AccountFiles files(m_options.dataDir, m_options.configDir);
    if (auto existing = files.readAccount())
        co_return failWith(QCoreApplication::translate("plaza-cli", "already signed in as @%1 (plaza-cli logout first)").arg(existing->handle));

    QString password;
    if (m_options.passwordStdin)
        password = readStdinLine();
    else if (stdinIsTerminal())
        password = promptSecret(QCoreApplication::translate("plaza-cli", "Password for @%1: ").arg(m_options.handle));
    if (password.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "no password (use --password-stdin or a terminal)"), kUsage);

    setMessageServer(m_options.server);
    if (create)
        m_session->createAccount(m_options.server, m_options.handle, m_options.displayName, password);
    else
        m_session->signIn(m_options.server, m_options.handle, password);
    co_await settle();
    if (!create && m_session->signInCodeRequired()) {
        // Two-factor sign-in: the password was right; now the code (or a recovery code).
        const bool recovery = m_options.code.isEmpty() && !m_options.recoveryCode.isEmpty();
        QString code = recovery ? m_options.recoveryCode : m_options.code;
        if (code.isEmpty() && stdinIsTerminal()) {
            std::fputs(QCoreApplication::translate("plaza-cli", "Code from your authenticator app: ").toLocal8Bit().constData(),
                       stdout);
            std::fflush(stdout);
            code = readStdinLine();
        }
        if (code.trimmed().isEmpty()) {
            m_session->cancelSignInCode();
            co_return failWith(QCoreApplication::translate("plaza-cli", "this account has two-factor sign-in: give --code CODE (or --recovery-code CODE)"),
                               kUsage);
        }
        m_session->submitSignInCode(code, recovery);
        co_await settle();
        if (m_session->signInCodeRequired() || m_session->state() == Session::State::SignedOut) {
            co_return failWith(sessionError());
        }
    }
    if (m_session->state() == Session::State::NeedsPassphrase) {
        if (const int code = co_await answerPassphrase(); code != kOk)
            co_return code;
    }
    if (m_session->state() != Session::State::Ready) {
        co_return failWith(sessionError());
    }
    const Status synced = co_await m_session->syncEngine()->pull();
    if (!synced)
        co_return failWith(QCoreApplication::translate("plaza-cli", "signed in, but the first sync failed: %1").arg(synced.error().codeName()));
    printLine(QCoreApplication::translate("plaza-cli", "signed in as @%1 (%2) on %3").arg(m_session->handle(), m_session->displayName(),
                                                                 m_session->serverUrl()));
    co_return kOk;
}

QCoro::Task<int> Commands::whoami()
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    printLine(QCoreApplication::translate("plaza-cli", "@%1 (%2) id %3 on %4")
                  .arg(m_session->handle(), m_session->displayName(), m_session->userId(), m_session->serverUrl()));
    co_return kOk;
}

QCoro::Task<int> Commands::sync()
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    // Waits for the pull restore() started and one more round after it.
    const Status st = co_await m_session->syncEngine()->pull();
    if (!st)
        co_return failWith(QCoreApplication::translate("plaza-cli", "sync failed: %1").arg(describe(st.error())));
    printLine(QCoreApplication::translate("plaza-cli", "applied %n event(s), cursor %1", nullptr, int(m_applied)).arg(m_session->cursor()));
    co_return kOk;
}

QCoro::Task<int> Commands::status()
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    // Online means the live connection came up; give it a moment.
    if (!m_session->online())
        co_await nextSignal(m_session.get(), &Session::onlineChanged, std::chrono::seconds(3));
    const QDateTime last = m_session->lastSyncedAt();
    const QString cachePath = m_session->cachePath();
    printLine(QCoreApplication::translate("plaza-cli", "server: %1").arg(m_session->serverUrl()));
    printLine(QCoreApplication::translate("plaza-cli", "account: @%1 (%2) id %3").arg(m_session->handle(), m_session->displayName(),
                                                            m_session->userId()));
    printLine(QCoreApplication::translate("plaza-cli", "cursor: %1").arg(m_session->cursor()));
    printLine(QCoreApplication::translate("plaza-cli", "last sync: %1")
                  .arg(last.isValid() ? last.toUTC().toString(Qt::ISODateWithMs) : QCoreApplication::translate("plaza-cli", "never")));
    printLine(QCoreApplication::translate("plaza-cli", "online: %1").arg(m_session->online() ? QCoreApplication::translate("plaza-cli", "yes") : QCoreApplication::translate("plaza-cli", "no")));
    printLine(QCoreApplication::translate("plaza-cli", "cache: %1 (%2)")
                  .arg(looksEncrypted(cachePath) ? QCoreApplication::translate("plaza-cli", "encrypted") : QCoreApplication::translate("plaza-cli", "NOT ENCRYPTED"),
                       cachePath));
    co_return kOk;
}

QCoro::Task<int> Commands::logout()
{
    const int opened = co_await open();
    if (opened == kSignedOut && !AccountFiles(m_options.dataDir, m_options.configDir).readAccount())
        co_return failWith(QCoreApplication::translate("plaza-cli", "not signed in"), kSignedOut);
    // Also from a locked cache: signing out is how the user drops it.
    m_session->signOut();
    co_await settle();
    if (m_session->state() != Session::State::SignedOut)
        co_return fromState();
    printLine(QCoreApplication::translate("plaza-cli", "signed out"));
    co_return kOk;
}

} // namespace plaza::cli
