// SPDX-License-Identifier: MIT
// The Plaza desktop app: parses the command line, makes the one Session, loads the
// QML module Plaza, and hands the session to it through the App singleton (and the
// settings and links through Preferences and Links).
#include "activityfilter.h"
#include "plazaversion.h"
#include "appcontext.h"
#include "commandline.h"
#include "common/languageloader.h"
#include "links.h"
#include "notifier.h"
#include "preferences.h"
#include "mediaimageprovider.h"
#include "qrimageprovider.h"
#include "quitsignals.h"
#include "screenprobe.h"
#include "singleinstance.h"
#include "trayicon.h"
#include "startupdriver.h"
#include "startuptrace.h"

#include "common/logging.h"
#include "chat/chatservice.h"
#include "feed/feedservice.h"
#include "media/mediacache.h"
#include "session/applock.h"
#include "session/session.h"
#include "wallet/walletservice.h"

#include <QDir>
#include <QApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QImageReader>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>

// The QML modules Plaza and Plaza.Desktop are static libraries; pull their plugins in.
Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

namespace {

// How long --screenshot waits for the window to settle before giving up.
constexpr int kScreenshotTimeoutMs = 30000;
// After a --page has settled, time for a sheet's entry animation.
constexpr int kPageSettleMs = 600;

QString folderOrDefault(const QString &chosen, QStandardPaths::StandardLocation location)
{
    const QString dir = chosen.isEmpty() ? QStandardPaths::writableLocation(location) : chosen;
    return QDir(dir).absolutePath();
}

void say(const QString &line)
{
    std::fprintf(stdout, "plaza: %s\n", qPrintable(line));
    std::fflush(stdout);
}

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Plaza"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("plaza.example"));
    QCoreApplication::setApplicationName(QStringLiteral("Plaza"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PLAZA_VERSION));
}

//! Before parsing, so --help speaks the user's language too: --lang, else the language
//! chosen in Settings (next to the saved account), else the system's.
QString installLanguage(QCoreApplication &app)
{
    const QStringList arguments = QCoreApplication::arguments();
    QString language = CommandLine::requestedLanguage(arguments);
    if (language.isEmpty()) {
        language = Preferences::savedLanguage(
            folderOrDefault(CommandLine::requestedConfigDir(arguments), QStandardPaths::AppConfigLocation));
    }
    return LanguageLoader::install(app, language);
}

