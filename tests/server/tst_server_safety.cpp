// SPDX-License-Identifier: MIT
// Safety against the real server (issue 17, docs/api.md "Safety"): blocks (a blocked person
// cannot message, pay, ask for money, follow, find or see the blocker's posts; the blocker
// stops seeing theirs; a direct conversation between them stays readable but read-only; one
// block.changed in the blocker's own log), mutes (the caller's alone, conversation.updated
// to the caller) and reports (each target type, each refusal, declining a request in the same
// step). Runs on SQLite and, as tst_server_safety_pg, on PostgreSQL.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void blockRoundTrip();
    void blockRefusals();
    void blockedConversationIsReadOnly();
    void blockedMoney();
    void blockedSendersAreNotUnread();
    void blockedSearchAndFeed();
    void muteRoundTrip();
    void muteRefusals();
    void reports();
    void reportRefusals();
    void reportDeclinesRequest();

private:
    TestAccount fresh(const QString &prefix);
    QString direct(const TestAccount &by, const TestAccount &other);
    ApiReply say(const TestAccount &who, const QString &conversationId, const QString &text);
    ApiReply put(const QString &path, const QByteArray &body, const TestAccount &who);
    ApiReply money(const QString &path, const QJsonObject &body, const TestAccount &who);
    ApiReply ask(const TestAccount &asker, const TestAccount &payer, qint64 amount);
    ApiReply report(const TestAccount &who, const QJsonObject &body);
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type, qint64 since = 0);
    qint64 latestSeq(const TestAccount &who);
    QString now();
    static QString reasonOf(const ApiReply &r);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
    int m_counter = 0;
};

void TestServerSafety::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}).status, 200);
}

TestAccount TestServerSafety::fresh(const QString &prefix)
{
    const QString handle = QStringLiteral("%1%2").arg(prefix).arg(++m_accounts);
    return m_api->registerAccount(handle, prefix.left(1).toUpper() + prefix.mid(1));
}

QString TestServerSafety::direct(const TestAccount &by, const TestAccount &other)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations"),
                                   {{QStringLiteral("member_ids"), QJsonArray{other.id}}}, by.accessToken);
    return r.json.value(QStringLiteral("id")).toString();
}

ApiReply TestServerSafety::say(const TestAccount &who, const QString &conversationId, const QString &text)
{
    return m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                       {{QStringLiteral("client_id"), QStringLiteral("safe-%1").arg(++m_counter)},
                        {QStringLiteral("text"), text}},
                       who.accessToken);
}

ApiReply TestServerSafety::put(const QString &path, const QByteArray &body, const TestAccount &who)
{
    return m_api->send("PUT", path, body, who.accessToken,
                       body.isEmpty() ? QList<QPair<QByteArray, QByteArray>>{}
                                      : QList<QPair<QByteArray, QByteArray>>{{"Content-Type", "application/json"}});
}

ApiReply TestServerSafety::money(const QString &path, const QJsonObject &body, const TestAccount &who)
{
    return m_api->send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{"Content-Type", "application/json"},
                        {"Idempotency-Key", QStringLiteral("safety-%1").arg(++m_counter).toLatin1()}});
}

