// SPDX-License-Identifier: MIT
// Payments exactly once: the real WalletService, Session and cache against the real
// plaza-server, with a proxy in between that loses the answer to a committed transfer.
#include "common/cachekey.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "common/testserver.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "wallet/paymentoutbox.h"
#include "wallet/walletservice.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

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

//! The account's outgoing transfers and balance as the server sees them (another device).
struct ServerView {
    qint64 balance = -1;
    int transfersOut = -1;
};

ServerView serverView(const QUrl &server, const QString &handle)
{
    net::ApiClient api;
    api.setBaseUrl(server);
    ServerView view;
    if (!waitTask(api.login(handle, kPassword)))
        return view;
    auto wallet = waitTask(api.get(QStringLiteral("/v1/wallet")));
    if (!wallet)
        return view;
    view.balance = qint64(wallet->body.value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toDouble());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("out"));
    query.addQueryItem(QStringLiteral("kind"), QStringLiteral("transfer"));
    auto list = waitTask(api.get(QStringLiteral("/v1/wallet/transactions"), query));
    if (!list)
        return view;
    view.transfersOut = int(list->body.value(QStringLiteral("items")).toArray().size());
    return view;
}

//! Rows of payment_outbox in the cache of \a session.
qint64 outboxRows(Session &session)
{
    auto n = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("payment_outbox"));
    return n ? *n : -1;
}

bool reopenReady(SessionFixture &fixture)
{
    fixture.reopen();
    Session &session = *fixture.session;
    session.restore();
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}

//! Some change set on \a stream named intent \a key (Table::PaymentOutbox).
bool namesIntent(const QSignalSpy &stream, const QString &key)
{
    for (const QList<QVariant> &args : stream) {
        if (args.at(0).value<storage::ChangeSet>().changes.ids(storage::Table::PaymentOutbox).contains(key))
            return true;
    }
    return false;
}

//! The intent's state as the wallet's read connection sees it (Sending if unknown).
PaymentIntent::State intentState(const WalletService &wallet, const QString &key)
{
    if (!wallet.outbox())
        return PaymentIntent::State::Sending;
    auto intent = wallet.outbox()->find(key);
    return intent ? intent->state : PaymentIntent::State::Sending;
}

} // namespace

class WalletPaymentsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void lostAnswerIsRetriedWithTheSameKey();
    void lostAnswerSurvivesARestart();
    void crashMidTryIsRetriedAtStart();
    void offlineSendIsRefusedWithoutAnIntent();
    void refusalsAreTyped();
    void topUpDeclined();
    void requestAndPayByLink();
    void transferDoesNotWaitForTheCacheLock();
    void signingOutMidTryIsSafe();

private:
    bool signUp(const QUrl &via);
    bool topUp(qint64 minor);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DropProxy> m_proxy;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<WalletService> m_wallet;
    std::optional<RemoteUser> m_payee;
    QString m_handle;
};

void WalletPaymentsTest::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_proxy = std::make_unique<DropProxy>(quint16(m_server->url().port()));
    QVERIFY(m_proxy->listening());
    m_payee = registerUser(m_server->url(), QStringLiteral("payee"), kPassword);
    QVERIFY(m_payee);
    QVERIFY(signUp(m_proxy->url()));
}

void WalletPaymentsTest::cleanup()
{
    m_wallet.reset();
    m_fixture.reset();
    m_payee.reset();
    m_proxy.reset();
    m_server.reset();
}

bool WalletPaymentsTest::signUp(const QUrl &via)
{
    m_fixture = std::make_unique<SessionFixture>();
    m_handle = uniqueHandle(QStringLiteral("payer"));
    if (!createAccount(*m_fixture->session, via, m_handle, QStringLiteral("Payer"), kPassword, kPassphrase))
        return false;
    m_wallet = std::make_unique<WalletService>(m_fixture->session.get());
    return m_wallet->start().ok();
}

bool WalletPaymentsTest::topUp(qint64 minor)
{
    auto done = waitTask(m_wallet->topUp(eur(minor), QStringLiteral("tok_visa")));
    return done && done->state == PaymentIntent::State::Completed;
}

