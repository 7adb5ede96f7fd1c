// SPDX-License-Identifier: MIT
// Payment requests between two people, end to end on the real server (--test-clock): one is
// an in-process client (Session, RequestsModel and MessagesModel-free: the Wallet tab's list),
// the other plaza-cli. A request made with `plaza-cli request … --from @handle` appears in the
// other client's model live; paying, declining, cancelling and expiry (the server's test
// clock moved) reach both sides, each through payment_request.updated into its own cache.
#include "integrationutil.h"

#include "common/modeltester.h"
#include "common/testserver.h"
#include "common/waittask.h"
#include "session/session.h"
#include "wallet/requestsmodel.h"
#include "wallet/walletservice.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;
using wallet::RequestsModel;

namespace {

const QString kPassword = QStringLiteral("requests password");
const QString kPassphrase = QStringLiteral("requests passphrase");

QString statusOf(const RequestsModel &model, const QString &id)
{
    const int row = model.rowOf(id);
    return row < 0 ? QString() : model.index(row).data(RequestsModel::StatusRole).toString();
}

} // namespace

class RequestsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cliRequestAppearsAndPayingUpdatesBoth();
    void declineConverges();
    void cancelConverges();
    void expiryConverges(); // last: moves the server's clock by 30 days

private:
    CliRun cli(const QStringList &args, const QByteArray &stdinData = {});
    //! `plaza-cli request AMOUNT NOTE --from @me`; the new request's id.
    QString askMe(const QString &amount, const QString &note);
    //! The line of `plaza-cli requests --from-me` about \a id.
    QString cliLine(const QString &id);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_me;
    std::unique_ptr<wallet::WalletService> m_wallet;
    std::unique_ptr<RequestsModel> m_toMe;
    std::unique_ptr<RequestsModel> m_fromMe;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_myHandle;
    QString m_otherHandle;
    QTemporaryDir m_cliData;
    QTemporaryDir m_cliConfig;
};

CliRun RequestsTest::cli(const QStringList &args, const QByteArray &stdinData)
{
    return runCli(args, stdinData, cliEnvironment(kPassphrase), m_cliData.path(), m_cliConfig.path());
}

void RequestsTest::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_otherHandle = uniqueHandle(QStringLiteral("asker"));
    const CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("--handle"), m_otherHandle, QStringLiteral("--password-stdin")},
                           kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    m_me = std::make_unique<SessionFixture>();
    m_myHandle = uniqueHandle(QStringLiteral("payer"));
    QVERIFY(createAccount(*m_me->session, m_server->url(), m_myHandle, QStringLiteral("Payer"), kPassword, kPassphrase));
    m_wallet = std::make_unique<wallet::WalletService>(m_me->session.get());
    QVERIFY(m_wallet->start());
    auto topUp = waitTask(m_wallet->topUp(Money(10000, QStringLiteral("EUR")), QStringLiteral("tok_visa")));
    QVERIFY2(topUp, topUp ? "" : qPrintable(topUp.error().message));

    m_toMe = std::make_unique<RequestsModel>();
    m_toMe->setPageSize(2); // small pages: rows arriving live must land where they sort
    m_toMe->setDirection(QStringLiteral("to_me"));
    m_toMe->setCache(m_me->session->cache());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_toMe.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_tester->setUseFetchMore(true);
    m_fromMe = std::make_unique<RequestsModel>();
    checkModel(m_fromMe.get());
    m_fromMe->setDirection(QStringLiteral("from_me"));
    m_fromMe->setCache(m_me->session->cache());
    QCOMPARE(m_toMe->rowCount(), 0);
    QVERIFY(m_toMe->atEnd());
}

QString RequestsTest::askMe(const QString &amount, const QString &note)
{
    const CliRun run = cli({QStringLiteral("request"), amount, note, QStringLiteral("--from"), u'@' + m_myHandle});
    if (run.exitCode != 0) {
        qWarning() << "plaza-cli request:" << run.err;
        return {};
    }
    return run.out.trimmed().section(u'/', -1);
}

QString RequestsTest::cliLine(const QString &id)
{
    const CliRun run = cli({QStringLiteral("requests"), QStringLiteral("--from-me")});
    if (run.exitCode != 0)
        return run.err;
    const QStringList lines = run.out.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(id + u' '))
            return line;
    }
    return {};
}

