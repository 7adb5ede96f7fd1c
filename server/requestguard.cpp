// SPDX-License-Identifier: MIT
#include "requestguard.h"

#include "common/logging.h"
#include "protocol/types.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

#include <sys/resource.h>

namespace plaza::server::requestguard {

namespace {

// Content-Length of a header block, -1 if absent or unreadable.
qint64 contentLength(QByteArrayView head)
{
    for (const QByteArray &line : head.toByteArray().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qint64 value = line.mid(colon + 1).trimmed().toLongLong(&ok);
        return ok ? value : -1;
    }
    return -1;
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// RFC 9112 request-line: method SP request-target SP HTTP-version, single spaces, a token
// for the method, a target of visible ASCII in origin form ("/…"), absolute form
// ("http://…") or "*", and HTTP/1.0 or HTTP/1.1 (what Qt 6.4's parser speaks).
bool isValidRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return false;
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!std::all_of(method.begin(), method.end(), isTokenChar))
        return false;
    if (target.isEmpty() || !std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
        return false;
    if (!target.startsWith('/') && target != "*" && !target.startsWith("http://") && !target.startsWith("https://"))
        return false;
    return version == "HTTP/1.1" || version == "HTTP/1.0";
}

// Where the header block of \a head ends (just past the empty line), -1 while it has not.
// Like Qt's reader, a bare LF ends a line too.
qsizetype headerEnd(QByteArrayView head)
{
    const qsizetype crlf = head.indexOf("\n\r\n");
    const qsizetype lf = head.indexOf("\n\n");
    if (crlf < 0 && lf < 0)
        return -1;
    if (lf < 0 || (crlf >= 0 && crlf < lf))
        return crlf + 3;
    return lf + 2;
}

// Answers \a status with \a error's envelope and closes; a client that does not read the
// answer loses the connection after \a abortAfterMs anyway.
void writeRefusal(QTcpSocket *socket, int status, const Error &error, int abortAfterMs, const QByteArray &extraHeaders = {})
{
    const QByteArray body = QJsonDocument(protocol::errorToJson(error)).toJson(QJsonDocument::Compact);
    static const QHash<int, QByteArray> reasons{{400, "Bad Request"},       {408, "Request Timeout"},
                                                {413, "Payload Too Large"}, {429, "Too Many Requests"},
                                                {503, "Service Unavailable"}};
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasons.value(status)
                  + "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n" + extraHeaders
                  + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
    QTimer::singleShot(abortAfterMs, socket, [socket] { socket->abort(); });
    qCInfo(lcServer).noquote() << "refused:" << status << error.message;
}

//! The guard of one socket: lives as the socket's child and dies with it.
class Guard : public QObject
{
public:
    Guard(QTcpSocket *socket, QObject *httpServer, const Timeouts &timeouts)
        : QObject(socket), m_socket(socket), m_httpServer(httpServer), m_timeouts(timeouts)
    {
        setObjectName(QStringLiteral("plaza-request-guard"));
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Guard::onTimeout);
        connect(socket, &QTcpSocket::readyRead, this, &Guard::onReadyRead);
        // An answer went out: unless the next request has begun, the connection is idle.
        connect(socket, &QTcpSocket::bytesWritten, this, [this] {
            if (!m_socket->isTransactionStarted() && m_phase != Phase::Refused && !m_answerPending)
                becomeIdle();
        });
        becomeIdle();
    }

    void setAnswerPending(bool pending)
    {
        m_answerPending = pending;
        // The request is read (Qt handed it over): its deadline is met. A next request
        // that has begun meanwhile keeps its own.
        if (pending && !m_socket->isTransactionStarted() && m_phase != Phase::Refused)
            m_timer.stop();
    }

private:
    enum class Phase { Idle, Head, Body, Refused };

    void becomeIdle()
    {
        m_phase = Phase::Idle;
        m_head.clear();
        m_timer.start(m_timeouts.idleMs);
    }

    void onReadyRead()
    {
        if (m_phase == Phase::Refused)
            return;
        // Qt opens a read transaction when a request starts and commits it when the request
        // is complete, and it has read everything before these bytes: so what is available
        // is new, and with no transaction it starts a new request.
        if (!m_socket->isTransactionStarted()) {
            m_phase = Phase::Head;
            m_head.clear();
            m_lineChecked = false;
            m_seen = 0;
            m_timer.start(m_timeouts.headerMs);
            m_requestTimer.start();
        } else if (m_phase == Phase::Idle) {
            return; // not ours to judge (cannot happen with Qt 6.4's reader)
        }
        const qint64 fresh = m_socket->bytesAvailable();
        m_seen += fresh;
        if (m_phase == Phase::Head && !checkHead(m_socket->peek(std::min<qint64>(fresh, kMaxHeaderBytes + 4 - m_head.size()))))
            return;
        if (m_seen > kMaxHeaderBytes + kHardBodyLimit)
            refuse(413, makeError(ErrorCode::PayloadTooLarge, QStringLiteral("The request is too large.")));
    }

