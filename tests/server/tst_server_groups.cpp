// SPDX-License-Identifier: MIT
// Groups and mentions against the real server (issue 17, docs/api.md "Groups"): roles (the
// creator is admin; a member cannot add, remove or rename: 403), adding (not someone who
// blocked the adder, not past the size limit), renaming, removing (the removed member keeps
// the history up to the line that tells of it, gets nothing new and cannot post), leaving (the
// last admin's leaving makes the oldest member admin), system messages in every member's log,
// direct chats refusing all of it (409), and mentions recorded only for members of a group.
// Runs on SQLite and, as tst_server_groups_pg, on PostgreSQL.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void creatorIsAdmin();
    void nonAdminRefused();
    void addMembers();
    void addRefusals();
    void rename();
    void removedMemberIsCutOff();
    void leaveAndLastAdmin();
    void directChatRefusesManagement();
    void mentionsOnlyMembers();
    void systemMessagesAreNotChanged();

private:
    TestAccount fresh(const QString &prefix);
    QString group(const TestAccount &by, const QList<TestAccount> &others, const QString &title = QStringLiteral("Hike"));
    ApiReply say(const TestAccount &who, const QString &conversationId, const QString &text);
    ApiReply patch(const TestAccount &who, const QString &conversationId, const QJsonObject &body);
    ApiReply add(const TestAccount &who, const QString &conversationId, const QList<TestAccount> &people);
    ApiReply remove(const TestAccount &who, const QString &conversationId, const TestAccount &whom);
    QList<QJsonObject> messages(const TestAccount &who, const QString &conversationId);
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type, qint64 since = 0);
    qint64 latestSeq(const TestAccount &who);
    static QStringList memberIds(const QJsonObject &conversation);
    static QString reasonOf(const ApiReply &r);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
    int m_counter = 0;
};

void TestServerGroups::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

TestAccount TestServerGroups::fresh(const QString &prefix)
{
    const QString handle = QStringLiteral("%1%2").arg(prefix).arg(++m_accounts);
    return m_api->registerAccount(handle, prefix.left(1).toUpper() + prefix.mid(1));
}

QString TestServerGroups::group(const TestAccount &by, const QList<TestAccount> &others, const QString &title)
{
    QJsonArray ids;
    for (const TestAccount &a : others)
        ids.append(a.id);
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations"),
                                   {{QStringLiteral("member_ids"), ids}, {QStringLiteral("title"), title}}, by.accessToken);
    if (r.status != 201)
        qWarning() << "group creation:" << r.status << r.body;
    return r.json.value(QStringLiteral("id")).toString();
}

ApiReply TestServerGroups::say(const TestAccount &who, const QString &conversationId, const QString &text)
{
    return m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                       {{QStringLiteral("client_id"), QStringLiteral("grp-%1").arg(++m_counter)},
                        {QStringLiteral("text"), text}},
                       who.accessToken);
}

ApiReply TestServerGroups::patch(const TestAccount &who, const QString &conversationId, const QJsonObject &body)
{
    return m_api->send("PATCH", QStringLiteral("/v1/conversations/%1").arg(conversationId),
                       QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{"Content-Type", "application/json"}});
}

ApiReply TestServerGroups::add(const TestAccount &who, const QString &conversationId, const QList<TestAccount> &people)
{
    QJsonArray ids;
    for (const TestAccount &a : people)
        ids.append(a.id);
    return m_api->post(QStringLiteral("/v1/conversations/%1/members").arg(conversationId),
                       {{QStringLiteral("member_ids"), ids}}, who.accessToken);
}

ApiReply TestServerGroups::remove(const TestAccount &who, const QString &conversationId, const TestAccount &whom)
{
    return m_api->del(QStringLiteral("/v1/conversations/%1/members/%2").arg(conversationId, whom.id), who.accessToken);
}

QList<QJsonObject> TestServerGroups::messages(const TestAccount &who, const QString &conversationId)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1/messages?limit=100").arg(conversationId),
                                  who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
        out.prepend(v.toObject()); // oldest first
    return out;
}