void RequestsTest::cliRequestAppearsAndPayingUpdatesBoth()
{
    const QString id = askMe(QStringLiteral("12.50"), QStringLiteral("Pizza"));
    QVERIFY(id.startsWith(QStringLiteral("pr_")));
    // Live: the other person's request reaches my model without a reload.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("open"), 20000);
    const QModelIndex row = m_toMe->index(m_toMe->rowOf(id));
    QCOMPARE(row.data(RequestsModel::AmountMinorRole).toLongLong(), 1250);
    QCOMPARE(row.data(RequestsModel::NoteRole).toString(), QStringLiteral("Pizza"));
    QCOMPARE(row.data(RequestsModel::OtherHandleRole).toString(), m_otherHandle);
    QVERIFY(row.data(RequestsModel::ToMeRole).toBool());
    QVERIFY(row.data(RequestsModel::CreatedAtRole).toDateTime().isValid());
    QVERIFY(row.data(RequestsModel::ExpiresAtRole).toDateTime() > row.data(RequestsModel::CreatedAtRole).toDateTime());
    QCOMPARE(m_fromMe->rowOf(id), -1);
    QVERIFY2(cliLine(id).contains(QStringLiteral(" open ")), qPrintable(cliLine(id)));

    auto paid = waitTask(m_wallet->payRequest(id));
    QVERIFY2(paid, paid ? "" : qPrintable(paid.error().message));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("paid"), 20000);
    QVERIFY(!m_toMe->index(m_toMe->rowOf(id)).data(RequestsModel::TransactionIdRole).toString().isEmpty());
    QVERIFY2(cliLine(id).contains(QStringLiteral(" paid ")), qPrintable(cliLine(id)));
    // Paying it again is refused by the server, and no money moves.
    auto again = waitTask(m_wallet->payRequest(id));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
}

void RequestsTest::declineConverges()
{
    const QString id = askMe(QStringLiteral("3"), QStringLiteral("Coffee"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("open"), 20000);
    QCOMPARE(m_toMe->rowOf(id), 0); // the newest first
    auto declined = waitTask(m_wallet->endRequest(id, false));
    QVERIFY2(declined, declined ? "" : qPrintable(declined.error().message));
    QCOMPARE(declined->value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("declined"), 20000);
    QVERIFY2(cliLine(id).contains(QStringLiteral(" declined ")), qPrintable(cliLine(id)));
    // The asker cannot cancel what was declined: a conflict naming the state.
    const CliRun cancel = cli({QStringLiteral("cancel"), id});
    QCOMPARE(cancel.exitCode, 1);
    QVERIFY2(cancel.err.contains(QStringLiteral("conflict")), qPrintable(cancel.err));
}

void RequestsTest::cancelConverges()
{
    const QString id = askMe(QStringLiteral("4.20"), QStringLiteral("Bus"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("open"), 20000);
    const CliRun cancel = cli({QStringLiteral("cancel"), QStringLiteral("plaza://pay/") + id});
    QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.err));
    QCOMPARE(cancel.out.trimmed(), QStringLiteral("cancelled ") + id);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("cancelled"), 20000);
    // I cannot decline it any more.
    auto declined = waitTask(m_wallet->endRequest(id, false));
    QVERIFY(!declined);
    QCOMPARE(declined.error().code, ErrorCode::Conflict);
    QCOMPARE(declined.error().details.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(cli({QStringLiteral("decline"), QStringLiteral("garbage!")}).exitCode, 1);
}

void RequestsTest::expiryConverges()
{
    // A request I made of the CLI user too, so my "from me" list sees expiry as well.
    auto mine = waitTask(m_wallet->createRequest(Money(500, QStringLiteral("EUR")), QStringLiteral("Tickets"), u'@' + m_otherHandle));
    QVERIFY(mine);
    const QString myId = mine->answer.value(QStringLiteral("id")).toString();
    const QString id = askMe(QStringLiteral("7"), QStringLiteral("Late"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("open"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_fromMe, myId), QStringLiteral("open"), 20000);
    auto jump = waitTask(m_me->session->api()->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 30 * 86400}}));
    QVERIFY(jump);
    // The live connection outlives its access token: the expiry arrives as events.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_toMe, id), QStringLiteral("expired"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*m_fromMe, myId), QStringLiteral("expired"), 20000);
    // Requests already ended keep their state.
    QCOMPARE(m_toMe->index(m_toMe->rowCount() - 1).data(RequestsModel::StatusRole).toString(), QStringLiteral("paid"));
}

QTEST_GUILESS_MAIN(RequestsTest)
#include "tst_requests.moc"
