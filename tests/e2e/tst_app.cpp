// SPDX-License-Identifier: MIT
// The real plaza app, on a real X server (xvfb-run), signing in to the real
// plaza-server --demo with its cache key in a real Secret Service (with-keyring.sh).
// Each run ends with the app's --screenshot hook, which saves the window once the
// expected screen is on it and exits 0 — or exits non-zero if it never gets there.
#include "apiprobe.h"
#include "common/testserver.h"
#include "qmlwarnings.h"

#include <QColor>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>

#include <utility>

using plaza::test::ApiProbe;
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
//! Theme.dangerSoft (light): the background of an InlineError, only where a refusal shows.
const QColor kDangerSoftLight(0xFD, 0xEC, 0xEC);

bool hasColour(const QImage &image, const QColor &colour)
{
    const QRgb wanted = colour.rgb();
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if ((image.pixel(x, y) | 0xff000000) == wanted)
                return true;
        }
    }
    return false;
}

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
    void walletScreens_data();
    void walletScreens();
    void secondLaunchHandsOverItsLink();
    void walletOffline_data();
    void walletOffline();
    void chatOpensFromAWarmCache();
    void payLinkThatCannotBePaid_data();
    void payLinkThatCannotBePaid();
    void endsCleanlyWhenAskedToQuit_data();
    void endsCleanlyWhenAskedToQuit();
    void unknownOptionIsRefusedCleanly();
    void cleanup();

private:
    //! A demo person's access token (POST /v1/auth/login).
    QString login(const QString &handle);
    //! POST /v1/payment-requests as \a token: {id, link}.
    QJsonObject createRequest(const QString &token, qint64 amountMinor, const QString &note);
    AppRun run(const QStringList &args, const QString &screenshotName, const QTemporaryDir &dirs,
               const QProcessEnvironment &extraEnv = {});

    std::unique_ptr<TestServer> m_server;
    QDir m_screenshots;
    //! QML warnings in the output of the runs of the current test (checked in cleanup()).
    QStringList m_qmlWarnings;
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

