// SPDX-License-Identifier: MIT
// Message requests against the real server (issue 17, docs/api.md "Message requests"): a
// stranger's new direct conversation is a request for the other person (request: true), a
// followed person's or someone's already met in a group is not; accepting is idempotent and
// logs conversation.updated to the accepter only once; non-members 403, unknown 404; replying
// accepts; no read receipts reach the sender while pending (the mark follows on accepting);
// blocking the sender takes the request out of the list while the block stands. Runs on SQLite
// and, as tst_server_messagerequests_pg, on PostgreSQL.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerMessageRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void strangersFirstMessageIsARequest();
    void followedOrMetIsNot();
    void acceptIsIdempotent();
    void acceptRefusals();
    void replyingAccepts();
    void noReceiptsWhilePending();
    void blockingDeclines();

private:
    TestAccount fresh(const QString &prefix);
    QJsonObject direct(const TestAccount &by, const TestAccount &other);
    ApiReply say(const TestAccount &who, const QString &conversationId, const QString &text);
    ApiReply accept(const TestAccount &who, const QString &conversationId);
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type);
    QStringList listed(const TestAccount &who);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
    int m_counter = 0;
};

void TestServerMessageRequests::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

TestAccount TestServerMessageRequests::fresh(const QString &prefix)
{
    const QString handle = QStringLiteral("%1%2").arg(prefix).arg(++m_accounts);
    return m_api->registerAccount(handle, prefix.left(1).toUpper() + prefix.mid(1));
}

QJsonObject TestServerMessageRequests::direct(const TestAccount &by, const TestAccount &other)
{
    return m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{other.id}}},
                       by.accessToken)
        .json;
}

ApiReply TestServerMessageRequests::say(const TestAccount &who, const QString &conversationId, const QString &text)
{
    return m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                       {{QStringLiteral("client_id"), QStringLiteral("rq-%1").arg(++m_counter)},
                        {QStringLiteral("text"), text}},
                       who.accessToken);
}

ApiReply TestServerMessageRequests::accept(const TestAccount &who, const QString &conversationId)
{
    return m_api->post(QStringLiteral("/v1/conversations/%1/accept").arg(conversationId), {}, who.accessToken);
}

QList<QJsonObject> TestServerMessageRequests::eventsOf(const TestAccount &who, const QString &type)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

QStringList TestServerMessageRequests::listed(const TestAccount &who)
{
    QStringList out;
    const ApiReply r = m_api->get(QStringLiteral("/v1/conversations"), who.accessToken);
    for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
        out.append(v.toObject().value(QStringLiteral("id")).toString() + (v.toObject().value(QStringLiteral("request")).toBool() ? QStringLiteral("?") : QString()));
    return out;
}

void TestServerMessageRequests::strangersFirstMessageIsARequest()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const QJsonObject made = direct(stranger, amelie);
    const QString id = made.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    // The starter sees nothing different.
    QCOMPARE(made.value(QStringLiteral("request")).toBool(), false);
    QCOMPARE(say(stranger, id, QStringLiteral("hi, see https://example.org")).status, 201);

    const ApiReply seen = m_api->get(QStringLiteral("/v1/conversations/%1").arg(id), amelie.accessToken);
    QCOMPARE(seen.status, 200);
    QCOMPARE(seen.json.value(QStringLiteral("request")).toBool(), true);
    QCOMPARE(listed(amelie), QStringList{id + u'?'});
    QCOMPARE(listed(stranger), QStringList{id});
    // Her log's conversation.updated carries it too (a device learns it by syncing).
    const auto updates = eventsOf(amelie, QStringLiteral("conversation.updated"));
    QVERIFY(!updates.isEmpty());
    QCOMPARE(updates.constLast().value(QStringLiteral("request")).toBool(), true);
    // Asking for the same pair again, from either side, changes nothing.
    QCOMPARE(direct(amelie, stranger).value(QStringLiteral("request")).toBool(), true);
    QCOMPARE(direct(stranger, amelie).value(QStringLiteral("request")).toBool(), false);
    // A payment request from the stranger still exists as a request resource.
    const QJsonObject eur{{QStringLiteral("amount"), 1500}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
    const ApiReply asked = m_api->send("POST", QStringLiteral("/v1/payment-requests"),
                                       QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur},
                                                                 {QStringLiteral("payer"), QString(u'@' + amelie.handle)}})
                                           .toJson(QJsonDocument::Compact),
                                       stranger.accessToken,
                                       {{"Content-Type", "application/json"}, {"Idempotency-Key", "rq-money-1"}});
    QCOMPARE(asked.status, 201);
}

void TestServerMessageRequests::followedOrMetIsNot()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount friendly = fresh(QStringLiteral("friend"));
    const TestAccount hiker = fresh(QStringLiteral("hiker"));
    const TestAccount third = fresh(QStringLiteral("third"));
    // Amélie follows her friend: the friend's first message is no request.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(friendly.id), {}, amelie.accessToken).status, 204);
    const QString withFriend = direct(friendly, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(withFriend), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             false);
    // Following her is not enough the other way round: the one who receives decides.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(amelie.id), {}, third.accessToken).status, 204);
    const QString fromFan = direct(third, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(fromFan), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             true);
    // A group they share: they have talked.
    const ApiReply group = m_api->post(QStringLiteral("/v1/conversations"),
                                       {{QStringLiteral("member_ids"), QJsonArray{amelie.id, hiker.id}},
                                        {QStringLiteral("title"), QStringLiteral("Hike")}},
                                       third.accessToken);
    QCOMPARE(group.status, 201);
    QCOMPARE(group.json.value(QStringLiteral("request")).toBool(), false);
    const QString withHiker = direct(hiker, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(withHiker), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             false);
    // Amélie starting it herself is never a request for her.
    const TestAccount other = fresh(QStringLiteral("other"));
    const QString hers = direct(amelie, other).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(hers), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             false);
}

