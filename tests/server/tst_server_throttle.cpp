// SPDX-License-Identifier: MIT
// The login throttle against the real server (server/loginthrottle.h, docs/api.md "Login
// throttle"): exponential delays per address and per handle (unknown handles too), a known
// device exempt so that the owner is never locked out, and a fresh start after a success.
// Each test signs in from its own loopback address (127.0.0.x) on raw sockets, so that the
// per-address count is its own; time moves with the server's test clock, never a sleep.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

struct Answer {
    int status = 0;
    QByteArray head;
    QJsonObject json;
    [[nodiscard]] QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
    [[nodiscard]] QJsonObject details() const { return error().value(QStringLiteral("details")).toObject(); }
    [[nodiscard]] int retryAfterHeader() const
    {
        const qsizetype at = head.toLower().indexOf("\r\nretry-after:");
        return at < 0 ? -1 : head.mid(at + 14, head.indexOf('\r', at + 2) - at - 14).trimmed().toInt();
    }
};

//! POST /v1/auth/login from \a from (a 127.x address) on a fresh connection.
Answer loginFrom(const QString &from, quint16 port, const QString &handle, const QString &password,
                 const QString &deviceToken = {})
{
    QJsonObject body{{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}};
    if (!deviceToken.isEmpty())
        body.insert(QStringLiteral("device_token"), deviceToken);
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    Answer a;
    QTcpSocket socket;
    if (!socket.bind(QHostAddress(from)))
        return a;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return a;
    socket.write("POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                 + QByteArray::number(json.size()) + "\r\n\r\n" + json);
    QByteArray buffer;
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = buffer.left(end);
            const qsizetype at = head.toLower().indexOf("content-length:");
            const qint64 length = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (buffer.size() >= end + 4 + length) {
                a.status = head.mid(9, 3).toInt();
                a.head = head;
                a.json = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
                return a;
            }
        }
        if (!socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 500)))
            && socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
    }
    return a;
}

//! Checks a 429 from the throttle: Retry-After header and details agree with \a seconds, and
//! the key that refused it is \a scope.
void verifyThrottled(const Answer &a, int seconds, const QString &scope)
{
    QCOMPARE(a.status, 429);
    QCOMPARE(a.error().value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(a.details().value(QStringLiteral("reason")).toString(), QStringLiteral("login_attempts"));
    QCOMPARE(a.details().value(QStringLiteral("scope")).toString(), scope);
    QCOMPARE(a.details().value(QStringLiteral("retry_after")).toInt(), seconds);
    QCOMPARE(a.retryAfterHeader(), seconds);
}

} // namespace

class TestServerThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownHandleThrottled();
    void perAddressAcrossHandles();
    void knownDeviceSignsInDuringAttack();
    void delaysResetAfterSuccess();
    void deviceTokens();
    void burstCannotOutrunTheCount();

private:
    void advance(int seconds);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
};

void TestServerThrottle::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

void TestServerThrottle::advance(int seconds)
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}}).status, 200);
}

void TestServerThrottle::unknownHandleThrottled()
{
    const QString ip = QStringLiteral("127.0.0.11");
    const quint16 port = m_server->port();
    const QString nobody = QStringLiteral("nobody_at_all");
    // Three free failures and a fourth that starts the delay: all plain 401s.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(loginFrom(ip, port, nobody, QStringLiteral("guess %1").arg(i)).status, 401);
    // Then 1 s, 2 s, 4 s: each try, let through when its wait is over, doubles the next.
    for (const int wait : {1, 2, 4}) {
        verifyThrottled(loginFrom(ip, port, nobody, QStringLiteral("too soon")), wait, QStringLiteral("handle"));
        // Another address trying the same unknown handle waits just the same.
        verifyThrottled(loginFrom(QStringLiteral("127.0.0.12"), port, nobody, QStringLiteral("too soon")), wait,
                        QStringLiteral("handle"));
        advance(wait);
        QCOMPARE(loginFrom(ip, port, nobody, QStringLiteral("on time")).status, 401);
    }
    verifyThrottled(loginFrom(ip, port, nobody, QStringLiteral("too soon")), 8, QStringLiteral("handle"));
    // Never more than a minute, however many failures.
    for (int i = 0; i < 8; ++i) {
        advance(60);
        QCOMPARE(loginFrom(ip, port, nobody, QStringLiteral("patient %1").arg(i)).status, 401);
    }
    verifyThrottled(loginFrom(ip, port, nobody, QStringLiteral("too soon")), 60, QStringLiteral("handle"));
    // Fifteen quiet minutes and the handle starts over.
    advance(15 * 60);
    QCOMPARE(loginFrom(ip, port, nobody, QStringLiteral("much later")).status, 401);
    QCOMPARE(loginFrom(ip, port, nobody, QStringLiteral("much later 2")).status, 401);
}