void TestApp::cleanup()
{
    // A QML warning in any run of bin/plaza is a failure.
    const QStringList warnings = std::exchange(m_qmlWarnings, {});
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings from bin/plaza:\n" + warnings.join(u'\n')));
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
    m_qmlWarnings += plaza::test::qmlWarningsIn(result.output);
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

QString TestApp::login(const QString &handle)
{
    ApiProbe api(m_server->url());
    const auto reply = api.post(QStringLiteral("/v1/auth/login"),
                                {{QStringLiteral("handle"), handle},
                                 {QStringLiteral("password"), QString::fromLatin1(kDemoPassword)}});
    return reply.json.value(QStringLiteral("access_token")).toString();
}

QJsonObject TestApp::createRequest(const QString &token, qint64 amountMinor, const QString &note)
{
    ApiProbe api(m_server->url());
    const QJsonObject body{{QStringLiteral("amount"),
                            QJsonObject{{QStringLiteral("amount"), amountMinor}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                           {QStringLiteral("note"), note}};
    const auto reply = api.send("POST", QStringLiteral("/v1/payment-requests"), QJsonDocument(body).toJson(), token,
                                {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
                                 {"Content-Type", "application/json"}});
    return reply.status == 201 ? reply.json : QJsonObject();
}

void TestApp::walletScreens_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestApp::walletScreens()
{
    // The Wallet tab, the send sheet, a request with its QR code and a pay-link sheet, each
    // reached through --page or a plaza:// link; --screenshot waits until the page says its
    // data is on screen, so exit 0 means the lookups answered.
    QFETCH(QString, lang);
    const QString amelie = login(QStringLiteral("amelie"));
    const QString bruno = login(QStringLiteral("bruno"));
    QVERIFY(!amelie.isEmpty() && !bruno.isEmpty());
    const QJsonObject own = createRequest(amelie, 3200, QStringLiteral("Weekend groceries"));
    const QJsonObject theirs = createRequest(bruno, 1850, QStringLiteral("Cinema tickets"));
    QVERIFY(!own.isEmpty() && !theirs.isEmpty());
    // Bruno asks in his chat with Amélie (c_1): a request card with a Pay button there.
    const QJsonObject message{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("text"), QString(QStringLiteral("€18.50 — Cinema tickets\n")
                                                                   + theirs.value(QStringLiteral("link")).toString())}};
    const auto posted = ApiProbe(m_server->url())
                            .send("POST", QStringLiteral("/v1/conversations/c_1/messages"), QJsonDocument(message).toJson(),
                                  bruno, {{"Content-Type", "application/json"}});
    QCOMPARE(posted.status, 201);

    struct Screen {
        QString name;
        QStringList args;
    };
    const QList<Screen> screens{
        {QStringLiteral("wallet"), {QStringLiteral("--page"), QStringLiteral("wallet")}},
        {QStringLiteral("send"), {QStringLiteral("--page"), QStringLiteral("wallet/send/bruno")}},
        {QStringLiteral("request"),
         {QStringLiteral("--page"), QStringLiteral("wallet/request/") + own.value(QStringLiteral("id")).toString()}},
        {QStringLiteral("paylink"), {theirs.value(QStringLiteral("link")).toString()}},
        {QStringLiteral("settings"), {QStringLiteral("--page"), QStringLiteral("settings")}},
        {QStringLiteral("savings"), {QStringLiteral("--page"), QStringLiteral("savings")}},
        {QStringLiteral("feed"), {QStringLiteral("--page"), QStringLiteral("feed")}},
        {QStringLiteral("feed-discover"), {QStringLiteral("--page"), QStringLiteral("feed/discover")}},
        {QStringLiteral("feed-thread"), {QStringLiteral("--page"), QStringLiteral("feed/thread")}},
        {QStringLiteral("feed-profile"), {QStringLiteral("--page"), QStringLiteral("feed/profile")}},
        {QStringLiteral("feed-why"), {QStringLiteral("--page"), QStringLiteral("feed/why")}},
        {QStringLiteral("chat"), {QStringLiteral("--page"), QStringLiteral("chat/c_1")}},
        {QStringLiteral("chat-search"), {QStringLiteral("--page"), QStringLiteral("chat/search/cafe")}},
        {QStringLiteral("chat-group"), {QStringLiteral("--page"), QStringLiteral("chat/new-group")}},
        {QStringLiteral("chat-request"), {QStringLiteral("--page"), QStringLiteral("chat/c_1/request")}},
        {QStringLiteral("savings-deposit"), {QStringLiteral("--page"), QStringLiteral("savings/deposit")}},
        {QStringLiteral("savings-goal"), {QStringLiteral("--page"), QStringLiteral("savings/goal")}},
    };
    for (const Screen &screen : screens) {
        QTemporaryDir dirs;
        const QString file = QStringLiteral("%1-%2.png").arg(screen.name, lang);
        const AppRun run = this->run(QStringList{QStringLiteral("--lang"), lang, QStringLiteral("--theme"),
                                                 QStringLiteral("light"), QStringLiteral("--sign-in-as"),
                                                 QStringLiteral("amelie")} + screen.args,
                                     file, dirs);
        QVERIFY2(run.exitCode == 0, qPrintable(screen.name + u": " + run.output));
        QVERIFY2(!run.image.isNull(), qPrintable(screen.name));
        // Under a sheet the page is dimmed by the scrim, so an undimmed error colour is the sheet's.
        if (screen.name != u"wallet" && screen.name != u"savings" && screen.name != u"feed" && screen.name != u"feed-discover" && screen.name != u"chat")
            QVERIFY2(!hasColour(run.image, kDangerSoftLight), qPrintable(screen.name + u" shows an error"));
    }

    // The QR code on the request sheet reads back as the request's link.
    const QString zbar = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    if (zbar.isEmpty())
        QSKIP("zbarimg is missing (scripts/deps.sh --test installs zbar-tools)");
    QProcess decode;
    decode.start(zbar, {QStringLiteral("-q"), QStringLiteral("--raw"),
                        m_screenshots.filePath(QStringLiteral("request-%1.png").arg(lang))});
    QVERIFY(decode.waitForFinished(20000));
    QCOMPARE(QString::fromUtf8(decode.readAllStandardOutput()).trimmed(), own.value(QStringLiteral("link")).toString());
}

void TestApp::secondLaunchHandsOverItsLink()
{
    // The desktop opens a plaza://pay link while Plaza runs: the second process hands the
    // link to the first and exits 0; the first shows the pay sheet over its window.
    const QJsonObject request = createRequest(login(QStringLiteral("bruno")), 990, QStringLiteral("Flowers"));
    QVERIFY(!request.isEmpty());
    QTemporaryDir dirs;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("PLAZA_DEMO_PASSWORD"), QString::fromLatin1(kDemoPassword));
    env.insert(QStringLiteral("PLAZA_KEY_BACKEND"), QStringLiteral("passphrase"));
    env.insert(QStringLiteral("PLAZA_TEST_PASSPHRASE"), QStringLiteral("a single instance passphrase"));
    const QString plaza = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza"));
    const QStringList common{QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--data-dir"),
                             dirs.filePath(QStringLiteral("data")), QStringLiteral("--config-dir"),
                             dirs.filePath(QStringLiteral("config")), QStringLiteral("--theme"), QStringLiteral("light")};

    QProcess first;
    first.setProcessEnvironment(env);
    first.setProcessChannelMode(QProcess::MergedChannels);
    first.start(plaza, common + QStringList{QStringLiteral("--sign-in-as"), QStringLiteral("amelie")});
    QVERIFY(first.waitForStarted(10000));
    QByteArray firstOutput;
    QVERIFY2(QTest::qWaitFor([&] {
                 firstOutput += first.readAll();
                 return firstOutput.contains("plaza: shell shown");
             }, 30000),
             firstOutput.constData());

    // Before: the window is undimmed where the test will look (the positive control).
    const QString shot = m_screenshots.filePath(QStringLiteral("handover.png"));
    if (QStandardPaths::findExecutable(QStringLiteral("import")).isEmpty()) {
        first.kill();
        QSKIP("imagemagick's import is missing (scripts/deps.sh --test installs it)");
    }
    QImage screen;
    const bool plain = QTest::qWaitFor([&] {
        QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), shot});
        screen.load(shot);
        return !screen.isNull() && screen.pixelColor(10, 400) == kSidebarLight;
    }, 15000);
    if (!plain) {
        first.kill();
        QFAIL("the first window is not where the test looks (top left of the screen)");
    }

    QProcess second;
    second.setProcessEnvironment(env);
    second.setProcessChannelMode(QProcess::MergedChannels);
    second.start(plaza, common + QStringList{request.value(QStringLiteral("link")).toString()});
    QVERIFY(second.waitForFinished(20000));
    const QByteArray secondOutput = second.readAll();
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(secondOutput.contains("handed over to the running Plaza"), secondOutput.constData());

    // The first window now shows a modal sheet: its scrim dims the sidebar.
    const bool dimmed = QTest::qWaitFor([&] {
        QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), shot});
        screen.load(shot);
        return !screen.isNull() && screen.pixelColor(10, 400) != kSidebarLight;
    }, 15000);
    first.terminate(); // as the session logging out would: it quits and removes its socket
    first.waitForFinished(5000);
    m_qmlWarnings += plaza::test::qmlWarningsIn(QString::fromUtf8(firstOutput + first.readAll() + secondOutput));
    QFile::remove(shot);
    QVERIFY2(dimmed, "the running window did not open the pay sheet");
}

