// SPDX-License-Identifier: MIT
// Every event type of api-v1 "Sync" through the EventApplier into a real SQLCipher cache:
// what lands in which table, money as integer minor units, deletes, read marks, unknown
// and malformed events (skipped, cursor still advances), and gap detection.
#include "protocol/json.h"
#include "protocol/types.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"

#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::storage;

namespace {

const QString kMe = QStringLiteral("u_me");

QJsonObject user(const QString &id, bool followedByMe = false)
{
    return protocol::User{id, id + QStringLiteral("_h"), id + QStringLiteral(" Name"), QStringLiteral("person"), false,
                          3, 4, followedByMe}
        .toJson();
}

QJsonObject money(qint64 minor)
{
    return protocol::moneyToJson(Money(minor, QStringLiteral("EUR")));
}

QJsonObject message(const QString &id, const QString &conversation, const QString &sender, const QString &at)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("client_id"), QString(id + QStringLiteral("-c"))},
            {QStringLiteral("conversation_id"), conversation},
            {QStringLiteral("sender"), user(sender)},
            {QStringLiteral("text"), QStringLiteral("hello")},
            {QStringLiteral("created_at"), at},
            {QStringLiteral("kind"), QStringLiteral("payment")},
            {QStringLiteral("payment"),
             QJsonObject{{QStringLiteral("transaction_id"), QStringLiteral("t_9")}, {QStringLiteral("amount"), money(1250)}}}};
}

QJsonObject post(const QString &id, const QJsonValue &repostOf = QJsonValue::Null)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("client_id"), QJsonValue::Null},
            {QStringLiteral("author"), user(QStringLiteral("u_author"))},
            {QStringLiteral("text"), QStringLiteral("a post")},
            {QStringLiteral("created_at"), QStringLiteral("2026-11-22T09:30:00.000Z")},
            {QStringLiteral("reply_to"), QJsonValue::Null},
            {QStringLiteral("repost_of"), repostOf},
            {QStringLiteral("like_count"), 5},
            {QStringLiteral("repost_count"), 1},
            {QStringLiteral("reply_count"), 0},
            {QStringLiteral("liked_by_me"), true},
            {QStringLiteral("reposted_by_me"), false},
            {QStringLiteral("sponsored"), true},
            {QStringLiteral("reach"), QStringLiteral("limited")},
            {QStringLiteral("signals"),
             QJsonObject{{QStringLiteral("author_affinity"), 0.5}, {QStringLiteral("engagement"), 12},
                         {QStringLiteral("age_s"), 3600}}}};
}

protocol::Event makeEvent(qint64 seq, const QString &type, const QJsonObject &data)
{
    return protocol::Event{seq, type, data};
}

} // namespace

class EventApplierTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyEventType();
    void readMarksAndUnread();
    void unknownAndMalformedAdvanceCursor();
    void contiguousDetectsGap();
    void resetKeepsKv();
    void unchangedUsersWriteNothing();
    void usersWithinAndAcrossBatches();
    void createdUpdatedRemovedMessages();
    void postActionsConverge();

private:
    qint64 scalar(const QString &sql)
    {
        auto v = m_db->scalar(sql, -1);
        return v ? *v : -2;
    }
    QString text(const QString &sql)
    {
        auto stmt = m_db->prepare(sql);
        if (!stmt)
            return {};
        auto row = stmt->step();
        return row && *row ? stmt->textOrNull(0) : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<sync::EventApplier> m_applier;
};

void EventApplierTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = openCache(m_dir->filePath(QStringLiteral("cache.db")), QByteArray(32, '\x11'));
    QVERIFY(db);
    m_db = std::move(db).value();
    m_applier = std::make_unique<sync::EventApplier>(*m_db, kMe);
    QVERIFY(m_applier->load());
    QCOMPARE(m_applier->cursor(), 0);
}

void EventApplierTest::cleanup()
{
    // Every store finished or reset what it ran: a statement left on a row would hold a read
    // transaction on the writer's connection for good (see Database::unfinishedStatements).
    if (m_db)
        QCOMPARE(m_db->unfinishedStatements(), 0);
    m_applier.reset();
    m_db.reset();
    m_dir.reset();
}