    // Takes the next bytes of the head; false when the request was refused.
    bool checkHead(const QByteArray &bytes)
    {
        m_head += bytes;
        // Qt skips white space before a request line (left over from the previous request).
        qsizetype start = 0;
        while (start < m_head.size() && QByteArrayView(" \t\r\n\v").contains(m_head.at(start)))
            ++start;
        const QByteArrayView head = QByteArrayView(m_head).sliced(start);
        if (!m_lineChecked) {
            const qsizetype eol = head.indexOf('\n');
            if (eol >= 0) {
                m_lineChecked = true;
                QByteArrayView line = head.first(eol);
                if (line.endsWith('\r'))
                    line.chop(1);
                if (!isValidRequestLine(line)) {
                    refuse(400, makeError(ErrorCode::ValidationFailed, QStringLiteral("The request line is malformed."),
                                          {{QStringLiteral("field"), QStringLiteral("request_line")}}));
                    return false;
                }
            }
        }
        const qsizetype end = m_lineChecked ? headerEnd(head) : -1;
        if (end < 0) {
            if (m_head.size() > kMaxHeaderBytes) {
                refuse(413, makeError(ErrorCode::PayloadTooLarge, QStringLiteral("The request headers are too large.")));
                return false;
            }
            return true;
        }
        if (contentLength(head.first(end)) > kHardBodyLimit) {
            refuse(413, makeError(ErrorCode::PayloadTooLarge, QStringLiteral("The request is too large.")));
            return false;
        }
        m_phase = Phase::Body;
        m_head.clear();
        m_timer.start(int(std::max<qint64>(1, m_timeouts.requestMs - m_requestTimer.elapsed())));
        return true;
    }

    void onTimeout()
    {
        switch (m_phase) {
        case Phase::Idle:
            qCDebug(lcServer) << "closing an idle connection";
            m_socket->disconnectFromHost();
            return;
        case Phase::Head:
        case Phase::Body:
            // Qt has not finished reading this request (else the answer's bytesWritten would
            // have made the connection idle).
            refuse(408, makeError(ErrorCode::Timeout, m_phase == Phase::Head ? QStringLiteral("The request headers took too long.")
                                                                             : QStringLiteral("The request took too long.")));
            return;
        case Phase::Refused:
            return; // writeRefusal() aborts a client that does not read
        }
    }

    void refuse(int status, const Error &error)
    {
        m_phase = Phase::Refused;
        // Qt's handler goes next on this readyRead: it never parses what is left of this request.
        QObject::disconnect(m_socket, nullptr, m_httpServer, nullptr);
        m_timer.stop();
        writeRefusal(m_socket, status, error, m_timeouts.headerMs);
    }

    QTcpSocket *m_socket;
    QObject *m_httpServer;
    Timeouts m_timeouts;
    Phase m_phase = Phase::Idle;
    bool m_answerPending = false;
    QByteArray m_head;       // the current request's bytes up to the end of its headers
    bool m_lineChecked = false;
    qint64 m_seen = 0;       // bytes of the current request so far
    QTimer m_timer;          // the deadline of the current phase
    QElapsedTimer m_requestTimer;
};

} // namespace

void install(QTcpSocket *socket, QObject *httpServer, const Timeouts &timeouts)
{
    new Guard(socket, httpServer, timeouts);
}

bool ConnectionCounts::admit(const std::shared_ptr<ConnectionCounts> &counts, QTcpSocket *socket, const ConnectionLimits &limits)
{
    const QHostAddress peer = socket->peerAddress();
    const Error busy = makeError(ErrorCode::RateLimited, QStringLiteral("The server has too many connections; try again shortly."),
                                 {{QStringLiteral("retry_after"), 1}});
    const Error tooMany = makeError(ErrorCode::RateLimited, QStringLiteral("Too many connections from your address."),
                                    {{QStringLiteral("retry_after"), 1}});
    // Refused sockets are not Qt's: they go when they close.
    if (counts->m_total >= limits.total || counts->m_perIp.value(peer) >= limits.perIp) {
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        const bool full = counts->m_total >= limits.total;
        writeRefusal(socket, full ? 503 : 429, full ? busy : tooMany, 2000, "Retry-After: 1\r\n");
        return false;
    }
    ++counts->m_total;
    ++counts->m_perIp[peer];
    QObject::connect(socket, &QObject::destroyed, [counts, peer] {
        --counts->m_total;
        if (--counts->m_perIp[peer] <= 0)
            counts->m_perIp.remove(peer);
    });
    return true;
}

int connectionsThatFitInFileDescriptors(int wanted)
{
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0)
        return wanted;
    if (files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
        getrlimit(RLIMIT_NOFILE, &files);
    }
    if (files.rlim_cur == RLIM_INFINITY)
        return wanted;
    // The database (file, WAL, shared memory), stdio, the event loop, the listening socket,
    // the socket of a refusal, and slack: a sixteenth, at least 16.
    const qint64 available = qint64(files.rlim_cur);
    const qint64 reserve = std::max<qint64>(16, available / 16);
    return int(std::clamp<qint64>(available - reserve, 1, wanted));
}

void setAnswerPending(QTcpSocket *socket, bool pending)
{
    if (auto guard = static_cast<Guard *>(socket->findChild<QObject *>(QStringLiteral("plaza-request-guard"),
                                                                       Qt::FindDirectChildrenOnly)))
        guard->setAnswerPending(pending);
}

void release(QTcpSocket *socket)
{
    delete socket->findChild<QObject *>(QStringLiteral("plaza-request-guard"), Qt::FindDirectChildrenOnly);
}

} // namespace plaza::server::requestguard