void TestApp::walletOffline_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestApp::walletOffline()
{
    // Signed in once, then the server is gone: the Wallet tab opens from the encrypted
    // cache with the balance and history, "as of <time>", send/request disabled.
    QFETCH(QString, lang);
    TestServer server(QStringList{QStringLiteral("--demo")});
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    QTemporaryDir dirs;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PLAZA_KEY_BACKEND"), QStringLiteral("passphrase"));
    env.insert(QStringLiteral("PLAZA_TEST_PASSPHRASE"), QStringLiteral("an offline passphrase, long"));
    const QStringList args{QStringLiteral("--server"), server.url().toString(), QStringLiteral("--lang"), lang,
                           QStringLiteral("--theme"), QStringLiteral("light"), QStringLiteral("--sign-in-as"),
                           QStringLiteral("amelie"), QStringLiteral("--page"), QStringLiteral("wallet")};
    const AppRun online = this->run(args, QStringLiteral("wallet-online-%1.png").arg(lang), dirs, env);
    QVERIFY2(online.exitCode == 0, qPrintable(online.output));
    QVERIFY2(!online.output.contains(u"(offline)"), qPrintable(online.output));
    QFile::remove(m_screenshots.filePath(QStringLiteral("wallet-online-%1.png").arg(lang)));

    server.kill();
    const AppRun offline = this->run(args, QStringLiteral("wallet-offline-%1.png").arg(lang), dirs, env);
    QVERIFY2(offline.exitCode == 0, qPrintable(offline.output));
    QVERIFY2(offline.output.contains(u"screenshot of ready (offline) saved"), qPrintable(offline.output));
}

