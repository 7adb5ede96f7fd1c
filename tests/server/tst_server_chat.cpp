// SPDX-License-Identifier: MIT
// Chat against the real server: membership (404 for unknown ids, 403 for strangers), text
// messages deduplicated by client_id, newest-first paging with a cursor, read marks and
// unread counts, validation with the error envelope, message events in every member's log,
// typing over the WebSocket, and the demo chats.

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace plaza::test;

class TestServerChat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void directIsOnePerPair();
    void postAndDedupe();
    void membership();
    void validation_data();
    void validation();
    void lengthIsCountedInCharacters();
    void orderingAndPaging();
    void readMarksAndUnread();
    void eventsToEveryMember();
    void groupConversation();
    void typing();
    void paymentInConversation();
    void demoChat();

private:
    QString conversation(const TestAccount &by, const QStringList &others, const QString &title = {});
    ApiReply say(const TestAccount &who, const QString &conversationId, const QString &text, QString clientId = {});
    QJsonObject conversationOf(const TestAccount &who, const QString &id);
    QJsonArray events(const TestAccount &who, qint64 since = 0);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
    TestAccount m_chloe;
    QString m_ab; //!< Amélie and Bruno's direct conversation
    int m_counter = 0;
};

void TestServerChat::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"));
    m_chloe = m_api->registerAccount(QStringLiteral("chloe"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty() && !m_chloe.id.isEmpty());
    m_ab = conversation(m_amelie, {m_bruno.id});
    QVERIFY(!m_ab.isEmpty());
}

QString TestServerChat::conversation(const TestAccount &by, const QStringList &others, const QString &title)
{
    QJsonObject body{{QStringLiteral("member_ids"), QJsonArray::fromStringList(others)}};
    if (!title.isEmpty())
        body.insert(QStringLiteral("title"), title);
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations"), body, by.accessToken);
    if (r.status != 200 && r.status != 201)
        qWarning() << "conversation:" << r.status << r.body;
    return r.json.value(QStringLiteral("id")).toString();
}

ApiReply TestServerChat::say(const TestAccount &who, const QString &conversationId, const QString &text, QString clientId)
{
    if (clientId.isEmpty())
        clientId = QStringLiteral("msg-%1").arg(++m_counter);
    return m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                       {{QStringLiteral("client_id"), clientId}, {QStringLiteral("text"), text}}, who.accessToken);
}

QJsonObject TestServerChat::conversationOf(const TestAccount &who, const QString &id)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1").arg(id), who.accessToken);
    if (r.status != 200)
        qWarning() << "conversationOf:" << r.status << r.body;
    return r.json;
}

QJsonArray TestServerChat::events(const TestAccount &who, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    return r.json.value(QStringLiteral("events")).toArray();
}

void TestServerChat::directIsOnePerPair()
{
    QCOMPARE(conversation(m_bruno, {m_amelie.id}), m_ab);
    QCOMPARE(conversation(m_amelie, {m_bruno.id, m_amelie.id}), m_ab);
    const QJsonObject c = conversationOf(m_amelie, m_ab);
    QCOMPARE(c.value(QStringLiteral("kind")).toString(), QStringLiteral("direct"));
    QVERIFY(c.value(QStringLiteral("title")).isNull());
    QCOMPARE(c.value(QStringLiteral("members")).toArray().size(), 2);
}