void WalletPaymentsTest::lostAnswerIsRetriedWithTheSameKey()
{
    QVERIFY(topUp(10000));
    m_proxy->setDropping(true);
    auto first = waitTask(m_wallet->send(u'@' + m_payee->handle, eur(1250), QStringLiteral("lunch")));
    QVERIFY2(first, first ? "" : qPrintable(first.error().message));
    QCOMPARE(first->state, PaymentIntent::State::AwaitingConfirmation);
    QVERIFY(m_proxy->dropped() >= 1);
    QCOMPARE(m_wallet->pendingCount(), 1);
    // The server did commit the first try.
    QCOMPARE(serverView(m_server->url(), m_handle).transfersOut, 1);

    m_proxy->setDropping(false);
    auto left = waitTask(m_wallet->retryPending());
    QVERIFY(left);
    QCOMPARE(*left, 0);
    auto intent = m_wallet->outbox()->find(first->key);
    QVERIFY(intent);
    QCOMPARE(intent->state, PaymentIntent::State::Completed);
    QVERIFY(!intent->transactionId.isEmpty());

    const ServerView view = serverView(m_server->url(), m_handle);
    QCOMPARE(view.transfersOut, 1);
    QCOMPARE(view.balance, 10000 - 1250);
    // Every try carried the one key the outbox stored.
    QVERIFY(m_proxy->keys().size() >= 2);
    for (const QString &key : m_proxy->keys())
        QCOMPARE(key, first->key);
}

void WalletPaymentsTest::lostAnswerSurvivesARestart()
{
    QVERIFY(topUp(5000));
    m_proxy->setDropping(true);
    auto first = waitTask(m_wallet->send(m_payee->id, eur(999), QStringLiteral("rent share")));
    QVERIFY(first);
    QCOMPARE(first->state, PaymentIntent::State::AwaitingConfirmation);
    const QString key = first->key;

    // The app quits before it learns the answer, then starts again on the same cache. This
    // time the service exists before the session is Ready: it opens and retries by itself.
    m_wallet.reset();
    m_proxy->setDropping(false);
    m_fixture->reopen();
    m_wallet = std::make_unique<WalletService>(m_fixture->session.get());
    QSignalSpy stream(m_fixture->session->cache(), &storage::Cache::changed);
    QVERIFY(!m_wallet->outbox());
    Session &session = *m_fixture->session;
    session.restore();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::NeedsPassphrase);
    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    QVERIFY(m_wallet->outbox());
    // The outcome arrives on the one change stream (the intent's key under PaymentOutbox).
    QTRY_VERIFY_WITH_TIMEOUT(namesIntent(stream, key) && intentState(*m_wallet, key) == PaymentIntent::State::Completed, 15000);
    QCOMPARE(m_wallet->pendingCount(), 0);

    const ServerView view = serverView(m_server->url(), m_handle);
    QCOMPARE(view.transfersOut, 1);
    QCOMPARE(view.balance, 5000 - 999);
    QVERIFY(m_proxy->keys().size() >= 2);
    for (const QString &seen : m_proxy->keys())
        QCOMPARE(seen, key);
}

