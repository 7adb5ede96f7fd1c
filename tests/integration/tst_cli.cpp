// SPDX-License-Identifier: MIT
// plaza-cli against the real server, as a user would run it (QProcess).
#include "integrationutil.h"

#include "common/testserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("cli password 77");
const QString kPassphrase = QStringLiteral("cli passphrase 77");

using Run = CliRun;

} // namespace

class CliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void notSignedIn();
    void wrongPassword();
    void loginWhoamiSyncStatus();
    void logout();

private:
    Run cli(const QStringList &args, const QByteArray &stdinData = {}, const QString &passphraseEnv = {});

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_me;
    std::optional<RemoteUser> m_friend;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

Run CliTest::cli(const QStringList &args, const QByteArray &stdinData, const QString &passphraseEnv)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PLAZA_PASSPHRASE"));
    if (!passphraseEnv.isEmpty())
        env.insert(QStringLiteral("PLAZA_PASSPHRASE"), passphraseEnv);
    return runCli(args, stdinData, env, m_data.path(), m_config.path());
}

void CliTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_me = registerUser(m_server->url(), QStringLiteral("cliuser"), kPassword);
    m_friend = registerUser(m_server->url(), QStringLiteral("clipal"), kPassword);
    QVERIFY(m_me && m_friend);
    QVERIFY(follow(*m_friend, m_me->id)); // seq 1 in my log
}

void CliTest::notSignedIn()
{
    const Run run = cli({QStringLiteral("whoami")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith(QStringLiteral("plaza-cli: not signed in")), qPrintable(run.err));
    QCOMPARE(run.err.count(u'\n'), 1);

    QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
}

void CliTest::wrongPassword()
{
    const Run run = cli({QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(),
                         QStringLiteral("--handle"), m_me->handle, QStringLiteral("--password-stdin"),
                         QStringLiteral("--passphrase-stdin")},
                        "wrong password!\n" + kPassphrase.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("unauthorized")), qPrintable(run.err));
    QCOMPARE(run.err.count(u'\n'), 1);
    QVERIFY(!QFile::exists(QDir(m_config.path()).filePath(QStringLiteral("account.json"))));
}

void CliTest::loginWhoamiSyncStatus()
{
    Run run = cli({QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(),
                   QStringLiteral("--handle"), m_me->handle, QStringLiteral("--password-stdin"),
                   QStringLiteral("--passphrase-stdin")},
                  kPassword.toUtf8() + '\n' + kPassphrase.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("signed in as @%1").arg(m_me->handle)), qPrintable(run.out));
    // No secret in account.json.
    const QByteArray account = readAll(QDir(m_config.path()).filePath(QStringLiteral("account.json")));
    QVERIFY(account.contains(m_me->handle.toUtf8()));
    QVERIFY(!account.contains(kPassword.toUtf8()));
    QVERIFY(!account.contains("token"));

    run = cli({QStringLiteral("whoami")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("@%1 (%2) id %3 on %4")
                                    .arg(m_me->handle, m_me->displayName, m_me->id, m_server->url().toString()));

    // Two new events while the CLI is not running; sync brings exactly those.
    QVERIFY(createConversation(*m_friend, {m_me->id}));
    QVERIFY(unfollow(*m_friend, m_me->id));
    auto latest = latestSeq(*m_me->api);
    QVERIFY(latest);
    QCOMPARE(*latest, 3);
    run = cli({QStringLiteral("sync"), QStringLiteral("--passphrase-stdin")}, kPassphrase.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("applied 2 events, cursor 3"));
    run = cli({QStringLiteral("sync")}, {}, kPassphrase);
    QCOMPARE(run.out.trimmed(), QStringLiteral("applied 0 events, cursor 3"));

    run = cli({QStringLiteral("status")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("server: %1\n").arg(m_server->url().toString())), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("account: @%1").arg(m_me->handle)));
    QVERIFY(run.out.contains(QStringLiteral("cursor: 3\n")));
    QVERIFY(run.out.contains(QRegularExpression(QStringLiteral("last sync: \\d{4}-\\d\\d-\\d\\dT"))));
    QVERIFY(run.out.contains(QStringLiteral("online: yes\n")));
    QVERIFY(run.out.contains(QStringLiteral("cache: encrypted")));

    // A wrong passphrase: a clear error, exit 4, the cache untouched.
    run = cli({QStringLiteral("whoami")}, {}, QStringLiteral("wrong passphrase"));
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(QStringLiteral("cache_locked")), qPrintable(run.err));

    // The server down: status still answers from the cache, offline.
    QVERIFY(m_server->stop());
    run = cli({QStringLiteral("status")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QStringLiteral("online: no\n")));
    QVERIFY(run.out.contains(QStringLiteral("cursor: 3\n")));
    QVERIFY(m_server->restart());
}

void CliTest::logout()
{
    const Run run = cli({QStringLiteral("logout")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!QFile::exists(QDir(m_config.path()).filePath(QStringLiteral("account.json"))));
    QCOMPARE(QDir(m_data.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(cli({QStringLiteral("whoami")}).exitCode, 3);
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
