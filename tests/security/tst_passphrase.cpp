// SPDX-License-Identifier: MIT
// The passphrase path: Argon2id key derivation and its parameters file.

#include "security/keystore.h"

#include <sodium.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace plaza;
using namespace plaza::security;

namespace {

//! Cheap but valid parameters, so most tests do not pay for MODERATE.
PassphraseParams cheapParams(char saltByte = 's')
{
    PassphraseParams params;
    params.salt = QByteArray(int(crypto_pwhash_SALTBYTES), saltByte);
    params.opsLimit = crypto_pwhash_OPSLIMIT_MIN;
    params.memLimit = crypto_pwhash_MEMLIMIT_MIN;
    return params;
}

QByteArray derive(const QString &passphrase, const PassphraseParams &params)
{
    auto key = deriveKey(passphrase, params);
    if (!key) {
        qWarning() << "deriveKey failed:" << key.error().message;
        return {};
    }
    return *key;
}

//! The PHC string libsodium's own verifier parses ("$argon2id$v=19$m=…,t=…,p=1$salt$hash").
QByteArray phcString(const PassphraseParams &params, const QByteArray &hash)
{
    const auto b64 = [](const QByteArray &bytes) {
        return bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
    };
    return "$argon2id$v=19$m=" + QByteArray::number(params.memLimit / 1024) + ",t="
        + QByteArray::number(params.opsLimit) + ",p=1$" + b64(params.salt) + '$' + b64(hash);
}

QByteArray jsonWith(const char *key, const QJsonValue &value, const char *drop = nullptr)
{
    PassphraseParams params = cheapParams();
    QJsonObject object = QJsonDocument::fromJson(params.toJson()).object();
    if (key)
        object.insert(QLatin1String(key), value);
    if (drop)
        object.remove(QLatin1String(drop));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestPassphrase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateGivesFreshSaltAndModerateLimits()
    {
        const PassphraseParams a = PassphraseParams::generate();
        const PassphraseParams b = PassphraseParams::generate();
        QCOMPARE(a.salt.size(), int(crypto_pwhash_SALTBYTES));
        QVERIFY(a.salt != b.salt);
        QVERIFY(a.opsLimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
        QVERIFY(a.memLimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);
        QCOMPARE(a.opsLimit, quint64(crypto_pwhash_OPSLIMIT_MODERATE));
        QCOMPARE(a.memLimit, quint64(crypto_pwhash_MEMLIMIT_MODERATE));
    }

    void generatedParamsDeriveInReasonableTime()
    {
        const PassphraseParams params = PassphraseParams::generate();
        QElapsedTimer timer;
        timer.start();
        const auto key = deriveKey(QStringLiteral("correct horse battery staple"), params);
        const qint64 ms = timer.elapsed();
        QVERIFY(key.ok());
        QCOMPARE(key->size(), kCacheKeyBytes);
        qInfo("Argon2id with generate()'s limits (ops %llu, mem %llu MiB): %lld ms", params.opsLimit,
              params.memLimit / (1024 * 1024), ms);
        // ~0.4 s measured; the bound leaves room for four other builds on two cores.
        QVERIFY2(ms < 4000, qPrintable(QString::number(ms)));
    }

    void isArgon2id13WithTheGivenParams()
    {
        // libsodium's verifier re-derives from the PHC string, which names the algorithm
        // (argon2id, v=19 = 0x13), the cost and the salt: it only accepts our key if
        // deriveKey really used exactly those.
        PassphraseParams params = cheapParams('q');
        params.opsLimit = 2;
        params.memLimit = 16 * 1024 * 1024;
        const QString passphrase = QStringLiteral("sel de Guérande");
        const QByteArray key = derive(passphrase, params);
        QCOMPARE(key.size(), kCacheKeyBytes);
        const QByteArray utf8 = passphrase.toUtf8();
        const QByteArray phc = phcString(params, key);
        QCOMPARE(crypto_pwhash_str_verify(phc.constData(), utf8.constData(), size_t(utf8.size())), 0);
        const QByteArray argon2i = QByteArray(phc).replace("$argon2id$", "$argon2i$");
        QVERIFY(crypto_pwhash_str_verify(argon2i.constData(), utf8.constData(), size_t(utf8.size())) != 0);
    }

    void deterministicForSamePassphraseAndParams()
    {
        const PassphraseParams params = cheapParams();
        const QByteArray a = derive(QStringLiteral("open sesame"), params);
        const QByteArray b = derive(QStringLiteral("open sesame"), params);
        QCOMPARE(a.size(), kCacheKeyBytes);
        QCOMPARE(a, b);
    }

    void differsForWrongPassphraseSaltOrCost()
    {
        const PassphraseParams params = cheapParams();
        const QByteArray key = derive(QStringLiteral("open sesame"), params);
        QCOMPARE(key.size(), kCacheKeyBytes);
        QVERIFY(derive(QStringLiteral("open sesame!"), params) != key);
        QVERIFY(derive(QStringLiteral("Open sesame"), params) != key);
        QVERIFY(derive(QStringLiteral("open sesame"), cheapParams('t')) != key);
        PassphraseParams moreOps = params;
        moreOps.opsLimit += 1;
        QVERIFY(derive(QStringLiteral("open sesame"), moreOps) != key);
        PassphraseParams moreMem = params;
        moreMem.memLimit *= 2;
        QVERIFY(derive(QStringLiteral("open sesame"), moreMem) != key);
    }

    void unicodeIsNormalized()
    {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are the same passphrase.
        const PassphraseParams params = cheapParams();
        const QString composed = QStringLiteral("caf\u00e9");
        const QString decomposed = QStringLiteral("cafe\u0301");
        QVERIFY(composed != decomposed);
        QCOMPARE(derive(composed, params), derive(decomposed, params));
    }

    void emptyPassphraseRefused()
    {
        const auto key = deriveKey(QString(), cheapParams());
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::ValidationFailed);
        QVERIFY(!deriveKey(QStringLiteral(""), cheapParams()).ok());
    }

    void invalidParamsRefused_data()
    {
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<quint64>("ops");
        QTest::addColumn<quint64>("mem");
        const QByteArray salt(int(crypto_pwhash_SALTBYTES), 's');
        const quint64 ops = crypto_pwhash_OPSLIMIT_MIN;
        const quint64 mem = crypto_pwhash_MEMLIMIT_MIN;
        QTest::newRow("no salt") << QByteArray() << ops << mem;
        QTest::newRow("short salt") << salt.left(salt.size() - 1) << ops << mem;
        QTest::newRow("long salt") << salt + 's' << ops << mem;
        QTest::newRow("zero ops") << salt << quint64(0) << mem;
        QTest::newRow("zero mem") << salt << ops << quint64(0);
        QTest::newRow("mem below min") << salt << ops << quint64(crypto_pwhash_MEMLIMIT_MIN - 1);
        QTest::newRow("default-constructed") << QByteArray() << quint64(0) << quint64(0);
    }

    void invalidParamsRefused()
    {
        QFETCH(QByteArray, salt);
        QFETCH(quint64, ops);
        QFETCH(quint64, mem);
        PassphraseParams params;
        params.salt = salt;
        params.opsLimit = ops;
        params.memLimit = mem;
        const auto key = deriveKey(QStringLiteral("passphrase"), params);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::ValidationFailed);
    }

