// SPDX-License-Identifier: MIT
// Sessions you can see and end (docs/api.md "Sessions"): refresh-token reuse ends the
// whole session, a rotated or ended session's WebSocket closes at once, the list with
// device, platform and approximate place, ending one or all others, and the notice a new
// sign-in sends to the account's other sessions.

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery");
// What the socket's close may take: the server closes it in the handler that ends the
// token, before it answers; the bound only absorbs a busy machine's scheduling.
constexpr int kCloseWithinMs = 1000;
} // namespace

class TestServerSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refreshReuseEndsTheWholeSession();
    void reuseByTheOwnerAfterTheThiefAlsoEndsIt();
    void rotationClosesTheOldTokensSocket();
    void revocationClosesTheSocket();
    void listShowsDevicesAndTheCurrentOne();
    void deviceFieldsAreChecked();
    void endOneSession();
    void endOtherSessions();
    void newSignInNotifiesTheOtherSessions();

private:
    //! A second sign-in of \a account, saying it is \a device on \a platform.
    TestAccount signIn(const TestAccount &account, const QString &device = {}, const QString &platform = {});
    QJsonArray sessions(const QString &token);
    static QJsonObject current(const QJsonArray &items);
    static QJsonObject byId(const QJsonArray &items, const QString &id);
    ApiReply refresh(const QString &refreshToken);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
};

void TestServerSessions::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

TestAccount TestServerSessions::signIn(const TestAccount &account, const QString &device, const QString &platform)
{
    QJsonObject body{{QStringLiteral("handle"), account.handle}, {QStringLiteral("password"), kPassword}};
    if (!device.isEmpty())
        body.insert(QStringLiteral("device_name"), device);
    if (!platform.isEmpty())
        body.insert(QStringLiteral("platform"), platform);
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"), body);
    if (r.status != 200) {
        qWarning() << "login failed" << r.status << r.body;
        return {};
    }
    TestAccount signedIn = account;
    signedIn.accessToken = r.json.value(QStringLiteral("access_token")).toString();
    signedIn.refreshToken = r.json.value(QStringLiteral("refresh_token")).toString();
    return signedIn;
}

QJsonArray TestServerSessions::sessions(const QString &token)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sessions"), token);
    if (r.status != 200)
        qWarning() << "GET /v1/sessions" << r.status << r.body;
    return r.json.value(QStringLiteral("items")).toArray();
}

QJsonObject TestServerSessions::current(const QJsonArray &items)
{
    for (const QJsonValue &item : items) {
        if (item.toObject().value(QStringLiteral("current")).toBool())
            return item.toObject();
    }
    return {};
}

QJsonObject TestServerSessions::byId(const QJsonArray &items, const QString &id)
{
    for (const QJsonValue &item : items) {
        if (item.toObject().value(QStringLiteral("id")).toString() == id)
            return item.toObject();
    }
    return {};
}

ApiReply TestServerSessions::refresh(const QString &refreshToken)
{
    return m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), refreshToken}});
}

void TestServerSessions::refreshReuseEndsTheWholeSession()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("reused"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount laptop = signIn(a, QStringLiteral("laptop"));
    QVERIFY(!laptop.accessToken.isEmpty());
    const QString stolenId = current(sessions(a.accessToken)).value(QStringLiteral("id")).toString();
    QVERIFY(!stolenId.isEmpty());

    // The thief exchanges the stolen refresh token first, then exchanges its own new one:
    // the family now has three generations.
    ApiReply r = refresh(a.refreshToken);
    QCOMPARE(r.status, 200);
    r = refresh(r.json.value(QStringLiteral("refresh_token")).toString());
    QCOMPARE(r.status, 200);
    const QString thiefAccess = r.json.value(QStringLiteral("access_token")).toString();
    const QString thiefRefresh = r.json.value(QStringLiteral("refresh_token")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), thiefAccess).status, 200);

    // The owner presents the token the thief already used: theft. 401 with a reason.
    r = refresh(a.refreshToken);
    QCOMPARE(r.status, 401);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject()
                 .value(QStringLiteral("reason")).toString(),
             QStringLiteral("refresh_token_reused"));

    // Every token descended from that sign-in is dead: the thief's pair too.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), thiefAccess).status, 401);
    QCOMPARE(refresh(thiefRefresh).status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 401);
    // Once ended, a second reuse is just an unknown token.
    r = refresh(a.refreshToken);
    QCOMPARE(r.status, 401);
    QVERIFY(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject().isEmpty());

    // The other sign-in is untouched, and its list shows what happened.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), laptop.accessToken).status, 200);
    const QJsonArray items = sessions(laptop.accessToken);
    QCOMPARE(items.size(), 2);
    const QJsonObject stolen = byId(items, stolenId);
    QCOMPARE(stolen.value(QStringLiteral("end_reason")).toString(), QStringLiteral("refresh_token_reused"));
    QVERIFY(!stolen.value(QStringLiteral("ended_at")).toString().isEmpty());
    QCOMPARE(stolen.value(QStringLiteral("current")).toBool(), false);
    const QJsonObject mine = current(items);
    QVERIFY(mine.value(QStringLiteral("ended_at")).isNull());
    QVERIFY(mine.value(QStringLiteral("end_reason")).isNull());
    // Live ones first.
    QCOMPARE(items.at(0).toObject(), mine);

    // The owner dismisses the record; then it is gone.
    QCOMPARE(m_api->del(QStringLiteral("/v1/sessions/") + stolenId, laptop.accessToken).status, 204);
    QCOMPARE(sessions(laptop.accessToken).size(), 1);
}

