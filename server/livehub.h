// SPDX-License-Identifier: MIT
#pragma once

#include "eventlog.h"

#include <QHash>
#include <QJsonObject>
#include <QMultiHash>
#include <QObject>

#include <memory>

class QWebSocket;

namespace plaza::server {

class Clock;
class ServerDb;

//! The live side of /v1/ws: authenticates each socket from its handshake, says
//! hello with the user's latest seq, forwards committed events in seq order and
//! relays ephemeral frames (typing) between members of a conversation.
class LiveHub : public QObject
{
    Q_OBJECT
public:
    //! Close code for a socket whose token is missing, unknown or expired.
    static constexpr quint16 kCloseUnauthorized = 4401;

    LiveHub(ServerDb &db, Clock &clock, QObject *parent = nullptr);
    ~LiveHub() override;

    //! Takes an upgraded socket: a valid bearer token in the handshake's
    //! Authorization header keeps it, anything else closes it with 4401.
    void accept(std::unique_ptr<QWebSocket> socket);
    //! Sends committed events to their users' sockets (ServerDb's event listener).
    void publish(const QList<UserEvent> &events);
    //! Closes (4401) every socket opened with the tokens of \a sessionId: logout, a session
    //! ended from another device or for theft, and a rotation (the token the socket was
    //! opened with stopped working; the client reconnects with its new one).
    void closeSession(qint64 sessionId);
    //! Sends an ephemeral \a frame (no seq) to every socket of \a userId but those of
    //! \a exceptSessionId.
    void notifyUser(qint64 userId, qint64 exceptSessionId, const QJsonObject &frame);

    //! How many sockets are live, for logs and tests.
    [[nodiscard]] qsizetype connectionCount() const { return m_connections.size(); }

private:
    struct Connection {
        qint64 userId = 0;
        qint64 sessionId = 0;
    };

    void onText(QWebSocket *socket, const QString &text);
    void onTyping(QWebSocket *socket, const Connection &connection, const QJsonObject &frame);
    void drop(QWebSocket *socket);
    static void send(QWebSocket *socket, const QJsonObject &frame);
    static void sendError(QWebSocket *socket, const QString &code, const QString &message);

    ServerDb &m_db;
    Clock &m_clock;
    QHash<QWebSocket *, Connection> m_connections;
    QMultiHash<qint64, QWebSocket *> m_byUser;
};

} // namespace plaza::server
