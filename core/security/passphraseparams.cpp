// SPDX-License-Identifier: MIT
#include "keystore.h"

#include "common/logging.h"
#include "sodiuminit.h"

#include <sodium.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace plaza::security {

namespace {

// Argon2id cost: libsodium's MODERATE preset (3 passes over 256 MiB). Measured on the
// 2-core build machine under load: ~0.4 s per derivation (INTERACTIVE, 2 passes over
// 64 MiB: ~0.08 s), within the ~1 s an unlock may take. tests/security's passphrase
// test prints the figure and fails if it exceeds a generous bound.
constexpr quint64 kOpsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
constexpr quint64 kMemLimit = crypto_pwhash_MEMLIMIT_MODERATE;

// Upper bounds accepted from a params file. The file sits next to the cache in the
// clear, so anyone who can write it could otherwise make every unlock allocate
// terabytes or run for hours; values this high are never written by generate().
constexpr quint64 kMaxOpsLimit = 32;
constexpr quint64 kMaxMemLimit = quint64(1024) * 1024 * 1024;

constexpr auto kKdfName = "argon2id13";

Error invalid(const QString &message)
{
    return makeError(ErrorCode::ValidationFailed, message);
}

//! The limits a params value may carry: within libsodium's bounds and ours.
Status checkLimits(quint64 opsLimit, quint64 memLimit)
{
    if (opsLimit < crypto_pwhash_OPSLIMIT_MIN || opsLimit > crypto_pwhash_OPSLIMIT_MAX || opsLimit > kMaxOpsLimit)
        return invalid(QStringLiteral("The passphrase parameters have an out-of-range opslimit."));
    if (memLimit < crypto_pwhash_MEMLIMIT_MIN || memLimit > crypto_pwhash_MEMLIMIT_MAX || memLimit > kMaxMemLimit)
        return invalid(QStringLiteral("The passphrase parameters have an out-of-range memlimit."));
    return {};
}

Status checkParams(const PassphraseParams &params)
{
    if (params.salt.size() != int(crypto_pwhash_SALTBYTES))
        return invalid(QStringLiteral("The passphrase salt must be %1 bytes.").arg(crypto_pwhash_SALTBYTES));
    return checkLimits(params.opsLimit, params.memLimit);
}

//! A strictly positive JSON integer, or nothing.
std::optional<quint64> positiveInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // toInteger() refuses fractions and values outside qint64, returning the default.
    const qint64 n = value.toInteger(-1);
    if (n <= 0)
        return std::nullopt;
    return quint64(n);
}

} // namespace

PassphraseParams PassphraseParams::generate()
{
    PassphraseParams params;
    if (!ensureSodium()) {
        // No CSPRNG: return params that deriveKey() refuses rather than a fixed salt.
        qCCritical(lcSecurity) << "libsodium could not initialise; no passphrase salt";
        return params;
    }
    params.salt = QByteArray(int(crypto_pwhash_SALTBYTES), Qt::Uninitialized);
    randombytes_buf(params.salt.data(), size_t(params.salt.size()));
    params.opsLimit = kOpsLimit;
    params.memLimit = kMemLimit;
    return params;
}

QByteArray PassphraseParams::toJson() const
{
    const QJsonObject object{
        {QStringLiteral("kdf"), QLatin1String(kKdfName)},
        {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())},
        {QStringLiteral("opslimit"), qint64(opsLimit)},
        {QStringLiteral("memlimit"), qint64(memLimit)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<PassphraseParams> PassphraseParams::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(QStringLiteral("The passphrase parameters are not a JSON object."));
    const QJsonObject object = doc.object();

    // Exactly these keys: an unknown one means a format this build does not understand,
    // and guessing would derive the wrong key.
    const QStringList expected{QStringLiteral("kdf"), QStringLiteral("salt"), QStringLiteral("opslimit"),
                               QStringLiteral("memlimit")};
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!expected.contains(it.key()))
            return invalid(QStringLiteral("The passphrase parameters have an unknown field \"%1\".").arg(it.key()));
    }
    for (const QString &key : expected) {
        if (!object.contains(key))
            return invalid(QStringLiteral("The passphrase parameters lack \"%1\".").arg(key));
    }

    if (object.value(QStringLiteral("kdf")) != QJsonValue(QLatin1String(kKdfName)))
        return invalid(QStringLiteral("The passphrase parameters name an unknown KDF."));

    const QJsonValue saltValue = object.value(QStringLiteral("salt"));
    if (!saltValue.isString())
        return invalid(QStringLiteral("The passphrase salt is not a string."));
    const auto decoded = QByteArray::fromBase64Encoding(saltValue.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    // toLatin1() turns non-Latin-1 characters into '?', which the strict decoder refuses.
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return invalid(QStringLiteral("The passphrase salt is not valid base64."));

    const auto ops = positiveInteger(object.value(QStringLiteral("opslimit")));
    const auto mem = positiveInteger(object.value(QStringLiteral("memlimit")));
    if (!ops || !mem)
        return invalid(QStringLiteral("The passphrase limits must be positive integers."));

    PassphraseParams params;
    params.salt = decoded.decoded;
    params.opsLimit = *ops;
    params.memLimit = *mem;
    if (auto st = checkParams(params); !st)
        return st.error();
    return params;
}

Result<QByteArray> deriveKey(const QString &passphrase, const PassphraseParams &params)
{
    if (passphrase.isEmpty())
        return invalid(QStringLiteral("The passphrase is empty."));
    if (auto st = checkParams(params); !st)
        return st.error();
    if (!ensureSodium())
        return makeError(ErrorCode::Internal, QStringLiteral("libsodium could not initialise."));

    // NFC, so the same passphrase typed on macOS (which tends to decompose) and on
    // Windows or Linux gives the same key.
    // The copies made here are wiped; the caller's QString is the caller's to clear.
    QString normalized = passphrase.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = normalized.toUtf8();
    if (!normalized.isSharedWith(passphrase))
        sodium_memzero(normalized.data(), size_t(normalized.size()) * sizeof(QChar));

    QByteArray key(kCacheKeyBytes, Qt::Uninitialized);
    const int rc = crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), size_t(key.size()),
                                 utf8.constData(), size_t(utf8.size()),
                                 reinterpret_cast<const unsigned char *>(params.salt.constData()),
                                 params.opsLimit, size_t(params.memLimit), crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0) {
        sodium_memzero(key.data(), size_t(key.size()));
        // The only failure with checked parameters is the memory allocation.
        return makeError(ErrorCode::Internal,
                         QStringLiteral("Deriving the key failed: not enough memory (%1 MiB needed).")
                             .arg(params.memLimit / (1024 * 1024)));
    }
    return key;
}

} // namespace plaza::security
