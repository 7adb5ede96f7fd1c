// SPDX-License-Identifier: MIT
// The wallet's read side and its pure parts: pay-link parsing, CSV bytes, the paged
// TransactionsModel and WalletSummary over a real cache synced from the real server,
// and what they show when the server is gone.
#include "common/cachekey.h"
#include "common/modeltester.h"
#include "common/testserver.h"
#include "storage/database.h"
#include "integrationutil.h"
#include "sync/syncengine.h"
#include "wallet/paylink.h"
#include "wallet/transactionsmodel.h"
#include "wallet/walletcsv.h"
#include "wallet/walletservice.h"
#include "wallet/walletsummary.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;
using namespace plaza::wallet;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("wallet cache passphrase");

Money eur(qint64 minor)
{
    return Money(minor, QStringLiteral("EUR"));
}

} // namespace

class WalletModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void payLinks_data();
    void payLinks();
    void csvBytes();
    void initTestCase();
    void cleanupTestCase();
    void pagesAndFilters();
    void newTransactionInsertsOneRow();
    void balanceAfterIsTheWalletsInShownOrder();
    void exportRoundTripsNotes();
    void invokablesAnswerBySignal();
    void windowSlidesBothWaysAndStaysBounded();
    void offlineServesTheCacheMarkedStale();
    void aNewAccountsWalletIsReadAfterItsFirstSync();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<WalletService> m_wallet;
    std::optional<RemoteUser> m_friend;
};

void WalletModelsTest::payLinks_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("id"); // empty: refused
    QTest::newRow("plain") << QStringLiteral("plaza://pay/pr_123abc") << QStringLiteral("pr_123abc");
    QTest::newRow("dash and underscore") << QStringLiteral("plaza://pay/A-b_9") << QStringLiteral("A-b_9");
    QTest::newRow("64 chars") << QStringLiteral("plaza://pay/") + QString(64, u'x') << QString(64, u'x');
    QTest::newRow("65 chars") << QStringLiteral("plaza://pay/") + QString(65, u'x') << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("no id") << QStringLiteral("plaza://pay/") << QString();
    QTest::newRow("other scheme") << QStringLiteral("https://pay/pr_1") << QString();
    QTest::newRow("upper-case scheme") << QStringLiteral("PLAZA://pay/pr_1") << QString();
    QTest::newRow("other host") << QStringLiteral("plaza://payy/pr_1") << QString();
    QTest::newRow("two segments") << QStringLiteral("plaza://pay/pr_1/x") << QString();
    QTest::newRow("trailing slash") << QStringLiteral("plaza://pay/pr_1/") << QString();
    QTest::newRow("query") << QStringLiteral("plaza://pay/pr_1?amount=1") << QString();
    QTest::newRow("fragment") << QStringLiteral("plaza://pay/pr_1#x") << QString();
    QTest::newRow("percent") << QStringLiteral("plaza://pay/pr%5F1") << QString();
    QTest::newRow("dot segment") << QStringLiteral("plaza://pay/..") << QString();
    QTest::newRow("space") << QStringLiteral(" plaza://pay/pr_1") << QString();
    QTest::newRow("trailing newline") << QStringLiteral("plaza://pay/pr_1\n") << QString();
    QTest::newRow("user info") << QStringLiteral("plaza://me@pay/pr_1") << QString();
    QTest::newRow("port") << QStringLiteral("plaza://pay:80/pr_1") << QString();
    QTest::newRow("non-ascii") << QStringLiteral("plaza://pay/pr_é") << QString();
}

void WalletModelsTest::payLinks()
{
    QFETCH(QString, link);
    QFETCH(QString, id);
    auto parsed = parsePayLink(link);
    if (id.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(parsed.error().field(), QStringLiteral("link"));
    } else {
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(*parsed, id);
        QCOMPARE(payLink(id), link);
    }
}

