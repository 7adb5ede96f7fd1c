// SPDX-License-Identifier: MIT
// Token lifecycle through the Session: refreshed tokens are persisted in the encrypted
// cache, and a refused refresh (the session expired) signs out without deleting anything.
#include "common/cachekey.h"
#include "integrationutil.h"

#include "common/testserver.h"
#include "net/apiclient.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "sync/syncengine.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("tokens password 3");
const QString kPassphrase = QStringLiteral("tokens passphrase 3");
} // namespace

class SessionTokensTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refreshedTokensArePersisted();
    void expiredSessionSignsOutKeepingCache();
    void refusedSignUpNamesTheField();
    void knownDeviceSignsInWhileTheHandleIsUnderAttack();

private:
    bool unlock(Session &session)
    {
        session.restore();
        if (!waitIdle(session) || session.state() != Session::State::NeedsPassphrase)
            return false;
        session.submitPassphrase(kPassphrase);
        return waitIdle(session);
    }

    //! Moves the server's test clock past the access tokens' life: no sleeping against a
    //! timer, so a loaded machine cannot make a step land before or after the expiry.
    bool expireAccessTokens()
    {
        net::ApiClient plain;
        plain.setBaseUrl(m_server->url());
        return bool(waitTask(plain.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), kAccessTtl + 1}})));
    }

    //! The refresh token the encrypted cache holds now ("" if none, or unreadable).
    static QString cachedRefreshToken(const Session &session)
    {
        auto db = session.cache()->openConnection();
        if (!db)
            return {};
        auto stmt = (*db)->prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?1;"));
        if (!stmt)
            return {};
        stmt->bindAll(storage::kv::kRefreshToken);
        auto row = stmt->step();
        return row && *row ? stmt->text(0) : QString();
    }

    static constexpr int kAccessTtl = 60;

    std::unique_ptr<TestServer> m_server;
    SessionFixture m_fixture;
};

void SessionTokensTest::initTestCase()
{
    // Access tokens that live a minute of the server's test clock, which the steps below
    // move past it whenever they need them expired.
    m_server = std::make_unique<TestServer>(
        QStringList{QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"), QString::number(kAccessTtl)});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    QVERIFY(createAccount(*m_fixture.session, m_server->url(), uniqueHandle(QStringLiteral("tok")),
                          QStringLiteral("Tok"), kPassword, kPassphrase));
}

void SessionTokensTest::refreshedTokensArePersisted()
{
    Session &session = *m_fixture.session;
    const QString firstRefresh = session.api()->refreshToken();
    QCOMPARE(cachedRefreshToken(session), firstRefresh);
    QVERIFY(expireAccessTokens());
    QVERIFY(waitTask(session.syncEngine()->pull())); // 401, refresh, retry
    QVERIFY(session.api()->refreshToken() != firstRefresh);
    // The kv write is queued on the writer thread: wait for it, not for a while.
    QTRY_COMPARE_WITH_TIMEOUT(cachedRefreshToken(session), session.api()->refreshToken(), 10000);

    // A restart must use the new refresh token: the first one was rotated away, so if the
    // cache still held it, this pull (after the access token expired) would fail.
    m_fixture.reopen();
    QVERIFY(unlock(*m_fixture.session));
    QCOMPARE(m_fixture.session->state(), Session::State::Ready);
    QVERIFY(expireAccessTokens());
    const Status pulled = waitTask(m_fixture.session->syncEngine()->pull());
    QVERIFY2(pulled.ok(), pulled.ok() ? "" : qPrintable(pulled.error().codeName()));
    QCOMPARE(m_fixture.session->state(), Session::State::Ready);
}