void TestServerChat::postAndDedupe()
{
    const QString text = QStringLiteral("Salut <b>Bruno</b> & co — ça va ? 🙂");
    ApiReply first = say(m_amelie, m_ab, text, QStringLiteral("2b1e0c8e-1d3c-4a51-9f00-5a1d2e3f4a5b"));
    QCOMPARE(first.status, 201);
    const QJsonObject message = first.json;
    QVERIFY(message.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("m_")));
    QCOMPARE(message.value(QStringLiteral("text")).toString(), text); // exactly as sent
    QCOMPARE(message.value(QStringLiteral("kind")).toString(), QStringLiteral("text"));
    QVERIFY(message.value(QStringLiteral("payment")).isNull());
    QCOMPARE(message.value(QStringLiteral("conversation_id")).toString(), m_ab);
    QCOMPARE(message.value(QStringLiteral("sender")).toObject().value(QStringLiteral("id")).toString(), m_amelie.id);
    QVERIFY(message.value(QStringLiteral("created_at")).toString().endsWith(u'Z'));

    // The same client_id again (even with other text): the original, 200, nothing new.
    ApiReply again = say(m_amelie, m_ab, QStringLiteral("something else"), QStringLiteral("2b1e0c8e-1d3c-4a51-9f00-5a1d2e3f4a5b"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, message);
    const ApiReply list = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(m_ab), m_bruno.accessToken);
    QCOMPARE(list.status, 200);
    int copies = 0;
    for (const QJsonValue &v : list.json.value(QStringLiteral("items")).toArray())
        copies += v.toObject().value(QStringLiteral("client_id")).toString() == u"2b1e0c8e-1d3c-4a51-9f00-5a1d2e3f4a5b";
    QCOMPARE(copies, 1);

    // Another sender may use the same client_id: it is per sender.
    ApiReply bruno = say(m_bruno, m_ab, QStringLiteral("Oui!"), QStringLiteral("2b1e0c8e-1d3c-4a51-9f00-5a1d2e3f4a5b"));
    QCOMPARE(bruno.status, 201);
    QVERIFY(bruno.json.value(QStringLiteral("id")) != message.value(QStringLiteral("id")));

    // The same client_id in another conversation is a conflict, not a silent answer.
    const QString ac = conversation(m_amelie, {m_chloe.id});
    ApiReply elsewhere = say(m_amelie, ac, QStringLiteral("hi"), QStringLiteral("2b1e0c8e-1d3c-4a51-9f00-5a1d2e3f4a5b"));
    QCOMPARE(elsewhere.status, 409);
    QCOMPARE(elsewhere.errorCode(), QStringLiteral("conflict"));
    QVERIFY(elsewhere.isEnvelope());
}

void TestServerChat::membership()
{
    const QString path = QStringLiteral("/v1/conversations/%1").arg(m_ab);
    // Chloé is not in Amélie and Bruno's conversation: 403 for each way in.
    for (const ApiReply &r : {m_api->get(path, m_chloe.accessToken),
                              m_api->get(path + QStringLiteral("/messages"), m_chloe.accessToken),
                              say(m_chloe, m_ab, QStringLiteral("let me in")),
                              m_api->post(path + QStringLiteral("/read"), {{QStringLiteral("up_to"), QStringLiteral("m_1")}},
                                          m_chloe.accessToken)}) {
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        QVERIFY(r.isEnvelope());
    }
    // And the conversation list does not show it to her.
    const ApiReply list = m_api->get(QStringLiteral("/v1/conversations"), m_chloe.accessToken);
    for (const QJsonValue &v : list.json.value(QStringLiteral("items")).toArray())
        QVERIFY(v.toObject().value(QStringLiteral("id")).toString() != m_ab);
    // Unknown and malformed ids: 404.
    for (const QString &id : {QStringLiteral("c_999999"), QStringLiteral("nope"), QStringLiteral("c_0"), QStringLiteral("u_1")}) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(id), m_amelie.accessToken);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
        QCOMPARE(say(m_amelie, id, QStringLiteral("hello?")).status, 404);
    }
    // No token: 401.
    QCOMPARE(m_api->get(path + QStringLiteral("/messages")).status, 401);
}

