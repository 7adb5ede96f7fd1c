// SPDX-License-Identifier: MIT
// The Session's default path: the cache key in a real Secret Service (run under
// tests/security/with-keyring.sh: dbus-run-session + an unlocked gnome-keyring), and the
// app-lock hash next to it, both named per account on a server.
#include "common/cachekey.h"
#include "integrationutil.h"

#include "common/testserver.h"
#include "security/keystore.h"
#include "session/accountfiles.h"
#include "session/applock.h"
#include "storage/cacheschema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("keychain password 5");
constexpr auto kAuto = Session::KeyBackend::Auto;

} // namespace

class SessionKeychainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyLivesInKeychain();
    void wrongKeyIsCacheLocked();
    void signOutDeletesKey();
    void sameUserIdOnTwoServersKeepsBothKeys();
    void oldEntryNameIsMovedOnce();
    void anExistingEntryIsNeverOverwritten();
    void sameUserIdOnTwoServersKeepsBothAppLocks();
    void oldAppLockEntryIsMovedOnce();

private:
    //! The keychain entry of \a userId's cache key on the test server.
    QString entryOf(const QString &userId) const { return cacheKeyEntry(m_server->url().toString(), userId); }
    //! The key stored under \a entry, empty if none (or the keychain failed).
    QByteArray storedKey(const QString &entry)
    {
        auto key = waitTask(m_keys.loadKey(entry));
        return key ? *key : QByteArray();
    }
    bool entryMissing(const QString &entry)
    {
        auto key = waitTask(m_keys.loadKey(entry));
        return !key && key.error().code == ErrorCode::NotFound;
    }
    //! The secret stored under \a entry (an app-lock hash), empty if none.
    QByteArray storedSecret(const QString &entry)
    {
        auto secret = waitTask(m_keys.loadSecret(entry));
        return secret ? *secret : QByteArray();
    }
    bool secretMissing(const QString &entry)
    {
        auto secret = waitTask(m_keys.loadSecret(entry));
        return !secret && secret.error().code == ErrorCode::NotFound;
    }
    //! True when \a lock, reloaded, takes \a pin and refuses \a otherPin.
    static bool unlocksWithOnly(AppLock &lock, const QString &pin, const QString &otherPin)
    {
        if (!waitTask(lock.reload()) || !lock.configured())
            return false;
        auto other = waitTask(lock.verifyAsync(otherPin));
        auto right = waitTask(lock.verifyAsync(pin));
        return other && !*other && right && *right;
    }
    //! An app restart of \a fixture (keychain backend), back to Ready.
    static bool restart(SessionFixture &fixture)
    {
        fixture.reopen(kAuto);
        fixture.session->restore();
        return waitIdle(*fixture.session) && fixture.session->state() == Session::State::Ready;
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    security::KeyStore m_keys{QStringLiteral("PlazaIntegrationTest")};
};

void SessionKeychainTest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("needs a Secret Service: run through tests/security/with-keyring.sh (ctest does)");
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void SessionKeychainTest::keyLivesInKeychain()
{
    m_fixture = std::make_unique<SessionFixture>(kAuto);
    Session &session = *m_fixture->session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("keyed")), QStringLiteral("Keyed"),
                          kPassword, QString()));
    QVERIFY(!session.passphraseIsNew());
    const QString userId = session.userId();
    QVERIFY(!QFile::exists(QFileInfo(session.cachePath()).dir().filePath(QStringLiteral("passphrase.json"))));

    auto stored = waitTask(m_keys.loadKey(entryOf(userId)));
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QCOMPARE(stored->size(), security::kCacheKeyBytes);
    QCOMPARE(*stored, testCacheKey(session));

    // An app restart: straight to Ready, no question asked, same cursor.
    const qint64 cursor = session.cursor();
    m_fixture->reopen(kAuto);
    m_fixture->session->restore();
    QVERIFY(waitIdle(*m_fixture->session));
    QCOMPARE(m_fixture->session->state(), Session::State::Ready);
    QCOMPARE(m_fixture->session->cursor(), cursor);
}