void TestApp::chatOpensFromAWarmCache()
{
    // The second start opens the conversation from the cache while the session comes up
    // (the model is reset as the chat opens): every bubble has its message, and QML says
    // nothing is undefined. The first start is the fresh-cache case the screenshots cover.
    QTemporaryDir dirs;
    const QStringList args{QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--theme"), QStringLiteral("light"),
                           QStringLiteral("--sign-in-as"), QStringLiteral("amelie"), QStringLiteral("--page"),
                           QStringLiteral("chat/c_2")};
    for (const QString &name : {QStringLiteral("chat-cold.png"), QStringLiteral("chat-warm.png")}) {
        const AppRun run = this->run(args, name, dirs);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(!run.output.contains(u"qrc:/qt/qml/"), qPrintable(name + u": " + run.output));
        QFile::remove(m_screenshots.filePath(name));
    }
}

void TestApp::payLinkThatCannotBePaid_data()
{
    QTest::addColumn<QString>("state");
    QTest::newRow("paid") << QStringLiteral("paid");
    QTest::newRow("cancelled") << QStringLiteral("cancelled");
    QTest::newRow("unknown") << QStringLiteral("unknown");
}

void TestApp::payLinkThatCannotBePaid()
{
    // A link whose request is paid, cancelled or unknown opens the sheet with a plain
    // refusal (the InlineError) and no way to pay.
    QFETCH(QString, state);
    const QString bruno = login(QStringLiteral("bruno"));
    QString link = QStringLiteral("plaza://pay/pr_does_not_exist");
    if (state != u"unknown") {
        const QJsonObject request = createRequest(bruno, 700, QStringLiteral("Coffee"));
        QVERIFY(!request.isEmpty());
        link = request.value(QStringLiteral("link")).toString();
        const QString id = request.value(QStringLiteral("id")).toString();
        ApiProbe api(m_server->url());
        const QString payer = state == u"paid" ? login(QStringLiteral("chloe")) : bruno;
        const QString path = QStringLiteral("/v1/payment-requests/%1/%2").arg(id, state == u"paid" ? u"pay" : u"cancel");
        const auto reply = api.send("POST", path, "{}", payer,
                                    {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
                                     {"Content-Type", "application/json"}});
        QVERIFY2(reply.status >= 200 && reply.status < 300, reply.body.constData());
    }
    QTemporaryDir dirs;
    const AppRun run = this->run({QStringLiteral("--theme"), QStringLiteral("light"), QStringLiteral("--sign-in-as"),
                                  QStringLiteral("amelie"), link},
                                 QStringLiteral("paylink-%1.png").arg(state), dirs);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(hasColour(run.image, kDangerSoftLight), "the refusal is not on screen");
    QFile::remove(m_screenshots.filePath(QStringLiteral("paylink-%1.png").arg(state)));
}

