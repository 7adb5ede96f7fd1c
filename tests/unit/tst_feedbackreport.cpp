// SPDX-License-Identifier: MIT
// FeedbackReport: every scrub rule on lines shaped like the ones Plaza and Qt really log, the
// diagnostic lines that must come through untouched, the in-memory log ring, and the file.
#include "common/logging.h"
#include "plazaversion.h"
#include "diagnostics/feedbackreport.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using plaza::FeedbackReport;

class TestFeedbackReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scrubs_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("secrets"); // none may survive

        auto row = [](const char *name, const QString &line, const QString &expected, const QStringList &secrets) {
            QTest::newRow(name) << line << expected << secrets;
        };
        const QString token = QStringLiteral("q3X9vT2mK8pL0sR5wY7zA1bC4dE6fG8hJ0kM2nP4rS6"); // 43 chars, like newToken()

        // Tokens
        row("bearer header", QStringLiteral("plaza.net: GET /v1/sync Authorization: Bearer ") + token,
            QStringLiteral("plaza.net: GET /v1/sync Authorization: Bearer [redacted]"), {token});
        row("basic header", QStringLiteral("Authorization: Basic YWxpY2U6c2VjcmV0"),
            QStringLiteral("Authorization: Basic [redacted]"), {QStringLiteral("YWxpY2U6c2VjcmV0")});
        row("refresh token json", QStringLiteral(R"(refresh body {"refresh_token": ")") + token + QStringLiteral(R"("})"),
            QStringLiteral(R"(refresh body {"refresh_token": [redacted]})"), {token});
        row("access token query", QStringLiteral("wss://api.plaza.example/v1/ws?access_token=abc123DEF&v=1"),
            QStringLiteral("wss://api.plaza.example/v1/ws?access_token=[redacted]&v=1"), {QStringLiteral("abc123DEF")});
        row("jwt", QStringLiteral("id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_-x expired"),
            QStringLiteral("id [token] expired"), {QStringLiteral("eyJhbGciOiJIUzI1NiJ9")});
        row("bare token", QStringLiteral("stored session ") + token + QStringLiteral(" for @alice"),
            QStringLiteral("stored session [key] for @alice"), {token});
        // Passwords
        row("password kv", QStringLiteral("login handle=alice password=hunter2hunter2 ok"),
            QStringLiteral("login handle=alice password=[redacted] ok"), {QStringLiteral("hunter2")});
        row("passphrase json", QStringLiteral(R"({"passphrase": "correct horse battery staple"})"),
            QStringLiteral(R"({"passphrase": [redacted]})"), {QStringLiteral("horse")});
        // Keys
        row("hex key", QStringLiteral("PRAGMA key = \"x'") + QString(64, u'a').replace(3, 5, QStringLiteral("0f9e2"))
                + QStringLiteral("'\""),
            QStringLiteral("PRAGMA key = [redacted]"), {QStringLiteral("aaa0f9e2")});
        row("hex digest", QStringLiteral("cache file digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ok"),
            QStringLiteral("cache file digest [key] ok"), {QStringLiteral("9f86d081")});
        row("base64 key", QStringLiteral("keychain wrote Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo= to slot"),
            QStringLiteral("keychain wrote [key] to slot"), {QStringLiteral("Zm9vYmFy")});
        // Payment identifiers
        row("idempotency header", QStringLiteral("POST /v1/transfers Idempotency-Key: 7d1c0b9e-3c4a-4f7e-9b2d-8a6f5e4d3c2b attempt 2"),
            QStringLiteral("POST /v1/transfers Idempotency-Key: [redacted] attempt 2"), {QStringLiteral("7d1c0b9e")});
        row("uuid", QStringLiteral("payment 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d awaiting confirmation"),
            QStringLiteral("payment [id] awaiting confirmation"), {QStringLiteral("0a1b2c3d")});
        row("pay link", QStringLiteral("opening plaza://pay/req_8Hk2Lm from the desktop"),
            QStringLiteral("opening plaza://pay/[id] from the desktop"), {QStringLiteral("req_8Hk2Lm")});
        // Money, English and French
        row("en grouped", QStringLiteral("balance shown 1,234.56 after sync"),
            QStringLiteral("balance shown [amount] after sync"), {QStringLiteral("1,234.56"), QStringLiteral("234")});
        row("fr grouped euro", QStringLiteral("solde 1 234,56 € affiché"),
            QStringLiteral("solde [amount] affiché"), {QStringLiteral("234,56")});
        row("fr narrow nbsp", QStringLiteral("solde 1\u202F234,56\u00A0€"),
            QStringLiteral("solde [amount]"), {QStringLiteral("234")});
        row("sign before", QStringLiteral("sent €12.50 to @bob"), QStringLiteral("sent [amount] to @bob"),
            {QStringLiteral("12.50")});
        row("dollar", QStringLiteral("refund $3 issued"), QStringLiteral("refund [amount] issued"), {QStringLiteral("$3")});
        row("code after", QStringLiteral("limit reached: 12.50 EUR"), QStringLiteral("limit reached: [amount]"),
            {QStringLiteral("12.50")});
        row("code before", QStringLiteral("top-up of USD 250 declined"), QStringLiteral("top-up of [amount] declined"),
            {QStringLiteral("250")});
        row("fr decimal", QStringLiteral("montant 12,50 refusé"), QStringLiteral("montant [amount] refusé"),
            {QStringLiteral("12,50")});
        row("bare two decimals", QStringLiteral("parsed 99.99 from input"), QStringLiteral("parsed [amount] from input"),
            {QStringLiteral("99.99")});
        row("minor units", QStringLiteral("transfer amount=1250 currency=EUR"),
            QStringLiteral("transfer amount=[amount] currency=EUR"), {QStringLiteral("1250")});
        row("amount_minor json", QStringLiteral(R"({"amount_minor": 123456, "currency": "EUR"})"),
            QStringLiteral(R"({"amount_minor": [amount], "currency": "EUR"})"), {QStringLiteral("123456")});
        row("balance_minor", QStringLiteral("wallet balance_minor=-300 stale"),
            QStringLiteral("wallet balance_minor=[amount] stale"), {QStringLiteral("300")});
        row("accrued micro", QStringLiteral("savings accrued_micro=123456789 day=2026-11-22"),
            QStringLiteral("savings accrued_micro=[amount] day=2026-11-22"), {QStringLiteral("123456789")});
        // What people wrote
        row("text key quoted", QStringLiteral(R"(chat send text="see you at 8, bring 20 €" conv=12)"),
            QStringLiteral(R"(chat send text=[text] conv=12)"), {QStringLiteral("see you"), QStringLiteral("20")});
        row("note key unquoted", QStringLiteral("transfer note=dinner with Bob amount=4200 to=@bob"),
            QStringLiteral("transfer note=[text] amount=[amount] to=@bob"), {QStringLiteral("dinner"), QStringLiteral("4200")});
        row("body key json", QStringLiteral(R"(post {"body": "Moving to Lyon next week!", "visibility": "public"})"),
            QStringLiteral(R"(post {"body": [text], "visibility": "public"})"), {QStringLiteral("Lyon")});
        row("note over lines", QStringLiteral("request note=rent\nand the rest for you"),
            QStringLiteral("request note=[text]"), {QStringLiteral("rent"), QStringLiteral("rest")});
        row("email", QStringLiteral("invite sent to jane.doe+plaza@example.org ok"),
            QStringLiteral("invite sent to [email] ok"), {QStringLiteral("jane.doe")});
        row("qdebug qstring", QStringLiteral(R"(plaza.chat: outbox resend "are you free tonight?" id 44)"),
            QStringLiteral(R"(plaza.chat: outbox resend "[text]" id 44)"), {QStringLiteral("tonight")});
        row("typographic quotes", QStringLiteral("réponse « on se voit demain » reçue"),
            QStringLiteral("réponse «[text]» reçue"), {QStringLiteral("demain")});
    }

    void scrubs()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        QFETCH(QStringList, secrets);
        const QString scrubbed = FeedbackReport::scrub(line);
        QCOMPARE(scrubbed, expected);
        for (const QString &secret : secrets)
            QVERIFY2(!scrubbed.contains(secret), qPrintable(secret + QStringLiteral(" survived in ") + scrubbed));
    }

    void diagnosticsSurvive_data()
    {
        QTest::addColumn<QString>("line");
        const char *lines[] = {
            "2026-11-23T09:14:03.120Z I plaza.sync: applied 250 events, cursor 18734 in 12.50 ms",
            "2026-11-23T09:14:03.121Z W plaza.net: GET https://127.0.0.1:8480/v1/sync failed: HTTP 503, retry in 2000 ms",
            "2026-11-23T09:14:04.000Z I plaza.ws: reconnect attempt 3, backoff 1.5 s",
            "2026-11-23T09:14:05.000Z W plaza.db: SQLITE_BUSY on attempt 2, schema version 7",
            "2026-11-23T09:14:06.000Z I plaza.app: Plaza 0.1.0+e8d7649-dirty on Qt 6.4.2, platform xcb",
            "2026-11-23T09:14:07.000Z W plaza.wallet: payment failed: error insufficient_funds (HTTP 402)",
            "2026-11-23T09:14:08.000Z I plaza.security: key backend secret-service, cache encrypted yes",
            "2026-11-23T09:14:09.000Z W default: QML Shell.qml:42: TypeError: Cannot read property 'count' of null",
            "2026-11-23T09:14:10.000Z I plaza.app: loaded /usr/lib/x86_64-linux-gnu/qt6/plugins/platforms/libqxcb.so",
            "2026-11-23T09:14:11.000Z I plaza.feed: page of 50 posts, 3 hidden as limited reach, memory 84 MiB",
            "2026-11-23T09:14:12.000Z W plaza.net: TLS handshake failed with api.plaza.example:443 \"SelfSigned\"",
        };
        for (const char *line : lines)
            QTest::newRow(line + 25) << QString::fromUtf8(line);
    }

    void diagnosticsSurvive()
    {
        QFETCH(QString, line);
        QCOMPARE(FeedbackReport::scrub(line), line);
    }

    void reportFromTheLogRing()
    {
        // The ring passes every message on to the handler that was there before it.
        static int passedOn = 0;
        static QtMessageHandler testlib = nullptr;
        testlib = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
            ++passedOn;
            testlib(type, context, message);
        });
        plaza::logging::installRingBuffer(5);
        plaza::logging::clearRecentLines();
        qCInfo(lcSync) << "applied" << 3 << "events";
        qCWarning(lcWallet).noquote() << "send failed amount=1250 note=rent for November";
        for (int i = 0; i < 4; ++i)
            qCInfo(lcNet) << "request" << i;
        // Bounded: the oldest lines went.
        const QStringList lines = plaza::logging::recentLines();
        QCOMPARE(passedOn, 6);
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.constFirst().endsWith(u"W plaza.wallet: send failed amount=1250 note=rent for November"));
        QVERIFY(lines.constLast().endsWith(u"I plaza.net: request 3"));
        QCOMPARE(plaza::logging::recentLines(2).size(), 2);
        QVERIFY(plaza::logging::recentLines(2).constFirst().endsWith(u"request 2"));

        // The whole ring reaches the wallet line, scrubbed.
        const QString longer = FeedbackReport::fromRecentLog(10);
        QVERIFY(longer.contains(u"W plaza.wallet: send failed amount=[amount] note=[text]\n"));
        QVERIFY(!longer.contains(u"1250"));
        QVERIFY(!longer.contains(u"November"));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("report.txt"));
        const plaza::Status written = FeedbackReport::writeTo(path, 3);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString report = QString::fromUtf8(file.readAll());
        QVERIFY(report.contains(QStringLiteral("App version: ") + QStringLiteral(PLAZA_VERSION) + u'\n'));
        QVERIFY(report.contains(QStringLiteral("OS: ") + QSysInfo::prettyProductName()));
        QVERIFY(report.contains(QStringLiteral("Qt: ") + QString::fromLatin1(qVersion())));
        QVERIFY(report.contains(QStringLiteral("Last 3 log lines")));
        QVERIFY(report.contains(u"I plaza.net: request 3\n"));
        QVERIFY(!report.contains(u"request 0"));

        // An unwritable path is an error, not a crash.
        QVERIFY(!FeedbackReport::writeTo(dir.filePath(QStringLiteral("missing/dir/report.txt"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestFeedbackReport)
#include "tst_feedbackreport.moc"