ApiReply TestServerSafety::ask(const TestAccount &asker, const TestAccount &payer, qint64 amount)
{
    const QJsonObject eur{{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
    return money(QStringLiteral("/v1/payment-requests"),
                 {{QStringLiteral("amount"), eur}, {QStringLiteral("payer"), QString(u'@' + payer.handle)}}, asker);
}

ApiReply TestServerSafety::report(const TestAccount &who, const QJsonObject &body)
{
    return m_api->post(QStringLiteral("/v1/reports"), body, who.accessToken);
}

QList<QJsonObject> TestServerSafety::eventsOf(const TestAccount &who, const QString &type, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

qint64 TestServerSafety::latestSeq(const TestAccount &who)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    return r.json.value(QStringLiteral("next_since")).toInteger();
}

QString TestServerSafety::now()
{
    return m_api->get(QStringLiteral("/v1/test/clock")).json.value(QStringLiteral("now")).toString();
}

QString TestServerSafety::reasonOf(const ApiReply &r)
{
    return r.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")].toString();
}

void TestServerSafety::blockRoundTrip()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const qint64 brunoBefore = latestSeq(bruno);

    ApiReply first = put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), {}, amelie);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json[QStringLiteral("user")][QStringLiteral("id")].toString(), bruno.id);
    QVERIFY(first.json.value(QStringLiteral("blocked_at")).toString().endsWith(u'Z'));
    // Idempotent: the same block, the same answer, one event; by @handle too.
    ApiReply again = put(QStringLiteral("/v1/blocks/@%1").arg(bruno.handle), {}, amelie);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("blocked_at")), first.json.value(QStringLiteral("blocked_at")));
    QList<QJsonObject> changes = eventsOf(amelie, QStringLiteral("block.changed"));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), bruno.id);
    QCOMPARE(changes.at(0).value(QStringLiteral("blocked")).toBool(), true);
    // The blocked person is not told.
    QVERIFY(eventsOf(bruno, QStringLiteral("block.changed"), brunoBefore).isEmpty());

    ApiReply list = m_api->get(QStringLiteral("/v1/blocks"), amelie.accessToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(list.json[QStringLiteral("items")][0][QStringLiteral("user")][QStringLiteral("handle")].toString(), bruno.handle);
    QVERIFY(list.json.value(QStringLiteral("next_before")).isNull());
    QCOMPARE(m_api->get(QStringLiteral("/v1/blocks"), bruno.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);

    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie.accessToken).status, 204);
    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie.accessToken).status, 204);
    changes = eventsOf(amelie, QStringLiteral("block.changed"));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).value(QStringLiteral("blocked")).toBool(), false);
    QCOMPARE(m_api->get(QStringLiteral("/v1/blocks"), amelie.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
}

void TestServerSafety::blockRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    ApiReply self = put(QStringLiteral("/v1/blocks/%1").arg(amelie.id), {}, amelie);
    QCOMPARE(self.status, 400);
    QCOMPARE(self.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(self.errorField(), QStringLiteral("user"));
    QCOMPARE(put(QStringLiteral("/v1/blocks/u_999999"), {}, amelie).status, 404);
    QCOMPARE(put(QStringLiteral("/v1/blocks/nobody"), {}, amelie).status, 404);
    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/@nobody_here"), amelie.accessToken).status, 404);
    QCOMPARE(put(QStringLiteral("/v1/blocks/u_1"), {}, TestAccount{}).status, 401);
    ApiReply badBefore = m_api->get(QStringLiteral("/v1/blocks?before=u_1"), amelie.accessToken);
    QCOMPARE(badBefore.status, 400);
    QCOMPARE(badBefore.errorField(), QStringLiteral("before"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/blocks?limit=0"), amelie.accessToken).status, 400);
    QCOMPARE(eventsOf(amelie, QStringLiteral("block.changed")).size(), 0);
}

void TestServerSafety::blockedConversationIsReadOnly()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString ab = direct(amelie, bruno);
    const ApiReply before = say(bruno, ab, QStringLiteral("Salut !"));
    QCOMPARE(before.status, 201);
    const QString messageId = before.json.value(QStringLiteral("id")).toString();
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), {}, amelie).status, 200);

    // Neither can send in their direct conversation; the one blocked is told so, not why.
    ApiReply fromBruno = say(bruno, ab, QStringLiteral("Tu es là ?"));
    QCOMPARE(fromBruno.status, 403);
    QCOMPARE(fromBruno.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(reasonOf(fromBruno), QStringLiteral("blocked"));
    QCOMPARE(fromBruno.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("blocked_by_me")].toBool(), false);
    ApiReply fromAmelie = say(amelie, ab, QStringLiteral("Non."));
    QCOMPARE(fromAmelie.status, 403);
    QCOMPARE(reasonOf(fromAmelie), QStringLiteral("blocked"));
    QCOMPARE(fromAmelie.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("blocked_by_me")].toBool(), true);
    // ... nor react, edit or forward into it; but both still read it.
    QCOMPARE(put(QStringLiteral("/v1/messages/%1/reactions/%2").arg(messageId, QStringLiteral("👍")), {}, amelie).status, 403);
    ApiReply edit = m_api->send("PATCH", QStringLiteral("/v1/messages/%1").arg(messageId), R"({"text":"Re-salut"})",
                                bruno.accessToken, {{"Content-Type", "application/json"}});
    QCOMPARE(edit.status, 403);
    QCOMPARE(reasonOf(edit), QStringLiteral("blocked"));
    const QString ac = direct(amelie, chloe);
    const ApiReply toChloe = say(amelie, ac, QStringLiteral("Pour Bruno"));
    ApiReply forward = m_api->post(QStringLiteral("/v1/messages/%1/forward").arg(toChloe.json.value(QStringLiteral("id")).toString()),
                                   {{QStringLiteral("targets"), QJsonArray{QJsonObject{{QStringLiteral("conversation_id"), ab},
                                                                                       {QStringLiteral("client_id"), QStringLiteral("fw-1")}}}}},
                                   amelie.accessToken);
    QCOMPARE(forward.status, 403);
    for (const TestAccount *who : {&amelie, &bruno}) {
        ApiReply read = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(ab), who->accessToken);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json.value(QStringLiteral("items")).toArray().size(), 1);
    }
    // Asking for the direct conversation again returns it; a new group with the blocker is refused.
    ApiReply again = m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{amelie.id}}},
                                 bruno.accessToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("id")).toString(), ab);
    ApiReply group = m_api->post(QStringLiteral("/v1/conversations"),
                                 {{QStringLiteral("member_ids"), QJsonArray{amelie.id, chloe.id}}, {QStringLiteral("title"), QStringLiteral("Trio")}},
                                 bruno.accessToken);
    QCOMPARE(group.status, 403);
    QCOMPARE(reasonOf(group), QStringLiteral("blocked"));
    // A group they already share is not affected.
    const QString trio = m_api->post(QStringLiteral("/v1/conversations"),
                                     {{QStringLiteral("member_ids"), QJsonArray{bruno.id, amelie.id}}, {QStringLiteral("title"), QStringLiteral("Trio")}},
                                     chloe.accessToken)
                             .json.value(QStringLiteral("id"))
                             .toString();
    QVERIFY(!trio.isEmpty());
    QCOMPARE(say(bruno, trio, QStringLiteral("Bonjour à tous")).status, 201);

    // Unblocked: the conversation opens again.
    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie.accessToken).status, 204);
    QCOMPARE(say(bruno, ab, QStringLiteral("Merci")).status, 201);
}