void WalletPaymentsTest::crashMidTryIsRetriedAtStart()
{
    QVERIFY(topUp(4000));
    m_proxy->setDropping(true);
    // The app dies while the first try is on the wire (the server still gets it and
    // commits): the row is left "sending".
    connect(m_proxy.get(), &DropProxy::watchedRequest, this, [this] { m_wallet.reset(); });
    auto task = m_wallet->send(u'@' + m_payee->handle, eur(321), QStringLiteral("mid-flight"));
    // Qt itself may resend once on a connection closed before any answer: same bytes, same key.
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy->dropped() >= 1 && task.isReady(), 10000);
    QVERIFY(!m_wallet);
    disconnect(m_proxy.get(), &DropProxy::watchedRequest, this, nullptr);
    const QString key = m_proxy->keys().constFirst();
    {
        auto reader = m_fixture->session->cache()->openConnection(true);
        QVERIFY(reader);
        PaymentOutbox intent(**reader);
        auto row = intent.find(key);
        QVERIFY(row);
        QCOMPARE(row->state, PaymentIntent::State::Sending);
        QCOMPARE(row->attempts, 1);
    }
    m_proxy->setDropping(false);
    QVERIFY(reopenReady(*m_fixture));
    m_wallet = std::make_unique<WalletService>(m_fixture->session.get());
    QSignalSpy stream(m_fixture->session->cache(), &storage::Cache::changed);
    QVERIFY(m_wallet->start());
    QTRY_VERIFY_WITH_TIMEOUT(namesIntent(stream, key) && intentState(*m_wallet, key) == PaymentIntent::State::Completed, 15000);
    auto row = m_wallet->outbox()->find(key);
    QVERIFY(row);
    QCOMPARE(row->state, PaymentIntent::State::Completed);
    const ServerView view = serverView(m_server->url(), m_handle);
    QCOMPARE(view.transfersOut, 1);
    QCOMPARE(view.balance, 4000 - 321);
    for (const QString &seen : m_proxy->keys())
        QCOMPARE(seen, key);
}

void WalletPaymentsTest::offlineSendIsRefusedWithoutAnIntent()
{
    QVERIFY(topUp(2000));
    const qint64 rows = outboxRows(*m_fixture->session);
    QCOMPARE(rows, 1);
    m_server->kill();
    auto refused = waitTask(m_wallet->send(u'@' + m_payee->handle, eur(100), QStringLiteral("offline")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Network);
    QCOMPARE(refused.error().details.value(QStringLiteral("reason")).toString(), QStringLiteral("offline"));
    QCOMPARE(outboxRows(*m_fixture->session), rows);
    QCOMPARE(m_wallet->pendingCount(), 0);
}

void WalletPaymentsTest::refusalsAreTyped()
{
    const QString to = u'@' + m_payee->handle;
    auto zero = waitTask(m_wallet->send(to, eur(0), {}));
    QVERIFY(!zero);
    QCOMPARE(zero.error().code, ErrorCode::InvalidAmount);
    auto huge = waitTask(m_wallet->send(to, eur(Money::kMaxApiAmount + 1), {}));
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, ErrorCode::InvalidAmount);
    auto longNote = waitTask(m_wallet->send(to, eur(1), QString(141, u'é')));
    QVERIFY(!longNote);
    QCOMPARE(longNote.error().code, ErrorCode::ValidationFailed);
    QCOMPARE(longNote.error().field(), QStringLiteral("note"));
    auto dollars = waitTask(m_wallet->send(to, Money(100, QStringLiteral("USD")), {}));
    QVERIFY(!dollars);
    QCOMPARE(dollars.error().code, ErrorCode::CurrencyMismatch);
    auto self = waitTask(m_wallet->send(u'@' + m_handle, eur(100), {}));
    QVERIFY(!self);
    QCOMPARE(self.error().code, ErrorCode::SelfPayment);
    // None of the above got as far as the outbox.
    QCOMPARE(outboxRows(*m_fixture->session), 0);

    // Refusals only the server can make: the intent exists and ends failed with the code.
    auto broke = waitTask(m_wallet->send(to, eur(100), QStringLiteral("no money")));
    QVERIFY(!broke);
    QCOMPARE(broke.error().code, ErrorCode::InsufficientFunds);
    auto nobody = waitTask(m_wallet->send(QStringLiteral("@nobody_here_x"), eur(100), {}));
    QVERIFY(!nobody);
    QCOMPARE(nobody.error().code, ErrorCode::NotFound);
    QCOMPARE(nobody.error().field(), QStringLiteral("to"));
    QCOMPARE(outboxRows(*m_fixture->session), 2);
    QCOMPARE(m_wallet->pendingCount(), 0);
    QCOMPARE(serverView(m_server->url(), m_handle).transfersOut, 0);
}