void EventApplierTest::everyEventType()
{
    const QJsonObject conversation{
        {QStringLiteral("id"), QStringLiteral("c_1")},
        {QStringLiteral("kind"), QStringLiteral("group")},
        {QStringLiteral("title"), QStringLiteral("Trip")},
        {QStringLiteral("members"), QJsonArray{user(kMe), user(QStringLiteral("u_a")), user(QStringLiteral("u_b"))}},
        {QStringLiteral("last_message"), message(QStringLiteral("m_1"), QStringLiteral("c_1"), QStringLiteral("u_a"),
                                                 QStringLiteral("2026-11-22T09:00:00.000Z"))},
        {QStringLiteral("unread"), 1},
        {QStringLiteral("read_up_to"), QJsonValue::Null}};
    const QJsonObject transaction{
        {QStringLiteral("id"), QStringLiteral("t_1")},
        {QStringLiteral("kind"), QStringLiteral("transfer")},
        {QStringLiteral("direction"), QStringLiteral("out")},
        {QStringLiteral("status"), QStringLiteral("pending")},
        {QStringLiteral("amount"), money(99999999999)},
        {QStringLiteral("counterparty"), user(QStringLiteral("u_a"))},
        {QStringLiteral("note"), QStringLiteral("rent")},
        {QStringLiteral("created_at"), QStringLiteral("2026-11-22T09:05:00.000Z")},
        {QStringLiteral("balance_after"), money(-5)},
        {QStringLiteral("request_id"), QJsonValue::Null},
        {QStringLiteral("conversation_id"), QStringLiteral("c_1")}};
    QJsonObject completed = transaction;
    completed.insert(QStringLiteral("status"), QStringLiteral("completed"));
    const QJsonObject wallet{
        {QStringLiteral("balance"), money(123456)},
        {QStringLiteral("available"), money(120000)},
        {QStringLiteral("verification"), QStringLiteral("full")},
        {QStringLiteral("limits"), QJsonObject{{QStringLiteral("per_payment"), money(100000)},
                                               {QStringLiteral("daily"), money(500000)},
                                               {QStringLiteral("remaining_today"), money(400000)}}},
        {QStringLiteral("as_of"), QStringLiteral("2026-11-22T09:06:00.000Z")}};
    const QJsonObject savings{
        {QStringLiteral("balance"), money(1000000)},
        {QStringLiteral("apy_bps"), 450},
        {QStringLiteral("interest_this_month"), money(37)},
        {QStringLiteral("interest_total"), money(1234)},
        {QStringLiteral("goals"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("g_1")},
                                {QStringLiteral("name"), QStringLiteral("Bike")},
                                {QStringLiteral("target"), money(50000)},
                                {QStringLiteral("saved"), money(20000)},
                                {QStringLiteral("deadline"), QJsonValue::Null},
                                {QStringLiteral("created_at"), QStringLiteral("2026-11-01T00:00:00.000Z")}}}},
        {QStringLiteral("as_of"), QStringLiteral("2026-11-22T09:07:00.000Z")}};
    const QJsonObject request{{QStringLiteral("id"), QStringLiteral("r_1")},
                              {QStringLiteral("link"), QStringLiteral("plaza://pay/r_1")},
                              {QStringLiteral("status"), QStringLiteral("open")},
                              {QStringLiteral("amount"), money(4200)},
                              {QStringLiteral("note"), QStringLiteral("pizza")},
                              {QStringLiteral("payee"), user(QStringLiteral("u_b"))}};

    const QList<protocol::Event> events{
        makeEvent(1, QStringLiteral("conversation.updated"), conversation),
        makeEvent(2, QStringLiteral("message.created"),
              message(QStringLiteral("m_2"), QStringLiteral("c_1"), QStringLiteral("u_b"),
                      QStringLiteral("2026-11-22T09:10:00.000Z"))),
        makeEvent(3, QStringLiteral("transaction.created"), transaction),
        makeEvent(4, QStringLiteral("transaction.updated"), completed),
        makeEvent(5, QStringLiteral("wallet.updated"), wallet),
        makeEvent(6, QStringLiteral("savings.updated"), savings),
        makeEvent(7, QStringLiteral("payment_request.updated"), request),
        makeEvent(8, QStringLiteral("post.created"), post(QStringLiteral("p_1"))),
        makeEvent(9, QStringLiteral("post.created"), post(QStringLiteral("p_2"), post(QStringLiteral("p_orig")))),
        makeEvent(10, QStringLiteral("post.updated"), post(QStringLiteral("p_1"))),
        makeEvent(11, QStringLiteral("post.deleted"), {{QStringLiteral("id"), QStringLiteral("p_1")}}),
        makeEvent(12, QStringLiteral("user.updated"), user(QStringLiteral("u_c"), true)),
    };
    auto changes = m_applier->applyBatch(events, 12);
    QVERIFY2(changes, changes ? "" : qPrintable(changes.error().message));
    QCOMPARE(changes->applied, 12);
    QCOMPARE(changes->skipped, 0);
    QCOMPARE(changes->cursor, 12);
    QCOMPARE(m_applier->cursor(), 12);
    QCOMPARE(scalar(QStringLiteral("SELECT cursor FROM sync_state")), 12);
    QVERIFY(!text(QStringLiteral("SELECT last_synced_at FROM sync_state")).isEmpty());
    QVERIFY(changes->changes.ids(storage::Table::Posts).contains(QStringLiteral("p_orig")));

    // Chat: members, the newer message moved the conversation's last message forward.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM conversation_members WHERE conversation_id = 'c_1'")), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM messages")), 2);
    QCOMPARE(text(QStringLiteral("SELECT last_message_id FROM conversations WHERE id = 'c_1'")), QStringLiteral("m_2"));
    QCOMPARE(scalar(QStringLiteral("SELECT payment_amount FROM messages WHERE id = 'm_2'")), 1250);
    QCOMPARE(text(QStringLiteral("SELECT typeof(payment_amount) FROM messages WHERE id = 'm_2'")),
             QStringLiteral("integer"));
    // Wallet: the update replaced the transaction; amounts exact, including a negative one.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 1);
    QCOMPARE(text(QStringLiteral("SELECT status FROM transactions")), QStringLiteral("completed"));
    QCOMPARE(scalar(QStringLiteral("SELECT amount FROM transactions")), 99999999999);
    QCOMPARE(scalar(QStringLiteral("SELECT balance_after FROM transactions")), -5);
    QCOMPARE(text(QStringLiteral("SELECT typeof(amount) || currency FROM transactions")), QStringLiteral("integerEUR"));
    QCOMPARE(scalar(QStringLiteral("SELECT balance FROM wallet")), 123456);
    QCOMPARE(scalar(QStringLiteral("SELECT remaining_today FROM wallet")), 400000);
    QCOMPARE(scalar(QStringLiteral("SELECT apy_bps FROM savings")), 450);
    QCOMPARE(scalar(QStringLiteral("SELECT saved FROM savings_goals WHERE id = 'g_1'")), 20000);
    QCOMPARE(scalar(QStringLiteral("SELECT amount FROM payment_requests WHERE id = 'r_1'")), 4200);
    QCOMPARE(text(QStringLiteral("SELECT payee_id FROM payment_requests")), QStringLiteral("u_b"));
    // Feed: p_1 deleted, the repost and its original kept with their signals.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM posts")), 2);
    QCOMPARE(text(QStringLiteral("SELECT repost_of_id FROM posts WHERE id = 'p_2'")), QStringLiteral("p_orig"));
    QCOMPARE(text(QStringLiteral("SELECT reach || sponsored || engagement FROM posts WHERE id = 'p_2'")),
             QStringLiteral("limited112"));
    // Social: u_c followed by me.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM follows WHERE follower_id = 'u_me' AND followee_id = 'u_c'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM users")), 5); // me, a, b, c and the author
}

