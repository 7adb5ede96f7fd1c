// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoroTask>
#include <QString>

#include <functional>
#include <optional>

namespace plaza::security {

//! Length of a cache key: SQLCipher raw key, 256 bits.
constexpr int kCacheKeyBytes = 32;

//! 32 bytes from the OS's CSPRNG (libsodium randombytes_buf); empty (refused by every
//! user of a key) only if libsodium cannot initialise.
[[nodiscard]] QByteArray randomKey();

//! One entry of the OS keychain: the service (KeyStore's) and the account name under it.
struct KeychainEntry
{
    QString service;
    QString account;
};

//! Asked before each read or write of a secret (the answer can change with each sign-in):
//! the keychain entry to use, or nullopt for "not in the keychain".
using KeychainEntryQuery = std::function<std::optional<KeychainEntry>()>;

//! The cache key of one account in the OS keychain (QtKeychain: Keychain on macOS,
//! Credential Manager on Windows, Secret Service on Linux), with setInsecureFallback(false):
//! it never falls back to a plain file. When no keychain answers, every call fails with
//! ErrorCode::KeychainUnavailable and the caller takes the passphrase path; so does a
//! keychain that has not answered within two minutes (a hung daemon, an unlock prompt
//! nobody sees: details "timeout": true). Await the calls with co_await, or in tests with
//! an event loop: QCoro::waitFor() needs a default-constructible result, Result<T> is not.
class KeyStore
{
public:
    explicit KeyStore(QString service = QStringLiteral("Plaza"));

    //! The stored key (exactly kCacheKeyBytes). ErrorCode::NotFound only when the keychain
    //! answered and holds no key for \a account; KeychainUnavailable when there is no
    //! backend, it failed, or the keyring is locked (details "locked": true), so that a
    //! locked keyring never reads as "no key"; CacheLocked if the entry is not 32 bytes.
    QCoro::Task<Result<QByteArray>> loadKey(QString account);
    //! Stores \a key (kCacheKeyBytes, else ValidationFailed) for \a account, replacing
    //! any previous one.
    QCoro::Task<Status> storeKey(QString account, QByteArray key);
    //! Deletes the key; succeeds if there was none. KeychainUnavailable if it may still
    //! be there (no backend, locked keyring).
    QCoro::Task<Status> deleteKey(QString account);

    //! Any small secret (1 … kMaxSecretBytes bytes) under \a account, with the same
    //! errors as loadKey()/storeKey() but no length rule: the app-lock hash, for one.
    QCoro::Task<Result<QByteArray>> loadSecret(QString account);
    QCoro::Task<Status> storeSecret(QString account, QByteArray secret);
    static constexpr int kMaxSecretBytes = 4096;

    [[nodiscard]] const QString &service() const { return m_service; }

private:
    QString m_service;
};

//! Parameters of the passphrase KDF (Argon2id through libsodium crypto_pwhash),
//! stored next to the cache in the clear: none of it is secret.
struct PassphraseParams {
    QByteArray salt;       //!< crypto_pwhash_SALTBYTES random bytes
    quint64 opsLimit = 0;
    quint64 memLimit = 0;

    [[nodiscard]] static PassphraseParams generate(); //!< fresh salt, moderate limits
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static Result<PassphraseParams> fromJson(const QByteArray &json);
};

//! Derives the 32-byte cache key from the user's passphrase (NFC-normalised; empty is
//! refused with ValidationFailed, as are params fromJson() would reject). Slow by design (~0.5 s);
//! call it off the UI thread. A wrong passphrase yields a different key, which SQLCipher
//! then refuses (ErrorCode::CacheLocked).
[[nodiscard]] Result<QByteArray> deriveKey(const QString &passphrase, const PassphraseParams &params);

} // namespace plaza::security
