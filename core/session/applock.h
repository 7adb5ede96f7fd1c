// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "security/keystore.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace plaza {

class AccountContext;

//! The app lock: a PIN or passphrase that confirms every money movement and, optionally,
//! locks the whole window after some idle minutes. Only a slow hash of it is kept
//! (Argon2id, libsodium crypto_pwhash_str, MODERATE limits) — in the OS keychain when the
//! account's cache key is there, otherwise (the passphrase path, no keychain) in the
//! encrypted cache. Verifying runs off the UI thread. After five wrong tries in a row
//! further tries wait, 30 s doubling up to 15 min (kept in memory: a restart asks for
//! the account's keychain or passphrase again anyway).
//!
//! It gets the account it belongs to (readiness, the cache writer) and a question that says,
//! at each read and write, which keychain entry holds the hash (Session::appLockKeychain();
//! nullopt: the encrypted cache) — not the Session, so it can be built on any AccountContext.
//!
//! The app registers it with QML_FOREIGN (QML name AppLock); App.appLock is the instance.
class AppLock : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool known READ known NOTIFY configuredChanged)
    Q_PROPERTY(bool configured READ configured NOTIFY configuredChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY configuredChanged)
    Q_PROPERTY(bool locked READ locked NOTIFY lockedChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int idleMinutes READ idleMinutes WRITE setIdleMinutes NOTIFY idleMinutesChanged)
    Q_PROPERTY(int retryAfterSeconds READ retryAfterSeconds NOTIFY throttleChanged)
public:
    static constexpr int kMinPinDigits = 4;
    static constexpr int kMaxPinDigits = 12;
    static constexpr int kMinPassphraseChars = 8;
    static constexpr int kFreeAttempts = 5;

    explicit AppLock(AccountContext *account, security::KeychainEntryQuery keychain = {}, QObject *parent = nullptr);
    ~AppLock() override;

    [[nodiscard]] bool known() const { return m_known; }
    [[nodiscard]] bool configured() const { return !m_hash.isEmpty(); }
    //! "pin" or "passphrase" (empty when not configured).
    [[nodiscard]] QString kind() const { return m_kind; }
    [[nodiscard]] bool locked() const { return m_locked; }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] int idleMinutes() const { return m_idleMinutes; }
    //! 0 … 1440; 0 turns the idle lock off. Kept in the cache.
    void setIdleMinutes(int minutes);
    [[nodiscard]] int retryAfterSeconds() const;

    //! Checks \a secret against the rules for \a kind; empty when it is acceptable.
    [[nodiscard]] static Status checkNewSecret(const QString &kind, const QString &secret);

    //! Sets (or replaces) the secret. Replacing needs \a current. Ends in secretSaved or failed.
    Q_INVOKABLE void setSecret(const QString &kind, const QString &secret, const QString &current = {});
    //! Ends in verified(true) or verified(false[, code]). Also unlocks a locked window.
    Q_INVOKABLE void verify(const QString &secret);
    //! Locks now (needs a configured secret).
    Q_INVOKABLE void lock();
    //! Any user input: restarts the idle countdown.
    Q_INVOKABLE void noteActivity();


    // For C++ and tests.
    QCoro::Task<Status> setSecretAsync(QString kind, QString secret, QString current = {});
    QCoro::Task<Result<bool>> verifyAsync(QString secret);
    //! Reads the stored hash again (done by itself when the account becomes ready).
    QCoro::Task<Status> reload();

Q_SIGNALS:
    void configuredChanged();
    void lockedChanged();
    void busyChanged();
    void idleMinutesChanged();
    void throttleChanged();
    void secretSaved();
    //! verify() answered: \a ok whether the secret matched; \a code is "" when it was checked,
    //! else the ErrorCode name of why it could not be (then \a ok is false).
    void verified(bool ok, const QString &code);
    //! setSecret refused or could not store: an ErrorCode name and the field it is about
    //! ("secret", "current"; may be empty).
    void failed(const QString &code, const QString &field);

private:
    QCoro::Task<void> setSecretTask(QString kind, QString secret, QString current);
    QCoro::Task<void> verifyTask(QString secret);
    QCoro::Task<void> reloadTask();
    QCoro::Task<Result<QByteArray>> readStored();
    QCoro::Task<Status> writeStored(QByteArray stored);
    //! Read through the cache writer, so it sees every write made before it.
    QCoro::Task<Result<QString>> kvValue(QString key) const;
    //! Written by the cache writer on its thread (the UI thread never writes the cache).
    QCoro::Task<Status> setKvValue(QString key, QString value) const;
    QCoro::Task<void> keepIdleMinutes(int minutes);
    void setBusy(bool busy);
    void setLocked(bool locked);
    //! Locks if the idle minutes have passed since the last input, else arms the timer.
    void checkIdle();
    void forget();

    //! The keychain entry for the hash now, or nullopt (the cache).
    [[nodiscard]] std::optional<security::KeychainEntry> keychainEntry() const;

    QPointer<AccountContext> m_account;
    security::KeychainEntryQuery m_keychain;
    bool m_known = false;
    QByteArray m_hash; //!< crypto_pwhash_str output
    QString m_kind;
    bool m_locked = false;
    bool m_busy = false;
    int m_idleMinutes = 0;
    int m_failures = 0;
    QElapsedTimer m_throttleClock;
    qint64 m_throttleMs = 0;
    QTimer m_idleTimer;
    qint64 m_lastActivityMs = 0; //!< Clock::nowMs() of the last input
};

} // namespace plaza
