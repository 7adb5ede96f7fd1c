// SPDX-License-Identifier: MIT
#include "wssession.h"
#include "plazaversion.h"

#include "common/logging.h"
#include "net/apiclient.h"
#include "protocol/events.h"
#include "protocol/json.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

namespace plaza::net {

using namespace std::chrono_literals;

namespace {
constexpr std::chrono::milliseconds kBaseDelay = 500ms;
constexpr std::chrono::milliseconds kMaxDelay = 30s;
//! A connection that lived this long was healthy: the next drop starts the backoff afresh.
//! Resetting on "hello" alone would let a server that accepts and then crashes make us spin.
constexpr std::chrono::milliseconds kStableAfter = 10s;
//! The server's close code for a refused access token.
constexpr quint16 kCloseUnauthorized = 4401;
} // namespace

std::chrono::milliseconds reconnectDelay(int attempt, QRandomGenerator &random)
{
    // Full jitter (delay uniform in [0, cap]) spreads the reconnects of many clients after a
    // server restart instead of having them arrive in waves.
    const int exponent = std::clamp(attempt, 0, 16); // 500 ms << 16 is far above the cap
    const qint64 cap = std::min<qint64>(kBaseDelay.count() << exponent, kMaxDelay.count());
    return std::chrono::milliseconds(qint64(random.bounded(quint64(cap) + 1)));
}

struct WsSession::Private {
    Private(WsSession *owner, ApiClient *client) : q(owner), api(client) { }

    WsSession *q;
    QPointer<ApiClient> api;
    QWebSocket *socket = nullptr;
    QTimer pingTimer;
    QTimer pongTimer;      //!< armed while an answer (hello or pong) is due
    QTimer reconnectTimer;
    QElapsedTimer connectedFor;
    QElapsedTimer pingSentAt;
    std::chrono::milliseconds pingInterval = 25s;
    std::chrono::milliseconds pongTimeout = 10s;
    QString tokenUsed;     //!< the access token the current socket was opened with
    int attempt = 0;
    bool running = false;
    bool connected = false;
    bool waitingForTokens = false; //!< the session expired: nothing to connect with
    bool refreshing = false;

    void connectNow();
    void detachSocket(bool closeGracefully);
    void onFrame(const QString &text);
    void onDrop(QWebSocket *which);
    void onUnauthorized();
    void scheduleReconnect();
    void setConnected(bool value);
    void sendJson(const QJsonObject &frame);
};

void WsSession::Private::setConnected(bool value)
{
    if (connected == value)
        return;
    connected = value;
    if (value)
        connectedFor.start();
    Q_EMIT q->connectedChanged(value);
}

void WsSession::Private::connectNow()
{
    if (!running || socket || refreshing)
        return;
    if (!api || !api->hasTokens()) {
        qCInfo(lcWs) << "no tokens: waiting for a sign-in before connecting";
        waitingForTokens = true;
        return;
    }
    waitingForTokens = false;
    tokenUsed = api->accessToken();

    socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, q);
    QWebSocket *const s = socket;
    QObject::connect(s, &QWebSocket::connected, q, [this, s] {
        if (s != socket)
            return;
        qCDebug(lcWs) << "socket open, waiting for hello";
        pingTimer.start(pingInterval);
    });
    QObject::connect(s, &QWebSocket::textMessageReceived, q, [this, s](const QString &text) {
        if (s == socket)
            onFrame(text);
    });
    QObject::connect(s, &QWebSocket::disconnected, q, [this, s] { onDrop(s); });
    // Qt 6.4 has error(); errorOccurred() only arrived in 6.5.
    QObject::connect(s, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), q,
                     [this, s](QAbstractSocket::SocketError error) {
                         qCDebug(lcWs) << "socket error" << error;
                         onDrop(s);
                     });
    // Never ignored: the handshake fails and we end up in onDrop() like any other failure.
    QObject::connect(s, &QWebSocket::sslErrors, q, [](const QList<QSslError> &errors) {
        qCWarning(lcWs) << "TLS error on the live connection -" << errors.size() << "certificate problem(s)";
    });

    QNetworkRequest request(api->webSocketUrl());
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + tokenUsed.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Plaza/" PLAZA_VERSION));
    if (request.url().scheme() == u"wss")
        s->setSslConfiguration(api->sslConfiguration());
    qCDebug(lcWs) << "connecting, attempt" << attempt;
    // Bounds the TCP connect, the handshake and the wait for hello together.
    pongTimer.start(pongTimeout);
    s->open(request);
}

void WsSession::Private::detachSocket(bool closeGracefully)
{
    if (!socket)
        return;
    QWebSocket *s = socket;
    socket = nullptr;
    pingTimer.stop();
    pongTimer.stop();
    QObject::disconnect(s, nullptr, q, nullptr);
    if (closeGracefully && s->state() == QAbstractSocket::ConnectedState)
        s->close(QWebSocketProtocol::CloseCodeNormal);
    else
        s->abort();
    s->deleteLater();
}

void WsSession::Private::onDrop(QWebSocket *which)
{
    if (!which || which != socket)
        return; // a second report (error, then disconnected) of a drop already handled
    const quint16 closeCode = socket->closeCode();
    const QString why = socket->error() == QAbstractSocket::UnknownSocketError ? QString() : socket->errorString();
    const bool wasConnected = connected;
    detachSocket(false);
    if (wasConnected && connectedFor.elapsed() >= kStableAfter.count())
        attempt = 0;
    // Without a close frame Qt reports 1000; the socket error says more then.
    if (why.isEmpty())
        qCInfo(lcWs) << "connection dropped, close code" << closeCode;
    else
        qCInfo(lcWs) << "connection dropped:" << why;
    setConnected(false);
    if (!running)
        return;
    if (closeCode == kCloseUnauthorized)
        onUnauthorized();
    else
        scheduleReconnect();
}

