// SPDX-License-Identifier: MIT
// Message actions against the real server (--test-clock; issue 17): editing one's own text
// within 48 h (last edit wins, the same text logs nothing), deleting for everyone (a
// tombstone; the words and file rows gone from the server's store), reactions (one per
// person per emoji, idempotent both ways, emoji only), replies (reply_to in the same
// conversation, the quote saying "deleted" once the original is) and forwards (members of
// the source and of every target; payments never). Each refusal has its status and reason,
// and every change reaches every member's log once.

#include "apiprobe.h"
#include "common/testserver.h"
#include "serverdb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

class TestServerMessageActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editOwnText();
    void editRefusals();
    void deleteForEveryone();
    void deleteRefusals();
    void reactions();
    void reactionValues_data();
    void reactionValues();
    void reactionRefusals();
    void replies();
    void forwards();
    void windowClosesAfter48Hours(); // moves the server's clock: last

private:
    QString conversation(const TestAccount &by, const QStringList &others, const QString &title = {});
    QJsonObject say(const TestAccount &who, const QString &conversationId, const QString &text,
                    const QJsonObject &extra = {});
    ApiReply edit(const TestAccount &who, const QString &messageId, const QString &text);
    ApiReply react(const TestAccount &who, const QString &messageId, const QString &emoji, bool add = true);
    ApiReply forward(const TestAccount &who, const QString &messageId, const QStringList &targets,
                     const QString &clientPrefix);
    QJsonObject messageOf(const TestAccount &who, const QString &conversationId, const QString &messageId);
    //! The events of \a who's log after \a since with type \a type.
    QList<QJsonObject> eventsOf(const TestAccount &who, const QString &type, qint64 since = 0);
    qint64 latestSeq(const TestAccount &who);
    QJsonObject payment(const QString &note);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
    TestAccount m_chloe;
    QString m_ab; //!< Amélie and Bruno
    QString m_ac; //!< Amélie and Chloé
    int m_counter = 0;
};

void TestServerMessageActions::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    // A frozen clock: only the test moves it.
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}).status, 200);
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"), QStringLiteral("Amélie"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"), QStringLiteral("Bruno"));
    m_chloe = m_api->registerAccount(QStringLiteral("chloe"), QStringLiteral("Chloé"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty() && !m_chloe.id.isEmpty());
    m_ab = conversation(m_amelie, {m_bruno.id});
    m_ac = conversation(m_amelie, {m_chloe.id});
    QVERIFY(!m_ab.isEmpty() && !m_ac.isEmpty());
    ApiReply top = m_api->send("POST", QStringLiteral("/v1/wallet/top-ups"),
                               R"({"amount":{"amount":5000,"currency":"EUR"},"card_token":"tok_visa"})", m_amelie.accessToken,
                               {{"Content-Type", "application/json"}, {"Idempotency-Key", "actions-topup-1"}});
    QCOMPARE(top.status, 201);
}

QString TestServerMessageActions::conversation(const TestAccount &by, const QStringList &others, const QString &title)
{
    QJsonObject body{{QStringLiteral("member_ids"), QJsonArray::fromStringList(others)}};
    if (!title.isEmpty())
        body.insert(QStringLiteral("title"), title);
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations"), body, by.accessToken);
    return r.json.value(QStringLiteral("id")).toString();
}

QJsonObject TestServerMessageActions::say(const TestAccount &who, const QString &conversationId, const QString &text,
                                          const QJsonObject &extra)
{
    QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("act-%1").arg(++m_counter)},
                     {QStringLiteral("text"), text}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId), body,
                                   who.accessToken);
    if (r.status != 201)
        qWarning() << "say:" << r.status << r.body;
    return r.json;
}

ApiReply TestServerMessageActions::edit(const TestAccount &who, const QString &messageId, const QString &text)
{
    return m_api->send("PATCH", QStringLiteral("/v1/messages/%1").arg(messageId),
                       QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact),
                       who.accessToken, {{"Content-Type", "application/json"}});
}

