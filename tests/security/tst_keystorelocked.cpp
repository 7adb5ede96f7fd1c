// SPDX-License-Identifier: MIT
// KeyStore against a locked keyring. Runs under "with-keyring.sh --locked": first in
// the prepare phase (keyring unlocked) to plant a key, then in the locked phase, where
// the daemon was given the wrong password and no unlock prompt can appear.

#include "secrettestutil.h"
#include "security/keystore.h"

#include <QCoroTask>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace plaza;
using namespace plaza::security;

namespace {
const QString kAccount = QStringLiteral("locked-keyring-account");
constexpr qint64 kQuickMs = 10000;

QByteArray phase()
{
    return qgetenv("PLAZA_KEYRING_PHASE");
}
} // namespace

class TestKeyStoreLocked : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDir::homePath().contains(u"plaza-keyring."),
                 "run this test under tests/security/with-keyring.sh --locked");
        QVERIFY2(phase() == "prepare" || phase() == "locked", "PLAZA_KEYRING_PHASE must be prepare or locked");
    }

    void prepare()
    {
        if (phase() != "prepare")
            QSKIP("locked phase");
        KeyStore store;
        const Status stored = test::waitTask(store.storeKey(kAccount, randomKey()));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QVERIFY(test::waitTask(store.loadKey(kAccount)).ok());
    }

    void storeOnLockedKeyringSaysLocked()
    {
        if (phase() != "locked")
            QSKIP("prepare phase");
        KeyStore store;
        QElapsedTimer timer;
        timer.start();
        const QByteArray key = randomKey();
        const Status stored = test::waitTask(store.storeKey(QStringLiteral("another-account"), key));
        QVERIFY(timer.elapsed() < kQuickMs);
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(stored.error().message.contains(u"locked"), qPrintable(stored.error().message));
        QCOMPARE(stored.error().details.value(QStringLiteral("locked")).toBool(), true);
        const QStringList hits = test::filesContaining(QDir::homePath(), test::keySpellings(key));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
    }

    void loadFromLockedKeyringIsNotNotFound()
    {
        if (phase() != "locked")
            QSKIP("prepare phase");
        // The key exists but cannot be read: answering NotFound would make the app
        // create a new key and lose the cache.
        KeyStore store;
        const auto loaded = test::waitTask(store.loadKey(kAccount));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(loaded.error().message.contains(u"locked"), qPrintable(loaded.error().message));
    }

    void deleteOnLockedKeyringIsNotSuccess()
    {
        if (phase() != "locked")
            QSKIP("prepare phase");
        // "Deleted" must mean gone: a locked item that stays must not be reported as
        // removed (the app would believe a sign-out wiped the key).
        KeyStore store;
        const Status deleted = test::waitTask(store.deleteKey(kAccount));
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(deleted.error().message.contains(u"locked"), qPrintable(deleted.error().message));
    }
};

QTEST_GUILESS_MAIN(TestKeyStoreLocked)
#include "tst_keystorelocked.moc"
