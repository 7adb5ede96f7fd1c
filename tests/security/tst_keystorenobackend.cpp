// SPDX-License-Identifier: MIT
// KeyStore where no keychain answers (no D-Bus session): every call fails fast with
// KeychainUnavailable, and nothing falls back to a file. Runs under without-keyring.sh.

#include "secrettestutil.h"
#include "security/keystore.h"

#include <QCoroTask>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace plaza;
using namespace plaza::security;

namespace {
// Far below KeyStore's own timeout: a failure here means a backend that hung rather
// than answered "unavailable".
constexpr qint64 kQuickMs = 5000;
} // namespace

class TestKeyStoreNoBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDir::homePath().contains(u"plaza-nokeyring."),
                 "run this test under tests/security/without-keyring.sh (HOME must be its temporary one)");
        QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "a session bus is reachable");
    }

    void everyCallIsUnavailableQuickly()
    {
        KeyStore store;
        const QString account = QStringLiteral("no-backend-account");
        const QByteArray key = randomKey();
        QCOMPARE(key.size(), kCacheKeyBytes);

        QElapsedTimer timer;
        timer.start();
        const Status stored = test::waitTask(store.storeKey(account, key));
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY(!stored.error().message.isEmpty());
        QVERIFY2(timer.elapsed() < kQuickMs, qPrintable(QString::number(timer.elapsed())));

        timer.restart();
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY(!loaded.ok());
        // Not NotFound: "no keychain" must not read as "no key", or the app would make
        // a fresh key and orphan the cache.
        QCOMPARE(loaded.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(timer.elapsed() < kQuickMs, qPrintable(QString::number(timer.elapsed())));

        timer.restart();
        const Status deleted = test::waitTask(store.deleteKey(account));
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(timer.elapsed() < kQuickMs, qPrintable(QString::number(timer.elapsed())));

        // The message is for people and logs: it must never carry the key.
        for (const QByteArray &spelling : test::keySpellings(key))
            QVERIFY(!stored.error().message.toLatin1().contains(spelling));

        // setInsecureFallback(false): no QSettings file (or any other) holds the key.
        const QStringList hits = test::filesContaining(QDir::homePath(), test::keySpellings(key));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
        const QStringList files = test::allFiles(QDir::homePath());
        for (const QString &file : files)
            QVERIFY2(!file.endsWith(u".conf") && !file.endsWith(u".ini"), qPrintable(file));
    }

    void repeatedCallsStayQuick()
    {
        // QtKeychain runs jobs one at a time: a job that never finished would block
        // every later one. Ten in a row must all come back.
        KeyStore store;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 10; ++i) {
            const auto loaded = test::waitTask(store.loadKey(QStringLiteral("acct-%1").arg(i)));
            QVERIFY(!loaded.ok());
            QCOMPARE(loaded.error().code, ErrorCode::KeychainUnavailable);
        }
        QVERIFY2(timer.elapsed() < kQuickMs, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestKeyStoreNoBackend)
#include "tst_keystorenobackend.moc"
