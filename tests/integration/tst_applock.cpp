// SPDX-License-Identifier: MIT
// The app lock against real parts: its hash in a real Secret Service (run under
// tests/security/with-keyring.sh) or, on the passphrase path, in the encrypted cache;
// the rules for PINs and passphrases, replacing, throttling, the idle lock, sign-out.
#include "common/cachekey.h"
#include "integrationutil.h"

#include "common/clock.h"
#include "common/testserver.h"
#include "security/keystore.h"
#include "session/accountfiles.h"
#include "session/applock.h"
#include "storage/database.h"
#include "storage/kvstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;
using namespace std::chrono_literals;

namespace {
const QString kPassword = QStringLiteral("app lock password 1");
const QString kService = QStringLiteral("PlazaIntegrationTest");

QString storedInCache(Session &session)
{
    storage::OpenOptions options;
    options.rawKey = testCacheKey(session);
    options.readOnly = true;
    auto db = storage::Database::open(session.cachePath(), options);
    if (!db)
        return QStringLiteral("<cannot open>");
    storage::KvStore kv(**db);
    auto value = kv.value(QStringLiteral("applock_hash"));
    return value ? *value : QStringLiteral("<error>");
}
} // namespace

class AppLockTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rulesForNewSecrets_data();
    void rulesForNewSecrets();
    void keychainPath();
    void passphrasePath();
    void throttlesWrongTries();
    void idleLock();

private:
    std::unique_ptr<TestServer> m_server;
    security::KeyStore m_keys{kService};
};

void AppLockTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void AppLockTest::rulesForNewSecrets_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("ok");
    QTest::newRow("pin 4 digits") << "pin" << "2580" << true;
    QTest::newRow("pin 12 digits") << "pin" << "123456789012" << true;
    QTest::newRow("pin too short") << "pin" << "123" << false;
    QTest::newRow("pin too long") << "pin" << "1234567890123" << false;
    QTest::newRow("pin with a letter") << "pin" << "12a4" << false;
    QTest::newRow("pin with a space") << "pin" << "12 34" << false;
    QTest::newRow("pin one digit repeated") << "pin" << "1111" << false;
    QTest::newRow("pin arabic-indic digits") << "pin" << QString::fromUtf8("١٢٣٤") << false;
    QTest::newRow("passphrase") << "passphrase" << "correct horse" << true;
    QTest::newRow("passphrase too short") << "passphrase" << "short" << false;
    QTest::newRow("passphrase of spaces") << "passphrase" << "          " << false;
    QTest::newRow("unknown kind") << "password" << "whatever123" << false;
}

void AppLockTest::rulesForNewSecrets()
{
    QFETCH(QString, kind);
    QFETCH(QString, secret);
    QFETCH(bool, ok);
    QCOMPARE(bool(AppLock::checkNewSecret(kind, secret)), ok);
}

void AppLockTest::keychainPath()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("needs a Secret Service: run through tests/security/with-keyring.sh (ctest does)");
    SessionFixture fixture(Session::KeyBackend::Auto);
    Session &session = *fixture.session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("lock")), QStringLiteral("Lock"),
                          kPassword, QString()));
    QVERIFY(session.keyInKeychain());
    const QString userId = session.userId();

    auto lock = std::make_unique<AppLock>(&session, session.appLockKeychain());
    QVERIFY(waitTask(lock->reload()));
    QVERIFY(lock->known());
    QVERIFY(!lock->configured());

    // Set: only an Argon2id hash, in the keychain, nothing in the cache.
    Status set = waitTask(lock->setSecretAsync(QStringLiteral("pin"), QStringLiteral("2580")));
    QVERIFY2(set, set ? "" : qPrintable(set.error().message));
    QVERIFY(lock->configured());
    QCOMPARE(lock->kind(), QStringLiteral("pin"));
    auto stored = waitTask(m_keys.loadSecret(appLockEntry(m_server->url().toString(), userId)));
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QVERIFY2(stored->startsWith("pin\n$argon2id$"), stored->constData());
    QVERIFY(!stored->contains("2580"));
    QVERIFY(storedInCache(session).isEmpty());

    auto right = waitTask(lock->verifyAsync(QStringLiteral("2580")));
    QVERIFY(right && *right);
    auto wrong = waitTask(lock->verifyAsync(QStringLiteral("2581")));
    QVERIFY(wrong && !*wrong);

    // Replacing needs the current secret.
    Status refused = waitTask(lock->setSecretAsync(QStringLiteral("passphrase"), QStringLiteral("correct horse"),
                                                   QStringLiteral("0000")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().field(), QStringLiteral("current"));
    Status replaced = waitTask(lock->setSecretAsync(QStringLiteral("passphrase"), QStringLiteral("correct horse"),
                                                    QStringLiteral("2580")));
    QVERIFY(replaced);

    // A restart reads it back from the keychain.
    lock.reset();
    fixture.reopen(Session::KeyBackend::Auto);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::Ready);
    AppLock again(fixture.session.get(), fixture.session->appLockKeychain());
    QVERIFY(waitTask(again.reload()));
    QVERIFY(again.configured());
    QCOMPARE(again.kind(), QStringLiteral("passphrase"));
    auto ok = waitTask(again.verifyAsync(QStringLiteral("correct horse")));
    QVERIFY(ok && *ok);

    // Signing out deletes the hash with the account.
    fixture.session->signOut();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::SignedOut);
    QVERIFY(!again.configured());
    auto gone = waitTask(m_keys.loadSecret(appLockEntry(m_server->url().toString(), userId)));
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
}

