// SPDX-License-Identifier: MIT
#include "session.h"

#include "common/clock.h"
#include "common/logging.h"
#include "net/apiclient.h"
#include "net/wssession.h"
#include "protocol/endpoints.h"
#include "protocol/events.h"
#include "security/keystore.h"
#include "session/accountfiles.h"
#include "storage/cache.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "money/money.h"
#include "sync/syncengine.h"

#include <QCoroFuture>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QtConcurrent>

#include <optional>

namespace plaza {

namespace {

constexpr int kMinPassphraseChars = 8;

//! Runs a coroutine without waiting for it; every Session task reports through state.
void detach(QCoro::Task<void> &&task)
{
    Q_UNUSED(task);
}

} // namespace

struct Session::Private {
    Private(Session *q, Options opts)
        : options(std::move(opts)),
          files(options.dataDir, options.configDir),
          keyStore(options.keychainService),
          api(new net::ApiClient(q)),
          live(new net::WsSession(api, q)),
          engine(new SyncEngine(api, q)),
          cache(new storage::Cache(q))
    {
    }

    //! Why we are in NeedsPassphrase.
    enum class PassphrasePurpose { Unlock, NewCache };

    Options options;
    AccountFiles files;
    security::KeyStore keyStore;
    net::ApiClient *api;
    net::WsSession *live;
    SyncEngine *engine;
    //! The open cache as models see it: holds the key while the cache is open (nothing else does).
    storage::Cache *cache;

