// SPDX-License-Identifier: MIT
// plaza-server as a whole: health, the error envelope on every kind of bad request,
// the test clock, --demo, TLS and a clean stop.

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza::test;

class TestServerBasics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void health();
    void unknownRouteAndMethod();
    void malformedBodies();
    void wrongTypes();
    void bodyTooLarge();
    void hugeRequestsAreCutOff();
    void testClockNeedsFlag();
    void testClockAdvancesServerTime();
    void demoSeedsOnce();
    void tls();
    void stopsCleanlyOnSigterm();
    void commandLine();

private:
    std::unique_ptr<TestServer> m_server;
};

void TestServerBasics::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    QCOMPARE(m_server->url().scheme(), QStringLiteral("http"));
    QVERIFY(m_server->port() != 0);
}

void TestServerBasics::health()
{
    ApiProbe api(m_server->url());
    const ApiReply r = api.get(QStringLiteral("/v1/health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(!r.json.value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
}

void TestServerBasics::unknownRouteAndMethod()
{
    ApiProbe api(m_server->url());
    for (const QString &path : {QStringLiteral("/v1/nothing"), QStringLiteral("/"), QStringLiteral("/v1/health/"),
                                QStringLiteral("/v2/health"), QStringLiteral("/v1/users/u_1/nothing")}) {
        const ApiReply r = api.get(path);
        QCOMPARE(r.status, 404);
        QVERIFY2(r.isEnvelope(), r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
    const ApiReply wrongMethod = api.send(QByteArrayLiteral("DELETE"), QStringLiteral("/v1/health"), {});
    QCOMPARE(wrongMethod.status, 405);
    QVERIFY(wrongMethod.isEnvelope());
    QCOMPARE(wrongMethod.header("Allow"), QByteArrayLiteral("GET"));

    // /v1/ws without an upgrade is a client mistake, said in the envelope too.
    const ApiReply plainWs = api.get(QStringLiteral("/v1/ws"));
    QCOMPARE(plainWs.status, 400);
    QVERIFY(plainWs.isEnvelope());
    QCOMPARE(plainWs.errorField(), QStringLiteral("upgrade"));

    const ApiReply getLogin = api.get(QStringLiteral("/v1/auth/login"));
    QCOMPARE(getLogin.status, 405);
    QCOMPARE(getLogin.header("Allow"), QByteArrayLiteral("POST"));
    QVERIFY(getLogin.isEnvelope());
}

void TestServerBasics::malformedBodies()
{
    ApiProbe api(m_server->url());
    const QList<QByteArray> bodies{
        QByteArrayLiteral("{\"handle\": \"amelie\""), // cut short
        QByteArrayLiteral("not json at all"),
        QByteArray(),
        QByteArrayLiteral("[\"handle\", \"amelie\"]"), // JSON, but not an object
        QByteArrayLiteral("\"just a string\""),
        QByteArrayLiteral("42"),
    };
    for (const QByteArray &body : bodies) {
        const ApiReply r = api.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/auth/login"), body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.isEnvelope(), r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    }
}

void TestServerBasics::wrongTypes()
{
    ApiProbe api(m_server->url());
    // A number where a string belongs, a string where a number belongs: named, never coerced.
    ApiReply r = api.post(QStringLiteral("/v1/auth/login"),
                          {{QStringLiteral("handle"), 12345}, {QStringLiteral("password"), QStringLiteral("whatever1")}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(r.errorField(), QStringLiteral("handle"));

    r = api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("amelie")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("password"));

    TestServer clocked({QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(clocked);
    ApiProbe clockApi(clocked.url());
    r = clockApi.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), QStringLiteral("60")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(r.errorField(), QStringLiteral("advance_s"));
    r = clockApi.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 1.5}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("advance_s"));
    r = clockApi.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), -5}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("advance_s"));
}

void TestServerBasics::bodyTooLarge()
{
    ApiProbe api(m_server->url());
    // Valid JSON, just too big: the size is refused before anything reads it.
    QByteArray big = "{\"handle\":\"amelie\",\"password\":\"" + QByteArray(64 * 1024, 'x') + "\"}";
    ApiReply r = api.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/auth/login"), big);
    QCOMPARE(r.status, 413);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));

    // Exactly at the limit is fine (it then fails for ordinary reasons).
    QByteArray atLimit = "{\"handle\":\"amelie\",\"password\":\"";
    atLimit += QByteArray(64 * 1024 - atLimit.size() - 2, 'x') + "\"}";
    QCOMPARE(atLimit.size(), 64 * 1024);
    r = api.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/auth/login"), atLimit);
    QCOMPARE(r.status, 401);
}

