// SPDX-License-Identifier: MIT
#include "keystore.h"

#include "common/logging.h"
#include "common/nextsignal.h"
#include "secretservice.h"
#include "sodiuminit.h"

#include <qt6keychain/keychain.h>
#include <sodium.h>


#include <chrono>
#include <memory>

namespace plaza::security {

namespace {

// A Secret Service that is present but never answers (a hung daemon, an unlock prompt
// nobody sees) must not hang the caller forever. Long enough for a person to type the
// keyring password into the desktop's unlock prompt.
constexpr std::chrono::milliseconds kJobTimeout = std::chrono::minutes(2);

//! QtKeychain jobs are owned here (setAutoDelete(false)) and deleted when done.
template<typename JobT>
using JobPtr = std::unique_ptr<JobT>;

template<typename JobT>
JobPtr<JobT> makeJob(const QString &service, const QString &account)
{
    JobPtr<JobT> job(new JobT(service));
    job->setAutoDelete(false);
    // Never the plain-text QSettings file QtKeychain can fall back to.
    job->setInsecureFallback(false);
    job->setKey(account);
    return job;
}

//! Starts \a job and waits for QKeychain::Job::finished. False on timeout; the job is
//! then handed over to itself (autoDelete): the backend still holds a pointer to it,
//! so deleting it here would leave the backend's callback writing into freed memory.
//! A write reported as timed out may therefore still land later; the caller has then
//! moved on to the passphrase path and a later loadKey() may find that key.
template<typename JobT>
QCoro::Task<bool> run(JobPtr<JobT> &job)
{
    job->start();
    const bool finished = co_await nextSignal(job.get(), &QKeychain::Job::finished, kJobTimeout);
    if (!finished) {
        JobT *orphan = job.release();
        orphan->setAutoDelete(true);
        co_return false;
    }
    co_return true;
}

Error timeoutError(const QString &what)
{
    return makeError(ErrorCode::KeychainUnavailable,
                     QStringLiteral("The OS keychain did not answer while trying to %1.").arg(what),
                     {{QStringLiteral("timeout"), true}});
}

//! Maps a failed job to an Error. QtKeychain's errorString is included for the logs: it
//! comes from the backend and never carries the secret.
Error jobError(const QKeychain::Job &job, const QString &what)
{
    const QString backend = job.errorString();
    QVariantMap details{{QStringLiteral("keychain_error"), int(job.error())}};
    if (job.error() == QKeychain::EntryNotFound)
        return makeError(ErrorCode::NotFound, QStringLiteral("No key in the OS keychain for this account."), details);

    // libsecret reports a locked collection either as SECRET_ERROR_IS_LOCKED (mapped to
    // AccessDenied by QtKeychain) or as a plain message from gnome-keyring, e.g. "Cannot
    // create an item in a locked collection" when nobody can answer the unlock prompt.
    if (backend.contains(u"locked", Qt::CaseInsensitive)) {
        details.insert(QStringLiteral("locked"), true);
        return makeError(ErrorCode::KeychainUnavailable,
                         QStringLiteral("The keyring is locked, so the key could not %1: %2").arg(what, backend),
                         details);
    }
    QString reason;
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        reason = QStringLiteral("no OS keychain is available");
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        reason = QStringLiteral("access to the OS keychain was denied");
        break;
    default:
        // QtKeychain reports a missing D-Bus session or Secret Service daemon this way.
        reason = QStringLiteral("the OS keychain is not available or failed");
        break;
    }
    return makeError(ErrorCode::KeychainUnavailable,
                     QStringLiteral("The key could not %1: %2 (%3)").arg(what, reason, backend), details);
}

Status checkAccount(const QString &account)
{
    if (account.isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("A keychain entry needs an account id."));
    return {};
}

} // namespace