    State state = State::Starting;
    bool busy = false;
    bool online = false;
    AccountInfo account;
    bool passphraseIsNew = false;
    PassphrasePurpose purpose = PassphrasePurpose::Unlock;
    std::optional<protocol::AuthTokens> pendingTokens; //!< signed in, waiting for a passphrase
    QString errorCode;
    QString errorMessage;
    QString errorField;
    QString errorReason;
    QVariantList deviceSessions;
    QString deviceSessionsStatus = QStringLiteral("idle");
    QString deviceSessionsError;
    bool cacheDamaged = false;
    QString keptCachePath;
    bool deletingAccount = false; //!< the server may close our socket before it answers
    AccountInfo leftover;         //!< a deleted account whose cache is still here
    //! A sign-in waiting for its code (two-factor): the server's challenge and who signs in.
    QString challenge;
    QUrl challengeUrl;
    QString challengeHandle;
    QString securityStatus = QStringLiteral("idle");
    QString securityError;
    QString securityErrorReason;
    bool totpEnabled = false;
    qint64 stepUpThreshold = -1;
    QString totpSecret;
    QString totpUri;
    QStringList recoveryCodes;
};

Session::Session(Options options, QObject *parent) : AccountContext(parent), d(std::make_unique<Private>(this, std::move(options)))
{
    connect(d->live, &net::WsSession::connectedChanged, this, [this](bool connected) {
        if (d->online == connected)
            return;
        d->online = connected;
        d->cache->setLive(connected);
        Q_EMIT onlineChanged();
    });
    connect(d->live, &net::WsSession::unauthorized, this, [this] {
        // The socket refused our token: any authenticated request refreshes it, and the
        // socket's own reconnect then uses the new one.
        if (d->state == State::Ready && !d->deletingAccount)
            syncNow();
    });
    connect(d->live, &net::WsSession::notice, this, &Session::onNotice);
    connect(d->api, &net::ApiClient::tokensChanged, this, [this](const QString &access, const QString &refresh) {
        if (d->state != State::Ready || !d->engine->isOpen())
            return;
        detach([](QPointer<Session> self, QHash<QString, QString> values) -> QCoro::Task<void> {
            Status st = co_await self->d->engine->setValues(values);
            if (self && !st)
                qCWarning(lcSecurity) << "could not save the refreshed tokens:" << st.error().codeName();
        }(this, {{storage::kv::kAccessToken, access}, {storage::kv::kRefreshToken, refresh}}));
    });
    connect(d->api, &net::ApiClient::sessionExpired, this, [this] {
        if (d->state != State::Ready || d->deletingAccount)
            return;
        // Decision: the server no longer accepts our refresh token. Stop, forget the tokens
        // (they are dead), keep the cache, its key and account.json: nothing is deleted
        // without the user asking. The user signs in again (which builds a fresh cache).
        detach([](QPointer<Session> self) -> QCoro::Task<void> {
            Private *d = self->d.get();
            d->live->stop();
            QHash<QString, QString> forget;
            forget.insert(storage::kv::kAccessToken, QString());
            forget.insert(storage::kv::kRefreshToken, QString());
            Status st = co_await d->engine->setValues(forget);
            Q_UNUSED(st);
            if (!self)
                co_return;
            co_await d->engine->close();
            if (!self)
                co_return;
            self->d->cache->detach();
            self->fail(makeError(ErrorCode::Unauthorized, QStringLiteral("Your session has expired. Sign in again.")));
            self->setState(State::SignedOut);
        }(this));
    });
    // The models' freshness and change stream come from the cache object, never from here.
    connect(this, &Session::syncedChanged, d->cache, [this] { d->cache->setSyncedAt(d->engine->lastSyncedAt()); });
    connect(d->engine, &SyncEngine::applied, d->cache, &storage::Cache::publish);
    connect(d->engine, &SyncEngine::applied, this, [this](const sync::ChangeSet &changes) {
        Q_EMIT syncedChanged();
        if (changes.applied > 0 || changes.reset)
            Q_EMIT eventsApplied(changes.applied, changes.cursor, changes.types);
    });
    connect(d->engine, &SyncEngine::synced, this, &Session::syncedChanged);
    connect(d->engine, &SyncEngine::syncFailed, this, [this](const QString &code, const QString &message) {
        if (code == u"cancelled")
            return;
        d->errorCode = code;
        d->errorMessage = message;
        d->errorField.clear();
        d->errorReason.clear();
        Q_EMIT errorChanged();
    });
}

Session::~Session()
{
    d->live->stop();
    d->engine->setLiveSession(nullptr);
}

QCoro::Task<void> Session::close()
{
    QPointer<Session> self(this);
    d->live->stop();
    co_await d->engine->close(); // which lets go of the live connection first
    if (self)
        d->cache->detach();
}

// ---- state helpers -----------------------------------------------------------------------

void Session::setState(State state)
{
    if (d->state == state)
        return;
    const bool wasReady = d->state == State::Ready;
    d->state = state;
    qCInfo(lcApp) << "session state" << state;
    // The services (on readyChanged) open or close before anyone who watches the state.
    if (wasReady != (state == State::Ready))
        Q_EMIT readyChanged();
    Q_EMIT stateChanged();
    // After the services (on readyChanged) opened or closed: the models now.
    d->cache->setOpen(state == State::Ready);
}

void Session::setBusy(bool busy)
{
    if (d->busy == busy)
        return;
    d->busy = busy;
    Q_EMIT busyChanged();
}

void Session::fail(const Error &error)
{
    d->errorCode = error.codeName();
    d->errorMessage = error.message;
    d->errorField = error.field();
    d->errorReason = error.details.value(QStringLiteral("reason")).toString();
    qCInfo(lcApp) << "session error" << d->errorCode;
    Q_EMIT errorChanged();
}

void Session::clearError()
{
    if (d->errorCode.isEmpty() && d->errorMessage.isEmpty())
        return;
    d->errorCode.clear();
    d->errorMessage.clear();
    d->errorField.clear();
    d->errorReason.clear();
    Q_EMIT errorChanged();
}

void Session::setAccount(const AccountInfo &account)
{
    d->account = account;
    Q_EMIT accountChanged();
}

// ---- public slots ------------------------------------------------------------------------

void Session::restore()
{
    // Once signed in, the open cache is the account: restoring again would reopen it.
    if (d->busy || d->state == State::Ready)
        return;
    detach(restoreTask());
}

void Session::signIn(const QString &serverUrl, const QString &handle, const QString &password)
{
    if (d->busy)
        return;
    detach(signInTask(serverUrl, handle, QString(), password, false));
}

void Session::createAccount(const QString &serverUrl, const QString &handle, const QString &displayName,
                            const QString &password)
{
    if (d->busy)
        return;
    detach(signInTask(serverUrl, handle, displayName, password, true));
}

void Session::submitPassphrase(const QString &passphrase)
{
    if (d->busy || d->state != State::NeedsPassphrase)
        return;
    detach(passphraseTask(passphrase));
}

void Session::signOut()
{
    if (d->busy)
        return;
    detach(signOutTask(true));
}

void Session::resetCache()
{
    if (d->busy)
        return;
    detach(signOutTask(false));
}

void Session::syncNow()
{
    if (d->state == State::Ready)
        d->engine->requestPull();
}

void Session::loadDeviceSessions()
{
    detach(deviceSessionsTask({}, false));
}

void Session::endDeviceSession(const QString &id)
{
    if (!id.isEmpty())
        detach(deviceSessionsTask(id, false));
}

void Session::endOtherDeviceSessions()
{
    detach(deviceSessionsTask({}, true));
}

void Session::setDeviceSessionsStatus(const QString &status, const QString &error)
{
    d->deviceSessionsStatus = status;
    d->deviceSessionsError = error;
    Q_EMIT deviceSessionsChanged();
}

QCoro::Task<void> Session::deviceSessionsTask(QString endId, bool endOthers)
{
    QPointer<Session> self(this);
    if (d->state != State::Ready) {
        setDeviceSessionsStatus(QStringLiteral("error"), QStringLiteral("Not signed in."));
        co_return;
    }
    setDeviceSessionsStatus(QStringLiteral("loading"));
    if (!endId.isEmpty() || endOthers) {
        Result<net::ApiResponse> ended = makeError(ErrorCode::Unknown, QString());
        if (endOthers) {
            const QString path = protocol::endpoints::sessionsEndOthers();
            const QJsonObject noBody;
            ended = co_await d->api->post(path, noBody);
        } else {
            const QString path = protocol::endpoints::session(endId);
            ended = co_await d->api->del(path);
        }
        if (!self)
            co_return;
        // Already gone (ended elsewhere) is what was asked for.
        if (!ended && ended.error().code != ErrorCode::NotFound) {
            setDeviceSessionsStatus(QStringLiteral("error"), ended.error().message);
            co_return;
        }
    }
    const QString path = protocol::endpoints::sessions();
    auto reply = co_await d->api->get(path);
    if (!self)
        co_return;
    if (!reply) {
        setDeviceSessionsStatus(QStringLiteral("error"), reply.error().message);
        co_return;
    }
    const auto when = [](const QJsonValue &value) {
        return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
    };
    QVariantList items;
    const QJsonArray list = reply->body.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        items.append(QVariantMap{
            {QStringLiteral("id"), o.value(QStringLiteral("id")).toString()},
            {QStringLiteral("deviceName"), o.value(QStringLiteral("device_name")).toString()},
            {QStringLiteral("platform"), o.value(QStringLiteral("platform")).toString()},
            {QStringLiteral("place"), o.value(QStringLiteral("place")).toString()},
            {QStringLiteral("createdAt"), when(o.value(QStringLiteral("created_at")))},
            {QStringLiteral("lastSeenAt"), when(o.value(QStringLiteral("last_seen_at")))},
            {QStringLiteral("current"), o.value(QStringLiteral("current")).toBool()},
            {QStringLiteral("ended"), !o.value(QStringLiteral("ended_at")).isNull()},
            {QStringLiteral("endedAt"), when(o.value(QStringLiteral("ended_at")))},
        });
    }
    d->deviceSessions = items;
    setDeviceSessionsStatus(QStringLiteral("ready"));
}

// ---- getters -----------------------------------------------------------------------------

