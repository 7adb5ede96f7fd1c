// SPDX-License-Identifier: MIT
// The feed against the real server: posts with client_id dedupe, limits and validation,
// deletion by the author only, idempotent likes and reposts, replies, the home and
// discover timelines with their signals, a user's posts, and the post.* events in the logs
// of the author and their followers.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace plaza::test;

class TestServerFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createAndDedupe();
    void validation_data();
    void validation();
    void lengthIsCountedInCharacters();
    void deleteOnlyByAuthor();
    void likesAreIdempotent();
    void repostsAreIdempotent();
    void replies();
    void homeTimeline();
    void homePaging();
    void discover();
    void userPosts();
    void events();
    void needsAToken();
    void demoFeed();

private:
    QJsonObject makePost(const TestAccount &who, const QString &text, const QString &replyTo = {});
    QJsonArray items(const QString &path, const TestAccount &who);
    QJsonArray events(const TestAccount &who, qint64 since = 0);
    static QStringList idsOf(const QJsonArray &posts);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
    TestAccount m_chloe;
    int m_counter = 0;
};

void TestServerFeed::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"));
    m_chloe = m_api->registerAccount(QStringLiteral("chloe"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty() && !m_chloe.id.isEmpty());
    // Amélie follows Bruno; nobody follows Chloé.
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(m_bruno.id), {}, m_amelie.accessToken).status, 204);
}

QJsonObject TestServerFeed::makePost(const TestAccount &who, const QString &text, const QString &replyTo)
{
    QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("cid-%1").arg(++m_counter)},
                     {QStringLiteral("text"), text}};
    if (!replyTo.isEmpty())
        body.insert(QStringLiteral("reply_to"), replyTo);
    const ApiReply r = m_api->post(QStringLiteral("/v1/posts"), body, who.accessToken);
    if (r.status != 201)
        qWarning() << "makePost:" << r.status << r.body;
    return r.json;
}

QJsonArray TestServerFeed::items(const QString &path, const TestAccount &who)
{
    const ApiReply r = m_api->get(path, who.accessToken);
    if (r.status != 200)
        qWarning() << path << r.status << r.body;
    return r.json.value(QStringLiteral("items")).toArray();
}

QJsonArray TestServerFeed::events(const TestAccount &who, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    return r.json.value(QStringLiteral("events")).toArray();
}

QStringList TestServerFeed::idsOf(const QJsonArray &posts)
{
    QStringList ids;
    for (const QJsonValue &v : posts)
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

void TestServerFeed::createAndDedupe()
{
    const QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("0b6c1e0e-8c1f-4d55-9d43-7f1a8e2b9c11")},
                           {QStringLiteral("text"), QStringLiteral("Hello <b>Plaza</b> & friends")}};
    ApiReply first = m_api->post(QStringLiteral("/v1/posts"), body, m_amelie.accessToken);
    QCOMPARE(first.status, 201);
    const QJsonObject post = first.json;
    QVERIFY(post.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("p_")));
    QCOMPARE(post.value(QStringLiteral("client_id")).toString(), body.value(QStringLiteral("client_id")).toString());
    QCOMPARE(post.value(QStringLiteral("text")).toString(), QStringLiteral("Hello <b>Plaza</b> & friends")); // as sent
    QCOMPARE(post.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString(), m_amelie.id);
    QVERIFY(post.value(QStringLiteral("reply_to")).isNull());
    QVERIFY(post.value(QStringLiteral("repost_of")).isNull());
    QCOMPARE(post.value(QStringLiteral("like_count")).toInt(), 0);
    QCOMPARE(post.value(QStringLiteral("sponsored")).toBool(), false);
    QVERIFY(post.value(QStringLiteral("advertiser")).isNull());
    QCOMPARE(post.value(QStringLiteral("reach")).toString(), QStringLiteral("full"));
    QVERIFY(post.value(QStringLiteral("created_at")).toString().endsWith(u'Z'));
    const QJsonObject signalsObject = post.value(QStringLiteral("signals")).toObject();
    QCOMPARE(signalsObject.value(QStringLiteral("author_affinity")).toDouble(), 1.0); // one's own
    QCOMPARE(signalsObject.value(QStringLiteral("engagement")).toInt(), 0);
    QVERIFY(signalsObject.contains(QStringLiteral("age_s")));

    // The same client_id again (a retry whose answer was lost): 200 with the same post,
    // even with another text; no second post.
    ApiReply again = m_api->post(QStringLiteral("/v1/posts"), body, m_amelie.accessToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("id")), post.value(QStringLiteral("id")));
    QJsonObject changed = body;
    changed.insert(QStringLiteral("text"), QStringLiteral("something else"));
    again = m_api->post(QStringLiteral("/v1/posts"), changed, m_amelie.accessToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("text")).toString(), QStringLiteral("Hello <b>Plaza</b> & friends"));
    const QJsonArray mine = items(QStringLiteral("/v1/users/%1/posts").arg(m_amelie.id), m_amelie);
    QCOMPARE(idsOf(mine).count(post.value(QStringLiteral("id")).toString()), 1);

    // client_ids are per author: Bruno may use the same one.
    ApiReply other = m_api->post(QStringLiteral("/v1/posts"), body, m_bruno.accessToken);
    QCOMPARE(other.status, 201);
    QVERIFY(other.json.value(QStringLiteral("id")) != post.value(QStringLiteral("id")));
}

