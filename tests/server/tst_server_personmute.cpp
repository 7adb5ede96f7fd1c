// SPDX-License-Identifier: MIT
// Muting a person in the feed against the real server (issue 17, docs/api.md "Safety"):
// PUT/DELETE /v1/mutes/{user} are idempotent (one person_mute.changed in the muter's own log
// per change), refuse oneself (400) and unknown people (404); GET /v1/mutes is paged and
// private; the muter's home and discover timelines leave out the muted person's posts and
// reposts (and reposts of them) while their profile still shows them; nobody else's feed
// changes, the muted person is not told, and messages still flow (a mute is not a block).
// Runs on SQLite and, as tst_server_personmute_pg, on PostgreSQL.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerPersonMute : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void muteRoundTrip();
    void refusals();
    void listIsPagedAndPrivate();
    void feedLeavesMutedOut();
    void muteIsNotBlock();

private:
    TestAccount fresh(const QString &prefix);
    ApiReply mute(const QString &who, const TestAccount &by);
    ApiReply unmute(const QString &who, const TestAccount &by);
    QString postAs(const TestAccount &who, const QString &text);
    QStringList timeline(const QString &path, const TestAccount &who);
    void follow(const TestAccount &who, const TestAccount &whom);
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type, qint64 since = 0);
    qint64 latestSeq(const TestAccount &who);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
    int m_counter = 0;
};

void TestServerPersonMute::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

TestAccount TestServerPersonMute::fresh(const QString &prefix)
{
    const QString handle = QStringLiteral("%1%2").arg(prefix).arg(++m_accounts);
    return m_api->registerAccount(handle, prefix.left(1).toUpper() + prefix.mid(1));
}

ApiReply TestServerPersonMute::mute(const QString &who, const TestAccount &by)
{
    return m_api->send("PUT", QStringLiteral("/v1/mutes/%1").arg(who), {}, by.accessToken);
}

ApiReply TestServerPersonMute::unmute(const QString &who, const TestAccount &by)
{
    return m_api->del(QStringLiteral("/v1/mutes/%1").arg(who), by.accessToken);
}

QString TestServerPersonMute::postAs(const TestAccount &who, const QString &text)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/posts"),
                                   {{QStringLiteral("client_id"), QStringLiteral("pm-%1").arg(++m_counter)},
                                    {QStringLiteral("text"), text}},
                                   who.accessToken);
    if (r.status != 201)
        qWarning() << "post" << r.status << r.json;
    return r.json.value(QStringLiteral("id")).toString();
}

QStringList TestServerPersonMute::timeline(const QString &path, const TestAccount &who)
{
    const ApiReply r = m_api->get(path + QStringLiteral("?limit=200"), who.accessToken);
    if (r.status != 200)
        qWarning() << path << r.status << r.json;
    QStringList ids;
    for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

void TestServerPersonMute::follow(const TestAccount &who, const TestAccount &whom)
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(whom.id), {}, who.accessToken).status, 204);
}

QList<QJsonObject> TestServerPersonMute::eventsOf(const TestAccount &who, const QString &type, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

qint64 TestServerPersonMute::latestSeq(const TestAccount &who)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    return r.json.value(QStringLiteral("next_since")).toInteger();
}