ApiReply TestServerMessageActions::react(const TestAccount &who, const QString &messageId, const QString &emoji, bool add)
{
    // ApiProbe sets the path decoded: QUrl percent-encodes the emoji's UTF-8 itself.
    const QString path = QStringLiteral("/v1/messages/%1/reactions/%2").arg(messageId, emoji);
    return add ? m_api->send("PUT", path, {}, who.accessToken) : m_api->del(path, who.accessToken);
}

ApiReply TestServerMessageActions::forward(const TestAccount &who, const QString &messageId, const QStringList &targets,
                                           const QString &clientPrefix)
{
    QJsonArray list;
    for (qsizetype i = 0; i < targets.size(); ++i)
        list.append(QJsonObject{{QStringLiteral("conversation_id"), targets.at(i)},
                                {QStringLiteral("client_id"), QStringLiteral("%1-%2").arg(clientPrefix).arg(i)}});
    return m_api->post(QStringLiteral("/v1/messages/%1/forward").arg(messageId), {{QStringLiteral("targets"), list}},
                       who.accessToken);
}

QJsonObject TestServerMessageActions::messageOf(const TestAccount &who, const QString &conversationId,
                                                const QString &messageId)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/conversations/%1/messages?limit=200").arg(conversationId),
                                  who.accessToken);
    for (const QJsonValue &v : r.json.value(QStringLiteral("items")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == messageId)
            return v.toObject();
    }
    return {};
}

QList<QJsonObject> TestServerMessageActions::eventsOf(const TestAccount &who, const QString &type, qint64 since)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("events")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(v.toObject().value(QStringLiteral("data")).toObject());
    }
    return out;
}

qint64 TestServerMessageActions::latestSeq(const TestAccount &who)
{
    qint64 since = 0;
    for (;;) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
        since = r.json.value(QStringLiteral("next_since")).toInteger();
        if (!r.json.value(QStringLiteral("has_more")).toBool())
            return since;
    }
}

QJsonObject TestServerMessageActions::payment(const QString &note)
{
    const QByteArray body = QStringLiteral(R"({"to":"%1","amount":{"amount":100,"currency":"EUR"},"note":"%2","conversation_id":"%3"})")
                                .arg(m_bruno.id, note, m_ab)
                                .toUtf8();
    const ApiReply paid = m_api->send("POST", QStringLiteral("/v1/transfers"), body, m_amelie.accessToken,
                                      {{"Content-Type", "application/json"},
                                       {"Idempotency-Key", QStringLiteral("actions-pay-%1").arg(++m_counter).toUtf8()}});
    if (paid.status != 201)
        qWarning() << "payment:" << paid.status << paid.body;
    const ApiReply conv = m_api->get(QStringLiteral("/v1/conversations/%1").arg(m_ab), m_amelie.accessToken);
    return conv.json.value(QStringLiteral("last_message")).toObject();
}

