// SPDX-License-Identifier: MIT
// ApiClient against the real plaza-server on loopback (and, for the failures a healthy
// server never produces, against a bare TCP listener).
#include "common/testserver.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "rawhttppeer.h"
#include "selfsignedcert.h"
#include "common/waittask.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace plaza;
using namespace std::chrono_literals;
using plaza::net::ApiClient;
using plaza::net::RequestOptions;

namespace {

QString uniqueHandle()
{
    static int counter = 0;
    return QStringLiteral("user_%1_%2").arg(QCoreApplication::applicationPid() % 10000).arg(++counter);
}

RequestOptions anonymous()
{
    RequestOptions o;
    o.authenticated = false;
    return o;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::TestServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<test::TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    }

    void registerAndLoginGiveTokensAndUser()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QSignalSpy tokens(&api, &ApiClient::tokensChanged);
        const QString handle = uniqueHandle();

        auto registered = test::waitTask(api.registerAccount(handle, QStringLiteral("Zoé Ünicode"),
                                                             QStringLiteral("correct horse")));
        QVERIFY2(registered.ok(), qPrintable(registered.ok() ? QString() : registered.error().message));
        QCOMPARE(registered->user.handle, handle);
        QCOMPARE(registered->user.displayName, QStringLiteral("Zoé Ünicode"));
        QVERIFY(!registered->user.id.isEmpty());
        QVERIFY(!registered->accessToken.isEmpty());
        QVERIFY(!registered->refreshToken.isEmpty());
        QVERIFY(registered->expiresIn > 0);
        QCOMPARE(tokens.count(), 1);
        QCOMPARE(api.accessToken(), registered->accessToken);

        ApiClient other;
        other.setBaseUrl(m_server->url());
        auto loggedIn = test::waitTask(other.login(handle, QStringLiteral("correct horse")));
        QVERIFY(loggedIn.ok());
        QCOMPARE(loggedIn->user.id, registered->user.id);
        QVERIFY(other.hasTokens());