void TestServerSessions::reuseByTheOwnerAfterTheThiefAlsoEndsIt()
{
    // The other order: the owner refreshed normally; the thief then tries the old token.
    const TestAccount a = m_api->registerAccount(QStringLiteral("reused_late"));
    QVERIFY(!a.id.isEmpty());
    ApiReply r = refresh(a.refreshToken);
    QCOMPARE(r.status, 200);
    const QString ownerAccess = r.json.value(QStringLiteral("access_token")).toString();
    const QString ownerRefresh = r.json.value(QStringLiteral("refresh_token")).toString();
    QCOMPARE(refresh(a.refreshToken).status, 401);
    // The owner is signed out too: the server cannot tell who is who.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), ownerAccess).status, 401);
    QCOMPARE(refresh(ownerRefresh).status, 401);
}

void TestServerSessions::rotationClosesTheOldTokensSocket()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("ws_rotator"));
    QVERIFY(!a.id.isEmpty());
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(a.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    QElapsedTimer clock;
    clock.start();
    const ApiReply r = refresh(a.refreshToken);
    QCOMPARE(r.status, 200);
    QVERIFY(ws.waitClosed(kCloseWithinMs));
    QCOMPARE(int(ws.closeCode()), 4401);
    QVERIFY2(clock.elapsed() < kCloseWithinMs, qPrintable(QString::number(clock.elapsed())));
    qInfo("socket closed %lld ms after the request was sent", qint64(clock.elapsed()));

    // The new token opens a socket that stays.
    WsProbe again(m_server->url());
    QVERIFY(again.open(r.json.value(QStringLiteral("access_token")).toString()));
    QCOMPARE(again.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    again.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
    QCOMPARE(again.next().value(QStringLiteral("type")).toString(), QStringLiteral("pong"));
    QVERIFY(again.isConnected());
}

void TestServerSessions::revocationClosesTheSocket()
{
    // Revoked by reuse: the socket of the session goes as its tokens do.
    const TestAccount a = m_api->registerAccount(QStringLiteral("ws_revoked"));
    QVERIFY(!a.id.isEmpty());
    ApiReply r = refresh(a.refreshToken);
    QCOMPARE(r.status, 200);
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(r.json.value(QStringLiteral("access_token")).toString()));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(refresh(a.refreshToken).status, 401);
    QVERIFY(ws.waitClosed(kCloseWithinMs));
    QCOMPARE(int(ws.closeCode()), 4401);
    QVERIFY2(clock.elapsed() < kCloseWithinMs, qPrintable(QString::number(clock.elapsed())));
    qInfo("socket closed %lld ms after the request was sent", qint64(clock.elapsed()));
}