void TestServerMessageActions::editOwnText()
{
    const QJsonObject sent = say(m_amelie, m_ab, QStringLiteral("Rendez-vous à 9h"));
    const QString id = sent.value(QStringLiteral("id")).toString();
    QVERIFY(sent.value(QStringLiteral("edited_at")).isNull());
    const qint64 amelieBefore = latestSeq(m_amelie);
    const qint64 brunoBefore = latestSeq(m_bruno);

    ApiReply first = edit(m_amelie, id, QStringLiteral("Rendez-vous à 10h"));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json.value(QStringLiteral("text")).toString(), QStringLiteral("Rendez-vous à 10h"));
    const QString firstEditedAt = first.json.value(QStringLiteral("edited_at")).toString();
    QVERIFY(firstEditedAt.endsWith(u'Z'));
    QCOMPARE(first.json.value(QStringLiteral("created_at")), sent.value(QStringLiteral("created_at")));

    // The clock is frozen: a second edit in the same millisecond is still strictly later.
    ApiReply second = edit(m_amelie, id, QStringLiteral("Rendez-vous à 11h"));
    QCOMPARE(second.status, 200);
    QVERIFY(second.json.value(QStringLiteral("edited_at")).toString() > firstEditedAt);

    // Bruno reads the last edit, and both logs got each edit once, in order.
    QCOMPARE(messageOf(m_bruno, m_ab, id).value(QStringLiteral("text")).toString(), QStringLiteral("Rendez-vous à 11h"));
    for (const auto &[who, since] : {std::pair{m_amelie, amelieBefore}, std::pair{m_bruno, brunoBefore}}) {
        const QList<QJsonObject> edits = eventsOf(who, QStringLiteral("message.edited"), since);
        QCOMPARE(edits.size(), 2);
        QCOMPARE(edits.at(0).value(QStringLiteral("text")).toString(), QStringLiteral("Rendez-vous à 10h"));
        QCOMPARE(edits.at(1).value(QStringLiteral("text")).toString(), QStringLiteral("Rendez-vous à 11h"));
        QCOMPARE(edits.at(1).value(QStringLiteral("id")).toString(), id);
    }
    // The same text again: the message as it is, nothing logged.
    const qint64 settled = latestSeq(m_bruno);
    ApiReply same = edit(m_amelie, id, QStringLiteral("Rendez-vous à 11h"));
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json.value(QStringLiteral("edited_at")), second.json.value(QStringLiteral("edited_at")));
    QCOMPARE(latestSeq(m_bruno), settled);
}

void TestServerMessageActions::editRefusals()
{
    const QString id = say(m_amelie, m_ab, QStringLiteral("mine")).value(QStringLiteral("id")).toString();
    const qint64 before = latestSeq(m_amelie);

    ApiReply other = edit(m_bruno, id, QStringLiteral("hacked"));
    QCOMPARE(other.status, 403);
    QCOMPARE(other.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(other.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject()
                 .value(QStringLiteral("reason")).toString(), QStringLiteral("not_sender"));
    QCOMPARE(edit(m_chloe, id, QStringLiteral("stranger")).status, 403); // not a member
    QCOMPARE(edit(m_amelie, QStringLiteral("m_999999"), QStringLiteral("x")).status, 404);
    QCOMPARE(edit(m_amelie, QStringLiteral("c_1"), QStringLiteral("x")).status, 404);
    ApiReply blank = edit(m_amelie, id, QStringLiteral("   "));
    QCOMPARE(blank.status, 400);
    QCOMPARE(blank.errorField(), QStringLiteral("text"));
    ApiReply tooLong = edit(m_amelie, id, QString(4001, u'a'));
    QCOMPARE(tooLong.status, 400);
    QCOMPARE(tooLong.errorField(), QStringLiteral("text"));
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v1/messages/%1").arg(id), R"({"text":5})", m_amelie.accessToken,
                         {{"Content-Type", "application/json"}}).status,
             400);
    QCOMPARE(edit(m_amelie, id, QStringLiteral("pay me plaza://pay/pr_1")).status, 400);

    // Payments and request messages: never.
    const QJsonObject paid = payment(QStringLiteral("Pizza"));
    QCOMPARE(paid.value(QStringLiteral("kind")).toString(), QStringLiteral("payment"));
    ApiReply payEdit = edit(m_amelie, paid.value(QStringLiteral("id")).toString(), QStringLiteral("Sushi"));
    QCOMPARE(payEdit.status, 403);
    QVERIFY2(payEdit.body.contains("\"reason\":\"payment\""), payEdit.body.constData());
    const QString request = say(m_amelie, m_ab, QStringLiteral("€5.00 — cinema\nplaza://pay/pr_77")).value(QStringLiteral("id")).toString();
    ApiReply requestEdit = edit(m_amelie, request, QStringLiteral("€50.00 — cinema\nplaza://pay/pr_77"));
    QCOMPARE(requestEdit.status, 403);
    QVERIFY2(requestEdit.body.contains("\"reason\":\"request\""), requestEdit.body.constData());

    // None of that changed anything or logged an edit.
    QCOMPARE(messageOf(m_bruno, m_ab, id).value(QStringLiteral("text")).toString(), QStringLiteral("mine"));
    QVERIFY(eventsOf(m_amelie, QStringLiteral("message.edited"), before).isEmpty());
}

