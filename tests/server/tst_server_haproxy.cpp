// SPDX-License-Identifier: MIT
// The sample HAProxy configuration (packaging/haproxy/plaza.cfg) over two plaza-server
// processes on one PostgreSQL database, run as shipped with ports of the test's own: HTTP
// requests are spread over both processes, a WebSocket held through HAProxy hears writes
// whichever process took them, and a process that dies stops getting requests (health
// checks on /v1/health, redispatch) until it is back. Needs PostgreSQL and haproxy (scripts/deps.sh --test):
// the plain entry skips, the _pg entry runs it.
#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace plaza::test;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString backendOf(const ApiReply &r)
{
    return QString::fromLatin1(r.header(QByteArrayLiteral("X-Plaza-Backend")));
}

} // namespace

class TestServerHaproxy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void requestsSpreadOverBoth();
    void socketHearsWritesOfBoth();
    void deadProcessIsLeftOut();
    void cleanupTestCase();

private:
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
    QProcess m_haproxy;
    QUrl m_front;
};

void TestServerHaproxy::initTestCase()
{
    if (!TestStorage::wantPostgres())
        QSKIP("two plaza-server processes share one PostgreSQL database; the _pg entry runs this");
    QString haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"));
    if (haproxy.isEmpty()) // /usr/sbin is not on every user's PATH
        haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    if (haproxy.isEmpty()) {
        if (qgetenv("PLAZA_REQUIRE_PG") == "1")
            QFAIL("haproxy is not installed (scripts/deps.sh --test)");
        QSKIP("haproxy is not installed (scripts/deps.sh --test)");
    }
    m_a = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_a);
    m_b = std::make_unique<TestServer>(QStringList{QStringLiteral("--storage"), m_a->storage()});
    PLAZA_VERIFY_START(*m_b);

    const quint16 port = freePort();
    QVERIFY(port != 0);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_HAPROXY_BIND"), QStringLiteral("127.0.0.1:%1").arg(port));
    env.insert(QStringLiteral("PLAZA_SERVER_A"), QStringLiteral("127.0.0.1:%1").arg(m_a->port()));
    env.insert(QStringLiteral("PLAZA_SERVER_B"), QStringLiteral("127.0.0.1:%1").arg(m_b->port()));
    m_haproxy.setProcessEnvironment(env);
    m_haproxy.setProcessChannelMode(QProcess::MergedChannels);
    // -db: in the foreground, not a daemon.
    m_haproxy.start(haproxy, {QStringLiteral("-db"), QStringLiteral("-f"), QStringLiteral(PLAZA_HAPROXY_CFG)});
    QVERIFY2(m_haproxy.waitForStarted(10000), qPrintable(m_haproxy.errorString()));
    m_front = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    ApiProbe api(m_front);
    const QDeadlineTimer deadline(20000);
    int status = 0;
    while (!deadline.hasExpired() && m_haproxy.state() == QProcess::Running) {
        status = api.get(QStringLiteral("/v1/health")).status;
        if (status == 200)
            break;
        QTest::qWait(100);
    }
    QVERIFY2(status == 200, m_haproxy.readAll().constData());
}

