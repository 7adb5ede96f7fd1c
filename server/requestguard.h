// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

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
//! An upload's chunk (protocol::limits::kMaxChunkBytes) and room to refuse a little more with a normal 413.
inline constexpr qint64 kHardBodyLimit = 1024 * 1024 + 64 * 1024;

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
//! While \a pending, \a socket has read requests whose answers are not written yet
//! (work off the event loop): no request or idle deadline runs out on it meanwhile; the
//! idle deadline starts when the last answer has gone out.
void setAnswerPending(QTcpSocket *socket, bool pending);

//! Open connections (HTTP and WebSocket alike) allowed at once: in all, and from one IP.
struct ConnectionLimits {
    int total = 1000;
    int perIp = 64;
};

//! The connections open now, per peer address; shared by the sockets that count in it.
class ConnectionCounts
{
public:
    //! Counts \a socket in (until it is destroyed) and returns true, or, over \a limits,
    //! answers it 503 (all connections) or 429 (this address), both rate_limited with
    //! Retry-After, closes it and returns false.
    static bool admit(const std::shared_ptr<ConnectionCounts> &counts, QTcpSocket *socket, const ConnectionLimits &limits);

private:
    int m_total = 0;
    QHash<QHostAddress, int> m_perIp;
};

//! The connection limit that leaves room under the process's file-descriptor limit
//! (RLIMIT_NOFILE, raised to its hard maximum first) for the database and a refusal, so
//! that at the limit the server still answers 503 instead of failing to accept.
[[nodiscard]] int connectionsThatFitInFileDescriptors(int wanted);
} // namespace requestguard

//! A TCP (or TLS) server whose connections get the request guard before the HTTP
//! server sees them. Bind it to the QAbstractHttpServer with bind().
template<typename Base>
class GuardedServer : public Base
{
public:
    GuardedServer(QObject *httpServer, const requestguard::Timeouts &timeouts, const requestguard::ConnectionLimits &limits)
        : Base(nullptr), m_httpServer(httpServer), m_timeouts(timeouts), m_limits(limits)
    {
    }

    //! QAbstractHttpServer takes its sockets here, until nullptr: the refused ones never reach it.
    QTcpSocket *nextPendingConnection() override
    {
        while (QTcpSocket *socket = Base::nextPendingConnection()) {
            if (requestguard::ConnectionCounts::admit(m_counts, socket, m_limits)) {
                requestguard::install(socket, m_httpServer, m_timeouts);
                return socket;
            }
        }
        return nullptr;
    }

private:
    QObject *m_httpServer;
    requestguard::Timeouts m_timeouts;
    requestguard::ConnectionLimits m_limits;
    std::shared_ptr<requestguard::ConnectionCounts> m_counts = std::make_shared<requestguard::ConnectionCounts>();
};

using GuardedTcpServer = GuardedServer<QTcpServer>;
using GuardedSslServer = GuardedServer<QSslServer>;

} // namespace plaza::server