void TestServerMessageActions::deleteForEveryone()
{
    const QJsonObject sent = say(m_amelie, m_ab, QStringLiteral("secret words zebra"));
    const QString id = sent.value(QStringLiteral("id")).toString();
    QCOMPARE(react(m_bruno, id, QStringLiteral("👍")).status, 200);
    const qint64 brunoBefore = latestSeq(m_bruno);

    ApiReply deleted = m_api->del(QStringLiteral("/v1/messages/%1").arg(id), m_amelie.accessToken);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json.value(QStringLiteral("text")).toString(), QString());
    QVERIFY(deleted.json.value(QStringLiteral("deleted_at")).toString().endsWith(u'Z'));
    QCOMPARE(deleted.json.value(QStringLiteral("attachments")).toArray().size(), 0);
    QCOMPARE(deleted.json.value(QStringLiteral("reactions")).toArray().size(), 0);
    QCOMPARE(deleted.json.value(QStringLiteral("created_at")), sent.value(QStringLiteral("created_at")));

    // Bruno's list keeps the place, as a tombstone; his log says so once.
    const QJsonObject seen = messageOf(m_bruno, m_ab, id);
    QCOMPARE(seen.value(QStringLiteral("text")).toString(), QString());
    QVERIFY(!seen.value(QStringLiteral("deleted_at")).isNull());
    const QList<QJsonObject> events = eventsOf(m_bruno, QStringLiteral("message.deleted"), brunoBefore);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).value(QStringLiteral("id")).toString(), id);
    QCOMPARE(events.at(0).value(QStringLiteral("conversation_id")).toString(), m_ab);
    QCOMPARE(events.at(0).value(QStringLiteral("deleted_at")), deleted.json.value(QStringLiteral("deleted_at")));

    // Again: the same tombstone, nothing logged.
    const qint64 settled = latestSeq(m_bruno);
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(id), m_amelie.accessToken).status, 200);
    QCOMPARE(latestSeq(m_bruno), settled);

    // The words and reactions are gone from the server's store, not only from its answers.
    const QString storage = m_server->storage();
    auto spec = storage.contains(u':') ? server::StorageSpec::parse(storage)
                                       : Result<server::StorageSpec>(server::StorageSpec{server::Storage::Kind::Sqlite, storage});
    QVERIFY(spec);
    auto db = server::ServerDb::open(*spec);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    const qint64 rowId = id.mid(2).toLongLong();
    auto text = (*db)->query(QStringLiteral("SELECT text, deleted_at FROM messages WHERE id = ?1"), rowId);
    QVERIFY(text);
    auto row = text->step();
    QVERIFY(row && *row);
    QCOMPARE(text->text(0), QString());
    QVERIFY(!text->isNull(1));
    auto anywhere = (*db)->integer(QStringLiteral("SELECT count(*) FROM messages WHERE text LIKE '%zebra%'"));
    QVERIFY(anywhere);
    QCOMPARE(anywhere->value_or(-1), 0);
    auto reactions = (*db)->integer(QStringLiteral("SELECT count(*) FROM message_reactions WHERE message_id = ?1"), rowId);
    QVERIFY(reactions);
    QCOMPARE(reactions->value_or(-1), 0);
}

