// SPDX-License-Identifier: MIT
// The services need an account, not a Session (issue 14): ChatService and WalletService built
// on an AccountContext made of real parts alone — the ApiClient of an account registered on
// the real plaza-server, a SyncEngine on a SQLCipher file of the test's own, the Cache over
// that file and a live connection — send a message and move money; the server and the cache
// both show it.
#include "chat/chatservice.h"
#include "common/testserver.h"
#include "integrationutil.h"
#include "money/money.h"
#include "net/apiclient.h"
#include "net/wssession.h"
#include "security/keystore.h"
#include "session/applock.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/syncengine.h"
#include "wallet/paymentoutbox.h"
#include "wallet/walletservice.h"

#include <QCoroTask>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

//! An account as the services see it, put together by hand the way the Session does it:
//! the sync engine opens the file, the Cache is attached to it, the live connection starts;
//! ready once all of that is done. No Session, no keychain, no account files.
class PartsContext : public AccountContext
{
public:
    PartsContext(RemoteUser &user, const QString &path)
        : m_user(user),
          m_path(path),
          m_cache(std::make_unique<storage::Cache>()),
          m_engine(std::make_unique<SyncEngine>(user.api.get())),
          m_live(std::make_unique<net::WsSession>(user.api.get()))
    {
        QObject::connect(m_engine.get(), &SyncEngine::applied, m_cache.get(), &storage::Cache::publish);
        QObject::connect(m_live.get(), &net::WsSession::connectedChanged, this, [this](bool) { Q_EMIT onlineChanged(); });
    }
    ~PartsContext() override
    {
        m_live->stop();
        m_engine->setLiveSession(nullptr);
    }

    //! Opens (creates) the cache file with a fresh key and goes ready.
    Status open()
    {
        const QByteArray key = security::randomKey();
        auto opened = waitTask(m_engine->open(m_path, key, m_user.id));
        if (!opened)
            return opened.error();
        m_cache->attach(m_path, key, m_user.id);
        m_ready = true;
        Q_EMIT readyChanged();
        m_cache->setOpen(true);
        m_engine->setLiveSession(m_live.get());
        m_live->start();
        return {};
    }
    //! Lets go of the file: what a sign-out or a restart does to the services.
    void close()
    {
        m_live->stop();
        m_engine->setLiveSession(nullptr);
        m_ready = false;
        Q_EMIT readyChanged();
        m_cache->setOpen(false);
        QCoro::waitFor(m_engine->close());
        m_cache->detach();
    }

    [[nodiscard]] net::ApiClient *api() const override { return m_user.api.get(); }
    [[nodiscard]] storage::Cache *cache() const override { return m_cache.get(); }
    [[nodiscard]] SyncEngine *syncEngine() const override { return m_engine.get(); }
    [[nodiscard]] net::WsSession *live() const override { return m_live.get(); }
    [[nodiscard]] bool ready() const override { return m_ready; }
    [[nodiscard]] bool online() const override { return m_live->isConnected(); }
    [[nodiscard]] QString userId() const override { return m_user.id; }
    [[nodiscard]] QString handle() const override { return m_user.handle; }
    [[nodiscard]] QString displayName() const override { return m_user.displayName; }
    QCoro::Task<Result<QString>> stepUpToken(QString secret, bool isCode) override
    {
        const QJsonObject body{{isCode ? QStringLiteral("code") : QStringLiteral("password"), secret}};
        auto reply = co_await m_user.api->post(QStringLiteral("/v1/auth/step-up"), body);
        if (!reply)
            co_return reply.error();
        co_return reply->body.value(QStringLiteral("step_up_token")).toString();
    }
    void syncNow() override
    {
        if (m_ready)
            m_engine->requestPull();
    }

private:
    RemoteUser &m_user;
    QString m_path;
    std::unique_ptr<storage::Cache> m_cache;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<net::WsSession> m_live;
    bool m_ready = false;
};

Money eur(qint64 minor)
{
    return Money(minor, QStringLiteral("EUR"));
}

//! The balance in minor units as \a api's account reads it on the server.
qint64 serverBalance(net::ApiClient &api)
{
    auto wallet = waitTask(api.get(QStringLiteral("/v1/wallet")));
    if (!wallet)
        return -1;
    return qint64(wallet->body.value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toDouble());
}

} // namespace

class AccountContextTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void chatSendsWithoutASession();
    void walletPaysWithoutASession();
    void appLockWithoutASession();
    void servicesLetGoWhenTheContextCloses();

private:
    //! One statement's first column on a read connection of the context's cache.
    QString cached(const QString &sql, const QString &arg);

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_me;
    std::optional<RemoteUser> m_friend;
    QTemporaryDir m_dir;
    std::unique_ptr<PartsContext> m_context;
    std::unique_ptr<chat::ChatService> m_chat;
    std::unique_ptr<wallet::WalletService> m_wallet;
    std::unique_ptr<AppLock> m_lock;
};

void AccountContextTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_me = registerUser(m_server->url(), QStringLiteral("ctx"), kPassword);
    m_friend = registerUser(m_server->url(), QStringLiteral("friend"), kPassword);
    QVERIFY(m_me && m_friend);
    QVERIFY(follow(*m_me, m_friend->id));
    QVERIFY(follow(*m_friend, m_me->id));

    // The services exist before the account is ready, as in the app: they open on readyChanged.
    m_context = std::make_unique<PartsContext>(*m_me, m_dir.filePath(QStringLiteral("cache.db")));
    m_chat = std::make_unique<chat::ChatService>(m_context.get());
    m_wallet = std::make_unique<wallet::WalletService>(m_context.get());
    QVERIFY(!m_chat->outbox());
    QVERIFY(!m_wallet->outbox());
    QSignalSpy chatStarted(m_chat.get(), &chat::ChatService::started);
    const Status opened = m_context->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    QCOMPARE(chatStarted.size(), 1);
    QVERIFY(m_chat->outbox());
    QVERIFY(m_wallet->outbox());
    QTRY_VERIFY_WITH_TIMEOUT(m_context->online(), 15000);
    QVERIFY(waitTask(m_context->syncEngine()->pull()));
}

void AccountContextTest::cleanupTestCase()
{
    m_lock.reset();
    m_wallet.reset();
    m_chat.reset();
    m_context.reset();
    m_server.reset();
}

QString AccountContextTest::cached(const QString &sql, const QString &arg)
{
    auto db = m_context->cache()->openConnection(true);
    if (!db)
        return QStringLiteral("<%1>").arg(db.error().codeName());
    auto stmt = (*db)->prepare(sql);
    if (!stmt)
        return QStringLiteral("<%1>").arg(stmt.error().codeName());
    if (!arg.isNull())
        stmt->bind(1, arg);
    auto row = stmt->step();
    if (!row || !*row)
        return QStringLiteral("<no row>");
    return stmt->text(0);
}

void AccountContextTest::chatSendsWithoutASession()
{
    auto conversation = createConversation(*m_me, {m_friend->id});
    QVERIFY(conversation);
    QVERIFY(waitTask(m_context->syncEngine()->pull()));
    QCOMPARE(cached(QStringLiteral("SELECT id FROM conversations WHERE id = ?1;"), *conversation), *conversation);

    QSignalSpy sent(m_chat.get(), &chat::ChatService::messageSent);
    QSignalSpy failed(m_chat.get(), &chat::ChatService::messageFailed);
    const QString text = QStringLiteral("sent through a context, no Session");
    QVERIFY(m_chat->send(*conversation, text));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 20000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_chat->pendingCount(), 0);
    const QString messageId = sent.at(0).at(1).toString();
    QVERIFY(!messageId.isEmpty());

    // The other member reads it on the server, from us.
    auto page = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations/%1/messages").arg(*conversation)));
    QVERIFY(page);
    const QJsonArray items = page->body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toString(), messageId);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("text")).toString(), text);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("sender")).toObject().value(QStringLiteral("id")).toString(), m_me->id);

    // And our cache has it under the server's id once synced; the outbox row gave way.
    QVERIFY(waitTask(m_context->syncEngine()->pull()));
    QTRY_COMPARE_WITH_TIMEOUT(cached(QStringLiteral("SELECT text FROM messages WHERE id = ?1;"), messageId), text, 10000);
    QCOMPARE(cached(QStringLiteral("SELECT sender_id FROM messages WHERE id = ?1;"), messageId), m_me->id);
    QTRY_COMPARE_WITH_TIMEOUT(cached(QStringLiteral("SELECT count(*) FROM message_outbox WHERE state <> 'sent';"), QString()),
                              QStringLiteral("0"), 10000);
}

