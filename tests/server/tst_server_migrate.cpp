// SPDX-License-Identifier: MIT
// plaza-server migrate --from sqlite:DIR --to postgres:URL (server/migrate.h, docs/deploy.md):
// a SQLite deployment filled through the API (accounts, money, messages with a file, posts
// with an image, follows) is stopped, copied into an empty PostgreSQL database, and a server
// started on PostgreSQL with the same --data folder answers as the old one did: balances,
// every user's event log, the files' bytes, sign-in with the old passwords, and new writes
// (the identity sequences start past the copied ids). A second copy into the now full
// database is refused. Needs PostgreSQL: the plain entry skips, the _pg entry runs it.
#include "apiprobe.h"
#include "common/testserver.h"
#include "ledgercheck.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza::test;

namespace {

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

qint64 balanceOf(ApiProbe &api, const TestAccount &who)
{
    return api.get(QStringLiteral("/v1/wallet"), who.accessToken)
        .json.value(QStringLiteral("balance"))
        .toObject()
        .value(QStringLiteral("amount"))
        .toInteger(-1);
}

QByteArray png(int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x)
            image.setPixel(x, y, qRgb(x * 255 / w, y * 255 / h, 128));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

//! Uploads \a bytes in one chunk; the media id, or empty (the test fails on it).
QString upload(ApiProbe &api, const TestAccount &who, const QByteArray &bytes, const QString &name, const QString &mime)
{
    const ApiReply created = api.post(QStringLiteral("/v1/uploads"),
                                      {{QStringLiteral("size"), qint64(bytes.size())},
                                       {QStringLiteral("sha256"),
                                        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())},
                                       {QStringLiteral("name"), name},
                                       {QStringLiteral("mime"), mime}},
                                      who.accessToken);
    if (created.status != 201)
        return {};
    const QString id = created.json.value(QStringLiteral("id")).toString();
    if (api.send("PUT", QStringLiteral("/v1/uploads/%1?offset=0").arg(id), bytes, who.accessToken,
                 {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream")}})
            .status
        != 200)
        return {};
    const ApiReply done = api.post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, who.accessToken);
    return done.status == 201 ? done.json.value(QStringLiteral("id")).toString() : QString();
}

//! Every event of \a who's log, from the start.
QJsonArray allEvents(ApiProbe &api, const TestAccount &who)
{
    QJsonArray events;
    qint64 since = 0;
    for (int page = 0; page < 100; ++page) {
        const ApiReply r = api.get(QStringLiteral("/v1/sync?since=%1&limit=500").arg(since), who.accessToken);
        if (r.status != 200)
            return {};
        for (const QJsonValue &e : r.json.value(QStringLiteral("events")).toArray())
            events.append(e);
        since = r.json.value(QStringLiteral("next_since")).toInteger();
        if (!r.json.value(QStringLiteral("has_more")).toBool())
            break;
    }
    return events;
}

struct Migrated {
    int exitCode = -1;
    QString out;
    QString err;
};

Migrated runMigrate(const QString &from, const QString &to)
{
    QProcess process;
    process.start(TestServer::executable(), {QStringLiteral("migrate"), QStringLiteral("--from"), from, QStringLiteral("--to"), to});
    Migrated m;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        m.err = QStringLiteral("migrate did not finish in 120 s");
        return m;
    }
    m.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m.out = QString::fromUtf8(process.readAllStandardOutput());
    m.err = QString::fromUtf8(process.readAllStandardError());
    return m;
}

//! The two numbers of the report line that starts with \a what.
QPair<qint64, qint64> reported(const QString &out, const QString &what)
{
    for (const QString &line : out.split(u'\n')) {
        if (!line.startsWith(what))
            continue;
        const QStringList parts = line.mid(what.size()).split(u' ', Qt::SkipEmptyParts);
        if (parts.size() >= 2)
            return {parts[0].toLongLong(), parts[1].toLongLong()};
    }
    return {-1, -2};
}

} // namespace

class TestServerMigrate : public QObject
{
    Q_OBJECT

private slots:
    void sqliteDeploymentMovesToPostgres();
    void refusals();
};

