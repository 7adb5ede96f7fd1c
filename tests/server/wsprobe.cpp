// SPDX-License-Identifier: MIT
#include "wsprobe.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

namespace plaza::test {

WsProbe::WsProbe(const QUrl &httpBase, QObject *parent) : QObject(parent)
{
    m_url = httpBase;
    m_url.setScheme(httpBase.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    m_url.setPath(QStringLiteral("/v1/ws"));
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
}

bool WsProbe::open(const QString &token, int timeoutMs)
{
    QNetworkRequest request(m_url);
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1());
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(request);
    QDeadlineTimer deadline(timeoutMs);
    while (connected.isEmpty() && !m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return !connected.isEmpty();
}

QJsonObject WsProbe::next(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_frames.isEmpty() && !deadline.hasExpired())
        QTest::qWait(5);
    return m_frames.isEmpty() ? QJsonObject() : m_frames.takeFirst();
}

bool WsProbe::silentFor(int ms)
{
    QTest::qWait(ms);
    return m_frames.isEmpty();
}

void WsProbe::sendJson(const QJsonObject &frame)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void WsProbe::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

bool WsProbe::waitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return m_closed;
}

} // namespace plaza::test
