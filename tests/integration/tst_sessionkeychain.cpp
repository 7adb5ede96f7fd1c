// SPDX-License-Identifier: MIT
// The Session's default path: the cache key in a real Secret Service (run under
// tests/security/with-keyring.sh: dbus-run-session + an unlocked gnome-keyring).
#include "integrationutil.h"

#include "common/testserver.h"
#include "security/keystore.h"
#include "session/accountfiles.h"
#include "storage/cacheschema.h"

#include <QCryptographicHash>
#include <QFile>
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
    QCOMPARE(*stored, session.cacheKey());

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
    QVERIFY(again.cacheKey().isEmpty());
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
    QCOMPARE(storedKey(entryA), a.session->cacheKey());
    QCOMPARE(storedKey(entryB), b.session->cacheKey());
    QVERIFY(a.session->cacheKey() != b.session->cacheKey());

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
    const QByteArray key = fixture.session->cacheKey();
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
    const QByteArray key = first.session->cacheKey();
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

QTEST_GUILESS_MAIN(SessionKeychainTest)
#include "tst_sessionkeychain.moc"