void WalletModelsTest::csvBytes()
{
    TransactionRecord out;
    out.id = QStringLiteral("t_1");
    out.kind = QStringLiteral("transfer");
    out.direction = QStringLiteral("out");
    out.status = QStringLiteral("completed");
    out.amount = eur(1250);
    out.counterpartyHandle = QStringLiteral("zoé");
    out.counterpartyName = QStringLiteral("Zoé, \"Z\" Martin");
    out.note = QStringLiteral("dinner, wine\r\nand \"dessert\" — crème brûlée");
    out.createdAt = QStringLiteral("2026-11-22T10:00:00.000+01:00");
    out.balanceAfter = eur(98750);
    TransactionRecord in;
    in.id = QStringLiteral("t_2");
    in.kind = QStringLiteral("top_up");
    in.direction = QStringLiteral("in");
    in.status = QStringLiteral("completed");
    in.amount = eur(100000000000);
    in.note = QStringLiteral("Card top-up");
    in.createdAt = QStringLiteral("2026-11-21T23:59:59.5Z");
    in.balanceAfter = eur(5);
    const QByteArray expected =
        "id,created_at,kind,direction,status,amount,currency,counterparty_handle,counterparty_name,note,balance_after\r\n"
        "t_1,2026-11-22T09:00:00.000Z,transfer,out,completed,-12.50,EUR,zo\xc3\xa9,\"Zo\xc3\xa9, \"\"Z\"\" Martin\","
        "\"dinner, wine\r\nand \"\"dessert\"\" \xe2\x80\x94 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9\x65\",987.50\r\n"
        "t_2,2026-11-21T23:59:59.500Z,top_up,in,completed,1000000000.00,EUR,,,Card top-up,0.05\r\n";
    // The locale must not leak into the numbers.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    const QByteArray csv = transactionsCsv({out, in});
    QLocale::setDefault(before);
    QCOMPARE(csv, expected);
}

void WalletModelsTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("friend"), kPassword);
    QVERIFY(m_friend);
    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(createAccount(*m_fixture->session, m_server->url(), uniqueHandle(QStringLiteral("owner")),
                          QStringLiteral("Owner"), kPassword, kPassphrase));
    m_wallet = std::make_unique<WalletService>(m_fixture->session.get());
    QVERIFY(m_wallet->start());
    auto top = waitTask(m_wallet->topUp(eur(20000), QStringLiteral("tok_visa")));
    QVERIFY(top);
    const QStringList notes{QStringLiteral("one"), QStringLiteral("two, with comma"), QStringLiteral("say \"hi\""),
                            QStringLiteral("line\nbreak"), QStringLiteral("café crème"), QStringLiteral("six"),
                            QStringLiteral("seven")};
    for (int i = 0; i < notes.size(); ++i) {
        auto sent = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(100 + i), notes.at(i)));
        QVERIFY2(sent, sent ? "" : qPrintable(sent.error().message));
        QCOMPARE(sent->state, PaymentIntent::State::Completed);
    }
    QVERIFY(waitTask(m_fixture->session->syncEngine()->pull()));
}

void WalletModelsTest::aNewAccountsWalletIsReadAfterItsFirstSync()
{
    // A new account's event log has no wallet.updated until money first moves: its Wallet tab
    // showed a placeholder for ever, every button off. After the first sync the wallet is read.
    TestServer server; // its own: the shared one is stopped by the offline test
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    SessionFixture fixture;
    WalletService wallet(fixture.session.get()); // made before signing in, as the app does
    WalletSummary summary;
    summary.setCache(fixture.session->cache());
    QVERIFY(createAccount(*fixture.session, server.url(), uniqueHandle(QStringLiteral("newcomer")),
                          QStringLiteral("Newcomer"), kPassword, kPassphrase));
    QCOMPARE(fixture.session->cursor(), 0); // the premise: nothing in its event log
    QTRY_VERIFY_WITH_TIMEOUT(summary.loaded(), 15000);
    QCOMPARE(summary.balanceMinor(), 0);
    QCOMPARE(summary.availableMinor(), 0);
    QCOMPARE(summary.currency(), QStringLiteral("EUR"));
    QCOMPARE(summary.verification(), QStringLiteral("basic"));
    QVERIFY(summary.limitDailyMinor() > 0);
    QCOMPARE(summary.remainingTodayMinor(), summary.limitDailyMinor());
    // Money moving later comes through sync as before.
    auto top = waitTask(wallet.topUp(eur(2500), QStringLiteral("tok_visa")));
    QVERIFY2(top, top ? "" : qPrintable(top.error().message));
    fixture.session->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(summary.balanceMinor(), 2500, 15000);
}

void WalletModelsTest::cleanupTestCase()
{
    m_wallet.reset();
    m_fixture.reset();
    m_friend.reset();
    m_server.reset();
}