void TestServerMessageActions::deleteRefusals()
{
    const QString id = say(m_amelie, m_ab, QStringLiteral("keep me")).value(QStringLiteral("id")).toString();
    ApiReply other = m_api->del(QStringLiteral("/v1/messages/%1").arg(id), m_bruno.accessToken);
    QCOMPARE(other.status, 403);
    QVERIFY2(other.body.contains("\"reason\":\"not_sender\""), other.body.constData());
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(id), m_chloe.accessToken).status, 403);
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/m_999999"), m_amelie.accessToken).status, 404);
    const QJsonObject paid = payment(QStringLiteral("Taxi"));
    ApiReply payDelete = m_api->del(QStringLiteral("/v1/messages/%1").arg(paid.value(QStringLiteral("id")).toString()),
                                    m_amelie.accessToken);
    QCOMPARE(payDelete.status, 403);
    QVERIFY2(payDelete.body.contains("\"reason\":\"payment\""), payDelete.body.constData());
    QCOMPARE(messageOf(m_bruno, m_ab, paid.value(QStringLiteral("id")).toString()).value(QStringLiteral("text")).toString(),
             QStringLiteral("Taxi"));
    QCOMPARE(messageOf(m_bruno, m_ab, id).value(QStringLiteral("text")).toString(), QStringLiteral("keep me"));
    // A deleted message cannot be edited.
    const QString gone = say(m_amelie, m_ab, QStringLiteral("oops")).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(gone), m_amelie.accessToken).status, 200);
    ApiReply editGone = edit(m_amelie, gone, QStringLiteral("back"));
    QCOMPARE(editGone.status, 409);
    QVERIFY2(editGone.body.contains("\"reason\":\"deleted\""), editGone.body.constData());
}

void TestServerMessageActions::reactions()
{
    const QString id = say(m_bruno, m_ab, QStringLiteral("Photo du sommet")).value(QStringLiteral("id")).toString();
    const qint64 amelieBefore = latestSeq(m_amelie);
    const qint64 brunoBefore = latestSeq(m_bruno);

    ApiReply a = react(m_amelie, id, QStringLiteral("👍"));
    QCOMPARE(a.status, 200);
    QJsonArray list = a.json.value(QStringLiteral("reactions")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("emoji")).toString(), QStringLiteral("👍"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("mine")).toBool(), true);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("recent_user_ids")).toArray(), QJsonArray{m_amelie.id});

    // The same again: idempotent, nothing logged.
    QCOMPARE(react(m_amelie, id, QStringLiteral("👍")).json.value(QStringLiteral("reactions")).toArray(), list);
    QCOMPARE(eventsOf(m_bruno, QStringLiteral("message.reaction"), brunoBefore).size(), 1);

    QCOMPARE(react(m_bruno, id, QStringLiteral("👍")).status, 200);
    ApiReply heart = react(m_bruno, id, QStringLiteral("❤️"));
    QCOMPARE(heart.status, 200);
    list = heart.json.value(QStringLiteral("reactions")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("count")).toInt(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("recent_user_ids")).toArray(), (QJsonArray{m_bruno.id, m_amelie.id}));
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("emoji")).toString(), QStringLiteral("❤️"));

    // Each member's log has the change with the reactions as that member sees them.
    const QList<QJsonObject> amelies = eventsOf(m_amelie, QStringLiteral("message.reaction"), amelieBefore);
    QCOMPARE(amelies.size(), 3);
    const QJsonObject last = amelies.constLast();
    QCOMPARE(last.value(QStringLiteral("message_id")).toString(), id);
    QCOMPARE(last.value(QStringLiteral("user_id")).toString(), m_bruno.id);
    QCOMPARE(last.value(QStringLiteral("emoji")).toString(), QStringLiteral("❤️"));
    QCOMPARE(last.value(QStringLiteral("added")).toBool(), true);
    const QJsonArray asAmelie = last.value(QStringLiteral("reactions")).toArray();
    QCOMPARE(asAmelie.at(1).toObject().value(QStringLiteral("mine")).toBool(), false); // Bruno's heart
    QCOMPARE(asAmelie.at(0).toObject().value(QStringLiteral("mine")).toBool(), true);

    // Taking it back, twice: one change, then nothing.
    const qint64 settled = latestSeq(m_bruno);
    ApiReply undo = react(m_amelie, id, QStringLiteral("👍"), false);
    QCOMPARE(undo.status, 200);
    QCOMPARE(undo.json.value(QStringLiteral("reactions")).toArray().at(0).toObject().value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(react(m_amelie, id, QStringLiteral("👍"), false).status, 200);
    const QList<QJsonObject> removed = eventsOf(m_bruno, QStringLiteral("message.reaction"), settled);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).value(QStringLiteral("added")).toBool(), false);

    // The message as listed carries the same counts.
    QCOMPARE(messageOf(m_amelie, m_ab, id).value(QStringLiteral("reactions")).toArray().size(), 2);
}