void TestServerFeed::validation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    QTest::newRow("not json") << QByteArray("{text") << 400 << "invalid_json" << "";
    QTest::newRow("array") << QByteArray("[]") << 400 << "invalid_json" << "";
    QTest::newRow("no client_id") << QByteArray(R"({"text":"hi"})") << 400 << "validation_failed" << "client_id";
    QTest::newRow("client_id with space") << QByteArray(R"({"client_id":"a b","text":"hi"})") << 400
                                          << "validation_failed" << "client_id";
    QTest::newRow("client_id too long") << (QByteArray(R"({"client_id":")") + QByteArray(65, 'a') + R"(","text":"hi"})")
                                        << 400 << "validation_failed" << "client_id";
    QTest::newRow("client_id number") << QByteArray(R"({"client_id":12,"text":"hi"})") << 400 << "validation_failed"
                                      << "client_id";
    QTest::newRow("no text") << QByteArray(R"({"client_id":"v1"})") << 400 << "validation_failed" << "text";
    QTest::newRow("empty text") << QByteArray(R"({"client_id":"v2","text":""})") << 400 << "validation_failed" << "text";
    QTest::newRow("blank text") << QByteArray(R"({"client_id":"v3","text":" \n\t "})") << 400 << "validation_failed"
                                << "text";
    QTest::newRow("text number") << QByteArray(R"({"client_id":"v4","text":5})") << 400 << "validation_failed" << "text";
    QTest::newRow("501 characters") << (QByteArray(R"({"client_id":"v5","text":")") + QByteArray(501, 'x') + "\"}")
                                    << 400 << "validation_failed" << "text";
    QTest::newRow("reply_to unknown") << QByteArray(R"({"client_id":"v6","text":"hi","reply_to":"p_999999"})") << 404
                                      << "not_found" << "reply_to";
    QTest::newRow("reply_to malformed") << QByteArray(R"({"client_id":"v7","text":"hi","reply_to":"u_1"})") << 404
                                        << "not_found" << "reply_to";
    QTest::newRow("reply_to number") << QByteArray(R"({"client_id":"v8","text":"hi","reply_to":3})") << 400
                                     << "validation_failed" << "reply_to";
}

void TestServerFeed::validation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const ApiReply r = m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/posts"), body, m_chloe.accessToken);
    QCOMPARE(r.status, status);
    QVERIFY2(r.isEnvelope(), r.body.constData());
    QCOMPARE(r.errorCode(), code);
    QVERIFY(!r.errorMessage().isEmpty());
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    // Nothing was posted.
    QCOMPARE(items(QStringLiteral("/v1/users/%1/posts").arg(m_chloe.id), m_chloe).size(), 0);
}

