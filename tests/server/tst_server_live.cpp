// SPDX-License-Identifier: MIT
// Conversations (the basics the typing frames need) and the live WebSocket: hello,
// events as they commit, ping/pong, typing relayed to the other members only, and
// 4401 for a bad token or after logout.

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace plaza::test;

class TestServerLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void directConversationIsUnique();
    void groupConversation();
    void conversationValidation();
    void conversationPaging();
    void helloThenLiveEvents();
    void pingPong();
    void typingGoesToOtherMembersOnly();
    void garbageFramesAreAnswered();
    void oversizedFrameClosesSocket();
    void badTokenIsClosedWith4401();
    void logoutClosesSocket();

private:
    ApiReply createConversation(const TestAccount &by, const QStringList &members, const QJsonValue &title = {});
    qint64 latestSeq(const TestAccount &who);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
    TestAccount m_chloe;
};

void TestServerLive::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"));
    m_chloe = m_api->registerAccount(QStringLiteral("chloe"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty() && !m_chloe.id.isEmpty());
}

ApiReply TestServerLive::createConversation(const TestAccount &by, const QStringList &members, const QJsonValue &title)
{
    QJsonObject body{{QStringLiteral("member_ids"), QJsonArray::fromStringList(members)}};
    if (!title.isUndefined())
        body.insert(QStringLiteral("title"), title);
    return m_api->post(QStringLiteral("/v1/conversations"), body, by.accessToken);
}

qint64 TestServerLive::latestSeq(const TestAccount &who)
{
    return m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken)
        .json.value(QStringLiteral("next_since"))
        .toInteger();
}

void TestServerLive::directConversationIsUnique()
{
    const qint64 amelieSeq = latestSeq(m_amelie);
    const qint64 brunoSeq = latestSeq(m_bruno);
    ApiReply r = createConversation(m_amelie, {m_bruno.id});
    QCOMPARE(r.status, 201);
    const QString id = r.json.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(r.json.value(QStringLiteral("kind")).toString(), QStringLiteral("direct"));
    QVERIFY(r.json.value(QStringLiteral("title")).isNull());
    QVERIFY(r.json.value(QStringLiteral("last_message")).isNull());
    QCOMPARE(r.json.value(QStringLiteral("unread")).toInt(), 0);
    QVERIFY(r.json.contains(QStringLiteral("read_up_to")));
    QStringList memberIds;
    for (const QJsonValue &m : r.json.value(QStringLiteral("members")).toArray())
        memberIds.append(m.toObject().value(QStringLiteral("id")).toString());
    memberIds.sort();
    QStringList expected{m_amelie.id, m_bruno.id};
    expected.sort();
    QCOMPARE(memberIds, expected);

    // The same pair again, from either side, and with the creator listed too: the same conversation.
    r = createConversation(m_amelie, {m_bruno.id});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id);
    r = createConversation(m_bruno, {m_amelie.id, m_bruno.id});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id);

    // conversation.updated went once to each member's log.
    for (const auto &[who, seq] : {std::pair{m_amelie, amelieSeq}, std::pair{m_bruno, brunoSeq}}) {
        const QJsonArray events = m_api->get(QStringLiteral("/v1/sync?since=%1").arg(seq), who.accessToken)
                                      .json.value(QStringLiteral("events"))
                                      .toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("conversation.updated"));
        QCOMPARE(events.at(0).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toString(), id);
    }
    QCOMPARE(latestSeq(m_chloe), 0);
}

void TestServerLive::groupConversation()
{
    ApiReply r = createConversation(m_amelie, {m_bruno.id, m_chloe.id}, QStringLiteral("Weekend hike"));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(r.json.value(QStringLiteral("title")).toString(), QStringLiteral("Weekend hike"));
    QCOMPARE(r.json.value(QStringLiteral("members")).toArray().size(), 3);
    // Groups are never merged: the same people can have two.
    const QString first = r.json.value(QStringLiteral("id")).toString();
    r = createConversation(m_amelie, {m_bruno.id, m_chloe.id}, QStringLiteral("Weekend hike"));
    QCOMPARE(r.status, 201);
    QVERIFY(r.json.value(QStringLiteral("id")).toString() != first);
    // One other person with a title is a group too.
    r = createConversation(m_amelie, {m_chloe.id}, QStringLiteral("Book club"));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
}

