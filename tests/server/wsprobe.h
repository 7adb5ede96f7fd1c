// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocket>

namespace plaza::test {

//! A WebSocket client for tests: queues every text frame it receives and lets the
//! test wait for the next one, or for the close.
class WsProbe : public QObject
{
    Q_OBJECT
public:
    //! \a httpBase is the server's http(s):// URL; the probe connects to /v1/ws on it.
    explicit WsProbe(const QUrl &httpBase, QObject *parent = nullptr);

    void setSslConfiguration(const QSslConfiguration &config) { m_socket.setSslConfiguration(config); }

    //! Opens the socket with "Authorization: Bearer \a token" (none if empty) and waits
    //! until it is connected or closed. True if connected.
    bool open(const QString &token, int timeoutMs = 10000);
    //! The next frame (JSON object), waiting up to \a timeoutMs; empty if none came.
    QJsonObject next(int timeoutMs = 5000);
    //! True if no frame arrives within \a ms.
    bool silentFor(int ms);
    void sendJson(const QJsonObject &frame);
    void sendText(const QString &text);
    //! Waits until the server closes the socket; true if it did.
    bool waitClosed(int timeoutMs = 5000);

    [[nodiscard]] QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    [[nodiscard]] QString closeReason() const { return m_socket.closeReason(); }
    [[nodiscard]] bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QUrl m_url;
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    bool m_closed = false;
};

} // namespace plaza::test