void TestServerThrottle::perAddressAcrossHandles()
{
    const QString ip = QStringLiteral("127.0.0.21");
    const quint16 port = m_server->port();
    // One failure each on eleven handles: no handle is held, but the address is after ten
    // free failures and the eleventh.
    for (int i = 0; i < 11; ++i)
        QCOMPARE(loginFrom(ip, port, QStringLiteral("spray_%1").arg(i), QStringLiteral("guess")).status, 401);
    verifyThrottled(loginFrom(ip, port, QStringLiteral("spray_11"), QStringLiteral("guess")), 1, QStringLiteral("ip"));
    // Known or unknown handle, right password or not: the address waits.
    QVERIFY(!m_api->registerAccount(QStringLiteral("sprayed")).id.isEmpty());
    verifyThrottled(loginFrom(ip, port, QStringLiteral("sprayed"), kPassword), 1, QStringLiteral("ip"));
    // Another address is not held.
    QCOMPARE(loginFrom(QStringLiteral("127.0.0.22"), port, QStringLiteral("spray_11"), QStringLiteral("guess")).status, 401);
    QCOMPARE(loginFrom(QStringLiteral("127.0.0.22"), port, QStringLiteral("sprayed"), kPassword).status, 200);
    // A success from the address does not wipe its count of guesses at others.
    advance(1);
    QCOMPARE(loginFrom(ip, port, QStringLiteral("sprayed"), kPassword).status, 200);
    QCOMPARE(loginFrom(ip, port, QStringLiteral("spray_12"), QStringLiteral("guess")).status, 401);
    verifyThrottled(loginFrom(ip, port, QStringLiteral("spray_13"), QStringLiteral("guess")), 2, QStringLiteral("ip"));
    advance(15 * 60);
}

void TestServerThrottle::knownDeviceSignsInDuringAttack()
{
    const quint16 port = m_server->port();
    const QString attacker = QStringLiteral("127.0.0.31");
    // The owner registered on their laptop: it got a device token.
    const ApiReply registered = m_api->post(QStringLiteral("/v1/auth/register"),
                                            {{QStringLiteral("handle"), QStringLiteral("owner")},
                                             {QStringLiteral("display_name"), QStringLiteral("Owner")},
                                             {QStringLiteral("password"), kPassword}});
    QCOMPARE(registered.status, 201);
    const QString device = registered.json.value(QStringLiteral("device_token")).toString();
    QCOMPARE(device.size(), 43);

    // Someone guesses at the handle until it is held, from several addresses.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(loginFrom(attacker, port, QStringLiteral("owner"), QStringLiteral("guess %1").arg(i)).status, 401);
    verifyThrottled(loginFrom(QStringLiteral("127.0.0.32"), port, QStringLiteral("owner"), kPassword), 1, QStringLiteral("handle"));
    for (int i = 0; i < 5; ++i) {
        advance(60);
        QCOMPARE(loginFrom(attacker, port, QStringLiteral("owner"), QStringLiteral("more %1").arg(i)).status, 401);
    }
    // The handle is held for everyone without the device token, the right password too …
    verifyThrottled(loginFrom(QStringLiteral("127.0.0.33"), port, QStringLiteral("owner"), kPassword), 32, QStringLiteral("handle"));
    // … and a token of another user's device does not help.
    const ApiReply other = m_api->post(QStringLiteral("/v1/auth/register"),
                                       {{QStringLiteral("handle"), QStringLiteral("someone_else")},
                                        {QStringLiteral("display_name"), QStringLiteral("Someone")},
                                        {QStringLiteral("password"), kPassword}});
    verifyThrottled(loginFrom(attacker, port, QStringLiteral("owner"), kPassword,
                              other.json.value(QStringLiteral("device_token")).toString()),
                    32, QStringLiteral("handle"));
    // The owner's laptop signs in at once, even from the attacker's address; its token stays.
    const Answer owner = loginFrom(attacker, port, QStringLiteral("owner"), kPassword, device);
    QCOMPARE(owner.status, 200);
    QCOMPARE(owner.json.value(QStringLiteral("device_token")).toString(), device);
    // A typo on the laptop is counted for the laptop only: the attack's count is untouched.
    QCOMPARE(loginFrom(attacker, port, QStringLiteral("owner"), QStringLiteral("typo"), device).status, 401);
    QCOMPARE(loginFrom(attacker, port, QStringLiteral("owner"), kPassword, device).status, 200);
    // The laptop has its own limit: a stolen device token does not make guessing free.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(loginFrom(attacker, port, QStringLiteral("owner"), QStringLiteral("thief %1").arg(i), device).status, 401);
    verifyThrottled(loginFrom(attacker, port, QStringLiteral("owner"), kPassword, device), 1, QStringLiteral("device"));
    advance(15 * 60);
}

