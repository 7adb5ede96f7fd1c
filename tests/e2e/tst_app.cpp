// SPDX-License-Identifier: MIT
// The real plaza app, on a real X server (xvfb-run), signing in to the real
// plaza-server --demo with its cache key in a real Secret Service (with-keyring.sh).
// Each run ends with the app's --screenshot hook, which saves the window once the
// expected screen is on it and exits 0 — or exits non-zero if it never gets there.
#include "common/testserver.h"

#include <QColor>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using plaza::test::TestServer;

namespace {

constexpr auto kDemoPassword = "plaza-demo-2026";

struct AppRun {
    int exitCode = -1;
    QString output;
    QImage image;
};

//! Colours of the theme that only one screen paints at a given spot.
const QColor kSidebarLight(0xEC, 0xEE, 0xF3);
const QColor kSidebarDark(0x15, 0x18, 0x1E);
const QColor kBackgroundLight(0xF4, 0xF5, 0xF8);

} // namespace

class TestApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInScreen_data();
    void signInScreen();
    void shell_data();
    void shell();
    void passphraseInsteadOfKeychain();
    void restoresWithoutSigningInAgain();

private:
    AppRun run(const QStringList &args, const QString &screenshotName, const QTemporaryDir &dirs,
               const QProcessEnvironment &extraEnv = {});

    std::unique_ptr<TestServer> m_server;
    QDir m_screenshots;
};

void TestApp::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "run under xvfb-run (ctest does)");
    QVERIFY2(QFileInfo(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza"))).isExecutable(),
             "bin/plaza is not built");
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_screenshots = QDir(QStringLiteral(PLAZA_SCREENSHOT_DIR));
    QVERIFY(m_screenshots.mkpath(QStringLiteral(".")));
}

AppRun TestApp::run(const QStringList &args, const QString &screenshotName, const QTemporaryDir &dirs,
                    const QProcessEnvironment &extraEnv)
{
    AppRun result;
    const QString file = m_screenshots.filePath(screenshotName);
    QFile::remove(file);

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("PLAZA_DEMO_PASSWORD"), QString::fromLatin1(kDemoPassword));
    // The language comes from --lang in these runs, never from the machine running them.
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.remove(QStringLiteral("PLAZA_THEME"));
    env.remove(QStringLiteral("PLAZA_KEY_BACKEND"));
    env.insert(extraEnv);
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);

    QStringList fullArgs{QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--data-dir"),
                         dirs.filePath(QStringLiteral("data")), QStringLiteral("--config-dir"),
                         dirs.filePath(QStringLiteral("config")), QStringLiteral("--screenshot"), file};
    fullArgs += args;
    app.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza")), fullArgs);
    if (!app.waitForStarted(10000)) {
        result.output = app.errorString();
        return result;
    }
    // The app gives up by itself after 30 s; this is only a backstop.
    if (!app.waitForFinished(60000)) {
        app.kill();
        app.waitForFinished(5000);
    }
    result.output = QString::fromUtf8(app.readAll());
    result.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
    result.image.load(file);
    return result;
}

void TestApp::signInScreen_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestApp::signInScreen()
{
    QFETCH(QString, lang);
    QTemporaryDir dirs;
    const AppRun run = this->run({QStringLiteral("--lang"), lang}, QStringLiteral("signin-%1.png").arg(lang), dirs);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"screenshot of signed-out saved"), qPrintable(run.output));
    QVERIFY(!run.image.isNull());
    QVERIFY(run.image.width() >= 780 && run.image.height() >= 560);
    // No sidebar on the sign-in screen: the left edge is the plain background.
    QCOMPARE(run.image.pixelColor(10, run.image.height() / 2), kBackgroundLight);
}

void TestApp::shell_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QColor>("sidebar");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("light") << kSidebarLight;
    QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("light") << kSidebarLight;
    QTest::newRow("en-dark") << QStringLiteral("en") << QStringLiteral("dark") << kSidebarDark;
}

void TestApp::shell()
{
    QFETCH(QString, lang);
    QFETCH(QString, theme);
    QFETCH(QColor, sidebar);
    QTemporaryDir dirs;
    const QString name = theme == u"dark" ? QStringLiteral("shell-%1-dark.png").arg(lang)
                                          : QStringLiteral("shell-%1.png").arg(lang);
    // Default key backend: the cache key goes to the Secret Service that with-keyring.sh runs.
    const AppRun run = this->run({QStringLiteral("--lang"), lang, QStringLiteral("--theme"), theme,
                                  QStringLiteral("--sign-in-as"), QStringLiteral("amelie")},
                                 name, dirs);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"screenshot of ready saved"), qPrintable(run.output));
    QVERIFY2(run.output.contains(u"plaza: shell shown"), qPrintable(run.output));
    QVERIFY(!run.image.isNull());
    // The shell's sidebar runs down the left edge, below the brand.
    QCOMPARE(run.image.pixelColor(10, run.image.height() / 2), sidebar);
    // The account landed on disk: a config file and a cache, and no plaintext password.
    QVERIFY(!QDir(dirs.filePath(QStringLiteral("config"))).isEmpty());
    QVERIFY(!QDir(dirs.filePath(QStringLiteral("data"))).isEmpty());
}

void TestApp::passphraseInsteadOfKeychain()
{
    QTemporaryDir dirs;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PLAZA_KEY_BACKEND"), QStringLiteral("passphrase"));
    env.insert(QStringLiteral("PLAZA_TEST_PASSPHRASE"), QStringLiteral("a test passphrase, long enough"));
    const AppRun run = this->run({QStringLiteral("--sign-in-as"), QStringLiteral("amelie")},
                                 QStringLiteral("shell-passphrase.png"), dirs, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(run.image.pixelColor(10, run.image.height() / 2), kSidebarLight);
}

void TestApp::restoresWithoutSigningInAgain()
{
    // First run signs in; the second finds the saved account and opens its cache.
    // PLAZA_DEMO_PASSWORD is wrong the second time: if the app tried to sign in
    // again instead of restoring, it would never reach the shell.
    QTemporaryDir dirs;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PLAZA_KEY_BACKEND"), QStringLiteral("passphrase"));
    env.insert(QStringLiteral("PLAZA_TEST_PASSPHRASE"), QStringLiteral("another passphrase, long enough"));
    const AppRun first = this->run({QStringLiteral("--sign-in-as"), QStringLiteral("amelie")},
                                   QStringLiteral("restore-first.png"), dirs, env);
    QVERIFY2(first.exitCode == 0, qPrintable(first.output));

    env.insert(QStringLiteral("PLAZA_DEMO_PASSWORD"), QStringLiteral("not the password"));
    const AppRun second = this->run({QStringLiteral("--sign-in-as"), QStringLiteral("amelie")},
                                    QStringLiteral("restore-second.png"), dirs, env);
    QVERIFY2(second.exitCode == 0, qPrintable(second.output));
    QVERIFY2(!second.output.contains(u"signing in as"), qPrintable(second.output));
    QCOMPARE(second.image.pixelColor(10, second.image.height() / 2), kSidebarLight);
    QFile::remove(m_screenshots.filePath(QStringLiteral("restore-first.png")));
    QFile::remove(m_screenshots.filePath(QStringLiteral("restore-second.png")));
}

QTEST_GUILESS_MAIN(TestApp)

#include "tst_app.moc"