void WalletModelsTest::pagesAndFilters()
{
    TransactionsModel model;
    test::checkModel(&model);
    model.setPageSize(3);
    model.setCache(m_fixture->session->cache());
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.canFetchMore());
    QVERIFY(!model.atEnd());
    // Newest first: the last transfer leads.
    QCOMPARE(model.data(model.index(0), TransactionsModel::NoteRole).toString(), QStringLiteral("seven"));
    QCOMPARE(model.data(model.index(0), TransactionsModel::DirectionRole).toString(), QStringLiteral("out"));
    QCOMPARE(model.data(model.index(0), TransactionsModel::AmountMinorRole).toLongLong(), 106);
    QCOMPARE(model.data(model.index(0), TransactionsModel::CounterpartyHandleRole).toString(), m_friend->handle);
    QCOMPARE(model.data(model.index(0), TransactionsModel::BalanceAfterMinorRole).toLongLong(),
             20000 - (100 + 101 + 102 + 103 + 104 + 105 + 106));
    QVERIFY(!model.data(model.index(0), TransactionsModel::FormattedAmountRole).toString().isEmpty());
    model.fetchMore();
    QCOMPARE(model.rowCount(), 6);
    model.fetchMore();
    QCOMPARE(model.rowCount(), 8);
    QVERIFY(model.atEnd());
    QVERIFY(!model.canFetchMore());
    QCOMPARE(model.data(model.index(7), TransactionsModel::KindRole).toString(), QStringLiteral("top_up"));

    model.setPageSize(50);
    model.setDirection(QStringLiteral("in"));
    QCOMPARE(model.rowCount(), 1);
    model.setDirection(QStringLiteral("out"));
    QCOMPARE(model.rowCount(), 7);
    model.setQuery(QStringLiteral("CAFÉ")); // ASCII case-insensitive only: no match
    QCOMPARE(model.rowCount(), 0);
    model.setQuery(QStringLiteral("café"));
    QCOMPARE(model.rowCount(), 1);
    model.setQuery(m_friend->handle.left(4).toUpper());
    QCOMPARE(model.rowCount(), 7);
    model.setQuery(QStringLiteral("%"));
    QCOMPARE(model.rowCount(), 0);
    model.setQuery({});
    model.setDirection({});
    model.setKind(QStringLiteral("top_up"));
    QCOMPARE(model.rowCount(), 1);
}

void WalletModelsTest::newTransactionInsertsOneRow()
{
    TransactionsModel model;
    test::checkModel(&model);
    model.setCache(m_fixture->session->cache());
    WalletSummary summary;
    summary.setCache(m_fixture->session->cache());
    QVERIFY(summary.loaded());
    const qint64 before = summary.balanceMinor();
    const int rows = model.rowCount();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    auto sent = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(42), QStringLiteral("live")));
    QVERIFY(sent);
    QVERIFY(waitTask(m_fixture->session->syncEngine()->pull()));
    QTRY_COMPARE(model.rowCount(), rows + 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(model.data(model.index(0), TransactionsModel::NoteRole).toString(), QStringLiteral("live"));
    QTRY_COMPARE(summary.balanceMinor(), before - 42);
}

void WalletModelsTest::balanceAfterIsTheWalletsInShownOrder()
{
    // Issue 13, item 14: the details sheet's "Wallet balance after" must be the wallet's, in
    // the order the list shows — savings moves included — and the newest equals the balance.
    auto in = waitTask(m_wallet->moveSavings(true, eur(1500)));
    QVERIFY2(in, in ? "" : qPrintable(in.error().message));
    auto out = waitTask(m_wallet->moveSavings(false, eur(300)));
    QVERIFY2(out, out ? "" : qPrintable(out.error().message));
    QVERIFY(waitTask(m_fixture->session->syncEngine()->pull()));
    TransactionsModel model;
    test::checkModel(&model);
    model.setPageSize(500);
    model.setCache(m_fixture->session->cache());
    WalletSummary summary;
    summary.setCache(m_fixture->session->cache());
    QTRY_VERIFY(summary.loaded());
    QTRY_COMPARE(model.data(model.index(0), TransactionsModel::KindRole).toString(), QStringLiteral("savings_withdrawal"));
    QCOMPARE(model.data(model.index(0), TransactionsModel::BalanceAfterMinorRole).toLongLong(), summary.balanceMinor());
    QCOMPARE(model.data(model.index(1), TransactionsModel::KindRole).toString(), QStringLiteral("savings_deposit"));
    for (int row = 0; row + 1 < model.rowCount(); ++row) {
        const QModelIndex t = model.index(row), older = model.index(row + 1);
        const qint64 sign = model.data(t, TransactionsModel::DirectionRole).toString() == u"in" ? 1 : -1;
        QCOMPARE(model.data(t, TransactionsModel::BalanceAfterMinorRole).toLongLong()
                     - sign * model.data(t, TransactionsModel::AmountMinorRole).toLongLong(),
                 model.data(older, TransactionsModel::BalanceAfterMinorRole).toLongLong());
    }
}

