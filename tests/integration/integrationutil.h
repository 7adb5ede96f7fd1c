// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the integration suite: drive the real plaza-server through the real
// ApiClient, run coroutines to completion, and look inside cache files.

#include "common/result.h"
#include "net/apiclient.h"
#include "protocol/types.h"
#include "session/session.h"
#include "common/waittask.h"

#include <QCoroTask>
#include <QEventLoop>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <optional>

namespace plaza::test {

//! What one plaza-cli run printed and returned (exitCode -1: it did not start or hung; -2: it crashed).
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

//! Runs the plaza-cli next to the test binary with \a args plus --data-dir/--config-dir and
//! --no-keychain, feeding \a stdinData, in \a env; keeps this process's event loop running while
//! it waits, and gives up after 30 s.
//! The environment of a CLI run: the system's, with \a passphrase as PLAZA_PASSPHRASE and a
//! UTF-8 C locale (figures and messages as the tests expect them).
QProcessEnvironment cliEnvironment(const QString &passphrase);

CliRun runCli(const QStringList &args, const QByteArray &stdinData, const QProcessEnvironment &env,
              const QString &dataDir, const QString &configDir);

//! An account on the test server, signed in through its own ApiClient (another device).
struct RemoteUser {
    QString id;
    QString handle;
    QString displayName;
    std::unique_ptr<net::ApiClient> api;
};

//! A handle unique within the run: "<prefix>_<counter><random>", ≤ 20 chars.
QString uniqueHandle(const QString &prefix);
//! Registers a fresh account on \a server; a failed QVERIFY-style check if it cannot.
std::optional<RemoteUser> registerUser(const QUrl &server, const QString &prefix, const QString &password);
//! \a by follows \a whom (POST /v1/users/{id}/follow): one user.updated for each of them.
Status follow(RemoteUser &by, const QString &whom);
Status unfollow(RemoteUser &by, const QString &whom);
//! POST /v1/conversations with \a memberIds: conversation.updated for every member.
Result<QString> createConversation(RemoteUser &by, const QStringList &memberIds, const QString &title = {});
//! The newest seq of the account behind \a api (pages through /v1/sync from 0).
Result<qint64> latestSeq(net::ApiClient &api);
//! One raw /v1/sync page.
Result<protocol::SyncPage> syncPage(net::ApiClient &api, qint64 since, int limit = 1000);

//! A Session on temporary folders with the passphrase path (no D-Bus needed).
struct SessionFixture {
    QTemporaryDir data;
    QTemporaryDir config;
    std::unique_ptr<Session> session;

    explicit SessionFixture(Session::KeyBackend backend = Session::KeyBackend::PassphraseOnly);
    //! A new Session object on the same folders (an app restart).
    void reopen(Session::KeyBackend backend = Session::KeyBackend::PassphraseOnly);
    Session::Options options(Session::KeyBackend backend) const;
};

//! Waits until the session is not busy; false on timeout.
bool waitIdle(Session &session, int timeoutMs = 20000);
//! createAccount (+ the passphrase if asked) and waits for Ready and the first pull.
bool createAccount(Session &session, const QUrl &server, const QString &handle, const QString &displayName,
                   const QString &password, const QString &passphrase);
//! Waits until the engine's cursor reaches \a cursor and no pull is running.
bool waitCursor(Session &session, qint64 cursor, int timeoutMs = 20000);

//! Row count of \a table in the cache at \a path (a separate read connection).
Result<qint64> countRows(const QString &path, const QByteArray &key, const QString &table);
//! The cache file and its -wal/-shm as they are on disk now (missing files are empty).
QByteArray readAll(const QString &path);

} // namespace plaza::test