void EventApplierTest::readMarksAndUnread()
{
    QList<protocol::Event> events{
        makeEvent(1, QStringLiteral("conversation.updated"),
              {{QStringLiteral("id"), QStringLiteral("c_1")},
               {QStringLiteral("kind"), QStringLiteral("direct")},
               {QStringLiteral("title"), QJsonValue::Null},
               {QStringLiteral("members"), QJsonArray{user(kMe), user(QStringLiteral("u_a"))}},
               {QStringLiteral("last_message"), QJsonValue::Null},
               {QStringLiteral("unread"), 0},
               {QStringLiteral("read_up_to"), QJsonValue::Null}})};
    for (int i = 1; i <= 3; ++i) {
        events << makeEvent(1 + i, QStringLiteral("message.created"),
                        message(QStringLiteral("m_%1").arg(i), QStringLiteral("c_1"), QStringLiteral("u_a"),
                                QStringLiteral("2026-11-22T09:0%1:00.000Z").arg(i)));
    }
    events << makeEvent(5, QStringLiteral("conversation.read"),
                     {{QStringLiteral("conversation_id"), QStringLiteral("c_1")},
                      {QStringLiteral("user_id"), kMe},
                      {QStringLiteral("up_to"), QStringLiteral("m_1")}})
           << makeEvent(6, QStringLiteral("conversation.read"),
                    {{QStringLiteral("conversation_id"), QStringLiteral("c_1")},
                     {QStringLiteral("user_id"), QStringLiteral("u_a")},
                     {QStringLiteral("up_to"), QStringLiteral("m_3")}});
    QVERIFY(m_applier->applyBatch(events, 6));
    QCOMPARE(text(QStringLiteral("SELECT read_up_to FROM conversations")), QStringLiteral("m_1"));
    QCOMPARE(scalar(QStringLiteral("SELECT unread FROM conversations")), 2);
    QCOMPARE(text(QStringLiteral("SELECT read_up_to FROM conversation_members WHERE user_id = 'u_a'")),
             QStringLiteral("m_3"));
}