void TestServerLive::conversationValidation()
{
    ApiReply r = createConversation(m_amelie, {});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("member_ids"));
    r = createConversation(m_amelie, {m_amelie.id}); // only oneself
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("member_ids"));
    r = m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), m_bruno.id}}, m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("member_ids"));
    r = m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{7}}}, m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("member_ids"));
    r = createConversation(m_amelie, {QStringLiteral("u_999999")});
    QCOMPARE(r.status, 404);
    QVERIFY(r.isEnvelope());
    r = createConversation(m_amelie, {m_bruno.id}, 12);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("title"));
    r = createConversation(m_amelie, {m_bruno.id}, QString(101, u't'));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("title"));
    QCOMPARE(createConversation(TestAccount{}, {m_bruno.id}).status, 401);
}

void TestServerLive::conversationPaging()
{
    const TestAccount d = m_api->registerAccount(QStringLiteral("pager_d"));
    QVERIFY(!d.id.isEmpty());
    QStringList made;
    for (const TestAccount &other : {m_amelie, m_bruno, m_chloe}) {
        const ApiReply r = createConversation(d, {other.id});
        QCOMPARE(r.status, 201);
        made.prepend(r.json.value(QStringLiteral("id")).toString()); // newest first
    }
    QStringList seen;
    QString before;
    for (int page = 0; page < 5; ++page) {
        const QString query = before.isEmpty() ? QStringLiteral("?limit=2") : QStringLiteral("?limit=2&before=") + before;
        const ApiReply r = m_api->get(QStringLiteral("/v1/conversations") + query, d.accessToken);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
            seen.append(v.toObject().value(QStringLiteral("id")).toString());
        if (r.json.value(QStringLiteral("next_before")).isNull())
            break;
        before = r.json.value(QStringLiteral("next_before")).toString();
    }
    QCOMPARE(seen, made);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations?limit=0"), d.accessToken).errorField(), QStringLiteral("limit"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations?limit=201"), d.accessToken).errorField(), QStringLiteral("limit"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations?before=c_999999"), d.accessToken).errorField(), QStringLiteral("before"));
    // Someone else's conversations are not listed.
    const TestAccount loner = m_api->registerAccount(QStringLiteral("loner"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations"), loner.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
}

void TestServerLive::helloThenLiveEvents()
{
    const TestAccount star = m_api->registerAccount(QStringLiteral("live_star"));
    const TestAccount fan = m_api->registerAccount(QStringLiteral("live_fan"));
    QVERIFY(!star.id.isEmpty() && !fan.id.isEmpty());
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(fan.id), {}, star.accessToken).status, 204);
    const qint64 seq = latestSeq(star);
    QCOMPARE(seq, 1);

    WsProbe ws(m_server->url());
    QVERIFY(ws.open(star.accessToken));
    const QJsonObject hello = ws.next();
    QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QCOMPARE(hello.value(QStringLiteral("seq")).toInteger(), seq);

    // Someone follows the star: the star's socket hears of it, with the next seq.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(star.id), {}, fan.accessToken).status, 204);
    QJsonObject event = ws.next();
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
    QCOMPARE(event.value(QStringLiteral("seq")).toInteger(), seq + 1);
    QCOMPARE(event.value(QStringLiteral("data")).toObject().value(QStringLiteral("followers")).toInt(), 1);
    // The same shape as the log entry in /v1/sync.
    const QJsonArray logged = m_api->get(QStringLiteral("/v1/sync?since=%1").arg(seq), star.accessToken)
                                  .json.value(QStringLiteral("events"))
                                  .toArray();
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.at(0).toObject(), event);

    // Several events from one request arrive in seq order.
    const ApiReply conv = createConversation(fan, {star.id, m_amelie.id});
    QCOMPARE(conv.status, 201);
    QCOMPARE(m_api->del(QStringLiteral("/v1/users/%1/follow").arg(fan.id), star.accessToken).status, 204);
    event = ws.next();
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("conversation.updated"));
    QCOMPARE(event.value(QStringLiteral("seq")).toInteger(), seq + 2);
    event = ws.next();
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
    QCOMPARE(event.value(QStringLiteral("seq")).toInteger(), seq + 3);
    // Other users' events never reach this socket.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(m_bruno.id), {}, fan.accessToken).status, 204);
    QVERIFY(ws.silentFor(200));
}

