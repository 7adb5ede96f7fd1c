// SPDX-License-Identifier: MIT
#include "livehub.h"

#include "clock.h"
#include "common/logging.h"
#include "conversations.h"
#include "credentials.h"
#include "protocol/json.h"
#include "serverdb.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QWebSocket>

namespace plaza::server {

namespace {

// Client frames are tiny; anything bigger is not ours.
constexpr qint64 kMaxIncomingFrameBytes = 16 * 1024;

QByteArray bearerFrom(const QNetworkRequest &request)
{
    const QByteArray value = request.rawHeader(QByteArrayLiteral("Authorization")).trimmed();
    constexpr QByteArrayView scheme("Bearer ");
    if (value.size() <= scheme.size()
        || QByteArrayView(value).first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(scheme.size()).trimmed();
}

} // namespace

LiveHub::LiveHub(ServerDb &db, Clock &clock, QObject *parent) : QObject(parent), m_db(db), m_clock(clock) { }

LiveHub::~LiveHub() = default;

void LiveHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });

    // The server-side QWebSocket keeps the handshake's headers in request().
    auto session = credentials::sessionForAccessToken(m_db, bearerFrom(socket->request()), m_clock.nowMs());
    if (!session) {
        if (session.error().code != ErrorCode::Unauthorized)
            qCWarning(lcWs) << "token check failed:" << session.error().message;
        socket->close(QWebSocketProtocol::CloseCode(kCloseUnauthorized), QStringLiteral("unauthorized"));
        return;
    }
    auto range = eventRange(m_db, session->userId);
    if (!range) {
        qCWarning(lcWs) << "cannot read the event log:" << range.error().message;
        socket->close(QWebSocketProtocol::CloseCode(1011), QStringLiteral("internal"));
        return;
    }

    socket->setMaxAllowedIncomingMessageSize(quint64(kMaxIncomingFrameBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(kMaxIncomingFrameBytes));
    const Connection connection{session->userId, session->id};
    m_connections.insert(socket, connection);
    m_byUser.insert(connection.userId, socket);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onText(socket, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [socket](const QByteArray &) { sendError(socket, QStringLiteral("invalid_json"), QStringLiteral("Frames are JSON text.")); });
    qCDebug(lcWs) << "socket open for user" << connection.userId;
    // Events and hello are sent from the same thread that commits, right after COMMIT,
    // so nothing can fall between the hello's seq and the first forwarded event.
    send(socket, {{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("seq"), range->latest}});
}

void LiveHub::publish(const QList<UserEvent> &events)
{
    for (const UserEvent &e : events) {
        // The same shape as an entry of /v1/sync: {"seq","type","data"}.
        const QJsonObject frame = e.event.toJson();
        const auto sockets = m_byUser.values(e.userId);
        for (QWebSocket *socket : sockets)
            send(socket, frame);
    }
}

void LiveHub::closeSession(qint64 sessionId)
{
    QList<QWebSocket *> doomed;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->sessionId == sessionId)
            doomed.append(it.key());
    }
    for (QWebSocket *socket : std::as_const(doomed)) {
        drop(socket);
        socket->close(QWebSocketProtocol::CloseCode(kCloseUnauthorized), QStringLiteral("unauthorized"));
    }
}

void LiveHub::notifyUser(qint64 userId, qint64 exceptSessionId, const QJsonObject &frame)
{
    const auto sockets = m_byUser.values(userId);
    for (QWebSocket *socket : sockets) {
        if (m_connections.value(socket).sessionId != exceptSessionId)
            send(socket, frame);
    }
}

void LiveHub::onText(QWebSocket *socket, const QString &text)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.cend())
        return;
    const Connection connection = *it;
    auto frame = protocol::parseObject(text.toUtf8());
    if (!frame) {
        sendError(socket, QStringLiteral("invalid_json"), QStringLiteral("A frame must be one JSON object."));
        return;
    }
    const QString type = frame->value(QStringLiteral("type")).toString();
    if (type == u"ping")
        send(socket, {{QStringLiteral("type"), QStringLiteral("pong")}});
    else if (type == u"typing")
        onTyping(socket, connection, *frame);
    else
        sendError(socket, QStringLiteral("validation_failed"), QStringLiteral("Unknown frame type."));
}

void LiveHub::onTyping(QWebSocket *socket, const Connection &connection, const QJsonObject &frame)
{
    const auto conversationId = ids::parse(ids::kConversation, frame.value(QStringLiteral("conversation_id")).toString());
    auto member = conversationId ? isMember(m_db, *conversationId, connection.userId) : Result<bool>(false);
    if (!member || !*member) {
        // Same answer for "no such conversation" and "not yours".
        sendError(socket, QStringLiteral("not_found"), QStringLiteral("No such conversation."));
        return;
    }
    auto members = memberIds(m_db, *conversationId);
    if (!members)
        return;
    const QJsonObject relay{
        {QStringLiteral("type"), QStringLiteral("typing")},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("conversation_id"), ids::format(ids::kConversation, *conversationId)},
                     {QStringLiteral("user_id"), ids::format(ids::kUser, connection.userId)}}}};
    for (qint64 userId : std::as_const(*members)) {
        if (userId == connection.userId)
            continue;
        const auto sockets = m_byUser.values(userId);
        for (QWebSocket *target : sockets)
            send(target, relay);
    }
}

void LiveHub::drop(QWebSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it != m_connections.end()) {
        m_byUser.remove(it->userId, socket);
        m_connections.erase(it);
    }
    socket->disconnect(this);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

void LiveHub::send(QWebSocket *socket, const QJsonObject &frame)
{
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void LiveHub::sendError(QWebSocket *socket, const QString &code, const QString &message)
{
    send(socket, {{QStringLiteral("type"), QStringLiteral("error")},
                  {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}});
}

} // namespace plaza::server