void TestServerPersonMute::muteRoundTrip()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const qint64 brunoBefore = latestSeq(bruno);

    const ApiReply first = mute(bruno.id, amelie);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json[QStringLiteral("user")][QStringLiteral("id")].toString(), bruno.id);
    QCOMPARE(first.json[QStringLiteral("user")][QStringLiteral("handle")].toString(), bruno.handle);
    QVERIFY(first.json.value(QStringLiteral("muted_at")).toString().endsWith(u'Z'));
    // Idempotent: the same mute (the first muted_at), by @handle too, and one event.
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 60}}).status, 200);
    const ApiReply again = mute(u'@' + bruno.handle, amelie);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("muted_at")), first.json.value(QStringLiteral("muted_at")));
    QList<QJsonObject> changes = eventsOf(amelie, QStringLiteral("person_mute.changed"));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), bruno.id);
    QCOMPARE(changes.at(0).value(QStringLiteral("muted")).toBool(), true);
    QVERIFY(changes.at(0).value(QStringLiteral("changed_at")).toString().endsWith(u'Z'));
    // The muted person is not told: nothing at all reaches their log.
    QCOMPARE(latestSeq(bruno), brunoBefore);

    QCOMPARE(unmute(bruno.id, amelie).status, 204);
    QCOMPARE(unmute(u'@' + bruno.handle, amelie).status, 204);
    changes = eventsOf(amelie, QStringLiteral("person_mute.changed"));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).value(QStringLiteral("muted")).toBool(), false);
    QCOMPARE(m_api->get(QStringLiteral("/v1/mutes"), amelie.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(latestSeq(bruno), brunoBefore);
}

void TestServerPersonMute::refusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const ApiReply self = mute(amelie.id, amelie);
    QCOMPARE(self.status, 400);
    QCOMPARE(self.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(self.errorField(), QStringLiteral("user"));
    QCOMPARE(mute(u'@' + amelie.handle, amelie).status, 400);
    QCOMPARE(unmute(amelie.id, amelie).status, 400);
    QCOMPARE(mute(QStringLiteral("u_999999"), amelie).status, 404);
    QCOMPARE(mute(QStringLiteral("nobody"), amelie).errorCode(), QStringLiteral("not_found"));
    QCOMPARE(unmute(QStringLiteral("@nobody_here"), amelie).status, 404);
    QCOMPARE(mute(QStringLiteral("u_1"), TestAccount{}).status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/mutes")).status, 401);
    const ApiReply badBefore = m_api->get(QStringLiteral("/v1/mutes?before=u_1"), amelie.accessToken);
    QCOMPARE(badBefore.status, 400);
    QCOMPARE(badBefore.errorField(), QStringLiteral("before"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/mutes?limit=0"), amelie.accessToken).status, 400);
    QCOMPARE(eventsOf(amelie, QStringLiteral("person_mute.changed")).size(), 0);
}

void TestServerPersonMute::listIsPagedAndPrivate()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const TestAccount dana = fresh(QStringLiteral("dana"));
    for (const TestAccount *who : {&bruno, &chloe, &dana}) {
        QCOMPARE(mute(who->id, amelie).status, 200);
        QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 1}}).status, 200);
    }
    // Newest first, two a page.
    ApiReply page = m_api->get(QStringLiteral("/v1/mutes?limit=2"), amelie.accessToken);
    QCOMPARE(page.status, 200);
    QJsonArray items = page.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), dana.id);
    QCOMPARE(items.at(1)[QStringLiteral("user")][QStringLiteral("id")].toString(), chloe.id);
    const QString next = page.json.value(QStringLiteral("next_before")).toString();
    QCOMPARE(next, chloe.id);
    page = m_api->get(QStringLiteral("/v1/mutes?limit=2&before=%1").arg(next), amelie.accessToken);
    items = page.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), bruno.id);
    QVERIFY(page.json.value(QStringLiteral("next_before")).isNull());
    // Private: the others' lists are their own (empty), and nobody can page through amelie's.
    for (const TestAccount *who : {&bruno, &chloe, &dana})
        QCOMPARE(m_api->get(QStringLiteral("/v1/mutes"), who->accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(m_api->get(QStringLiteral("/v1/mutes?before=%1").arg(chloe.id), bruno.accessToken).status, 400);
}

void TestServerPersonMute::feedLeavesMutedOut()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    const TestAccount dana = fresh(QStringLiteral("dana"));
    follow(amelie, bruno);
    follow(amelie, chloe);
    follow(dana, bruno);
    follow(dana, chloe);
    follow(bruno, amelie);
    const QString brunoPost = postAs(bruno, QStringLiteral("Bruno parle encore de vélo"));
    const QString chloePost = postAs(chloe, QStringLiteral("Chloé au marché"));
    const QString amelieOwn = postAs(amelie, QStringLiteral("Amélie à la rivière"));
    const ApiReply chloeReposts = m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(brunoPost), {}, chloe.accessToken);
    QCOMPARE(chloeReposts.status, 200);
    const ApiReply brunoReposts = m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(chloePost), {}, bruno.accessToken);
    QCOMPARE(brunoReposts.status, 200);
    const QStringList homeBefore = timeline(QStringLiteral("/v1/timeline/home"), amelie);
    QCOMPARE(homeBefore.size(), 5); // three posts and two reposts
    const QStringList danaBefore = timeline(QStringLiteral("/v1/timeline/home"), dana);
    const QStringList brunoHomeBefore = timeline(QStringLiteral("/v1/timeline/home"), bruno);
    QVERIFY(timeline(QStringLiteral("/v1/timeline/discover"), amelie).contains(brunoPost));

    QCOMPARE(mute(bruno.id, amelie).status, 200);
    // Home: chloe's post and amelie's own stay; bruno's post, bruno's repost and chloe's repost
    // of bruno are gone. Discover leaves bruno out too.
    const QStringList home = timeline(QStringLiteral("/v1/timeline/home"), amelie);
    QCOMPARE(home, (QStringList{amelieOwn, chloePost}));
    QVERIFY(!timeline(QStringLiteral("/v1/timeline/discover"), amelie).contains(brunoPost));
    QVERIFY(timeline(QStringLiteral("/v1/timeline/discover"), amelie).contains(chloePost));
    // His profile still shows his posts when she opens it, and the post itself is there.
    QVERIFY(timeline(QStringLiteral("/v1/users/%1/posts").arg(bruno.id), amelie).contains(brunoPost));
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(brunoPost), amelie.accessToken).status, 200);
    // Nobody else's feed changes: dana still sees bruno, bruno still sees amelie and himself.
    QCOMPARE(timeline(QStringLiteral("/v1/timeline/home"), dana), danaBefore);
    QCOMPARE(timeline(QStringLiteral("/v1/timeline/home"), bruno), brunoHomeBefore);
    QVERIFY(timeline(QStringLiteral("/v1/timeline/home"), bruno).contains(amelieOwn));
    // A post bruno makes while muted stays out as well.
    const QString later = postAs(bruno, QStringLiteral("Encore moi"));
    QVERIFY(!timeline(QStringLiteral("/v1/timeline/home"), amelie).contains(later));
    QVERIFY(timeline(QStringLiteral("/v1/timeline/home"), dana).contains(later));

    QCOMPARE(unmute(bruno.id, amelie).status, 204);
    QStringList back = timeline(QStringLiteral("/v1/timeline/home"), amelie);
    QCOMPARE(back.size(), 6);
    QVERIFY(back.contains(brunoPost));
    QVERIFY(back.contains(later));
}