void TestServerLive::pingPong()
{
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(m_amelie.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    ws.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
    QCOMPARE(ws.next(), (QJsonObject{{QStringLiteral("type"), QStringLiteral("pong")}}));
}

void TestServerLive::typingGoesToOtherMembersOnly()
{
    const ApiReply conv = createConversation(m_amelie, {m_bruno.id});
    QVERIFY(conv.status == 200 || conv.status == 201);
    const QString conversationId = conv.json.value(QStringLiteral("id")).toString();

    WsProbe amelie(m_server->url());
    WsProbe bruno(m_server->url());
    WsProbe brunoSecondDevice(m_server->url());
    WsProbe chloe(m_server->url());
    QVERIFY(amelie.open(m_amelie.accessToken));
    QVERIFY(bruno.open(m_bruno.accessToken));
    QVERIFY(brunoSecondDevice.open(m_bruno.accessToken));
    QVERIFY(chloe.open(m_chloe.accessToken));
    for (WsProbe *ws : {&amelie, &bruno, &brunoSecondDevice, &chloe})
        QCOMPARE(ws->next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    amelie.sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("conversation_id"), conversationId}});
    const QJsonObject expected{{QStringLiteral("type"), QStringLiteral("typing")},
                               {QStringLiteral("data"), QJsonObject{{QStringLiteral("conversation_id"), conversationId},
                                                                    {QStringLiteral("user_id"), m_amelie.id}}}};
    QCOMPARE(bruno.next(), expected);
    QCOMPARE(brunoSecondDevice.next(), expected);
    QVERIFY(amelie.silentFor(150)); // not echoed to the sender
    QVERIFY(chloe.silentFor(50));   // not a member

    // A non-member's typing goes nowhere; they get an error frame.
    chloe.sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("conversation_id"), conversationId}});
    const QJsonObject refusal = chloe.next();
    QCOMPARE(refusal.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QVERIFY(bruno.silentFor(150));
    QVERIFY(amelie.silentFor(50));
    QVERIFY(chloe.isConnected());
}

void TestServerLive::garbageFramesAreAnswered()
{
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(m_chloe.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    for (const QString &garbage : {QStringLiteral("not json"), QStringLiteral("[1,2]"), QStringLiteral("{\"type\":\"dance\"}"),
                                   QStringLiteral("{\"type\":\"typing\"}"), QStringLiteral("{\"type\":\"typing\",\"conversation_id\":5}")}) {
        ws.sendText(garbage);
        const QJsonObject answer = ws.next();
        QCOMPARE(answer.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QVERIFY(!answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString().isEmpty());
    }
    // The socket is still fine.
    ws.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("pong"));
}

void TestServerLive::oversizedFrameClosesSocket()
{
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(m_bruno.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    ws.sendText(QStringLiteral("{\"type\":\"ping\",\"pad\":\"%1\"}").arg(QString(20 * 1024, u'p')));
    QVERIFY(ws.waitClosed());
    QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
}

void TestServerLive::badTokenIsClosedWith4401()
{
    for (const QString &token : {QString(), QStringLiteral("garbage"), m_amelie.refreshToken}) {
        WsProbe ws(m_server->url());
        ws.open(token);
        QVERIFY(ws.waitClosed());
        QCOMPARE(int(ws.closeCode()), 4401);
        QCOMPARE(ws.closeReason(), QStringLiteral("unauthorized"));
        QVERIFY(ws.next(50).isEmpty()); // no hello
    }
    // Another path than /v1/ws is no WebSocket endpoint.
    QUrl url = m_server->url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/v1/elsewhere"));
    QWebSocket other;
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_amelie.accessToken.toLatin1());
    QSignalSpy connected(&other, &QWebSocket::connected);
    QSignalSpy disconnected(&other, &QWebSocket::disconnected);
    other.open(request);
    QTRY_VERIFY(!disconnected.isEmpty());
    QVERIFY(connected.isEmpty());
}

void TestServerLive::logoutClosesSocket()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("ws_leaver"));
    QVERIFY(!a.id.isEmpty());
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(a.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QCOMPARE(m_api->post(QStringLiteral("/v1/auth/logout"), {}, a.accessToken).status, 204);
    QVERIFY(ws.waitClosed());
    QCOMPARE(int(ws.closeCode()), 4401);
}

QTEST_GUILESS_MAIN(TestServerLive)
#include "tst_server_live.moc"