void TestServerChat::validation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("malformed json") << QByteArray("{\"client_id\": \"x\", \"text\": ") << 400 << "invalid_json" << "";
    QTest::newRow("not an object") << QByteArray("[1,2]") << 400 << "invalid_json" << "";
    QTest::newRow("no text") << QByteArray(R"({"client_id":"v1"})") << 400 << "validation_failed" << "text";
    QTest::newRow("empty text") << QByteArray(R"({"client_id":"v2","text":""})") << 400 << "validation_failed" << "text";
    QTest::newRow("blank text") << QByteArray(R"({"client_id":"v3","text":" \n\t "})") << 400 << "validation_failed" << "text";
    QTest::newRow("text a number") << QByteArray(R"({"client_id":"v4","text":12})") << 400 << "validation_failed" << "text";
    QTest::newRow("no client_id") << QByteArray(R"({"text":"hi"})") << 400 << "validation_failed" << "client_id";
    QTest::newRow("client_id a number") << QByteArray(R"({"client_id":5,"text":"hi"})") << 400 << "validation_failed" << "client_id";
    QTest::newRow("client_id bad chars") << QByteArray(R"({"client_id":"a b","text":"hi"})") << 400 << "validation_failed" << "client_id";
    QTest::newRow("client_id too long") << (QByteArray(R"({"client_id":")") + QByteArray(65, 'a') + R"(","text":"hi"})")
                                        << 400 << "validation_failed" << "client_id";
    QTest::newRow("too long") << (QByteArray(R"({"client_id":"v5","text":")") + QByteArray(4001, 'x') + "\"}") << 400
                              << "validation_failed" << "text";
}

void TestServerChat::validation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const ApiReply r = m_api->send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(m_ab), body,
                                   m_amelie.accessToken, {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, status);
    QVERIFY2(r.isEnvelope(), r.body.constData());
    QCOMPARE(r.errorCode(), code);
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    QVERIFY(!r.errorMessage().isEmpty());

    // Read marks: a wrong type, a message of another conversation, an unknown one.
    const QString read = QStringLiteral("/v1/conversations/%1/read").arg(m_ab);
    ApiReply bad = m_api->post(read, {{QStringLiteral("up_to"), 3}}, m_amelie.accessToken);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.errorField(), QStringLiteral("up_to"));
    bad = m_api->post(read, {{QStringLiteral("up_to"), QStringLiteral("m_999999")}}, m_amelie.accessToken);
    QCOMPARE(bad.status, 404);
    QCOMPARE(bad.errorField(), QStringLiteral("up_to"));
    // Paging: before must be a message of this conversation; limit 1..200.
    bad = m_api->get(QStringLiteral("/v1/conversations/%1/messages?before=c_1").arg(m_ab), m_amelie.accessToken);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.errorField(), QStringLiteral("before"));
    bad = m_api->get(QStringLiteral("/v1/conversations/%1/messages?limit=0").arg(m_ab), m_amelie.accessToken);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.errorField(), QStringLiteral("limit"));
    bad = m_api->get(QStringLiteral("/v1/conversations/%1/messages?limit=201").arg(m_ab), m_amelie.accessToken);
    QCOMPARE(bad.status, 400);
}

void TestServerChat::lengthIsCountedInCharacters()
{
    // 4,000 emoji are 8,000 UTF-16 units and 16,000 bytes, but 4,000 characters: accepted.
    QString longest;
    for (int i = 0; i < 4000; ++i)
        longest += QStringLiteral("😀");
    ApiReply r = say(m_amelie, m_ab, longest);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("text")).toString(), longest);
    r = say(m_amelie, m_ab, longest + QStringLiteral("!"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("text"));
    QVERIFY(r.errorMessage().contains(QStringLiteral("4000")));
}

void TestServerChat::orderingAndPaging()
{
    const TestAccount d = m_api->registerAccount(QStringLiteral("pager_d"));
    const TestAccount e = m_api->registerAccount(QStringLiteral("pager_e"));
    const QString c = conversation(d, {e.id});
    QStringList sent;
    for (int i = 0; i < 25; ++i) {
        const ApiReply r = say(i % 2 ? e : d, c, QStringLiteral("message %1").arg(i));
        QCOMPARE(r.status, 201);
        sent.prepend(r.json.value(QStringLiteral("id")).toString()); // newest first
    }
    QStringList seen;
    QString before;
    int pages = 0;
    for (;;) {
        QString path = QStringLiteral("/v1/conversations/%1/messages?limit=10").arg(c);
        if (!before.isEmpty())
            path += QStringLiteral("&before=") + before;
        const ApiReply r = m_api->get(path, e.accessToken);
        QCOMPARE(r.status, 200);
        ++pages;
        const QJsonArray items = r.json.value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() <= 10);
        for (const QJsonValue &v : items)
            seen.append(v.toObject().value(QStringLiteral("id")).toString());
        if (r.json.value(QStringLiteral("next_before")).isNull())
            break;
        before = r.json.value(QStringLiteral("next_before")).toString();
        QCOMPARE(before, seen.constLast());
        // A message arriving between pages does not shift the cursor.
        if (pages == 1)
            QCOMPARE(say(d, c, QStringLiteral("late arrival")).status, 201);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, sent);
    const QJsonObject newest = conversationOf(d, c).value(QStringLiteral("last_message")).toObject();
    QCOMPARE(newest.value(QStringLiteral("text")).toString(), QStringLiteral("late arrival"));

    // The conversation list is ordered by last activity.
    const QString older = conversation(d, {m_amelie.id});
    QCOMPARE(say(d, older, QStringLiteral("now this one is newest")).status, 201);
    const ApiReply list = m_api->get(QStringLiteral("/v1/conversations"), d.accessToken);
    const QJsonArray items = list.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toString(), older);
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("id")).toString(), c);
}

