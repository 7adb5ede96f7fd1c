// SPDX-License-Identifier: MIT
#include "serveroptions.h"

#include "storage.h"

#include <QCommandLineParser>
#include <QStandardPaths>

#include <tuple>

namespace plaza::server {

namespace {

Error badOption(const QString &option, const QString &why)
{
    return makeError(ErrorCode::ValidationFailed, QStringLiteral("--%1: %2").arg(option, why),
                     {{QStringLiteral("field"), option}});
}

} // namespace

Result<ServerOptions> ServerOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Plaza reference server (API v1).\n"
                                                    "plaza-server migrate --help: move a SQLite deployment to PostgreSQL."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                    QStringLiteral("ADDRESS"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (default 8480; 0 picks a free one)."),
                                  QStringLiteral("N"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Folder of the database (default: app data)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption storage(QStringLiteral("storage"),
                                     QStringLiteral("Storage: sqlite:DIR (default: sqlite: and the data folder) or "
                                                    "postgres:URL (e.g. postgres:postgresql://plaza@db:5432/plaza)."),
                                     QStringLiteral("SPEC"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Seed the demo world into an empty database."));
    const QCommandLineOption testClock(QStringLiteral("test-clock"),
                                       QStringLiteral("Enable /v1/test/* and a clock tests can advance."));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (HTTPS/WSS)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("PEM private key (HTTPS/WSS)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption accessTtl(QStringLiteral("access-ttl"),
                                       QStringLiteral("Lifetime of access tokens in seconds (default 900)."),
                                       QStringLiteral("SECONDS"));
    const QCommandLineOption headerTimeout(QStringLiteral("header-timeout"),
                                           QStringLiteral("Seconds a request may take to send its headers (default 10)."),
                                           QStringLiteral("SECONDS"));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout"),
                                            QStringLiteral("Seconds a request may take in all (default 30)."),
                                            QStringLiteral("SECONDS"));
    const QCommandLineOption idleTimeout(QStringLiteral("idle-timeout"),
                                         QStringLiteral("Seconds a connection may stay open with no request (default 60)."),
                                         QStringLiteral("SECONDS"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Connections open at once (default 1000, fewer if the "
                                                           "file-descriptor limit is lower)."),
                                            QStringLiteral("N"));
    const QCommandLineOption maxConnectionsPerIp(QStringLiteral("max-connections-per-ip"),
                                                 QStringLiteral("Connections open at once from one address (default 64)."),
                                                 QStringLiteral("N"));
    const QCommandLineOption hashThreads(QStringLiteral("hash-threads"),
                                         QStringLiteral("Threads that hash passwords (default: one per core)."),
                                         QStringLiteral("N"));
    const QCommandLineOption hashQueue(QStringLiteral("hash-queue"),
                                       QStringLiteral("Password hashes running or waiting at once; more are answered "
                                                      "503 (default 64)."),
                                       QStringLiteral("N"));
    const QCommandLineOption keepEvents(QStringLiteral("keep-events"),
                                        QStringLiteral("Test only: keep just the newest N events per user."),
                                        QStringLiteral("N"));
    const QCommandLineOption apyBps(QStringLiteral("apy-bps"),
                                    QStringLiteral("Savings APY in basis points, 0…100000 (a new database starts at 450 = 4.50 %)."),
                                    QStringLiteral("BPS"));
    const QCommandLineOption mediaSweep(QStringLiteral("media-sweep"),
                                        QStringLiteral("Seconds between sweeps of expired uploads and unused files "
                                                       "(default 600)."),
                                        QStringLiteral("SECONDS"));
    parser.addOptions({help, listen, port, data, storage, demo, testClock, tlsCert, tlsKey, accessTtl, headerTimeout,
                       requestTimeout, idleTimeout, maxConnections, maxConnectionsPerIp, hashThreads, hashQueue, keepEvents,
                       apyBps, mediaSweep});

    if (!parser.parse(arguments))
        return makeError(ErrorCode::ValidationFailed, parser.errorText());
    if (parser.isSet(help))
        return makeError(ErrorCode::Unknown, parser.helpText());
    if (!parser.positionalArguments().isEmpty())
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    ServerOptions o;
    if (parser.isSet(listen)) {
        const QString text = parser.value(listen);
        if (text == u"localhost")
            o.listen = QHostAddress(QHostAddress::LocalHost);
        else if (!o.listen.setAddress(text))
            return badOption(QStringLiteral("listen"), QStringLiteral("not an IP address: %1").arg(text));
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return badOption(QStringLiteral("port"), QStringLiteral("must be 0…65535"));
        o.port = quint16(value);
    }
    o.dataDir = parser.isSet(data)
        ? parser.value(data)
        // main() names the application "plaza-server", so this is e.g. ~/.local/share/plaza-server.
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    o.storage = parser.isSet(storage) ? parser.value(storage) : QStringLiteral("sqlite:") + o.dataDir;
    if (auto spec = StorageSpec::parse(o.storage); !spec)
        return badOption(QStringLiteral("storage"), spec.error().message);
    o.demo = parser.isSet(demo);
    o.testClock = parser.isSet(testClock);
    o.tlsCert = parser.value(tlsCert);
    o.tlsKey = parser.value(tlsKey);
    if (o.tlsCert.isEmpty() != o.tlsKey.isEmpty())
        return badOption(QStringLiteral("tls-cert"), QStringLiteral("--tls-cert and --tls-key go together"));
    if (parser.isSet(accessTtl)) {
        bool ok = false;
        o.accessTtlSeconds = parser.value(accessTtl).toLongLong(&ok);
        if (!ok || o.accessTtlSeconds < 1 || o.accessTtlSeconds > 86400)
            return badOption(QStringLiteral("access-ttl"), QStringLiteral("must be 1…86400 seconds"));
    }
    if (parser.isSet(keepEvents)) {
        bool ok = false;
        o.keepEvents = parser.value(keepEvents).toLongLong(&ok);
        if (!ok || o.keepEvents < 1)
            return badOption(QStringLiteral("keep-events"), QStringLiteral("must be a positive count"));
    }
    for (const auto &[option, into] : {std::pair{&headerTimeout, &o.headerTimeoutMs}, std::pair{&requestTimeout, &o.requestTimeoutMs},
                                       std::pair{&idleTimeout, &o.idleTimeoutMs}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const int seconds = parser.value(*option).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600)
            return badOption(option->names().constFirst(), QStringLiteral("must be 1…3600 seconds"));
        *into = seconds * 1000;
    }
    for (const auto &[option, into] : {std::pair{&maxConnections, &o.maxConnections},
                                       std::pair{&maxConnectionsPerIp, &o.maxConnectionsPerIp}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *into = parser.value(*option).toInt(&ok);
        if (!ok || *into < 1 || *into > 1'000'000)
            return badOption(option->names().constFirst(), QStringLiteral("must be 1…1000000"));
    }
    for (const auto &[option, into, max] : {std::tuple{&hashThreads, &o.hashThreads, 64}, std::tuple{&hashQueue, &o.hashQueue, 100'000},
                                            std::tuple{&mediaSweep, &o.mediaSweepSeconds, 86'400}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *into = parser.value(*option).toInt(&ok);
        if (!ok || *into < 1 || *into > max)
            return badOption(option->names().constFirst(), QStringLiteral("must be 1…%1").arg(max));
    }
    if (o.requestTimeoutMs < o.headerTimeoutMs)
        return badOption(QStringLiteral("request-timeout"), QStringLiteral("must be at least the header timeout"));
    if (parser.isSet(apyBps)) {
        bool ok = false;
        o.apyBps = parser.value(apyBps).toInt(&ok);
        if (!ok || o.apyBps < 0 || o.apyBps > 100000)
            return badOption(QStringLiteral("apy-bps"), QStringLiteral("must be 0…100000 basis points"));
    }
    return o;
}

} // namespace plaza::server