void TestServerPersonMute::muteIsNotBlock()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    QCOMPARE(mute(bruno.id, amelie).status, 200);
    // Messages flow both ways, he may still follow her, she still finds him, and nothing says
    // she muted him: his view of her is unchanged.
    const ApiReply conversation = m_api->post(QStringLiteral("/v1/conversations"),
                                              {{QStringLiteral("member_ids"), QJsonArray{amelie.id}}}, bruno.accessToken);
    QCOMPARE(conversation.status, 201);
    const QString id = conversation.json.value(QStringLiteral("id")).toString();
    for (const TestAccount *who : {&bruno, &amelie}) {
        const ApiReply said = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(id),
                                          {{QStringLiteral("client_id"), QStringLiteral("pm-msg-%1").arg(++m_counter)},
                                           {QStringLiteral("text"), QStringLiteral("Salut")}},
                                          who->accessToken);
        QCOMPARE(said.status, 201);
    }
    follow(bruno, amelie);
    follow(amelie, bruno);
    const ApiReply found = m_api->get(QStringLiteral("/v1/users?query=%1").arg(bruno.handle), amelie.accessToken);
    QCOMPARE(found.status, 200);
    QVERIFY(!found.json.value(QStringLiteral("items")).toArray().isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/blocks"), amelie.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestServerPersonMute)
#include "tst_server_personmute.moc"
