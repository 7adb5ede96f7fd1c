// SPDX-License-Identifier: MIT
#pragma once

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace plaza::server {

//! Hard limits on what one request may make the server hold in memory. Qt 6.4's
//! QAbstractHttpServer buffers a whole request (headers byte by byte, then the
//! body) before handing it over, with no limit of its own. Bodies up to
//! kHardBodyLimit are buffered and then refused with a normal 413 by PlazaServer;
//! beyond it, or with headers over kMaxHeaderBytes, the connection is answered 413
//! at once and closed, without waiting for the rest.
namespace requestguard {
inline constexpr qint64 kMaxHeaderBytes = 16 * 1024;
inline constexpr qint64 kHardBodyLimit = 1024 * 1024;

//! Watches \a socket's requests; must be connected before \a httpServer's own
//! readyRead handler so it runs first.
void install(QTcpSocket *socket, QObject *httpServer);
} // namespace requestguard

//! A TCP (or TLS) server whose connections get the request guard before the HTTP
//! server sees them. Bind it to the QAbstractHttpServer with bind().
template<typename Base>
class GuardedServer : public Base
{
public:
    explicit GuardedServer(QObject *httpServer) : Base(nullptr), m_httpServer(httpServer) { }

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = Base::nextPendingConnection();
        if (socket)
            requestguard::install(socket, m_httpServer);
        return socket;
    }

private:
    QObject *m_httpServer;
};

using GuardedTcpServer = GuardedServer<QTcpServer>;
using GuardedSslServer = GuardedServer<QSslServer>;

} // namespace plaza::server
