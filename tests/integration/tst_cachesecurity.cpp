// SPDX-License-Identifier: MIT
// What the encrypted cache leaks: nothing readable in the db, -wal or -shm after a real
// sync; a wrong key is refused without touching the file; and a whole session's log
// output never contains a token.
#include "common/cachekey.h"
#include "integrationutil.h"

#include "common/testserver.h"
#include "net/apiclient.h"
#include "security/keystore.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("a long password 9");
const QString kPassphrase = QStringLiteral("cache passphrase 42");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(QString::fromUtf8(context.category ? context.category : "") + u' ' + message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

QByteArray digest(const QString &path)
{
    return QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
}

} // namespace

class CacheSecurityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cacheFilesHoldNoPlainText();
    void wrongKeyLeavesFileUntouched();
    void logHasNoTokens();

private:
    std::unique_ptr<TestServer> m_server;
    SessionFixture m_fixture;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QString m_displayName;
    QString m_cachePath;
    QSet<QString> m_tokens;
};

void CacheSecurityTest::initTestCase()
{
    // Everything the core may say, at every level, goes through the capture.
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*=true"));
    g_previous = qInstallMessageHandler(captureMessage);

    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("zebrafriend"), kPassword);
    QVERIFY(m_friend);
}

void CacheSecurityTest::cacheFilesHoldNoPlainText()
{
    Session &session = *m_fixture.session;
    QObject::connect(session.api(), &net::ApiClient::tokensChanged, this,
                     [this](const QString &access, const QString &refresh) { m_tokens << access << refresh; });
    m_handle = uniqueHandle(QStringLiteral("quokka"));
    m_displayName = QStringLiteral("Quentin Quokkasecret");
    QVERIFY(createAccount(session, m_server->url(), m_handle, m_displayName, kPassword, kPassphrase));
    m_tokens << session.api()->accessToken() << session.api()->refreshToken();
    m_cachePath = session.cachePath();

    // Synced rows with recognisable text: the friend's profile, a titled conversation.
    QVERIFY(follow(*m_friend, session.userId()));
    QVERIFY(createConversation(*m_friend, {session.userId()}, QStringLiteral("Walrusplans")));
    auto latest = latestSeq(*session.api());
    QVERIFY(latest);
    QVERIFY(waitCursor(session, *latest));
    auto users = countRows(m_cachePath, testCacheKey(session), QStringLiteral("users"));
    QVERIFY(users && *users >= 2);

    const QStringList secrets{m_handle, m_displayName, m_friend->handle, m_friend->displayName,
                              QStringLiteral("Walrusplans"), session.api()->accessToken(),
                              session.api()->refreshToken()};
    auto check = [&](const QString &when) {
        const QByteArray db = readAll(m_cachePath);
        QVERIFY2(!db.isEmpty(), qPrintable(when));
        QVERIFY2(!db.startsWith("SQLite format 3"), qPrintable(when));
        for (const QString &file : storage::cacheFiles(m_cachePath)) {
            const QByteArray bytes = readAll(file);
            for (const QString &secret : secrets) {
                QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(when + u' ' + file));
                QVERIFY2(!bytes.contains(QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2)),
                         qPrintable(when + u' ' + file + QStringLiteral(" (UTF-16)")));
            }
        }
    };
    check(QStringLiteral("while open"));
    QVERIFY(QFile::exists(m_cachePath + QStringLiteral("-wal")));

    // Closed (an app restart): the WAL is checkpointed into the main file.
    m_fixture.reopen();
    check(QStringLiteral("after close"));
}

void CacheSecurityTest::wrongKeyLeavesFileUntouched()
{
    QVERIFY(!m_cachePath.isEmpty());
    const QByteArray before = digest(m_cachePath);
    const QByteArray walBefore = digest(m_cachePath + QStringLiteral("-wal"));

    auto wrong = storage::openCache(m_cachePath, security::randomKey());
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::CacheLocked);
    QCOMPARE(digest(m_cachePath), before);
    QCOMPARE(digest(m_cachePath + QStringLiteral("-wal")), walBefore);

    // Not a database at all (garbage where the cache should be) is refused the same way.
    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("cache.db"));
    {
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, '\x42'));
    }
    const QByteArray garbageBefore = digest(garbage);
    auto notDb = storage::openCache(garbage, security::randomKey());
    QVERIFY(!notDb);
    QCOMPARE(notDb.error().code, ErrorCode::CacheLocked);
    QCOMPARE(digest(garbage), garbageBefore);

    // Through the Session: a keychain-keyed account whose key cannot be had, or a cache
    // that will not open, ends in CacheLocked and nothing is deleted.
    Session &session = *m_fixture.session;
    session.restore();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::NeedsPassphrase);
    session.submitPassphrase(QStringLiteral("definitely wrong"));
    QVERIFY(waitIdle(session));
    QCOMPARE(session.errorCode(), QStringLiteral("cache_locked"));
    QCOMPARE(digest(m_cachePath), before);
    QVERIFY(QFile::exists(m_cachePath));
}

void CacheSecurityTest::logHasNoTokens()
{
    // Finish the session's life: unlock, sync, sign out (logout on the server).
    Session &session = *m_fixture.session;
    QObject::connect(session.api(), &net::ApiClient::tokensChanged, this,
                     [this](const QString &access, const QString &refresh) { m_tokens << access << refresh; });
    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    m_tokens << session.api()->accessToken() << session.api()->refreshToken();
    QVERIFY(waitTask(session.syncEngine()->pull()));
    session.signOut();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::SignedOut);
    for (const QString &file : storage::cacheFiles(m_cachePath))
        QVERIFY2(!QFile::exists(file), qPrintable(file));
    QVERIFY(!QFile::exists(QFileInfo(m_cachePath).dir().filePath(QStringLiteral("passphrase.json"))));

    qInstallMessageHandler(g_previous);
    QMutexLocker lock(&g_logMutex);
    QVERIFY(g_log.size() > 10); // the capture really saw the session
    m_tokens.remove(QString());
    QVERIFY(m_tokens.size() >= 2);
    const QString all = g_log.join(u'\n');
    for (const QString &token : std::as_const(m_tokens))
        QVERIFY2(!all.contains(token), "a token appeared in the log");
    for (const QString &secret : {kPassword, kPassphrase})
        QVERIFY2(!all.contains(secret), "a password appeared in the log");
}

QTEST_GUILESS_MAIN(CacheSecurityTest)
#include "tst_cachesecurity.moc"
