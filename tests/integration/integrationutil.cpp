// SPDX-License-Identifier: MIT
#include "integrationutil.h"

#include <QCoreApplication>

#include <QDir>

#include <QProcess>

#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCoroSignal>
#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace plaza::test {

QString uniqueHandle(const QString &prefix)
{
    static int counter = 0;
    return QStringLiteral("%1_%2%3")
        .arg(prefix.left(8))
        .arg(++counter)
        .arg(QRandomGenerator::global()->bounded(100000, 999999));
}

std::optional<RemoteUser> registerUser(const QUrl &server, const QString &prefix, const QString &password)
{
    RemoteUser user;
    user.handle = uniqueHandle(prefix);
    user.displayName = prefix + QStringLiteral(" Displayname");
    user.api = std::make_unique<net::ApiClient>();
    user.api->setBaseUrl(server);
    auto tokens = waitTask(user.api->registerAccount(user.handle, user.displayName, password));
    if (!tokens) {
        qWarning() << "register failed:" << tokens.error().message;
        return std::nullopt;
    }
    user.id = tokens->user.id;
    return user;
}

Status follow(RemoteUser &by, const QString &whom)
{
    auto r = waitTask(by.api->post(QStringLiteral("/v1/users/%1/follow").arg(whom), {}));
    if (!r)
        return r.error();
    return {};
}

Status unfollow(RemoteUser &by, const QString &whom)
{
    auto r = waitTask(by.api->del(QStringLiteral("/v1/users/%1/follow").arg(whom)));
    if (!r)
        return r.error();
    return {};
}

Result<QString> createConversation(RemoteUser &by, const QStringList &memberIds, const QString &title)
{
    QJsonObject body{{QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds)}};
    if (!title.isEmpty())
        body.insert(QStringLiteral("title"), title);
    auto r = waitTask(by.api->post(QStringLiteral("/v1/conversations"), body));
    if (!r)
        return r.error();
    return r->body.value(QStringLiteral("id")).toString();
}

Result<protocol::SyncPage> syncPage(net::ApiClient &api, qint64 since, int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    auto r = waitTask(api.get(QStringLiteral("/v1/sync"), query));
    if (!r)
        return r.error();
    return protocol::SyncPage::fromJson(r->body);
}

Result<qint64> latestSeq(net::ApiClient &api)
{
    qint64 since = 0;
    for (;;) {
        auto page = syncPage(api, since);
        if (!page)
            return page.error();
        since = page->nextSince;
        if (!page->hasMore)
            return since;
    }
}

SessionFixture::SessionFixture(Session::KeyBackend backend)
{
    session = std::make_unique<Session>(options(backend));
}

Session::Options SessionFixture::options(Session::KeyBackend backend) const
{
    Session::Options o;
    o.dataDir = data.path();
    o.configDir = config.path();
    o.keyBackend = backend;
    o.keychainService = QStringLiteral("PlazaIntegrationTest");
    return o;
}

void SessionFixture::reopen(Session::KeyBackend backend)
{
    session.reset();
    session = std::make_unique<Session>(options(backend));
}

bool waitIdle(Session &session, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (session.busy() && !deadline.hasExpired())
        QTest::qWait(10);
    // One more turn so the state the last step set is visible.
    QCoreApplication::processEvents();
    return !session.busy();
}

bool createAccount(Session &session, const QUrl &server, const QString &handle, const QString &displayName,
                   const QString &password, const QString &passphrase)
{
    session.createAccount(server.toString(), handle, displayName, password);
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(passphrase);
        if (!waitIdle(session))
            return false;
    }
    if (session.state() != Session::State::Ready) {
        qWarning() << "createAccount ended in" << session.state() << session.errorCode() << session.errorMessage();
        return false;
    }
    const Status synced = waitTask(session.syncEngine()->pull());
    return synced.ok();
}

bool waitCursor(Session &session, qint64 cursor, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (session.cursor() == cursor && !session.syncEngine()->isPulling())
            return true;
        QTest::qWait(20);
    }
    qWarning() << "cursor is" << session.cursor() << "expected" << cursor;
    return false;
}

Result<qint64> countRows(const QString &path, const QByteArray &key, const QString &table)
{
    storage::OpenOptions options;
    options.rawKey = key;
    options.readOnly = true;
    auto db = storage::Database::open(path, options);
    if (!db)
        return db.error();
    return (*db)->scalar(QStringLiteral("SELECT count(*) FROM %1;").arg(table));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QProcessEnvironment cliEnvironment(const QString &passphrase)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_PASSPHRASE"), passphrase);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return env;
}

CliRun runCli(const QStringList &args, const QByteArray &stdinData, const QProcessEnvironment &env,
              const QString &dataDir, const QString &configDir)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza-cli")),
                  args + QStringList{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--config-dir"), configDir,
                                     QStringLiteral("--no-keychain")});
    CliRun run;
    if (!process.waitForStarted(5000))
        return run;
    process.write(stdinData);
    process.closeWriteChannel();
    // Wait with the event loop running: a test may serve the CLI from this process (a proxy).
    QDeadlineTimer deadline(30000);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(10);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace plaza::test
