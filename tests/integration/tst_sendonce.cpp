// SPDX-License-Identifier: MIT
// plaza-cli send never pays twice by accident: a run whose answer was lost leaves the
// payment awaiting confirmation; the same payment (recipient, amount, note) typed again
// is refused with the way to settle it (plaza-cli pending) until --again says "twice".
#include "dropproxy.h"
#include "integrationutil.h"

#include "common/testserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("send once password");
const QString kPassphrase = QStringLiteral("send once passphrase");

} // namespace

class SendOnceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameUnansweredPaymentIsRefused();
    void againSendsASecondOne();

private:
    CliRun cli(const QStringList &args)
    {
        return runCli(args, {}, cliEnvironment(kPassphrase), m_data.path(), m_config.path());
    }
    CliRun send(const QString &amount, const QString &note, const QStringList &extra = {})
    {
        QStringList args{QStringLiteral("send"), u'@' + m_friend->handle, amount};
        if (!note.isEmpty())
            args.append(note);
        return cli(args + extra);
    }
    //! The amounts of the transfers the account sent, newest first (the server's word).
    QList<qint64> sentAmounts();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DropProxy> m_proxy;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

void SendOnceTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_proxy = std::make_unique<DropProxy>(quint16(m_server->url().port()));
    QVERIFY(m_proxy->listening());
    m_friend = registerUser(m_server->url(), QStringLiteral("oncefriend"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("sendonce"));
    CliRun run = runCli({QStringLiteral("register"), QStringLiteral("--server"), m_proxy->url().toString(), QStringLiteral("--handle"),
                  m_handle, QStringLiteral("--password-stdin")},
                 kPassword.toUtf8() + '\n', cliEnvironment(kPassphrase), m_data.path(), m_config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("topup"), QStringLiteral("100"), QStringLiteral("--card"), QStringLiteral("tok_visa")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

QList<qint64> SendOnceTest::sentAmounts()
{
    net::ApiClient api;
    api.setBaseUrl(m_server->url());
    if (!waitTask(api.login(m_handle, kPassword)))
        return {};
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("out"));
    auto list = waitTask(api.get(QStringLiteral("/v1/wallet/transactions"), query));
    if (!list)
        return {};
    QList<qint64> amounts;
    for (const QJsonValue &item : list->body.value(QStringLiteral("items")).toArray())
        amounts.append(item.toObject().value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger());
    return amounts;
}

void SendOnceTest::sameUnansweredPaymentIsRefused()
{
    // The answer is lost (the server did pay): the run says "awaiting confirmation".
    m_proxy->setDropping(true);
    CliRun run = send(QStringLiteral("5"), QStringLiteral("lunch"));
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.out.startsWith(QStringLiteral("awaiting confirmation")), qPrintable(run.out));
    QCOMPARE(sentAmounts(), QList<qint64>{500});

    // Typed again, as someone who thinks it failed would: refused, with the way out.
    run = send(QStringLiteral("5"), QStringLiteral("lunch"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("still awaiting confirmation")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("plaza-cli pending")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("--again")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    // The same with the server reachable again, the amount typed differently and the
    // handle in other letters: still the same payment.
    m_proxy->setDropping(false);
    run = cli({QStringLiteral("send"), u'@' + m_friend->handle.toUpper(), QStringLiteral("5.00"), QStringLiteral("lunch")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("plaza-cli pending")), qPrintable(run.err));
    QCOMPARE(sentAmounts(), QList<qint64>{500});

    // Another payment (other note, other amount) is not held.
    run = send(QStringLiteral("5"), QStringLiteral("dinner"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = send(QStringLiteral("6"), QStringLiteral("lunch"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Settled: the lost one was paid once; now the same payment may be made again.
    run = cli({QStringLiteral("pending")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("no payment awaiting confirmation"));
    run = send(QStringLiteral("5"), QStringLiteral("lunch"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(sentAmounts(), (QList<qint64>{500, 600, 500, 500}));
}

void SendOnceTest::againSendsASecondOne()
{
    const qsizetype before = sentAmounts().size();
    m_proxy->setDropping(true);
    CliRun run = send(QStringLiteral("3"), {});
    QCOMPARE(run.exitCode, 5);
    run = send(QStringLiteral("3"), {});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("--again")), qPrintable(run.err));
    // Asked for twice: a second payment with its own key (its answer is lost too).
    const QSet<QString> keysBefore(m_proxy->keys().cbegin(), m_proxy->keys().cend());
    run = send(QStringLiteral("3"), {}, {QStringLiteral("--again")});
    QCOMPARE(run.exitCode, 5);
    m_proxy->setDropping(false);
    // With two intents, one run of pending may report one still unanswered (the retry that
    // opening the wallet started holds it while pending runs): a second run settles it.
    for (int i = 0; i < 3; ++i) {
        run = cli({QStringLiteral("pending")});
        if (run.exitCode != 5)
            break;
    }
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QList<qint64> amounts = sentAmounts();
    QCOMPARE(amounts.size(), before + 2);
    QCOMPARE(amounts.mid(0, 2), (QList<qint64>{300, 300}));
    const QSet<QString> keysAfter(m_proxy->keys().cbegin(), m_proxy->keys().cend());
    QCOMPARE(keysAfter.size(), keysBefore.size() + 1);
}

QTEST_GUILESS_MAIN(SendOnceTest)
#include "tst_sendonce.moc"
