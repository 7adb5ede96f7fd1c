// SPDX-License-Identifier: MIT
// The Session's default path: the cache key in a real Secret Service (run under
// tests/security/with-keyring.sh: dbus-run-session + an unlocked gnome-keyring).
#include "integrationutil.h"

#include "common/testserver.h"
#include "security/keystore.h"
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

private:
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

    auto stored = waitTask(m_keys.loadKey(userId));
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

    QVERIFY(waitTask(m_keys.storeKey(userId, security::randomKey())));
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
    auto key = waitTask(m_keys.loadKey(userId));
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
    auto key = waitTask(m_keys.loadKey(userId));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::NotFound);

    // And the server no longer takes the old tokens: restore() finds nothing to restore.
    fixture.reopen(kAuto);
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::SignedOut);
}

QTEST_GUILESS_MAIN(SessionKeychainTest)
#include "tst_sessionkeychain.moc"