void TestServerMessageActions::reactionValues_data()
{
    QTest::addColumn<QString>("emoji");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("thumbs up") << QStringLiteral("👍") << true;
    QTest::newRow("skin tone") << QStringLiteral("👍🏽") << true;
    QTest::newRow("heart with VS16") << QStringLiteral("❤️") << true;
    QTest::newRow("ZWJ family") << QStringLiteral("👨‍👩‍👧") << true;
    QTest::newRow("flag") << QStringLiteral("🇫🇷") << true;
    QTest::newRow("keycap") << QStringLiteral("1️⃣") << true;
    QTest::newRow("letter") << QStringLiteral("a") << false;
    QTest::newRow("word") << QStringLiteral("lol") << false;
    QTest::newRow("digit") << QStringLiteral("7") << false;
    QTest::newRow("two emoji") << QStringLiteral("👍👍") << false;
    QTest::newRow("emoji and text") << QStringLiteral("👍ok") << false;
    QTest::newRow("accented letter") << QStringLiteral("é") << false;
    QTest::newRow("space") << QStringLiteral(" ") << false;
}

void TestServerMessageActions::reactionValues()
{
    QFETCH(QString, emoji);
    QFETCH(bool, accepted);
    static QString id;
    if (id.isEmpty())
        id = say(m_amelie, m_ab, QStringLiteral("react to me")).value(QStringLiteral("id")).toString();
    const ApiReply r = react(m_bruno, id, emoji);
    QCOMPARE(r.status, accepted ? 200 : 400);
    if (!accepted)
        QCOMPARE(r.errorField(), QStringLiteral("emoji"));
}

void TestServerMessageActions::reactionRefusals()
{
    const QString id = say(m_amelie, m_ab, QStringLiteral("members only")).value(QStringLiteral("id")).toString();
    ApiReply stranger = react(m_chloe, id, QStringLiteral("👍"));
    QCOMPARE(stranger.status, 403);
    QCOMPARE(react(m_chloe, id, QStringLiteral("👍"), false).status, 403);
    QCOMPARE(react(m_amelie, QStringLiteral("m_999999"), QStringLiteral("👍")).status, 404);
    QVERIFY(messageOf(m_amelie, m_ab, id).value(QStringLiteral("reactions")).toArray().isEmpty());
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(id), m_amelie.accessToken).status, 200);
    ApiReply onTombstone = react(m_bruno, id, QStringLiteral("👍"));
    QCOMPARE(onTombstone.status, 409);
}