void TestServerFeed::lengthIsCountedInCharacters()
{
    // 500 characters are accepted whatever their UTF-16 length (emoji are two units each).
    QString text;
    for (int i = 0; i < 500; ++i)
        text += QStringLiteral("😀");
    QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("len-500")}, {QStringLiteral("text"), text}};
    ApiReply r = m_api->post(QStringLiteral("/v1/posts"), body, m_bruno.accessToken);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("text")).toString(), text);
    const QString accepted = r.json.value(QStringLiteral("id")).toString();
    body = {{QStringLiteral("client_id"), QStringLiteral("len-501")}, {QStringLiteral("text"), QString(text + u'!')}};
    r = m_api->post(QStringLiteral("/v1/posts"), body, m_bruno.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("text"));
    QVERIFY(r.errorMessage().contains(QStringLiteral("500")));
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/") + accepted, m_bruno.accessToken).status, 204);
}

void TestServerFeed::deleteOnlyByAuthor()
{
    const QString id = makePost(m_amelie, QStringLiteral("delete me")).value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    const QString reply = makePost(m_bruno, QStringLiteral("a reply that stays"), id).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(id), {}, m_bruno.accessToken).status, 200);

    ApiReply r = m_api->del(QStringLiteral("/v1/posts/") + id, m_bruno.accessToken);
    QCOMPARE(r.status, 403);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/") + id, m_bruno.accessToken).status, 200);

    for (const QString &bad : {QStringLiteral("p_999999"), QStringLiteral("u_1"), QStringLiteral("p_0"), QStringLiteral("x")}) {
        r = m_api->del(QStringLiteral("/v1/posts/") + bad, m_amelie.accessToken);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }

    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/") + id, m_amelie.accessToken).status, 204);
    r = m_api->get(QStringLiteral("/v1/posts/") + id, m_amelie.accessToken);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/") + id, m_amelie.accessToken).status, 404);
    // Gone from every list, with Bruno's repost of it; the reply stays.
    for (const TestAccount &who : {m_amelie, m_bruno}) {
        const QStringList home = idsOf(items(QStringLiteral("/v1/timeline/home?limit=200"), who));
        QVERIFY(!home.contains(id));
        for (const QJsonValue &v : items(QStringLiteral("/v1/timeline/home?limit=200"), who))
            QVERIFY(v.toObject().value(QStringLiteral("repost_of")).toObject().value(QStringLiteral("id")).toString() != id);
        QVERIFY(!idsOf(items(QStringLiteral("/v1/timeline/discover?limit=200"), who)).contains(id));
    }
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/") + reply, m_amelie.accessToken).status, 200);
    // A deleted post cannot be liked any more.
    r = m_api->post(QStringLiteral("/v1/posts/%1/like").arg(id), {}, m_bruno.accessToken);
    QCOMPARE(r.status, 404);
}

void TestServerFeed::likesAreIdempotent()
{
    const QString id = makePost(m_bruno, QStringLiteral("like me")).value(QStringLiteral("id")).toString();
    for (int i = 0; i < 3; ++i) {
        const ApiReply r = m_api->post(QStringLiteral("/v1/posts/%1/like").arg(id), {}, m_amelie.accessToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(r.json.value(QStringLiteral("like_count")).toInt(), 1);
        QCOMPARE(r.json.value(QStringLiteral("liked_by_me")).toBool(), true);
    }
    ApiReply asBruno = m_api->get(QStringLiteral("/v1/posts/") + id, m_bruno.accessToken);
    QCOMPARE(asBruno.json.value(QStringLiteral("like_count")).toInt(), 1);
    QCOMPARE(asBruno.json.value(QStringLiteral("liked_by_me")).toBool(), false);
    QCOMPARE(asBruno.json.value(QStringLiteral("signals")).toObject().value(QStringLiteral("engagement")).toInt(), 1);
    for (int i = 0; i < 2; ++i) {
        const ApiReply r = m_api->del(QStringLiteral("/v1/posts/%1/like").arg(id), m_amelie.accessToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("like_count")).toInt(), 0);
        QCOMPARE(r.json.value(QStringLiteral("liked_by_me")).toBool(), false);
    }
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/p_999999/like"), {}, m_amelie.accessToken).status, 404);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/nope/like"), m_amelie.accessToken).status, 404);
}