void AppLockTest::passphrasePath()
{
    SessionFixture fixture(Session::KeyBackend::PassphraseOnly);
    Session &session = *fixture.session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("lockp")), QStringLiteral("Lock P"),
                          kPassword, QStringLiteral("the cache passphrase")));
    QVERIFY(!session.keyInKeychain());
    AppLock lock(&session, session.appLockKeychain());
    QVERIFY(waitTask(lock.reload()));
    QVERIFY(waitTask(lock.setSecretAsync(QStringLiteral("pin"), QStringLiteral("97531"))));
    // No keychain on this path: the hash is in the encrypted cache, never the PIN.
    const QString inCache = storedInCache(session);
    QVERIFY2(inCache.startsWith(u"pin\n$argon2id$"), qPrintable(inCache));
    QVERIFY(!inCache.contains(u"97531"));
    QVERIFY(!readAll(session.cachePath()).contains("argon2id")); // and the cache file is encrypted

    fixture.reopen(Session::KeyBackend::PassphraseOnly);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    fixture.session->submitPassphrase(QStringLiteral("the cache passphrase"));
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::Ready);
    AppLock again(fixture.session.get(), fixture.session->appLockKeychain());
    QVERIFY(waitTask(again.reload()));
    QCOMPARE(again.kind(), QStringLiteral("pin"));
    auto ok = waitTask(again.verifyAsync(QStringLiteral("97531")));
    QVERIFY(ok && *ok);
}

void AppLockTest::throttlesWrongTries()
{
    SessionFixture fixture;
    Session &session = *fixture.session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("lockt")), QStringLiteral("Lock T"),
                          kPassword, QStringLiteral("the cache passphrase")));
    AppLock lock(&session, session.appLockKeychain());
    QVERIFY(waitTask(lock.reload()));
    QVERIFY(waitTask(lock.setSecretAsync(QStringLiteral("pin"), QStringLiteral("4826"))));
    for (int i = 0; i < AppLock::kFreeAttempts; ++i) {
        auto wrong = waitTask(lock.verifyAsync(QStringLiteral("0000")));
        QVERIFY(wrong && !*wrong);
    }
    QVERIFY(lock.retryAfterSeconds() >= 29);
    // Even the right PIN waits now: guessing cannot go faster than the delay.
    auto blocked = waitTask(lock.verifyAsync(QStringLiteral("4826")));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().code, ErrorCode::RateLimited);
}

void AppLockTest::idleLock()
{
    SessionFixture fixture;
    Session &session = *fixture.session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("locki")), QStringLiteral("Lock I"),
                          kPassword, QStringLiteral("the cache passphrase")));
    AppLock lock(&session, session.appLockKeychain());
    QVERIFY(waitTask(lock.reload()));
    QVERIFY(waitTask(lock.setSecretAsync(QStringLiteral("pin"), QStringLiteral("1357"))));
    QSignalSpy locked(&lock, &AppLock::lockedChanged);
    // The countdown runs on the client clock, which the test moves: no race with a timer.
    Clock *clock = Clock::instance();
    lock.setIdleMinutes(3);
    QVERIFY(!lock.locked());
    clock->advance(2min);
    QVERIFY(!lock.locked());
    lock.noteActivity(); // activity restarts the countdown
    clock->advance(2min);
    QVERIFY(!lock.locked()); // four minutes in all, two since the last input
    clock->advance(59s);
    QVERIFY(!lock.locked());
    clock->advance(2s); // three minutes and a second since the last input
    QVERIFY(lock.locked());
    QCOMPARE(locked.size(), 1);
    clock->reset();
    auto wrong = waitTask(lock.verifyAsync(QStringLiteral("7531")));
    QVERIFY(wrong && !*wrong);
    QVERIFY(lock.locked());
    auto right = waitTask(lock.verifyAsync(QStringLiteral("1357")));
    QVERIFY(right && *right);
    QVERIFY(!lock.locked());

    // The setting is kept in the cache.
    AppLock again(&session, session.appLockKeychain());
    QVERIFY(waitTask(again.reload()));
    QCOMPARE(again.idleMinutes(), 3);
    again.setIdleMinutes(0);
    AppLock third(&session, session.appLockKeychain());
    QVERIFY(waitTask(third.reload()));
    QCOMPARE(third.idleMinutes(), 0);
}

QTEST_GUILESS_MAIN(AppLockTest)

#include "tst_applock.moc"