void TestServerSessions::listShowsDevicesAndTheCurrentOne()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("lister"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount phone = signIn(a, QStringLiteral("  Amélie's   phone "), QStringLiteral("Ubuntu 24.04 LTS"));
    QVERIFY(!phone.accessToken.isEmpty());

    const QJsonArray items = sessions(phone.accessToken);
    QCOMPARE(items.size(), 2);
    const QJsonObject mine = current(items);
    QCOMPARE(mine.value(QStringLiteral("device_name")).toString(), QStringLiteral("Amélie's phone")); // simplified
    QCOMPARE(mine.value(QStringLiteral("platform")).toString(), QStringLiteral("Ubuntu 24.04 LTS"));
    QCOMPARE(mine.value(QStringLiteral("place")).toString(), QStringLiteral("127.0.x.x")); // never the whole address
    QVERIFY(mine.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("s_")));
    QVERIFY(!mine.value(QStringLiteral("created_at")).toString().isEmpty());
    QVERIFY(!mine.value(QStringLiteral("last_seen_at")).toString().isEmpty());
    int currentCount = 0;
    for (const QJsonValue &item : items)
        currentCount += item.toObject().value(QStringLiteral("current")).toBool() ? 1 : 0;
    QCOMPARE(currentCount, 1);
    // The other caller sees the same two, with its own marked.
    const QJsonArray theirs = sessions(a.accessToken);
    QCOMPARE(theirs.size(), 2);
    QVERIFY(current(theirs).value(QStringLiteral("id")) != mine.value(QStringLiteral("id")));

    // Last seen moves with use (at most once a minute), created does not.
    const QString seen = mine.value(QStringLiteral("last_seen_at")).toString();
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 120}}).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), phone.accessToken).status, 200);
    const QJsonObject later = current(sessions(phone.accessToken));
    QVERIFY(later.value(QStringLiteral("last_seen_at")).toString() > seen);
    QCOMPARE(later.value(QStringLiteral("created_at")), mine.value(QStringLiteral("created_at")));

    // Someone else's sessions are not in my list.
    const TestAccount b = m_api->registerAccount(QStringLiteral("lister_b"));
    QCOMPARE(sessions(b.accessToken).size(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/v1/sessions")).status, 401);
}

void TestServerSessions::deviceFieldsAreChecked()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("device_check"));
    QVERIFY(!a.id.isEmpty());
    ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a.handle},
                                                                {QStringLiteral("password"), kPassword},
                                                                {QStringLiteral("device_name"), QString(65, u'x')}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("device_name"));
    r = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a.handle},
                                                       {QStringLiteral("password"), kPassword},
                                                       {QStringLiteral("platform"), 42}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("platform"));
    // 64 characters (code points) are fine; so is a register that names its device.
    QCOMPARE(signIn(a, QString(64, u'é')).accessToken.isEmpty(), false);
    r = m_api->post(QStringLiteral("/v1/auth/register"), {{QStringLiteral("handle"), QStringLiteral("device_reg")},
                                                          {QStringLiteral("display_name"), QStringLiteral("Reg")},
                                                          {QStringLiteral("password"), kPassword},
                                                          {QStringLiteral("device_name"), QStringLiteral("desk")},
                                                          {QStringLiteral("platform"), QStringLiteral("Debian")}});
    QCOMPARE(r.status, 201);
    const QJsonObject mine = current(sessions(r.json.value(QStringLiteral("access_token")).toString()));
    QCOMPARE(mine.value(QStringLiteral("device_name")).toString(), QStringLiteral("desk"));
    QCOMPARE(mine.value(QStringLiteral("platform")).toString(), QStringLiteral("Debian"));
}

void TestServerSessions::endOneSession()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("ender"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount other = signIn(a, QStringLiteral("old tablet"));
    QVERIFY(!other.accessToken.isEmpty());
    const QString otherId = current(sessions(other.accessToken)).value(QStringLiteral("id")).toString();
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(other.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    // Someone else cannot end it, nor learn that it exists.
    const TestAccount stranger = m_api->registerAccount(QStringLiteral("ender_stranger"));
    ApiReply r = m_api->del(QStringLiteral("/v1/sessions/") + otherId, stranger.accessToken);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), other.accessToken).status, 200);
    for (const QString &bad : {QStringLiteral("s_0"), QStringLiteral("s_999999"), QStringLiteral("u_1"), QStringLiteral("x")})
        QCOMPARE(m_api->del(QStringLiteral("/v1/sessions/") + bad, a.accessToken).status, 404);

    QElapsedTimer clock;
    clock.start();
    QCOMPARE(m_api->del(QStringLiteral("/v1/sessions/") + otherId, a.accessToken).status, 204);
    QVERIFY(ws.waitClosed(kCloseWithinMs));
    QCOMPARE(int(ws.closeCode()), 4401);
    QVERIFY2(clock.elapsed() < kCloseWithinMs, qPrintable(QString::number(clock.elapsed())));
    qInfo("socket closed %lld ms after the request was sent", qint64(clock.elapsed()));
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), other.accessToken).status, 401);
    QCOMPARE(refresh(other.refreshToken).status, 401);
    QCOMPARE(sessions(a.accessToken).size(), 1);
    // Ending it twice: it is no longer there.
    QCOMPARE(m_api->del(QStringLiteral("/v1/sessions/") + otherId, a.accessToken).status, 404);
}

