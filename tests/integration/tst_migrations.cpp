// SPDX-License-Identifier: MIT
// The cache schema's migrations: from an empty file and from a database made at every
// earlier schema version, each upgrades to the current one and keeps its data.
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "storage/kvstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::storage;

namespace {

QByteArray testKey()
{
    return QByteArray(32, '\x5a');
}

//! A cache as the build of schema \a version left it: the migrations up to it only.
Result<std::unique_ptr<Database>> makeAtVersion(const QString &path, int version)
{
    OpenOptions options;
    options.rawKey = testKey();
    auto db = Database::open(path, options);
    if (!db)
        return db.error();
    QList<Migration> upTo;
    for (const Migration &m : cacheMigrations()) {
        if (m.version <= version)
            upTo.append(m);
    }
    if (auto st = (*db)->migrate(upTo); !st)
        return st.error();
    return std::move(db).value();
}

} // namespace

class MigrationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsAreConsecutive();
    void upgradesFromEveryVersion_data();
    void upgradesFromEveryVersion();
    void refusesNewerSchema();
};

void MigrationsTest::versionsAreConsecutive()
{
    // Strictly increasing from 1. Versions are reserved per issue (3 savings, 4 chat, 5 feed)
    // and may land in any order, so a reserved number may be missing for a while.
    int previous = 0;
    for (const Migration &m : cacheMigrations()) {
        QVERIFY(m.version > previous);
        previous = m.version;
    }
    QCOMPARE(cacheMigrations().constFirst().version, 1);
    QCOMPARE(cacheSchemaVersion(), previous);
}

void MigrationsTest::upgradesFromEveryVersion_data()
{
    QTest::addColumn<int>("from");
    // 0 is an empty file; every later version up to (not including) the current one is a
    // database made by an earlier build. Later issues add their steps to cacheMigrations().
    QTest::addRow("from v0") << 0;
    for (const Migration &m : cacheMigrations()) {
        if (m.version < cacheSchemaVersion())
            QTest::addRow("from v%d", m.version) << m.version;
    }
}