void TestServerSafety::blockedSendersAreNotUnread()
{
    // A group Amélie shares with Bruno, whom she blocks, and Chloé.
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString trio = m_api->post(QStringLiteral("/v1/conversations"),
                                     {{QStringLiteral("member_ids"), QJsonArray{bruno.id, amelie.id}},
                                      {QStringLiteral("title"), QStringLiteral("Trio")}},
                                     chloe.accessToken)
                             .json.value(QStringLiteral("id"))
                             .toString();
    QVERIFY(!trio.isEmpty());
    auto unreadOf = [&](const TestAccount &who) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1").arg(trio), who.accessToken);
        return std::pair{r.json.value(QStringLiteral("unread")).toInteger(-1),
                         r.json.value(QStringLiteral("unread_mentions")).toInteger(-1)};
    };
    QCOMPARE(say(bruno, trio, QStringLiteral("Un")).status, 201);
    QCOMPARE(unreadOf(amelie).first, 1);

    // The block: Bruno's messages and mentions no longer count for her, and her log carries the
    // conversation as it now is (her other devices' badges follow).
    const qint64 seq = latestSeq(amelie);
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), {}, amelie).status, 200);
    const QList<QJsonObject> updated = eventsOf(amelie, QStringLiteral("conversation.updated"), seq);
    QCOMPARE(updated.size(), 1);
    QCOMPARE(updated.constFirst().value(QStringLiteral("id")).toString(), trio);
    QCOMPARE(updated.constFirst().value(QStringLiteral("unread")).toInteger(), 0);
    QCOMPARE(say(bruno, trio, QStringLiteral("Deux, @%1").arg(amelie.handle)).status, 201);
    QCOMPARE(unreadOf(amelie), (std::pair<qint64, qint64>{0, 0}));
    // Chloé's count of Bruno's messages is not touched; hers count for Amélie.
    QCOMPARE(unreadOf(chloe).first, 2);
    QCOMPARE(say(chloe, trio, QStringLiteral("Trois, @%1").arg(amelie.handle)).status, 201);
    QCOMPARE(unreadOf(amelie), (std::pair<qint64, qint64>{1, 1}));

    // Unblocked: they count again.
    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie.accessToken).status, 204);
    QCOMPARE(unreadOf(amelie), (std::pair<qint64, qint64>{3, 2}));
}