    void jsonRoundTrip()
    {
        const PassphraseParams params = PassphraseParams::generate();
        const QByteArray json = params.toJson();
        // None of it is secret, but it must name the KDF so a later format can differ.
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        QCOMPARE(object.value(QStringLiteral("kdf")).toString(), QStringLiteral("argon2id13"));
        const auto back = PassphraseParams::fromJson(json);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back->salt, params.salt);
        QCOMPARE(back->opsLimit, params.opsLimit);
        QCOMPARE(back->memLimit, params.memLimit);

        const PassphraseParams cheap = cheapParams();
        const auto cheapBack = PassphraseParams::fromJson(cheap.toJson());
        QVERIFY(cheapBack.ok());
        QCOMPARE(derive(QStringLiteral("pw"), *cheapBack), derive(QStringLiteral("pw"), cheap));
    }

    void malformedJsonRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray shortSalt = QByteArray(int(crypto_pwhash_SALTBYTES) - 1, 'x').toBase64();
        const QByteArray longSalt = QByteArray(int(crypto_pwhash_SALTBYTES) + 1, 'x').toBase64();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("kdf=argon2id13");
        QTest::newRow("truncated") << cheapParams().toJson().chopped(2);
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("null") << QByteArray("null");
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("unknown field") << jsonWith("pepper", QStringLiteral("x"));
        QTest::newRow("missing kdf") << jsonWith(nullptr, {}, "kdf");
        QTest::newRow("missing salt") << jsonWith(nullptr, {}, "salt");
        QTest::newRow("missing opslimit") << jsonWith(nullptr, {}, "opslimit");
        QTest::newRow("missing memlimit") << jsonWith(nullptr, {}, "memlimit");
        QTest::newRow("other kdf") << jsonWith("kdf", QStringLiteral("scrypt"));
        QTest::newRow("argon2i") << jsonWith("kdf", QStringLiteral("argon2i13"));
        QTest::newRow("kdf not string") << jsonWith("kdf", 13);
        QTest::newRow("salt not string") << jsonWith("salt", 12345);
        QTest::newRow("salt array") << jsonWith("salt", QJsonArray{1, 2});
        QTest::newRow("salt bad base64") << jsonWith("salt", QStringLiteral("!!!!notbase64!!!!!!!!!!="));
        QTest::newRow("salt non-latin1") << jsonWith("salt", QStringLiteral("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u20ac\u20ac\u20ac\u20ac"));
        QTest::newRow("salt short") << jsonWith("salt", QString::fromLatin1(shortSalt));
        QTest::newRow("salt long") << jsonWith("salt", QString::fromLatin1(longSalt));
        QTest::newRow("salt empty") << jsonWith("salt", QStringLiteral(""));
        QTest::newRow("ops string") << jsonWith("opslimit", QStringLiteral("3"));
        QTest::newRow("ops bool") << jsonWith("opslimit", true);
        QTest::newRow("ops null") << jsonWith("opslimit", QJsonValue::Null);
        QTest::newRow("ops zero") << jsonWith("opslimit", 0);
        QTest::newRow("ops negative") << jsonWith("opslimit", -3);
        QTest::newRow("ops fraction") << jsonWith("opslimit", 2.5);
        QTest::newRow("ops huge") << jsonWith("opslimit", 1e30);
        QTest::newRow("ops above cap") << jsonWith("opslimit", 1000000);
        QTest::newRow("ops above libsodium max") << jsonWith("opslimit", qint64(crypto_pwhash_OPSLIMIT_MAX) + 1);
        QTest::newRow("mem string") << jsonWith("memlimit", QStringLiteral("8192"));
        QTest::newRow("mem zero") << jsonWith("memlimit", 0);
        QTest::newRow("mem negative") << jsonWith("memlimit", -8192);
        QTest::newRow("mem below min") << jsonWith("memlimit", qint64(crypto_pwhash_MEMLIMIT_MIN) - 1);
        QTest::newRow("mem fraction") << jsonWith("memlimit", 8192.5);
        QTest::newRow("mem above cap") << jsonWith("memlimit", qint64(64) * 1024 * 1024 * 1024);
    }

    void malformedJsonRejected()
    {
        QFETCH(QByteArray, json);
        const auto params = PassphraseParams::fromJson(json);
        QVERIFY2(!params.ok(), json.constData());
        QCOMPARE(params.error().code, ErrorCode::ValidationFailed);
    }
};

QTEST_GUILESS_MAIN(TestPassphrase)
#include "tst_passphrase.moc"
