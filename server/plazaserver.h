// SPDX-License-Identifier: MIT
#pragma once

#include "router.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QSslConfiguration>

#include <memory>
#include <optional>

namespace plaza::server {

struct Services;

//! The HTTP side of plaza-server: one Router for every endpoint, and the common
//! steps every request goes through (body limit, route, method, bearer token, JSON
//! body, error envelope). WebSocket upgrades to /v1/ws go to the LiveHub.
class PlazaServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit PlazaServer(Services &services, QObject *parent = nullptr);

    //! Listens on \a address:\a port (0: any free port), over TLS when \a tls is set,
    //! with every connection behind the request guard (requestguard.h). Returns the
    //! port, or 0 with \a error set.
    [[nodiscard]] quint16 start(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
                                QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    //! Answers \a ctx on \a socket now, or holds the connection's answers until a
    //! pending one arrives (HTTP/1.1: answers go out in request order).
    void answer(QTcpSocket *socket, RequestContext ctx, std::shared_ptr<QHttpServerResponder> responder);
    [[nodiscard]] Response dispatch(RequestContext &ctx);
    void acceptWebSockets();

    Services &m_services;
    Router m_router;
};

} // namespace plaza::server