void TestServerMigrate::sqliteDeploymentMovesToPostgres()
{
    if (!TestStorage::wantPostgres())
        QSKIP("migrate moves a SQLite deployment to PostgreSQL; the _pg entry runs it");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sqlite = QStringLiteral("sqlite:") + dir.path();
    // The old deployment: SQLite in its --data folder, media files beside it.
    TestServer old({QStringLiteral("--data"), dir.path(), QStringLiteral("--storage"), sqlite});
    PLAZA_VERIFY_START(old);
    ApiProbe api(old.url());
    const TestAccount amelie = api.registerAccount(QStringLiteral("amelie"));
    const TestAccount bruno = api.registerAccount(QStringLiteral("bruno"));
    const TestAccount chloe = api.registerAccount(QStringLiteral("chloe"));
    QVERIFY(!amelie.id.isEmpty() && !bruno.id.isEmpty() && !chloe.id.isEmpty());
    const QList<TestAccount> everyone{amelie, bruno, chloe};

    const ApiReply funded = api.send(
        QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"),
        QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(25000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}})
            .toJson(QJsonDocument::Compact),
        amelie.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("fund-1")}});
    QCOMPARE(funded.status, 201);
    for (int i = 0; i < 3; ++i) {
        const ApiReply paid = api.send(
            QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"),
            QJsonDocument(QJsonObject{{QStringLiteral("to"), i == 2 ? chloe.id : bruno.id}, {QStringLiteral("amount"), eur(1234 + i)}})
                .toJson(QJsonDocument::Compact),
            amelie.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArray("pay-") + QByteArray::number(i)}});
        QCOMPARE(paid.status, 201);
    }
    QCOMPARE(api.post(QStringLiteral("/v1/users/%1/follow").arg(bruno.id), {}, amelie.accessToken).status, 204);
    QCOMPARE(api.post(QStringLiteral("/v1/users/%1/follow").arg(amelie.id), {}, chloe.accessToken).status, 204);

    const ApiReply conversation = api.post(QStringLiteral("/v1/conversations"),
                                           {{QStringLiteral("member_ids"), QJsonArray{bruno.id}}}, amelie.accessToken);
    QCOMPARE(conversation.status, 201);
    const QString ab = conversation.json.value(QStringLiteral("id")).toString();
    const QString file = upload(api, amelie, QByteArrayLiteral("%PDF-1.7\nquarterly report\n"), QStringLiteral("report.pdf"),
                                QStringLiteral("application/pdf"));
    QVERIFY(!file.isEmpty());
    QCOMPARE(api.post(QStringLiteral("/v1/conversations/%1/messages").arg(ab),
                      {{QStringLiteral("client_id"), QStringLiteral("m-1")},
                       {QStringLiteral("text"), QStringLiteral("The report")},
                       {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), file}}}}},
                      amelie.accessToken)
                 .status,
             201);
    QCOMPARE(api.post(QStringLiteral("/v1/conversations/%1/messages").arg(ab),
                      {{QStringLiteral("client_id"), QStringLiteral("m-2")}, {QStringLiteral("text"), QStringLiteral("Thanks!")}},
                      bruno.accessToken)
                 .status,
             201);
    const QString image = upload(api, bruno, png(80, 60), QStringLiteral("view.png"), QStringLiteral("image/png"));
    QVERIFY(!image.isEmpty());
    const ApiReply post = api.post(QStringLiteral("/v1/posts"),
                                   {{QStringLiteral("client_id"), QStringLiteral("p-1")},
                                    {QStringLiteral("text"), QStringLiteral("From the hill")},
                                    {QStringLiteral("images"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), image}}}}},
                                   bruno.accessToken);
    QCOMPARE(post.status, 201);
    QCOMPARE(api.post(QStringLiteral("/v1/posts/%1/like").arg(post.json.value(QStringLiteral("id")).toString()), {},
                      chloe.accessToken)
                 .status,
             200);

    // What the old server says, to compare with the new one.
    QList<qint64> balances;
    QList<QJsonArray> logs;
    for (const TestAccount &who : everyone) {
        balances.append(balanceOf(api, who));
        logs.append(allEvents(api, who));
        QVERIFY(!logs.last().isEmpty());
    }
    QCOMPARE(balances, (QList<qint64>{25000 - 1234 - 1235 - 1236, 1234 + 1235, 1236}));
    const QByteArray fileBytes = api.get(QStringLiteral("/v1/media/%1/content").arg(file), bruno.accessToken).body;
    const QByteArray imageBytes = api.get(QStringLiteral("/v1/media/%1/content").arg(image), bruno.accessToken).body;
    QVERIFY(fileBytes.startsWith("%PDF"));
    QVERIFY(imageBytes.size() > 100);
    QVERIFY(old.stop());

    // The new deployment: its own empty PostgreSQL database, the same --data folder.
    TestServer now({QStringLiteral("--data"), dir.path()});
    QVERIFY(now.postgres());
    const Migrated m = runMigrate(sqlite, now.storage());
    QVERIFY2(m.exitCode == 0, qPrintable(m.out + m.err));
    QVERIFY2(m.out.contains(QStringLiteral("totals equal")), qPrintable(m.out));
    QCOMPARE(reported(m.out, QStringLiteral("rows in users")), (QPair<qint64, qint64>{3, 3}));
    QCOMPARE(reported(m.out, QStringLiteral("sum of wallet balances")), (QPair<qint64, qint64>{25000, 25000}));
    QCOMPARE(reported(m.out, QStringLiteral("sum of ledger entries")), (QPair<qint64, qint64>{0, 0}));
    const qint64 logged = logs[0].size() + logs[1].size() + logs[2].size();
    QCOMPARE(reported(m.out, QStringLiteral("event log: events")), (QPair<qint64, qint64>{logged, logged}));

    // Copying again into what is now full is refused, and changes nothing.
    const Migrated again = runMigrate(sqlite, now.storage());
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already holds data")), qPrintable(again.err));

    PLAZA_VERIFY_START(now);
    ApiProbe pg(now.url());
    for (int i = 0; i < everyone.size(); ++i) {
        // The sessions came along; so did the passwords.
        QCOMPARE(balanceOf(pg, everyone[i]), balances[i]);
        QCOMPARE(allEvents(pg, everyone[i]), logs[i]);
        const ApiReply login = pg.post(QStringLiteral("/v1/auth/login"),
                                       {{QStringLiteral("handle"), everyone[i].handle},
                                        {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        QCOMPARE(login.status, 200);
    }
    QCOMPARE(pg.get(QStringLiteral("/v1/media/%1/content").arg(file), bruno.accessToken).body, fileBytes);
    QCOMPARE(pg.get(QStringLiteral("/v1/media/%1/content").arg(image), bruno.accessToken).body, imageBytes);

    // New rows get new ids: the sequences start past the copied ones.
    const TestAccount dan = pg.registerAccount(QStringLiteral("dan"));
    QVERIFY(!dan.id.isEmpty());
    const ApiReply paid = pg.send(
        QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"),
        QJsonDocument(QJsonObject{{QStringLiteral("to"), dan.id}, {QStringLiteral("amount"), eur(500)}}).toJson(QJsonDocument::Compact),
        amelie.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("after-move")}});
    QCOMPARE(paid.status, 201);
    QCOMPARE(balanceOf(pg, dan), 500);
    // An old key replays its old answer: the idempotency keys came along.
    const ApiReply replayed = pg.send(
        QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"),
        QJsonDocument(QJsonObject{{QStringLiteral("to"), bruno.id}, {QStringLiteral("amount"), eur(1234)}}).toJson(QJsonDocument::Compact),
        amelie.accessToken, {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("pay-0")}});
    QCOMPARE(replayed.status, 201);
    QCOMPARE(replayed.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    QCOMPARE(balanceOf(pg, amelie), balances[0] - 500);
    QCOMPARE(pg.post(QStringLiteral("/v1/conversations/%1/messages").arg(ab),
                     {{QStringLiteral("client_id"), QStringLiteral("m-3")}, {QStringLiteral("text"), QStringLiteral("Moved!")}},
                     amelie.accessToken)
                 .status,
             201);
    // Bruno's log goes on from where it stood.
    const QJsonArray brunoLog = allEvents(pg, bruno);
    QVERIFY(brunoLog.size() > logs[1].size());
    QCOMPARE(brunoLog.at(logs[1].size()).toObject().value(QStringLiteral("seq")).toInteger(),
             logs[1].last().toObject().value(QStringLiteral("seq")).toInteger() + 1);
    QVERIFY(now.stop());
    const QString broken = checkLedger(now.storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerMigrate::refusals()
{
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    // A folder with no database: nothing is made, nothing copied.
    Migrated m = runMigrate(QStringLiteral("sqlite:") + empty.path(), QStringLiteral("postgres:postgresql://127.0.0.1:1/none"));
    QCOMPARE(m.exitCode, 1);
    QVERIFY2(m.err.contains(QStringLiteral("there is no")), qPrintable(m.err));
    QVERIFY(!QFileInfo::exists(empty.filePath(QStringLiteral("plaza-server.db"))));
    // The wrong way round, or a missing side.
    m = runMigrate(QStringLiteral("postgres:postgresql://127.0.0.1:1/none"), QStringLiteral("sqlite:") + empty.path());
    QCOMPARE(m.exitCode, 1);
    QVERIFY2(m.err.contains(QStringLiteral("--from: a SQLite folder")), qPrintable(m.err));
    QProcess process;
    process.start(TestServer::executable(), {QStringLiteral("migrate"), QStringLiteral("--from"), QStringLiteral("sqlite:") + empty.path()});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("--to postgres:URL"));
}

QTEST_GUILESS_MAIN(TestServerMigrate)
#include "tst_server_migrate.moc"
