// SPDX-License-Identifier: MIT
// Accounts and tokens: register validation, login, the login throttle, refresh
// rotation, logout and bearer checks.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QTest>

using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery");

QJsonObject registration(const QString &handle, const QJsonValue &displayName, const QJsonValue &password)
{
    return {{QStringLiteral("handle"), handle}, {QStringLiteral("display_name"), displayName},
            {QStringLiteral("password"), password}};
}
} // namespace

class TestServerAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registerValidation_data();
    void registerValidation();
    void registerAcceptsLimits();
    void registerReturnsTokens();
    void duplicateHandle();
    void loginFailuresLookAlike();
    void loginThrottle();
    void refreshRotates();
    void logoutKillsBothTokens();
    void bearerRequired();
    void accessTokenExpires();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
};

void TestServerAuth::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"),
                                                        QStringLiteral("120")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

void TestServerAuth::registerValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");

    const QString name = QStringLiteral("Someone");
    QTest::newRow("handle missing") << QJsonObject{{QStringLiteral("display_name"), name}, {QStringLiteral("password"), kPassword}}
                                    << QStringLiteral("handle");
    QTest::newRow("handle number") << QJsonObject{{QStringLiteral("handle"), 123}, {QStringLiteral("display_name"), name},
                                                  {QStringLiteral("password"), kPassword}}
                                   << QStringLiteral("handle");
    QTest::newRow("handle too short") << registration(QStringLiteral("ab"), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("handle too long") << registration(QString(21, u'a'), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("handle upper case") << registration(QStringLiteral("Alice"), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("handle dash") << registration(QStringLiteral("al-ice"), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("handle space") << registration(QStringLiteral("al ice"), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("handle accent") << registration(QStringLiteral("amélie"), name, kPassword) << QStringLiteral("handle");
    QTest::newRow("name missing") << QJsonObject{{QStringLiteral("handle"), QStringLiteral("valid_one")},
                                                 {QStringLiteral("password"), kPassword}}
                                  << QStringLiteral("display_name");
    QTest::newRow("name empty") << registration(QStringLiteral("valid_one"), QString(), kPassword) << QStringLiteral("display_name");
    QTest::newRow("name blank") << registration(QStringLiteral("valid_one"), QStringLiteral("   "), kPassword)
                                << QStringLiteral("display_name");
    QTest::newRow("name too long") << registration(QStringLiteral("valid_one"), QString(51, u'n'), kPassword)
                                   << QStringLiteral("display_name");
    QTest::newRow("name bool") << registration(QStringLiteral("valid_one"), true, kPassword) << QStringLiteral("display_name");
    QTest::newRow("password missing") << QJsonObject{{QStringLiteral("handle"), QStringLiteral("valid_one")},
                                                     {QStringLiteral("display_name"), name}}
                                      << QStringLiteral("password");
    QTest::newRow("password short") << registration(QStringLiteral("valid_one"), name, QStringLiteral("1234567"))
                                    << QStringLiteral("password");
    QTest::newRow("password long") << registration(QStringLiteral("valid_one"), name, QString(129, u'p'))
                                   << QStringLiteral("password");
    QTest::newRow("password number") << registration(QStringLiteral("valid_one"), name, 12345678) << QStringLiteral("password");
}

void TestServerAuth::registerValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/register"), body);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.isEnvelope(), r.body.constData());
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(r.errorField(), field);
}

void TestServerAuth::registerAcceptsLimits()
{
    // The edges themselves are allowed; characters are counted as people count them.
    ApiReply r = m_api->post(QStringLiteral("/v1/auth/register"),
                             registration(QStringLiteral("abc"), QStringLiteral("é"), QString(8, u'p')));
    QCOMPARE(r.status, 201);
    const QString fiftyAccents = QString(50, QChar(0x00e9));
    r = m_api->post(QStringLiteral("/v1/auth/register"),
                    registration(QString(20, u'z'), fiftyAccents, QString(128, u'p')));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("display_name")).toString(), fiftyAccents);
    // 50 emoji are 100 UTF-16 units but 50 characters.
    QString emoji;
    for (int i = 0; i < 50; ++i)
        emoji += QStringLiteral("🙂");
    r = m_api->post(QStringLiteral("/v1/auth/register"), registration(QStringLiteral("emoji_fan"), emoji, kPassword));
    QCOMPARE(r.status, 201);
}

void TestServerAuth::registerReturnsTokens()
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/register"),
                                   registration(QStringLiteral("new_person"), QStringLiteral("New Person"), kPassword));
    QCOMPARE(r.status, 201);
    const QJsonObject user = r.json.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("handle")).toString(), QStringLiteral("new_person"));
    QCOMPARE(user.value(QStringLiteral("display_name")).toString(), QStringLiteral("New Person"));
    QCOMPARE(user.value(QStringLiteral("kind")).toString(), QStringLiteral("person"));
    QCOMPARE(user.value(QStringLiteral("verified")).toBool(), false);
    QCOMPARE(user.value(QStringLiteral("followers")).toInt(), 0);
    QVERIFY(!user.value(QStringLiteral("id")).toString().isEmpty());
    QCOMPARE(r.json.value(QStringLiteral("expires_in")).toInt(), 120);
    const QString access = r.json.value(QStringLiteral("access_token")).toString();
    const QString refresh = r.json.value(QStringLiteral("refresh_token")).toString();
    // 32 random bytes in base64url without padding.
    QCOMPARE(access.size(), 43);
    QCOMPARE(refresh.size(), 43);
    QVERIFY(access != refresh);
    QVERIFY(!access.contains(u'+') && !access.contains(u'/') && !access.contains(u'='));

    const ApiReply me = m_api->get(QStringLiteral("/v1/me"), access);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json, user);
}