void EventApplierTest::unknownAndMalformedAdvanceCursor()
{
    const QList<protocol::Event> events{
        makeEvent(1, QStringLiteral("sticker.created"), {{QStringLiteral("id"), QStringLiteral("s_1")}}),
        // amount as a string: refused, never read as 0 or as a double.
        makeEvent(2, QStringLiteral("transaction.created"),
              {{QStringLiteral("id"), QStringLiteral("t_bad")},
               {QStringLiteral("kind"), QStringLiteral("transfer")},
               {QStringLiteral("direction"), QStringLiteral("in")},
               {QStringLiteral("status"), QStringLiteral("completed")},
               {QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), QStringLiteral("12.50")},
                                                      {QStringLiteral("currency"), QStringLiteral("EUR")}}},
               {QStringLiteral("created_at"), QStringLiteral("2026-11-22T09:00:00.000Z")}}),
        makeEvent(3, QStringLiteral("user.updated"), user(QStringLiteral("u_ok"))),
    };
    auto changes = m_applier->applyBatch(events, 3);
    QVERIFY(changes);
    QCOMPARE(changes->applied, 1);
    QCOMPARE(changes->skipped, 2);
    QCOMPARE(changes->cursor, 3);
    QCOMPARE(changes->types, QStringList{QStringLiteral("user.updated")});
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM users")), 1);

    // The same page again, and a page that ends further (next_since above its events).
    changes = m_applier->applyBatch(events, 3);
    QVERIFY(changes);
    QCOMPARE(changes->applied, 0);
    QCOMPARE(changes->skipped, 3);
    changes = m_applier->applyBatch({}, 7);
    QVERIFY(changes);
    QCOMPARE(m_applier->cursor(), 7);
}