//! --version and --help only print: they need no display (a terminal over SSH has none).
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "-?")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const bool traced = StartupTrace::enabled();
    if (traced)
        StartupTrace::say("main", StartupTrace::sinceProcessStartMs()); // after the loader and static initialisers
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameApplication();
        installLanguage(app);
        CommandLine::parse(app); // prints and exits
        return 0;
    }
    // QApplication (not QGuiApplication) only because the tray icon needs it on X11.
    QApplication app(argc, argv);
    // Logging out, Ctrl+C or a closed terminal end Plaza as Quit does (the event loop returns
    // and everything unwinds: the single-instance socket, the cache), not where it stands.
    QuitSignals quitSignals;
    QObject::connect(&quitSignals, &QuitSignals::received, &app, [](int signal) {
        say(QStringLiteral("quitting on %1").arg(QString::fromLatin1(QuitSignals::name(signal))));
        QCoreApplication::quit();
    });
    // The last log lines stay in memory for "Send feedback" (scrubbed when written).
    plaza::logging::installRingBuffer();
    nameApplication();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Plaza"));
    QGuiApplication::setDesktopFileName(QStringLiteral("plaza"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/plaza/plaza.svg")));

    const QString languageInUse = installLanguage(app);
    // Before any worker thread: a mistyped option exits here, and exit() while a worker held
    // the plug-in loader's lock crashed.
    const CommandLine options = CommandLine::parse(app);

    // Qt Quick's first image from a file (an icon) asks for every image format, which loads
    // every image plugin (a dozen dlopen()s, ~15 % of the shell's build on the GUI thread):
    // have that done now on another core while the window loads (issue 15).
    QThreadPool::globalInstance()->start([] { (void)QImageReader::supportedImageFormats(); });
    // One style everywhere, customised through Theme; set before any control exists.
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    plaza::Session::Options sessionOptions;
    sessionOptions.dataDir = folderOrDefault(options.dataDir, QStandardPaths::AppDataLocation);
    sessionOptions.configDir = folderOrDefault(options.configDir, QStandardPaths::AppConfigLocation);
    sessionOptions.keyBackend = options.passphraseOnly ? plaza::Session::KeyBackend::PassphraseOnly
                                                       : plaza::Session::KeyBackend::Auto;
    // One Plaza per user and data folder: a second launch (the desktop opening a plaza://
    // link, say) hands its links to the running window and exits.
    SingleInstance instance(sessionOptions.dataDir);
    switch (instance.start(options.urls)) {
    case SingleInstance::Role::Secondary:
        say(QStringLiteral("handed over to the running Plaza"));
        return 0;
    case SingleInstance::Role::Unavailable:
        qCWarning(lcApp) << "not single-instance:" << instance.errorString();
        break;
    case SingleInstance::Role::Primary:
        break;
    }

    plaza::Session session(sessionOptions);
    plaza::wallet::WalletService wallet(&session);
    plaza::AppLock appLock(&session, session.appLockKeychain());
    plaza::feed::FeedService feed(&session);
    plaza::chat::ChatService chat(&session);
    plaza::media::MediaCache mediaCache(&session);
    AppContext context({&session, &wallet, &appLock, &feed, &chat, &mediaCache}, {options.serverUrl, options.page});
    Preferences preferences(&session, {sessionOptions.configDir, languageInUse, options.themeMode,
                                       options.themeFromCommandLine});
    Links links(nullptr);
    ActivityFilter activity(&appLock);

    // plaza://pay/<id> from the desktop (%u): the window shows it once signed in.
    for (const QString &url : options.urls) {
        if (const QString refused = links.openLink(url); !refused.isEmpty())
            qCWarning(lcApp) << "not a link Plaza can open:" << refused;
    }

    StartupDriver driver(&session, options.serverUrl, options.signInAs,
                         QString::fromUtf8(qgetenv("PLAZA_DEMO_PASSWORD")),
                         QString::fromUtf8(qgetenv("PLAZA_TEST_PASSPHRASE")));

    // Benches and tests only (bench/idle_wakeups.sh measures the lock screen): once signed in,
    // PLAZA_TEST_LOCK_PIN becomes the app lock's PIN if none is set, and the window locks.
    const QString testLockPin = qEnvironmentVariable("PLAZA_TEST_LOCK_PIN");
    bool testLockTried = false;
    bool testLocked = false;
    if (!testLockPin.isEmpty()) {
        QObject::connect(&appLock, &plaza::AppLock::configuredChanged, &app, [&] {
            if (session.state() != plaza::Session::State::Ready || !appLock.known() || testLocked)
                return;
            if (!appLock.configured()) {
                if (!testLockTried)
                    appLock.setSecret(QStringLiteral("pin"), testLockPin);
                testLockTried = true;
                return;
            }
            testLocked = true;
            appLock.lock();
            say(QStringLiteral("app locked"));
        }, Qt::QueuedConnection);
    }

    // Declared after the session: the engine, and every binding to the session, goes first.
    QQmlApplicationEngine engine;
    // Qt 6.4 does not search qrc:/qt/qml by default (6.5 does); the module lives there.
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.addImageProvider(QStringLiteral("qr"), new QrImageProvider); // the engine owns it
    engine.addImageProvider(QStringLiteral("media"), new MediaImageProvider(&mediaCache));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Plaza/Main.qml")));
    if (traced)
        StartupTrace::say("window-loaded", StartupTrace::sinceProcessStartMs());
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return 1;

    // bench/startup.cpp: PLAZA_STARTUP_TRACE=1 prints map, first frame and first populated
    // frame. Populated: signed in, and the Wallet tab shows the balance (the summary read from
    // the cache) and the history list has rows with their delegates made.
    if (traced) {
        new StartupTrace(window, [window, &session](QString *detail) {
            if (session.state() != plaza::Session::State::Ready)
                return false;
            QQuickItem *balance = StartupTrace::findVisibleItem(window, QStringLiteral("walletBalance"));
            QQuickItem *history = StartupTrace::findVisibleItem(window, QStringLiteral("historyList"));
            if (!balance || balance->property("text").toString().isEmpty() || !history)
                return false;
            const int rows = history->property("count").toInt();
            QQuickItem *first = nullptr;
            if (rows > 0)
                QMetaObject::invokeMethod(history, "itemAtIndex", Qt::DirectConnection, Q_RETURN_ARG(QQuickItem *, first), Q_ARG(int, 0));
            if (!first)
                return false;
            *detail = QStringLiteral("(balance %1, %2 rows)").arg(balance->property("text").toString()).arg(rows);
            return true;
        });
    }

    QObject::connect(&instance, &SingleInstance::messageReceived, window, [&links, window](const QStringList &args) {
        for (const QString &url : args) {
            if (const QString refused = links.openLink(url); !refused.isEmpty())
                qCWarning(lcApp) << "not a link Plaza can open:" << refused;
        }
        window->show();
        window->raise();
        window->requestActivate();
    });

    TrayIcon tray;
    tray.setWindow(window);
    // New messages while the window is not focused: a desktop notification; the unread
    // count on the tray icon.
    Notifier notifier(&session, &appLock, &preferences, &links, &tray);
    notifier.setWindow(window);

    // Scripts and tests wait for this line: the shell is on screen, not just the state.
    ScreenProbe readyProbe(window, &session, plaza::Session::State::Ready);
    QObject::connect(&readyProbe, &ScreenProbe::shown, &app, [] { say(QStringLiteral("shell shown")); });

    std::unique_ptr<ScreenProbe> snapshotProbe;
    QTimer snapshotDeadline;
    if (!options.screenshot.isEmpty()) {
        const auto target = options.signInAs.isEmpty() ? plaza::Session::State::SignedOut
                                                       : plaza::Session::State::Ready;
        snapshotProbe = std::make_unique<ScreenProbe>(window, &session, target);
        // Saves the window to --screenshot, says what it shows (\a what) and quits.
        const auto save = [&](const QString &what) {
            const QImage image = window->grabWindow();
            if (image.isNull() || !image.save(options.screenshot)) {
                std::fprintf(stderr, "plaza: could not save the screenshot to %s\n", qPrintable(options.screenshot));
                QCoreApplication::exit(4);
                return;
            }
            say(QStringLiteral("screenshot of %1 saved to %2").arg(what, options.screenshot));
            QCoreApplication::exit(0);
        };
        const auto grab = [&, save, target] {
            const bool offline = session.state() == plaza::Session::State::Ready && !session.online();
            save(ScreenProbe::stateName(target) + (offline ? QStringLiteral(" (offline)") : QString()));
        };
        // With --page or a plaza:// link the window first opens that page or sheet; wait until
        // it says its data is there (a link's lookup answered), plus a moment for the sheet's
        // entry animation.
        QObject::connect(snapshotProbe.get(), &ScreenProbe::shown, &app, [&, grab] {
            if (options.page.isEmpty() && options.urls.isEmpty())
                return grab();
            if (context.pageSettled())
                return QTimer::singleShot(kPageSettleMs, &app, grab);
            QObject::connect(&context, &AppContext::pageSettledChanged, &app,
                             [grab, &app] { QTimer::singleShot(kPageSettleMs, &app, grab); },
                             Qt::SingleShotConnection);
        });
        // --sign-in-as an account with two-factor sign-in stops at the code step: that step
        // is the picture (nobody is there to type the code).
        QObject::connect(&session, &plaza::Session::signInCodeRequiredChanged, &app, [&, save] {
            if (session.signInCodeRequired())
                QTimer::singleShot(kPageSettleMs, &app, [save] { save(QStringLiteral("the two-factor code step")); });
        });
        snapshotDeadline.setSingleShot(true);
        QObject::connect(&snapshotDeadline, &QTimer::timeout, &app, [&, target] {
            if (session.state() == target && !options.page.isEmpty() && !context.pageSettled()) {
                std::fprintf(stderr, "plaza: the page %s never settled (a sheet or dialog that could not open?)\n",
                             qPrintable(options.page));
                QCoreApplication::exit(3);
                return;
            }
            std::fprintf(stderr, "plaza: the window never reached %s (state %s, error \"%s\")\n",
                         qPrintable(ScreenProbe::stateName(target)),
                         qPrintable(ScreenProbe::stateName(session.state())), qPrintable(session.errorCode()));
            QCoreApplication::exit(3);
        });
        snapshotDeadline.start(kScreenshotTimeoutMs);
    }

    // Queued, so the neutral starting screen paints before the cache is opened.
    QMetaObject::invokeMethod(&session, &plaza::Session::restore, Qt::QueuedConnection);
    if (traced) {
        StartupTrace::say("event-loop", StartupTrace::sinceProcessStartMs());
        QObject::connect(&session, &plaza::Session::stateChanged, &app, [&session, said = false]() mutable {
            if (session.state() == plaza::Session::State::Ready && !said) {
                said = true;
                StartupTrace::say("session-ready", StartupTrace::sinceProcessStartMs());
            }
        });
    }
    return QGuiApplication::exec();
}
