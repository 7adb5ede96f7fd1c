// SPDX-License-Identifier: MIT
#include "rawhttppeer.h"

#include <QTcpSocket>

namespace plaza::test {

RawHttpPeer::RawHttpPeer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        }
    });
}

bool RawHttpPeer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl RawHttpPeer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void RawHttpPeer::onReadable(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const QByteArray head = buffer.left(headEnd);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            break;
        buffer.remove(0, headEnd + 4 + length);
        m_requests.append(head);
        if (!m_answer.isEmpty())
            socket->write(m_answer);
    }
    socket->setProperty("buffer", buffer);
}

QByteArray RawHttpPeer::header(qsizetype index, const QByteArray &name) const
{
    if (index < 0 || index >= m_requests.size())
        return {};
    const QByteArray prefix = name.toLower() + ':';
    for (const QByteArray &line : m_requests.at(index).split('\n')) {
        if (line.toLower().startsWith(prefix))
            return line.mid(prefix.size()).trimmed();
    }
    return {};
}

QByteArray RawHttpPeer::answer(int status, const QByteArray &body, const QList<QByteArray> &extraHeaders)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Whatever\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const QByteArray &h : extraHeaders)
        out += h + "\r\n";
    out += "\r\n" + body;
    return out;
}

} // namespace plaza::test