void TestServerMessageRequests::acceptIsIdempotent()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const QString id = direct(stranger, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(say(stranger, id, QStringLiteral("Hello")).status, 201);
    const qsizetype before = eventsOf(amelie, QStringLiteral("conversation.updated")).size();
    const qsizetype strangerBefore = eventsOf(stranger, QStringLiteral("conversation.updated")).size();

    const ApiReply first = accept(amelie, id);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json.value(QStringLiteral("request")).toBool(), false);
    auto updates = eventsOf(amelie, QStringLiteral("conversation.updated"));
    QCOMPARE(updates.size(), before + 1);
    QCOMPARE(updates.constLast().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(updates.constLast().value(QStringLiteral("request")).toBool(), false);
    // The stranger's log hears nothing of it.
    QCOMPARE(eventsOf(stranger, QStringLiteral("conversation.updated")).size(), strangerBefore);

    const ApiReply again = accept(amelie, id);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("request")).toBool(), false);
    QCOMPARE(eventsOf(amelie, QStringLiteral("conversation.updated")).size(), before + 1);
    // Accepting what never was a request (the starter's side) is a 200 that logs nothing.
    QCOMPARE(accept(stranger, id).status, 200);
    QCOMPARE(eventsOf(stranger, QStringLiteral("conversation.updated")).size(), strangerBefore);
    QCOMPARE(listed(amelie), QStringList{id});
}

void TestServerMessageRequests::acceptRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const TestAccount outsider = fresh(QStringLiteral("outsider"));
    const QString id = direct(stranger, amelie).value(QStringLiteral("id")).toString();
    const ApiReply notMember = accept(outsider, id);
    QCOMPARE(notMember.status, 403);
    QCOMPARE(notMember.json[QStringLiteral("error")][QStringLiteral("code")].toString(), QStringLiteral("forbidden"));
    QCOMPARE(accept(amelie, QStringLiteral("c_999999")).status, 404);
    QCOMPARE(accept(amelie, QStringLiteral("m_1")).status, 404);
    QCOMPARE(accept(amelie, QStringLiteral("nonsense")).status, 404);
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/accept").arg(id), {}).status, 401);
    // Still a request after all that.
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(id), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             true);
}

void TestServerMessageRequests::replyingAccepts()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const QString id = direct(stranger, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(say(stranger, id, QStringLiteral("Hello?")).status, 201);
    QCOMPARE(say(amelie, id, QStringLiteral("Hi! Who is this?")).status, 201);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(id), amelie.accessToken)
                 .json.value(QStringLiteral("request")).toBool(),
             false);
    const auto updates = eventsOf(amelie, QStringLiteral("conversation.updated"));
    QCOMPARE(updates.constLast().value(QStringLiteral("request")).toBool(), false);
    QCOMPARE(accept(amelie, id).status, 200);
    QCOMPARE(eventsOf(amelie, QStringLiteral("conversation.updated")).size(), updates.size());
}

void TestServerMessageRequests::noReceiptsWhilePending()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const QString id = direct(stranger, amelie).value(QStringLiteral("id")).toString();
    const ApiReply sent = say(stranger, id, QStringLiteral("Did you get this?"));
    QCOMPARE(sent.status, 201);
    const QString messageId = sent.json.value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/read").arg(id), {{QStringLiteral("up_to"), messageId}},
                         amelie.accessToken)
                 .status,
             204);
    auto reads = [&](const TestAccount &who) {
        QStringList out;
        for (const QJsonObject &e : eventsOf(who, QStringLiteral("conversation.read"))) {
            if (e.value(QStringLiteral("user_id")).toString() == amelie.id)
                out.append(e.value(QStringLiteral("up_to")).toString());
        }
        return out;
    };
    QCOMPARE(reads(amelie), QStringList{messageId}); // her own devices know
    QCOMPARE(reads(stranger), QStringList());         // the sender does not
    QCOMPARE(accept(amelie, id).status, 200);
    QCOMPARE(reads(stranger), QStringList{messageId});
}

void TestServerMessageRequests::blockingDeclines()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    const QString id = direct(stranger, amelie).value(QStringLiteral("id")).toString();
    QCOMPARE(say(stranger, id, QStringLiteral("Buy my stuff")).status, 201);
    QCOMPARE(listed(amelie), QStringList{id + u'?'});
    QCOMPARE(m_api->send("PUT", QStringLiteral("/v1/blocks/%1").arg(stranger.id), {}, amelie.accessToken).status, 200);
    // Gone from her list (the block.changed in her log tells her devices); nothing accepted.
    QCOMPARE(listed(amelie), QStringList());
    const ApiReply still = m_api->get(QStringLiteral("/v1/conversations/%1").arg(id), amelie.accessToken);
    QCOMPARE(still.status, 200);
    QCOMPARE(still.json.value(QStringLiteral("request")).toBool(), true);
    QCOMPARE(eventsOf(amelie, QStringLiteral("block.changed")).size(), 1);
    // The stranger can write no more, and sees their own conversation as before.
    QCOMPARE(say(stranger, id, QStringLiteral("Hello??")).status, 403);
    QCOMPARE(listed(stranger), QStringList{id});
    // Unblocking brings the request back as it was.
    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(stranger.id), amelie.accessToken).status, 204);
    QCOMPARE(listed(amelie), QStringList{id + u'?'});
}

QTEST_GUILESS_MAIN(TestServerMessageRequests)
#include "tst_server_messagerequests.moc"