void SessionKeychainTest::wrongKeyIsCacheLocked()
{
    Session &session = *m_fixture->session;
    const QString userId = session.userId();
    const QString cachePath = session.cachePath();
    m_fixture->reopen(kAuto); // closes the cache
    const QByteArray before = QCryptographicHash::hash(readAll(cachePath), QCryptographicHash::Sha256);

    QVERIFY(waitTask(m_keys.storeKey(entryOf(userId), security::randomKey())));
    Session &again = *m_fixture->session;
    again.restore();
    QVERIFY(waitIdle(again));
    QCOMPARE(again.state(), Session::State::CacheLocked);
    QCOMPARE(again.errorCode(), QStringLiteral("cache_locked"));
    QVERIFY(!again.cache()->isOpen());
    QCOMPARE(QCryptographicHash::hash(readAll(cachePath), QCryptographicHash::Sha256), before);

    // Only on the user's request: the cache and its key go, back to signing in.
    again.resetCache();
    QVERIFY(waitIdle(again));
    QCOMPARE(again.state(), Session::State::SignedOut);
    for (const QString &file : storage::cacheFiles(cachePath))
        QVERIFY(!QFile::exists(file));
    auto key = waitTask(m_keys.loadKey(entryOf(userId)));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::NotFound);
}

void SessionKeychainTest::signOutDeletesKey()
{
    SessionFixture fixture(kAuto);
    Session &session = *fixture.session;
    QVERIFY(createAccount(session, m_server->url(), uniqueHandle(QStringLiteral("leaver")), QStringLiteral("Leaver"),
                          kPassword, QString()));
    const QString userId = session.userId();
    const QString cachePath = session.cachePath();
    session.signOut();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    QVERIFY(session.userId().isEmpty());
    for (const QString &file : storage::cacheFiles(cachePath))
        QVERIFY(!QFile::exists(file));
    auto key = waitTask(m_keys.loadKey(entryOf(userId)));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::NotFound);

    // And the server no longer takes the old tokens: restore() finds nothing to restore.
    fixture.reopen(kAuto);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::SignedOut);
}

void SessionKeychainTest::sameUserIdOnTwoServersKeepsBothKeys()
{
    // Two fresh servers: the first account of each is the same user id.
    TestServer one;
    TestServer two;
    QVERIFY2(one.start(), qPrintable(one.lastError()));
    QVERIFY2(two.start(), qPrintable(two.lastError()));
    SessionFixture a(kAuto);
    SessionFixture b(kAuto);
    QVERIFY(createAccount(*a.session, one.url(), QStringLiteral("twin_a"), QStringLiteral("Twin A"), kPassword, QString()));
    QVERIFY(createAccount(*b.session, two.url(), QStringLiteral("twin_b"), QStringLiteral("Twin B"), kPassword, QString()));
    QCOMPARE(a.session->userId(), b.session->userId());
    const QString entryA = cacheKeyEntry(one.url().toString(), a.session->userId());
    const QString entryB = cacheKeyEntry(two.url().toString(), b.session->userId());
    QVERIFY(entryA != entryB);
    QVERIFY2(entryA.startsWith(a.session->userId() + QStringLiteral("@127.0.0.1:")), qPrintable(entryA));
    QCOMPARE(storedKey(entryA), testCacheKey(*a.session));
    QCOMPARE(storedKey(entryB), testCacheKey(*b.session));
    QVERIFY(testCacheKey(*a.session) != testCacheKey(*b.session));

    // Both caches open after a restart: the second sign-in did not replace the first key.
    for (SessionFixture *f : {&a, &b}) {
        f->reopen(kAuto);
        f->session->restore();
        QVERIFY(waitIdle(*f->session));
        QCOMPARE(f->session->state(), Session::State::Ready);
    }
}

