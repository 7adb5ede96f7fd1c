// SPDX-License-Identifier: MIT
#include "secrethash.h"

#include "sodiuminit.h"

#include <sodium.h>

namespace plaza::security {

Result<QByteArray> hashSecret(const QString &secret)
{
    if (secret.isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("An empty secret cannot be hashed."));
    if (!ensureSodium())
        return makeError(ErrorCode::Internal, QStringLiteral("libsodium could not initialise."));
    QByteArray utf8 = secret.normalized(QString::NormalizationForm_C).toUtf8();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    const int rc = crypto_pwhash_str(out.data(), utf8.constData(), quint64(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return makeError(ErrorCode::Internal, QStringLiteral("Not enough memory to hash the secret."));
    out.truncate(int(qstrnlen(out.constData(), out.size())));
    return out;
}

bool verifySecret(const QByteArray &hash, const QString &secret)
{
    if (hash.isEmpty() || hash.size() >= int(crypto_pwhash_STRBYTES) || secret.isEmpty() || !ensureSodium())
        return false;
    QByteArray zeroTerminated(crypto_pwhash_STRBYTES, '\0');
    std::copy(hash.begin(), hash.end(), zeroTerminated.begin());
    QByteArray utf8 = secret.normalized(QString::NormalizationForm_C).toUtf8();
    const bool ok = crypto_pwhash_str_verify(zeroTerminated.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

} // namespace plaza::security