void TestServerSafety::blockedMoney()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    for (const TestAccount *who : {&amelie, &bruno}) {
        QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                       {{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 5000}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                        {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                       *who)
                     .status,
                 201);
    }
    // Bruno asked before the block: the block declines it (and Amélie's to him is cancelled).
    const ApiReply early = ask(bruno, amelie, 700);
    QCOMPARE(early.status, 201);
    const ApiReply mine = ask(amelie, bruno, 300);
    QCOMPARE(mine.status, 201);
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), {}, amelie).status, 200);
    const QString earlyId = early.json.value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/%1").arg(earlyId), bruno.accessToken).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("declined"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/%1").arg(mine.json.value(QStringLiteral("id")).toString()), amelie.accessToken)
                 .json.value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("cancelled"));

    // A blocked user's request to pay is refused; so is a transfer either way.
    ApiReply refused = ask(bruno, amelie, 500);
    QCOMPARE(refused.status, 403);
    QCOMPARE(reasonOf(refused), QStringLiteral("blocked"));
    QCOMPARE(ask(amelie, bruno, 500).status, 403);
    const QJsonObject eur{{QStringLiteral("amount"), 100}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
    ApiReply transfer = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), amelie.id}, {QStringLiteral("amount"), eur}}, bruno);
    QCOMPARE(transfer.status, 403);
    QCOMPARE(reasonOf(transfer), QStringLiteral("blocked"));
    QCOMPARE(money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), bruno.id}, {QStringLiteral("amount"), eur}}, amelie).status, 403);
    // A link request of Amélie's (anyone may pay it) cannot be paid by Bruno either.
    const ApiReply link = money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur}}, amelie);
    QCOMPARE(link.status, 201);
    ApiReply pay = money(QStringLiteral("/v1/payment-requests/%1/pay").arg(link.json.value(QStringLiteral("id")).toString()), {}, bruno);
    QCOMPARE(pay.status, 403);
    QCOMPARE(reasonOf(pay), QStringLiteral("blocked"));
    // No money moved: both wallets as topped up.
    QCOMPARE(m_api->get(QStringLiteral("/v1/wallet"), bruno.accessToken).json[QStringLiteral("balance")][QStringLiteral("amount")].toInteger(), 5000);
    QCOMPARE(m_api->get(QStringLiteral("/v1/wallet"), amelie.accessToken).json[QStringLiteral("balance")][QStringLiteral("amount")].toInteger(), 5000);
}