Session::State Session::state() const { return d->state; }
bool Session::ready() const { return d->state == State::Ready; }
bool Session::busy() const { return d->busy; }
bool Session::online() const { return d->online; }
QString Session::serverUrl() const { return d->account.serverUrl; }
QString Session::userId() const { return d->account.userId; }
QString Session::handle() const { return d->account.handle; }
QString Session::displayName() const { return d->account.displayName; }
bool Session::passphraseIsNew() const { return d->passphraseIsNew; }

bool Session::keyInKeychain() const
{
    return d->state == State::Ready && d->options.keyBackend == KeyBackend::Auto && !d->account.userId.isEmpty()
        && !d->files.hasPassphraseParams(d->account.userId);
}

std::optional<security::KeychainEntry> Session::appLockKeychainEntry() const
{
    if (!keyInKeychain())
        return std::nullopt;
    return security::KeychainEntry{d->options.keychainService, appLockEntry(d->account.serverUrl, d->account.userId)};
}

security::KeychainEntryQuery Session::appLockKeychain()
{
    return [self = QPointer<Session>(this)]() -> std::optional<security::KeychainEntry> {
        return self ? self->appLockKeychainEntry() : std::nullopt;
    };
}
QDateTime Session::lastSyncedAt() const { return d->engine->lastSyncedAt(); }
qint64 Session::cursor() const { return d->engine->cursor(); }
QString Session::errorCode() const { return d->errorCode; }
QString Session::errorMessage() const { return d->errorMessage; }
QString Session::errorField() const { return d->errorField; }
net::ApiClient *Session::api() const { return d->api; }
QVariantList Session::deviceSessions() const { return d->deviceSessions; }
QString Session::deviceSessionsStatus() const { return d->deviceSessionsStatus; }
QString Session::deviceSessionsError() const { return d->deviceSessionsError; }
QString Session::errorReason() const { return d->errorReason; }
bool Session::signInCodeRequired() const { return !d->challenge.isEmpty(); }
QString Session::securityStatus() const { return d->securityStatus; }
QString Session::securityError() const { return d->securityError; }
QString Session::securityErrorReason() const { return d->securityErrorReason; }
bool Session::totpEnabled() const { return d->totpEnabled; }
qint64 Session::stepUpThreshold() const { return d->stepUpThreshold; }
QString Session::totpSecret() const { return d->totpSecret; }
QString Session::totpUri() const { return d->totpUri; }
QStringList Session::recoveryCodes() const { return d->recoveryCodes; }
net::WsSession *Session::live() const { return d->live; }
SyncEngine *Session::syncEngine() const { return d->engine; }
storage::Cache *Session::cache() const { return d->cache; }

void Session::notifyLocaleChanged()
{
    d->cache->notifyLocaleChanged();
    Q_EMIT localeChanged();
}

QString Session::cachePath() const
{
    return d->account.userId.isEmpty() ? QString() : d->files.cachePath(d->account.userId);
}

bool Session::cacheDamaged() const { return d->cacheDamaged; }
QString Session::keptCachePath() const { return d->keptCachePath; }

void Session::cacheIsDamaged(const QString &why, const QVariantMap &details)
{
    const QString path = d->files.cachePath(d->account.userId);
    QVariantMap all = details;
    all.insert(QStringLiteral("reason"), QStringLiteral("cache_damaged"));
    all.insert(QStringLiteral("path"), path);
    d->cacheDamaged = true;
    const bool alreadyLocked = d->state == State::CacheLocked;
    fail(makeError(ErrorCode::CacheLocked,
                   QStringLiteral("The local cache %1 is damaged: %2. Nothing was changed. Sign in again to rebuild it "
                                  "from the server; the damaged file is kept aside.")
                       .arg(path, why),
                   all));
    setState(State::CacheLocked);
    if (alreadyLocked)
        Q_EMIT stateChanged(); // for cacheDamaged
}

QString Session::setDamagedCacheAside(const QString &userId)
{
    const QString suffix = QStringLiteral(".damaged-") + Clock::instance()->nowUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString cache = d->files.cachePath(userId);
    QString kept;
    const QStringList files = storage::cacheFiles(cache) + QStringList{d->files.passphraseParamsPath(userId)};
    for (const QString &file : files) {
        if (!QFile::exists(file))
            continue;
        if (!QFile::rename(file, file + suffix)) {
            qCWarning(lcDb) << "could not move" << file << "aside";
            continue;
        }
        if (file == cache)
            kept = file + suffix;
    }
    qCInfo(lcDb) << "damaged cache kept as" << kept;
    return kept;
}

// ---- flows -------------------------------------------------------------------------------

QCoro::Task<void> Session::restoreTask()
{
    QPointer<Session> self(this);
    setBusy(true);
    clearError();
    d->cacheDamaged = false;
    auto account = d->files.readAccount();
    if (!account) {
        if (account.error().code != ErrorCode::NotFound)
            fail(account.error());
        setAccount({});
        setState(State::SignedOut);
        setBusy(false);
        co_return;
    }
    setAccount(*account);
    d->pendingTokens.reset();
    co_await unlockTask();
    if (self)
        setBusy(false);
}