void WalletPaymentsTest::topUpDeclined()
{
    auto declined = waitTask(m_wallet->topUp(eur(500), QStringLiteral("tok_declined")));
    QVERIFY(!declined);
    QCOMPARE(declined.error().code, ErrorCode::CardDeclined);
    QCOMPARE(serverView(m_server->url(), m_handle).balance, 0);
}

void WalletPaymentsTest::requestAndPayByLink()
{
    // The payee asks; the session's account pays through the link, once.
    QVERIFY(topUp(3000));
    net::RequestOptions options;
    options.idempotencyKey = QStringLiteral("req-") + m_handle;
    auto request = waitTask(m_payee->api->post(
        QStringLiteral("/v1/payment-requests"),
        QJsonObject{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 700}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                    {QStringLiteral("note"), QStringLiteral("tickets")}},
        options));
    QVERIFY(request);
    const QString link = request->body.value(QStringLiteral("link")).toString();
    auto info = waitTask(m_wallet->fetchLink(link));
    QVERIFY2(info, info ? "" : qPrintable(info.error().message));
    QCOMPARE(info->amount, eur(700));
    QCOMPARE(info->note, QStringLiteral("tickets"));
    QCOMPARE(info->payeeHandle, m_payee->handle);
    auto paid = waitTask(m_wallet->payRequest(info->id));
    QVERIFY(paid);
    QCOMPARE(paid->state, PaymentIntent::State::Completed);
    QCOMPARE(paid->answer.value(QStringLiteral("request_id")).toString(), info->id);
    auto again = waitTask(m_wallet->fetchLink(link));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(again.error().details.value(QStringLiteral("reason")).toString(), QStringLiteral("paid"));
    auto unknown = waitTask(m_wallet->fetchLink(QStringLiteral("plaza://pay/pr_doesnotexist")));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    auto malformed = waitTask(m_wallet->fetchLink(QStringLiteral("https://pay/x")));
    QVERIFY(!malformed);
    QCOMPARE(malformed.error().code, ErrorCode::ValidationFailed);

    // Our own request, created through the outbox, then cancelled by us: its link says so.
    auto mine = waitTask(m_wallet->createRequest(eur(250), QStringLiteral("coffee"), u'@' + m_payee->handle));
    QVERIFY(mine);
    QCOMPARE(mine->state, PaymentIntent::State::Completed);
    const QString myId = mine->answer.value(QStringLiteral("id")).toString();
    auto cancel = waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/payment-requests/%1/cancel").arg(myId), {}));
    QVERIFY(cancel);
    auto cancelled = waitTask(m_wallet->fetchLink(mine->answer.value(QStringLiteral("link")).toString()));
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().details.value(QStringLiteral("reason")).toString(), QStringLiteral("cancelled"));
}