void TestServerAuth::duplicateHandle()
{
    QVERIFY(!m_api->registerAccount(QStringLiteral("taken_one")).id.isEmpty());
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/register"),
                                   registration(QStringLiteral("taken_one"), QStringLiteral("Other"), kPassword));
    QCOMPARE(r.status, 409);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(r.errorField(), QStringLiteral("handle"));
}

void TestServerAuth::loginFailuresLookAlike()
{
    QVERIFY(!m_api->registerAccount(QStringLiteral("lookalike")).id.isEmpty());
    const ApiReply wrongPassword = m_api->post(QStringLiteral("/v1/auth/login"),
                                               {{QStringLiteral("handle"), QStringLiteral("lookalike")},
                                                {QStringLiteral("password"), QStringLiteral("not the password")}});
    const ApiReply wrongHandle = m_api->post(QStringLiteral("/v1/auth/login"),
                                             {{QStringLiteral("handle"), QStringLiteral("nobody_here")},
                                              {QStringLiteral("password"), kPassword}});
    QCOMPARE(wrongPassword.status, 401);
    QCOMPARE(wrongHandle.status, 401);
    QVERIFY(wrongPassword.isEnvelope());
    QCOMPARE(wrongPassword.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(wrongPassword.body, wrongHandle.body);

    const ApiReply right = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("lookalike")},
                                                                          {QStringLiteral("password"), kPassword}});
    QCOMPARE(right.status, 200);
    QCOMPARE(right.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("handle")).toString(),
             QStringLiteral("lookalike"));
}

void TestServerAuth::loginThrottle()
{
    // The details are in tst_server_throttle; here, through the ordinary client: guesses at
    // a handle are slowed, the right password waits like any other, and the device that
    // registered the account still signs in.
    const ApiReply registered = m_api->post(QStringLiteral("/v1/auth/register"), registration(QStringLiteral("target"),
                                                                                            QStringLiteral("Target"), kPassword));
    QCOMPARE(registered.status, 201);
    const QString device = registered.json.value(QStringLiteral("device_token")).toString();
    QVERIFY(!device.isEmpty());
    QVERIFY(!m_api->registerAccount(QStringLiteral("bystander")).id.isEmpty());
    const auto attempt = [this](const QString &handle, const QString &password, const QString &deviceToken = {}) {
        QJsonObject body{{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}};
        if (!deviceToken.isEmpty())
            body.insert(QStringLiteral("device_token"), deviceToken);
        return m_api->post(QStringLiteral("/v1/auth/login"), body);
    };
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(attempt(QStringLiteral("target"), QStringLiteral("guess number %1").arg(i)).status, 401);

    ApiReply r = attempt(QStringLiteral("target"), kPassword);
    QCOMPARE(r.status, 429);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QCOMPARE(r.header("Retry-After"), QByteArray("1"));
    // Other handles are not affected.
    QCOMPARE(attempt(QStringLiteral("bystander"), kPassword).status, 200);
    // The known device is not held.
    QCOMPARE(attempt(QStringLiteral("target"), kPassword, device).status, 200);

    // A second later (server clock) anyone may try again.
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 1}}).status, 200);
    QCOMPARE(attempt(QStringLiteral("target"), kPassword).status, 200);
}