QCoro::Task<void> Session::unlockTask()
{
    QPointer<Session> self(this);
    const QString userId = d->account.userId;
    // An empty file would open as a new, empty database: say what happened instead.
    if (const QFileInfo cache(d->files.cachePath(userId)); cache.exists() && cache.size() == 0) {
        cacheIsDamaged(QStringLiteral("it is empty (0 bytes)"));
        co_return;
    }
    if (d->files.hasPassphraseParams(userId)) {
        d->purpose = Private::PassphrasePurpose::Unlock;
        d->passphraseIsNew = false;
        setState(State::NeedsPassphrase);
        co_return;
    }
    if (d->options.keyBackend == KeyBackend::PassphraseOnly) {
        // The key of this cache was kept in the keychain, which this run may not ask.
        fail(makeError(ErrorCode::KeychainUnavailable,
                       QStringLiteral("This account's cache key is in the system keychain, which is not in use.")));
        setState(State::CacheLocked);
        co_return;
    }
    const QString entry = cacheKeyEntry(d->account.serverUrl, userId);
    auto key = co_await d->keyStore.loadKey(entry);
    if (!self)
        co_return;
    bool legacy = false;
    if (!key && key.error().code == ErrorCode::NotFound) {
        // Kept before entries carried the server: read the old name once; once the cache
        // opened with it, the key moves to the new name (below).
        key = co_await d->keyStore.loadKey(legacyCacheKeyEntry(userId));
        if (!self)
            co_return;
        legacy = key.ok();
    }
    if (!key) {
        // Without the keychain's key no passphrase can open this cache (it was never made
        // from one), so this is CacheLocked, not NeedsPassphrase: unlock the keychain and
        // retry, or sign in again to rebuild.
        Error e = key.error();
        if (e.code == ErrorCode::NotFound)
            e = makeError(ErrorCode::CacheLocked, QStringLiteral("The key of the local cache is missing."));
        fail(e);
        setState(State::CacheLocked);
        co_return;
    }
    const QByteArray opening = *key;
    // Before Ready: the app lock reads its hash from the new name as soon as the cache opens.
    co_await moveLegacyAppLockEntry(d->account.serverUrl, userId);
    if (!self)
        co_return;
    co_await openCacheTask(opening);
    if (!self || !legacy || d->state != State::Ready)
        co_return;
    Status moved = co_await d->keyStore.storeKey(entry, opening);
    if (!self)
        co_return;
    if (!moved) {
        qCWarning(lcSecurity) << "could not move the cache key to its new keychain entry:" << moved.error().codeName();
        co_return;
    }
    // The old name belonged to this cache only: the one that opened with it.
    Status removed = co_await d->keyStore.deleteKey(legacyCacheKeyEntry(userId));
    if (self && !removed)
        qCWarning(lcSecurity) << "could not delete the old keychain entry:" << removed.error().codeName();
    if (self)
        qCInfo(lcSecurity) << "cache key moved to the keychain entry" << entry;
}

QCoro::Task<void> Session::moveLegacyAppLockEntry(QString serverUrl, QString userId)
{
    // An app-lock hash kept under "<userId>.applock" (before entries carried the server)
    // moves once to this account's own name: read the old, write the new, and delete the
    // old only once the new one is written. An entry already under the new name is never
    // overwritten; the old one then stays for whichever account it belongs to.
    QPointer<Session> self(this);
    const QString legacy = legacyAppLockEntry(userId);
    const QString entry = appLockEntry(serverUrl, userId);
    Result<QByteArray> old = co_await d->keyStore.loadSecret(legacy);
    if (!self)
        co_return;
    if (!old) {
        if (old.error().code != ErrorCode::NotFound)
            qCWarning(lcSecurity) << "could not read the old app-lock entry:" << old.error().codeName();
        co_return;
    }
    Result<QByteArray> current = co_await d->keyStore.loadSecret(entry);
    if (!self)
        co_return;
    if (current || current.error().code != ErrorCode::NotFound) {
        if (!current)
            qCWarning(lcSecurity) << "could not read the app-lock entry:" << current.error().codeName();
        co_return;
    }
    const QByteArray hash = *old;
    Status stored = co_await d->keyStore.storeSecret(entry, hash);
    if (!self)
        co_return;
    if (!stored) {
        qCWarning(lcSecurity) << "could not move the app-lock hash to its new keychain entry:"
                              << stored.error().codeName();
        co_return;
    }
    Status removed = co_await d->keyStore.deleteKey(legacy);
    if (!self)
        co_return;
    if (!removed)
        qCWarning(lcSecurity) << "could not delete the old app-lock entry:" << removed.error().codeName();
    qCInfo(lcSecurity) << "app-lock hash moved to the keychain entry" << entry;
}