QList<QJsonObject> TestServerGroups::eventsOf(const TestAccount &who, const QString &type, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

qint64 TestServerGroups::latestSeq(const TestAccount &who)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    return r.json.value(QStringLiteral("next_since")).toInteger();
}

QStringList TestServerGroups::memberIds(const QJsonObject &conversation)
{
    QStringList out;
    for (const QJsonValue &v : conversation.value(QStringLiteral("members")).toArray())
        out.append(v.toObject().value(QStringLiteral("id")).toString());
    return out;
}

QString TestServerGroups::reasonOf(const ApiReply &r)
{
    return r.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")].toString();
}

void TestServerGroups::creatorIsAdmin()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString g = group(amelie, {bruno});
    const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), bruno.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("admin_ids")).toArray(), QJsonArray{amelie.id});
    QCOMPARE(r.json.value(QStringLiteral("membership")).toString(), QStringLiteral("member"));
    QCOMPARE(r.json.value(QStringLiteral("unread_mentions")).toInteger(), 0);
}

void TestServerGroups::nonAdminRefused()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const TestAccount dana = fresh(QStringLiteral("dana"));
    const QString g = group(amelie, {bruno, chloe});
    const qint64 seq = latestSeq(amelie);

    const ApiReply adding = add(bruno, g, {dana});
    QCOMPARE(adding.status, 403);
    QCOMPARE(adding.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(reasonOf(adding), QStringLiteral("not_admin"));
    const ApiReply removing = remove(bruno, g, chloe);
    QCOMPARE(removing.status, 403);
    QCOMPARE(reasonOf(removing), QStringLiteral("not_admin"));
    const ApiReply renaming = patch(bruno, g, {{QStringLiteral("title"), QStringLiteral("Mine")}});
    QCOMPARE(renaming.status, 403);
    QCOMPARE(reasonOf(renaming), QStringLiteral("not_admin"));
    // Someone outside the group: 403 whatever they try; an unknown group: 404.
    QCOMPARE(add(dana, g, {dana}).status, 403);
    QCOMPARE(patch(dana, g, {{QStringLiteral("title"), QStringLiteral("x")}}).status, 403);
    QCOMPARE(patch(amelie, QStringLiteral("c_999999"), {{QStringLiteral("title"), QStringLiteral("x")}}).status, 404);

    // Nothing changed, nothing was logged.
    const ApiReply after = m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), amelie.accessToken);
    QCOMPARE(memberIds(after.json), (QStringList{amelie.id, bruno.id, chloe.id}));
    QCOMPARE(after.json.value(QStringLiteral("title")).toString(), QStringLiteral("Hike"));
    QCOMPARE(latestSeq(amelie), seq);
}

void TestServerGroups::addMembers()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString g = group(amelie, {bruno});
    QCOMPARE(say(bruno, g, QStringLiteral("Before Chloé")).status, 201);
    const qint64 brunoSeq = latestSeq(bruno);

    const ApiReply r = add(amelie, g, {chloe});
    QCOMPARE(r.status, 200);
    QCOMPARE(memberIds(r.json), (QStringList{amelie.id, bruno.id, chloe.id}));

    // The line "Amelie added Chloe" in everyone's log, the new member's included.
    for (const TestAccount &who : {bruno, chloe}) {
        const QList<QJsonObject> created = eventsOf(who, QStringLiteral("message.created"), who.id == bruno.id ? brunoSeq : 0);
        QVERIFY2(!created.isEmpty(), qPrintable(who.handle));
        const QJsonObject line = created.constLast();
        QCOMPARE(line.value(QStringLiteral("kind")).toString(), QStringLiteral("system"));
        QCOMPARE(line[QStringLiteral("system")][QStringLiteral("action")].toString(), QStringLiteral("added"));
        QCOMPARE(line[QStringLiteral("system")][QStringLiteral("actor_id")].toString(), amelie.id);
        QCOMPARE(line[QStringLiteral("system")][QStringLiteral("target_id")].toString(), chloe.id);
        QCOMPARE(line.value(QStringLiteral("text")).toString(), QStringLiteral("Amelie added Chloe"));
    }
    const QList<QJsonObject> updated = eventsOf(chloe, QStringLiteral("conversation.updated"));
    QVERIFY(!updated.isEmpty());
    QCOMPARE(memberIds(updated.constLast()), (QStringList{amelie.id, bruno.id, chloe.id}));
    // A system message is not unread for anyone.
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), bruno.accessToken)
                 .json.value(QStringLiteral("unread"))
                 .toInteger(),
             0);
    // The new member can post; adding someone already in changes nothing.
    QCOMPARE(say(chloe, g, QStringLiteral("Hello!")).status, 201);
    const qint64 seq = latestSeq(amelie);
    QCOMPARE(add(amelie, g, {chloe, bruno}).status, 200);
    QCOMPARE(latestSeq(amelie), seq);
}

