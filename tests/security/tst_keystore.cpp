// SPDX-License-Identifier: MIT
// KeyStore against a real Secret Service (gnome-keyring on a private D-Bus session).
// Runs under tests/security/with-keyring.sh, which gives it a fresh HOME.

#include "secrettestutil.h"
#include "security/keystore.h"

#include <qt6keychain/keychain.h>

#include <QCoroSignal>
#include <QCoroTask>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <cstring>

using namespace plaza;
using namespace plaza::security;

namespace {

QString newAccount()
{
    return QStringLiteral("acct-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

//! Writes \a data under \a account straight through QtKeychain, bypassing KeyStore's
//! checks, to plant an entry KeyStore did not write.
bool writeRaw(const QString &service, const QString &account, const QByteArray &data)
{
    QKeychain::WritePasswordJob job(service);
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(account);
    job.setBinaryData(data);
    job.start();
    QCoro::waitFor(qCoro(&job, &QKeychain::Job::finished));
    return job.error() == QKeychain::NoError;
}

// Child mode: a second process with nothing in memory loads the key and compares its
// hash (the key itself never goes on a command line).
int childLoad(const QString &service, const QString &account, const QByteArray &expectedSha)
{
    KeyStore store(service);
    auto key = test::waitTask(store.loadKey(account));
    if (!key)
        return key.error().code == ErrorCode::NotFound ? 3 : 4;
    return sha256Hex(*key) == expectedSha ? 0 : 5;
}

} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Never touch the developer's own keyring: only run inside the wrapper.
        QVERIFY2(QDir::homePath().contains(u"plaza-keyring."),
                 "run this test under tests/security/with-keyring.sh (HOME must be its temporary one)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "no private session bus");
    }

    void randomKeyIsFreshAndFullLength()
    {
        const QByteArray a = randomKey();
        const QByteArray b = randomKey();
        QCOMPARE(a.size(), kCacheKeyBytes);
        QCOMPARE(b.size(), kCacheKeyBytes);
        QVERIFY(a != b);
        QVERIFY(a != QByteArray(kCacheKeyBytes, '\0'));
    }

    void storeThenLoadGivesSameBytes()
    {
        KeyStore store;
        QCOMPARE(store.service(), QStringLiteral("Plaza"));
        const QString account = newAccount();
        const QByteArray key = randomKey();
        const Status stored = test::waitTask(store.storeKey(account, key));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded->size(), kCacheKeyBytes);
        QCOMPARE(*loaded, key);
    }

    void storeReplacesPreviousKey()
    {
        KeyStore store;
        const QString account = newAccount();
        QVERIFY(test::waitTask(store.storeKey(account, randomKey())).ok());
        const QByteArray second = randomKey();
        QVERIFY(test::waitTask(store.storeKey(account, second)).ok());
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY(loaded.ok());
        QCOMPARE(*loaded, second);
    }

    void unknownAccountIsNotFound()
    {
        KeyStore store;
        const auto loaded = test::waitTask(store.loadKey(newAccount()));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
    }

    void servicesAreSeparate()
    {
        const QString account = newAccount();
        KeyStore plaza;
        KeyStore other(QStringLiteral("PlazaOtherService"));
        QCOMPARE(other.service(), QStringLiteral("PlazaOtherService"));
        const QByteArray key = randomKey();
        QVERIFY(test::waitTask(other.storeKey(account, key)).ok());
        const auto fromPlaza = test::waitTask(plaza.loadKey(account));
        QVERIFY(!fromPlaza.ok());
        QCOMPARE(fromPlaza.error().code, ErrorCode::NotFound);
        const auto fromOther = test::waitTask(other.loadKey(account));
        QVERIFY(fromOther.ok());
        QCOMPARE(*fromOther, key);
    }