QCoro::Task<void> Session::openCacheTask(QByteArray key)
{
    QPointer<Session> self(this);
    const QString userId = d->account.userId;
    const QString path = d->files.cachePath(userId);
    if (d->pendingTokens) {
        if (!QDir().mkpath(d->files.accountDir(userId))) {
            fail(makeError(ErrorCode::Storage, QStringLiteral("Cannot create the folder of the local cache.")));
            setState(State::SignedOut);
            co_return;
        }
        QFile::setPermissions(d->files.accountDir(userId),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    } else if (!QFile::exists(path)) {
        // Opening would silently make an empty cache; a missing one is the user's to rebuild.
        fail(makeError(ErrorCode::CacheLocked, QStringLiteral("The local cache is missing.")));
        setState(State::CacheLocked);
        co_return;
    }
    auto opened = co_await d->engine->open(path, key, userId);
    if (!self)
        co_return;
    if (!opened) {
        if (opened.error().details.value(QStringLiteral("damaged")).toBool()) {
            qCWarning(lcDb) << "the cache is damaged:" << opened.error().message;
            cacheIsDamaged(QStringLiteral("it is cut short or corrupted"), opened.error().details);
            co_return;
        }
        if (d->state == State::NeedsPassphrase && opened.error().code == ErrorCode::CacheLocked) {
            // Most likely a typo: stay here so the user can try again (signOut/resetCache remain).
            fail(makeError(ErrorCode::CacheLocked, QStringLiteral("Wrong passphrase, or the cache is damaged.")));
            co_return;
        }
        // Wrong key, not a database, damaged, or newer than this build: never delete or
        // recreate it here; the user decides (resetCache or sign in again).
        Error e = opened.error();
        if (e.code != ErrorCode::CacheLocked)
            e = makeError(ErrorCode::CacheLocked, e.message, e.details);
        fail(e);
        setState(State::CacheLocked);
        co_return;
    }
    d->cache->attach(cachePath(), key, d->account.userId);
    QString access;
    QString refresh;
    if (d->pendingTokens) {
        access = d->pendingTokens->accessToken;
        refresh = d->pendingTokens->refreshToken;
        d->pendingTokens.reset();
        const QHash<QString, QString> values = accountValues(access, refresh);
        Status st = co_await d->engine->setValues(values);
        if (!self)
            co_return;
        if (!st) {
            fail(st.error());
            co_await d->engine->close();
            if (self)
                setState(State::SignedOut);
            co_return;
        }
        if (auto written = d->files.writeAccount(d->account); !written) {
            fail(written.error());
            co_await d->engine->close();
            if (self)
                setState(State::SignedOut);
            co_return;
        }
    } else {
        access = opened->values.value(storage::kv::kAccessToken);
        refresh = opened->values.value(storage::kv::kRefreshToken);
        if (refresh.isEmpty()) {
            co_await d->engine->close();
            if (!self)
                co_return;
            d->cache->detach();
            fail(makeError(ErrorCode::Unauthorized, QStringLiteral("Sign in again to continue.")));
            setState(State::SignedOut);
            co_return;
        }
    }
    d->api->setBaseUrl(QUrl(d->account.serverUrl));
    d->api->setTokens(access, refresh);
    startLive();
}

void Session::startLive()
{
    // Signed in again: what the sign-in screen offered about earlier caches is past (a
    // deleted account's copy not deleted then stays on disk, as "Keep it" would).
    d->keptCachePath.clear();
    if (!d->leftover.userId.isEmpty()) {
        d->leftover = {};
        Q_EMIT leftoverCacheChanged();
    }
    setState(State::Ready);
    Q_EMIT syncedChanged();
    d->engine->setLiveSession(d->live);
    d->live->start();
    d->engine->requestPull();
}

QHash<QString, QString> Session::accountValues(const QString &access, const QString &refresh) const
{
    return {
        {storage::kv::kAccessToken, access},
        {storage::kv::kRefreshToken, refresh},
        {storage::kv::kUserId, d->account.userId},
        {storage::kv::kHandle, d->account.handle},
        {storage::kv::kDisplayName, d->account.displayName},
        {storage::kv::kServerUrl, d->account.serverUrl},
    };
}

QCoro::Task<void> Session::signInTask(QString serverUrl, QString handle, QString displayName, QString password,
                                      bool create)
{
    QPointer<Session> self(this);
    if (d->state == State::Ready) {
        fail(makeError(ErrorCode::Conflict, QStringLiteral("Sign out first.")));
        co_return;
    }
    const QUrl url(serverUrl.trimmed());
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        fail(makeError(ErrorCode::ValidationFailed, QStringLiteral("The server address is not an http(s) URL."),
                       {{QStringLiteral("field"), QStringLiteral("server")}}));
        co_return;
    }
    setBusy(true);
    clearError();
    d->api->setBaseUrl(url);
    // Not a ?: of two co_awaits: GCC 12 destroys the chosen temporary twice.
    Result<protocol::AuthTokens> tokens = makeError(ErrorCode::Cancelled, QString());
    if (create)
        tokens = co_await d->api->registerAccount(handle, displayName, password);
    else
        tokens = co_await d->api->login(handle, password, d->files.deviceToken(url.toString(), handle));
    if (!self)
        co_return;
    if (!tokens) {
        if (!create && tokens.error().details.value(QStringLiteral("reason")).toString() == u"totp_required") {
            // The password was right; the tokens wait for the authenticator's code.
            d->challenge = tokens.error().details.value(QStringLiteral("challenge")).toString();
            d->challengeUrl = url;
            d->challengeHandle = handle;
            clearError();
            setBusy(false);
            Q_EMIT signInCodeRequiredChanged();
            co_return;
        }
        fail(tokens.error());
        setBusy(false);
        co_return;
    }
    const protocol::AuthTokens issued = *tokens;
    co_await completeSignIn(url, handle, issued);
}

QCoro::Task<void> Session::signInCodeTask(QString code, bool recovery)
{
    QPointer<Session> self(this);
    if (d->challenge.isEmpty())
        co_return;
    setBusy(true);
    clearError();
    const QUrl url = d->challengeUrl;
    const QString handle = d->challengeHandle;
    const QString challenge = d->challenge;
    const QString otp = recovery ? QString() : code;
    const QString recoveryCode = recovery ? code : QString();
    const QString deviceToken = d->files.deviceToken(url.toString(), handle);
    Result<protocol::AuthTokens> tokens = co_await d->api->loginWithCode(challenge, otp, recoveryCode, deviceToken);
    if (!self)
        co_return;
    if (!tokens) {
        // A dead challenge (expired, too many wrong codes): back to the password.
        if (tokens.error().details.value(QStringLiteral("reason")).toString() == u"challenge_invalid") {
            d->challenge.clear();
            Q_EMIT signInCodeRequiredChanged();
        }
        fail(tokens.error());
        setBusy(false);
        co_return;
    }
    d->challenge.clear();
    Q_EMIT signInCodeRequiredChanged();
    const protocol::AuthTokens issued = *tokens;
    co_await completeSignIn(url, handle, issued);
}