void TestServerAuth::refreshRotates()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("rotator"));
    QVERIFY(!a.id.isEmpty());
    ApiReply r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), a.refreshToken}});
    QCOMPARE(r.status, 200);
    const QString access2 = r.json.value(QStringLiteral("access_token")).toString();
    const QString refresh2 = r.json.value(QStringLiteral("refresh_token")).toString();
    QCOMPARE(r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(), a.id);
    QVERIFY(access2 != a.accessToken);
    QVERIFY(refresh2 != a.refreshToken);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), access2).status, 200);

    // The old access token stops working at once.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 401);

    // The new one works once more.
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), refresh2}});
    QCOMPARE(r.status, 200);
    const QString access3 = r.json.value(QStringLiteral("access_token")).toString();
    const QString refresh3 = r.json.value(QStringLiteral("refresh_token")).toString();
    // An access token is not a refresh token.
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), access3}});
    QCOMPARE(r.status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), access3).status, 200);

    // The old refresh token is refused; presenting it again is theft, which ends the
    // session with every token it still had (tst_server_sessions covers the rest).
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), a.refreshToken}});
    QCOMPARE(r.status, 401);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), access3).status, 401);
    QCOMPARE(m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), refresh3}}).status, 401);
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), 42}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("refresh_token"));
}

void TestServerAuth::logoutKillsBothTokens()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("leaver"));
    QVERIFY(!a.id.isEmpty());
    // A second session of the same user survives the first one's logout.
    const ApiReply other = m_api->post(QStringLiteral("/v1/auth/login"),
                                       {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(other.status, 200);

    ApiReply r = m_api->post(QStringLiteral("/v1/auth/logout"), {}, a.accessToken);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 401);
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), a.refreshToken}});
    QCOMPARE(r.status, 401);
    QCOMPARE(m_api->post(QStringLiteral("/v1/auth/logout"), {}, a.accessToken).status, 401);

    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), other.json.value(QStringLiteral("access_token")).toString()).status, 200);
}

void TestServerAuth::bearerRequired()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("bearer_check"));
    QVERIFY(!a.id.isEmpty());
    const QList<QList<QPair<QByteArray, QByteArray>>> badHeaders{
        {},
        {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ")}},
        {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer garbage")}},
        {{QByteArrayLiteral("Authorization"), "Bearer " + a.refreshToken.toLatin1()}},
        {{QByteArrayLiteral("Authorization"), "Basic " + a.accessToken.toLatin1()}},
        {{QByteArrayLiteral("Authorization"), a.accessToken.toLatin1()}},
        {{QByteArrayLiteral("Authorization"), "Bearer " + a.accessToken.toLatin1() + "x"}},
    };
    for (const auto &headers : badHeaders) {
        for (const QString &path : {QStringLiteral("/v1/me"), QStringLiteral("/v1/sync"), QStringLiteral("/v1/conversations")}) {
            const ApiReply r = m_api->send(QByteArrayLiteral("GET"), path, {}, {}, headers);
            QCOMPARE(r.status, 401);
            QVERIFY(r.isEnvelope());
            QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
        }
    }
    // The scheme is case-insensitive (RFC 7235).
    const ApiReply ok = m_api->send(QByteArrayLiteral("GET"), QStringLiteral("/v1/me"), {}, {},
                                    {{QByteArrayLiteral("Authorization"), "bearer " + a.accessToken.toLatin1()}});
    QCOMPARE(ok.status, 200);
}

void TestServerAuth::accessTokenExpires()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("expiring"));
    QVERIFY(!a.id.isEmpty());
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 119}}).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 200);
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 2}}).status, 200);
    ApiReply r = m_api->get(QStringLiteral("/v1/me"), a.accessToken);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    // The refresh token outlives it.
    r = m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), a.refreshToken}});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), r.json.value(QStringLiteral("access_token")).toString()).status, 200);
}

QTEST_GUILESS_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