void WsSession::Private::onUnauthorized()
{
    Q_EMIT q->unauthorized();
    if (!running || !api)
        return;
    if (!api->hasTokens()) {
        // Signed out (the server closes a logged-out session's socket with 4401 too).
        waitingForTokens = true;
        return;
    }
    // Someone (an HTTP request's transparent refresh) already replaced the token the socket
    // was opened with: reconnect with the new one, no second refresh.
    if (api->accessToken() != tokenUsed) {
        scheduleReconnect();
        return;
    }
    refreshing = true;
    QCoro::connect(api->refreshTokens(), q, [this](const Status &status) {
        refreshing = false;
        if (!running)
            return;
        if (status.ok()) {
            scheduleReconnect();
        } else if (status.error().httpStatus >= 400 && status.error().httpStatus < 500) {
            // Refused: ApiClient has emitted sessionExpired(). Wait for new tokens.
            qCInfo(lcWs) << "session expired: not reconnecting until signed in again";
            waitingForTokens = true;
        } else {
            scheduleReconnect(); // refresh failed for now (network): try again later
        }
    });
}

void WsSession::Private::scheduleReconnect()
{
    const auto delay = reconnectDelay(attempt, *QRandomGenerator::global());
    ++attempt;
    qCDebug(lcWs) << "reconnecting in" << delay.count() << "ms";
    reconnectTimer.start(delay);
}

void WsSession::Private::sendJson(const QJsonObject &frame)
{
    if (socket)
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void WsSession::Private::onFrame(const QString &text)
{
    // Anything from the server proves the connection alive, not only a pong.
    pongTimer.stop();

    auto parsed = protocol::parseObject(text.toUtf8());
    if (!parsed) {
        qCWarning(lcWs).nospace() << "skipped a frame that is not a JSON object (" << text.size() << " chars)";
        return;
    }
    const QJsonObject &frame = *parsed;
    const QString type = frame.value(QStringLiteral("type")).toString();

    if (frame.contains(QStringLiteral("seq")) && type != u"hello") {
        auto event = protocol::Event::fromJson(frame);
        if (!event) {
            qCWarning(lcWs) << "skipped a malformed event:" << event.error().message;
            return;
        }
        Q_EMIT q->eventReceived(*event);
        return;
    }
    if (type == u"hello") {
        protocol::JsonReader reader(frame, QStringLiteral("hello"));
        const qint64 seq = reader.integer(QStringLiteral("seq"));
        if (!reader.ok() || seq < 0) {
            qCWarning(lcWs) << "malformed hello: dropping the connection";
            onDrop(socket);
            return;
        }
        qCInfo(lcWs) << "connected, latest seq" << seq;
        setConnected(true);
        Q_EMIT q->hello(seq);
        return;
    }
    if (type == u"pong") {
        if (pingSentAt.isValid())
            Q_EMIT q->roundTripMeasured(pingSentAt.elapsed());
        pingSentAt.invalidate();
        return;
    }
    if (type == u"typing") {
        protocol::JsonReader reader(frame.value(QStringLiteral("data")).toObject(), QStringLiteral("typing"));
        const QString conversationId = reader.string(QStringLiteral("conversation_id"));
        const QString userId = reader.string(QStringLiteral("user_id"));
        if (!reader.ok()) {
            qCWarning(lcWs) << "skipped a malformed typing frame:" << reader.error().message;
            return;
        }
        Q_EMIT q->typing(conversationId, userId);
        return;
    }
    if (protocol::noticeTypeFromName(type)) {
        Q_EMIT q->notice(type, frame.value(QStringLiteral("data")).toObject());
        return;
    }
    qCDebug(lcWs) << "ignored a frame of unknown type" << type;
}

WsSession::WsSession(ApiClient *api, QObject *parent) : QObject(parent), d(std::make_unique<Private>(this, api))
{
    d->pongTimer.setSingleShot(true);
    d->reconnectTimer.setSingleShot(true);
    connect(&d->pingTimer, &QTimer::timeout, this, [this] {
        d->sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
        d->pingSentAt.start();
        if (!d->pongTimer.isActive())
            d->pongTimer.start(d->pongTimeout);
    });
    connect(&d->pongTimer, &QTimer::timeout, this, [this] {
        // A half-open TCP connection (laptop asleep, NAT forgot us) never reports a drop by itself.
        qCInfo(lcWs) << "no answer within" << d->pongTimeout.count() << "ms: treating the connection as dropped";
        d->onDrop(d->socket);
    });
    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] { d->connectNow(); });
    if (api) {
        connect(api, &ApiClient::tokensChanged, this, [this] {
            if (d->running && d->waitingForTokens) {
                d->attempt = 0;
                d->connectNow();
            }
        });
    }
}

WsSession::~WsSession()
{
    d->running = false;
    d->detachSocket(true);
}

void WsSession::setKeepAlive(std::chrono::milliseconds pingInterval, std::chrono::milliseconds pongTimeout)
{
    d->pingInterval = pingInterval;
    d->pongTimeout = pongTimeout;
}

void WsSession::start()
{
    if (d->running)
        return;
    d->running = true;
    d->attempt = 0;
    d->connectNow();
}

void WsSession::stop()
{
    d->running = false;
    d->reconnectTimer.stop();
    d->detachSocket(true);
    d->setConnected(false);
}

bool WsSession::isConnected() const
{
    return d->connected;
}

void WsSession::sendTyping(const QString &conversationId)
{
    if (!d->connected)
        return;
    d->sendJson({{QStringLiteral("type"), QStringLiteral("typing")},
                 {QStringLiteral("conversation_id"), conversationId}});
}

} // namespace plaza::net