void TestServerFeed::repostsAreIdempotent()
{
    const QString id = makePost(m_chloe, QStringLiteral("repost me")).value(QStringLiteral("id")).toString();
    for (int i = 0; i < 3; ++i) {
        const ApiReply r = m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(id), {}, m_bruno.accessToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id); // the original, as Bruno now sees it
        QCOMPARE(r.json.value(QStringLiteral("repost_count")).toInt(), 1);
        QCOMPARE(r.json.value(QStringLiteral("reposted_by_me")).toBool(), true);
    }
    // Amélie follows Bruno: his repost is in her home timeline once, with the original embedded.
    QJsonObject repost;
    int seen = 0;
    for (const QJsonValue &v : items(QStringLiteral("/v1/timeline/home?limit=200"), m_amelie)) {
        const QJsonObject p = v.toObject();
        if (p.value(QStringLiteral("repost_of")).toObject().value(QStringLiteral("id")).toString() == id) {
            repost = p;
            ++seen;
        }
    }
    QCOMPARE(seen, 1);
    QCOMPARE(repost.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString(), m_bruno.id);
    QVERIFY(repost.value(QStringLiteral("client_id")).isNull());
    QCOMPARE(repost.value(QStringLiteral("repost_of")).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("repost me"));
    // Liking or reposting the repost acts on the original.
    ApiReply r = m_api->post(QStringLiteral("/v1/posts/%1/like").arg(repost.value(QStringLiteral("id")).toString()), {},
                             m_amelie.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(r.json.value(QStringLiteral("like_count")).toInt(), 1);
    // Reposts are not discover candidates; the original is.
    const QStringList discover = idsOf(items(QStringLiteral("/v1/timeline/discover?limit=200"), m_amelie));
    QVERIFY(discover.contains(id));
    QVERIFY(!discover.contains(repost.value(QStringLiteral("id")).toString()));

    for (int i = 0; i < 2; ++i) {
        r = m_api->del(QStringLiteral("/v1/posts/%1/repost").arg(id), m_bruno.accessToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("repost_count")).toInt(), 0);
        QCOMPARE(r.json.value(QStringLiteral("reposted_by_me")).toBool(), false);
    }
    QVERIFY(!idsOf(items(QStringLiteral("/v1/timeline/home?limit=200"), m_amelie)).contains(repost.value(QStringLiteral("id")).toString()));
    // And again after taking it back: a new repost.
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(id), {}, m_bruno.accessToken).json.value(QStringLiteral("repost_count")).toInt(), 1);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1/repost").arg(id), m_bruno.accessToken).status, 200);
}

