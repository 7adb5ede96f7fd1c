// SPDX-License-Identifier: MIT
#pragma once

#include "session/session.h"

#include <QCoroTask>
#include <QString>

#include <memory>

namespace plaza::cli {

//! Exit codes of plaza-cli.
enum ExitCode {
    kOk = 0,
    kFailed = 1,      //!< the server or the cache refused (message on stderr)
    kUsage = 2,       //!< bad command line
    kSignedOut = 3,   //!< no account on this device (or the session expired)
    kCacheLocked = 4, //!< the cache cannot be unlocked
};

struct CliOptions {
    QString dataDir;
    QString configDir;
    QString server;
    QString handle;
    QString displayName;
    bool passwordStdin = false;
    bool passphraseStdin = false;
    bool noKeychain = false;
    QString passphraseEnv; //!< PLAZA_PASSPHRASE
};

//! The commands of plaza-cli, each a coroutine that ends with an exit code after printing
//! its answer on stdout, or one line on stderr.
class Commands
{
public:
    explicit Commands(CliOptions options);
    ~Commands();

    QCoro::Task<int> login(bool create);
    QCoro::Task<int> whoami();
    QCoro::Task<int> sync();
    QCoro::Task<int> status();
    QCoro::Task<int> logout();

private:
    //! restore() and, if asked for, the passphrase; Ready or an exit code.
    QCoro::Task<int> open();
    QCoro::Task<void> settle();
    QCoro::Task<int> answerPassphrase();
    int failWith(const QString &message, int code = kFailed);
    int fromState();
    QString passphrase();

    CliOptions m_options;
    std::unique_ptr<Session> m_session;
    qint64 m_applied = 0;
};

} // namespace plaza::cli
