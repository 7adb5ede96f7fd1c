// SPDX-License-Identifier: MIT
// Post actions against the real server (issue 17, docs/api.md "Feed"): editing one's own post
// (edited_at, post.updated to the author's audience, every refusal), deleting (text gone
// everywhere, bookmarks dropped with bookmark.changed), quote-reposts (the quoted card, "deleted"
// once it is gone, refusals for deleted, unknown and blocked posts) and bookmarks (idempotent,
// private, paged, bookmark.changed in the owner's log only). Runs on SQLite and, as
// tst_server_postactions_pg, on PostgreSQL.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerPostActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editOwnPost();
    void editRefusals();
    void deleteRemovesTextEverywhere();
    void quoteRepost();
    void quoteRefusals();
    void bookmarks();
    void bookmarkRefusals();

private:
    TestAccount fresh(const QString &prefix);
    ApiReply makePost(const TestAccount &who, const QString &text, const QJsonObject &extra = {});
    ApiReply patch(const QString &path, const QJsonObject &body, const TestAccount &who);
    ApiReply put(const QString &path, const TestAccount &who);
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type, qint64 since = 0);
    qint64 latestSeq(const TestAccount &who);
    void follow(const TestAccount &who, const TestAccount &whom);
    void tick();
    static QString reasonOf(const ApiReply &r);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
    int m_counter = 0;
};

void TestServerPostActions::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}).status, 200);
}

TestAccount TestServerPostActions::fresh(const QString &prefix)
{
    const QString handle = QStringLiteral("%1%2").arg(prefix).arg(++m_accounts);
    return m_api->registerAccount(handle, prefix.left(1).toUpper() + prefix.mid(1));
}

ApiReply TestServerPostActions::makePost(const TestAccount &who, const QString &text, const QJsonObject &extra)
{
    QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("pa-%1").arg(++m_counter)}, {QStringLiteral("text"), text}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return m_api->post(QStringLiteral("/v1/posts"), body, who.accessToken);
}

ApiReply TestServerPostActions::patch(const QString &path, const QJsonObject &body, const TestAccount &who)
{
    return m_api->send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{"Content-Type", "application/json"}});
}

ApiReply TestServerPostActions::put(const QString &path, const TestAccount &who)
{
    return m_api->send("PUT", path, {}, who.accessToken, {});
}

QList<QJsonObject> TestServerPostActions::eventsOf(const TestAccount &who, const QString &type, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

qint64 TestServerPostActions::latestSeq(const TestAccount &who)
{
    return m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken).json.value(QStringLiteral("next_since")).toInteger();
}

void TestServerPostActions::follow(const TestAccount &who, const TestAccount &whom)
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/%1/follow").arg(whom.id), {}, who.accessToken).status, 204);
}

void TestServerPostActions::tick()
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 60}}).status, 200);
}

QString TestServerPostActions::reasonOf(const ApiReply &r)
{
    return r.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")].toString();
}

void TestServerPostActions::editOwnPost()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    follow(bruno, amelie);
    const ApiReply made = makePost(amelie, QStringLiteral("Marché ce matin"));
    QCOMPARE(made.status, 201);
    QVERIFY(made.json.value(QStringLiteral("edited_at")).isNull());
    QCOMPARE(made.json.value(QStringLiteral("bookmarked_by_me")).toBool(), false);
    QVERIFY(made.json.value(QStringLiteral("quote_of")).isNull());
    const QString id = made.json.value(QStringLiteral("id")).toString();
    const qint64 brunoBefore = latestSeq(bruno);
    tick();

    ApiReply edited = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("Marché demain")}}, amelie);
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json.value(QStringLiteral("text")).toString(), QStringLiteral("Marché demain"));
    const QString editedAt = edited.json.value(QStringLiteral("edited_at")).toString();
    QVERIFY(editedAt.endsWith(u'Z'));
    QVERIFY(editedAt > made.json.value(QStringLiteral("created_at")).toString());
    // Bruno follows Amélie: his log has the edited post, and GET shows it to him.
    const QList<QJsonObject> updates = eventsOf(bruno, QStringLiteral("post.updated"), brunoBefore);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).value(QStringLiteral("text")).toString(), QStringLiteral("Marché demain"));
    QCOMPARE(updates.at(0).value(QStringLiteral("edited_at")).toString(), editedAt);
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(id), bruno.accessToken).json.value(QStringLiteral("text")).toString(),
             QStringLiteral("Marché demain"));

    // The same text again: 200, nothing changes, nothing is logged.
    const qint64 amelieSeq = latestSeq(amelie);
    tick();
    ApiReply same = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("Marché demain")}}, amelie);
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json.value(QStringLiteral("edited_at")).toString(), editedAt);
    QCOMPARE(latestSeq(amelie), amelieSeq);
}