void TestServerBasics::hugeRequestsAreCutOff()
{
    // Beyond 1 MiB announced, or 16 KiB of headers, the server answers before the rest
    // arrives and hangs up: nothing that large is ever buffered.
    const QList<QByteArray> heads{
        "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"a\":\""
            + QByteArray(1024, 'x'),
        "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(20 * 1024, 'y'),
    };
    for (const QByteArray &head : heads) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(head);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState), 5000);
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(100).constData());
        QVERIFY(answer.contains("\"payload_too_large\""));
    }
    // The server is fine afterwards.
    ApiProbe api(m_server->url());
    QCOMPARE(api.get(QStringLiteral("/v1/health")).status, 200);
}

void TestServerBasics::testClockNeedsFlag()
{
    ApiProbe api(m_server->url());
    ApiReply r = api.get(QStringLiteral("/v1/test/clock"));
    QCOMPARE(r.status, 404);
    QVERIFY(r.isEnvelope());
    r = api.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 60}});
    QCOMPARE(r.status, 404);
    QVERIFY(r.isEnvelope());
}

void TestServerBasics::testClockAdvancesServerTime()
{
    TestServer server({QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"), QStringLiteral("600")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());

    ApiReply r = api.get(QStringLiteral("/v1/test/clock"));
    QCOMPARE(r.status, 200);
    const QDateTime before = QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs);
    QVERIFY(before.isValid());
    QVERIFY(qAbs(before.secsTo(QDateTime::currentDateTimeUtc())) < 60);

    const TestAccount me = api.registerAccount(QStringLiteral("clockwatcher"));
    QVERIFY(!me.accessToken.isEmpty());
    QCOMPARE(api.get(QStringLiteral("/v1/me"), me.accessToken).status, 200);

    r = api.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 3600}});
    QCOMPARE(r.status, 200);
    const QDateTime after = QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs);
    QVERIFY(before.secsTo(after) >= 3600);
    QVERIFY(before.secsTo(after) < 3660);

    // The whole server reads this clock: the 600 s access token has now expired.
    r = api.get(QStringLiteral("/v1/me"), me.accessToken);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
}

