// SPDX-License-Identifier: MIT
#include "plazaserver.h"

#include "clock.h"
#include "common/logging.h"
#include "credentials.h"
#include "livehub.h"
#include "requestguard.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "routes.h"
#include "serveroptions.h"
#include "services.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <deque>

namespace plaza::server {

namespace {

const QString kWebSocketPath = QStringLiteral("/v1/ws");

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("upgrade")).compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0;
}

// Requests that may wait on one connection behind an answer that is not ready yet
// (pipelined by the client); one more closes the connection.
constexpr qsizetype kMaxWaitingRequests = 16;

//! The answers of one connection that wait for a pending one: a request whose answer
//! comes later (a login hashing on the worker pool) holds the requests that follow it on
//! the same connection, unread by any handler, until its answer has gone out. Other
//! connections are not held. Lives as the socket's child and dies with it.
class Outbox : public QObject
{
public:
    struct Waiting {
        RequestContext ctx;
        std::shared_ptr<QHttpServerResponder> responder;
    };

    explicit Outbox(QTcpSocket *socket) : QObject(socket) { setObjectName(QStringLiteral("plaza-outbox")); }

    static Outbox *of(QTcpSocket *socket)
    {
        return static_cast<Outbox *>(socket->findChild<QObject *>(QStringLiteral("plaza-outbox"), Qt::FindDirectChildrenOnly));
    }

    bool answerPending = false;
    std::deque<Waiting> waiting;
};

RequestContext contextOf(const QHttpServerRequest &request)
{
    RequestContext ctx;
    ctx.method = request.method();
    // Still encoded: the router splits it into segments before decoding each.
    ctx.path = request.url().path(QUrl::FullyEncoded);
    ctx.query = request.query();
    ctx.headers = request.headers();
    ctx.rawBody = request.body();
    ctx.peer = request.remoteAddress();
    return ctx;
}

} // namespace

PlazaServer::PlazaServer(Services &services, QObject *parent) : QAbstractHttpServer(parent), m_services(services)
{
    registerHealthRoutes(m_router, services);
    registerAuthRoutes(m_router, services);
    registerSessionRoutes(m_router, services);
    registerAccountRoutes(m_router, services);
    registerTwoFactorRoutes(m_router, services);
    registerUserRoutes(m_router, services);
    registerSyncRoutes(m_router, services);
    registerConversationRoutes(m_router, services);
    registerMessageRoutes(m_router, services);
    registerMessageActionRoutes(m_router, services);
    registerWalletRoutes(m_router, services);
    registerPaymentRequestRoutes(m_router, services);
    registerFeedRoutes(m_router, services);
    registerSavingsRoutes(m_router, services);
    registerMediaRoutes(m_router, services);
    registerSafetyRoutes(m_router, services);
    registerGroupRoutes(m_router, services);
    registerRequestRoutes(m_router, services);
    registerPersonMuteRoutes(m_router, services);
    if (services.options.testClock)
        registerTestClockRoutes(m_router, services);
    // Upgrades never reach the router (handleRequest); a plain GET here is a client mistake.
    m_router.add(Router::Method::Get, kWebSocketPath, Router::Public, [](RequestContext &) {
        return Response::error(ErrorCode::ValidationFailed, QStringLiteral("This endpoint needs a WebSocket upgrade."),
                               {{QStringLiteral("field"), QStringLiteral("upgrade")}});
    });

    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &PlazaServer::acceptWebSockets);
}

quint16 PlazaServer::start(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
                           QString *error)
{
    // Our own listening socket instead of listen()/sslSetup(): the same TLS server Qt
    // would make, plus the guard in front of Qt's request parser.
    const ServerOptions &o = m_services.options;
    const requestguard::Timeouts timeouts{o.headerTimeoutMs, o.requestTimeoutMs, o.idleTimeoutMs};
    const requestguard::ConnectionLimits limits{requestguard::connectionsThatFitInFileDescriptors(o.maxConnections),
                                                o.maxConnectionsPerIp};
    if (limits.total < o.maxConnections)
        qCWarning(lcServer) << "at most" << limits.total << "connections fit in the file-descriptor limit";
    std::unique_ptr<QTcpServer> server;
    if (tls) {
        auto ssl = std::make_unique<GuardedSslServer>(this, timeouts, limits);
        ssl->setSslConfiguration(*tls);
        server = std::move(ssl);
    } else {
        server = std::make_unique<GuardedTcpServer>(this, timeouts, limits);
    }
    // Out of file descriptors all the same (other files): Qt stops accepting for good on
    // such an error; try again a little later instead of never.
    QTcpServer *raw = server.get();
    connect(raw, &QTcpServer::acceptError, raw, [raw](QAbstractSocket::SocketError error) {
        qCWarning(lcServer) << "cannot accept a connection:" << error << raw->errorString();
        raw->pauseAccepting();
        QTimer::singleShot(100, raw, [raw] { raw->resumeAccepting(); });
    });
    if (!server->listen(address, port)) {
        if (error)
            *error = server->errorString();
        return 0;
    }
    const quint16 bound = server->serverPort();
    bind(server.release());
    return bound;
}

