// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace plaza {

//! What <configDir>/account.json holds: who is signed in where. No secrets: the tokens
//! live in the encrypted cache and the key in the keychain (or comes from a passphrase).
struct AccountInfo {
    QString serverUrl;
    QString userId;
    QString handle;
    QString displayName;
};

//! The name of the keychain entry holding the cache key of \a userId on \a serverUrl:
//! "<userId>@<host>:<port>" ("u_1@plaza.example:443"), so that the same user id on two
//! servers has two entries. Before this, the entry was named by the user id alone
//! (legacyCacheKeyEntry()); Session moves such an entry to the new name once it opened
//! the cache with it.
[[nodiscard]] QString cacheKeyEntry(const QString &serverUrl, const QString &userId);
[[nodiscard]] inline QString legacyCacheKeyEntry(const QString &userId) { return userId; }

//! The keychain entry of the app-lock hash of \a userId on \a serverUrl:
//! "<cacheKeyEntry()>.applock" ("u_1@plaza.example:443.applock"). Before, it was
//! "<userId>.applock" (legacyAppLockEntry()), shared by the same user id on two servers;
//! Session moves such an entry to the new name once, when it unlocks the cache with a key
//! from the keychain, and never over an entry already under the new name.
[[nodiscard]] QString appLockEntry(const QString &serverUrl, const QString &userId);
[[nodiscard]] inline QString legacyAppLockEntry(const QString &userId) { return userId + QStringLiteral(".applock"); }

//! The files of one account on disk:
//!   <configDir>/account.json
//!   <dataDir>/<userId>/cache.db (+ -wal, -shm)
//!   <dataDir>/<userId>/passphrase.json   (KDF parameters, only on the passphrase path)
class AccountFiles
{
public:
    AccountFiles(QString dataDir, QString configDir) : m_dataDir(std::move(dataDir)), m_configDir(std::move(configDir)) { }

    [[nodiscard]] QString accountJsonPath() const;
    [[nodiscard]] QString accountDir(const QString &userId) const;
    [[nodiscard]] QString cachePath(const QString &userId) const;
    [[nodiscard]] QString passphraseParamsPath(const QString &userId) const;

    //! The saved account; ErrorCode::NotFound if there is none, Protocol if it is unreadable.
    [[nodiscard]] Result<AccountInfo> readAccount() const;
    //! Writes account.json atomically (QSaveFile), owner-only permissions.
    [[nodiscard]] Status writeAccount(const AccountInfo &account) const;
    void removeAccount() const;

    [[nodiscard]] bool hasPassphraseParams(const QString &userId) const;
    [[nodiscard]] Result<QByteArray> readPassphraseParams(const QString &userId) const;
    [[nodiscard]] Status writePassphraseParams(const QString &userId, const QByteArray &json) const;

    //! The device token the server gave this machine for \a handle on \a serverUrl (see
    //! docs/api.md, "Login throttle"), or "" if none. Kept in <configDir>/devices.json
    //! (owner-only) by a hash of server and handle, and kept across sign-outs: it is what
    //! lets the owner sign in while someone else guesses at the account's password.
    [[nodiscard]] QString deviceToken(const QString &serverUrl, const QString &handle) const;
    [[nodiscard]] Status writeDeviceToken(const QString &serverUrl, const QString &handle, const QString &token) const;

    //! Deletes the cache (db, -wal, -shm) and passphrase.json of \a userId. Only ever
    //! called on the user's request (sign out, reset, a new sign-in).
    void removeLocalData(const QString &userId) const;

private:
    QString m_dataDir;
    QString m_configDir;
};

} // namespace plaza