void TestServerMessageActions::replies()
{
    const QJsonObject original = say(m_bruno, m_ab, QStringLiteral("On se retrouve où ?\nDis-moi vite"));
    const QString originalId = original.value(QStringLiteral("id")).toString();
    const QJsonObject reply = say(m_amelie, m_ab, QStringLiteral("Au Lumière"),
                                  {{QStringLiteral("reply_to"), originalId}});
    const QJsonObject quoted = reply.value(QStringLiteral("reply_to")).toObject();
    QCOMPARE(quoted.value(QStringLiteral("id")).toString(), originalId);
    QCOMPARE(quoted.value(QStringLiteral("sender_id")).toString(), m_bruno.id);
    QCOMPARE(quoted.value(QStringLiteral("sender_name")).toString(), QStringLiteral("Bruno"));
    QCOMPARE(quoted.value(QStringLiteral("snippet")).toString(), QStringLiteral("On se retrouve où ? Dis-moi vite"));
    QCOMPARE(quoted.value(QStringLiteral("deleted")).toBool(), false);
    // A long original is cut to 100 characters.
    const QString longId = say(m_bruno, m_ab, QString(300, u'é')).value(QStringLiteral("id")).toString();
    const QJsonObject longReply = say(m_amelie, m_ab, QStringLiteral("ok"), {{QStringLiteral("reply_to"), longId}});
    QCOMPARE(longReply.value(QStringLiteral("reply_to")).toObject().value(QStringLiteral("snippet")).toString().size(), 100);

    // Refused: unknown, of another conversation (422 naming reply_to), not a string (400).
    const QString elsewhere = say(m_amelie, m_ac, QStringLiteral("ailleurs")).value(QStringLiteral("id")).toString();
    for (const QString &bad : {QStringLiteral("m_999999"), elsewhere, QStringLiteral("nonsense")}) {
        const ApiReply r = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(m_ab),
                                       {{QStringLiteral("client_id"), QStringLiteral("bad-reply-%1").arg(++m_counter)},
                                        {QStringLiteral("text"), QStringLiteral("?")},
                                        {QStringLiteral("reply_to"), bad}},
                                       m_amelie.accessToken);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), QStringLiteral("reply_to"));
    }
    const ApiReply notString = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(m_ab),
                                           {{QStringLiteral("client_id"), QStringLiteral("bad-reply-x")},
                                            {QStringLiteral("text"), QStringLiteral("?")},
                                            {QStringLiteral("reply_to"), 5}},
                                           m_amelie.accessToken);
    QCOMPARE(notString.status, 400);

    // Once the original is deleted the quote says so, and nobody replies to it any more.
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(originalId), m_bruno.accessToken).status, 200);
    const QJsonObject after = messageOf(m_bruno, m_ab, reply.value(QStringLiteral("id")).toString())
                                  .value(QStringLiteral("reply_to"))
                                  .toObject();
    QCOMPARE(after.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(after.value(QStringLiteral("snippet")).toString(), QString());
    const ApiReply toDeleted = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(m_ab),
                                           {{QStringLiteral("client_id"), QStringLiteral("reply-gone")},
                                            {QStringLiteral("text"), QStringLiteral("?")},
                                            {QStringLiteral("reply_to"), originalId}},
                                           m_amelie.accessToken);
    QCOMPARE(toDeleted.status, 422);
}