void TestServerBasics::demoSeedsOnce()
{
    TestServer server({QStringLiteral("--demo")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const auto login = [&api] {
        return api.post(QStringLiteral("/v1/auth/login"),
                        {{QStringLiteral("handle"), QStringLiteral("amelie")},
                         {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    };
    ApiReply r = login();
    QCOMPARE(r.status, 200);
    const QString token = r.json.value(QStringLiteral("access_token")).toString();
    const QJsonObject amelie = r.json.value(QStringLiteral("user")).toObject();
    QCOMPARE(amelie.value(QStringLiteral("display_name")).toString(), QStringLiteral("Amélie Laurent"));
    QVERIFY(amelie.value(QStringLiteral("following")).toInt() >= 3);

    r = api.get(QStringLiteral("/v1/users?query=caf"), token);
    QCOMPARE(r.status, 200);
    const QJsonArray found = r.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(found.size(), 1);
    const QJsonObject cafe = found.at(0).toObject();
    QCOMPARE(cafe.value(QStringLiteral("handle")).toString(), QStringLiteral("cafe_lumiere"));
    QCOMPARE(cafe.value(QStringLiteral("display_name")).toString(), QStringLiteral("Café Lumière"));
    QCOMPARE(cafe.value(QStringLiteral("kind")).toString(), QStringLiteral("merchant"));
    QCOMPARE(cafe.value(QStringLiteral("verified")).toBool(), true);

    for (const char *handle : {"bruno", "chloe", "david", "emma", "farid"}) {
        r = api.get(QStringLiteral("/v1/users?query=%1").arg(QLatin1String(handle)), token);
        QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 1);
    }
    r = api.get(QStringLiteral("/v1/conversations"), token);
    QCOMPARE(r.status, 200);
    const qsizetype conversations = r.json.value(QStringLiteral("items")).toArray().size();
    QVERIFY(conversations >= 2);
    r = api.get(QStringLiteral("/v1/sync?since=0&limit=1000"), token);
    QCOMPARE(r.status, 200);
    const QJsonArray eventsBefore = r.json.value(QStringLiteral("events")).toArray();
    QVERIFY(!eventsBefore.isEmpty());

    // A second start with --demo on the same data changes nothing.
    QVERIFY(server.stop());
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    ApiProbe again(server.url());
    r = again.get(QStringLiteral("/v1/me"), token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, amelie);
    r = again.get(QStringLiteral("/v1/conversations"), token);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), conversations);
    r = again.get(QStringLiteral("/v1/sync?since=0&limit=1000"), token);
    QCOMPARE(r.json.value(QStringLiteral("events")).toArray(), eventsBefore);
    r = again.get(QStringLiteral("/v1/users?query=amelie"), token);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 1);
}

void TestServerBasics::tls()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY2(openssl.waitForFinished(30000), "openssl did not finish");
    QVERIFY2(openssl.exitCode() == 0, openssl.readAll().constData());

    TestServer server({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
    PLAZA_VERIFY_START(server);
    QCOMPARE(server.url().scheme(), QStringLiteral("https"));

    // A client that does not trust the certificate gets no answer: TLS errors are errors.
    ApiProbe untrusting(server.url());
    ApiReply r = untrusting.get(QStringLiteral("/v1/health"));
    QCOMPARE(r.status, 0);
    QVERIFY(!r.networkError.isEmpty());

    QFile certFile(cert);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates(QSslCertificate::fromData(certFile.readAll(), QSsl::Pem));
    ApiProbe api(server.url());
    api.setSslConfiguration(trusting);
    r = api.get(QStringLiteral("/v1/health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    const TestAccount me = api.registerAccount(QStringLiteral("tls_user"));
    QVERIFY(!me.accessToken.isEmpty());
    WsProbe ws(server.url());
    ws.setSslConfiguration(trusting);
    QVERIFY(ws.open(me.accessToken));
    const QJsonObject hello = ws.next();
    QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
}

void TestServerBasics::stopsCleanlyOnSigterm()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    QVERIFY(server.stop()); // SIGTERM, and a normal exit
    QVERIFY(server.output().contains("plaza-server listening on http://127.0.0.1:"));
}

void TestServerBasics::commandLine()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    // IPv6 addresses are printed in brackets; fall back to IPv4 on a machine without ::1.
    const bool ipv6 = QTcpServer().listen(QHostAddress::LocalHostIPv6, 0);
    const QString address = ipv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1");
    const QByteArray expected = ipv6 ? "plaza-server listening on http://[::1]:" : "plaza-server listening on http://127.0.0.1:";

    // stdout carries exactly one line, the ready line; logs go to stderr.
    QProcess server;
    server.start(TestServer::executable(), {QStringLiteral("--listen"), address, QStringLiteral("--port"),
                                            QStringLiteral("0"), QStringLiteral("--data"), data.path()});
    QVERIFY(server.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine() || server.state() == QProcess::NotRunning, 10000);
    const QByteArray line = server.readLine();
    QVERIFY2(line.startsWith(expected), line.constData());
    const QUrl url(QString::fromUtf8(line.mid(line.indexOf("http")).trimmed()));
    QVERIFY(url.port() > 0);
    ApiProbe api(url);
    QCOMPARE(api.get(QStringLiteral("/v1/health")).status, 200);
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    QCOMPARE(server.readAllStandardOutput(), QByteArray());

    // Bad options: a message on stderr, exit code 1, nothing on stdout.
    const QList<QStringList> bad{
        {QStringLiteral("--port"), QStringLiteral("70000")},
        {QStringLiteral("--port"), QStringLiteral("abc")},
        {QStringLiteral("--listen"), QStringLiteral("not-an-address")},
        {QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem")},
        {QStringLiteral("--access-ttl"), QStringLiteral("0")},
        {QStringLiteral("--keep-events"), QStringLiteral("-1")},
        {QStringLiteral("--no-such-option")},
        {QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem"), QStringLiteral("--tls-key"),
         QStringLiteral("/nonexistent.key")},
    };
    for (const QStringList &args : bad) {
        QProcess p;
        p.start(TestServer::executable(), QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data"),
                                                      data.path()} + args);
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(p.exitCode() == 1, qPrintable(args.join(u' ')));
        QCOMPARE(p.readAllStandardOutput(), QByteArray());
        QVERIFY(p.readAllStandardError().startsWith("plaza-server: "));
    }
    QProcess help;
    help.start(TestServer::executable(), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    QCOMPARE(help.exitCode(), 0);
    QVERIFY(help.readAllStandardOutput().contains("--test-clock"));
}

QTEST_GUILESS_MAIN(TestServerBasics)
#include "tst_server_basics.moc"
