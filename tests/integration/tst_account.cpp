// SPDX-License-Identifier: MIT
// The account through the real client against the real server (docs/api.md "Account"):
// changing the password signs the other device out; deleting the account signs out and
// keeps this device's copy until asked; a new sign-in elsewhere is announced and refreshes
// the sessions list; an empty or cut-short cache is a recovery case (nothing deleted);
// plaza-cli password, account delete, and its message for a damaged cache.
#include "integrationutil.h"

#include "common/testserver.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "storage/cacheschema.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("account password 1");
const QString kNewPassword = QStringLiteral("account password 2");
const QString kPassphrase = QStringLiteral("account passphrase 1");

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_PASSPHRASE"), kPassphrase);
    return env;
}

bool signIn(Session &session, const QUrl &server, const QString &handle, const QString &password = kPassword)
{
    session.signIn(server.toString(), handle, password);
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

//! The one answer \a spy caught.
QVariantMap answer(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QVariantMap() : spy.constFirst().constFirst().toMap();
}

} // namespace

class AccountTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passwordChangeSignsTheOtherDeviceOut();
    void newSignInIsAnnouncedAndRefreshesTheList();
    void deletionKeepsTheLocalCopyUntilAsked();
    void emptyCacheIsARecoveryCase();
    void cutShortCacheIsARecoveryCase();
    void damageFoundAfterAnUncleanShutdownIsARecoveryCase();
    void cliChangesThePasswordAndDeletesTheAccount();
    void cliNamesTheDamagedCache();

private:
    CliRun cli(const QStringList &args, const QString &dataDir, const QString &configDir, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(), dataDir, configDir);
    }
    //! A signed-in fixture whose cache was then closed (an app that quit); its cache path.
    QString closedCache(SessionFixture &fixture, const QString &prefix);

    std::unique_ptr<TestServer> m_server;
};

void AccountTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void AccountTest::passwordChangeSignsTheOtherDeviceOut()
{
    SessionFixture first;
    SessionFixture second;
    const QString handle = uniqueHandle(QStringLiteral("pwapp"));
    QVERIFY(createAccount(*first.session, m_server->url(), handle, QStringLiteral("Pw App"), kPassword, kPassphrase));
    QVERIFY(signIn(*second.session, m_server->url(), handle));

    // A wrong current password: refused with its reason, nothing changes.
    QSignalSpy finished(first.session.get(), &Session::passwordChangeFinished);
    first.session->changePassword(QStringLiteral("not the password"), kNewPassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(answer(finished).value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(answer(finished).value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_password"));
    QCOMPARE(answer(finished).value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(first.session->state(), Session::State::Ready);
    // A too short new one: named by its field.
    finished.clear();
    first.session->changePassword(kPassword, QStringLiteral("short"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(answer(finished).value(QStringLiteral("field")).toString(), QStringLiteral("new_password"));
    QVERIFY(waitTask(second.session->api()->get(QStringLiteral("/v1/me"))).ok());

    finished.clear();
    first.session->changePassword(kPassword, kNewPassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(answer(finished).value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(answer(finished).value(QStringLiteral("ended")).toLongLong(), 1);

    // The other device is signed out (its socket closed, its tokens refused), this one stays.
    QTRY_COMPARE_WITH_TIMEOUT(second.session->state(), Session::State::SignedOut, 15000);
    QCOMPARE(first.session->state(), Session::State::Ready);
    QVERIFY(waitTask(first.session->api()->get(QStringLiteral("/v1/me"))).ok());
    // Only the new password signs in.
    SessionFixture third;
    QVERIFY(!signIn(*third.session, m_server->url(), handle, kPassword));
    QCOMPARE(third.session->errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(signIn(*third.session, m_server->url(), handle, kNewPassword));
}

void AccountTest::newSignInIsAnnouncedAndRefreshesTheList()
{
    SessionFixture first;
    const QString handle = uniqueHandle(QStringLiteral("notice"));
    QVERIFY(createAccount(*first.session, m_server->url(), handle, QStringLiteral("Notice"), kPassword, kPassphrase));
    QTRY_VERIFY_WITH_TIMEOUT(first.session->online(), 15000);
    first.session->loadDeviceSessions();
    QTRY_COMPARE_WITH_TIMEOUT(first.session->deviceSessionsStatus(), QStringLiteral("ready"), 15000);
    QCOMPARE(first.session->deviceSessions().size(), 1);

    QSignalSpy announced(first.session.get(), &Session::newSignIn);
    SessionFixture second;
    QVERIFY(signIn(*second.session, m_server->url(), handle));
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 1, 10000);
    QCOMPARE(announced.constFirst().at(0).toString(), QSysInfo::machineHostName().simplified().left(64));
    QCOMPARE(announced.constFirst().at(1).toString(), QSysInfo::prettyProductName().simplified().left(64));
    QCOMPARE(announced.constFirst().at(2).toString(), QStringLiteral("127.0.x.x"));
    // The list that was loaded reads again by itself.
    QTRY_COMPARE_WITH_TIMEOUT(first.session->deviceSessions().size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(first.session->deviceSessionsStatus(), QStringLiteral("ready"), 10000);
    // The device that signed in is not told about itself.
    QSignalSpy self(second.session.get(), &Session::newSignIn);
    QVERIFY(second.session->live() != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(second.session->online(), 15000);
    QVERIFY(self.isEmpty());
}

void AccountTest::deletionKeepsTheLocalCopyUntilAsked()
{
    SessionFixture device;
    SessionFixture other;
    const QString handle = uniqueHandle(QStringLiteral("gone"));
    QVERIFY(createAccount(*device.session, m_server->url(), handle, QStringLiteral("Gone Soon"), kPassword, kPassphrase));
    QVERIFY(signIn(*other.session, m_server->url(), handle));
    const QString cachePath = device.session->cachePath();

    // Money in the wallet: refused, with the reason the app shows.
    net::RequestOptions withKey;
    withKey.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject topUp{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 700}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                            {QStringLiteral("card_token"), QStringLiteral("tok_visa")}};
    QVERIFY(waitTask(device.session->api()->post(QStringLiteral("/v1/wallet/top-ups"), topUp, withKey)).ok());
    QSignalSpy finished(device.session.get(), &Session::accountDeletionFinished);
    device.session->deleteAccount(kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(answer(finished).value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(answer(finished).value(QStringLiteral("reason")).toString(), QStringLiteral("balance_not_zero"));
    QCOMPARE(device.session->state(), Session::State::Ready);

    // Emptied (a transfer to someone else), then deleted.
    auto payee = registerUser(m_server->url(), QStringLiteral("payee"), kPassword);
    QVERIFY(payee);
    net::RequestOptions transferKey;
    transferKey.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject transfer{{QStringLiteral("to"), payee->id},
                               {QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 700}, {QStringLiteral("currency"), QStringLiteral("EUR")}}}};
    QVERIFY(waitTask(device.session->api()->post(QStringLiteral("/v1/transfers"), transfer, transferKey)).ok());
    finished.clear();
    device.session->deleteAccount(kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QVERIFY2(answer(finished).value(QStringLiteral("ok")).toBool(), qPrintable(answer(finished).value(QStringLiteral("message")).toString()));

    // Signed out here and on the other device; the copy on this device is still there.
    QCOMPARE(device.session->state(), Session::State::SignedOut);
    QVERIFY(device.session->userId().isEmpty());
    QVERIFY(device.session->hasLeftoverCache());
    QVERIFY(QFile::exists(cachePath));
    QVERIFY(!QFile::exists(QDir(device.config.path()).filePath(QStringLiteral("account.json"))));
    QTRY_COMPARE_WITH_TIMEOUT(other.session->state(), Session::State::SignedOut, 15000);
    // The payee's history still reads, the counterparty anonymised.
    auto history = waitTask(payee->api->get(QStringLiteral("/v1/wallet/transactions")));
    QVERIFY(history.ok());
    const QJsonObject received = history->body.value(QStringLiteral("items")).toArray().at(0).toObject();
    QCOMPARE(received.value(QStringLiteral("counterparty")).toObject().value(QStringLiteral("display_name")).toString(),
             QStringLiteral("Deleted account"));
    QCOMPARE(received.value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), 700);
    // It cannot sign in again.
    SessionFixture again;
    QVERIFY(!signIn(*again.session, m_server->url(), handle));

    // Deleted only when asked.
    QSignalSpy leftover(device.session.get(), &Session::leftoverCacheChanged);
    device.session->deleteLeftoverCache();
    QTRY_VERIFY_WITH_TIMEOUT(!device.session->hasLeftoverCache(), 10000);
    for (const QString &file : storage::cacheFiles(cachePath))
        QVERIFY2(!QFile::exists(file), qPrintable(file));
}

QString AccountTest::closedCache(SessionFixture &fixture, const QString &prefix)
{
    if (!createAccount(*fixture.session, m_server->url(), uniqueHandle(prefix), prefix, kPassword, kPassphrase))
        return {};
    const QString path = fixture.session->cachePath();
    fixture.reopen(); // closes it, checkpointing the WAL into the file
    return path;
}

void AccountTest::emptyCacheIsARecoveryCase()
{
    SessionFixture fixture;
    const QString path = closedCache(fixture, QStringLiteral("emptied"));
    QVERIFY(!path.isEmpty());
    for (const QString &file : storage::cacheFiles(path)) {
        QFile f(file);
        if (f.exists())
            QVERIFY(f.resize(0));
    }

    Session &session = *fixture.session;
    session.restore();
    QVERIFY(waitIdle(session));
    // Not a fresh cache and "sign in again": the recovery screen, with the file named.
    QCOMPARE(session.state(), Session::State::CacheLocked);
    QVERIFY(session.cacheDamaged());
    QCOMPARE(session.errorCode(), QStringLiteral("cache_locked"));
    QVERIFY2(session.errorMessage().contains(path), qPrintable(session.errorMessage()));
    QVERIFY2(session.errorMessage().contains(QStringLiteral("empty")), qPrintable(session.errorMessage()));
    QCOMPARE(QFileInfo(path).size(), 0);
    // The same after a restart: nothing was written into it.
    fixture.reopen();
    fixture.session->restore();
    QVERIFY(waitIdle(*fixture.session));
    QCOMPARE(fixture.session->state(), Session::State::CacheLocked);
    QCOMPARE(QFileInfo(path).size(), 0);
}

void AccountTest::cutShortCacheIsARecoveryCase()
{
    SessionFixture fixture;
    const QString path = closedCache(fixture, QStringLiteral("cutshort"));
    QVERIFY(!path.isEmpty());
    const qint64 size = QFileInfo(path).size();
    QVERIFY2(size > 8192, qPrintable(QString::number(size)));
    {
        QFile f(path);
        QVERIFY(f.resize(size / 2));
    }
    const QByteArray before = digest(path);

    Session &session = *fixture.session;
    session.restore();
    QVERIFY(waitIdle(session));
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(session));
    }
    QCOMPARE(session.state(), Session::State::CacheLocked);
    QVERIFY(session.cacheDamaged());
    // A sentence, not SQLite's text.
    QVERIFY2(!session.errorMessage().contains(QStringLiteral("malformed")), qPrintable(session.errorMessage()));
    QVERIFY2(session.errorMessage().contains(QStringLiteral("cut short or corrupted")), qPrintable(session.errorMessage()));
    QCOMPARE(digest(path), before);

    // "Sign in again": the damaged file moves aside, byte for byte; nothing is deleted.
    session.resetCache();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    const QString kept = session.keptCachePath();
    QVERIFY2(kept.startsWith(path + QStringLiteral(".damaged-")), qPrintable(kept));
    QCOMPARE(digest(kept), before);
    QVERIFY(!QFile::exists(path));
}

void AccountTest::cliChangesThePasswordAndDeletesTheAccount()
{
    QTemporaryDir data;
    QTemporaryDir config;
    const QString handle = uniqueHandle(QStringLiteral("clipw"));
    CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"),
                      handle, QStringLiteral("--password-stdin")},
                     data.path(), config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    SessionFixture other;
    QVERIFY(signIn(*other.session, m_server->url(), handle));

    run = cli({QStringLiteral("password"), QStringLiteral("--password-stdin")}, data.path(), config.path(),
              "wrong password\n" + kNewPassword.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("password is wrong")), qPrintable(run.err));
    run = cli({QStringLiteral("password"), QStringLiteral("--password-stdin")}, data.path(), config.path(),
              kPassword.toUtf8() + "\nshort\n");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("8 to 128")), qPrintable(run.err));
    run = cli({QStringLiteral("password"), QStringLiteral("--password-stdin")}, data.path(), config.path(),
              kPassword.toUtf8() + '\n' + kNewPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("1 other session signed out")), qPrintable(run.out));
    QTRY_COMPARE_WITH_TIMEOUT(other.session->state(), Session::State::SignedOut, 15000);

    run = cli({QStringLiteral("account"), QStringLiteral("remove")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("--password-stdin")}, data.path(), config.path(),
              kPassword.toUtf8() + '\n'); // the old one
    QCOMPARE(run.exitCode, 1);
    run = cli({QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("--password-stdin")}, data.path(), config.path(),
              kNewPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("deleted")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("is kept in")), qPrintable(run.out));
    run = cli({QStringLiteral("whoami")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 3);
}

void AccountTest::damageFoundAfterAnUncleanShutdownIsARecoveryCase()
{
    // The whole cache is read at start only after an unclean shutdown (issue 15). A session
    // closed cleanly leaves the marker; a crash leaves none (removed at open). A page damaged
    // in the middle is then found at start and takes the recovery path: nothing deleted.
    SessionFixture fixture;
    const QString path = closedCache(fixture, QStringLiteral("unclean"));
    QVERIFY(!path.isEmpty());
    const QString marker = storage::Database::closedCleanlyMarker(path);
    QVERIFY2(QFile::exists(marker), "a cleanly closed session left no marker");
    QByteArray bytes;
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        bytes = f.readAll();
        QVERIFY2(bytes.size() > 8 * 4096, qPrintable(QString::number(bytes.size())));
        const qsizetype page = (bytes.size() / 4096 / 2) * 4096;
        for (qsizetype i = page; i < page + 4096; ++i)
            bytes[i] = char(i * 13);
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    QVERIFY(QFile::remove(marker)); // as a crash leaves it
    const QByteArray before = digest(path);

    Session &session = *fixture.session;
    session.restore();
    QVERIFY(waitIdle(session));
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(session));
    }
    QCOMPARE(session.state(), Session::State::CacheLocked);
    QVERIFY(session.cacheDamaged());
    QVERIFY2(session.errorMessage().contains(QStringLiteral("cut short or corrupted")), qPrintable(session.errorMessage()));
    QCOMPARE(digest(path), before);
    QVERIFY(!QFile::exists(marker));

    // "Sign in again": moved aside byte for byte, the marker too if there were one.
    session.resetCache();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    QCOMPARE(digest(session.keptCachePath()), before);
    for (const QString &file : storage::cacheFiles(path))
        QVERIFY2(!QFile::exists(file), qPrintable(file));
}

void AccountTest::cliNamesTheDamagedCache()
{
    QTemporaryDir data;
    QTemporaryDir config;
    CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"),
                      uniqueHandle(QStringLiteral("clidmg")), QStringLiteral("--password-stdin")},
                     data.path(), config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QString cachePath;
    for (const QFileInfo &dir : QDir(data.path()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        cachePath = QDir(dir.filePath()).filePath(QStringLiteral("cache.db"));
    QVERIFY(QFile::exists(cachePath));
    for (const QString &file : storage::cacheFiles(cachePath)) {
        QFile f(file);
        if (f.exists())
            QVERIFY(f.resize(0));
    }

    run = cli({QStringLiteral("whoami")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(cachePath), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("plaza-cli logout")), qPrintable(run.err));
    QCOMPARE(QFileInfo(cachePath).size(), 0);

    // logout moves it aside, deleting nothing.
    run = cli({QStringLiteral("logout")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!QFile::exists(cachePath));
    const QStringList kept = QFileInfo(cachePath).dir().entryList({QStringLiteral("cache.db.damaged-*")});
    QCOMPARE(kept.size(), 1);
}

QTEST_GUILESS_MAIN(AccountTest)
#include "tst_account.moc"
