// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/types.h"

#include <QJsonObject>
#include <QObject>

#include <chrono>

class QRandomGenerator;

namespace plaza::net {

class ApiClient;

//! Delay before reconnect attempt \a attempt (0-based): exponential from 500 ms,
//! full jitter, capped at 30 s. Pure, so it can be tested.
[[nodiscard]] std::chrono::milliseconds reconnectDelay(int attempt, QRandomGenerator &random);

//! The live connection to /v1/ws: authenticates with the ApiClient's bearer, pings,
//! reconnects with reconnectDelay() after any drop, and reports events in the order
//! received. It does not apply anything: the sync engine does.
class WsSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectedChanged)
public:
    explicit WsSession(ApiClient *api, QObject *parent = nullptr);
    ~WsSession() override;

    //! Keep-alive: {"type":"ping"} every \a pingInterval (25 s by default); a connection
    //! that sends nothing back within \a pongTimeout (10 s) is treated as dropped. The
    //! same timeout bounds the wait for "hello" after opening. Set before start().
    void setKeepAlive(std::chrono::milliseconds pingInterval, std::chrono::milliseconds pongTimeout);

    void start(); //!< connect now and keep reconnecting until stop()
    void stop();
    //! True between the server's "hello" and the next drop: the socket is open and authenticated.
    [[nodiscard]] bool isConnected() const;
    void sendTyping(const QString &conversationId);

Q_SIGNALS:
    void connectedChanged(bool connected);
    //! {"type":"hello","seq":n}: after every (re)connect. The sync engine pulls from its cursor.
    void hello(qint64 latestSeq);
    void eventReceived(const plaza::protocol::Event &event);
    void typing(const QString &conversationId, const QString &userId);
    //! An ephemeral notice (protocol::NoticeType, e.g. "session.created") and its data.
    void notice(const QString &type, const QJsonObject &data);
    //! The server refused our token on the socket (closed with 4401): refresh, then reconnect.
    void unauthorized();
    //! A pong came back \a milliseconds after its ping (connection quality).
    void roundTripMeasured(qint64 milliseconds);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace plaza::net
