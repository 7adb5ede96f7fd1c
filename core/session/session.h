// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "security/keystore.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>

#include "net/apiclient.h"
#include "session/accountcontext.h"
#include "storage/cache.h"

namespace plaza::net {
class ApiClient;
class WsSession;
}

namespace plaza {

class SyncEngine;
struct AccountInfo;

//! One signed-in account on this device: the server URL, the tokens, the encrypted
//! cache and its key, the sync engine and the live connection. The app and the CLI
//! drive everything through it. It lives on the main thread; the cache writer runs
//! on the sync engine's own thread. The services see it only as their AccountContext.
class Session : public AccountContext
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(plaza::storage::Cache *cache READ cache CONSTANT)
    Q_PROPERTY(plaza::net::ApiClient *api READ api CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY accountChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY accountChanged)
    Q_PROPERTY(QString handle READ handle NOTIFY accountChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY accountChanged)
    Q_PROPERTY(bool passphraseIsNew READ passphraseIsNew NOTIFY stateChanged)
    Q_PROPERTY(QDateTime lastSyncedAt READ lastSyncedAt NOTIFY syncedChanged)
    Q_PROPERTY(qint64 cursor READ cursor NOTIFY syncedChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(QString errorField READ errorField NOTIFY errorChanged)
    //! details.reason of the last failure ("totp_invalid", "challenge_invalid"…), or empty.
    Q_PROPERTY(QString errorReason READ errorReason NOTIFY errorChanged)
    //! The account's sessions (signed-in devices, GET /v1/sessions) as loadDeviceSessions()
    //! last read them: maps with id, deviceName, platform, place, createdAt, lastSeenAt,
    //! current, ended (for theft), endedAt; live ones first.
    Q_PROPERTY(QVariantList deviceSessions READ deviceSessions NOTIFY deviceSessionsChanged)
    //! "idle" (never loaded), "loading", "ready" or "error" (deviceSessionsError says why).
    Q_PROPERTY(QString deviceSessionsStatus READ deviceSessionsStatus NOTIFY deviceSessionsChanged)
    Q_PROPERTY(QString deviceSessionsError READ deviceSessionsError NOTIFY deviceSessionsChanged)
    //! In CacheLocked: the cache file is damaged (empty, cut short, corrupted), not merely
    //! locked. Signing in again, resetCache() or signOut() then move it aside
    //! (cache.db.damaged-<UTC time>, with its key kept) instead of deleting it.
    Q_PROPERTY(bool cacheDamaged READ cacheDamaged NOTIFY stateChanged)
    //! After deleteAccount(): the deleted account's local cache (and its key) is still on
    //! this device, until deleteLeftoverCache() or keepLeftoverCache().
    Q_PROPERTY(bool leftoverCache READ hasLeftoverCache NOTIFY leftoverCacheChanged)
    //! Where the last damaged cache was moved aside, or empty.
    Q_PROPERTY(QString keptCachePath READ keptCachePath NOTIFY stateChanged)
    //! The password was right and the account has two-factor sign-in: the sign-in waits for
    //! submitSignInCode() (or cancelSignInCode()).
    Q_PROPERTY(bool signInCodeRequired READ signInCodeRequired NOTIFY signInCodeRequiredChanged)
    //! The account's security settings (Settings → Two-factor sign-in), as loadSecurity()
    //! and the calls below left them. securityStatus: "idle", "loading", "ready", "error".
    Q_PROPERTY(QString securityStatus READ securityStatus NOTIFY securityChanged)
    Q_PROPERTY(QString securityError READ securityError NOTIFY securityChanged)
    //! The code of the last refusal ("forbidden", "rate_limited"…) and its details.reason.
    Q_PROPERTY(QString securityErrorReason READ securityErrorReason NOTIFY securityChanged)
    Q_PROPERTY(bool totpEnabled READ totpEnabled NOTIFY securityChanged)
    //! The step-up threshold in minor units of the wallet's currency; -1 for none.
    Q_PROPERTY(qint64 stepUpThreshold READ stepUpThreshold NOTIFY securityChanged)
    //! During enrolment (after startTotpSetup()): the secret (base32) and its otpauth:// URI.
    Q_PROPERTY(QString totpSecret READ totpSecret NOTIFY securityChanged)
    Q_PROPERTY(QString totpUri READ totpUri NOTIFY securityChanged)
    //! After confirmTotpSetup(): the ten recovery codes, shown once (forgetRecoveryCodes()).
    Q_PROPERTY(QStringList recoveryCodes READ recoveryCodes NOTIFY securityChanged)
public:
    enum class State {
        Starting,        //!< restore() has not finished
        SignedOut,       //!< show the sign-in / create-account screen
        NeedsPassphrase, //!< no keychain answered: the user sets (passphraseIsNew) or enters a passphrase
        CacheLocked,     //!< the cache cannot be unlocked: "sign in again to rebuild it"
        Ready,           //!< signed in, cache open, syncing
    };
    Q_ENUM(State)

    enum class KeyBackend {
        Auto,           //!< OS keychain, passphrase if no keychain answers
        PassphraseOnly, //!< never ask the keychain (tests, kiosk)
    };

    struct Options {
        QString dataDir;   //!< cache lives here: <dataDir>/<account>/cache.db
        QString configDir; //!< account.json (server URL, user id, handle — no secrets)
        KeyBackend keyBackend = KeyBackend::Auto;
        QString keychainService = QStringLiteral("Plaza");
    };

    explicit Session(Options options, QObject *parent = nullptr);
    ~Session() override;

    //! Reads the saved account, opens its cache with its key and starts syncing;
    //! ends in Ready, SignedOut, NeedsPassphrase or CacheLocked.
    Q_INVOKABLE void restore();
    Q_INVOKABLE void signIn(const QString &serverUrl, const QString &handle, const QString &password);
    Q_INVOKABLE void createAccount(const QString &serverUrl, const QString &handle, const QString &displayName,
                                   const QString &password);
    //! In NeedsPassphrase: sets the new passphrase or unlocks with it.
    Q_INVOKABLE void submitPassphrase(const QString &passphrase);
    //! Logs out on the server (best effort), deletes the cache, its key and the saved account.
    Q_INVOKABLE void signOut();
    //! From CacheLocked: deletes the unreadable cache and its key, back to SignedOut.
    Q_INVOKABLE void resetCache();
    //! Pull /v1/sync now (also done on every WebSocket hello and gap).
    Q_INVOKABLE void syncNow() override;
    //! Reads the account's sessions into deviceSessions (Settings → Sessions).
    Q_INVOKABLE void loadDeviceSessions();
    //! Ends another device's session \a id now, then reads the list again.
    Q_INVOKABLE void endDeviceSession(const QString &id);
    //! Ends every session but this device's, then reads the list again.
    Q_INVOKABLE void endOtherDeviceSessions();
    //! POST /v1/account/password: ends every other session on success. Answers with
    //! passwordChangeFinished().
    Q_INVOKABLE void changePassword(const QString &currentPassword, const QString &newPassword);
    //! POST /v1/account/delete: on success the account is gone on the server; this device
    //! signs out (SignedOut) but keeps the cache and its key (leftoverCache) until the user
    //! says what to do with them. Answers with accountDeletionFinished().
    Q_INVOKABLE void deleteAccount(const QString &password);
    //! Deletes the deleted account's cache, its key and app-lock hash (asked by the user).
    Q_INVOKABLE void deleteLeftoverCache();
    //! Keeps it: only forgets that it was offered.
    Q_INVOKABLE void keepLeftoverCache();
    //! The second step of a sign-in with two-factor on: the authenticator's code, or a
    //! recovery code when \a recovery. A wrong code keeps the step (errorCode says why);
    //! a dead challenge (expired, too many codes) goes back to the password.
    Q_INVOKABLE void submitSignInCode(const QString &code, bool recovery = false);
    Q_INVOKABLE void cancelSignInCode();
    //! GET /v1/account/security.
    Q_INVOKABLE void loadSecurity();
    //! Enrolment: the password, then (totpSecret/totpUri shown) the first code; then the
    //! recovery codes are in recoveryCodes until forgetRecoveryCodes().
    Q_INVOKABLE void startTotpSetup(const QString &password);
    Q_INVOKABLE void confirmTotpSetup(const QString &code);
    Q_INVOKABLE void forgetRecoveryCodes();
    //! Turns two-factor off with a code, or a recovery code when \a recovery.
    Q_INVOKABLE void disableTotp(const QString &code, bool recovery = false);
    //! Sets the step-up threshold, typed in the user's locale in \a currency; "" removes
    //! it. Raising or removing it needs \a proof (the password, or a code when two-factor
    //! is on) when the server asks for a step-up.
    Q_INVOKABLE void setStepUpThreshold(const QString &amountText, const QString &currency, const QString &proof = {});
    //! Exchanges a password (or a two-factor code when \a isCode) for a step-up token
    //! (POST /v1/auth/step-up): the token, or why not.
    QCoro::Task<Result<QString>> stepUpToken(QString secret, bool isCode) override;
    //! For a process about to end (plaza-cli): stops the live connection and closes the
    //! cache once every write it accepted has landed. Nothing is signed out or deleted; the
    //! session is left for destruction only.
    QCoro::Task<void> close();
    //! The interface language (and QLocale's default) changed while running: emits
    //! localeChanged, so models re-read the amounts and times they format in that locale.
    void notifyLocaleChanged();

    [[nodiscard]] State state() const;
    [[nodiscard]] bool ready() const override; //!< state() is Ready
    [[nodiscard]] bool busy() const;
    [[nodiscard]] bool online() const override;
    [[nodiscard]] QString serverUrl() const;
    [[nodiscard]] QString userId() const override;
    [[nodiscard]] QString handle() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool passphraseIsNew() const;
    [[nodiscard]] QDateTime lastSyncedAt() const;
    [[nodiscard]] qint64 cursor() const;
    [[nodiscard]] QString errorCode() const;    //!< API or client error code name of the last failure
    [[nodiscard]] QString errorMessage() const; //!< English message of the last failure
    //! The request field the last failure names (details.field of validation_failed), or empty.
    [[nodiscard]] QString errorField() const;
    [[nodiscard]] QString errorReason() const;
    [[nodiscard]] QString cachePath() const;    //!< for read connections of list models
    [[nodiscard]] QVariantList deviceSessions() const;
    [[nodiscard]] QString deviceSessionsStatus() const;
    [[nodiscard]] QString deviceSessionsError() const;
    [[nodiscard]] bool hasLeftoverCache() const;
    [[nodiscard]] QString leftoverCachePath() const;
    [[nodiscard]] bool cacheDamaged() const;
    [[nodiscard]] QString keptCachePath() const;
    [[nodiscard]] bool signInCodeRequired() const;
    [[nodiscard]] QString securityStatus() const;
    [[nodiscard]] QString securityError() const;
    [[nodiscard]] QString securityErrorReason() const;
    [[nodiscard]] bool totpEnabled() const;
    [[nodiscard]] qint64 stepUpThreshold() const;
    [[nodiscard]] QString totpSecret() const;
    [[nodiscard]] QString totpUri() const;
    [[nodiscard]] QStringList recoveryCodes() const;

    [[nodiscard]] net::ApiClient *api() const override;
    [[nodiscard]] net::WsSession *live() const override;
    [[nodiscard]] SyncEngine *syncEngine() const override;
    //! The account's local copy as models see it (readers, the change stream, freshness).
    //! Always the same object; open while the cache is (Ready, Locked). The key stays in it.
    [[nodiscard]] storage::Cache *cache() const override;
    //! True when this account's cache key lives in the OS keychain (not a passphrase):
    //! other secrets of the account (the app-lock hash) then go there too.
    [[nodiscard]] bool keyInKeychain() const;
    //! The keychain entry of this account's app-lock hash (appLockEntry(): per user id on a
    //! server, deleted with the account) when keyInKeychain(); nullopt otherwise (signed
    //! out, or the passphrase path: the hash then lives in the encrypted cache).
    [[nodiscard]] std::optional<security::KeychainEntry> appLockKeychainEntry() const;
    //! The question AppLock asks before each read and write of its hash, answered by this
    //! session (appLockKeychainEntry(); nullopt once the session is gone).
    [[nodiscard]] security::KeychainEntryQuery appLockKeychain();

Q_SIGNALS:
    void stateChanged();
    void busyChanged();
    void syncedChanged();
    void errorChanged();
    //! A sync batch committed: \a count events up to \a cursor; \a types are their event types.
    void eventsApplied(int count, qint64 cursor, const QStringList &types);
    //! See notifyLocaleChanged().
    void localeChanged();
    void deviceSessionsChanged();
    //! The answer to changePassword()/deleteAccount(): a map with ok (bool), code (error
    //! code name, "" when ok), reason (details.reason), field, message (English), and for a
    //! password change ended (how many other sessions were ended).
    void passwordChangeFinished(const QVariantMap &result);
    void accountDeletionFinished(const QVariantMap &result);
    void leftoverCacheChanged();
    //! Someone signed in to this account on another device (the server's session.created
    //! notice on the live socket): what it said about itself.
    void newSignIn(const QString &deviceName, const QString &platform, const QString &place);
    void signInCodeRequiredChanged();
    void securityChanged();

private:
    // The flows, as coroutines started by the Q_INVOKABLEs above (session.cpp).
    QCoro::Task<void> restoreTask();
    QCoro::Task<void> unlockTask();
    QCoro::Task<void> openCacheTask(QByteArray key);
    QCoro::Task<void> moveLegacyAppLockEntry(QString serverUrl, QString userId);
    QCoro::Task<void> signInTask(QString serverUrl, QString handle, QString displayName, QString password, bool create);
    QCoro::Task<void> passphraseTask(QString passphrase);
    //! After the server handed out tokens (password, or password and code): the cache.
    QCoro::Task<void> completeSignIn(QUrl url, QString handle, protocol::AuthTokens tokens);
    QCoro::Task<void> signInCodeTask(QString code, bool recovery);
    //! One call of the security settings: \a method "GET", "POST" or "PATCH" on \a path.
    QCoro::Task<void> securityTask(QString method, QString path, QJsonObject body, QString stepUpProof = {});
    void applySecurity(const QJsonObject &body);
    void setSecurityStatus(const QString &status, const Error &error = {});
    QCoro::Task<void> signOutTask(bool logout);
    QCoro::Task<void> forgetLocalAccount();
    //! DELETE \a id, or end-others when \a id is empty; then loads the list again.
    QCoro::Task<void> deviceSessionsTask(QString endId, bool endOthers);
    QCoro::Task<void> changePasswordTask(QString currentPassword, QString newPassword);
    QCoro::Task<void> deleteAccountTask(QString password);
    QCoro::Task<void> deleteLeftoverTask();
    void onNotice(const QString &type, const QJsonObject &data);
    void setDeviceSessionsStatus(const QString &status, const QString &error = {});
    //! The cache is damaged (\a why: what is wrong with it): CacheLocked, and cacheDamaged.
    void cacheIsDamaged(const QString &why, const QVariantMap &details = {});
    //! Renames the damaged cache files of \a userId aside; the new name of cache.db.
    QString setDamagedCacheAside(const QString &userId);
    void startLive();
    [[nodiscard]] QHash<QString, QString> accountValues(const QString &access, const QString &refresh) const;
    void setState(State state);
    void setBusy(bool busy);
    void fail(const Error &error);
    void clearError();
    void setAccount(const AccountInfo &account);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace plaza