void TestServerPostActions::editRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString id = makePost(amelie, QStringLiteral("Original")).json.value(QStringLiteral("id")).toString();
    const qint64 seq = latestSeq(amelie);

    ApiReply other = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("Mine now")}}, bruno);
    QCOMPARE(other.status, 403);
    QCOMPARE(other.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(reasonOf(other), QStringLiteral("not_author"));
    QCOMPARE(patch(QStringLiteral("/v1/posts/p_999999"), {{QStringLiteral("text"), QStringLiteral("x")}}, amelie).status, 404);
    QCOMPARE(patch(QStringLiteral("/v1/posts/nonsense"), {{QStringLiteral("text"), QStringLiteral("x")}}, amelie).status, 404);

    ApiReply empty = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("")}}, amelie);
    QCOMPARE(empty.status, 400);
    QCOMPARE(empty.errorField(), QStringLiteral("text"));
    ApiReply blank = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("   \n")}}, amelie);
    QCOMPARE(blank.status, 400);
    QCOMPARE(blank.errorField(), QStringLiteral("text"));
    ApiReply tooLong = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QString(501, u'a')}}, amelie);
    QCOMPARE(tooLong.status, 400);
    QCOMPARE(tooLong.errorField(), QStringLiteral("text"));
    QCOMPARE(tooLong.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("limit")].toInt(), 500);
    QCOMPARE(patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QString(500, u'a')}}, amelie).status, 200);
    ApiReply missing = patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("note"), QStringLiteral("x")}}, amelie);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.errorField(), QStringLiteral("text"));

    // A repost has no text of its own.
    const ApiReply reposted = m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(id), {}, bruno.accessToken);
    QCOMPARE(reposted.status, 200);
    const QList<QJsonObject> created = eventsOf(bruno, QStringLiteral("post.created"));
    QVERIFY(!created.isEmpty());
    const QString repostId = created.constLast().value(QStringLiteral("id")).toString();
    ApiReply repost = patch(QStringLiteral("/v1/posts/%1").arg(repostId), {{QStringLiteral("text"), QStringLiteral("x")}}, bruno);
    QCOMPARE(repost.status, 403);
    QCOMPARE(reasonOf(repost), QStringLiteral("repost"));

    // A deleted post is gone: 404.
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(id), amelie.accessToken).status, 204);
    QCOMPARE(patch(QStringLiteral("/v1/posts/%1").arg(id), {{QStringLiteral("text"), QStringLiteral("back")}}, amelie).status, 404);
    // Only the 500-character edit and the delete were logged for Amélie.
    QCOMPARE(eventsOf(amelie, QStringLiteral("post.updated"), seq).size(), 2); // the edit, and the repost count
    QCOMPARE(eventsOf(amelie, QStringLiteral("post.deleted"), seq).size(), 1);
}

