// SPDX-License-Identifier: MIT
// Database::prepare() hands back the statement an earlier Statement of the same SQL left
// behind: on a real SQLCipher file, with a second connection writing, a reused statement
// comes back reset and unbound, holds no read transaction while it waits, sees the other
// connection's commits and a changed schema, and two alive at once are independent.
#include "storage/database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::storage;

class StatementPoolTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void comesBackResetAndUnbound();
    void aStatementLeftOnARowHoldsNoSnapshot();
    void twoAliveAtOnceAreIndependent();
    void seesAChangedSchema();
    void outlivesItsConnection();

private:
    std::unique_ptr<Database> open()
    {
        OpenOptions options;
        options.rawKey = QByteArray(32, '\x3c');
        auto db = Database::open(m_dir->filePath(QStringLiteral("pool.db")), options);
        if (!db)
            qWarning("open: %s", qPrintable(db.error().message));
        return db ? std::move(db).value() : nullptr;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_reader;
    std::unique_ptr<Database> m_writer;
};

void StatementPoolTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_writer = open();
    QVERIFY(m_writer);
    QVERIFY(m_writer->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
                                          "INSERT INTO t (v) VALUES ('a'), ('b'), ('c');")));
    m_reader = open();
    QVERIFY(m_reader);
}

void StatementPoolTest::cleanup()
{
    m_reader.reset();
    m_writer.reset();
    m_dir.reset();
}

void StatementPoolTest::comesBackResetAndUnbound()
{
    const QString sql = QStringLiteral("SELECT ?1, (SELECT count(*) FROM t);");
    {
        auto stmt = m_reader->prepare(sql);
        QVERIFY(stmt);
        stmt->bind(1, qint64(42));
        auto row = stmt->step();
        QVERIFY(row && *row);
        QCOMPARE(stmt->int64(0), qint64(42));
    } // left on its row, bound
    auto again = m_reader->prepare(sql);
    QVERIFY(again);
    auto row = again->step();
    QVERIFY(row && *row);
    QVERIFY(again->isNull(0)); // the old binding is gone
    QCOMPARE(again->int64(1), qint64(3)); // and it ran from the start
}

void StatementPoolTest::aStatementLeftOnARowHoldsNoSnapshot()
{
    const QString sql = QStringLiteral("SELECT v FROM t ORDER BY id;");
    {
        auto stmt = m_reader->prepare(sql);
        QVERIFY(stmt);
        auto row = stmt->step();
        QVERIFY(row && *row);
        QCOMPARE(m_reader->unfinishedStatements(), 1);
    }
    // Kept for reuse, but reset: no read transaction pinning the old snapshot.
    QCOMPARE(m_reader->unfinishedStatements(), 0);
    QVERIFY(m_writer->exec(QStringLiteral("INSERT INTO t (v) VALUES ('d');")));
    // The reader's own write works (it would fail with SQLITE_BUSY_SNAPSHOT on a pinned one)…
    QVERIFY(m_reader->exec(QStringLiteral("INSERT INTO t (v) VALUES ('e');")));
    // …and the reused statement sees both commits.
    auto again = m_reader->prepare(sql);
    QVERIFY(again);
    QStringList seen;
    QVERIFY(again->forEachRow([&] { seen << again->text(0); }));
    QCOMPARE(seen, QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                                QStringLiteral("e")}));
}

void StatementPoolTest::twoAliveAtOnceAreIndependent()
{
    const QString sql = QStringLiteral("SELECT v FROM t WHERE id = ?1;");
    auto one = m_reader->prepare(sql);
    auto two = m_reader->prepare(sql);
    QVERIFY(one && two);
    one->bind(1, qint64(1));
    two->bind(1, qint64(3));
    auto r1 = one->step();
    auto r2 = two->step();
    QVERIFY(r1 && *r1 && r2 && *r2);
    QCOMPARE(one->text(0), QStringLiteral("a"));
    QCOMPARE(two->text(0), QStringLiteral("c"));
}

void StatementPoolTest::seesAChangedSchema()
{
    const QString sql = QStringLiteral("SELECT * FROM t WHERE id = 1;");
    {
        auto stmt = m_reader->prepare(sql);
        QVERIFY(stmt);
        QVERIFY(stmt->exec());
        QCOMPARE(stmt->columnCount(), 2);
    }
    QVERIFY(m_writer->exec(QStringLiteral("ALTER TABLE t ADD COLUMN w INTEGER NOT NULL DEFAULT 7;")));
    auto again = m_reader->prepare(sql);
    QVERIFY(again);
    auto row = again->step();
    QVERIFY(row && *row);
    QCOMPARE(again->columnCount(), 3);
    QCOMPARE(again->int64(2), qint64(7));
}

void StatementPoolTest::outlivesItsConnection()
{
    auto stmt = m_reader->prepare(QStringLiteral("SELECT v FROM t;"));
    QVERIFY(stmt);
    auto row = stmt->step();
    QVERIFY(row && *row);
    Result<Statement> kept = std::move(stmt);
    m_reader.reset(); // the connection goes first: the statement finalizes itself later
    QCOMPARE(kept->text(0), QStringLiteral("a"));
}

QTEST_GUILESS_MAIN(StatementPoolTest)
#include "tst_statementpool.moc"