void TestServerSessions::endOtherSessions()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("end_others"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount second = signIn(a, QStringLiteral("second"));
    const TestAccount third = signIn(a, QStringLiteral("third"));
    QVERIFY(!second.accessToken.isEmpty() && !third.accessToken.isEmpty());
    WsProbe ws2(m_server->url());
    WsProbe ws3(m_server->url());
    WsProbe mine(m_server->url());
    QVERIFY(ws2.open(second.accessToken));
    QVERIFY(ws3.open(third.accessToken));
    QVERIFY(mine.open(a.accessToken));
    for (WsProbe *ws : {&ws2, &ws3, &mine})
        QCOMPARE(ws->next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    // Another account's session is not "other" to me.
    const TestAccount b = m_api->registerAccount(QStringLiteral("end_others_b"));

    const ApiReply r = m_api->post(QStringLiteral("/v1/sessions/end-others"), {}, a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("ended")).toInteger(), 2);
    QVERIFY(ws2.waitClosed(kCloseWithinMs));
    QVERIFY(ws3.waitClosed(kCloseWithinMs));
    QCOMPARE(int(ws2.closeCode()), 4401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), second.accessToken).status, 401);
    QCOMPARE(refresh(third.refreshToken).status, 401);
    // Mine stays, socket and all.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 200);
    mine.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
    QCOMPARE(mine.next().value(QStringLiteral("type")).toString(), QStringLiteral("pong"));
    QCOMPARE(sessions(a.accessToken).size(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), b.accessToken).status, 200);
    // Nothing left to end.
    QCOMPARE(m_api->post(QStringLiteral("/v1/sessions/end-others"), {}, a.accessToken).json.value(QStringLiteral("ended")).toInteger(), 0);
}

void TestServerSessions::newSignInNotifiesTheOtherSessions()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("notified"));
    QVERIFY(!a.id.isEmpty());
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(a.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    const TestAccount phone = signIn(a, QStringLiteral("new phone"), QStringLiteral("Android"));
    QVERIFY(!phone.accessToken.isEmpty());
    const QJsonObject frame = ws.next();
    QCOMPARE(frame.value(QStringLiteral("type")).toString(), QStringLiteral("session.created"));
    QVERIFY(!frame.contains(QStringLiteral("seq"))); // ephemeral: the log's seqs stay about data
    const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("device_name")).toString(), QStringLiteral("new phone"));
    QCOMPARE(data.value(QStringLiteral("platform")).toString(), QStringLiteral("Android"));
    QCOMPARE(data.value(QStringLiteral("place")).toString(), QStringLiteral("127.0.x.x"));
    QCOMPARE(data.value(QStringLiteral("id")).toString(), current(sessions(phone.accessToken)).value(QStringLiteral("id")).toString());
    QVERIFY(!data.value(QStringLiteral("created_at")).toString().isEmpty());

    // To every other session of the account (the phone too, now), never to another account.
    const TestAccount other = m_api->registerAccount(QStringLiteral("notified_other"));
    WsProbe otherWs(m_server->url());
    QVERIFY(otherWs.open(other.accessToken));
    QCOMPARE(otherWs.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    WsProbe phoneWs(m_server->url());
    QVERIFY(phoneWs.open(phone.accessToken));
    QCOMPARE(phoneWs.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    const TestAccount tablet = signIn(a, QStringLiteral("tablet"));
    QVERIFY(!tablet.accessToken.isEmpty());
    QCOMPARE(ws.next().value(QStringLiteral("data")).toObject().value(QStringLiteral("device_name")).toString(),
             QStringLiteral("tablet"));
    QCOMPARE(phoneWs.next().value(QStringLiteral("data")).toObject().value(QStringLiteral("device_name")).toString(),
             QStringLiteral("tablet"));
    QVERIFY(otherWs.silentFor(200));
    // Nothing in the log: a sync page has no such event.
    const ApiReply log = m_api->get(QStringLiteral("/v1/sync?since=0"), a.accessToken);
    QCOMPARE(log.status, 200);
    for (const QJsonValue &e : log.json.value(QStringLiteral("events")).toArray())
        QVERIFY(e.toObject().value(QStringLiteral("type")).toString() != u"session.created");
}

QTEST_GUILESS_MAIN(TestServerSessions)
#include "tst_server_sessions.moc"