void TestServerGroups::addRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount dana = fresh(QStringLiteral("dana"));
    const QString g = group(amelie, {bruno});
    // Dana blocked Amélie: Amélie cannot add her.
    QCOMPARE(m_api->send("PUT", QStringLiteral("/v1/blocks/%1").arg(amelie.id), {}, dana.accessToken).status, 200);
    const ApiReply blocked = add(amelie, g, {dana});
    QCOMPARE(blocked.status, 403);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), amelie.accessToken)
                 .json.value(QStringLiteral("members"))
                 .toArray()
                 .size(),
             2);
    // Bad input.
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/members").arg(g), {{QStringLiteral("member_ids"), QJsonArray{}}},
                         amelie.accessToken)
                 .status,
             400);
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/members").arg(g),
                         {{QStringLiteral("member_ids"), QJsonArray{QStringLiteral("u_999999")}}}, amelie.accessToken)
                 .status,
             404);
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/members").arg(g), {{QStringLiteral("member_ids"), 3}},
                         amelie.accessToken)
                 .status,
             400);
    // The size limit: 50 members in all.
    QList<TestAccount> crowd;
    for (int i = 0; i < 48; ++i)
        crowd.append(fresh(QStringLiteral("crowd")));
    QCOMPARE(add(amelie, g, crowd).status, 200); // 2 + 48 = 50
    const ApiReply full = add(amelie, g, {fresh(QStringLiteral("late"))});
    QCOMPARE(full.status, 400);
    QCOMPARE(full.errorField(), QStringLiteral("member_ids"));
}

void TestServerGroups::rename()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString g = group(amelie, {bruno});
    const qint64 seq = latestSeq(bruno);
    const ApiReply r = patch(amelie, g, {{QStringLiteral("title"), QStringLiteral("  Lac d’Annecy  ")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("title")).toString(), QStringLiteral("Lac d’Annecy"));
    const QList<QJsonObject> updated = eventsOf(bruno, QStringLiteral("conversation.updated"), seq);
    QVERIFY(!updated.isEmpty());
    QCOMPARE(updated.constLast().value(QStringLiteral("title")).toString(), QStringLiteral("Lac d’Annecy"));
    const QList<QJsonObject> created = eventsOf(bruno, QStringLiteral("message.created"), seq);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.constFirst()[QStringLiteral("system")][QStringLiteral("action")].toString(), QStringLiteral("renamed"));
    QCOMPARE(created.constFirst()[QStringLiteral("system")][QStringLiteral("title")].toString(), QStringLiteral("Lac d’Annecy"));
    // The same title again: nothing logged. Bad titles: 400.
    const qint64 after = latestSeq(bruno);
    QCOMPARE(patch(amelie, g, {{QStringLiteral("title"), QStringLiteral("Lac d’Annecy")}}).status, 200);
    QCOMPARE(latestSeq(bruno), after);
    for (const QJsonValue &bad : {QJsonValue(QStringLiteral("   ")), QJsonValue(QString(101, u'x')), QJsonValue(4), QJsonValue()}) {
        const ApiReply refused = patch(amelie, g, {{QStringLiteral("title"), bad}});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorField(), QStringLiteral("title"));
    }
}