QByteArray randomKey()
{
    if (!ensureSodium()) {
        // Only when the OS has no usable CSPRNG. An empty key is refused by every user
        // of it (Database::open checks the length), never a weak one.
        qCCritical(lcSecurity) << "libsodium could not initialise; no random key";
        return {};
    }
    QByteArray key(kCacheKeyBytes, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

KeyStore::KeyStore(QString service) : m_service(std::move(service)) { }

QCoro::Task<Result<QByteArray>> KeyStore::loadSecret(QString account)
{
    if (auto st = checkAccount(account); !st)
        co_return st.error();
    auto job = makeJob<QKeychain::ReadPasswordJob>(m_service, account);
    if (!co_await run(job))
        co_return timeoutError(QStringLiteral("read the key"));
    if (job->error() == QKeychain::EntryNotFound
        && co_await secretservice::lookupBlockedByLock(m_service, account)) {
        qCWarning(lcSecurity) << "keychain read found nothing, but the keyring is locked";
        co_return makeError(ErrorCode::KeychainUnavailable,
                            QStringLiteral("The keyring is locked, so the key could not be read."),
                            {{QStringLiteral("keychain_error"), int(job->error())},
                             {QStringLiteral("locked"), true}});
    }
    if (job->error() != QKeychain::NoError) {
        const Error error = jobError(*job, QStringLiteral("be read"));
        if (error.code != ErrorCode::NotFound)
            qCWarning(lcSecurity) << "keychain read failed:" << error.message;
        co_return error;
    }
    co_return job->binaryData();
}

QCoro::Task<Result<QByteArray>> KeyStore::loadKey(QString account)
{
    auto loaded = co_await loadSecret(std::move(account));
    if (!loaded)
        co_return loaded.error();
    QByteArray key = std::move(loaded).value();
    if (key.size() != kCacheKeyBytes) {
        // Never truncate or pad: a key of another length is not this cache's key, and
        // treating it as one would either fail later or, worse, weaken it.
        const auto size = key.size();
        qCWarning(lcSecurity) << "keychain entry has" << size << "bytes instead of" << kCacheKeyBytes;
        co_return makeError(ErrorCode::CacheLocked,
                            QStringLiteral("The key in the OS keychain is malformed (%1 bytes, expected %2).")
                                .arg(size)
                                .arg(kCacheKeyBytes),
                            {{QStringLiteral("reason"), QStringLiteral("malformed_key")}});
    }
    co_return key;
}

QCoro::Task<Status> KeyStore::storeKey(QString account, QByteArray key)
{
    if (key.size() != kCacheKeyBytes) {
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("A cache key must be exactly %1 bytes.").arg(kCacheKeyBytes));
    }
    co_return co_await storeSecret(std::move(account), std::move(key));
}

QCoro::Task<Status> KeyStore::storeSecret(QString account, QByteArray key)
{
    if (auto st = checkAccount(account); !st)
        co_return st;
    if (key.isEmpty() || key.size() > kMaxSecretBytes) {
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("A keychain secret must be 1 to %1 bytes.").arg(kMaxSecretBytes));
    }
    auto job = makeJob<QKeychain::WritePasswordJob>(m_service, account);
    // No wiping here: the caller's buffer, ours and the job's share one implicitly
    // shared block that the caller owns; the key lives on in the caller as the cache key.
    job->setBinaryData(key);
    if (!co_await run(job))
        co_return timeoutError(QStringLiteral("store the key"));
    if (job->error() != QKeychain::NoError) {
        const Error error = jobError(*job, QStringLiteral("be stored"));
        qCWarning(lcSecurity) << "keychain write failed:" << error.message;
        co_return error;
    }
    co_return Status{};
}

QCoro::Task<Status> KeyStore::deleteKey(QString account)
{
    if (auto st = checkAccount(account); !st)
        co_return st;
    auto job = makeJob<QKeychain::DeletePasswordJob>(m_service, account);
    if (!co_await run(job))
        co_return timeoutError(QStringLiteral("delete the key"));
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        const Error error = jobError(*job, QStringLiteral("be deleted"));
        qCWarning(lcSecurity) << "keychain delete failed:" << error.message;
        co_return error;
    }
    // libsecret "clears" a locked item without error and leaves it in place; success
    // must mean the key is gone, so ask whether anything locked could still hold it.
    if (co_await secretservice::lookupBlockedByLock(m_service, account)) {
        qCWarning(lcSecurity) << "keychain delete could not reach a locked keyring";
        co_return makeError(ErrorCode::KeychainUnavailable,
                            QStringLiteral("The keyring is locked, so the key could not be deleted."),
                            {{QStringLiteral("keychain_error"), int(job->error())},
                             {QStringLiteral("locked"), true}});
    }
    co_return Status{}; // deleted, or there was nothing to delete: what the caller wanted
}

} // namespace plaza::security