QCoro::Task<void> Session::completeSignIn(QUrl url, QString handle, protocol::AuthTokens tokens)
{
    QPointer<Session> self(this);
    std::optional<protocol::AuthTokens> signedIn = tokens;
    // Nothing of an earlier account's security settings carries over.
    d->securityStatus = QStringLiteral("idle");
    d->securityError.clear();
    d->securityErrorReason.clear();
    d->totpEnabled = false;
    d->stepUpThreshold = -1;
    d->totpSecret.clear();
    d->totpUri.clear();
    d->recoveryCodes.clear();
    Q_EMIT securityChanged();
    if (!signedIn->deviceToken.isEmpty()) {
        if (const Status kept = d->files.writeDeviceToken(url.toString(), handle, signedIn->deviceToken); !kept)
            qCWarning(lcApp) << "could not keep the device token:" << kept.error().message;
    }

    // Signing in always builds a fresh cache: drop whatever an earlier account (or a locked
    // cache) left behind. The user asked for this by signing in; the server refills it.
    co_await forgetLocalAccount();
    if (!self)
        co_return;
    AccountInfo account;
    account.serverUrl = url.toString(QUrl::StripTrailingSlash);
    account.userId = signedIn->user.id;
    account.handle = signedIn->user.handle;
    account.displayName = signedIn->user.displayName;
    setAccount(account);
    d->pendingTokens = *signedIn;

    if (d->options.keyBackend == KeyBackend::Auto) {
        // An entry of this very account on this server (another profile of it on this
        // machine) is never overwritten: its key serves this cache too.
        const QString entry = cacheKeyEntry(account.serverUrl, account.userId);
        Result<QByteArray> existing = co_await d->keyStore.loadKey(entry);
        if (!self)
            co_return;
        QByteArray key = existing ? *existing : security::randomKey();
        // Not a ?: around the co_await (GCC 12).
        Status stored;
        if (!existing && existing.error().code == ErrorCode::NotFound)
            stored = co_await d->keyStore.storeKey(entry, key);
        else if (!existing)
            stored = existing.error();
        if (!self)
            co_return;
        if (stored) {
            co_await openCacheTask(key);
            if (self)
                setBusy(false);
            co_return;
        }
        if (stored.error().code != ErrorCode::KeychainUnavailable) {
            fail(stored.error());
            d->pendingTokens.reset();
            setState(State::SignedOut);
            setBusy(false);
            co_return;
        }
        qCInfo(lcSecurity) << "no keychain; asking for a passphrase";
    }
    d->purpose = Private::PassphrasePurpose::NewCache;
    d->passphraseIsNew = true;
    setState(State::NeedsPassphrase);
    setBusy(false);
}

QCoro::Task<void> Session::passphraseTask(QString passphrase)
{
    QPointer<Session> self(this);
    const QString userId = d->account.userId;
    security::PassphraseParams params;
    if (d->passphraseIsNew) {
        if (passphrase.size() < kMinPassphraseChars) {
            fail(makeError(ErrorCode::ValidationFailed,
                           QStringLiteral("The passphrase needs at least %1 characters.").arg(kMinPassphraseChars),
                           {{QStringLiteral("field"), QStringLiteral("passphrase")}}));
            co_return;
        }
        params = security::PassphraseParams::generate();
    } else {
        auto json = d->files.readPassphraseParams(userId);
        auto parsed = json ? security::PassphraseParams::fromJson(*json) : Result<security::PassphraseParams>(json.error());
        if (!parsed) {
            fail(makeError(ErrorCode::CacheLocked, parsed.error().message));
            setState(State::CacheLocked);
            co_return;
        }
        params = *parsed;
    }
    setBusy(true);
    clearError();
    // Argon2id takes about half a second on purpose: never on the UI thread.
    // The future is a local, not a temporary of the co_await: GCC 12 destroys a lambda
    // temporary in a co_await expression twice.
    QFuture<Result<QByteArray>> derived =
        QtConcurrent::run([passphrase, params] { return security::deriveKey(passphrase, params); });
    Result<QByteArray> key = co_await derived;
    if (!self)
        co_return;
    if (!key) {
        fail(key.error());
        setBusy(false);
        co_return;
    }
    if (d->passphraseIsNew) {
        if (auto st = d->files.writePassphraseParams(userId, params.toJson()); !st) {
            fail(st.error());
            setBusy(false);
            co_return;
        }
        co_await openCacheTask(*key);
        if (self)
            setBusy(false);
        co_return;
    }
    co_await openCacheTask(*key);
    if (self)
        setBusy(false);
}

QCoro::Task<void> Session::forgetLocalAccount()
{
    QPointer<Session> self(this);
    d->live->stop();
    co_await d->engine->close(); // which lets go of the live connection first
    if (!self)
        co_return;
    d->cache->detach();
    QString userId = d->account.userId;
    QString serverUrl = d->account.serverUrl;
    if (userId.isEmpty()) {
        if (auto saved = d->files.readAccount()) {
            userId = saved->userId;
            serverUrl = saved->serverUrl;
        }
    }
    if (!userId.isEmpty() && d->cacheDamaged) {
        // Never deleted unasked: moved aside, and its key (keychain entry or passphrase
        // parameters) kept, so it can still be read.
        d->keptCachePath = setDamagedCacheAside(userId);
        d->cacheDamaged = false;
    } else if (!userId.isEmpty()) {
        const bool keychainKey = !d->files.hasPassphraseParams(userId);
        d->files.removeLocalData(userId);
        if (keychainKey && d->options.keyBackend == KeyBackend::Auto) {
            Status st = co_await d->keyStore.deleteKey(cacheKeyEntry(serverUrl, userId));
            if (!self)
                co_return;
            if (!st)
                qCWarning(lcSecurity) << "could not delete the cache key:" << st.error().codeName();
            st = co_await d->keyStore.deleteKey(appLockEntry(serverUrl, userId));
            if (!self)
                co_return;
            if (!st)
                qCWarning(lcSecurity) << "could not delete the app-lock hash:" << st.error().codeName();
        }
    }
    d->files.removeAccount();
}

QCoro::Task<void> Session::signOutTask(bool logout)
{
    QPointer<Session> self(this);
    setBusy(true);
    clearError();
    d->live->stop();
    if (logout && d->api->hasTokens()) {
        Status st = co_await d->api->logout(); // best effort: forgets the tokens either way
        if (!self)
            co_return;
        if (!st)
            qCInfo(lcApp) << "logout on the server failed:" << st.error().codeName();
    }
    co_await forgetLocalAccount();
    if (!self)
        co_return;
    d->api->setTokens(QString(), QString());
    d->pendingTokens.reset();
    d->passphraseIsNew = false;
    setAccount({});
    setState(State::SignedOut);
    setBusy(false);
}

// ---- the account: password, deletion, new sign-ins (docs/api.md "Account") --------------