void TestServerThrottle::delaysResetAfterSuccess()
{
    const QString ip = QStringLiteral("127.0.0.41");
    const quint16 port = m_server->port();
    QVERIFY(!m_api->registerAccount(QStringLiteral("forgetful")).id.isEmpty());
    for (int i = 0; i < 5; ++i) {
        if (i == 4)
            advance(1);
        QCOMPARE(loginFrom(ip, port, QStringLiteral("forgetful"), QStringLiteral("almost %1").arg(i)).status, 401);
    }
    verifyThrottled(loginFrom(ip, port, QStringLiteral("forgetful"), kPassword), 2, QStringLiteral("handle"));
    advance(2);
    // The right password, once allowed, clears the handle's delays …
    QCOMPARE(loginFrom(ip, port, QStringLiteral("forgetful"), kPassword).status, 200);
    // … so the next typos are free again (three, then the fourth starts a 1 s delay).
    for (int i = 0; i < 4; ++i)
        QCOMPARE(loginFrom(ip, port, QStringLiteral("forgetful"), QStringLiteral("typo %1").arg(i)).status, 401);
    verifyThrottled(loginFrom(ip, port, QStringLiteral("forgetful"), kPassword), 1, QStringLiteral("handle"));
    advance(15 * 60);
}

void TestServerThrottle::deviceTokens()
{
    const quint16 port = m_server->port();
    const QString ip = QStringLiteral("127.0.0.51");
    QVERIFY(!m_api->registerAccount(QStringLiteral("traveller")).id.isEmpty());
    // A sign-in without a token gets a new one each time; with one, the same one back.
    const Answer first = loginFrom(ip, port, QStringLiteral("traveller"), kPassword);
    QCOMPARE(first.status, 200);
    const QString token = first.json.value(QStringLiteral("device_token")).toString();
    QCOMPARE(token.size(), 43);
    const Answer second = loginFrom(ip, port, QStringLiteral("traveller"), kPassword);
    QVERIFY(second.json.value(QStringLiteral("device_token")).toString() != token);
    QCOMPARE(loginFrom(ip, port, QStringLiteral("traveller"), kPassword, token).json.value(QStringLiteral("device_token")).toString(),
             token);
    // An unknown or malformed token is no error: just not a known device.
    const Answer bogus = loginFrom(ip, port, QStringLiteral("traveller"), kPassword, QStringLiteral("not-a-token"));
    QCOMPARE(bogus.status, 200);
    QVERIFY(bogus.json.value(QStringLiteral("device_token")).toString() != QStringLiteral("not-a-token"));
    // The wrong type is a validation error, before any password check.
    const ApiReply wrongType = m_api->post(QStringLiteral("/v1/auth/login"),
                                           {{QStringLiteral("handle"), QStringLiteral("traveller")},
                                            {QStringLiteral("password"), kPassword},
                                            {QStringLiteral("device_token"), 42}});
    QCOMPARE(wrongType.status, 400);
    QCOMPARE(wrongType.errorField(), QStringLiteral("device_token"));
}

void TestServerThrottle::burstCannotOutrunTheCount()
{
    // Twelve guesses at one handle sent at once (each on its own connection, from its own
    // address): the checks run concurrently, yet no more get through than the handle's free
    // failures and the one after them; the rest wait like any other.
    const quint16 port = m_server->port();
    constexpr int kBurst = 12;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("handle"), QStringLiteral("burst_target")},
                                                      {QStringLiteral("password"), QStringLiteral("guess")}})
                                .toJson(QJsonDocument::Compact);
    for (int i = 0; i < kBurst; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QVERIFY(socket->bind(QHostAddress(QStringLiteral("127.0.1.%1").arg(i + 1))));
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(socket->waitForConnected(5000));
        sockets.push_back(std::move(socket));
    }
    for (auto &socket : sockets) {
        socket->write("POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket->waitForBytesWritten(5000));
    }
    int unauthorized = 0, throttled = 0;
    for (auto &socket : sockets) {
        QByteArray answer;
        const QDeadlineTimer deadline(30000);
        while (!answer.contains("}}") && !deadline.hasExpired()) {
            if (!socket->waitForReadyRead(500) && socket->state() != QAbstractSocket::ConnectedState)
                break;
            answer += socket->readAll();
        }
        answer += socket->readAll();
        if (answer.startsWith("HTTP/1.1 401"))
            ++unauthorized;
        else if (answer.startsWith("HTTP/1.1 429") && answer.contains("\"scope\":\"handle\""))
            ++throttled;
    }
    QVERIFY2(unauthorized >= 1 && unauthorized <= 4 && unauthorized + throttled == kBurst,
             qPrintable(QStringLiteral("%1 × 401, %2 × 429").arg(unauthorized).arg(throttled)));
    advance(15 * 60);
}

QTEST_GUILESS_MAIN(TestServerThrottle)
#include "tst_server_throttle.moc"