void WalletPaymentsTest::transferDoesNotWaitForTheCacheLock()
{
    // Another connection holds the cache's write lock (what a long write elsewhere does).
    // sendMoney() hands the intent to the cache writer's thread and returns: the UI thread's
    // event loop keeps turning while the writer waits, the payment counts as sending at once,
    // nothing goes to the server before its key is committed, and once the lock is released
    // the intent is committed and then sent exactly once.
    QVERIFY(topUp(6000));
    const qint64 rowsBefore = outboxRows(*m_fixture->session);
    QSignalSpy sending(m_wallet.get(), &WalletService::paymentSending);
    QSignalSpy completed(m_wallet.get(), &WalletService::paymentCompleted);
    QSignalSpy awaiting(m_wallet.get(), &WalletService::paymentAwaiting);
    QSignalSpy failed(m_wallet.get(), &WalletService::paymentFailed);
    auto other = m_fixture->session->cache()->openConnection(false);
    QVERIFY(other);
    QVERIFY((*other)->exec(QStringLiteral("BEGIN IMMEDIATE;")));
    bool held = true;
    auto release = qScopeGuard([&] {
        if (held)
            (void)(*other)->exec(QStringLiteral("ROLLBACK;"));
    });

    m_wallet->sendMoney(u'@' + m_payee->handle, QStringLiteral("12"), QStringLiteral("sent while the cache was locked"));
    QVERIFY(m_wallet->busy());
    int ticks = 0;
    QTimer tick;
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, [&] { ++ticks; });
    tick.start();
    // After the wallet read (the online and currency check), the intent goes to the writer.
    QTRY_COMPARE_WITH_TIMEOUT(sending.count(), 1, 4000);
    const QString key = sending.at(0).at(0).toString();
    QVERIFY(!key.isEmpty());
    const int ticksAtHandOff = ticks;
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= ticksAtHandOff + 20, 3000); // the event loop runs while the writer waits
    // Shown as sending at once…
    QCOMPARE(m_wallet->pendingCount(), 1);
    QCOMPARE(m_wallet->intentsOnTheirWay().size(), 1);
    QCOMPARE(m_wallet->intentsOnTheirWay().constFirst().key, key);
    // …but the lock really held the write back, and nothing was sent without it.
    auto notYet = m_wallet->outbox()->find(key);
    QVERIFY(!notYet);
    QCOMPARE(notYet.error().code, ErrorCode::NotFound);
    QVERIFY(m_proxy->keys().isEmpty());
    QCOMPARE(completed.count() + awaiting.count() + failed.count(), 0);

    QVERIFY((*other)->exec(QStringLiteral("COMMIT;")));
    held = false;
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 15000);
    QCOMPARE(completed.at(0).at(0).toString(), key);
    QCOMPARE(awaiting.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!m_wallet->busy());
    QCOMPARE(m_wallet->pendingCount(), 0);
    QVERIFY(m_wallet->intentsOnTheirWay().isEmpty());
    auto row = m_wallet->outbox()->find(key);
    QVERIFY(row);
    QCOMPARE(row->state, PaymentIntent::State::Completed);
    QCOMPARE(row->attempts, 1);
    QCOMPARE(outboxRows(*m_fixture->session), rowsBefore + 1);
    // Sent once, with the stored key; the server has exactly one transfer.
    QCOMPARE(m_proxy->keys(), QStringList{key});
    const ServerView view = serverView(m_server->url(), m_handle);
    QCOMPARE(view.transfersOut, 1);
    QCOMPARE(view.balance, 6000 - 1200);
}

void WalletPaymentsTest::signingOutMidTryIsSafe()
{
    // The user signs out while a transfer is on the wire: the try ends without writing
    // into the account's cache (closed and deleted meanwhile), the wallet closes, and
    // nothing is left pending or in flight.
    QVERIFY(topUp(3000));
    Session &session = *m_fixture->session;
    connect(m_proxy.get(), &DropProxy::watchedRequest, this, [&session] { session.signOut(); });
    auto task = m_wallet->send(u'@' + m_payee->handle, eur(150), QStringLiteral("signing out"));
    QTRY_VERIFY_WITH_TIMEOUT(task.isReady() && session.state() == Session::State::SignedOut && !session.busy(), 15000);
    disconnect(m_proxy.get(), &DropProxy::watchedRequest, this, nullptr);
    const QStringList keys = m_proxy->keys();
    QVERIFY(!keys.isEmpty());
    for (const QString &key : keys)
        QCOMPARE(key, keys.constFirst());
    QVERIFY(!m_wallet->outbox());
    QCOMPARE(m_wallet->pendingCount(), 0);
    QVERIFY(m_wallet->intentsOnTheirWay().isEmpty());
    QVERIFY(!m_wallet->busy());
    // At most once on the server (the logout may beat the transfer there: then a 401).
    const int transfers = serverView(m_server->url(), m_handle).transfersOut;
    QVERIFY2(transfers == 0 || transfers == 1, qPrintable(QString::number(transfers)));
    // A new try after signing out is refused, not queued.
    auto after = waitTask(m_wallet->send(u'@' + m_payee->handle, eur(150), {}));
    QVERIFY(!after);
    QCOMPARE(after.error().code, ErrorCode::CacheLocked);
    QCOMPARE(m_proxy->keys(), keys);
}

QTEST_GUILESS_MAIN(WalletPaymentsTest)
#include "tst_walletpayments.moc"