void TestServerFeed::replies()
{
    const QString id = makePost(m_amelie, QStringLiteral("a question?")).value(QStringLiteral("id")).toString();
    const QJsonObject first = makePost(m_bruno, QStringLiteral("answer one"), id);
    const QJsonObject second = makePost(m_chloe, QStringLiteral("answer two"), id);
    QCOMPARE(first.value(QStringLiteral("reply_to")).toString(), id);
    const ApiReply parent = m_api->get(QStringLiteral("/v1/posts/") + id, m_amelie.accessToken);
    QCOMPARE(parent.json.value(QStringLiteral("reply_count")).toInt(), 2);
    const QJsonArray list = items(QStringLiteral("/v1/posts/%1/replies").arg(id), m_chloe);
    QCOMPARE(idsOf(list), (QStringList{second.value(QStringLiteral("id")).toString(), first.value(QStringLiteral("id")).toString()}));
    // Paged like every list.
    const ApiReply page = m_api->get(QStringLiteral("/v1/posts/%1/replies?limit=1").arg(id), m_chloe.accessToken);
    QCOMPARE(page.json.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(page.json.value(QStringLiteral("next_before")).toString(), second.value(QStringLiteral("id")).toString());
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/p_999999/replies"), m_chloe.accessToken).status, 404);
    // Replies are not discover candidates.
    QVERIFY(!idsOf(items(QStringLiteral("/v1/timeline/discover?limit=200"), m_amelie)).contains(first.value(QStringLiteral("id")).toString()));
}

void TestServerFeed::homeTimeline()
{
    const QString mine = makePost(m_amelie, QStringLiteral("mine")).value(QStringLiteral("id")).toString();
    const QString brunos = makePost(m_bruno, QStringLiteral("bruno's")).value(QStringLiteral("id")).toString();
    const QString chloes = makePost(m_chloe, QStringLiteral("chloé's")).value(QStringLiteral("id")).toString();
    const QJsonArray home = items(QStringLiteral("/v1/timeline/home?limit=200"), m_amelie);
    const QStringList ids = idsOf(home);
    QVERIFY(ids.contains(mine));
    QVERIFY(ids.contains(brunos));
    QVERIFY(!ids.contains(chloes));
    QCOMPARE(ids.first(), brunos); // newest first
    for (const QJsonValue &v : home) {
        const QString author = v.toObject().value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(author == m_amelie.id || author == m_bruno.id);
    }
    // Chloé sees only her own.
    const QStringList chloeHome = idsOf(items(QStringLiteral("/v1/timeline/home?limit=200"), m_chloe));
    QVERIFY(chloeHome.contains(chloes));
    QVERIFY(!chloeHome.contains(brunos));
}

void TestServerFeed::homePaging()
{
    for (int i = 0; i < 5; ++i)
        makePost(m_bruno, QStringLiteral("page %1").arg(i));
    const QStringList all = idsOf(items(QStringLiteral("/v1/timeline/home?limit=200"), m_amelie));
    QStringList paged;
    QString before;
    for (int guard = 0; guard < 100; ++guard) {
        const QString path = before.isEmpty() ? QStringLiteral("/v1/timeline/home?limit=3")
                                              : QStringLiteral("/v1/timeline/home?limit=3&before=") + before;
        const ApiReply r = m_api->get(path, m_amelie.accessToken);
        QCOMPARE(r.status, 200);
        paged += idsOf(r.json.value(QStringLiteral("items")).toArray());
        if (r.json.value(QStringLiteral("next_before")).isNull())
            break;
        before = r.json.value(QStringLiteral("next_before")).toString();
    }
    QCOMPARE(paged, all);
    for (const QString &bad : {QStringLiteral("before=u_1"), QStringLiteral("before=p_x"), QStringLiteral("limit=0"),
                               QStringLiteral("limit=201"), QStringLiteral("limit=ten")}) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/timeline/home?") + bad, m_amelie.accessToken);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), bad.section(u'=', 0, 0));
    }
}

void TestServerFeed::discover()
{
    const QJsonObject chloes = makePost(m_chloe, QStringLiteral("for everyone"));
    const QJsonObject brunos = makePost(m_bruno, QStringLiteral("also for everyone"));
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/like").arg(chloes.value(QStringLiteral("id")).toString()), {},
                         m_bruno.accessToken).status, 200);
    makePost(m_bruno, QStringLiteral("a reply"), chloes.value(QStringLiteral("id")).toString());
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : items(QStringLiteral("/v1/timeline/discover?limit=200"), m_amelie))
        byId.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    // Everyone's originals, with Amélie's signals.
    const QJsonObject c = byId.value(chloes.value(QStringLiteral("id")).toString());
    const QJsonObject b = byId.value(brunos.value(QStringLiteral("id")).toString());
    QVERIFY(!c.isEmpty() && !b.isEmpty());
    // Amélie does not follow Chloé but liked one of her posts (repostsAreIdempotent): 0.05.
    QCOMPARE(c.value(QStringLiteral("signals")).toObject().value(QStringLiteral("author_affinity")).toDouble(), 0.05);
    QCOMPARE(c.value(QStringLiteral("signals")).toObject().value(QStringLiteral("engagement")).toInt(), 2); // a like, a reply
    // Amélie follows Bruno (0.5); her like of his post was taken back.
    QCOMPARE(b.value(QStringLiteral("signals")).toObject().value(QStringLiteral("author_affinity")).toDouble(), 0.5);
    QVERIFY(b.value(QStringLiteral("signals")).toObject().value(QStringLiteral("age_s")).toInteger() >= 0);
    for (const QJsonObject &p : std::as_const(byId)) {
        QVERIFY(p.value(QStringLiteral("reply_to")).isNull());
        QVERIFY(p.value(QStringLiteral("repost_of")).isNull());
        const double a = p.value(QStringLiteral("signals")).toObject().value(QStringLiteral("author_affinity")).toDouble();
        QVERIFY(a >= 0.0 && a <= 1.0);
    }
}

