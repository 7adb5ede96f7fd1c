// SPDX-License-Identifier: MIT
#include "dropproxy.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpSocket>

namespace plaza::test {

DropProxy::DropProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_target(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DropProxy::onConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl DropProxy::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void DropProxy::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        // Set when a watched request went up this connection and drop mode was on: its
        // answer (the next bytes from the server) must never reach the client.
        auto dropNext = std::make_shared<bool>(false);
        auto pendingUp = std::make_shared<QByteArray>();
        connect(upstream, &QTcpSocket::connected, client, [upstream, pendingUp] {
            upstream->write(*pendingUp);
            pendingUp->clear();
        });
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream, dropNext, pendingUp] {
            const QByteArray data = client->readAll();
            for (auto it = m_counts.begin(); it != m_counts.end(); ++it) {
                if (data.contains(it.key()))
                    ++it.value();
            }
            // HTTP/1.1 keeps one request's head in one chunk on loopback in practice; the
            // head is small and Qt writes it in one go.
            if (data.contains(m_watched)) {
                static const QRegularExpression keyHeader(QStringLiteral("(?i)\\r\\nIdempotency-Key:\\s*([^\\r\\n]*)"));
                const auto match = keyHeader.match(QString::fromLatin1(data));
                m_keys.append(match.hasMatch() ? match.captured(1).trimmed() : QString());
                if (m_dropping)
                    *dropNext = true;
                Q_EMIT watchedRequest(m_keys.constLast());
                if (m_failStatus > 0) {
                    ++m_failed;
                    const QByteArray body = R"({"error":{"code":"internal","message":"failing on purpose","details":{}}})";
                    client->write("HTTP/1.1 " + QByteArray::number(m_failStatus) + " Failing\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    client->disconnectFromHost();
                    return;
                }
            }
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(data);
            else
                pendingUp->append(data);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream, dropNext] {
            const QByteArray data = upstream->readAll();
            if (*dropNext) {
                // The server has answered, so it has committed: lose the answer.
                ++m_dropped;
                client->abort();
                upstream->abort();
                client->deleteLater();
                return;
            }
            client->write(data);
        });
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        // The server is gone (refused): the client sees its connection closed, as without a proxy.
        connect(upstream, &QTcpSocket::errorOccurred, client, [client](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::ConnectionRefusedError)
                client->abort();
        });
        connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

} // namespace plaza::test