void TestServerSafety::blockedSearchAndFeed()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(amelie.id), {}, bruno.accessToken).status, 204);
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(bruno.id), {}, amelie.accessToken).status, 204);
    const ApiReply hers = m_api->post(QStringLiteral("/v1/posts"),
                                      {{QStringLiteral("client_id"), QStringLiteral("hers")}, {QStringLiteral("text"), QStringLiteral("Marché ce matin")}},
                                      amelie.accessToken);
    QCOMPARE(hers.status, 201);
    const ApiReply his = m_api->post(QStringLiteral("/v1/posts"),
                                     {{QStringLiteral("client_id"), QStringLiteral("his")}, {QStringLiteral("text"), QStringLiteral("Vélo demain")}},
                                     bruno.accessToken);
    QCOMPARE(his.status, 201);
    const QString herPost = hers.json.value(QStringLiteral("id")).toString();
    const QString hisPost = his.json.value(QStringLiteral("id")).toString();
    const auto ids = [&](const QString &path, const TestAccount &who) {
        QStringList out;
        for (const QJsonValue &v : m_api->get(path, who.accessToken).json.value(QStringLiteral("items")).toArray())
            out.append(v.toObject().value(QStringLiteral("id")).toString());
        return out;
    };
    QVERIFY(ids(QStringLiteral("/v1/timeline/home"), bruno).contains(herPost));
    const auto found = [&](const TestAccount &who, const TestAccount &whom) {
        for (const QJsonValue &v : m_api->get(QStringLiteral("/v1/users?query=%1").arg(whom.handle), who.accessToken)
                                       .json.value(QStringLiteral("items"))
                                       .toArray()) {
            if (v.toObject().value(QStringLiteral("id")).toString() == whom.id)
                return true;
        }
        return false;
    };
    QVERIFY(found(bruno, amelie));

    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), {}, amelie).status, 200);
    // The follows are gone both ways; Bruno sees none of her posts, nor finds her.
    QCOMPARE(m_api->get(QStringLiteral("/v1/users/%1").arg(amelie.id), bruno.accessToken).json.value(QStringLiteral("followed_by_me")).toBool(), false);
    QCOMPARE(m_api->get(QStringLiteral("/v1/users/%1").arg(bruno.id), amelie.accessToken).json.value(QStringLiteral("followed_by_me")).toBool(), false);
    QVERIFY(!ids(QStringLiteral("/v1/timeline/home"), bruno).contains(herPost));
    QVERIFY(!ids(QStringLiteral("/v1/timeline/discover"), bruno).contains(herPost));
    QVERIFY(ids(QStringLiteral("/v1/users/%1/posts").arg(amelie.id), bruno).isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(herPost), bruno.accessToken).status, 404);
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/like").arg(herPost), {}, bruno.accessToken).status, 404);
    ApiReply reply = m_api->post(QStringLiteral("/v1/posts"),
                                 {{QStringLiteral("client_id"), QStringLiteral("reply")}, {QStringLiteral("text"), QStringLiteral("!")},
                                  {QStringLiteral("reply_to"), herPost}},
                                 bruno.accessToken);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorField(), QStringLiteral("reply_to"));
    QVERIFY(!found(bruno, amelie));
    ApiReply follow = m_api->post(QStringLiteral("/v1/users/%1/follow").arg(amelie.id), {}, bruno.accessToken);
    QCOMPARE(follow.status, 403);
    QCOMPARE(reasonOf(follow), QStringLiteral("blocked"));
    // Amélie no longer sees his posts either, but can still find him (to unblock him).
    QVERIFY(!ids(QStringLiteral("/v1/timeline/discover"), amelie).contains(hisPost));
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(hisPost), amelie.accessToken).status, 404);
    QVERIFY(found(amelie, bruno));
    // Others still see both.
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QStringList forChloe = ids(QStringLiteral("/v1/timeline/discover"), chloe);
    QVERIFY(forChloe.contains(herPost) && forChloe.contains(hisPost));

    QCOMPARE(m_api->del(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie.accessToken).status, 204);
    QVERIFY(found(bruno, amelie));
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(herPost), bruno.accessToken).status, 200);
}

void TestServerSafety::muteRoundTrip()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString ab = direct(amelie, bruno);
    const QString path = QStringLiteral("/v1/conversations/%1/mute").arg(ab);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(ab), amelie.accessToken).json.value(QStringLiteral("muted")).toBool(), false);
    const qint64 amelieBefore = latestSeq(amelie);
    const qint64 brunoBefore = latestSeq(bruno);

    const QString until = QDateTime::fromString(now(), Qt::ISODateWithMs).addSecs(8 * 3600).toString(Qt::ISODateWithMs);
    ApiReply muted = put(path, QJsonDocument(QJsonObject{{QStringLiteral("until"), until}}).toJson(), amelie);
    QCOMPARE(muted.status, 200);
    QCOMPARE(muted.json.value(QStringLiteral("muted")).toBool(), true);
    QCOMPARE(QDateTime::fromString(muted.json.value(QStringLiteral("muted_until")).toString(), Qt::ISODateWithMs),
             QDateTime::fromString(until, Qt::ISODateWithMs));
    // The same mute again logs nothing; the other member sees nothing of it.
    QCOMPARE(put(path, QJsonDocument(QJsonObject{{QStringLiteral("until"), until}}).toJson(), amelie).status, 200);
    QList<QJsonObject> updates = eventsOf(amelie, QStringLiteral("conversation.updated"), amelieBefore);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).value(QStringLiteral("muted")).toBool(), true);
    QVERIFY(eventsOf(bruno, QStringLiteral("conversation.updated"), brunoBefore).isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(ab), bruno.accessToken).json.value(QStringLiteral("muted")).toBool(), false);
    // Messages still arrive, and Amélie's conversation.updated of them says muted.
    QCOMPARE(say(bruno, ab, QStringLiteral("Tu dors ?")).status, 201);
    updates = eventsOf(amelie, QStringLiteral("conversation.updated"), amelieBefore);
    QCOMPARE(updates.constLast().value(QStringLiteral("muted")).toBool(), true);

    // Forever (null), then unmuted; DELETE again changes nothing.
    ApiReply noEnd = put(path, R"({"until":null})", amelie);
    QCOMPARE(noEnd.status, 200);
    QCOMPARE(noEnd.json.value(QStringLiteral("muted")).toBool(), true);
    QVERIFY(noEnd.json.value(QStringLiteral("muted_until")).isNull());
    ApiReply unmuted = m_api->del(path, amelie.accessToken);
    QCOMPARE(unmuted.status, 200);
    QCOMPARE(unmuted.json.value(QStringLiteral("muted")).toBool(), false);
    QVERIFY(unmuted.json.value(QStringLiteral("muted_until")).isNull());
    const qint64 afterUnmute = latestSeq(amelie);
    QCOMPARE(m_api->del(path, amelie.accessToken).status, 200);
    QCOMPARE(latestSeq(amelie), afterUnmute);
    QCOMPARE(eventsOf(amelie, QStringLiteral("conversation.updated"), amelieBefore).size(), 4); // mute, message, forever, unmute
}

