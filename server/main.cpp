// SPDX-License-Identifier: MIT
// plaza-server: the reference server of the Plaza API (docs/api.md).

#include "clock.h"
#include "plazaversion.h"
#include "common/logging.h"
#include "credentials.h"
#include "demoseed.h"
#include "eventlog.h"
#include "liveacross.h"
#include "livehub.h"
#include "loginthrottle.h"
#include "migrate.h"
#include "media.h"
#include "mediastore.h"
#include "plazaserver.h"
#include "serverdb.h"
#include "serveroptions.h"
#include "services.h"
#include "workerpool.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace plaza::server;

namespace {

// SIGINT/SIGTERM only write a byte here (async-signal-safe); the event loop reads
// it and quits, so shutdown runs as normal code: sockets close, SQLite checkpoints.
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

bool installSignalHandlers(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
        qCInfo(lcServer) << "signal received, stopping";
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

plaza::Result<QSslConfiguration> loadTls(const QString &certPath, const QString &keyPath)
{
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly))
        return plaza::makeError(plaza::ErrorCode::ValidationFailed, QStringLiteral("cannot read %1").arg(certPath));
    if (!keyFile.open(QIODevice::ReadOnly))
        return plaza::makeError(plaza::ErrorCode::ValidationFailed, QStringLiteral("cannot read %1").arg(keyPath));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || key.isNull())
        return plaza::makeError(plaza::ErrorCode::ValidationFailed,
                                QStringLiteral("%1 / %2: not a PEM certificate and private key").arg(certPath, keyPath));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "plaza-server: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("plaza-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PLAZA_VERSION));

    // plaza-server migrate --from sqlite:DIR --to postgres:URL (migrate.h).
    if (app.arguments().size() > 1 && app.arguments().at(1) == QLatin1String("migrate"))
        return migrate::run(app.arguments().mid(2));
    auto options = ServerOptions::parse(app.arguments());
    if (!options) {
        if (options.error().code == plaza::ErrorCode::Unknown) { // --help
            std::fputs(qPrintable(options.error().message), stdout);
            return 0;
        }
        return fail(options.error().message);
    }
    if (!credentials::initialize())
        return fail(QStringLiteral("libsodium could not start"));
    if (!installSignalHandlers(app))
        return fail(QStringLiteral("cannot install signal handlers"));

    auto spec = StorageSpec::parse(options->storage); // checked by ServerOptions::parse
    if (!spec)
        return fail(spec.error().message);
    auto db = ServerDb::open(*spec);
    if (!db)
        return fail(QStringLiteral("cannot open the database: %1").arg(db.error().message));
    setEventRetention(options->keepEvents);

    Clock clock(options->testClock);
    auto mediaStore = MediaStore::open(options->dataDir);
    if (!mediaStore)
        return fail(QStringLiteral("cannot open the media store: %1").arg(mediaStore.error().message));
    if (options->testClock && (*db)->kind() == Storage::Kind::Postgres) {
        // Several processes on one database show one test clock: its state is a meta row.
        ServerDb &shared = **db;
        clock.share(
            [&shared]() -> std::optional<Clock::State> {
                const auto text = shared.meta(QStringLiteral("test_clock"));
                const QStringList parts = text ? text->split(u':') : QStringList();
                if (parts.size() != 2)
                    return std::nullopt;
                return Clock::State{parts[0].toLongLong(), parts[1].toLongLong()};
            },
            [&shared](Clock::State state) {
                const QString text = QStringLiteral("%1:%2").arg(state.first).arg(state.second);
                if (auto st = shared.setMeta(QStringLiteral("test_clock"), text); !st)
                    qWarning("plaza-server: cannot share the test clock: %s", qPrintable(st.error().message));
            });
    }
    if (options->demo) {
        if (auto st = seedDemo(**db, **mediaStore, clock.nowMs()); !st)
            return fail(QStringLiteral("cannot seed the demo data: %1").arg(st.error().message));
    }

    LiveHub hub(**db, clock);
    (*db)->setEventListener([&hub](const QList<UserEvent> &events) { hub.publish(events); });
    // Other processes on the same PostgreSQL database: their events reach this hub too.
    if (auto st = relayEventsAcrossProcesses(**db, [&hub](const QList<UserEvent> &events) { hub.publish(events); }); !st)
        return fail(st.error().message);
    LoginThrottle throttle(&**db); // counts in the database: shared by every process on it
    WorkerPool workers(options->hashThreads, options->hashQueue);
    Services services{**db, clock, hub, throttle, *options, workers, **mediaStore};
    // Expired uploads, files never attached and files nothing shows any more (media.h).
    QTimer mediaSweep;
    QObject::connect(&mediaSweep, &QTimer::timeout, &app, [&] {
        if (auto swept = media::sweep(**db, **mediaStore, clock.nowMs()); !swept)
            qCWarning(lcServer).noquote() << "media sweep:" << swept.error().message;
    });
    mediaSweep.start(options->mediaSweepSeconds * 1000);
    PlazaServer server(services);

    const bool tls = !options->tlsCert.isEmpty();
    std::optional<QSslConfiguration> tlsConfig;
    if (tls) {
        auto config = loadTls(options->tlsCert, options->tlsKey);
        if (!config)
            return fail(config.error().message);
        tlsConfig = *config;
    }
    QString listenError;
    const quint16 port = server.start(options->listen, options->port, tlsConfig, &listenError);
    if (port == 0)
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                        .arg(options->listen.toString())
                        .arg(options->port)
                        .arg(listenError));

    QString host = options->listen.toString();
    if (options->listen.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    // The one line scripts and tests wait for.
    std::printf("plaza-server listening on %s://%s:%u\n", tls ? "https" : "http", qPrintable(host), unsigned(port));
    std::fflush(stdout);

    const int code = app.exec();
    (*db)->setEventListener({});
    qCInfo(lcServer) << "stopped";
    return code;
}
