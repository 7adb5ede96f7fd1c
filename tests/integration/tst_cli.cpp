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
    void speaksTheSystemLanguage();
    void logout();

private:
    Run cli(const QStringList &args, const QByteArray &stdinData = {}, const QString &passphraseEnv = {});
    //! cli() with the locale variables of a user whose system speaks \a lang (LANG only; LC_ALL,
    //! LC_MESSAGES and LANGUAGE unset unless \a language is given).
    Run cliIn(const QString &lang, const QStringList &args, const QByteArray &stdinData = {},
              const QString &passphraseEnv = {}, const QString &language = {}, const QString &dataDir = {},
              const QString &configDir = {});

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_me;
    std::optional<RemoteUser> m_friend;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

Run CliTest::cli(const QStringList &args, const QByteArray &stdinData, const QString &passphraseEnv)
{
    // English whatever the machine's locale: plaza-cli speaks the system's language.
    return cliIn(QStringLiteral("C.UTF-8"), args, stdinData, passphraseEnv);
}

Run CliTest::cliIn(const QString &lang, const QStringList &args, const QByteArray &stdinData, const QString &passphraseEnv,
                   const QString &language, const QString &dataDir, const QString &configDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PLAZA_PASSPHRASE"));
    if (!passphraseEnv.isEmpty())
        env.insert(QStringLiteral("PLAZA_PASSPHRASE"), passphraseEnv);
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_MONETARY", "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), lang);
    if (!language.isEmpty())
        env.insert(QStringLiteral("LANGUAGE"), language);
    return runCli(args, stdinData, env, dataDir.isEmpty() ? m_data.path() : dataDir,
                  configDir.isEmpty() ? m_config.path() : configDir);
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

void CliTest::speaksTheSystemLanguage()
{
    const QString fr = QStringLiteral("fr_FR.UTF-8");
    // French typography: a no-break space before the colon.
    const QString colon = QStringLiteral("\u00a0: ");

    // Labels in the user's language (the wallet's, with French amounts: integration_walletcli).
    Run run = cliIn(fr, {QStringLiteral("status")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"serveur" + colon + m_server->url().toString()), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"curseur" + colon + u"3\n"), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"en ligne" + colon + u"oui\n"), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"cache" + colon + u"chiffré"), qPrintable(run.out));
    run = cliIn(fr, {QStringLiteral("sync")}, {}, kPassphrase);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("0 événement appliqué, curseur 3"));

    // The error sentences are the desktop's (common/errortext.h), the code kept for scripts.
    run = cliIn(fr, {QStringLiteral("whoami")}, {}, QStringLiteral("wrong passphrase"));
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(u"cache_locked" + colon
                              + u"Cette phrase secrète ne déverrouille pas le cache de cet appareil. Vérifiez-la et réessayez."),
             qPrintable(run.err));
    QTemporaryDir otherData;
    QTemporaryDir otherConfig;
    run = cliIn(fr,
                {QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"),
                 m_me->handle, QStringLiteral("--password-stdin"), QStringLiteral("--passphrase-stdin")},
                "wrong password!\n" + kPassphrase.toUtf8() + '\n', {}, {}, otherData.path(), otherConfig.path());
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, u"plaza-cli" + colon + u"unauthorized" + colon + u"Identifiant ou mot de passe incorrect.\n");
    run = cliIn(fr, {QStringLiteral("send")}, {}, kPassphrase);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"utilisation" + colon + u"send @pseudo MONTANT"), qPrintable(run.err));
    run = cliIn(fr, {QStringLiteral("--help")});
    QVERIFY2(run.out.contains(QStringLiteral("\nPortefeuille\u00a0:\n")), qPrintable(run.out));

    // C (and POSIX) stay English, even when LANGUAGE asks for French (as gettext).
    for (const QString &lang : {QStringLiteral("C"), QStringLiteral("C.UTF-8"), QStringLiteral("POSIX")}) {
        run = cliIn(lang, {QStringLiteral("status")}, {}, kPassphrase, QStringLiteral("fr"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith(QStringLiteral("server: ")), qPrintable(lang + u": " + run.out));
        QVERIFY2(run.out.contains(QStringLiteral("online: yes\n")), qPrintable(run.out));
    }
    run = cliIn(QStringLiteral("C.UTF-8"), {QStringLiteral("whoami")}, {}, QStringLiteral("wrong passphrase"));
    QVERIFY2(run.err.startsWith(QStringLiteral("plaza-cli: cache_locked: ")), qPrintable(run.err));
    run = cliIn(QStringLiteral("C"), {QStringLiteral("--help")});
    QVERIFY2(run.out.contains(QStringLiteral("Wallet:\n")), qPrintable(run.out));
    // English from an English locale too (the figures its own).
    run = cliIn(QStringLiteral("en_GB.UTF-8"), {QStringLiteral("status")}, {}, kPassphrase);
    QVERIFY2(run.out.contains(QStringLiteral("cache: encrypted")), qPrintable(run.out));
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
