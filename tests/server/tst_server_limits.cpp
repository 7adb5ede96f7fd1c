// SPDX-License-Identifier: MIT
// Abuse limits of the real plaza-server over raw sockets (server/requestguard.h): a 400 for
// malformed request lines, header size counted across reads, the header, request and idle
// timeouts (shortened by options so the suite stays fast; the test waits for the server's
// answer or close, never a fixed time), and WebSockets left alone by the HTTP timeouts.

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace plaza::test;

namespace {

//! One raw connection: what was written, and everything the server sent until it closed.
struct RawExchange {
    QByteArray received;
    bool closedByServer = false;
    [[nodiscard]] int status() const { return received.startsWith("HTTP/1.1 ") ? received.mid(9, 3).toInt() : 0; }
    [[nodiscard]] QJsonObject error() const
    {
        const qsizetype body = received.indexOf("\r\n\r\n");
        return QJsonDocument::fromJson(received.mid(body + 4)).object().value(QStringLiteral("error")).toObject();
    }
};

//! Writes each of \a chunks (flushing between them), then reads until the server closes
//! the connection or \a timeoutMs passes.
RawExchange talk(quint16 port, const QList<QByteArray> &chunks, int timeoutMs = 20000)
{
    RawExchange out;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return out;
    for (const QByteArray &chunk : chunks) {
        socket.write(chunk);
        socket.waitForBytesWritten(5000);
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            out.closedByServer = true;
            break;
        }
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 200)));
        out.received += socket.readAll();
    }
    return out;
}

//! A kept-alive connection from \a from (any 127.x address) that asked for /v1/health.
struct Client {
    std::shared_ptr<QTcpSocket> socket = std::make_shared<QTcpSocket>();
    QByteArray answer;
    [[nodiscard]] int status() const { return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0; }
};

Client healthFrom(const QString &from, quint16 port)
{
    Client c;
    c.socket->bind(QHostAddress(from));
    c.socket->connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!c.socket->waitForConnected(5000))
        return c;
    c.socket->write("GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && !c.answer.contains("\r\n\r\n{")) {
        if (!c.socket->waitForReadyRead(200) && c.socket->state() != QAbstractSocket::ConnectedState)
            break;
        c.answer += c.socket->readAll();
    }
    // The rest of the body, if any came with a separate read.
    c.socket->waitForReadyRead(50);
    c.answer += c.socket->readAll();
    return c;
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void malformedRequestLines_data();
    void malformedRequestLines();
    void wellFormedLinesStillWork();
    void headersCountedAcrossReads();
    void headerTimeout();
    void requestTimeout();
    void idleTimeout();
    void webSocketOutlivesIdleTimeout();
    void connectionCaps();
    void fileDescriptorLimit();

private:
    std::unique_ptr<TestServer> m_server;
};

void TestServerLimits::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--header-timeout"), QStringLiteral("1"),
                                                        QStringLiteral("--request-timeout"), QStringLiteral("2"),
                                                        QStringLiteral("--idle-timeout"), QStringLiteral("2")});
    PLAZA_VERIFY_START(*m_server);
}

void TestServerLimits::malformedRequestLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("no version") << QByteArray("GET /v1/health");
    QTest::newRow("two spaces") << QByteArray("GET  /v1/health HTTP/1.1");
    QTest::newRow("trailing space") << QByteArray("GET /v1/health HTTP/1.1 ");
    QTest::newRow("extra word") << QByteArray("GET /v1/health HTTP/1.1 please");
    QTest::newRow("HTTP/2.0") << QByteArray("GET /v1/health HTTP/2.0");
    QTest::newRow("HTTP/1.2") << QByteArray("GET /v1/health HTTP/1.2");
    QTest::newRow("lower-case version") << QByteArray("GET /v1/health http/1.1");
    QTest::newRow("version garbage") << QByteArray("GET /v1/health HTTP/1.x");
    QTest::newRow("method not a token") << QByteArray("G(T /v1/health HTTP/1.1");
    QTest::newRow("control byte in method") << QByteArray("\x01GET /v1/health HTTP/1.1");
    QTest::newRow("relative target") << QByteArray("GET v1/health HTTP/1.1");
    QTest::newRow("space in target") << QByteArray("GET /v1/he alth HTTP/1.1");
    QTest::newRow("DEL in target") << QByteArray("GET /v1/health\x7f HTTP/1.1");
    QTest::newRow("tab in target") << QByteArray("GET /v1/\thealth HTTP/1.1");
    QTest::newRow("UTF-8 in target") << QByteArray("GET /v1/h\xc3\xa9 HTTP/1.1");
    QTest::newRow("only a version") << QByteArray("HTTP/1.1");
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 x y");
}