void MigrationsTest::upgradesFromEveryVersion()
{
    QFETCH(int, from);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        auto db = makeAtVersion(path, from);
        QVERIFY(db);
        auto version = (*db)->userVersion();
        QVERIFY(version);
        QCOMPARE(*version, from);
        if (from >= 1) {
            // kv has been there since v1: its rows must survive every later step.
            QVERIFY(KvStore(**db).setValues({{QStringLiteral("marker"), QStringLiteral("kept")}}));
            // payment_requests has been there since v1 too; v6 adds its times and payment.
            QVERIFY((*db)->exec(QStringLiteral("INSERT INTO payment_requests (id, status, amount, currency, payee_id, payer_id) "
                                               "VALUES ('pr_7', 'open', 1250, 'EUR', 'u_1', 'u_2');")));
        }
    }

    auto db = openCache(path, testKey());
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    auto version = (*db)->userVersion();
    QVERIFY(version);
    QCOMPARE(*version, cacheSchemaVersion());
    QVERIFY((*db)->quickCheck());
    for (const QString &table : privateTables() + QStringList{QStringLiteral("kv"), QStringLiteral("sync_state")}) {
        auto n = (*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1';")
                                   .arg(table));
        QVERIFY(n);
        QVERIFY2(*n == 1, qPrintable(table));
    }
    // v5: the post outbox (not synced either), the feed's gaps (synced: dropped with the posts),
    // and the advertiser of a sponsored post.
    auto postOutbox = (*db)->scalar(QStringLiteral(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'post_outbox';"));
    QVERIFY(postOutbox);
    QCOMPARE(*postOutbox, 1);
    QVERIFY(!privateTables().contains(QStringLiteral("post_outbox")));
    QVERIFY(privateTables().contains(QStringLiteral("feed_gaps")));
    QVERIFY((*db)->exec(QStringLiteral("INSERT INTO posts (id, advertiser_id) VALUES ('p_1', 'u_2');")));
    // v2: the payment outbox exists and is not a synced table (a resync must keep it).
    auto outbox = (*db)->scalar(QStringLiteral(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'payment_outbox';"));
    QVERIFY(outbox);
    QCOMPARE(*outbox, 1);
    QVERIFY(!privateTables().contains(QStringLiteral("payment_outbox")));
    QVERIFY((*db)->exec(QStringLiteral("INSERT INTO payment_outbox (idempotency_key, kind, method_path, body) "
                                       "VALUES ('k', 'transfer', '/v1/transfers', '{}');")));
    QVERIFY(!(*db)->exec(QStringLiteral("UPDATE payment_outbox SET state = 'lost' WHERE idempotency_key = 'k';")));
    auto cursor = (*db)->scalar(QStringLiteral("SELECT cursor FROM sync_state WHERE id = 1;"), -1);
    QVERIFY(cursor);
    QCOMPARE(*cursor, 0);
    if (from >= 1) {
        auto marker = KvStore(**db).value(QStringLiteral("marker"));
        QVERIFY(marker);
        QCOMPARE(*marker, QStringLiteral("kept"));
    }
    // v6: a request cached before keeps its state and gains empty times; new ones store them.
    if (from >= 1) {
        auto kept = (*db)->scalar(QStringLiteral("SELECT amount FROM payment_requests WHERE id = 'pr_7' AND status = 'open' "
                                                 "AND created_at = '' AND expires_at IS NULL AND transaction_id IS NULL;"));
        QVERIFY(kept);
        QCOMPARE(*kept, 1250);
    }
    QVERIFY((*db)->exec(QStringLiteral("INSERT OR REPLACE INTO payment_requests (id, status, created_at, expires_at, transaction_id) "
                                       "VALUES ('pr_8', 'paid', '2027-01-01T00:00:00.000Z', '2027-01-31T00:00:00.000Z', 't_3');")));
    // v7: an outbox row finds its synced message by (conversation_id, client_id), not by
    // scanning the conversation (readUnsent, MessageOutbox).
    {
        auto plan = (*db)->prepare(QStringLiteral(
            "EXPLAIN QUERY PLAN SELECT o.client_id FROM message_outbox o WHERE o.conversation_id = ?1 "
            "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = o.conversation_id "
            "AND m.client_id = o.client_id AND m.sender_id = ?2);"));
        QVERIFY(plan);
        QStringList details;
        for (;;) {
            auto row = plan->step();
            QVERIFY(row);
            if (!*row)
                break;
            details.append(plan->text(3));
        }
        QVERIFY2(details.join(u'\n').contains(u"messages_by_client_id"), qPrintable(details.join(u'\n')));
    }
    // v10: queued messages and posts keep their files (a JSON array; NULL for text only).
    QVERIFY((*db)->exec(QStringLiteral("INSERT INTO message_outbox (client_id, attachments) VALUES ('c_9', '[]');")));
    QVERIFY((*db)->exec(QStringLiteral("INSERT INTO post_outbox (client_id, images) VALUES ('c_9', '[]');")));
    // Money columns are integers: a REAL amount would be a schema bug.
    auto realMoney = (*db)->scalar(QStringLiteral(
        "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%amount%REAL%' OR sql LIKE '%balance%REAL%';"));
    QVERIFY(realMoney);
    QCOMPARE(*realMoney, 0);

    // Opening again is a no-op.
    db->reset();
    auto again = openCache(path, testKey());
    QVERIFY(again);
}

void MigrationsTest::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        auto db = makeAtVersion(path, cacheSchemaVersion());
        QVERIFY(db);
        QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version = %1;").arg(cacheSchemaVersion() + 1)));
    }
    auto db = openCache(path, testKey());
    QVERIFY(!db);
    QCOMPARE(db.error().code, ErrorCode::Storage);
}

QTEST_GUILESS_MAIN(MigrationsTest)
#include "tst_migrations.moc"