void TestServerSafety::muteRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString ab = direct(amelie, bruno);
    const QString path = QStringLiteral("/v1/conversations/%1/mute").arg(ab);
    const qint64 before = latestSeq(amelie);
    struct Case {
        QByteArray body;
        int status;
        QString code;
    };
    const QString past = QDateTime::fromString(now(), Qt::ISODateWithMs).addSecs(-60).toString(Qt::ISODateWithMs);
    const QList<Case> cases{
        {"{}", 400, QStringLiteral("validation_failed")},
        {R"({"until":1767225600000})", 400, QStringLiteral("validation_failed")},
        {R"({"until":"tomorrow"})", 400, QStringLiteral("validation_failed")},
        {R"({"until":true})", 400, QStringLiteral("validation_failed")},
        {QStringLiteral(R"({"until":"%1"})").arg(past).toUtf8(), 400, QStringLiteral("validation_failed")},
        {"{not json", 400, QStringLiteral("invalid_json")},
        {"[]", 400, QStringLiteral("invalid_json")},
    };
    for (const Case &c : cases) {
        const ApiReply r = put(path, c.body, amelie);
        QVERIFY2(r.status == c.status && r.errorCode() == c.code, c.body.constData());
        QVERIFY(r.isEnvelope());
        if (c.code == u"validation_failed")
            QCOMPARE(r.errorField(), QStringLiteral("until"));
    }
    QCOMPARE(put(path, R"({"until":null})", chloe).status, 403);
    QCOMPARE(m_api->del(path, chloe.accessToken).status, 403);
    QCOMPARE(put(QStringLiteral("/v1/conversations/c_999999/mute"), R"({"until":null})", amelie).status, 404);
    QCOMPARE(put(QStringLiteral("/v1/conversations/nope/mute"), R"({"until":null})", amelie).status, 404);
    QCOMPARE(latestSeq(amelie), before);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(ab), amelie.accessToken).json.value(QStringLiteral("muted")).toBool(), false);
}

