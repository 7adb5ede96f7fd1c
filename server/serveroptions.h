// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace plaza::server {

//! What the command line asked for (see `plaza-server --help` and docs/api.md).
struct ServerOptions {
    QHostAddress listen = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8480;
    QString dataDir;           //!< empty until parsed: then the platform's app-data folder
    //! Where the data lives: "sqlite:DIR" (the default: sqlite:dataDir) or "postgres:URL".
    QString storage;
    bool demo = false;         //!< seed the demo world once into an empty database
    bool testClock = false;    //!< enable /v1/test/* and a clock that tests can move
    QString tlsCert;           //!< PEM certificate; with tlsKey, serve HTTPS/WSS
    QString tlsKey;            //!< PEM private key
    qint64 accessTtlSeconds = 900;
    int apyBps = -1;           //!< savings APY in basis points; -1 keeps the recorded one (450 at first)
    qint64 keepEvents = 0;     //!< 0 keeps every event; N keeps the newest N per user (tests)
    int headerTimeoutMs = 10'000;  //!< first byte of a request → end of its headers (requestguard.h)
    int requestTimeoutMs = 30'000; //!< first byte of a request → its whole body
    int idleTimeoutMs = 60'000;    //!< a connection with no request under way
    int maxConnections = 1000;     //!< open at once, HTTP and WebSocket (lowered to fit RLIMIT_NOFILE)
    int maxConnectionsPerIp = 64;  //!< open at once from one address
    int hashThreads = 0;           //!< password-hashing worker threads; 0: one per core (workerpool.h)
    int hashQueue = 64;            //!< hashes running or waiting at once; more are answered 503
    int mediaSweepSeconds = 600;   //!< how often expired uploads and unused files are forgotten (media.h)

    //! Parses \a arguments (argv, including the program name). A ValidationFailed
    //! error names the bad option; "--help" gives an error whose message is the usage.
    [[nodiscard]] static Result<ServerOptions> parse(const QStringList &arguments);
};

} // namespace plaza::server
