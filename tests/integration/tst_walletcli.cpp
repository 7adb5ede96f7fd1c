// SPDX-License-Identifier: MIT
// plaza-cli's wallet commands against the real server, as a user runs them (QProcess).
#include "dropproxy.h"
#include "integrationutil.h"

#include "common/testserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("cli wallet password");
const QString kPassphrase = QStringLiteral("cli wallet passphrase");

using Run = CliRun;

} // namespace

class WalletCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aNewAccountsBalanceIsZero(); // first: before any money moves
    void topUpSendBalanceHistory();
    void refusals();
    void requestAndPay();
    void exportCsv();
    void pendingWithNothingToDo();
    void lostAnswerThenPending();
    void speaksFrench();
    void offlineServesTheCache(); // last: stops the server

private:
    Run cli(const QStringList &args, const QByteArray &stdinData = {});
    //! Runs plaza-cli on other folders while this process keeps its event loop turning
    //! (the proxy lives here).
    Run cliWithEvents(const QStringList &args, const QString &dataDir, const QString &configDir,
                      const QByteArray &stdinData = {});

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    QTemporaryDir m_out;
};

Run WalletCliTest::cliWithEvents(const QStringList &args, const QString &dataDir, const QString &configDir,
                                 const QByteArray &stdinData)
{
    return runCli(args, stdinData, cliEnvironment(kPassphrase), dataDir, configDir);
}

Run WalletCliTest::cli(const QStringList &args, const QByteArray &stdinData)
{
    return runCli(args, stdinData, cliEnvironment(kPassphrase), m_data.path(), m_config.path());
}

void WalletCliTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("clifriend"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("cliwallet"));
    const Run run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                         QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                        kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void WalletCliTest::aNewAccountsBalanceIsZero()
{
    // Its event log holds no wallet.updated yet: `balance` read the wallet from the server
    // instead of saying "no wallet in the local cache yet" for ever.
    const Run run = cli({QStringLiteral("balance")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.section(u'\n', 0, 0).startsWith(QStringLiteral("balance: ")), qPrintable(run.out));
    QVERIFY2(run.out.section(u'\n', 0, 0).contains(QStringLiteral("0.00")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("verification: basic")), qPrintable(run.out));
}

void WalletCliTest::topUpSendBalanceHistory()
{
    Run run = cli({QStringLiteral("topup"), QStringLiteral("50"), QStringLiteral("--card"), QStringLiteral("tok_visa")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("topped up ")), qPrintable(run.out));

    run = cli({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("12.50"), QStringLiteral("pizza, split")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("sent ")), qPrintable(run.out));
    QVERIFY(run.out.contains(u'@' + m_friend->handle));

    // The server agrees: one transfer of 1250, balance 3750.
    auto wallet = waitTask(m_friend->api->get(QStringLiteral("/v1/wallet")));
    QVERIFY(wallet);
    QCOMPARE(wallet->body.value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toInteger(), 1250);

    run = cli({QStringLiteral("balance")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("balance: ")), qPrintable(run.out));
    QVERIFY2(run.out.section(u'\n', 0, 0).contains(QStringLiteral("37.50")), qPrintable(run.out));

    run = cli({QStringLiteral("history")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QStringList lines = run.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(QStringLiteral("pizza, split")) && lines.at(0).contains(QStringLiteral("12.50")),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(1).contains(QStringLiteral("top_up")));

    run = cli({QStringLiteral("history"), QStringLiteral("--in")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    lines = run.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.at(0).contains(QStringLiteral("top_up")));

    run = cli({QStringLiteral("history"), QStringLiteral("--query"), QStringLiteral("pizza"), QStringLiteral("--limit"),
               QStringLiteral("1")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed().split(u'\n').size(), 1);
    QCOMPARE(cli({QStringLiteral("history"), QStringLiteral("--in"), QStringLiteral("--out")}).exitCode, 2);
}

void WalletCliTest::refusals()
{
    Run run = cli({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("12.505")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("invalid_amount")), qPrintable(run.err));
    run = cli({QStringLiteral("send"), u'@' + m_handle, QStringLiteral("1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("self_payment")), qPrintable(run.err));
    run = cli({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("900")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("limit_exceeded")) || run.err.contains(QStringLiteral("insufficient_funds")),
             qPrintable(run.err));
    run = cli({QStringLiteral("topup"), QStringLiteral("5"), QStringLiteral("--card"), QStringLiteral("tok_declined")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("card_declined")), qPrintable(run.err));
    run = cli({QStringLiteral("pay"), QStringLiteral("plaza://pay/a/b")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("more than one path segment")), qPrintable(run.err));
}

void WalletCliTest::requestAndPay()
{
    // The friend asks us for 3.00 through a link; we pay it after confirming.
    net::RequestOptions options;
    options.idempotencyKey = QStringLiteral("cli-request-1");
    auto request = waitTask(m_friend->api->post(
        QStringLiteral("/v1/payment-requests"),
        QJsonObject{{QStringLiteral("amount"),
                     QJsonObject{{QStringLiteral("amount"), 300}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                    {QStringLiteral("note"), QStringLiteral("bus ticket")}},
        options));
    QVERIFY(request);
    const QString link = request->body.value(QStringLiteral("link")).toString();

    Run run = cli({QStringLiteral("pay"), link}, "n\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QStringLiteral("@%1").arg(m_friend->handle)) && run.out.contains(QStringLiteral("bus ticket"))
                 && run.out.contains(QStringLiteral("3.00")),
             qPrintable(run.out));
    run = cli({QStringLiteral("pay"), link}, "y\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("paid — transaction ")), qPrintable(run.out));
    run = cli({QStringLiteral("pay"), link, QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("already been paid")), qPrintable(run.err));

    run = cli({QStringLiteral("request"), QStringLiteral("7.25"), QStringLiteral("lunch"), QStringLiteral("--from"),
               u'@' + m_friend->handle});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.trimmed().startsWith(QStringLiteral("plaza://pay/")), qPrintable(run.out));
    auto seen = waitTask(m_friend->api->get(QStringLiteral("/v1/payment-requests/") + run.out.trimmed().mid(12)));
    QVERIFY(seen);
    QCOMPARE(seen->body.value(QStringLiteral("note")).toString(), QStringLiteral("lunch"));
}

void WalletCliTest::exportCsv()
{
    const QString path = m_out.filePath(QStringLiteral("history.csv"));
    Run run = cli({QStringLiteral("export"), path, QStringLiteral("--out")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("exported 2 transactions")), qPrintable(run.out));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, and the empty rest after the last CRLF
    QVERIFY(lines.at(0).startsWith("id,created_at,kind,direction,status,amount,currency,"));
    QVERIFY(csv.contains(",-12.50,EUR,"));
    QVERIFY(csv.contains(",-3.00,EUR,"));
    QVERIFY(csv.contains(",\"pizza, split\","));
    QVERIFY(csv.endsWith("\r\n"));
}

void WalletCliTest::pendingWithNothingToDo()
{
    const Run run = cli({QStringLiteral("pending")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("no payment awaiting confirmation"));
}

void WalletCliTest::lostAnswerThenPending()
{
    DropProxy proxy(quint16(m_server->url().port()));
    QVERIFY(proxy.listening());
    QTemporaryDir data;
    QTemporaryDir config;
    const QString handle = uniqueHandle(QStringLiteral("clilost"));
    Run run = cliWithEvents({QStringLiteral("register"), QStringLiteral("--server"), proxy.url().toString(),
                             QStringLiteral("--handle"), handle, QStringLiteral("--password-stdin")},
                            data.path(), config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cliWithEvents({QStringLiteral("topup"), QStringLiteral("20"), QStringLiteral("--card"), QStringLiteral("tok_visa")},
                        data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    proxy.setDropping(true);
    run = cliWithEvents({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("5"), QStringLiteral("lost")},
                        data.path(), config.path());
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.out.startsWith(QStringLiteral("awaiting confirmation — will retry with the same key")),
             qPrintable(run.out));
    QVERIFY(proxy.dropped() >= 1);

    proxy.setDropping(false);
    run = cliWithEvents({QStringLiteral("pending")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("no payment awaiting confirmation"));

    // One debit, whatever the number of tries, all with one key.
    net::ApiClient api;
    api.setBaseUrl(m_server->url());
    QVERIFY(waitTask(api.login(handle, kPassword)));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("out"));
    auto list = waitTask(api.get(QStringLiteral("/v1/wallet/transactions"), query));
    QVERIFY(list);
    QCOMPARE(list->body.value(QStringLiteral("items")).toArray().size(), 1);
    QVERIFY(proxy.keys().size() >= 2);
    for (const QString &key : proxy.keys())
        QCOMPARE(key, proxy.keys().constFirst());
}

void WalletCliTest::speaksFrench()
{
    // A French system (LANG only): French words, amounts typed and shown the French way, the
    // desktop's error sentences after the code.
    QProcessEnvironment env = cliEnvironment(kPassphrase);
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_MONETARY", "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), QStringLiteral("fr_FR.UTF-8"));
    const auto cliFr = [&](const QStringList &args) { return runCli(args, {}, env, m_data.path(), m_config.path()); };
    const QString colon = QStringLiteral("\u00a0: ");

    Run run = cliFr({QStringLiteral("balance")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QRegularExpression(u"^solde" + colon + u"\\d+,\\d\\d[\\s\\x{a0}\\x{202f}]€\n")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(u"\ndisponible" + colon + u"\\d+,\\d\\d[\\s\\x{a0}\\x{202f}]€\n")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(u"\nplafonds" + colon + u"\\d[\\d\\s\\x{a0}\\x{202f}]*,\\d\\d[\\s\\x{a0}\\x{202f}]€ par paiement, ")),
             qPrintable(run.out));

    // "1,25" is one euro twenty-five in French.
    run = cliFr({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("1,25"), QStringLiteral("café")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"1,25\u00a0€ envoyé à @" + m_friend->handle + u" — transaction "), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral(", solde ")), qPrintable(run.out));

    run = cliFr({QStringLiteral("topup"), QStringLiteral("5"), QStringLiteral("--card"), QStringLiteral("tok_declined")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, u"plaza-cli" + colon + u"card_declined" + colon + u"La carte a été refusée. Rien n’a été débité.\n");
    run = cliFr({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("12,505")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, u"plaza-cli" + colon + u"invalid_amount" + colon + u"Utilisez au plus 2 décimales.\n");

    // The same under C: English, and the C figures.
    run = cli({QStringLiteral("balance")});
    QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("^balance: \\S*\\d+\\.\\d\\d"))), qPrintable(run.out));
}

void WalletCliTest::offlineServesTheCache()
{
    const Run online = cli({QStringLiteral("balance")});
    QVERIFY2(online.exitCode == 0, qPrintable(online.err));
    QVERIFY(!online.out.contains(QStringLiteral("offline")));
    m_server->kill();
    Run run = cli({QStringLiteral("balance")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.section(u'\n', 0, 0), online.out.section(u'\n', 0, 0));
    QVERIFY2(run.out.contains(QStringLiteral("(offline: as last synced")), qPrintable(run.out));
    run = cli({QStringLiteral("history"), QStringLiteral("--out")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QStringLiteral("pizza, split")));
    run = cli({QStringLiteral("send"), u'@' + m_friend->handle, QStringLiteral("1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("offline")), qPrintable(run.err));
    run = cli({QStringLiteral("pending")});
    QCOMPARE(run.exitCode, 0); // nothing was queued by the refused send
}

QTEST_GUILESS_MAIN(WalletCliTest)
#include "tst_walletcli.moc"