void TestServerChat::readMarksAndUnread()
{
    const TestAccount f = m_api->registerAccount(QStringLiteral("reader_f"));
    const TestAccount g = m_api->registerAccount(QStringLiteral("reader_g"));
    // G follows F: F's conversation is no message request for G, so G's receipts reach F.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(f.id), {}, g.accessToken).status, 204);
    const QString c = conversation(f, {g.id});
    QCOMPARE(conversationOf(g, c).value(QStringLiteral("unread")).toInt(), 0);
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(say(f, c, QStringLiteral("ping %1").arg(i)).json.value(QStringLiteral("id")).toString());
    // Own messages are never unread; G has three.
    QCOMPARE(conversationOf(f, c).value(QStringLiteral("unread")).toInt(), 0);
    QCOMPARE(conversationOf(f, c).value(QStringLiteral("read_up_to")).toString(), ids.constLast());
    QJsonObject seenByG = conversationOf(g, c);
    QCOMPARE(seenByG.value(QStringLiteral("unread")).toInt(), 3);
    QVERIFY(seenByG.value(QStringLiteral("read_up_to")).isNull());
    // And the list says the same.
    const QJsonArray list = m_api->get(QStringLiteral("/v1/conversations"), g.accessToken).json.value(QStringLiteral("items")).toArray();
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("unread")).toInt(), 3);

    const QString read = QStringLiteral("/v1/conversations/%1/read").arg(c);
    QCOMPARE(m_api->post(read, {{QStringLiteral("up_to"), ids.at(1)}}, g.accessToken).status, 204);
    seenByG = conversationOf(g, c);
    QCOMPARE(seenByG.value(QStringLiteral("unread")).toInt(), 1);
    QCOMPARE(seenByG.value(QStringLiteral("read_up_to")).toString(), ids.at(1));
    // A mark never moves back, and marking again is a no-op (no new events).
    const qsizetype before = events(g).size();
    QCOMPARE(m_api->post(read, {{QStringLiteral("up_to"), ids.at(0)}}, g.accessToken).status, 204);
    QCOMPARE(m_api->post(read, {{QStringLiteral("up_to"), ids.at(1)}}, g.accessToken).status, 204);
    QCOMPARE(conversationOf(g, c).value(QStringLiteral("read_up_to")).toString(), ids.at(1));
    QCOMPARE(events(g).size(), before);
    QCOMPARE(m_api->post(read, {{QStringLiteral("up_to"), ids.at(2)}}, g.accessToken).status, 204);
    QCOMPARE(conversationOf(g, c).value(QStringLiteral("unread")).toInt(), 0);
    // The read mark reached both logs.
    for (const TestAccount &who : {f, g}) {
        const QJsonArray log = events(who);
        bool found = false;
        for (const QJsonValue &v : log) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("type")).toString() == u"conversation.read") {
                const QJsonObject data = e.value(QStringLiteral("data")).toObject();
                found = found || (data.value(QStringLiteral("user_id")).toString() == g.id
                                  && data.value(QStringLiteral("up_to")).toString() == ids.at(2));
            }
        }
        QVERIFY(found);
    }
    // G answers: F has one unread.
    QCOMPARE(say(g, c, QStringLiteral("pong")).status, 201);
    QCOMPARE(conversationOf(f, c).value(QStringLiteral("unread")).toInt(), 1);
}