namespace {

QVariantMap failure(const Error &e)
{
    return {{QStringLiteral("ok"), false},
            {QStringLiteral("code"), e.codeName()},
            {QStringLiteral("reason"), e.details.value(QStringLiteral("reason")).toString()},
            {QStringLiteral("field"), e.field()},
            {QStringLiteral("message"), e.message}};
}

} // namespace

void Session::changePassword(const QString &currentPassword, const QString &newPassword)
{
    detach(changePasswordTask(currentPassword, newPassword));
}

void Session::deleteAccount(const QString &password)
{
    detach(deleteAccountTask(password));
}

void Session::deleteLeftoverCache()
{
    detach(deleteLeftoverTask());
}

void Session::keepLeftoverCache()
{
    if (d->leftover.userId.isEmpty())
        return;
    qCInfo(lcApp) << "the deleted account's cache is kept at" << d->files.cachePath(d->leftover.userId);
    d->leftover = {};
    Q_EMIT leftoverCacheChanged();
}

bool Session::hasLeftoverCache() const { return !d->leftover.userId.isEmpty(); }

QString Session::leftoverCachePath() const
{
    return d->leftover.userId.isEmpty() ? QString() : d->files.cachePath(d->leftover.userId);
}

QCoro::Task<void> Session::changePasswordTask(QString currentPassword, QString newPassword)
{
    QPointer<Session> self(this);
    if (d->state != State::Ready) {
        Q_EMIT passwordChangeFinished(failure(makeError(ErrorCode::Unauthorized, QStringLiteral("Not signed in."))));
        co_return;
    }
    const QJsonObject body{{QStringLiteral("current_password"), currentPassword},
                           {QStringLiteral("new_password"), newPassword}};
    const QString path = protocol::endpoints::accountPassword();
    auto reply = co_await d->api->post(path, body);
    if (!self)
        co_return;
    if (!reply) {
        Q_EMIT passwordChangeFinished(failure(reply.error()));
        co_return;
    }
    const qint64 ended = reply->body.value(QStringLiteral("ended")).toInteger();
    qCInfo(lcApp) << "password changed;" << ended << "other sessions ended";
    Q_EMIT passwordChangeFinished({{QStringLiteral("ok"), true}, {QStringLiteral("ended"), ended}});
    // The list of devices is shorter now.
    if (d->deviceSessionsStatus != u"idle")
        loadDeviceSessions();
}

QCoro::Task<void> Session::deleteAccountTask(QString password)
{
    QPointer<Session> self(this);
    if (d->state != State::Ready || d->deletingAccount) {
        Q_EMIT accountDeletionFinished(failure(makeError(ErrorCode::Conflict, QStringLiteral("Not signed in."))));
        co_return;
    }
    d->deletingAccount = true;
    const QJsonObject body{{QStringLiteral("password"), password}};
    const QString path = protocol::endpoints::accountDelete();
    auto reply = co_await d->api->post(path, body);
    if (!self)
        co_return;
    if (!reply) {
        d->deletingAccount = false;
        Q_EMIT accountDeletionFinished(failure(reply.error()));
        co_return;
    }
    // Gone on the server: sign out here, but keep the cache and its key until the user
    // says (leftoverCache). account.json goes: nobody can sign in to it again.
    const AccountInfo gone = d->account;
    d->live->stop();
    d->engine->setLiveSession(nullptr);
    co_await d->engine->close();
    if (!self)
        co_return;
    d->cache->detach();
    d->files.removeAccount();
    d->api->setTokens(QString(), QString());
    d->leftover = gone;
    d->deletingAccount = false;
    setAccount({});
    clearError();
    setState(State::SignedOut);
    qCInfo(lcApp) << "account" << gone.userId << "deleted; its cache is kept until the user decides";
    Q_EMIT leftoverCacheChanged();
    Q_EMIT accountDeletionFinished({{QStringLiteral("ok"), true}});
}

QCoro::Task<void> Session::deleteLeftoverTask()
{
    QPointer<Session> self(this);
    const AccountInfo gone = d->leftover;
    if (gone.userId.isEmpty())
        co_return;
    const bool keychainKey = !d->files.hasPassphraseParams(gone.userId);
    d->files.removeLocalData(gone.userId);
    if (keychainKey && d->options.keyBackend == KeyBackend::Auto) {
        Status st = co_await d->keyStore.deleteKey(cacheKeyEntry(gone.serverUrl, gone.userId));
        if (!self)
            co_return;
        if (!st)
            qCWarning(lcSecurity) << "could not delete the cache key:" << st.error().codeName();
        st = co_await d->keyStore.deleteKey(appLockEntry(gone.serverUrl, gone.userId));
        if (!self)
            co_return;
        if (!st)
            qCWarning(lcSecurity) << "could not delete the app-lock hash:" << st.error().codeName();
    }
    d->leftover = {};
    Q_EMIT leftoverCacheChanged();
}

void Session::onNotice(const QString &type, const QJsonObject &data)
{
    if (d->state != State::Ready || protocol::noticeTypeFromName(type) != protocol::NoticeType::SessionCreated)
        return;
    const QString device = data.value(QStringLiteral("device_name")).toString();
    const QString platform = data.value(QStringLiteral("platform")).toString();
    const QString place = data.value(QStringLiteral("place")).toString();
    qCInfo(lcApp) << "new sign-in on another device:" << device << platform << place;
    Q_EMIT newSignIn(device, platform, place);
    // Settings → Sessions shows it if it was read once.
    if (d->deviceSessionsStatus != u"idle")
        loadDeviceSessions();
}

void Session::submitSignInCode(const QString &code, bool recovery)
{
    if (d->busy || d->challenge.isEmpty())
        return;
    if (code.trimmed().isEmpty()) {
        fail(makeError(ErrorCode::ValidationFailed, QStringLiteral("Enter the code."), {{QStringLiteral("field"), QStringLiteral("code")}}));
        return;
    }
    detach(signInCodeTask(code, recovery));
}

void Session::cancelSignInCode()
{
    if (d->challenge.isEmpty())
        return;
    d->challenge.clear();
    clearError();
    Q_EMIT signInCodeRequiredChanged();
}