        auto me = test::waitTask(other.get(QStringLiteral("/v1/me")));
        QVERIFY(me.ok());
        QCOMPARE(me->status, 200);
        auto user = protocol::User::fromJson(me->body);
        QVERIFY(user.ok());
        QCOMPARE(user->handle, handle);
    }

    void idsInPathsStayInTheirSegment()
    {
        // An id with a slash, a dot-dot or a query in it names nothing but itself: the client
        // encodes it (protocol::endpoints), the server splits before decoding, and the answer is
        // 404 for that id, never another resource.
        ApiClient api;
        api.setBaseUrl(m_server->url());
        auto me = test::waitTask(api.registerAccount(uniqueHandle(), QStringLiteral("Segments"), QStringLiteral("correct horse")));
        QVERIFY(me.ok());
        const QString self = me->user.id;
        QVERIFY(test::waitTask(api.get(protocol::endpoints::user(self))).ok()); // the control: this one exists
        for (const QString &path : {protocol::endpoints::user(self + QStringLiteral("/posts")),
                                    protocol::endpoints::user(QStringLiteral("../users/") + self),
                                    protocol::endpoints::user(self + QStringLiteral("?x=1")),
                                    protocol::endpoints::post(QStringLiteral("p_1/replies")),
                                    protocol::endpoints::conversationMessages(QStringLiteral("../../wallet"))}) {
            auto reply = test::waitTask(api.get(path));
            QVERIFY2(!reply.ok(), qPrintable(path));
            QCOMPARE(reply.error().code, ErrorCode::NotFound);
        }
    }

    void badRegistrationIsValidationFailedWithField()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QSignalSpy tokens(&api, &ApiClient::tokensChanged);
        auto result = test::waitTask(api.registerAccount(QStringLiteral("No Spaces!"), QStringLiteral("X"),
                                                         QStringLiteral("long enough")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(result.error().field(), QStringLiteral("handle"));
        QCOMPARE(result.error().httpStatus, 400);
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(tokens.count(), 0);
        QVERIFY(!api.hasTokens());
    }

    void wrongPasswordIsUnauthorized()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        const QString handle = uniqueHandle();
        QVERIFY(test::waitTask(api.registerAccount(handle, QStringLiteral("A"), QStringLiteral("right password"))).ok());

        ApiClient other;
        other.setBaseUrl(m_server->url());
        QSignalSpy expired(&other, &ApiClient::sessionExpired);
        auto result = test::waitTask(other.login(handle, QStringLiteral("wrong password")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Unauthorized);
        QCOMPARE(result.error().httpStatus, 401);
        QVERIFY(!other.hasTokens());
        QCOMPARE(expired.count(), 0); // a failed sign-in is not an expired session
    }

    void expiredAccessTokenIsRefreshedOnceTransparently()
    {
        // Tokens live a minute of the server's test clock, which the test moves past it.
        test::TestServer server({QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"), QStringLiteral("60")});
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        ApiClient api;
        api.setBaseUrl(server.url());
        auto registered = test::waitTask(api.registerAccount(uniqueHandle(), QStringLiteral("A"),
                                                             QStringLiteral("password 1")));
        QVERIFY(registered.ok());
        const QString oldAccess = api.accessToken();
        const QString oldRefresh = api.refreshToken();
        QSignalSpy tokens(&api, &ApiClient::tokensChanged);
        QSignalSpy expired(&api, &ApiClient::sessionExpired);

        // Let the access token expire (the test clock, not a pause), then fire several
        // requests at once: they all meet a 401 and must share a single refresh, since the
        // server rotates the refresh token and a second exchange would be refused.
        {
            ApiClient plain;
            plain.setBaseUrl(server.url());
            QVERIFY(test::waitTask(plain.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 61}})).ok());
        }
        auto a = api.get(QStringLiteral("/v1/me"));
        auto b = api.get(QStringLiteral("/v1/me"));
        auto c = api.get(QStringLiteral("/v1/me"));
        for (auto *task : {&a, &b, &c}) {
            auto result = test::waitTask(std::move(*task));
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().codeName()));
            QCOMPARE(result->body.value(QStringLiteral("id")).toString(), registered->user.id);
        }
        QCOMPARE(tokens.count(), 1);
        QCOMPARE(expired.count(), 0);
        QVERIFY(api.accessToken() != oldAccess);
        QVERIFY(api.refreshToken() != oldRefresh);
        QCOMPARE(tokens.at(0).at(0).toString(), api.accessToken());
        QCOMPARE(tokens.at(0).at(1).toString(), api.refreshToken());

        // The server rotated: the old refresh token is dead now.
        ApiClient stranger;
        stranger.setBaseUrl(server.url());
        auto reuse = test::waitTask(stranger.post(QStringLiteral("/v1/auth/refresh"),
                                                  {{QStringLiteral("refresh_token"), oldRefresh}}, anonymous()));
        QVERIFY(!reuse.ok());
        QCOMPARE(reuse.error().code, ErrorCode::Unauthorized);
    }

    void refusedRefreshExpiresTheSession()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(test::waitTask(api.registerAccount(uniqueHandle(), QStringLiteral("A"), QStringLiteral("password 1"))).ok());
        // Someone else used our refresh token (rotating it) and the access token is gone:
        // the next request can only be answered by signing in again.
        ApiClient thief;
        thief.setBaseUrl(m_server->url());
        QVERIFY(test::waitTask(thief.post(QStringLiteral("/v1/auth/refresh"),
                                          {{QStringLiteral("refresh_token"), api.refreshToken()}}, anonymous()))
                    .ok());
        api.setTokens(QStringLiteral("not-a-token"), api.refreshToken());

        QSignalSpy expired(&api, &ApiClient::sessionExpired);
        QSignalSpy tokens(&api, &ApiClient::tokensChanged);
        auto result = test::waitTask(api.get(QStringLiteral("/v1/me")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Unauthorized);
        QCOMPARE(expired.count(), 1);
        QCOMPARE(tokens.count(), 0);
        QVERIFY(!api.hasTokens());
    }

    void logoutForgetsTokensEverywhere()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(test::waitTask(api.registerAccount(uniqueHandle(), QStringLiteral("A"), QStringLiteral("password 1"))).ok());
        const QString oldAccess = api.accessToken();
        const QString oldRefresh = api.refreshToken();
        QSignalSpy expired(&api, &ApiClient::sessionExpired);
        const Status out = test::waitTask(api.logout());
        QVERIFY(out.ok());
        QVERIFY(!api.hasTokens());
        QCOMPARE(expired.count(), 0);

        ApiClient replay; // the server must have revoked both tokens, not just the client forgotten them
        replay.setBaseUrl(m_server->url());
        replay.setTokens(oldAccess, oldRefresh);
        QSignalSpy replayExpired(&replay, &ApiClient::sessionExpired);
        auto me = test::waitTask(replay.get(QStringLiteral("/v1/me")));
        QVERIFY(!me.ok());
        QCOMPARE(me.error().code, ErrorCode::Unauthorized);
        QCOMPARE(replayExpired.count(), 1);
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // the kernel accepts the connection; nobody ever answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        QSignalSpy reachable(&api, &ApiClient::reachableChanged);
        RequestOptions options;
        options.timeout = 400ms;
        QElapsedTimer elapsed;
        elapsed.start();
        auto result = test::waitTask(api.get(QStringLiteral("/v1/health"), {}, options));
        const qint64 took = elapsed.elapsed();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Timeout);
        QVERIFY(result.error().isTransient());
        QVERIFY2(took >= 350 && took < 3000, qPrintable(QString::number(took)));
        QCOMPARE(reachable.count(), 1);
        QCOMPARE(reachable.at(0).at(0).toBool(), false);
    }

    void refusedConnectionIsNetworkError()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // find a port nobody listens on
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        auto result = test::waitTask(api.get(QStringLiteral("/v1/health")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QCOMPARE(result.error().httpStatus, 0);
    }

    void headersAndReplayOnTheWire()
    {
        test::RawHttpPeer peer;
        QVERIFY(peer.listen());
        peer.setAnswer(test::RawHttpPeer::answer(201, R"({"id":"t1"})",
                                                 {"Content-Type: application/json", "Idempotent-Replayed: true"}));
        ApiClient api;
        api.setBaseUrl(peer.url());
        api.setTokens(QStringLiteral("access-abc"), QStringLiteral("refresh-xyz"));
        RequestOptions options;
        options.idempotencyKey = QStringLiteral("6f1c2a1e-key");
        auto result = test::waitTask(api.post(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), QStringLiteral("@bob")}}, options));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 201);
        QVERIFY(result->replayed);
        QCOMPARE(peer.requests().size(), 1);
        QVERIFY(peer.requests().at(0).startsWith("POST /v1/transfers HTTP/1.1"));
        QCOMPARE(peer.header(0, "Authorization"), QByteArray("Bearer access-abc"));
        QCOMPARE(peer.header(0, "Idempotency-Key"), QByteArray("6f1c2a1e-key"));
        QCOMPARE(peer.header(0, "Content-Type"), QByteArray("application/json"));

        // Auth endpoints go without the bearer.
        auto anon = test::waitTask(api.get(QStringLiteral("/v1/health"), {}, anonymous()));
        QVERIFY(anon.ok());
        QCOMPARE(peer.requests().size(), 2);
        QVERIFY(peer.header(1, "Authorization").isEmpty());
        QVERIFY(peer.header(1, "Idempotency-Key").isEmpty());
    }

    void successThatIsNotJsonIsProtocolError()
    {
        test::RawHttpPeer peer; // e.g. a captive portal answering for the server
        QVERIFY(peer.listen());
        peer.setAnswer(test::RawHttpPeer::answer(200, "<html>Sign in to the hotel Wi-Fi</html>",
                                                 {"Content-Type: text/html"}));
        ApiClient api;
        api.setBaseUrl(peer.url());
        auto result = test::waitTask(api.get(QStringLiteral("/v1/health"), {}, anonymous()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Protocol);
        QCOMPARE(result.error().httpStatus, 200);
    }

    void redirectIsNotFollowedWithTheBearer()
    {
        test::RawHttpPeer target;
        QVERIFY(target.listen());
        target.setAnswer(test::RawHttpPeer::answer(200, R"({})"));
        test::RawHttpPeer peer;
        QVERIFY(peer.listen());
        peer.setAnswer(test::RawHttpPeer::answer(
            302, {}, {"Location: " + target.url().toString().toUtf8() + "/steal"}));
        ApiClient api;
        api.setBaseUrl(peer.url());
        api.setTokens(QStringLiteral("secret-access"), QStringLiteral("secret-refresh"));
        auto result = test::waitTask(api.get(QStringLiteral("/v1/me")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Protocol);
        QCOMPARE(result.error().httpStatus, 302);
        QTest::qWait(50);
        QCOMPARE(target.requests().size(), 0);
    }

    void tlsErrorsAreNeverIgnored()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto cert = test::makeSelfSignedCertificate(dir.path());
        QVERIFY2(cert.error.isEmpty(), qPrintable(cert.error));
        test::TestServer server({QStringLiteral("--tls-cert"), cert.certPath, QStringLiteral("--tls-key"), cert.keyPath});
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        QCOMPARE(server.url().scheme(), QStringLiteral("https"));

        ApiClient untrusting;
        untrusting.setBaseUrl(server.url());
        auto refused = test::waitTask(untrusting.registerAccount(uniqueHandle(), QStringLiteral("A"),
                                                                 QStringLiteral("password 1")));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Tls);
        QCOMPARE(refused.error().httpStatus, 0);

        // Trusting the server's own certificate is the only way in.
        ApiClient trusting;
        trusting.setBaseUrl(server.url());
        trusting.addTrustedCertificates(QSslCertificate::fromPath(cert.certPath));
        auto registered = test::waitTask(trusting.registerAccount(uniqueHandle(), QStringLiteral("A"),
                                                                  QStringLiteral("password 1")));
        QVERIFY2(registered.ok(), qPrintable(registered.ok() ? QString() : registered.error().message));
        QCOMPARE(trusting.webSocketUrl().scheme(), QStringLiteral("wss"));
    }

    void serverAddressNeedsAScheme()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("plaza.example")));
        auto result = test::waitTask(api.get(QStringLiteral("/v1/health"), {}, anonymous()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(result.error().field(), QStringLiteral("server_url"));
    }

    void webSocketUrlFollowsTheBaseUrl()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8480")));
        QCOMPARE(api.webSocketUrl(), QUrl(QStringLiteral("ws://127.0.0.1:8480/v1/ws")));
        api.setBaseUrl(QUrl(QStringLiteral("https://plaza.example/api/")));
        QCOMPARE(api.webSocketUrl(), QUrl(QStringLiteral("wss://plaza.example/api/v1/ws")));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
