// SPDX-License-Identifier: MIT
#pragma once

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace plaza::server {

//! Hard limits on what one connection may make the server hold, and for how long. Qt
//! 6.4's QAbstractHttpServer (qabstracthttpserver.cpp) connects its own readyRead handler
//! to each socket it takes from the QTcpServer's nextPendingConnection(), reads a request
//! byte by byte inside a QIODevice read transaction, buffers the whole body, and has no
//! limit or timeout of its own; on a request line it cannot parse it just closes the
//! connection. The guard is connected first (in GuardedServer::nextPendingConnection, before
//! Qt sees the socket), so it sees every byte before Qt's parser does and can answer instead:
//! - a request line that is not `METHOD SP target SP HTTP/1.x` → 400 validation_failed
//!   (`details.field: "request_line"`), connection closed;
//! - headers over kMaxHeaderBytes, however many reads they come in, or an announced body over
//!   kHardBodyLimit, or more than both in all → 413 payload_too_large at once, closed (bodies up
//!   to kHardBodyLimit are buffered and refused with a normal 413 by PlazaServer);
//! - headers not complete headerTimeoutMs after the request's first byte, or the whole request
//!   not in requestTimeoutMs → 408 timeout, closed;
//! - a connection with no request under way for idleTimeoutMs → closed without a word.
namespace requestguard {
inline constexpr qint64 kMaxHeaderBytes = 16 * 1024;
inline constexpr qint64 kHardBodyLimit = 1024 * 1024;

struct Timeouts {
    int headerMs = 10'000;
    int requestMs = 30'000;
    int idleMs = 60'000;
};

//! Watches \a socket's requests; must be connected before \a httpServer's own
//! readyRead handler so it runs first.
void install(QTcpSocket *socket, QObject *httpServer, const Timeouts &timeouts);
//! Stops watching \a socket (it became a WebSocket, which keeps itself alive with pings).
void release(QTcpSocket *socket);
} // namespace requestguard

//! A TCP (or TLS) server whose connections get the request guard before the HTTP
//! server sees them. Bind it to the QAbstractHttpServer with bind().
template<typename Base>
class GuardedServer : public Base
{
public:
    GuardedServer(QObject *httpServer, const requestguard::Timeouts &timeouts)
        : Base(nullptr), m_httpServer(httpServer), m_timeouts(timeouts)
    {
    }

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = Base::nextPendingConnection();
        if (socket)
            requestguard::install(socket, m_httpServer, m_timeouts);
        return socket;
    }

private:
    QObject *m_httpServer;
    requestguard::Timeouts m_timeouts;
};

using GuardedTcpServer = GuardedServer<QTcpServer>;
using GuardedSslServer = GuardedServer<QSslServer>;

} // namespace plaza::server