void SessionKeychainTest::oldEntryNameIsMovedOnce()
{
    SessionFixture fixture(kAuto);
    QVERIFY(createAccount(*fixture.session, m_server->url(), uniqueHandle(QStringLiteral("legacy")), QStringLiteral("Legacy"),
                          kPassword, QString()));
    const QString userId = fixture.session->userId();
    const QByteArray key = testCacheKey(*fixture.session);
    // As an older Plaza left it: the key under the bare user id, nothing under the new name.
    QVERIFY(waitTask(m_keys.storeKey(legacyCacheKeyEntry(userId), key)));
    QVERIFY(waitTask(m_keys.deleteKey(entryOf(userId))));

    fixture.reopen(kAuto);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::Ready);
    // Moved: the new name holds it, the old one is gone.
    QTRY_VERIFY_WITH_TIMEOUT(waitTask(m_keys.loadKey(entryOf(userId))).ok(), 5000);
    QCOMPARE(storedKey(entryOf(userId)), key);
    QTRY_VERIFY_WITH_TIMEOUT(entryMissing(legacyCacheKeyEntry(userId)), 5000);

    // And it keeps working from the new name.
    fixture.reopen(kAuto);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::Ready);
}

void SessionKeychainTest::anExistingEntryIsNeverOverwritten()
{
    // The same account on the same server signed in from a second profile on this machine:
    // the entry the first one made serves both; neither locks the other out.
    const QString handle = uniqueHandle(QStringLiteral("twoprof"));
    SessionFixture first(kAuto);
    QVERIFY(createAccount(*first.session, m_server->url(), handle, QStringLiteral("Two Profiles"), kPassword, QString()));
    const QByteArray key = testCacheKey(*first.session);
    SessionFixture second(kAuto);
    second.session->signIn(m_server->url().toString(), handle, kPassword);
    QVERIFY(waitIdle(*second.session));
    QCOMPARE(second.session->state(), Session::State::Ready);
    QCOMPARE(storedKey(entryOf(first.session->userId())), key);
    first.reopen(kAuto);
    first.session->restore();
    QVERIFY(waitIdle(*first.session));
    QCOMPARE(first.session->state(), Session::State::Ready);
}

