// SPDX-License-Identifier: MIT
#include "requestguard.h"

#include "common/logging.h"
#include "protocol/types.h"

#include <QJsonDocument>

#include <memory>

namespace plaza::server::requestguard {

namespace {

// Content-Length of a header block, -1 if absent or unreadable.
qint64 contentLength(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qint64 value = line.mid(colon + 1).trimmed().toLongLong(&ok);
        return ok ? value : -1;
    }
    return -1;
}

void refuse(QTcpSocket *socket, QObject *httpServer)
{
    // Qt's handler goes first, so it never parses what is left of this request.
    QObject::disconnect(socket, nullptr, httpServer, nullptr);
    QObject::disconnect(socket, &QTcpSocket::readyRead, socket, nullptr);
    const QByteArray body = QJsonDocument(protocol::errorToJson(makeError(
                                              ErrorCode::PayloadTooLarge, QStringLiteral("The request is too large."))))
                                .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nConnection: close\r\n"
                  "Content-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
    qCInfo(lcServer) << "refused an oversized request";
}

} // namespace

void install(QTcpSocket *socket, QObject *httpServer)
{
    // Bytes of the current request seen so far.
    auto seen = std::make_shared<qint64>(0);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, httpServer, seen] {
        // Qt opens a read transaction when a request starts and commits it when the
        // request is complete, so no transaction means these bytes start a new request.
        if (!socket->isTransactionStarted()) {
            *seen = socket->bytesAvailable();
            const QByteArray head = socket->peek(kMaxHeaderBytes + 4);
            const qsizetype end = head.indexOf("\r\n\r\n");
            if ((end < 0 && head.size() > kMaxHeaderBytes) || (end >= 0 && contentLength(head.left(end)) > kHardBodyLimit)) {
                refuse(socket, httpServer);
                return;
            }
        } else {
            // Mid-request, Qt has already read everything older: this is all new.
            *seen += socket->bytesAvailable();
        }
        if (*seen > kMaxHeaderBytes + kHardBodyLimit)
            refuse(socket, httpServer);
    });
}

} // namespace plaza::server::requestguard