void TestApp::unknownOptionIsRefusedCleanly()
{
    // A mistyped option is said and ends with status 1, the same every time. It crashed
    // (SIGSEGV under X11, "QMutex: destroying locked mutex" offscreen) whenever the refusal
    // came while the image plug-ins were still loading on a worker thread.
    for (int i = 0; i < 5; ++i) {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.remove(QStringLiteral("LANGUAGE"));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        QTemporaryDir dirs;
        app.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza")),
                  {QStringLiteral("--config-dir"), dirs.path(), QStringLiteral("--ofline")});
        QVERIFY(app.waitForFinished(30000));
        const QString output = QString::fromUtf8(app.readAll());
        QVERIFY2(app.exitStatus() == QProcess::NormalExit, qPrintable(output));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY2(output.contains(u"Unknown option 'ofline'"), qPrintable(output));
        QVERIFY2(!output.contains(u"QMutex"), qPrintable(output));
    }
}

void TestApp::endsCleanlyWhenAskedToQuit_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("name");
    QTest::newRow("logout") << int(SIGTERM) << QStringLiteral("SIGTERM");
    QTest::newRow("ctrl-c") << int(SIGINT) << QStringLiteral("SIGINT");
}

void TestApp::endsCleanlyWhenAskedToQuit()
{
    // The desktop session logging out sends SIGTERM, Ctrl+C in a terminal SIGINT: Plaza leaves
    // its event loop and unwinds as after Quit (exit 0), and its single-instance socket goes
    // with it instead of staying in the temp folder.
    QFETCH(int, signal);
    QFETCH(QString, name);
    QTemporaryDir dirs;
    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/plaza-quit-XXXXXX")); // the app's TMPDIR
    QVERIFY(dirs.isValid() && temp.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("TMPDIR"), temp.path());
    env.insert(QStringLiteral("PLAZA_DEMO_PASSWORD"), QString::fromLatin1(kDemoPassword));
    env.insert(QStringLiteral("PLAZA_KEY_BACKEND"), QStringLiteral("passphrase"));
    env.insert(QStringLiteral("PLAZA_TEST_PASSPHRASE"), QStringLiteral("a passphrase to quit with"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza")),
              {QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--data-dir"),
               dirs.filePath(QStringLiteral("data")), QStringLiteral("--config-dir"), dirs.filePath(QStringLiteral("config")),
               QStringLiteral("--sign-in-as"), QStringLiteral("amelie")});
    QVERIFY(app.waitForStarted(10000));
    QByteArray output;
    const bool shown = QTest::qWaitFor([&] {
        output += app.readAll();
        return output.contains("plaza: shell shown");
    }, 30000);
    const auto sockets = [&] {
        return QDir(temp.path()).entryList({QStringLiteral("plaza-*")}, QDir::System | QDir::Files | QDir::Hidden);
    };
    // While it runs, its socket is there (the positive control for the check after).
    const QStringList running = sockets();
    if (!shown || running.size() != 1) {
        app.kill();
        app.waitForFinished(5000);
        QFAIL(qPrintable(QStringLiteral("sockets %1; output:\n%2").arg(running.join(u' '), QString::fromUtf8(output + app.readAll()))));
    }

    QCOMPARE(::kill(pid_t(app.processId()), signal), 0);
    const bool finished = app.waitForFinished(20000);
    output += app.readAll();
    if (!finished)
        app.kill();
    m_qmlWarnings += plaza::test::qmlWarningsIn(QString::fromUtf8(output));
    QVERIFY2(finished, output.constData());
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, output.constData());
    const QByteArray said = QByteArray("plaza: quitting on ") + name.toLatin1();
    QVERIFY2(output.contains(said), output.constData());
    QVERIFY2(sockets().isEmpty(), qPrintable(sockets().join(u' ')));
}

QTEST_GUILESS_MAIN(TestApp)

#include "tst_app.moc"