void TestServerFeed::userPosts()
{
    const QJsonArray list = items(QStringLiteral("/v1/users/%1/posts?limit=200").arg(m_chloe.id), m_amelie);
    QVERIFY(!list.isEmpty());
    for (const QJsonValue &v : list)
        QCOMPARE(v.toObject().value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString(), m_chloe.id);
    const ApiReply r = m_api->get(QStringLiteral("/v1/users/u_999999/posts"), m_amelie.accessToken);
    QCOMPARE(r.status, 404);
    QVERIFY(r.isEnvelope());
}

void TestServerFeed::events()
{
    const qint64 amelieSince = events(m_amelie).last().toObject().value(QStringLiteral("seq")).toInteger();
    const qint64 chloeSince = events(m_chloe).last().toObject().value(QStringLiteral("seq")).toInteger();
    const qint64 brunoSince = events(m_bruno).last().toObject().value(QStringLiteral("seq")).toInteger();
    const QString id = makePost(m_bruno, QStringLiteral("event me")).value(QStringLiteral("id")).toString();

    // The author and his follower Amélie get post.created; Chloé (not following) does not.
    const QJsonArray forAmelie = events(m_amelie, amelieSince);
    QCOMPARE(forAmelie.size(), 1);
    QCOMPARE(forAmelie.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("post.created"));
    QCOMPARE(forAmelie.at(0).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(events(m_bruno, brunoSince).size(), 1);
    QCOMPARE(events(m_chloe, chloeSince).size(), 0);

    // A like: post.updated (as each sees it) to the liker and the author.
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/like").arg(id), {}, m_chloe.accessToken).status, 200);
    const QJsonArray chloeLike = events(m_chloe, chloeSince);
    QCOMPARE(chloeLike.size(), 1);
    QCOMPARE(chloeLike.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("post.updated"));
    QCOMPARE(chloeLike.at(0).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("liked_by_me")).toBool(), true);
    const QJsonArray brunoLike = events(m_bruno, brunoSince);
    QCOMPARE(brunoLike.size(), 2);
    QCOMPARE(brunoLike.at(1).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("liked_by_me")).toBool(), false);
    QCOMPARE(brunoLike.at(1).toObject().value(QStringLiteral("data")).toObject().value(QStringLiteral("like_count")).toInt(), 1);

    // Deletion: post.deleted with only the id, to the author and followers.
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/") + id, m_bruno.accessToken).status, 204);
    const QJsonArray deleted = events(m_amelie, amelieSince);
    QCOMPARE(deleted.size(), 2);
    QCOMPARE(deleted.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("post.deleted"));
    QCOMPARE(deleted.at(1).toObject().value(QStringLiteral("data")).toObject(), (QJsonObject{{QStringLiteral("id"), id}}));
}

void TestServerFeed::needsAToken()
{
    for (const QString &path : {QStringLiteral("/v1/timeline/home"), QStringLiteral("/v1/timeline/discover"),
                                QStringLiteral("/v1/posts/p_1")}) {
        const ApiReply r = m_api->get(path);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    }
    const ApiReply r = m_api->post(QStringLiteral("/v1/posts"), {{QStringLiteral("client_id"), QStringLiteral("x")},
                                                                  {QStringLiteral("text"), QStringLiteral("x")}});
    QCOMPARE(r.status, 401);
}