void TestServerGroups::removedMemberIsCutOff()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString g = group(amelie, {bruno, chloe});
    QCOMPARE(say(chloe, g, QStringLiteral("I am here")).status, 201);

    const ApiReply r = remove(amelie, g, chloe);
    QCOMPARE(r.status, 200);
    QCOMPARE(memberIds(r.json), (QStringList{amelie.id, bruno.id}));
    const qint64 chloeSeq = latestSeq(chloe);

    // Chloé cannot post; Bruno's next message does not reach her.
    const ApiReply refused = say(chloe, g, QStringLiteral("Still here?"));
    QCOMPARE(refused.status, 403);
    QCOMPARE(reasonOf(refused), QStringLiteral("removed"));
    QCOMPARE(say(bruno, g, QStringLiteral("After Chloé")).status, 201);
    QCOMPARE(latestSeq(chloe), chloeSeq);

    // She keeps the history up to the line that tells of her removal.
    const QList<QJsonObject> history = messages(chloe, g);
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.constFirst().value(QStringLiteral("text")).toString(), QStringLiteral("I am here"));
    QCOMPARE(history.constLast()[QStringLiteral("system")][QStringLiteral("action")].toString(), QStringLiteral("removed"));
    QCOMPARE(history.constLast()[QStringLiteral("system")][QStringLiteral("target_id")].toString(), chloe.id);
    const ApiReply hers = m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), chloe.accessToken);
    QCOMPARE(hers.status, 200);
    QCOMPARE(hers.json.value(QStringLiteral("membership")).toString(), QStringLiteral("removed"));
    QCOMPARE(hers.json[QStringLiteral("last_message")][QStringLiteral("id")], history.constLast().value(QStringLiteral("id")));
    // Her log's last word on the conversation says so; the members saw the line too.
    const QList<QJsonObject> updated = eventsOf(chloe, QStringLiteral("conversation.updated"));
    QCOMPARE(updated.constLast().value(QStringLiteral("membership")).toString(), QStringLiteral("removed"));
    QCOMPARE(messages(bruno, g).size(), history.size() + 1);
    // She is gone from the list of her conversations; a removed member cannot be removed again.
    QCOMPARE(remove(amelie, g, chloe).status, 404);
    // Added back, she posts again.
    QCOMPARE(add(amelie, g, {chloe}).status, 200);
    QCOMPARE(say(chloe, g, QStringLiteral("Back")).status, 201);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), chloe.accessToken)
                 .json.value(QStringLiteral("membership"))
                 .toString(),
             QStringLiteral("member"));
}

void TestServerGroups::leaveAndLastAdmin()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const QString g = group(amelie, {bruno, chloe});

    // Anyone may leave.
    const ApiReply left = remove(chloe, g, chloe);
    QCOMPARE(left.status, 200);
    QCOMPARE(left.json.value(QStringLiteral("membership")).toString(), QStringLiteral("left"));
    QCOMPARE(say(chloe, g, QStringLiteral("x")).status, 403);
    const QList<QJsonObject> brunoSees = messages(bruno, g);
    QCOMPARE(brunoSees.constLast()[QStringLiteral("system")][QStringLiteral("action")].toString(), QStringLiteral("left"));
    QCOMPARE(brunoSees.constLast().value(QStringLiteral("text")).toString(), QStringLiteral("Chloe left"));

    // The last admin leaves: the member who joined first (Bruno) becomes admin.
    QCOMPARE(remove(amelie, g, amelie).status, 200);
    const ApiReply now = m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), bruno.accessToken);
    QCOMPARE(now.json.value(QStringLiteral("admin_ids")).toArray(), QJsonArray{bruno.id});
    QCOMPARE(memberIds(now.json), QStringList{bruno.id});
    const QJsonObject promoted = messages(bruno, g).constLast();
    QCOMPARE(promoted[QStringLiteral("system")][QStringLiteral("action")].toString(), QStringLiteral("promoted"));
    QCOMPARE(promoted[QStringLiteral("system")][QStringLiteral("target_id")].toString(), bruno.id);
    // Bruno, now admin, renames it.
    QCOMPARE(patch(bruno, g, {{QStringLiteral("title"), QStringLiteral("Just me")}}).status, 200);
}