void TestServerPostActions::deleteRemovesTextEverywhere()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    follow(bruno, amelie);
    const QString id = makePost(amelie, QStringLiteral("secret-word-42")).json.value(QStringLiteral("id")).toString();
    QCOMPARE(put(QStringLiteral("/v1/posts/%1/bookmark").arg(id), bruno).status, 200);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(id), bruno.accessToken).status, 403);
    const qint64 brunoSeq = latestSeq(bruno);

    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(id), amelie.accessToken).status, 204);
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(id), bruno.accessToken).status, 404);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(id), amelie.accessToken).status, 404);
    // Bruno's devices hear of both: the post went, and so did his bookmark of it.
    const QList<QJsonObject> deleted = eventsOf(bruno, QStringLiteral("post.deleted"), brunoSeq);
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.at(0).value(QStringLiteral("id")).toString(), id);
    const QList<QJsonObject> unmarked = eventsOf(bruno, QStringLiteral("bookmark.changed"), brunoSeq);
    QCOMPARE(unmarked.size(), 1);
    QCOMPARE(unmarked.at(0).value(QStringLiteral("bookmarked")).toBool(), false);
    QVERIFY(unmarked.at(0).value(QStringLiteral("post")).isNull());
    QCOMPARE(m_api->get(QStringLiteral("/v1/bookmarks"), bruno.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);
    // The text is nowhere: not in any list, not in anything logged after the delete.
    const ApiReply all = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(brunoSeq), bruno.accessToken);
    QVERIFY(!all.body.contains("secret-word-42"));
    QVERIFY(!m_api->get(QStringLiteral("/v1/timeline/home"), bruno.accessToken).body.contains("secret-word-42"));
    QVERIFY(!m_api->get(QStringLiteral("/v1/users/%1/posts").arg(amelie.id), bruno.accessToken).body.contains("secret-word-42"));
}

void TestServerPostActions::quoteRepost()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const TestAccount chloe = fresh(QStringLiteral("chloe"));
    follow(chloe, bruno);
    const QString original = makePost(amelie, QStringLiteral("Le lac est gelé")).json.value(QStringLiteral("id")).toString();

    ApiReply quote = makePost(bruno, QStringLiteral("Enfin !"), {{QStringLiteral("quote_of"), original}});
    QCOMPARE(quote.status, 201);
    const QString quoteId = quote.json.value(QStringLiteral("id")).toString();
    const QJsonObject card = quote.json.value(QStringLiteral("quote_of")).toObject();
    QCOMPARE(card.value(QStringLiteral("id")).toString(), original);
    QCOMPARE(card.value(QStringLiteral("deleted")).toBool(), false);
    QCOMPARE(card.value(QStringLiteral("text")).toString(), QStringLiteral("Le lac est gelé"));
    QCOMPARE(card[QStringLiteral("author")][QStringLiteral("id")].toString(), amelie.id);
    QVERIFY(quote.json.value(QStringLiteral("repost_of")).isNull());
    // Quoting a repost quotes its original.
    QCOMPARE(m_api->post(QStringLiteral("/v1/posts/%1/repost").arg(original), {}, chloe.accessToken).status, 200);
    const QString repostId = eventsOf(chloe, QStringLiteral("post.created")).constLast().value(QStringLiteral("id")).toString();
    ApiReply ofRepost = makePost(chloe, QStringLiteral("Via Chloé"), {{QStringLiteral("quote_of"), repostId}});
    QCOMPARE(ofRepost.status, 201);
    QCOMPARE(ofRepost.json[QStringLiteral("quote_of")][QStringLiteral("id")].toString(), original);

    // The quoted post edited: the quote's audience gets the quote with the new text.
    const qint64 chloeSeq = latestSeq(chloe);
    tick();
    QCOMPARE(patch(QStringLiteral("/v1/posts/%1").arg(original), {{QStringLiteral("text"), QStringLiteral("Le lac a fondu")}}, amelie).status, 200);
    QList<QJsonObject> updates = eventsOf(chloe, QStringLiteral("post.updated"), chloeSeq);
    bool sawQuote = false;
    for (const QJsonObject &u : std::as_const(updates)) {
        if (u.value(QStringLiteral("id")).toString() == quoteId) {
            sawQuote = true;
            QCOMPARE(u[QStringLiteral("quote_of")][QStringLiteral("text")].toString(), QStringLiteral("Le lac a fondu"));
            QVERIFY(u[QStringLiteral("quote_of")][QStringLiteral("edited_at")].isString());
        }
    }
    QVERIFY(sawQuote);

    // The quoted post deleted: the quote stays, its card says so, without the text.
    const qint64 seq = latestSeq(chloe);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(original), amelie.accessToken).status, 204);
    const ApiReply after = m_api->get(QStringLiteral("/v1/posts/%1").arg(quoteId), chloe.accessToken);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json[QStringLiteral("quote_of")][QStringLiteral("deleted")].toBool(), true);
    QCOMPARE(after.json[QStringLiteral("quote_of")][QStringLiteral("text")].toString(), QString());
    QVERIFY(after.json[QStringLiteral("quote_of")][QStringLiteral("author")].isNull());
    updates = eventsOf(chloe, QStringLiteral("post.updated"), seq);
    sawQuote = false;
    for (const QJsonObject &u : std::as_const(updates)) {
        if (u.value(QStringLiteral("id")).toString() == quoteId)
            sawQuote = u[QStringLiteral("quote_of")][QStringLiteral("deleted")].toBool();
    }
    QVERIFY(sawQuote);
    QVERIFY(!m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(seq), chloe.accessToken).body.contains("Le lac a fondu"));
}

