// SPDX-License-Identifier: MIT
// Password hashing off the event loop (server/workerpool.h): a login answers later, yet the
// answers on one keep-alive connection still go out in request order (HTTP/1.1 pipelining,
// the requests behind a pending login wait for it); the pool's queue is bounded, and a login
// over the bound is answered 503 with Retry-After at once. Raw sockets, real server.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

struct RawAnswer {
    int status = 0;
    QByteArray head;
    QJsonObject json;
};

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.isEmpty())
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

QByteArray login(const QString &handle, const QString &password)
{
    return request("POST", "/v1/auth/login",
                   QJsonDocument(QJsonObject{{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}})
                       .toJson(QJsonDocument::Compact));
}

//! Reads \a count answers (Content-Length framed) from \a socket, in the order they come.
QList<RawAnswer> readAnswers(QTcpSocket &socket, int count, int timeoutMs = 30000)
{
    QList<RawAnswer> answers;
    QByteArray buffer;
    const QDeadlineTimer deadline(timeoutMs);
    while (answers.size() < count && !deadline.hasExpired()) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = buffer.left(end);
            const qsizetype at = head.toLower().indexOf("content-length:");
            const qint64 length = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (buffer.size() >= end + 4 + length) {
                answers.append({head.mid(9, 3).toInt(), head, QJsonDocument::fromJson(buffer.mid(end + 4, length)).object()});
                buffer.remove(0, end + 4 + length);
                continue;
            }
        }
        if (!socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 500)))
            && socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
    }
    return answers;
}

} // namespace

class TestServerWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipelinedAnswersKeepTheirOrder();
    void registerAnswersLater();
    void fullQueueAnswers503();
    void clientGoneBeforeTheAnswer();
};

void TestServerWorkers::pipelinedAnswersKeepTheirOrder()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    QVERIFY(!api.registerAccount(QStringLiteral("pipeliner")).id.isEmpty());

    // Two logins (each hashing on the pool) with quick requests between and after them, in
    // one write: every answer must come in the order asked, the quick ones after the login
    // before them, the wrong password's 401 in its place.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(login(QStringLiteral("pipeliner"), kPassword) + request("GET", "/v1/health") + request("GET", "/v1/nowhere")
                 + login(QStringLiteral("pipeliner"), QStringLiteral("wrong password!")) + request("GET", "/v1/health"));
    const QList<RawAnswer> answers = readAnswers(socket, 5);
    QCOMPARE(answers.size(), 5);
    QCOMPARE(answers[0].status, 200);
    QVERIFY(!answers[0].json.value(QStringLiteral("access_token")).toString().isEmpty());
    QCOMPARE(answers[1].status, 200);
    QCOMPARE(answers[1].json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(answers[2].status, 404);
    QCOMPARE(answers[3].status, 401);
    QCOMPARE(answers[4].status, 200);
    QCOMPARE(answers[4].json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    // The connection is still good for more, and a token from the first login works.
    socket.write(request("GET", "/v1/health"));
    QCOMPARE(readAnswers(socket, 1).value(0).status, 200);
    QCOMPARE(api.get(QStringLiteral("/v1/me"), answers[0].json.value(QStringLiteral("access_token")).toString()).status, 200);
}

void TestServerWorkers::registerAnswersLater()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    // Register hashes on the pool too; pipelined registrations of the same handle: the
    // first wins, the second is a conflict, in that order.
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("handle"), QStringLiteral("twice")},
                                                      {QStringLiteral("display_name"), QStringLiteral("Twice")},
                                                      {QStringLiteral("password"), kPassword}})
                                .toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(request("POST", "/v1/auth/register", body) + request("POST", "/v1/auth/register", body));
    const QList<RawAnswer> answers = readAnswers(socket, 2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].status, 201);
    QCOMPARE(answers[1].status, 409);
    ApiProbe api(server.url());
    QCOMPARE(api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("twice")},
                                                         {QStringLiteral("password"), kPassword}})
                 .status,
             200);
}

void TestServerWorkers::fullQueueAnswers503()
{
    // One hashing thread and room for one hash: logins sent at once on eight connections
    // find the pool full (a hash takes tens of ms, the eight requests arrive within one) and
    // are refused at once with 503, Retry-After and rate_limited; at least the first passes.
    TestServer server({QStringLiteral("--hash-threads"), QStringLiteral("1"), QStringLiteral("--hash-queue"), QStringLiteral("1")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    QVERIFY(!api.registerAccount(QStringLiteral("crowded")).id.isEmpty());

    constexpr int kClients = 8;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < kClients; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(sockets.back()->waitForConnected(5000));
    }
    for (auto &socket : sockets) {
        socket->write(login(QStringLiteral("crowded"), kPassword));
        QVERIFY(socket->waitForBytesWritten(5000));
    }
    int ok = 0, busy = 0;
    for (auto &socket : sockets) {
        const QList<RawAnswer> answers = readAnswers(*socket, 1);
        QCOMPARE(answers.size(), 1);
        const RawAnswer &a = answers.first();
        if (a.status == 200) {
            ++ok;
            continue;
        }
        QCOMPARE(a.status, 503);
        QVERIFY2(a.head.contains("\r\nRetry-After: 1"), a.head.constData());
        const QJsonObject error = a.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
        QCOMPARE(error.value(QStringLiteral("details")).toObject().value(QStringLiteral("retry_after")).toInt(), 1);
        ++busy;
    }
    QVERIFY2(ok >= 1 && busy >= 1, qPrintable(QStringLiteral("%1 passed, %2 refused").arg(ok).arg(busy)));

    // Once the pool is free again, logins pass.
    QCOMPARE(api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("crowded")},
                                                         {QStringLiteral("password"), kPassword}})
                 .status,
             200);
}

void TestServerWorkers::clientGoneBeforeTheAnswer()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    QVERIFY(!api.registerAccount(QStringLiteral("impatient")).id.isEmpty());
    // Logins whose clients hang up while the hash runs (with more pipelined behind them):
    // the answers have nowhere to go and are dropped; the server carries on. (Each on its
    // own account: attempts in flight count against their handle until they succeed.)
    for (int i = 0; i < 4; ++i) {
        const QString handle = QStringLiteral("gone_%1").arg(i);
        QVERIFY(!api.registerAccount(handle).id.isEmpty());
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(login(handle, kPassword) + request("GET", "/v1/health"));
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    const QList<ApiReply> replies = api.sendConcurrently(
        {ApiRequest{"GET", QStringLiteral("/v1/health"), {}, {}, {}},
         ApiRequest{"POST", QStringLiteral("/v1/auth/login"),
                    QJsonDocument(QJsonObject{{QStringLiteral("handle"), QStringLiteral("impatient")},
                                              {QStringLiteral("password"), kPassword}})
                        .toJson(QJsonDocument::Compact),
                    {}, {{"Content-Type", "application/json"}}}});
    QCOMPARE(replies.value(0).status, 200);
    QCOMPARE(replies.value(1).status, 200);
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestServerWorkers)
#include "tst_server_workers.moc"