void SessionTokensTest::expiredSessionSignsOutKeepingCache()
{
    Session &session = *m_fixture.session;
    const QString cachePath = session.cachePath();

    // Another party uses our refresh token first: the server rotates it, ours is dead.
    // The thief refreshes in one request and asks for nothing after it: the rotation closes
    // our socket (4401), our client then refreshes with the dead token, and the server, seeing
    // a reuse, ends the session - the thief's new tokens too. A request of the thief's made
    // after the rotation would race that (the thief lost that race once, under load).
    net::ApiClient thief;
    thief.setBaseUrl(m_server->url());
    thief.setTokens(QStringLiteral("not-a-token"), session.api()->refreshToken());
    const Status stolen = waitTask(thief.refreshTokens());
    QVERIFY2(stolen.ok(), stolen.ok() ? "" : qPrintable(stolen.error().codeName()));
    QVERIFY(thief.refreshToken() != session.api()->refreshToken());

    QVERIFY(expireAccessTokens());
    session.syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedOut, 15000);
    QCOMPARE(session.errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(!session.cache()->isOpen());
    // Nothing deleted: the cache, its passphrase parameters and the account stay.
    QVERIFY(QFile::exists(cachePath));
    QVERIFY(QFile::exists(QDir(m_fixture.config.path()).filePath(QStringLiteral("account.json"))));

    // After a restart the dead tokens are gone from the cache: sign in again.
    m_fixture.reopen();
    Session &again = *m_fixture.session;
    again.restore();
    QVERIFY(waitIdle(again));
    QCOMPARE(again.state(), Session::State::NeedsPassphrase);
    again.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(again));
    QCOMPARE(again.state(), Session::State::SignedOut);
    QCOMPARE(again.errorCode(), QStringLiteral("unauthorized"));
}

void SessionTokensTest::refusedSignUpNamesTheField()
{
    // The sign-in screen highlights the field the server refused, so Session must carry it.
    SessionFixture fresh;
    Session &session = *fresh.session;
    session.restore();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    session.createAccount(m_server->url().toString(), QStringLiteral("Not A Handle"), QStringLiteral("X"), kPassword);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    QCOMPARE(session.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(session.errorField(), QStringLiteral("handle"));

    session.createAccount(m_server->url().toString(), uniqueHandle(QStringLiteral("fld")), QStringLiteral("X"),
                          QStringLiteral("short"));
    QVERIFY(waitIdle(session));
    QCOMPARE(session.errorField(), QStringLiteral("password"));

    // A failure that names no field clears the previous one.
    session.signIn(m_server->url().toString(), uniqueHandle(QStringLiteral("nobody")), kPassword);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(session.errorField().isEmpty());
}

void SessionTokensTest::knownDeviceSignsInWhileTheHandleIsUnderAttack()
{
    // The server slows down sign-ins to a handle after a few failures (docs/api.md, "Login
    // throttle"), except from a device the user signed in on before: the app keeps the
    // server's device token across sign-outs and sends it back, so the owner gets in.
    SessionFixture owner;
    const QString handle = uniqueHandle(QStringLiteral("dev"));
    QVERIFY(createAccount(*owner.session, m_server->url(), handle, QStringLiteral("Dev"), kPassword, kPassphrase));
    QFile devices(QDir(owner.config.path()).filePath(QStringLiteral("devices.json")));
    QVERIFY(devices.open(QIODevice::ReadOnly));
    const QJsonObject kept = QJsonDocument::fromJson(devices.readAll()).object();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.begin().value().toString().size(), 43);
    QVERIFY(!kept.contains(handle)); // by a hash, not by name
    QCOMPARE(int(devices.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)), 0);

    owner.session->signOut();
    QVERIFY(waitIdle(*owner.session));
    QCOMPARE(owner.session->state(), Session::State::SignedOut);

    // Someone guesses until the handle is held; then even the right password from a
    // machine the server does not know waits.
    net::ApiClient attacker;
    attacker.setBaseUrl(m_server->url());
    bool held = false;
    for (int i = 0; i < 20 && !held; ++i) {
        auto guess = waitTask(attacker.login(handle, QStringLiteral("wrong guess %1").arg(i)));
        QVERIFY(!guess);
        held = guess.error().code == ErrorCode::RateLimited;
    }
    QVERIFY(held);
    auto stranger = waitTask(attacker.login(handle, kPassword));
    QVERIFY(!stranger);
    QCOMPARE(stranger.error().code, ErrorCode::RateLimited);

    // The owner's app signs in at once.
    owner.session->signIn(m_server->url().toString(), handle, kPassword);
    QVERIFY(waitIdle(*owner.session));
    if (owner.session->state() == Session::State::NeedsPassphrase) {
        owner.session->submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(*owner.session));
    }
    QVERIFY2(owner.session->state() == Session::State::Ready, qPrintable(owner.session->errorCode()));
}

QTEST_GUILESS_MAIN(SessionTokensTest)
#include "tst_sessiontokens.moc"