void TestServerPostActions::quoteRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    const QString gone = makePost(amelie, QStringLiteral("Bientôt parti")).json.value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(gone), amelie.accessToken).status, 204);
    const qint64 seq = latestSeq(bruno);

    ApiReply deleted = makePost(bruno, QStringLiteral("Quoting"), {{QStringLiteral("quote_of"), gone}});
    QCOMPARE(deleted.status, 404);
    QCOMPARE(deleted.errorField(), QStringLiteral("quote_of"));
    ApiReply unknown = makePost(bruno, QStringLiteral("Quoting"), {{QStringLiteral("quote_of"), QStringLiteral("p_999999")}});
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorField(), QStringLiteral("quote_of"));
    ApiReply notString = makePost(bruno, QStringLiteral("Quoting"), {{QStringLiteral("quote_of"), 12}});
    QCOMPARE(notString.status, 400);
    QCOMPARE(notString.errorField(), QStringLiteral("quote_of"));

    // Amélie blocked Bruno: her posts are not there for him to quote.
    const QString hers = makePost(amelie, QStringLiteral("Private-ish")).json.value(QStringLiteral("id")).toString();
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie).status, 200);
    ApiReply blocked = makePost(bruno, QStringLiteral("Quoting"), {{QStringLiteral("quote_of"), hers}});
    QCOMPARE(blocked.status, 404);
    QCOMPARE(blocked.errorField(), QStringLiteral("quote_of"));
    QCOMPARE(eventsOf(bruno, QStringLiteral("post.created"), seq).size(), 0);
}