void TestServerChat::eventsToEveryMember()
{
    const TestAccount h = m_api->registerAccount(QStringLiteral("events_h"));
    const TestAccount i = m_api->registerAccount(QStringLiteral("events_i"));
    const QString c = conversation(h, {i.id});
    const qsizetype hBefore = events(h).size();
    const qsizetype iBefore = events(i).size();
    const qsizetype chloeBefore = events(m_chloe).size();
    const ApiReply r = say(h, c, QStringLiteral("to the log"));
    QCOMPARE(r.status, 201);
    QCOMPARE(say(h, c, QStringLiteral("to the log"), r.json.value(QStringLiteral("client_id")).toString()).status, 200);
    for (const auto &[who, before] : {std::pair{h, hBefore}, std::pair{i, iBefore}}) {
        const QJsonArray log = events(who);
        QCOMPARE(log.size(), before + 2); // message.created + conversation.updated, once (the retry added nothing)
        QCOMPARE(log.at(before).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("message.created"));
        QCOMPARE(log.at(before).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("id")),
                 r.json.value(QStringLiteral("id")));
        const QJsonObject updated = log.at(before + 1).toObject();
        QCOMPARE(updated.value(QStringLiteral("type")).toString(), QStringLiteral("conversation.updated"));
        QCOMPARE(updated.value(QStringLiteral("data")).toObject().value(QStringLiteral("unread")).toInt(), who.id == i.id ? 1 : 0);
    }
    QCOMPARE(events(m_chloe).size(), chloeBefore); // not a member: nothing
}

void TestServerChat::groupConversation()
{
    const ApiReply created = m_api->post(QStringLiteral("/v1/conversations"),
                                         {{QStringLiteral("member_ids"), QJsonArray{m_bruno.id, m_chloe.id}},
                                          {QStringLiteral("title"), QStringLiteral("Book club 📚")}},
                                         m_amelie.accessToken);
    QCOMPARE(created.status, 201);
    const QString g = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(created.json.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(created.json.value(QStringLiteral("title")).toString(), QStringLiteral("Book club 📚"));
    QCOMPARE(created.json.value(QStringLiteral("members")).toArray().size(), 3);
    QCOMPARE(say(m_chloe, g, QStringLiteral("Chapter 3 by Wednesday?")).status, 201);
    QCOMPARE(conversationOf(m_amelie, g).value(QStringLiteral("unread")).toInt(), 1);
    QCOMPARE(conversationOf(m_bruno, g).value(QStringLiteral("unread")).toInt(), 1);
    QCOMPARE(conversationOf(m_chloe, g).value(QStringLiteral("unread")).toInt(), 0);
    // A second group with the same people is another conversation.
    const ApiReply second = m_api->post(QStringLiteral("/v1/conversations"),
                                        {{QStringLiteral("member_ids"), QJsonArray{m_bruno.id, m_chloe.id}},
                                         {QStringLiteral("title"), QStringLiteral("Book club 📚")}},
                                        m_amelie.accessToken);
    QCOMPARE(second.status, 201);
    QVERIFY(second.json.value(QStringLiteral("id")).toString() != g);
}

void TestServerChat::typing()
{
    WsProbe amelie(m_server->url());
    WsProbe bruno(m_server->url());
    WsProbe chloe(m_server->url());
    QVERIFY(amelie.open(m_amelie.accessToken));
    QVERIFY(bruno.open(m_bruno.accessToken));
    QVERIFY(chloe.open(m_chloe.accessToken));
    QCOMPARE(amelie.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QCOMPARE(bruno.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QCOMPARE(chloe.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    amelie.sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("conversation_id"), m_ab}});
    const QJsonObject frame = bruno.next();
    QCOMPARE(frame.value(QStringLiteral("type")).toString(), QStringLiteral("typing"));
    QCOMPARE(frame.value(QStringLiteral("data")).toObject().value(QStringLiteral("conversation_id")).toString(), m_ab);
    QCOMPARE(frame.value(QStringLiteral("data")).toObject().value(QStringLiteral("user_id")).toString(), m_amelie.id);
    QVERIFY(chloe.silentFor(300));  // not a member
    QVERIFY(amelie.silentFor(100)); // not echoed to the typist
    // A message posted now reaches Bruno's socket as its events.
    QCOMPARE(say(m_amelie, m_ab, QStringLiteral("live!")).status, 201);
    const QJsonObject live = bruno.next();
    QCOMPARE(live.value(QStringLiteral("type")).toString(), QStringLiteral("message.created"));
    QCOMPARE(live.value(QStringLiteral("data")).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("live!"));
}

void TestServerChat::paymentInConversation()
{
    // Top up Amélie, then pay Bruno inside their conversation: a payment message there.
    ApiReply top = m_api->send("POST", QStringLiteral("/v1/wallet/top-ups"),
                               R"({"amount":{"amount":5000,"currency":"EUR"},"card_token":"tok_visa"})", m_amelie.accessToken,
                               {{"Content-Type", "application/json"}, {"Idempotency-Key", "chat-topup-1"}});
    QCOMPARE(top.status, 201);
    const QByteArray body = QStringLiteral(R"({"to":"%1","amount":{"amount":1250,"currency":"EUR"},"note":"Pizza 🍕","conversation_id":"%2"})")
                                .arg(m_bruno.id, m_ab)
                                .toUtf8();
    ApiReply paid = m_api->send("POST", QStringLiteral("/v1/transfers"), body, m_amelie.accessToken,
                                {{"Content-Type", "application/json"}, {"Idempotency-Key", "chat-pay-1"}});
    QCOMPARE(paid.status, 201);
    const QJsonObject last = conversationOf(m_bruno, m_ab).value(QStringLiteral("last_message")).toObject();
    QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("payment"));
    QCOMPARE(last.value(QStringLiteral("text")).toString(), QStringLiteral("Pizza 🍕"));
    QCOMPARE(last.value(QStringLiteral("payment")).toObject().value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInt(), 1250);
    QCOMPARE(conversationOf(m_bruno, m_ab).value(QStringLiteral("unread")).toInt() > 0, true);
}