void TestServerSafety::reports()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString ab = direct(amelie, bruno);
    const QString message = say(bruno, ab, QStringLiteral("Achète mes cryptos")).json.value(QStringLiteral("id")).toString();
    const QString post = m_api->post(QStringLiteral("/v1/posts"),
                                     {{QStringLiteral("client_id"), QStringLiteral("spam")}, {QStringLiteral("text"), QStringLiteral("Gagnez 1000 €")}},
                                     bruno.accessToken)
                             .json.value(QStringLiteral("id"))
                             .toString();
    const QString request = ask(bruno, amelie, 900).json.value(QStringLiteral("id")).toString();
    QVERIFY(!message.isEmpty() && !post.isEmpty() && !request.isEmpty());
    const QList<QPair<QString, QString>> targets{{QStringLiteral("message"), message},
                                                 {QStringLiteral("post"), post},
                                                 {QStringLiteral("user"), bruno.id},
                                                 {QStringLiteral("payment_request"), request}};
    QStringList reportIds;
    for (const auto &[type, id] : targets) {
        const ApiReply r = report(amelie, {{QStringLiteral("target_type"), type}, {QStringLiteral("target_id"), id},
                                           {QStringLiteral("reason"), QStringLiteral("scam")}, {QStringLiteral("note"), QStringLiteral("Arnaque")}});
        QCOMPARE(r.status, 201);
        QVERIFY(r.json.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("rp_")));
        QCOMPARE(r.json.value(QStringLiteral("target_type")).toString(), type);
        QCOMPARE(r.json.value(QStringLiteral("target_id")).toString(), id);
        QCOMPARE(r.json.value(QStringLiteral("reason")).toString(), QStringLiteral("scam"));
        QCOMPARE(r.json.value(QStringLiteral("note")).toString(), QStringLiteral("Arnaque"));
        QCOMPARE(r.json.value(QStringLiteral("declined")).toBool(), false);
        reportIds.append(r.json.value(QStringLiteral("id")).toString());
    }
    // One report per person and target: a repeat returns the first.
    const ApiReply again = report(amelie, {{QStringLiteral("target_type"), QStringLiteral("user")}, {QStringLiteral("target_id"), QString(u'@' + bruno.handle)},
                                           {QStringLiteral("reason"), QStringLiteral("spam")}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("id")).toString(), reportIds.at(2));
    QCOMPARE(again.json.value(QStringLiteral("reason")).toString(), QStringLiteral("scam"));
    // A note of exactly 500 characters (code points) is fine; reports log nothing to the reported.
    const ApiReply longNote = report(bruno, {{QStringLiteral("target_type"), QStringLiteral("user")}, {QStringLiteral("target_id"), amelie.id},
                                             {QStringLiteral("reason"), QStringLiteral("other")}, {QStringLiteral("note"), QString(500, u'é')}});
    QCOMPARE(longNote.status, 201);
    // The request is still open: reporting alone declines nothing.
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/%1").arg(request), amelie.accessToken).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("open"));
}

void TestServerSafety::reportRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString bc = direct(bruno, chloe);
    const QString theirs = say(bruno, bc, QStringLiteral("Entre nous")).json.value(QStringLiteral("id")).toString();
    const QString request = ask(bruno, chloe, 400).json.value(QStringLiteral("id")).toString();
    const QString post = m_api->post(QStringLiteral("/v1/posts"),
                                     {{QStringLiteral("client_id"), QStringLiteral("p")}, {QStringLiteral("text"), QStringLiteral("Hello")}},
                                     bruno.accessToken)
                             .json.value(QStringLiteral("id"))
                             .toString();
    const auto body = [](const QString &type, const QString &id, const QString &reason = QStringLiteral("spam")) {
        return QJsonObject{{QStringLiteral("target_type"), type}, {QStringLiteral("target_id"), id}, {QStringLiteral("reason"), reason}};
    };
    struct Case {
        QJsonObject body;
        int status;
        QString code;
        QString field;
    };
    QJsonObject tooLong = body(QStringLiteral("user"), bruno.id);
    tooLong.insert(QStringLiteral("note"), QString(501, u'x'));
    QJsonObject declineUser = body(QStringLiteral("user"), bruno.id);
    declineUser.insert(QStringLiteral("decline"), true);
    QJsonObject declineOthers = body(QStringLiteral("payment_request"), request);
    declineOthers.insert(QStringLiteral("decline"), true);
    QJsonObject noteNumber = body(QStringLiteral("user"), bruno.id);
    noteNumber.insert(QStringLiteral("note"), 5);
    const QList<Case> cases{
        {body(QStringLiteral("comment"), bruno.id), 400, QStringLiteral("validation_failed"), QStringLiteral("target_type")},
        {body(QStringLiteral("user"), bruno.id, QStringLiteral("boring")), 400, QStringLiteral("validation_failed"), QStringLiteral("reason")},
        {QJsonObject{{QStringLiteral("target_type"), QStringLiteral("user")}, {QStringLiteral("reason"), QStringLiteral("spam")}}, 400,
         QStringLiteral("validation_failed"), QStringLiteral("target_id")},
        {QJsonObject{{QStringLiteral("target_type"), QStringLiteral("user")}, {QStringLiteral("target_id"), 12}, {QStringLiteral("reason"), QStringLiteral("spam")}},
         400, QStringLiteral("validation_failed"), QStringLiteral("target_id")},
        {tooLong, 400, QStringLiteral("validation_failed"), QStringLiteral("note")},
        {noteNumber, 400, QStringLiteral("validation_failed"), QStringLiteral("note")},
        {declineUser, 400, QStringLiteral("validation_failed"), QStringLiteral("decline")},
        {body(QStringLiteral("user"), amelie.id), 400, QStringLiteral("validation_failed"), QStringLiteral("target_id")},
        {body(QStringLiteral("user"), QStringLiteral("u_999999")), 404, QStringLiteral("not_found"), QStringLiteral("target_id")},
        {body(QStringLiteral("message"), QStringLiteral("m_999999")), 404, QStringLiteral("not_found"), QStringLiteral("target_id")},
        {body(QStringLiteral("message"), post), 404, QStringLiteral("not_found"), QStringLiteral("target_id")},
        {body(QStringLiteral("message"), theirs), 403, QStringLiteral("forbidden"), QStringLiteral("target_id")},
        {body(QStringLiteral("post"), QStringLiteral("p_999999")), 404, QStringLiteral("not_found"), QStringLiteral("target_id")},
        {body(QStringLiteral("payment_request"), request), 403, QStringLiteral("forbidden"), QStringLiteral("target_id")},
        {declineOthers, 403, QStringLiteral("forbidden"), QStringLiteral("target_id")},
        {body(QStringLiteral("payment_request"), QStringLiteral("pr_999999")), 404, QStringLiteral("not_found"), QStringLiteral("target_id")},
    };
    for (const Case &c : cases) {
        const ApiReply r = report(amelie, c.body);
        QVERIFY2(r.status == c.status && r.errorCode() == c.code && r.errorField() == c.field,
                 qPrintable(QStringLiteral("%1 → %2 %3").arg(QString::fromUtf8(QJsonDocument(c.body).toJson(QJsonDocument::Compact)))
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body))));
    }
    QCOMPARE(m_api->send("POST", QStringLiteral("/v1/reports"), "{oops", amelie.accessToken, {{"Content-Type", "application/json"}}).errorCode(),
             QStringLiteral("invalid_json"));
    // A post whose author blocked the reporter is not there for them; Bruno's own report of his
    // request is refused.
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(amelie.id), {}, bruno).status, 200);
    QCOMPARE(report(amelie, body(QStringLiteral("post"), post)).status, 404);
    QCOMPARE(report(bruno, body(QStringLiteral("payment_request"), request)).errorField(), QStringLiteral("target_id"));
    // Nothing was stored: a first valid report of each is new (201).
    QCOMPARE(report(chloe, body(QStringLiteral("payment_request"), request)).status, 201);
    QCOMPARE(report(chloe, body(QStringLiteral("message"), theirs)).status, 201);
}