void SessionKeychainTest::sameUserIdOnTwoServersKeepsBothAppLocks()
{
    TestServer one;
    TestServer two;
    QVERIFY2(one.start(), qPrintable(one.lastError()));
    QVERIFY2(two.start(), qPrintable(two.lastError()));
    SessionFixture a(kAuto);
    SessionFixture b(kAuto);
    QVERIFY(createAccount(*a.session, one.url(), QStringLiteral("lock_a"), QStringLiteral("Lock A"), kPassword, QString()));
    QVERIFY(createAccount(*b.session, two.url(), QStringLiteral("lock_b"), QStringLiteral("Lock B"), kPassword, QString()));
    const QString userId = a.session->userId();
    QCOMPARE(b.session->userId(), userId);
    const QString entryA = appLockEntry(one.url().toString(), userId);
    const QString entryB = appLockEntry(two.url().toString(), userId);
    QVERIFY(entryA != entryB);
    const auto entryOfA = a.session->appLockKeychainEntry();
    QVERIFY(entryOfA);
    QCOMPARE(entryOfA->account, entryA);
    QCOMPARE(entryA, cacheKeyEntry(one.url().toString(), userId) + QStringLiteral(".applock"));

    {
        AppLock lockA(a.session.get(), a.session->appLockKeychain());
        AppLock lockB(b.session.get(), b.session->appLockKeychain());
        QVERIFY(waitTask(lockA.reload()));
        QVERIFY(waitTask(lockB.reload()));
        QVERIFY(!lockB.configured());
        Status setA = waitTask(lockA.setSecretAsync(QStringLiteral("pin"), QStringLiteral("2580")));
        QVERIFY2(setA, setA ? "" : qPrintable(setA.error().message));
        // B does not see A's PIN: it has none until it sets its own.
        QVERIFY(waitTask(lockB.reload()));
        QVERIFY(!lockB.configured());
        Status setB = waitTask(lockB.setSecretAsync(QStringLiteral("pin"), QStringLiteral("1397")));
        QVERIFY2(setB, setB ? "" : qPrintable(setB.error().message));
    }
    QVERIFY(storedSecret(entryA).startsWith("pin\n$argon2id$"));
    QVERIFY(storedSecret(entryB).startsWith("pin\n$argon2id$"));
    QVERIFY(storedSecret(entryA) != storedSecret(entryB));
    QVERIFY(secretMissing(legacyAppLockEntry(userId)));

    // After a restart each unlocks with its own PIN, not the other's.
    QVERIFY(restart(a));
    QVERIFY(restart(b));
    {
        AppLock lockA(a.session.get(), a.session->appLockKeychain());
        AppLock lockB(b.session.get(), b.session->appLockKeychain());
        QVERIFY(unlocksWithOnly(lockA, QStringLiteral("2580"), QStringLiteral("1397")));
        QVERIFY(unlocksWithOnly(lockB, QStringLiteral("1397"), QStringLiteral("2580")));
    }

    // Deleting A's account and then its leftover cache takes A's hash, not B's.
    QSignalSpy finished(a.session.get(), &Session::accountDeletionFinished);
    a.session->deleteAccount(kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QVERIFY(finished.at(0).at(0).toMap().value(QStringLiteral("ok")).toBool());
    QVERIFY(a.session->hasLeftoverCache());
    QVERIFY(!storedSecret(entryA).isEmpty()); // kept until the user decides
    a.session->deleteLeftoverCache();
    QTRY_VERIFY_WITH_TIMEOUT(!a.session->hasLeftoverCache(), 10000);
    QVERIFY(secretMissing(entryA));
    QVERIFY(entryMissing(cacheKeyEntry(one.url().toString(), userId)));
    QVERIFY(storedSecret(entryB).startsWith("pin\n$argon2id$"));
    QVERIFY(restart(b));
    AppLock lockB(b.session.get(), b.session->appLockKeychain());
    QVERIFY(unlocksWithOnly(lockB, QStringLiteral("1397"), QStringLiteral("2580")));
}

void SessionKeychainTest::oldAppLockEntryIsMovedOnce()
{
    SessionFixture fixture(kAuto);
    QVERIFY(createAccount(*fixture.session, m_server->url(), uniqueHandle(QStringLiteral("oldlock")),
                          QStringLiteral("Old Lock"), kPassword, QString()));
    const QString userId = fixture.session->userId();
    const QString entry = appLockEntry(m_server->url().toString(), userId);
    const QString legacy = legacyAppLockEntry(userId);
    {
        AppLock lock(fixture.session.get(), fixture.session->appLockKeychain());
        QVERIFY(waitTask(lock.reload()));
        QVERIFY(waitTask(lock.setSecretAsync(QStringLiteral("pin"), QStringLiteral("4826"))));
    }
    const QByteArray hash = storedSecret(entry);
    QVERIFY(hash.startsWith("pin\n$argon2id$"));
    // As an older Plaza left it: the hash under "<userId>.applock", nothing under the new name.
    QVERIFY(waitTask(m_keys.storeSecret(legacy, hash)));
    QVERIFY(waitTask(m_keys.deleteKey(entry)));
    QVERIFY(secretMissing(entry));

    // Moved before the cache opens: the app lock reads it from the new name at once.
    fixture.reopen(kAuto);
    AppLock lock(fixture.session.get(), fixture.session->appLockKeychain());
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::Ready);
    QTRY_VERIFY_WITH_TIMEOUT(lock.known(), 5000);
    QVERIFY(lock.configured());
    QCOMPARE(storedSecret(entry), hash);
    QVERIFY(secretMissing(legacy));
    auto ok = waitTask(lock.verifyAsync(QStringLiteral("4826")));
    QVERIFY(ok && *ok);

    // Once: an old-named entry that turns up later (another account of this user id on
    // another server, still on an older Plaza) is neither taken nor written over.
    const QByteArray someoneElses = "pin\n$argon2id$not-this-account";
    QVERIFY(waitTask(m_keys.storeSecret(legacy, someoneElses)));
    QVERIFY(restart(fixture));
    QCOMPARE(storedSecret(entry), hash);
    QCOMPARE(storedSecret(legacy), someoneElses);
    AppLock again(fixture.session.get(), fixture.session->appLockKeychain());
    QVERIFY(unlocksWithOnly(again, QStringLiteral("4826"), QStringLiteral("1397")));

    // Signing out deletes this account's entry only.
    fixture.session->signOut();
    QVERIFY(waitIdle(*fixture.session));
    QVERIFY(secretMissing(entry));
    QCOMPARE(storedSecret(legacy), someoneElses);
    QVERIFY(waitTask(m_keys.deleteKey(legacy)));
}

QTEST_GUILESS_MAIN(SessionKeychainTest)
#include "tst_sessionkeychain.moc"