void TestServerChat::demoChat()
{
    TestServer server({QStringLiteral("--demo")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const ApiReply login = api.post(QStringLiteral("/v1/auth/login"),
                                    {{QStringLiteral("handle"), QStringLiteral("amelie")},
                                     {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    QCOMPARE(login.status, 200);
    const QString token = login.json.value(QStringLiteral("access_token")).toString();
    const ApiReply list = api.get(QStringLiteral("/v1/conversations?limit=50"), token);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.json.value(QStringLiteral("items")).toArray();
    QVERIFY2(items.size() >= 7, QByteArray::number(items.size()).constData());
    int total = 0;
    int unreadConversations = 0;
    bool group = false;
    bool payment = false;
    for (const QJsonValue &v : items) {
        const QJsonObject c = v.toObject();
        group = group || c.value(QStringLiteral("kind")).toString() == u"group";
        unreadConversations += c.value(QStringLiteral("unread")).toInt() > 0;
        QString before;
        for (;;) {
            QString path = QStringLiteral("/v1/conversations/%1/messages?limit=200").arg(c.value(QStringLiteral("id")).toString());
            if (!before.isEmpty())
                path += QStringLiteral("&before=") + before;
            const ApiReply page = api.get(path, token);
            QCOMPARE(page.status, 200);
            for (const QJsonValue &m : page.json.value(QStringLiteral("items")).toArray()) {
                ++total;
                payment = payment || m.toObject().value(QStringLiteral("kind")).toString() == u"payment";
            }
            if (page.json.value(QStringLiteral("next_before")).isNull())
                break;
            before = page.json.value(QStringLiteral("next_before")).toString();
        }
    }
    QVERIFY(group);
    QVERIFY(payment);
    QVERIFY2(total >= 200, QByteArray::number(total).constData());
    QCOMPARE(unreadConversations, 3); // Chloé's chat, the group, and Bruno's dinner payment
}

QTEST_GUILESS_MAIN(TestServerChat)
#include "tst_server_chat.moc"