void TestServerSafety::reportDeclinesRequest()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString request = ask(bruno, amelie, 1500).json.value(QStringLiteral("id")).toString();
    QVERIFY(!request.isEmpty());
    const qint64 brunoBefore = latestSeq(bruno);
    const QJsonObject body{{QStringLiteral("target_type"), QStringLiteral("payment_request")}, {QStringLiteral("target_id"), request},
                           {QStringLiteral("reason"), QStringLiteral("scam")}, {QStringLiteral("decline"), true}};
    const ApiReply r = report(amelie, body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("declined")).toBool(), true);
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/%1").arg(request), bruno.accessToken).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("declined"));
    // Both hear of the decline; the asker hears nothing of the report.
    const QList<QJsonObject> updates = eventsOf(bruno, QStringLiteral("payment_request.updated"), brunoBefore);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QCOMPARE(eventsOf(amelie, QStringLiteral("payment_request.updated")).constLast().value(QStringLiteral("status")).toString(),
             QStringLiteral("declined"));
    // Declining again: the request is no longer open (409 with its status), the report unchanged.
    const ApiReply again = report(amelie, body);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("declined"));
    // Atomic: a decline that fails stores no report (a paid request cannot be declined).
    const QString second = ask(bruno, amelie, 100).json.value(QStringLiteral("id")).toString();
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                   {{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 500}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                    {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   amelie)
                 .status,
             201);
    QCOMPARE(money(QStringLiteral("/v1/payment-requests/%1/pay").arg(second), {}, amelie).status, 201);
    QJsonObject late = body;
    late.insert(QStringLiteral("target_id"), second);
    QCOMPARE(report(amelie, late).status, 409);
    late.remove(QStringLiteral("decline"));
    QCOMPARE(report(amelie, late).status, 201); // the first report of it: nothing was kept before
}

QTEST_GUILESS_MAIN(TestServerSafety)
#include "tst_server_safety.moc"