void AccountContextTest::walletPaysWithoutASession()
{
    auto topped = waitTask(m_wallet->topUp(eur(10000), QStringLiteral("tok_visa")));
    QVERIFY2(topped, topped ? "" : qPrintable(topped.error().message));
    QCOMPARE(topped->state, wallet::PaymentIntent::State::Completed);

    auto paid = waitTask(m_wallet->send(u'@' + m_friend->handle, eur(1250), QStringLiteral("lunch")));
    QVERIFY2(paid, paid ? "" : qPrintable(paid.error().message));
    QCOMPARE(paid->state, wallet::PaymentIntent::State::Completed);
    QCOMPARE(m_wallet->pendingCount(), 0);

    // The server moved the money, once.
    QCOMPARE(serverBalance(*m_me->api), 10000 - 1250);
    QCOMPARE(serverBalance(*m_friend->api), 1250);

    // The cache: the completed intent, and the balance the sync brought.
    auto intent = m_wallet->outbox()->find(paid->key);
    QVERIFY(intent);
    QCOMPARE(intent->state, wallet::PaymentIntent::State::Completed);
    QVERIFY(!intent->transactionId.isEmpty());
    QVERIFY(waitTask(m_context->syncEngine()->pull()));
    QTRY_COMPARE_WITH_TIMEOUT(cached(QStringLiteral("SELECT balance FROM wallet WHERE id = 1;"), QString()),
                              QString::number(10000 - 1250), 10000);
    QCOMPARE(cached(QStringLiteral("SELECT count(*) FROM transactions WHERE id = ?1;"), intent->transactionId),
             QStringLiteral("1"));
}

void AccountContextTest::appLockWithoutASession()
{
    // No keychain question: the hash goes into the context's encrypted cache, through its writer.
    m_lock = std::make_unique<AppLock>(m_context.get());
    QTRY_VERIFY_WITH_TIMEOUT(m_lock->known(), 10000); // read by itself: the context is ready
    QVERIFY(!m_lock->configured());
    const Status set = waitTask(m_lock->setSecretAsync(QStringLiteral("pin"), QStringLiteral("2580")));
    QVERIFY2(set, set ? "" : qPrintable(set.error().message));
    QVERIFY(m_lock->configured());
    const QString stored = cached(QStringLiteral("SELECT value FROM kv WHERE key = ?1"), QStringLiteral("applock_hash"));
    QVERIFY2(stored.startsWith(QStringLiteral("pin\n$argon2id$")), qPrintable(stored));
    QVERIFY(!stored.contains(QStringLiteral("2580")));
    auto right = waitTask(m_lock->verifyAsync(QStringLiteral("2580")));
    QVERIFY(right && *right);
    auto wrong = waitTask(m_lock->verifyAsync(QStringLiteral("2581")));
    QVERIFY(wrong && !*wrong);

    // A second lock on the same context reads what the first one stored.
    AppLock again(m_context.get());
    QVERIFY(waitTask(again.reload()));
    QVERIFY(again.configured());
    QCOMPARE(again.kind(), QStringLiteral("pin"));
}

void AccountContextTest::servicesLetGoWhenTheContextCloses()
{
    // Not ready: the services close their readers (a sign-out deletes the file under them).
    m_context->close();
    QVERIFY(!m_chat->outbox());
    QVERIFY(!m_wallet->outbox());
    QVERIFY(!m_chat->start());
    QVERIFY(!m_wallet->start());
    // The app lock forgets the account's hash (the next account has its own).
    QVERIFY(!m_lock->configured());
    QVERIFY(!m_lock->known());
    QVERIFY(!waitTask(m_lock->verifyAsync(QStringLiteral("2580"))));
}

QTEST_GUILESS_MAIN(AccountContextTest)
#include "tst_accountcontext.moc"