void TestServerMessageActions::forwards()
{
    const QString group = conversation(m_amelie, {m_bruno.id, m_chloe.id}, QStringLiteral("Randonnée"));
    const QJsonObject original = say(m_bruno, m_ab, QStringLiteral("Départ 7h, parking du col"));
    const QString originalId = original.value(QStringLiteral("id")).toString();
    const qint64 chloeBefore = latestSeq(m_chloe);

    ApiReply sent = forward(m_amelie, originalId, {m_ac, group}, QStringLiteral("fw1"));
    QCOMPARE(sent.status, 201);
    const QJsonArray items = sent.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject m = items.at(i).toObject();
        QCOMPARE(m.value(QStringLiteral("conversation_id")).toString(), i == 0 ? m_ac : group);
        QCOMPARE(m.value(QStringLiteral("sender")).toObject().value(QStringLiteral("id")).toString(), m_amelie.id);
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("Départ 7h, parking du col"));
        const QJsonObject from = m.value(QStringLiteral("forwarded_from")).toObject();
        QCOMPARE(from.value(QStringLiteral("message_id")).toString(), originalId);
        QCOMPARE(from.value(QStringLiteral("sender_id")).toString(), m_bruno.id);
        QCOMPARE(from.value(QStringLiteral("sender_name")).toString(), QStringLiteral("Bruno"));
    }
    // Chloé got both as new messages.
    QCOMPARE(eventsOf(m_chloe, QStringLiteral("message.created"), chloeBefore).size(), 2);
    // The same client_ids again: the same messages, 200, nothing new.
    ApiReply again = forward(m_amelie, originalId, {m_ac, group}, QStringLiteral("fw1"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("items")).toArray(), items);
    // Forwarding a forward keeps the first author.
    const QString copy = items.at(0).toObject().value(QStringLiteral("id")).toString();
    ApiReply onward = forward(m_chloe, copy, {group}, QStringLiteral("fw2"));
    QCOMPARE(onward.status, 201);
    QCOMPARE(onward.json.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("forwarded_from"))
                 .toObject().value(QStringLiteral("sender_id")).toString(),
             m_bruno.id);

    // Refused: a source one is not in, a target one is not in, an unknown target, no
    // targets, a payment, a deleted message.
    QCOMPARE(forward(m_chloe, originalId, {group}, QStringLiteral("fw3")).status, 403);
    const ApiReply notMember = forward(m_bruno, originalId, {m_ac}, QStringLiteral("fw4"));
    QCOMPARE(notMember.status, 403);
    QCOMPARE(notMember.errorField(), QStringLiteral("targets[0].conversation_id"));
    const ApiReply unknown = forward(m_amelie, originalId, {m_ac, QStringLiteral("c_999999")}, QStringLiteral("fw5"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorField(), QStringLiteral("targets[1].conversation_id"));
    QCOMPARE(forward(m_amelie, originalId, {}, QStringLiteral("fw6")).status, 400);
    const QJsonObject paid = payment(QStringLiteral("Essence"));
    const ApiReply payForward = forward(m_amelie, paid.value(QStringLiteral("id")).toString(), {m_ac}, QStringLiteral("fw7"));
    QCOMPARE(payForward.status, 403);
    QVERIFY2(payForward.body.contains("\"reason\":\"payment\""), payForward.body.constData());
    const QString gone = say(m_amelie, m_ab, QStringLiteral("bientôt effacé")).value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->del(QStringLiteral("/v1/messages/%1").arg(gone), m_amelie.accessToken).status, 200);
    QCOMPARE(forward(m_amelie, gone, {m_ac}, QStringLiteral("fw8")).status, 409);
    // Nothing of the refused ones arrived.
    QCOMPARE(eventsOf(m_chloe, QStringLiteral("message.created"), chloeBefore).size(), 3);
}

void TestServerMessageActions::windowClosesAfter48Hours()
{
    const QString early = say(m_amelie, m_ab, QStringLiteral("within the window")).value(QStringLiteral("id")).toString();
    const QString late = say(m_amelie, m_ab, QStringLiteral("will be too late")).value(QStringLiteral("id")).toString();
    // Exactly 48 h later: still allowed (access tokens last 15 minutes: sign in again).
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 48 * 3600}}).status, 200);
    for (TestAccount *who : {&m_amelie, &m_bruno}) {
        const ApiReply login = m_api->post(QStringLiteral("/v1/auth/login"),
                                           {{QStringLiteral("handle"), who->handle},
                                            {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        QCOMPARE(login.status, 200);
        who->accessToken = login.json.value(QStringLiteral("access_token")).toString();
    }
    QCOMPARE(edit(m_amelie, early, QStringLiteral("edited at 48 h")).status, 200);
    // One second more: refused, both ways, with the window in the answer.
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 1}}).status, 200);
    const ApiReply editLate = edit(m_amelie, late, QStringLiteral("nope"));
    QCOMPARE(editLate.status, 403);
    QVERIFY2(editLate.body.contains("\"reason\":\"too_late\""), editLate.body.constData());
    QVERIFY2(editLate.body.contains("\"window_s\":172800"), editLate.body.constData());
    const ApiReply deleteLate = m_api->del(QStringLiteral("/v1/messages/%1").arg(late), m_amelie.accessToken);
    QCOMPARE(deleteLate.status, 403);
    QVERIFY2(deleteLate.body.contains("\"reason\":\"too_late\""), deleteLate.body.constData());
    QCOMPARE(messageOf(m_bruno, m_ab, late).value(QStringLiteral("text")).toString(), QStringLiteral("will be too late"));
    // Reactions and replies have no window.
    QCOMPARE(react(m_bruno, late, QStringLiteral("😂")).status, 200);
}

QTEST_GUILESS_MAIN(TestServerMessageActions)
#include "tst_server_messageactions.moc"