    void deleteThenNotFound()
    {
        KeyStore store;
        const QString account = newAccount();
        QVERIFY(test::waitTask(store.storeKey(account, randomKey())).ok());
        const Status deleted = test::waitTask(store.deleteKey(account));
        QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().message));
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
    }

    void deleteOfMissingKeySucceeds()
    {
        KeyStore store;
        const Status deleted = test::waitTask(store.deleteKey(newAccount()));
        QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().message));
    }

    void wrongLengthKeyIsNotStored()
    {
        KeyStore store;
        const QString account = newAccount();
        for (int size : {0, 16, kCacheKeyBytes - 1, kCacheKeyBytes + 1, 64}) {
            const Status st = test::waitTask(store.storeKey(account, QByteArray(size, 'k')));
            QVERIFY(!st.ok());
            QCOMPARE(st.error().code, ErrorCode::ValidationFailed);
        }
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
    }

    void emptyAccountIsRefused()
    {
        KeyStore store;
        QCOMPARE(test::waitTask(store.storeKey(QString(), randomKey())).error().code, ErrorCode::ValidationFailed);
        QCOMPARE(test::waitTask(store.loadKey(QString())).error().code, ErrorCode::ValidationFailed);
        QCOMPARE(test::waitTask(store.deleteKey(QString())).error().code, ErrorCode::ValidationFailed);
    }

    void malformedEntryIsRefusedNotTruncated_data()
    {
        QTest::addColumn<QByteArray>("planted");
        QTest::newRow("short") << QByteArray(16, 'a');
        QTest::newRow("one short") << QByteArray(kCacheKeyBytes - 1, 'b');
        QTest::newRow("long") << QByteArray(kCacheKeyBytes + 1, 'c');
        QTest::newRow("double") << QByteArray(2 * kCacheKeyBytes, 'd');
    }

    void malformedEntryIsRefusedNotTruncated()
    {
        QFETCH(QByteArray, planted);
        const QString account = newAccount();
        QVERIFY(writeRaw(QStringLiteral("Plaza"), account, planted));
        KeyStore store;
        const auto loaded = test::waitTask(store.loadKey(account));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::CacheLocked);
        QVERIFY(!loaded.error().message.contains(QString::fromLatin1(planted)));
    }

    void secondProcessLoadsTheKey()
    {
        KeyStore store;
        const QString account = newAccount();
        const QByteArray key = randomKey();
        QVERIFY(test::waitTask(store.storeKey(account, key)).ok());

        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-load"), store.service(), account, QString::fromLatin1(sha256Hex(key))});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);

        // And the child really tells a missing key apart (the check above can fail).
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-load"), store.service(), newAccount(), QString::fromLatin1(sha256Hex(key))});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitCode(), 3);
    }

    void secretServiceHoldsTheItem()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        QVERIFY2(!tool.isEmpty(), "secret-tool (libsecret-tools) is missing: scripts/deps.sh --test");
        KeyStore store;
        const QString account = newAccount();
        const QByteArray key = randomKey();
        QVERIFY(test::waitTask(store.storeKey(account, key)).ok());

        // QtKeychain's libsecret schema: user = our account, server = our service,
        // binary data stored base64 with type = base64.
        QProcess search;
        search.start(tool, {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                            store.service(), QStringLiteral("user"), account});
        QVERIFY(search.waitForFinished(10000));
        QCOMPARE(search.exitCode(), 0);
        const QByteArray out = search.readAllStandardOutput() + search.readAllStandardError();
        QVERIFY(out.contains(QByteArray("attribute.user = " + account.toUtf8())));
        QVERIFY(out.contains("attribute.server = Plaza"));
        QVERIFY(out.contains("attribute.type = base64"));
        QVERIFY(out.contains(QByteArray("secret = " + key.toBase64() + '\n')));

        QVERIFY(test::waitTask(store.deleteKey(account)).ok());
        search.start(tool, {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("user"), account});
        QVERIFY(search.waitForFinished(10000));
        QVERIFY(!search.readAll().contains(account.toUtf8()));
    }

    void keyIsInNoFileUnderHome()
    {
        KeyStore store;
        const QString account = newAccount();
        const QByteArray key = randomKey();
        QVERIFY(test::waitTask(store.storeKey(account, key)).ok());
        QVERIFY(test::waitTask(store.loadKey(account)).ok());

        // gnome-keyring writes its (encrypted) keyring file on every change: it must be
        // among the files walked, or this test would prove nothing.
        const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        const QString keyringFile = dataHome + QStringLiteral("/keyrings/login.keyring");
        QVERIFY2(QFileInfo(keyringFile).size() > 0, qPrintable(keyringFile));
        const QStringList files = test::allFiles(QDir::homePath());
        QVERIFY(files.contains(keyringFile));

        const QStringList hits = test::filesContaining(QDir::homePath(), test::keySpellings(key));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));

        // The scan itself can fail: a key written anywhere under HOME, in any spelling,
        // is found.
        const QByteArray probeKey = randomKey();
        const QString probe = QDir::homePath() + QStringLiteral("/.cache/deep/er/probe.bin");
        QVERIFY(QDir().mkpath(QFileInfo(probe).path()));
        for (const QByteArray &spelling : test::keySpellings(probeKey)) {
            QFile file(probe);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("prefix " + spelling + " suffix");
            file.close();
            QCOMPARE(test::filesContaining(QDir::homePath(), test::keySpellings(probeKey)), QStringList{probe});
        }
        QVERIFY(QFile::remove(probe));

        // The account id is a label, not a secret; the keyring file is encrypted, so even
        // that must not be in it in clear (proves the walk reads the file's real bytes).
        QFile keyring(keyringFile);
        QVERIFY(keyring.open(QIODevice::ReadOnly));
        const QByteArray bytes = keyring.readAll();
        QVERIFY(bytes.startsWith("GnomeKeyring\n\r"));
        QVERIFY(!bytes.contains(account.toUtf8()));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args.at(1) == u"--child-load")
        return childLoad(args.at(2), args.at(3), args.at(4).toLatin1());
    TestKeyStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keystore.moc"