void WalletModelsTest::exportRoundTripsNotes()
{
    TransactionsModel model;
    test::checkModel(&model);
    model.setCache(m_fixture->session->cache());
    model.setDirection(QStringLiteral("out"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    auto written = waitTask(model.exportCsv(path));
    QVERIFY(written);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QCOMPARE(csv.count("\r\n"), *written + 1); // a line per row and the header (the note's break is a bare LF)
    QVERIFY(*written >= 5);
    // Read two rows a page, the same file: the pages neither skip nor repeat a row.
    auto db = m_fixture->session->cache()->openConnection();
    QVERIFY(db);
    const QString paged = dir.filePath(QStringLiteral("paged.csv"));
    TransactionFilter filter;
    filter.direction = QStringLiteral("out");
    auto again = writeTransactionsCsv(**db, filter, paged, 2);
    QVERIFY(again);
    QCOMPARE(*again, *written);
    QFile pagedFile(paged);
    QVERIFY(pagedFile.open(QIODevice::ReadOnly));
    QCOMPARE(pagedFile.readAll(), csv);
    // A folder that cannot be written: a clear error, and no file.
    auto refused = waitTask(model.exportCsv(dir.filePath(QStringLiteral("missing/folder/history.csv"))));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Storage);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing/folder/history.csv"))));
    QVERIFY(csv.startsWith("id,created_at,kind,direction,status,amount,currency,"));
    QVERIFY(csv.contains(",-1.01,EUR,"));
    QVERIFY(csv.contains(",\"two, with comma\","));
    QVERIFY(csv.contains(",\"say \"\"hi\"\"\","));
    QVERIFY(csv.contains(",\"line\nbreak\","));
    QVERIFY(csv.contains(QStringLiteral(",café crème,").toUtf8()));
    QVERIFY(!csv.contains(",top_up,"));
    QVERIFY(csv.endsWith("\r\n"));
}

void WalletModelsTest::invokablesAnswerBySignal()
{
    QSignalSpy completed(m_wallet.get(), &WalletService::paymentCompleted);
    QSignalSpy failed(m_wallet.get(), &WalletService::paymentFailed);
    QSignalSpy busy(m_wallet.get(), &WalletService::busyChanged);
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    m_wallet->sendMoney(u'@' + m_friend->handle, QStringLiteral("2,50"), QStringLiteral("from QML"));
    QTRY_COMPARE(completed.size(), 1);
    QVERIFY(!completed.at(0).at(1).toString().isEmpty());
    m_wallet->sendMoney(u'@' + m_friend->handle, QStringLiteral("1,234"), {});
    QTRY_COMPARE(failed.size(), 1);
    QLocale::setDefault(before);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("invalid_amount"));
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("amount"));
    m_wallet->payByLink(QStringLiteral("plaza://pay/"));
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("validation_failed"));
    QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("link"));
    QVERIFY(busy.size() >= 4); // on and off for each of the two sends
    QVERIFY(!m_wallet->busy());
    QCOMPARE(completed.size(), 1);
}

namespace {

QStringList rowIds(const TransactionsModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row), TransactionsModel::IdRole).toString();
    return ids;
}

} // namespace