bool PlazaServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (isWebSocketUpgrade(request)) {
        // Claiming the request hands the socket to Qt's WebSocket handshake; the token
        // is checked on the upgraded socket so a bad one can be refused with 4401. The
        // WebSocket keeps itself alive with pings: no more HTTP timeouts on it.
        if (request.url().path() != kWebSocketPath)
            return false;
        requestguard::release(socket);
        return true;
    }
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    if (Outbox *box = Outbox::of(socket); box && box->answerPending) {
        if (qsizetype(box->waiting.size()) >= kMaxWaitingRequests) {
            qCInfo(lcServer) << "closing a connection that pipelined more than" << kMaxWaitingRequests
                             << "requests behind a pending answer";
            socket->abort();
            return true;
        }
        box->waiting.push_back({contextOf(request), std::move(responder)});
        return true;
    }
    answer(socket, contextOf(request), std::move(responder));
    return true;
}

void PlazaServer::answer(QTcpSocket *socket, RequestContext ctx, std::shared_ptr<QHttpServerResponder> responder)
{
    const Response response = dispatch(ctx);
    if (!response.pending()) {
        qCDebug(lcServer).noquote() << Router::methodName(ctx.method) << ctx.path << response.status();
        response.write(*responder);
        return;
    }
    Outbox *box = Outbox::of(socket);
    if (!box)
        box = new Outbox(socket);
    box->answerPending = true;
    requestguard::setAnswerPending(socket, true);
    QPointer<QTcpSocket> alive(socket);
    response.pending()->onAnswer([this, alive, method = ctx.method, path = ctx.path, responder](Response later) {
        // The work is done (and its effects written) whether or not the client is still there.
        if (!alive)
            return;
        QTcpSocket *socket = alive.data();
        qCDebug(lcServer).noquote() << Router::methodName(method) << path << later.status();
        if (socket->state() == QAbstractSocket::ConnectedState)
            later.write(*responder);
        Outbox *box = Outbox::of(socket);
        if (!box)
            return;
        box->answerPending = false;
        // The requests that waited, in order, until one is pending in its turn.
        while (!box->answerPending && !box->waiting.empty() && socket->state() == QAbstractSocket::ConnectedState) {
            Outbox::Waiting next = std::move(box->waiting.front());
            box->waiting.pop_front();
            answer(socket, std::move(next.ctx), std::move(next.responder));
        }
        requestguard::setAnswerPending(socket, box->answerPending);
    });
}

void PlazaServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Only upgrades to somewhere else than /v1/ws end up here.
    auto responder = makeResponder(request, socket);
    Response::error(ErrorCode::NotFound, QStringLiteral("No such endpoint.")).write(responder);
}

Response PlazaServer::dispatch(RequestContext &ctx)
{
    const Router::Match match = m_router.match(ctx.method, ctx.path);
    // Qt has read the whole body by now; refusing it still keeps it out of the database.
    const qsizetype maxBody = match.route && (match.route->flags & Router::ChunkBody) ? protocol::limits::kMaxChunkBytes
                                                                                   : protocol::limits::kMaxBodyBytes;
    if (ctx.rawBody.size() > maxBody)
        return Response::error(ErrorCode::PayloadTooLarge, QStringLiteral("The body is larger than %1 bytes.").arg(maxBody));

    if (!match.route && match.allowed.isEmpty())
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such endpoint."));
    if (!match.route) {
        QByteArrayList names;
        for (auto method : match.allowed)
            names.append(Router::methodName(method));
        Error error = makeError(ErrorCode::NotFound, QStringLiteral("This endpoint does not take this method."),
                                {{QStringLiteral("allowed"), QString::fromLatin1(names.join(", "))}});
        error.httpStatus = 405;
        return Response::error(error).withHeader(QByteArrayLiteral("Allow"), names.join(", "));
    }

    ctx.params = match.params;

    if (!(match.route->flags & Router::Public)) {
        auto session = credentials::sessionForAccessToken(m_services.db, ctx.bearerToken(), m_services.clock.nowMs());
        if (!session)
            return Response::error(session.error());
        ctx.userId = session->userId;
        ctx.sessionId = session->id;
    }
    if (match.route->flags & Router::JsonBody) {
        auto body = protocol::parseObject(ctx.rawBody);
        if (!body)
            return Response::error(body.error());
        ctx.body = *body;
    }
    return match.route->handler(ctx);
}

void PlazaServer::acceptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        if (auto socket = nextPendingWebSocketConnection())
            m_services.hub.accept(std::move(socket));
    }
}

} // namespace plaza::server