void TestServerFeed::demoFeed()
{
    TestServer server({QStringLiteral("--demo")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    ApiReply r = api.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), QStringLiteral("amelie")},
                                                             {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    QCOMPARE(r.status, 200);
    const QString token = r.json.value(QStringLiteral("access_token")).toString();

    // A few hundred posts over weeks, through every page of Discover and Home.
    QList<QJsonObject> discover;
    QString before;
    for (int guard = 0; guard < 50; ++guard) {
        r = api.get(QStringLiteral("/v1/timeline/discover?limit=200") + (before.isEmpty() ? QString() : QStringLiteral("&before=") + before), token);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
            discover.append(v.toObject());
        if (r.json.value(QStringLiteral("next_before")).isNull())
            break;
        before = r.json.value(QStringLiteral("next_before")).toString();
    }
    QVERIFY2(discover.size() >= 150, qPrintable(QString::number(discover.size())));
    int sponsored = 0;
    int limited = 0;
    int withReplies = 0;
    int reposted = 0;
    QSet<QString> authors;
    for (const QJsonObject &p : std::as_const(discover)) {
        authors.insert(p.value(QStringLiteral("author")).toObject().value(QStringLiteral("handle")).toString());
        withReplies += p.value(QStringLiteral("reply_count")).toInt() > 0;
        reposted += p.value(QStringLiteral("repost_count")).toInt() > 0;
        if (p.value(QStringLiteral("sponsored")).toBool()) {
            ++sponsored;
            QCOMPARE(p.value(QStringLiteral("advertiser")).toObject().value(QStringLiteral("handle")).toString(),
                     QStringLiteral("lumen_bikes"));
        }
        limited += p.value(QStringLiteral("reach")).toString() == u"limited";
    }
    QCOMPARE(sponsored, 1);
    QCOMPARE(limited, 1);
    QVERIFY(withReplies >= 20);
    QVERIFY(reposted >= 10);
    QVERIFY(authors.size() >= 8);
    // Spread over weeks: the oldest candidate is more than two weeks old.
    QVERIFY(discover.constLast().value(QStringLiteral("signals")).toObject().value(QStringLiteral("age_s")).toInteger() > 14 * 86400);

    r = api.get(QStringLiteral("/v1/timeline/home?limit=200"), token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 200); // more than a page
    bool sawRepost = false;
    for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray())
        sawRepost |= v.toObject().value(QStringLiteral("repost_of")).isObject();
    QVERIFY(sawRepost);

    // Photos, painted at seeding: the café's latte and Bruno's dinner in the feed, with alt text
    // and a thumbnail; three hike photos in the group, which Amélie may fetch.
    QStringList images;
    for (const QJsonObject &p : std::as_const(discover)) {
        for (const QJsonValue &image : p.value(QStringLiteral("images")).toArray()) {
            QVERIFY(!image.toObject().value(QStringLiteral("alt")).toString().isEmpty());
            images.append(image.toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString());
        }
    }
    QCOMPARE(images.size(), 2);
    for (const QString &id : std::as_const(images)) {
        const ApiReply thumb = api.get(QStringLiteral("/v1/media/%1/thumbnail").arg(id), token);
        QCOMPARE(thumb.status, 200);
        QCOMPARE(thumb.header("content-type"), QByteArray("image/jpeg"));
        QVERIFY(thumb.body.startsWith("\xff\xd8\xff"));
    }
    r = api.get(QStringLiteral("/v1/conversations?limit=50"), token);
    QString group;
    for (const QJsonValue &c : r.json.value(QStringLiteral("items")).toArray()) {
        if (c.toObject().value(QStringLiteral("kind")).toString() == u"group")
            group = c.toObject().value(QStringLiteral("id")).toString();
    }
    QVERIFY(!group.isEmpty());
    r = api.get(QStringLiteral("/v1/conversations/%1/messages?limit=10").arg(group), token);
    QJsonArray hikePhotos;
    for (const QJsonValue &m : r.json.value(QStringLiteral("items")).toArray()) {
        if (m.toObject().value(QStringLiteral("text")).toString().startsWith(u"Photos from the hike"))
            hikePhotos = m.toObject().value(QStringLiteral("attachments")).toArray();
    }
    QCOMPARE(hikePhotos.size(), 3);
    const QJsonObject first = hikePhotos.at(0).toObject().value(QStringLiteral("media")).toObject();
    QCOMPARE(first.value(QStringLiteral("width")).toInt(), 1280);
    const ApiReply photo = api.get(QStringLiteral("/v1/media/%1/content").arg(first.value(QStringLiteral("id")).toString()), token);
    QCOMPARE(photo.status, 200);
    QCOMPARE(qint64(photo.body.size()), first.value(QStringLiteral("size")).toInteger());
}

QTEST_GUILESS_MAIN(TestServerFeed)
#include "tst_server_feed.moc"