void TestServerGroups::directChatRefusesManagement()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const ApiReply created = m_api->post(QStringLiteral("/v1/conversations"),
                                         {{QStringLiteral("member_ids"), QJsonArray{bruno.id}}}, amelie.accessToken);
    const QString d = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(created.json.value(QStringLiteral("admin_ids")).toArray(), QJsonArray{});
    const qint64 seq = latestSeq(amelie);
    for (const ApiReply &r : {remove(amelie, d, bruno), remove(amelie, d, amelie), add(amelie, d, {chloe}),
                              patch(amelie, d, {{QStringLiteral("title"), QStringLiteral("Us")}})}) {
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
        QCOMPARE(reasonOf(r), QStringLiteral("direct"));
    }
    QCOMPARE(latestSeq(amelie), seq);
}

void TestServerGroups::mentionsOnlyMembers()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const TestAccount outsider = fresh(QStringLiteral("zed"));
    const QString g = group(amelie, {bruno, chloe});
    const ApiReply r = say(amelie, g,
                           QStringLiteral("@%1 and @%2, not @%3 nor mail@%1.fr or @%1 twice")
                               .arg(bruno.handle, chloe.handle.toUpper(), outsider.handle));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("mentions")).toArray(), (QJsonArray{bruno.id, chloe.id}));
    // The mentioned see an unread mention; the sender does not.
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), bruno.accessToken)
                 .json.value(QStringLiteral("unread_mentions"))
                 .toInteger(),
             1);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), amelie.accessToken)
                 .json.value(QStringLiteral("unread_mentions"))
                 .toInteger(),
             0);
    // In the event too.
    const QList<QJsonObject> created = eventsOf(bruno, QStringLiteral("message.created"));
    QCOMPARE(created.constLast().value(QStringLiteral("mentions")).toArray(), (QJsonArray{bruno.id, chloe.id}));
    // Read: no unread mention any more.
    QCOMPARE(m_api->post(QStringLiteral("/v1/conversations/%1/read").arg(g),
                         {{QStringLiteral("up_to"), r.json.value(QStringLiteral("id"))}}, bruno.accessToken)
                 .status,
             204);
    QCOMPARE(m_api->get(QStringLiteral("/v1/conversations/%1").arg(g), bruno.accessToken)
                 .json.value(QStringLiteral("unread_mentions"))
                 .toInteger(),
             0);
    // A direct chat records no mentions.
    const ApiReply d = m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{bruno.id}}},
                                   amelie.accessToken);
    const ApiReply inDirect = say(amelie, d.json.value(QStringLiteral("id")).toString(), QStringLiteral("@%1 hi").arg(bruno.handle));
    QCOMPARE(inDirect.status, 201);
    QCOMPARE(inDirect.json.value(QStringLiteral("mentions")).toArray(), QJsonArray{});
}

void TestServerGroups::systemMessagesAreNotChanged()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString g = group(amelie, {bruno});
    QCOMPARE(patch(amelie, g, {{QStringLiteral("title"), QStringLiteral("New")}}).status, 200);
    const QString line = messages(amelie, g).constLast().value(QStringLiteral("id")).toString();
    const ApiReply edit = m_api->send("PATCH", QStringLiteral("/v1/messages/%1").arg(line), R"({"text":"hacked"})",
                                      amelie.accessToken, {{"Content-Type", "application/json"}});
    QCOMPARE(edit.status, 403);
    QCOMPARE(reasonOf(edit), QStringLiteral("system"));
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(line), amelie.accessToken).status, 403);
}

QTEST_GUILESS_MAIN(TestServerGroups)
#include "tst_server_groups.moc"
