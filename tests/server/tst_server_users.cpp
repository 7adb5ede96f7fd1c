// SPDX-License-Identifier: MIT
// Users and the social graph: /v1/me, /v1/users/{id}, search, follow and unfollow,
// and the user.updated events they leave in both logs.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QTest>

using namespace plaza::test;

class TestServerUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void meAndGet();
    void unknownUsers();
    void search();
    void searchIsCappedAndLiteral();
    void followAndUnfollow();
    void followEvents();
    void followRefusals();

private:
    QJsonArray events(const TestAccount &who, qint64 since = 0);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
};

void TestServerUsers::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"), QStringLiteral("Amélie Laurent"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"), QStringLiteral("Bruno Carvalho"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty());
}

QJsonArray TestServerUsers::events(const TestAccount &who, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    return r.json.value(QStringLiteral("events")).toArray();
}

void TestServerUsers::meAndGet()
{
    ApiReply me = m_api->get(QStringLiteral("/v1/me"), m_amelie.accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("id")).toString(), m_amelie.id);
    QCOMPARE(me.json.value(QStringLiteral("handle")).toString(), QStringLiteral("amelie"));
    QCOMPARE(me.json.value(QStringLiteral("display_name")).toString(), QStringLiteral("Amélie Laurent"));
    QCOMPARE(me.json.value(QStringLiteral("followed_by_me")).toBool(), false);
    for (const char *key : {"id", "handle", "display_name", "kind", "verified", "followers", "following", "followed_by_me"})
        QVERIFY2(me.json.contains(QLatin1String(key)), key);

    const ApiReply bruno = m_api->get(QStringLiteral("/v1/users/") + m_bruno.id, m_amelie.accessToken);
    QCOMPARE(bruno.status, 200);
    QCOMPARE(bruno.json.value(QStringLiteral("handle")).toString(), QStringLiteral("bruno"));
    QCOMPARE(bruno.json.value(QStringLiteral("id")).toString(), m_bruno.id);
}

void TestServerUsers::unknownUsers()
{
    for (const QString &id : {QStringLiteral("u_999999"), QStringLiteral("garbage"), QStringLiteral("u_"),
                              QStringLiteral("u_-1"), QStringLiteral("c_1"), QStringLiteral("u_01")}) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/users/") + id, m_amelie.accessToken);
        QCOMPARE(r.status, 404);
        QVERIFY(r.isEnvelope());
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
}

void TestServerUsers::search()
{
    const TestAccount chloe = m_api->registerAccount(QStringLiteral("chloe"), QStringLiteral("Chloé Dubois"));
    const TestAccount cafe = m_api->registerAccount(QStringLiteral("cafe_bleu"), QStringLiteral("Le Café Bleu"));
    QVERIFY(!chloe.id.isEmpty() && !cafe.id.isEmpty());
    const auto handles = [this](const QString &query) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/users?query=") + QString::fromLatin1(QUrl::toPercentEncoding(query)),
                                      m_amelie.accessToken);
        QStringList out;
        for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
            out.append(v.toObject().value(QStringLiteral("handle")).toString());
        return out;
    };
    QCOMPARE(handles(QStringLiteral("ch")), QStringList{QStringLiteral("chloe")});
    QCOMPARE(handles(QStringLiteral("CH")), QStringList{QStringLiteral("chloe")});     // case-insensitive
    QCOMPARE(handles(QStringLiteral("Bru")), QStringList{QStringLiteral("bruno")});
    QCOMPARE(handles(QStringLiteral("carv")), QStringList{QStringLiteral("bruno")});   // a word of the display name
    QCOMPARE(handles(QStringLiteral("runo")), QStringList());                         // prefixes only
    QCOMPARE(handles(QStringLiteral("café")), QStringList{QStringLiteral("cafe_bleu")});
    QCOMPARE(handles(QStringLiteral("caf")), QStringList{QStringLiteral("cafe_bleu")});
    QCOMPARE(handles(QStringLiteral("zzz")), QStringList());

    ApiReply r = m_api->get(QStringLiteral("/v1/users"), m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("query"));
    r = m_api->get(QStringLiteral("/v1/users?query="), m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("query"));
    r = m_api->get(QStringLiteral("/v1/users?query=ch"));
    QCOMPARE(r.status, 401);
}

void TestServerUsers::searchIsCappedAndLiteral()
{
    for (int i = 0; i < 22; ++i)
        QVERIFY(!m_api->registerAccount(QStringLiteral("many_%1").arg(i, 2, 10, QChar(u'0'))).id.isEmpty());
    ApiReply r = m_api->get(QStringLiteral("/v1/users?query=many"), m_amelie.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 20);
    // LIKE wildcards are taken literally: "%" and "_" do not match everything.
    r = m_api->get(QStringLiteral("/v1/users?query=%25"), m_amelie.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 0);
    r = m_api->get(QStringLiteral("/v1/users?query=_"), m_amelie.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 0);
    r = m_api->get(QStringLiteral("/v1/users?query=many_1"), m_amelie.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 10);
}