void EventApplierTest::contiguousDetectsGap()
{
    QVERIFY(m_applier->applyBatch({makeEvent(1, QStringLiteral("user.updated"), user(QStringLiteral("u_1")))}, 1, true));
    auto gap = m_applier->applyBatch({makeEvent(3, QStringLiteral("user.updated"), user(QStringLiteral("u_3")))}, 3, true);
    QVERIFY(gap);
    QVERIFY(gap->gap);
    QCOMPARE(gap->applied, 0);
    QCOMPARE(m_applier->cursor(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM users WHERE id = 'u_3'")), 0);
    auto next = m_applier->applyBatch({makeEvent(2, QStringLiteral("user.updated"), user(QStringLiteral("u_2")))}, 2, true);
    QVERIFY(next && !next->gap);
    QCOMPARE(m_applier->cursor(), 2);
}

void EventApplierTest::unchangedUsersWriteNothing()
{
    // A sender or author repeats the cached row in almost every event: that writes nothing and
    // is no change for the models; a changed field updates the row in place (same rowid).
    auto first = m_applier->applyBatch({makeEvent(1, QStringLiteral("user.updated"), user(QStringLiteral("u_x")))}, 1);
    QVERIFY(first);
    QVERIFY(first->changes.ids(storage::Table::Users).contains(QStringLiteral("u_x")));
    const qint64 rowid = scalar(QStringLiteral("SELECT rowid FROM users WHERE id = 'u_x'"));
    QVERIFY(rowid > 0);

    auto same = m_applier->applyBatch(
        {makeEvent(2, QStringLiteral("message.created"),
                   message(QStringLiteral("m_x"), QStringLiteral("c_x"), QStringLiteral("u_x"),
                           QStringLiteral("2026-11-22T10:00:00.000Z")))},
        2);
    QVERIFY(same);
    QCOMPARE(same->applied, 1);
    QVERIFY(!same->changes.touches(storage::Table::Users));
    QVERIFY(same->changes.ids(storage::Table::Messages).contains(QStringLiteral("m_x")));

    QJsonObject renamed = user(QStringLiteral("u_x"));
    renamed.insert(QStringLiteral("display_name"), QStringLiteral("Xavier Renamed"));
    renamed.insert(QStringLiteral("followers"), 99);
    auto changed = m_applier->applyBatch({makeEvent(3, QStringLiteral("user.updated"), renamed)}, 3);
    QVERIFY(changed);
    QVERIFY(changed->changes.ids(storage::Table::Users).contains(QStringLiteral("u_x")));
    QCOMPARE(text(QStringLiteral("SELECT display_name FROM users WHERE id = 'u_x'")), QStringLiteral("Xavier Renamed"));
    QCOMPARE(scalar(QStringLiteral("SELECT followers FROM users WHERE id = 'u_x'")), 99);
    QCOMPARE(scalar(QStringLiteral("SELECT rowid FROM users WHERE id = 'u_x'")), rowid);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM users WHERE id = 'u_x'")), 1);
}

void EventApplierTest::usersWithinAndAcrossBatches()
{
    // Within one batch a user met again as it was is not read again (UsersStore::beginBatch);
    // a user that changes and changes back within the batch ends as the last copy says.
    const QJsonObject plain = user(QStringLiteral("u_y"));
    QJsonObject renamed = plain;
    renamed.insert(QStringLiteral("display_name"), QStringLiteral("Yvonne Renamed"));
    auto batch = m_applier->applyBatch({makeEvent(1, QStringLiteral("user.updated"), plain),
                                        makeEvent(2, QStringLiteral("user.updated"), renamed),
                                        makeEvent(3, QStringLiteral("user.updated"), plain),
                                        makeEvent(4, QStringLiteral("message.created"),
                                                  message(QStringLiteral("m_y"), QStringLiteral("c_y"), QStringLiteral("u_y"),
                                                          QStringLiteral("2026-11-22T10:00:00.000Z")))},
                                       4);
    QVERIFY(batch);
    QCOMPARE(batch->applied, 4);
    QCOMPARE(text(QStringLiteral("SELECT display_name FROM users WHERE id = 'u_y'")), QStringLiteral("u_y Name"));
    QVERIFY(batch->changes.ids(storage::Table::Users).contains(QStringLiteral("u_y")));

    // What a batch remembered ends with it: a row another write changed in between is read
    // again, and the server's copy wins.
    QVERIFY(m_db->exec(QStringLiteral("UPDATE users SET display_name = 'Changed elsewhere' WHERE id = 'u_y';")));
    auto next = m_applier->applyBatch({makeEvent(5, QStringLiteral("user.updated"), plain)}, 5);
    QVERIFY(next);
    QCOMPARE(text(QStringLiteral("SELECT display_name FROM users WHERE id = 'u_y'")), QStringLiteral("u_y Name"));
    QVERIFY(next->changes.ids(storage::Table::Users).contains(QStringLiteral("u_y")));
}

void EventApplierTest::createdUpdatedRemovedMessages()
{
    const QString at = QStringLiteral("2026-11-22T10:00:00.000Z");
    // A new row: created (and touched).
    auto first = m_applier->applyBatch(
        {makeEvent(1, QStringLiteral("message.created"),
                   message(QStringLiteral("m_a"), QStringLiteral("c_1"), QStringLiteral("u_x"), at))},
        1);
    QVERIFY(first);
    QCOMPARE(first->changes.created(Table::Messages), QSet<QString>{QStringLiteral("m_a")});
    QVERIFY(first->changes.ids(Table::Messages).contains(QStringLiteral("m_a")));
    QVERIFY(first->changes.removed(Table::Messages).isEmpty());

    // The same message again as a conversation's last message: updated, not created.
    const QJsonObject conversation{{QStringLiteral("id"), QStringLiteral("c_1")},
                                   {QStringLiteral("kind"), QStringLiteral("direct")},
                                   {QStringLiteral("members"), QJsonArray{user(kMe), user(QStringLiteral("u_x"))}},
                                   {QStringLiteral("last_message"),
                                    message(QStringLiteral("m_a"), QStringLiteral("c_1"), QStringLiteral("u_x"), at)},
                                   {QStringLiteral("unread"), 1}};
    auto again = m_applier->applyBatch({makeEvent(2, QStringLiteral("conversation.updated"), conversation)}, 2);
    QVERIFY(again);
    QVERIFY(again->changes.ids(Table::Messages).contains(QStringLiteral("m_a")));
    QVERIFY(again->changes.created(Table::Messages).isEmpty());
    QVERIFY(again->changes.ids(Table::Conversations).contains(QStringLiteral("c_1")));

    // A row a REST page stored before its message.created event: the event still makes it new.
    RowChanges rest;
    QVERIFY(m_applier->applyEvent(
        makeEvent(0, QStringLiteral("message.created"),
                  message(QStringLiteral("m_b"), QStringLiteral("c_1"), QStringLiteral("u_x"), at)),
        rest));
    auto event = m_applier->applyBatch(
        {makeEvent(3, QStringLiteral("message.created"),
                   message(QStringLiteral("m_b"), QStringLiteral("c_1"), QStringLiteral("u_x"), at))},
        3);
    QVERIFY(event);
    QCOMPARE(event->changes.created(Table::Messages), QSet<QString>{QStringLiteral("m_b")});

    // Deleted: removed, and no longer created.
    auto gone = m_applier->applyBatch(
        {makeEvent(4, QStringLiteral("message.deleted"), QJsonObject{{QStringLiteral("id"), QStringLiteral("m_a")}})}, 4);
    QVERIFY(gone);
    QCOMPARE(gone->changes.removed(Table::Messages), QSet<QString>{QStringLiteral("m_a")});
    QVERIFY(gone->changes.created(Table::Messages).isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM messages WHERE id = 'm_a'")), 0);

    // Table names exist once, both ways.
    for (Table t : kAllTables)
        QCOMPARE(tableFromName(tableName(t)), std::optional<Table>(t));
    QVERIFY(!tableFromName(QStringLiteral("kv")));
}

void EventApplierTest::resetKeepsKv()
{
    QVERIFY(m_db->exec(QStringLiteral("INSERT INTO kv (key, value) VALUES ('refresh_token', 'x');")));
    QVERIFY(m_applier->applyBatch({makeEvent(1, QStringLiteral("user.updated"), user(QStringLiteral("u_1")))}, 1));
    QVERIFY(m_applier->resetPrivateData());
    QCOMPARE(m_applier->cursor(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT cursor FROM sync_state")), 0);
    for (const QString &table : privateTables())
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM kv")), 1);
}

// Issue 17: an edit, a quote's card and a bookmark arrive as events; replaying them (a second
// device, a resync) changes nothing; a deleted post leaves no bookmark and no text behind.
void EventApplierTest::postActionsConverge()
{
    QJsonObject edited = post(QStringLiteral("p_7"));
    edited.insert(QStringLiteral("text"), QStringLiteral("edited words"));
    edited.insert(QStringLiteral("edited_at"), QStringLiteral("2026-11-22T10:00:00.000Z"));
    edited.insert(QStringLiteral("bookmarked_by_me"), true);
    QJsonObject quote = post(QStringLiteral("p_8"));
    quote.insert(QStringLiteral("quote_of"),
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("p_7")}, {QStringLiteral("deleted"), false},
                             {QStringLiteral("author"), user(QStringLiteral("u_author"))},
                             {QStringLiteral("text"), QStringLiteral("edited words")},
                             {QStringLiteral("created_at"), QStringLiteral("2026-11-22T09:30:00.000Z")},
                             {QStringLiteral("edited_at"), QStringLiteral("2026-11-22T10:00:00.000Z")}});
    const QJsonObject marked{{QStringLiteral("post_id"), QStringLiteral("p_7")}, {QStringLiteral("bookmarked"), true},
                             {QStringLiteral("changed_at"), QStringLiteral("2026-11-22T10:01:00.000Z")},
                             {QStringLiteral("post"), edited}};
    const QList<protocol::Event> events{
        makeEvent(1, QStringLiteral("post.created"), post(QStringLiteral("p_7"))),
        makeEvent(2, QStringLiteral("post.updated"), edited),
        makeEvent(3, QStringLiteral("post.created"), quote),
        makeEvent(4, QStringLiteral("bookmark.changed"), marked),
    };
    auto changes = m_applier->applyBatch(events, 4);
    QVERIFY2(changes, changes ? "" : qPrintable(changes.error().message));
    QCOMPARE(changes->applied, 4);
    const QString state = QStringLiteral("SELECT text || '|' || edited_at || '|' || bookmarked_by_me || '|' || "
                                         "(SELECT count(*) FROM bookmarks) FROM posts WHERE id = 'p_7'");
    QCOMPARE(text(state), QStringLiteral("edited words|2026-11-22T10:00:00.000Z|1|1"));
    QVERIFY(text(QStringLiteral("SELECT quote_of FROM posts WHERE id = 'p_8'")).contains(QStringLiteral("edited words")));

    // The same events again (a replay from an older cursor): the same state.
    m_applier.reset();
    QVERIFY(m_db->exec(QStringLiteral("UPDATE sync_state SET cursor = 0")));
    m_applier = std::make_unique<sync::EventApplier>(*m_db, kMe);
    QVERIFY(m_applier->load());
    changes = m_applier->applyBatch(events, 4);
    QVERIFY2(changes, changes ? "" : qPrintable(changes.error().message));
    QCOMPARE(text(state), QStringLiteral("edited words|2026-11-22T10:00:00.000Z|1|1"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM posts")), 2);

    // The author deletes it: the bookmark goes (bookmark.changed), then the post; the quote's card says deleted.
    QJsonObject gone = quote;
    gone.insert(QStringLiteral("quote_of"), QJsonObject{{QStringLiteral("id"), QStringLiteral("p_7")},
                                                        {QStringLiteral("deleted"), true},
                                                        {QStringLiteral("author"), QJsonValue::Null},
                                                        {QStringLiteral("text"), QStringLiteral("")},
                                                        {QStringLiteral("created_at"), QJsonValue::Null}});
    const QList<protocol::Event> deleting{
        makeEvent(5, QStringLiteral("bookmark.changed"),
                  {{QStringLiteral("post_id"), QStringLiteral("p_7")}, {QStringLiteral("bookmarked"), false},
                   {QStringLiteral("changed_at"), QStringLiteral("2026-11-22T11:00:00.000Z")}, {QStringLiteral("post"), QJsonValue::Null}}),
        makeEvent(6, QStringLiteral("post.deleted"), {{QStringLiteral("id"), QStringLiteral("p_7")}}),
        makeEvent(7, QStringLiteral("post.updated"), gone),
    };
    changes = m_applier->applyBatch(deleting, 7);
    QVERIFY2(changes, changes ? "" : qPrintable(changes.error().message));
    QCOMPARE(changes->applied, 3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM bookmarks")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM posts WHERE id = 'p_7'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM posts WHERE text LIKE '%edited words%' "
                                   "OR coalesce(quote_of, '') LIKE '%edited words%'")),
             0);
}

QTEST_GUILESS_MAIN(EventApplierTest)
#include "tst_eventapplier.moc"