void TestServerPostActions::bookmarks()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids << makePost(amelie, QStringLiteral("Post %1").arg(i)).json.value(QStringLiteral("id")).toString();
    const qint64 amelieSeq = latestSeq(amelie);

    // Bruno bookmarks all three, the first one twice: idempotent, one event each.
    for (const QString &id : std::as_const(ids)) {
        tick();
        ApiReply r = put(QStringLiteral("/v1/posts/%1/bookmark").arg(id), bruno);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("bookmarked_by_me")).toBool(), true);
    }
    QCOMPARE(put(QStringLiteral("/v1/posts/%1/bookmark").arg(ids.at(0)), bruno).status, 200);
    QList<QJsonObject> changes = eventsOf(bruno, QStringLiteral("bookmark.changed"));
    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes.at(0).value(QStringLiteral("post_id")).toString(), ids.at(0));
    QCOMPARE(changes.at(0).value(QStringLiteral("bookmarked")).toBool(), true);
    QCOMPARE(changes.at(0)[QStringLiteral("post")][QStringLiteral("bookmarked_by_me")].toBool(), true);

    // Private: the author sees no bookmark flag, no event, no list.
    QCOMPARE(latestSeq(amelie), amelieSeq);
    QCOMPARE(m_api->get(QStringLiteral("/v1/posts/%1").arg(ids.at(0)), amelie.accessToken)
                 .json.value(QStringLiteral("bookmarked_by_me")).toBool(), false);
    QCOMPARE(m_api->get(QStringLiteral("/v1/bookmarks"), amelie.accessToken).json.value(QStringLiteral("items")).toArray().size(), 0);

    // Newest bookmark first, paged.
    ApiReply page1 = m_api->get(QStringLiteral("/v1/bookmarks?limit=2"), bruno.accessToken);
    QCOMPARE(page1.status, 200);
    QJsonArray items = page1.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("id")].toString(), ids.at(2));
    QCOMPARE(items.at(1)[QStringLiteral("id")].toString(), ids.at(1));
    const QString next = page1.json.value(QStringLiteral("next_before")).toString();
    QCOMPARE(next, ids.at(1));
    ApiReply page2 = m_api->get(QStringLiteral("/v1/bookmarks?limit=2&before=%1").arg(next), bruno.accessToken);
    QCOMPARE(page2.status, 200);
    items = page2.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[QStringLiteral("id")].toString(), ids.at(0));
    QVERIFY(page2.json.value(QStringLiteral("next_before")).isNull());

    // Removing: idempotent too.
    ApiReply off = m_api->del(QStringLiteral("/v1/posts/%1/bookmark").arg(ids.at(1)), bruno.accessToken);
    QCOMPARE(off.status, 200);
    QCOMPARE(off.json.value(QStringLiteral("bookmarked_by_me")).toBool(), false);
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1/bookmark").arg(ids.at(1)), bruno.accessToken).status, 200);
    changes = eventsOf(bruno, QStringLiteral("bookmark.changed"));
    QCOMPARE(changes.size(), 4);
    QCOMPARE(changes.at(3).value(QStringLiteral("bookmarked")).toBool(), false);
    QCOMPARE(m_api->get(QStringLiteral("/v1/bookmarks"), bruno.accessToken).json.value(QStringLiteral("items")).toArray().size(), 2);
}

void TestServerPostActions::bookmarkRefusals()
{
    const TestAccount amelie = fresh(QStringLiteral("amelie"));
    const TestAccount bruno = fresh(QStringLiteral("bruno"));
    QCOMPARE(put(QStringLiteral("/v1/posts/p_999999/bookmark"), bruno).status, 404);
    QCOMPARE(put(QStringLiteral("/v1/posts/zzz/bookmark"), bruno).status, 404);
    QCOMPARE(put(QStringLiteral("/v1/posts/p_1/bookmark"), TestAccount{}).status, 401);
    ApiReply badBefore = m_api->get(QStringLiteral("/v1/bookmarks?before=p_1"), bruno.accessToken);
    QCOMPARE(badBefore.status, 400);
    QCOMPARE(badBefore.errorField(), QStringLiteral("before"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/bookmarks?limit=0"), bruno.accessToken).status, 400);
    const QString hers = makePost(amelie, QStringLiteral("Hidden soon")).json.value(QStringLiteral("id")).toString();
    QCOMPARE(put(QStringLiteral("/v1/blocks/%1").arg(bruno.id), amelie).status, 200);
    QCOMPARE(put(QStringLiteral("/v1/posts/%1/bookmark").arg(hers), bruno).status, 404);
    QCOMPARE(eventsOf(bruno, QStringLiteral("bookmark.changed")).size(), 0);
}

QTEST_GUILESS_MAIN(TestServerPostActions)
#include "tst_server_postactions.moc"