void Session::setSecurityStatus(const QString &status, const Error &error)
{
    d->securityStatus = status;
    d->securityError = error.message;
    d->securityErrorReason = error.details.value(QStringLiteral("reason")).toString();
    if (d->securityErrorReason.isEmpty() && status == u"error")
        d->securityErrorReason = error.codeName();
    Q_EMIT securityChanged();
}

void Session::applySecurity(const QJsonObject &body)
{
    if (body.contains(QStringLiteral("totp_enabled")))
        d->totpEnabled = body.value(QStringLiteral("totp_enabled")).toBool();
    if (body.contains(QStringLiteral("stepup_threshold_minor"))) {
        const QJsonValue threshold = body.value(QStringLiteral("stepup_threshold_minor"));
        d->stepUpThreshold = threshold.isDouble() ? threshold.toInteger() : -1;
    }
    if (body.contains(QStringLiteral("secret"))) {
        d->totpSecret = body.value(QStringLiteral("secret")).toString();
        d->totpUri = body.value(QStringLiteral("otpauth_uri")).toString();
    }
    if (body.contains(QStringLiteral("recovery_codes"))) {
        d->recoveryCodes.clear();
        for (const QJsonValue &code : body.value(QStringLiteral("recovery_codes")).toArray())
            d->recoveryCodes.append(code.toString());
        // Enrolled: the secret is in the authenticator now, not needed here any more.
        d->totpSecret.clear();
        d->totpUri.clear();
    }
    if (!d->totpEnabled && !body.contains(QStringLiteral("secret")) && !body.value(QStringLiteral("totp_pending")).toBool()) {
        d->totpSecret.clear();
        d->totpUri.clear();
    }
}

void Session::loadSecurity()
{
    detach(securityTask(QStringLiteral("GET"), protocol::endpoints::accountSecurity(), {}));
}

void Session::startTotpSetup(const QString &password)
{
    if (password.isEmpty()) {
        setSecurityStatus(QStringLiteral("error"), makeError(ErrorCode::ValidationFailed, QStringLiteral("Enter your password."),
                                                             {{QStringLiteral("reason"), QStringLiteral("password_missing")}}));
        return;
    }
    detach(securityTask(QStringLiteral("POST"), protocol::endpoints::totpSetup(), {{QStringLiteral("password"), password}}));
}

void Session::confirmTotpSetup(const QString &code)
{
    detach(securityTask(QStringLiteral("POST"), protocol::endpoints::totpConfirm(), {{QStringLiteral("code"), code.trimmed()}}));
}

void Session::forgetRecoveryCodes()
{
    if (d->recoveryCodes.isEmpty())
        return;
    d->recoveryCodes.clear();
    Q_EMIT securityChanged();
}

void Session::disableTotp(const QString &code, bool recovery)
{
    const QJsonObject body{{recovery ? QStringLiteral("recovery_code") : QStringLiteral("code"), code.trimmed()}};
    detach(securityTask(QStringLiteral("POST"), protocol::endpoints::totpDisable(), body));
}

void Session::setStepUpThreshold(const QString &amountText, const QString &currency, const QString &proof)
{
    QJsonObject body{{QStringLiteral("stepup_threshold_minor"), QJsonValue(QJsonValue::Null)}};
    if (!amountText.trimmed().isEmpty()) {
        const auto amount = Money::parse(amountText, currency);
        if (!amount || amount->minor() < 1 || amount->minor() > Money::kMaxApiAmount) {
            setSecurityStatus(QStringLiteral("error"),
                              makeError(ErrorCode::InvalidAmount, QStringLiteral("Enter an amount, such as 100."),
                                        {{QStringLiteral("reason"), QStringLiteral("invalid_amount")}}));
            return;
        }
        body.insert(QStringLiteral("stepup_threshold_minor"), amount->minor());
    }
    detach(securityTask(QStringLiteral("PATCH"), protocol::endpoints::accountSecurity(), body, proof));
}

QCoro::Task<Result<QString>> Session::stepUpToken(QString secret, bool isCode)
{
    const QString path = protocol::endpoints::authStepUp();
    const QJsonObject body{{isCode ? QStringLiteral("code") : QStringLiteral("password"), isCode ? secret.trimmed() : secret}};
    auto reply = co_await d->api->post(path, body);
    if (!reply)
        co_return reply.error();
    co_return reply->body.value(QStringLiteral("step_up_token")).toString();
}

QCoro::Task<void> Session::securityTask(QString method, QString path, QJsonObject body, QString stepUpProof)
{
    QPointer<Session> self(this);
    if (d->state != State::Ready) {
        setSecurityStatus(QStringLiteral("error"), makeError(ErrorCode::Unauthorized, QStringLiteral("Not signed in.")));
        co_return;
    }
    setSecurityStatus(QStringLiteral("loading"));
    net::RequestOptions options;
    if (!stepUpProof.isEmpty()) {
        // A code is digits only; anything else is the password.
        bool digits = stepUpProof.trimmed().size() == 6;
        for (QChar c : stepUpProof.trimmed())
            digits = digits && c.isDigit();
        Result<QString> token = co_await stepUpToken(stepUpProof, digits && d->totpEnabled);
        if (!self)
            co_return;
        if (!token) {
            setSecurityStatus(QStringLiteral("error"), token.error());
            co_return;
        }
        options.stepUpToken = *token;
    }
    Result<net::ApiResponse> reply = makeError(ErrorCode::Unknown, QString());
    if (method == u"GET")
        reply = co_await d->api->get(path, {}, options);
    else if (method == u"PATCH")
        reply = co_await d->api->patch(path, body, options);
    else
        reply = co_await d->api->post(path, body, options);
    if (!self)
        co_return;
    if (!reply) {
        setSecurityStatus(QStringLiteral("error"), reply.error());
        co_return;
    }
    applySecurity(reply->body);
    setSecurityStatus(QStringLiteral("ready"));
}

} // namespace plaza