void TestServerUsers::followAndUnfollow()
{
    const TestAccount follower = m_api->registerAccount(QStringLiteral("follower_a"));
    const TestAccount star = m_api->registerAccount(QStringLiteral("star_a"));
    QVERIFY(!follower.id.isEmpty() && !star.id.isEmpty());
    const QString path = QStringLiteral("/v1/users/%1/follow").arg(star.id);

    for (int i = 0; i < 2; ++i) { // idempotent
        const ApiReply r = m_api->post(path, {}, follower.accessToken);
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
    }
    ApiReply seen = m_api->get(QStringLiteral("/v1/users/") + star.id, follower.accessToken);
    QCOMPARE(seen.json.value(QStringLiteral("followers")).toInt(), 1);
    QCOMPARE(seen.json.value(QStringLiteral("following")).toInt(), 0);
    QCOMPARE(seen.json.value(QStringLiteral("followed_by_me")).toBool(), true);
    ApiReply me = m_api->get(QStringLiteral("/v1/me"), follower.accessToken);
    QCOMPARE(me.json.value(QStringLiteral("following")).toInt(), 1);
    QCOMPARE(me.json.value(QStringLiteral("followers")).toInt(), 0);
    // followed_by_me is about the viewer: the star does not follow themself.
    seen = m_api->get(QStringLiteral("/v1/me"), star.accessToken);
    QCOMPARE(seen.json.value(QStringLiteral("followers")).toInt(), 1);
    QCOMPARE(seen.json.value(QStringLiteral("followed_by_me")).toBool(), false);

    for (int i = 0; i < 2; ++i)
        QCOMPARE(m_api->del(path, follower.accessToken).status, 204);
    seen = m_api->get(QStringLiteral("/v1/users/") + star.id, follower.accessToken);
    QCOMPARE(seen.json.value(QStringLiteral("followers")).toInt(), 0);
    QCOMPARE(seen.json.value(QStringLiteral("followed_by_me")).toBool(), false);
    me = m_api->get(QStringLiteral("/v1/me"), follower.accessToken);
    QCOMPARE(me.json.value(QStringLiteral("following")).toInt(), 0);
}

void TestServerUsers::followEvents()
{
    const TestAccount follower = m_api->registerAccount(QStringLiteral("follower_b"));
    const TestAccount star = m_api->registerAccount(QStringLiteral("star_b"));
    QVERIFY(!follower.id.isEmpty() && !star.id.isEmpty());
    QCOMPARE(events(follower).size(), 0);
    QCOMPARE(events(star).size(), 0);
    const QString path = QStringLiteral("/v1/users/%1/follow").arg(star.id);

    QCOMPARE(m_api->post(path, {}, follower.accessToken).status, 204);
    QCOMPARE(m_api->post(path, {}, follower.accessToken).status, 204); // no change, no event
    QJsonArray mine = events(follower);
    QCOMPARE(mine.size(), 1);
    QJsonObject e = mine.at(0).toObject();
    QCOMPARE(e.value(QStringLiteral("seq")).toInt(), 1);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QStringLiteral("user.updated"));
    QJsonObject data = e.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("id")).toString(), star.id);
    QCOMPARE(data.value(QStringLiteral("followed_by_me")).toBool(), true);
    QCOMPARE(data.value(QStringLiteral("followers")).toInt(), 1);
    // The event carries exactly the User that GET /v1/users/{id} shows the follower.
    QCOMPARE(data, m_api->get(QStringLiteral("/v1/users/") + star.id, follower.accessToken).json);

    QJsonArray theirs = events(star);
    QCOMPARE(theirs.size(), 1);
    data = theirs.at(0).toObject().value(QStringLiteral("data")).toObject();
    QCOMPARE(data, m_api->get(QStringLiteral("/v1/me"), star.accessToken).json);
    QCOMPARE(data.value(QStringLiteral("followers")).toInt(), 1);

    QCOMPARE(m_api->del(path, follower.accessToken).status, 204);
    QCOMPARE(m_api->del(path, follower.accessToken).status, 204);
    mine = events(follower);
    QCOMPARE(mine.size(), 2);
    e = mine.at(1).toObject();
    QCOMPARE(e.value(QStringLiteral("seq")).toInt(), 2);
    QCOMPARE(e.value(QStringLiteral("data")).toObject().value(QStringLiteral("followed_by_me")).toBool(), false);
    theirs = events(star);
    QCOMPARE(theirs.size(), 2);
    QCOMPARE(theirs.at(1).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("followers")).toInt(), 0);
}

void TestServerUsers::followRefusals()
{
    ApiReply r = m_api->post(QStringLiteral("/v1/users/%1/follow").arg(m_amelie.id), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    r = m_api->post(QStringLiteral("/v1/users/u_999999/follow"), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 404);
    QVERIFY(r.isEnvelope());
    r = m_api->del(QStringLiteral("/v1/users/nobody/follow"), m_amelie.accessToken);
    QCOMPARE(r.status, 404);
    r = m_api->post(QStringLiteral("/v1/users/%1/follow").arg(m_bruno.id), {});
    QCOMPARE(r.status, 401);
    r = m_api->send(QByteArrayLiteral("PUT"), QStringLiteral("/v1/users/%1/follow").arg(m_bruno.id), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 405);
    QVERIFY(r.isEnvelope());
}

QTEST_GUILESS_MAIN(TestServerUsers)
#include "tst_server_users.moc"