void WalletModelsTest::windowSlidesBothWaysAndStaysBounded()
{
    Session &session = *m_fixture->session;
    TransactionsModel all;
    test::checkModel(&all);
    all.setPageSize(500);
    all.setMaxRows(5000);
    all.setCache(session.cache());
    QVERIFY(all.atEnd());
    const QStringList ids = rowIds(all);
    QVERIFY(ids.size() >= 8); // initTestCase made 8
    // Loaded rows are always a run of the history, in its order.
    const auto isRun = [&ids](const QStringList &window) {
        const qsizetype at = window.isEmpty() ? 0 : ids.indexOf(window.constFirst());
        return at >= 0 && ids.mid(at, window.size()) == window;
    };

    TransactionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(true);
    model.setPageSize(2);
    model.setMaxRows(1); // at least two pages
    QCOMPARE(model.maxRows(), 4);
    model.setCache(session.cache());
    QVERIFY(model.atStart());

    // Down to the oldest: every row seen once, in order, never more than 4 loaded.
    QStringList seen = rowIds(model);
    while (model.canFetchMore()) {
        model.fetchMore();
        const QStringList window = rowIds(model);
        QVERIFY(window.size() <= 4);
        QVERIFY(isRun(window));
        for (const QString &id : window) {
            if (!seen.contains(id))
                seen << id;
        }
    }
    QCOMPARE(seen, ids);
    QVERIFY(model.atEnd());
    QVERIFY(!model.atStart());
    QCOMPARE(rowIds(model).constLast(), ids.constLast());

    // Back up to the newest, dropping the oldest on the way.
    for (int guard = 0; !model.atStart() && guard < 1000; ++guard) {
        model.fetchNewer();
        const QStringList window = rowIds(model);
        QVERIFY(window.size() <= 4);
        QVERIFY(isRun(window));
    }
    QVERIFY(model.atStart());
    QCOMPARE(rowIds(model).constFirst(), ids.constFirst());
    QVERIFY(!model.atEnd());
    QVERIFY(model.canFetchMore());

    // A new transaction while the top is loaded: row 0, and the window keeps its size.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    auto sent = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(5), QStringLiteral("window top")));
    QVERIFY(sent);
    QVERIFY(waitTask(session.syncEngine()->pull()));
    QTRY_COMPARE(model.data(model.index(0), TransactionsModel::NoteRole).toString(), QStringLiteral("window top"));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QVERIFY(model.rowCount() <= 4);

    // Scrolled down, the top dropped: a new one is not loaded until the list goes back up.
    while (model.canFetchMore())
        model.fetchMore();
    QVERIFY(!model.atStart());
    const QStringList bottom = rowIds(model);
    inserted.clear();
    sent = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(6), QStringLiteral("window hidden")));
    QVERIFY(sent);
    QVERIFY(waitTask(session.syncEngine()->pull()));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(rowIds(model), bottom);
    for (int guard = 0; !model.atStart() && guard < 1000; ++guard)
        model.fetchNewer();
    QCOMPARE(model.data(model.index(0), TransactionsModel::NoteRole).toString(), QStringLiteral("window hidden"));

    // A transaction that sorts inside the loaded rows (an older one, arriving late) goes where
    // it sorts, found by binary search: right above the row with its time and a smaller id.
    model.setMaxRows(5000);
    model.setPageSize(500);
    model.reload();
    QVERIFY(model.atEnd());
    const QStringList full = rowIds(model);
    int below = -1;
    for (int row = 1; row + 1 < model.rowCount() && below < 0; ++row) {
        if (model.data(model.index(row - 1), TransactionsModel::CreatedAtRole).toDateTime()
            > model.data(model.index(row), TransactionsModel::CreatedAtRole).toDateTime())
            below = row;
    }
    QVERIFY(below > 0);
    auto log = syncPage(*session.api(), 0);
    QVERIFY(log);
    protocol::Event late;
    for (const protocol::Event &e : std::as_const(log->events)) {
        if (e.type == u"transaction.created" && e.data.value(QStringLiteral("id")).toString() == full.at(below))
            late = e;
    }
    QVERIFY(!late.type.isEmpty());
    const QString lateId = full.at(below) + QStringLiteral("z");
    late.data.insert(QStringLiteral("id"), lateId);
    late.seq = session.cursor() + 1;
    protocol::SyncPage page;
    page.events << late;
    page.nextSince = late.seq;
    inserted.clear();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    auto applied = waitTask(session.syncEngine()->applyPage(page));
    QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message));
    QCOMPARE(applied->applied, 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), below);
    QCOMPARE(inserted.at(0).at(2).toInt(), below);
    QCOMPARE(changed.size(), 0);
    QStringList expected = full;
    expected.insert(below, lateId);
    QCOMPARE(rowIds(model), expected);
}

void WalletModelsTest::offlineServesTheCacheMarkedStale()
{
    WalletSummary summary;
    summary.setCache(m_fixture->session->cache());
    QVERIFY(summary.loaded());
    const qint64 balance = summary.balanceMinor();
    QVERIFY(balance > 0);
    QTRY_VERIFY(m_fixture->session->online());
    QVERIFY(!summary.stale());

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->session->online(), 10000);
    TransactionsModel model;
    test::checkModel(&model);
    model.setCache(m_fixture->session->cache());
    QVERIFY(summary.stale());
    QVERIFY(model.stale());
    QCOMPARE(summary.balanceMinor(), balance);
    QVERIFY(model.rowCount() > 0);

    Session &session = *m_fixture->session;
    auto intents = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("payment_outbox"));
    QVERIFY(intents);
    auto refused = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(1), QStringLiteral("offline")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Network);
    QCOMPARE(m_wallet->pendingCount(), 0);
    auto after = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("payment_outbox"));
    QVERIFY(after);
    QCOMPARE(*after, *intents);
}

QTEST_GUILESS_MAIN(WalletModelsTest)
#include "tst_walletmodels.moc"