void TestServerLimits::malformedRequestLines()
{
    QFETCH(QByteArray, line);
    const RawExchange r = talk(m_server->port(), {line + "\r\nHost: localhost\r\n\r\n"});
    QCOMPARE(r.status(), 400);
    QVERIFY(r.received.contains("Content-Type: application/json"));
    QCOMPARE(r.error().value(QStringLiteral("code")).toString(), QStringLiteral("validation_failed"));
    QCOMPARE(r.error()[QStringLiteral("details")][QStringLiteral("field")].toString(), QStringLiteral("request_line"));
    QVERIFY(r.closedByServer);
}

void TestServerLimits::wellFormedLinesStillWork()
{
    // Blank lines before a request are ignored, a bare LF ends a line, HTTP/1.0 is spoken,
    // and a bad line after a good request on one connection gets its 400 after the 200.
    const RawExchange ok = talk(m_server->port(), {"\r\nGET /v1/health HTTP/1.0\nHost: localhost\n\n"});
    QCOMPARE(ok.status(), 200);
    const RawExchange two = talk(m_server->port(), {"GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                                    "GET /v1/health HTTP/9.9\r\nHost: localhost\r\n\r\n"});
    QCOMPARE(two.status(), 200);
    QVERIFY2(two.received.contains("HTTP/1.1 400 Bad Request"), two.received.constData());
    QVERIFY(two.closedByServer);
    // Unknown but well-formed methods and absolute targets reach the router.
    QCOMPARE(talk(m_server->port(), {"BREW /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"}).status(), 405);
    QCOMPARE(talk(m_server->port(), {"GET http://localhost/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"})
                 .status(),
             200);
}

void TestServerLimits::headersCountedAcrossReads()
{
    // 17 KiB of headers in 1 KiB writes, each flushed: never one read over the limit.
    QList<QByteArray> chunks{"GET /v1/health HTTP/1.1\r\nHost: localhost\r\n"};
    for (int i = 0; i < 17; ++i)
        chunks.append("X-Filler-" + QByteArray::number(i) + ": " + QByteArray(1000, 'a') + "\r\n");
    chunks.append("\r\n");
    const RawExchange r = talk(m_server->port(), chunks);
    QCOMPARE(r.status(), 413);
    QCOMPARE(r.error().value(QStringLiteral("code")).toString(), QStringLiteral("payload_too_large"));
    QVERIFY(r.closedByServer);
}

void TestServerLimits::headerTimeout()
{
    // Half a request, then nothing: answered 408 and closed after the header timeout (1 s).
    const RawExchange r = talk(m_server->port(), {"GET /v1/health HTTP/1.1\r\nHost: localhost\r\n"});
    QCOMPARE(r.status(), 408);
    QCOMPARE(r.error().value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
    QVERIFY(r.closedByServer);
    // Also when only part of the request line came.
    QCOMPARE(talk(m_server->port(), {"GET /v1/hea"}).status(), 408);
}

void TestServerLimits::requestTimeout()
{
    // Headers in time, but 3 of 10 announced body bytes: 408 after the request timeout (2 s).
    const RawExchange r = talk(m_server->port(), {"POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                                  "application/json\r\nContent-Length: 10\r\n\r\n{\"h"});
    QCOMPARE(r.status(), 408);
    QCOMPARE(r.error().value(QStringLiteral("message")).toString(), QStringLiteral("The request took too long."));
    QVERIFY(r.closedByServer);
}

void TestServerLimits::idleTimeout()
{
    // A connection that never says anything is closed without a word.
    const RawExchange silent = talk(m_server->port(), {});
    QVERIFY(silent.closedByServer);
    QVERIFY(silent.received.isEmpty());
    // After an answer, a kept-alive connection is closed once idle for the idle timeout.
    const RawExchange kept = talk(m_server->port(), {"GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"});
    QCOMPARE(kept.status(), 200);
    QVERIFY(kept.closedByServer);
    QCOMPARE(kept.received.count("HTTP/1.1"), 1);
}

void TestServerLimits::webSocketOutlivesIdleTimeout()
{
    ApiProbe api(m_server->url());
    const TestAccount a = api.registerAccount(QStringLiteral("long_listener"));
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(a.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    // Longer than the idle (2 s) and request (2 s) timeouts of HTTP connections.
    QVERIFY(ws.silentFor(3500));
    QVERIFY(ws.isConnected());
}

void TestServerLimits::connectionCaps()
{
    TestServer server({QStringLiteral("--max-connections"), QStringLiteral("6"), QStringLiteral("--max-connections-per-ip"),
                       QStringLiteral("4")});
    PLAZA_VERIFY_START(server);
    QList<Client> open;
    for (int i = 0; i < 4; ++i) {
        open.append(healthFrom(QStringLiteral("127.0.0.1"), server.port()));
        QCOMPARE(open.last().status(), 200);
    }
    // A fifth from the same address: 429, whatever the global room.
    Client fifth = healthFrom(QStringLiteral("127.0.0.1"), server.port());
    QCOMPARE(fifth.status(), 429);
    QVERIFY(fifth.answer.contains("Retry-After: 1"));
    QVERIFY(fifth.answer.contains("\"code\":\"rate_limited\""));
    // Others still get in, up to the global cap; then 503.
    for (int i = 0; i < 2; ++i) {
        open.append(healthFrom(QStringLiteral("127.0.0.2"), server.port()));
        QCOMPARE(open.last().status(), 200);
    }
    Client full = healthFrom(QStringLiteral("127.0.0.3"), server.port());
    QCOMPARE(full.status(), 503);
    QVERIFY(full.answer.contains("\"code\":\"rate_limited\""));
    // A closed connection frees its place (once the server has seen it go).
    open.first().socket->disconnectFromHost();
    open.removeFirst();
    int status = 0;
    for (const QDeadlineTimer deadline(10000); !deadline.hasExpired() && status != 200;)
        status = healthFrom(QStringLiteral("127.0.0.1"), server.port()).status();
    QCOMPARE(status, 200);
}

void TestServerLimits::fileDescriptorLimit()
{
    // plaza-server with only 64 file descriptors: the connections that would not fit are
    // answered 503 instead of the server failing to accept (or spinning), and it still
    // answers once they are gone.
    QTemporaryDir data;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("prlimit"), {QStringLiteral("--nofile=64:64"), TestServer::executable(), QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                                              QStringLiteral("--data"), data.path(), QStringLiteral("--max-connections-per-ip"),
                                              QStringLiteral("1000")});
    QVERIFY(process.waitForStarted());
    static const QRegularExpression ready(QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
    QByteArray out;
    quint16 port = 0;
    for (const QDeadlineTimer deadline(20000); !deadline.hasExpired() && !port;) {
        process.waitForReadyRead(200);
        out += process.readAll();
        if (const auto m = ready.match(QString::fromUtf8(out)); m.hasMatch())
            port = quint16(m.captured(1).toUInt());
    }
    QVERIFY2(port, out.constData());
    QList<Client> clients;
    int ok = 0, busy = 0;
    for (int i = 0; i < 70; ++i) {
        clients.append(healthFrom(QStringLiteral("127.0.0.1"), port));
        ok += clients.last().status() == 200;
        busy += clients.last().status() == 503;
    }
    QVERIFY2(ok >= 30 && busy >= 1 && ok + busy == 70, qPrintable(QStringLiteral("%1 answered, %2 refused").arg(ok).arg(busy)));
    clients.clear();
    int status = 0;
    for (const QDeadlineTimer deadline(10000); !deadline.hasExpired() && status != 200;)
        status = healthFrom(QStringLiteral("127.0.0.1"), port).status();
    QCOMPARE(status, 200);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestServerLimits)

#include "tst_server_limits.moc"