void TestServerHaproxy::requestsSpreadOverBoth()
{
    ApiProbe api(m_front);
    const TestAccount who = api.registerAccount(QStringLiteral("spread"));
    QVERIFY(!who.id.isEmpty());
    QMap<QString, int> served;
    for (int i = 0; i < 20; ++i) {
        const ApiReply r = api.get(i % 2 ? QStringLiteral("/v1/wallet") : QStringLiteral("/v1/health"), who.accessToken);
        QCOMPARE(r.status, 200);
        ++served[backendOf(r)];
    }
    QCOMPARE(served.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // Sequential requests on one kept-alive connection take turns.
    QVERIFY2(served.value(QStringLiteral("a")) >= 5 && served.value(QStringLiteral("b")) >= 5,
             qPrintable(QStringLiteral("a: %1, b: %2").arg(served.value(QStringLiteral("a"))).arg(served.value(QStringLiteral("b")))));
}

void TestServerHaproxy::socketHearsWritesOfBoth()
{
    ApiProbe api(m_front);
    const TestAccount star = api.registerAccount(QStringLiteral("star"));
    const TestAccount fan = api.registerAccount(QStringLiteral("fan"));
    QVERIFY(!star.id.isEmpty() && !fan.id.isEmpty());
    WsProbe ws(m_front);
    QVERIFY(ws.open(star.accessToken));
    const QJsonObject hello = ws.next();
    QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    qint64 seq = hello.value(QStringLiteral("seq")).toInteger();

    // The fan follows and unfollows on each process in turn (straight to it, so that each
    // surely takes writes): the socket is held through HAProxy by one of them, so half the
    // writes cross over (LISTEN/NOTIFY), and every one reaches it, in order, once.
    ApiProbe onA(m_a->url());
    ApiProbe onB(m_b->url());
    for (int i = 0; i < 6; ++i) {
        const bool follow = i % 2 == 0;
        ApiProbe &writer = (i / 2) % 2 ? onB : onA; // A follows and unfollows, then B, then A
        const QString path = QStringLiteral("/v1/users/%1/follow").arg(star.id);
        const ApiReply r = follow ? writer.post(path, {}, fan.accessToken) : writer.del(path, fan.accessToken);
        QCOMPARE(r.status, 204);
        const QJsonObject event = ws.next(10000);
        QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
        QCOMPARE(event.value(QStringLiteral("seq")).toInteger(), ++seq);
        QCOMPARE(event.value(QStringLiteral("data")).toObject().value(QStringLiteral("followers")).toInt(), follow ? 1 : 0);
    }
    // And through HAProxy, whichever process it picks.
    QCOMPARE(api.post(QStringLiteral("/v1/users/%1/follow").arg(star.id), {}, fan.accessToken).status, 204);
    QCOMPARE(ws.next(10000).value(QStringLiteral("seq")).toInteger(), ++seq);
    QVERIFY(ws.silentFor(300)); // each once
}

void TestServerHaproxy::deadProcessIsLeftOut()
{
    // HAProxy says when a health check changes a server's state (on stderr, in the foreground).
    QByteArray said;
    auto waitFor = [&](const QByteArray &line) {
        const QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && !said.contains(line)) {
            m_haproxy.waitForReadyRead(200);
            said += m_haproxy.readAll();
        }
        return said.contains(line);
    };
    m_b->kill();
    // Requests keep working at once (a refused connection is redispatched to A) …
    ApiProbe api(m_front);
    for (int i = 0; i < 4; ++i) {
        const ApiReply r = api.get(QStringLiteral("/v1/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(backendOf(r), QStringLiteral("a"));
    }
    // … and the checks of /v1/health find B down (2 failures, 2 s apart) …
    QVERIFY2(waitFor("plaza_servers/b is DOWN"), said.constData());
    // … and up again once it is back (on the same port).
    QVERIFY2(m_b->restart(), qPrintable(m_b->lastError()));
    QVERIFY2(waitFor("plaza_servers/b is UP"), said.constData());
    QSet<QString> served;
    for (int i = 0; i < 6; ++i) {
        const ApiReply r = api.get(QStringLiteral("/v1/health"));
        QCOMPARE(r.status, 200);
        served.insert(backendOf(r));
    }
    QCOMPARE(served.size(), 2);
}

void TestServerHaproxy::cleanupTestCase()
{
    if (m_haproxy.state() != QProcess::NotRunning) {
        m_haproxy.terminate();
        if (!m_haproxy.waitForFinished(5000))
            m_haproxy.kill();
        m_haproxy.waitForFinished(5000);
    }
}

QTEST_GUILESS_MAIN(TestServerHaproxy)
#include "tst_server_haproxy.moc"
