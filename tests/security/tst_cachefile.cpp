// SPDX-License-Identifier: MIT
// The SQLCipher wrapper's guarantees, checked on real files: what is on disk is opaque,
// a wrong key or a foreign file is refused without touching the file, damage is an
// error and never a crash, and migrations are atomic per step.

#include "secrettestutil.h"
#include "security/keystore.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::storage;

namespace {

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

//! The names and hashes of every file in \a dir: a refused open must change none of
//! them, nor leave a -wal or -shm behind.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    const QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : names)
        files.insert(name, fileSha256(dir + u'/' + name));
    return files;
}

OpenOptions withKey(const QByteArray &key)
{
    OpenOptions options;
    options.rawKey = key;
    return options;
}

//! An encrypted database at \a path with a few pages of rows holding \a marker.
bool makeEncryptedDb(const QString &path, const QByteArray &key, const QString &marker, int rows = 200)
{
    auto db = Database::open(path, withKey(key));
    if (!db)
        return false;
    if (!(*db)->exec(QStringLiteral("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL);")))
        return false;
    return (*db)->transaction([&]() -> Status {
        auto insert = (*db)->prepare(QStringLiteral("INSERT INTO notes(body) VALUES (?1);"));
        if (!insert)
            return insert.error();
        for (int i = 0; i < rows; ++i) {
            if (auto st = insert->bind(1, QStringLiteral("%1 #%2").arg(marker).arg(i)).exec(); !st)
                return st;
        }
        return {};
    }).ok();
}

} // namespace

class TestCacheFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void encryptedFileIsOpaque()
    {
        const QString file = path(QStringLiteral("opaque.db"));
        const QByteArray key = security::randomKey();
        const QString marker = QStringLiteral("PLAZA-MARKER-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray needle = marker.toUtf8();

        auto db = Database::open(file, withKey(key));
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QVERIFY((*db)->encrypted());
        QVERIFY((*db)->exec(QStringLiteral("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL);")));
        auto insert = (*db)->prepare(QStringLiteral("INSERT INTO notes(body) VALUES (?1);"));
        QVERIFY(insert.ok());
        for (int i = 0; i < 50; ++i)
            QVERIFY(insert->bind(1, marker).exec());

        // While the connection is open the rows sit in the WAL: it must be opaque too,
        // and it must exist, or looking into it proves nothing.
        const QByteArray wal = readAll(file + QStringLiteral("-wal"));
        QVERIFY2(wal.size() > 4096, "expected the writes in the -wal file");
        QVERIFY(!wal.contains(needle));
        QVERIFY(!wal.contains("CREATE TABLE"));
        for (const QByteArray &spelling : test::keySpellings(key))
            QVERIFY(!wal.contains(spelling));
        insert = makeError(ErrorCode::Cancelled, QString()); // finalize before closing
        db->reset();                                          // closes the connection

        const QByteArray bytes = readAll(file);
        QVERIFY(bytes.size() >= 4096);
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("SQLite format 3"));
        QVERIFY(!bytes.contains(needle));
        QVERIFY(!bytes.contains("CREATE TABLE"));
        for (const QByteArray &spelling : test::keySpellings(key))
            QVERIFY(!bytes.contains(spelling));
        const QStringList hits = test::filesContaining(m_dir.path(), {needle});
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));

        // And the data really is in there: the right key reads it back.
        auto again = Database::open(file, withKey(key));
        QVERIFY(again.ok());
        auto count = (*again)->prepare(QStringLiteral("SELECT count(*) FROM notes WHERE body = ?1;"));
        QVERIFY(count.ok());
        count->bind(1, marker);
        QCOMPARE(count->step().value(), true);
        QCOMPARE(count->int64(0), qint64(50));
        QCOMPARE((*again)->scalar(QStringLiteral("PRAGMA temp_store;")).value(), qint64(2)); // MEMORY
    }

    void wrongKeyIsCacheLockedAndFileUntouched()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("cache.db"));
        const QByteArray key = security::randomKey();
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("wrong-key")));
        const auto before = snapshot(dir.path());
        QCOMPARE(before.keys(), QStringList{QStringLiteral("cache.db")});

        for (int i = 0; i < 3; ++i) {
            QByteArray other = security::randomKey();
            QVERIFY(other != key);
            auto db = Database::open(file, withKey(other));
            QVERIFY(!db.ok());
            QCOMPARE(db.error().code, ErrorCode::CacheLocked);
            QCOMPARE(snapshot(dir.path()), before);
        }
        // A key one bit off is as wrong as any other.
        QByteArray flipped = key;
        flipped[31] = char(flipped.at(31) ^ 0x01);
        auto db = Database::open(file, withKey(flipped));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::CacheLocked);
        QCOMPARE(snapshot(dir.path()), before);

        // Refusing did no harm: the right key still opens it.
        auto good = Database::open(file, withKey(key));
        QVERIFY(good.ok());
        QCOMPARE((*good)->scalar(QStringLiteral("SELECT count(*) FROM notes;")).value(), qint64(200));
    }

    void wrongLengthKeyRefusedBeforeAnyPragma_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("1 byte") << QByteArray(1, 'k');
        QTest::newRow("16 bytes") << QByteArray(16, 'k');
        QTest::newRow("31 bytes") << QByteArray(31, 'k');
        QTest::newRow("33 bytes") << QByteArray(33, 'k');
        QTest::newRow("64 hex chars") << security::randomKey().toHex();
        QTest::newRow("passphrase-like") << QByteArray("correct horse battery staple");
    }

    void wrongLengthKeyRefusedBeforeAnyPragma()
    {
        QFETCH(QByteArray, key);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("cache.db"));
        const QByteArray good = security::randomKey();
        QVERIFY(makeEncryptedDb(file, good, QStringLiteral("length")));
        const auto before = snapshot(dir.path());

        auto db = Database::open(file, withKey(key));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::CacheLocked);
        QCOMPARE(snapshot(dir.path()), before);

        // If the key had reached "PRAGMA key" as a passphrase, SQLCipher would have made a
        // new encrypted database here; refused first, nothing may be created at all.
        const QString fresh = dir.filePath(QStringLiteral("fresh.db"));
        auto created = Database::open(fresh, withKey(key));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::CacheLocked);
        QCOMPARE(QFileInfo(fresh).size(), 0);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void rawKeyLiteralIsOnlyEverHex()
    {
        static const QRegularExpression shape(QStringLiteral("^\"x'([0-9a-f]{64})'\"$"));
        QList<QByteArray> keys{QByteArray(32, '\0'), QByteArray(32, '\xff'), QByteArray(32, '\''),
                               QByteArray(32, '"'), QByteArray("';PRAGMA key='x';--\"...............").left(32)};
        for (int i = 0; i < 200; ++i)
            keys << security::randomKey();
        for (const QByteArray &key : std::as_const(keys)) {
            QCOMPARE(key.size(), 32);
            const QByteArray literal = Database::rawKeyLiteral(key);
            const auto match = shape.match(QString::fromLatin1(literal));
            QVERIFY2(match.hasMatch(), literal.constData());
            QCOMPARE(QByteArray::fromHex(match.captured(1).toLatin1()), key);
        }
        for (int size : {0, 1, 16, 31, 33, 64})
            QVERIFY(Database::rawKeyLiteral(QByteArray(size, 'a')).isEmpty());
    }

    void keysWithQuoteBytesWork()
    {
        // Key bytes that would break a naively quoted PRAGMA must still just work.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("quotes.db"));
        QByteArray key = QByteArray("'\";--x'\"\0\0\\", 11).leftJustified(32, '\'');
        QCOMPARE(key.size(), 32);
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("quotes"), 5));
        auto db = Database::open(file, withKey(key));
        QVERIFY(db.ok());
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM notes;")).value(), qint64(5));
        QVERIFY(!readAll(file).startsWith("SQLite format 3"));
    }

    void plainFileWithKeyIsRefusedNotRead()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain.db"));
        {
            auto plain = Database::open(file, OpenOptions{});
            QVERIFY(plain.ok());
            QVERIFY(!(*plain)->encrypted());
            QVERIFY((*plain)->exec(QStringLiteral("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('plain-visible');")));
        }
        QVERIFY(readAll(file).startsWith(QByteArray("SQLite format 3\0", 16)));
        const auto before = snapshot(dir.path());

        auto db = Database::open(file, withKey(security::randomKey()));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::CacheLocked);
        QCOMPARE(snapshot(dir.path()), before); // never encrypted in place, never overwritten

        auto plain = Database::open(file, OpenOptions{});
        QVERIFY(plain.ok());
        QCOMPARE((*plain)->scalar(QStringLiteral("SELECT count(*) FROM t;")).value(), qint64(1));
    }

    void damagedFileIsAnErrorNotACrash_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("random bytes") << 0;
        QTest::newRow("zeros") << 1;
        QTest::newRow("truncated inside page 1") << 2;
        QTest::newRow("truncated after page 1") << 3;
        QTest::newRow("plain header then garbage") << 4;
        QTest::newRow("page 2 overwritten") << 5;
        QTest::newRow("one byte") << 6;
    }

    void damagedFileIsAnErrorNotACrash()
    {
        QFETCH(int, kind);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("damaged.db"));
        const QByteArray key = security::randomKey();
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("damage"), 2000));
        const QByteArray good = readAll(file);
        QVERIFY(good.size() > 4 * 4096);

        QByteArray bad;
        switch (kind) {
        case 0:
            bad = security::randomKey().repeated(3 * 4096 / 32);
            break;
        case 1:
            bad = QByteArray(3 * 4096, '\0');
            break;
        case 2:
            bad = good.left(1000);
            break;
        case 3:
            bad = good.left(4096);
            break;
        case 4:
            bad = QByteArray("SQLite format 3\0", 16) + security::randomKey().repeated(200);
            break;
        case 5:
            bad = good;
            for (int i = 4096; i < 2 * 4096; ++i)
                bad[i] = char(i * 31);
            break;
        case 6:
            bad = good.left(1);
            break;
        }
        QVERIFY(writeFile(file, bad));

        // Either the open fails, or the damage shows up at the latest in quick_check.
        auto db = Database::open(file, withKey(key));
        if (!db.ok()) {
            QVERIFY(db.error().code == ErrorCode::CacheLocked || db.error().code == ErrorCode::Storage);
            QVERIFY(!db.error().message.isEmpty());
            QCOMPARE(readAll(file), bad); // not "repaired" or recreated on its own
            return;
        }
        const Status check = (*db)->quickCheck();
        // SQLite reads a one-byte file as an empty database, and open() then turns on
        // WAL, which writes a fresh encrypted page 1 over what was left of the cache.
        QVERIFY2(!check.ok(), "a damaged cache passed quick_check");
        QCOMPARE(check.error().code == ErrorCode::Storage || check.error().code == ErrorCode::CacheLocked, true);
    }

    void quickCheckPassesOnAGoodFile()
    {
        const QString file = path(QStringLiteral("good.db"));
        const QByteArray key = security::randomKey();
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("good"), 1000));
        auto db = Database::open(file, withKey(key));
        QVERIFY(db.ok());
        const Status check = (*db)->quickCheck();
        QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.error().message));
    }

    void wholeFileCheckedOnlyAfterAnUncleanClose()
    {
        // Issue 15: quick_check reads and decrypts the whole file; at open it runs only when
        // the last connection did not close cleanly. A crash is a connection never closed.
        const QString file = path(QStringLiteral("unclean.db"));
        const QString marker = Database::closedCleanlyMarker(file);
        const QByteArray key = security::randomKey();
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("unclean"), 2000));
        QVERIFY(!QFile::exists(marker)); // never checked: not known to be clean
        {
            auto db = Database::open(file, withKey(key));
            QVERIFY(db.ok());
            QVERIFY((*db)->checkUnlessClosedCleanly().ok());
            QVERIFY(!QFile::exists(marker)); // open: no marker
        }
        QVERIFY(QFile::exists(marker)); // closed cleanly

        // A page in the middle overwritten behind the app's back, the length kept.
        QByteArray bytes = readAll(file);
        QVERIFY(bytes.size() > 6 * 4096);
        const qsizetype page = (bytes.size() / 4096 / 2) * 4096;
        for (qsizetype i = page; i < page + 4096; ++i)
            bytes[i] = char(i * 7);
        QVERIFY(writeFile(file, bytes));

        // After a clean close the whole file is not read: the open passes. The process then
        // dies with the connection open (it is never closed, as in a crash).
        auto crashed = Database::open(file, withKey(key));
        QVERIFY(crashed.ok());
        QVERIFY((*crashed)->checkUnlessClosedCleanly().ok());
        QVERIFY(!QFile::exists(marker));
        Database *leaked = crashed->release();
        Q_UNUSED(leaked);

        // The next open reads it all, finds the damage, and says so; nothing written or deleted.
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto db = Database::open(file, withKey(key));
            QVERIFY(db.ok());
            const Status check = (*db)->checkUnlessClosedCleanly();
            QVERIFY2(!check.ok(), "a damaged file opened after an unclean close passed");
            QVERIFY(check.error().details.value(QStringLiteral("damaged")).toBool());
            QCOMPARE(readAll(file), bytes);
            db->reset(); // closed, but the check failed: still not known to be clean
            QVERIFY(!QFile::exists(marker));
        }
    }

    void fileCutShortAfterACleanCloseIsDamaged()
    {
        // The check after a clean close reads page 1 only, but a file shorter than its pages
        // is still refused.
        const QString file = path(QStringLiteral("cutshort.db"));
        const QByteArray key = security::randomKey();
        QVERIFY(makeEncryptedDb(file, key, QStringLiteral("cut"), 2000));
        {
            auto db = Database::open(file, withKey(key));
            QVERIFY(db.ok());
            QVERIFY((*db)->checkUnlessClosedCleanly().ok());
        }
        QVERIFY(QFile::exists(Database::closedCleanlyMarker(file)));
        const QByteArray whole = readAll(file);
        QVERIFY(writeFile(file, whole.left((whole.size() / 4096 / 2) * 4096)));
        auto db = Database::open(file, withKey(key));
        if (!db.ok()) // SQLite may refuse it itself
            return;
        const Status check = (*db)->checkUnlessClosedCleanly();
        QVERIFY2(!check.ok(), "a cut-short file passed");
        QVERIFY(check.error().details.value(QStringLiteral("damaged")).toBool());
    }

    void migrateAppliesStepsInOrder()
    {
        const QString file = path(QStringLiteral("migrate.db"));
        auto db = Database::open(file, withKey(security::randomKey()));
        QVERIFY(db.ok());
        QCOMPARE((*db)->userVersion().value(), 0);
        const QList<Migration> steps{
            {1, QStringLiteral("CREATE TABLE log(step INTEGER NOT NULL);")},
            {2, QStringLiteral("INSERT INTO log VALUES (2);")},
            {3, QStringLiteral("ALTER TABLE log ADD COLUMN note TEXT; INSERT INTO log VALUES (3, 'three');")},
        };
        const Status st = (*db)->migrate(steps);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        QCOMPARE((*db)->userVersion().value(), 3);
        auto rows = (*db)->prepare(QStringLiteral("SELECT group_concat(step, ',') FROM log;"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->step().value(), true);
        QCOMPARE(rows->text(0), QStringLiteral("2,3"));

        // Running again is a no-op, not a second application.
        QVERIFY((*db)->migrate(steps));
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM log;")).value(), qint64(2));
    }

    void failingStepRollsBackAndKeepsPreviousVersion()
    {
        const QString file = path(QStringLiteral("migrate-fail.db"));
        auto db = Database::open(file, withKey(security::randomKey()));
        QVERIFY(db.ok());
        QList<Migration> steps{
            {1, QStringLiteral("CREATE TABLE a(x INTEGER);")},
            {2, QStringLiteral("INSERT INTO a VALUES (2);")},
            // A partial write, then a failure in the same step.
            {3, QStringLiteral("INSERT INTO a VALUES (3); CREATE TABLE b(y); INSERT INTO no_such_table VALUES (1);")},
            {4, QStringLiteral("INSERT INTO a VALUES (4);")},
        };
        const Status st = (*db)->migrate(steps);
        QVERIFY(!st.ok());
        QCOMPARE((*db)->userVersion().value(), 2);
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM a;")).value(), qint64(1));
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM a WHERE x = 3;")).value(), qint64(0));
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'b';")).value(),
                 qint64(0));
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM a WHERE x = 4;")).value(), qint64(0));

        // The connection is usable afterwards (no transaction left open), and a fixed
        // step list carries on from version 2.
        steps[2].sql = QStringLiteral("INSERT INTO a VALUES (3);");
        QVERIFY((*db)->migrate(steps));
        QCOMPARE((*db)->userVersion().value(), 4);
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT sum(x) FROM a;")).value(), qint64(9));
    }

    void newerFileIsRefused()
    {
        const QString file = path(QStringLiteral("migrate-newer.db"));
        const QByteArray key = security::randomKey();
        {
            auto db = Database::open(file, withKey(key));
            QVERIFY(db.ok());
            QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version = 7;")));
        }
        auto db = Database::open(file, withKey(key));
        QVERIFY(db.ok());
        const Status st = (*db)->migrate({{1, QStringLiteral("CREATE TABLE t(x);")},
                                          {2, QStringLiteral("CREATE TABLE u(x);")}});
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.contains(u"newer"));
        QCOMPARE((*db)->userVersion().value(), 7);
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master;")).value(), qint64(0));
    }

    void stepsListedOutOfOrderAreAppliedByVersion()
    {
        const QString file = path(QStringLiteral("migrate-order.db"));
        auto db = Database::open(file, withKey(security::randomKey()));
        QVERIFY(db.ok());
        const QList<Migration> steps{
            {2, QStringLiteral("INSERT INTO t VALUES (2);")},
            {1, QStringLiteral("CREATE TABLE t(x INTEGER);")},
        };
        const Status st = (*db)->migrate(steps);
        QVERIFY(st.ok());
        QCOMPARE((*db)->userVersion().value(), 2);
    }

    void twoStepsClaimingOneVersionAreRefused()
    {
        const QString file = path(QStringLiteral("migrate-dup.db"));
        auto db = Database::open(file, withKey(security::randomKey()));
        QVERIFY(db.ok());
        const QList<Migration> steps{
            {1, QStringLiteral("CREATE TABLE t(x INTEGER);")},
            {1, QStringLiteral("CREATE TABLE u(x INTEGER);")},
        };
        const Status st = (*db)->migrate(steps);
        QVERIFY(!st.ok());
        QCOMPARE((*db)->userVersion().value(), 0);
        auto tables = (*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table';"));
        QVERIFY(tables.ok());
        QCOMPARE(*tables, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCacheFile)
#include "tst_cachefile.moc"
