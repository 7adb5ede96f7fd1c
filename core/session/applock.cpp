// SPDX-License-Identifier: MIT
#include "applock.h"

#include "common/clock.h"
#include "common/logging.h"
#include "security/keystore.h"
#include "security/secrethash.h"
#include "session/accountcontext.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "sync/cachewriter.h"

#include <QCoroFuture>
#include <QRegularExpression>
#include <QtConcurrent>

#include <chrono>

namespace plaza {

namespace {

const QString kKvHash = QStringLiteral("applock_hash");
const QString kKvIdleMinutes = QStringLiteral("applock_idle_minutes");
constexpr int kMaxIdleMinutes = 24 * 60;
constexpr qint64 kFirstWaitMs = 30'000;
constexpr qint64 kMaxWaitMs = 15 * 60'000;

Error offError()
{
    return makeError(ErrorCode::ValidationFailed, QStringLiteral("Sign in first: the app lock belongs to an account."));
}

} // namespace

AppLock::AppLock(AccountContext *account, security::KeychainEntryQuery keychain, QObject *parent)
    : QObject(parent), m_account(account), m_keychain(std::move(keychain))
{
    // The idle countdown is kept on the clock (last activity + idle minutes), so a moved
    // test clock or a machine that slept locks at once; the timer only wakes us to look.
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &AppLock::checkIdle);
    connect(Clock::instance(), &Clock::jumped, this, &AppLock::checkIdle);
    if (m_account) {
        connect(m_account, &AccountContext::readyChanged, this, [this] {
            if (m_account->ready())
                reloadTask();
            else
                forget();
        });
        if (m_account->ready())
            reloadTask();
    }
}

AppLock::~AppLock() = default;

std::optional<security::KeychainEntry> AppLock::keychainEntry() const
{
    return m_keychain ? m_keychain() : std::nullopt;
}

Status AppLock::checkNewSecret(const QString &kind, const QString &secret)
{
    const QVariantMap field{{QStringLiteral("field"), QStringLiteral("secret")}};
    if (kind == u"pin") {
        static const QRegularExpression digits(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]+")));
        if (!digits.match(secret).hasMatch())
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("A PIN is made of digits only."), field);
        if (secret.size() < kMinPinDigits || secret.size() > kMaxPinDigits) {
            return makeError(ErrorCode::ValidationFailed,
                             QStringLiteral("A PIN has %1 to %2 digits.").arg(kMinPinDigits).arg(kMaxPinDigits), field);
        }
        if (secret.count(secret.front()) == secret.size()) {
            return makeError(ErrorCode::ValidationFailed,
                             QStringLiteral("A PIN of one repeated digit is too easy to guess."), field);
        }
        return {};
    }
    if (kind == u"passphrase") {
        if (secret.trimmed().size() < kMinPassphraseChars) {
            return makeError(ErrorCode::ValidationFailed,
                             QStringLiteral("A passphrase needs at least %1 characters.").arg(kMinPassphraseChars),
                             field);
        }
        return {};
    }
    return makeError(ErrorCode::ValidationFailed, QStringLiteral("The app lock is a \"pin\" or a \"passphrase\"."),
                     {{QStringLiteral("field"), QStringLiteral("kind")}});
}

int AppLock::retryAfterSeconds() const
{
    if (m_throttleMs <= 0 || !m_throttleClock.isValid())
        return 0;
    const qint64 left = m_throttleMs - m_throttleClock.elapsed();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void AppLock::setIdleMinutes(int minutes)
{
    minutes = qBound(0, minutes, kMaxIdleMinutes);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    keepIdleMinutes(minutes);
    m_idleTimer.stop(); // armed for the old length
    noteActivity();
    Q_EMIT idleMinutesChanged();
}

void AppLock::noteActivity()
{
    m_lastActivityMs = Clock::instance()->nowMs();
    // Every key press lands here: re-arm only when nothing is armed (checkIdle re-arms
    // for what is left when it fires early).
    if (!m_idleTimer.isActive())
        checkIdle();
}

void AppLock::checkIdle()
{
    if (!configured() || m_idleMinutes <= 0 || m_locked) {
        m_idleTimer.stop();
        return;
    }
    const qint64 idleMs = qint64(m_idleMinutes) * 60'000;
    const qint64 left = m_lastActivityMs + idleMs - Clock::instance()->nowMs();
    if (left <= 0) {
        setLocked(true);
        return;
    }
    m_idleTimer.start(std::chrono::milliseconds(qMin<qint64>(left, idleMs)));
}

void AppLock::lock()
{
    if (configured())
        setLocked(true);
}

void AppLock::setSecret(const QString &kind, const QString &secret, const QString &current)
{
    setSecretTask(kind, secret, current);
}

void AppLock::verify(const QString &secret)
{
    verifyTask(secret);
}

QCoro::Task<void> AppLock::setSecretTask(QString kind, QString secret, QString current)
{
    QPointer<AppLock> self(this);
    Status st = co_await setSecretAsync(std::move(kind), std::move(secret), std::move(current));
    if (!self)
        co_return;
    if (st)
        Q_EMIT secretSaved();
    else
        Q_EMIT failed(st.error().codeName(), st.error().field());
}

QCoro::Task<void> AppLock::verifyTask(QString secret)
{
    QPointer<AppLock> self(this);
    auto ok = co_await verifyAsync(std::move(secret));
    if (!self)
        co_return;
    if (!ok) {
        Q_EMIT verified(false, ok.error().codeName());
        co_return;
    }
    if (*ok)
        Q_EMIT verified(true, QString());
    else
        Q_EMIT verified(false, QString());
}

QCoro::Task<Status> AppLock::setSecretAsync(QString kind, QString secret, QString current)
{
    QPointer<AppLock> self(this);
    if (!m_account || !m_account->ready())
        co_return offError();
    if (auto st = checkNewSecret(kind, secret); !st)
        co_return st;
    if (configured()) {
        auto ok = co_await verifyAsync(std::move(current));
        if (!self)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
        if (!ok)
            co_return ok.error();
        if (!*ok) {
            co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("The current PIN or passphrase is wrong."),
                                {{QStringLiteral("field"), QStringLiteral("current")}});
        }
    }
    setBusy(true);
    QFuture<Result<QByteArray>> hashing = QtConcurrent::run([secret] { return security::hashSecret(secret); });
    auto hash = co_await hashing;
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
    if (!hash) {
        setBusy(false);
        co_return hash.error();
    }
    const QByteArray stored = kind.toUtf8() + '\n' + *hash;
    Status written = co_await writeStored(stored);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
    setBusy(false);
    if (!written)
        co_return written;
    m_hash = *hash;
    m_kind = kind;
    m_known = true;
    m_failures = 0;
    m_throttleMs = 0;
    Q_EMIT configuredChanged();
    Q_EMIT throttleChanged();
    noteActivity();
    co_return Status{};
}

QCoro::Task<Result<bool>> AppLock::verifyAsync(QString secret)
{
    QPointer<AppLock> self(this);
    if (!configured())
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("No app lock is set."));
    if (const int wait = retryAfterSeconds(); wait > 0) {
        co_return makeError(ErrorCode::RateLimited,
                            QStringLiteral("Too many wrong tries. Try again in %1 s.").arg(wait),
                            {{QStringLiteral("retry_after"), wait}});
    }
    if (secret.isEmpty())
        co_return false;
    setBusy(true);
    const QByteArray hash = m_hash;
    QFuture<bool> checking = QtConcurrent::run([hash, secret] { return security::verifySecret(hash, secret); });
    const bool ok = co_await checking;
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
    setBusy(false);
    if (ok) {
        m_failures = 0;
        m_throttleMs = 0;
        setLocked(false);
        noteActivity();
    } else if (++m_failures >= kFreeAttempts) {
        const int over = qMin(m_failures - kFreeAttempts, 5);
        m_throttleMs = qMin(kFirstWaitMs << over, kMaxWaitMs);
        m_throttleClock.start();
        qCWarning(lcSecurity) << "app lock:" << m_failures << "wrong tries; next try in" << m_throttleMs / 1000 << "s";
    }
    Q_EMIT throttleChanged();
    co_return ok;
}

QCoro::Task<Status> AppLock::reload()
{
    QPointer<AppLock> self(this);
    auto stored = co_await readStored();
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
    if (!stored)
        co_return stored.error();
    const qsizetype newline = stored->indexOf('\n');
    if (newline > 0) {
        m_kind = QString::fromUtf8(stored->left(newline));
        m_hash = stored->mid(newline + 1);
    } else {
        m_kind.clear();
        m_hash.clear();
    }
    auto idle = co_await kvValue(kKvIdleMinutes);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("the app lock closed"));
    m_idleMinutes = idle && !idle->isEmpty() ? qBound(0, idle->toInt(), kMaxIdleMinutes) : 0;
    m_known = true;
    Q_EMIT configuredChanged();
    Q_EMIT idleMinutesChanged();
    noteActivity();
    co_return Status{};
}

QCoro::Task<void> AppLock::reloadTask()
{
    QPointer<AppLock> self(this);
    Status st = co_await reload();
    if (self && !st)
        qCWarning(lcSecurity) << "could not read the app lock:" << st.error().message;
}

QCoro::Task<Result<QByteArray>> AppLock::readStored()
{
    if (!m_account || !m_account->ready())
        co_return offError();
    if (const auto entry = keychainEntry()) {
        security::KeyStore store(entry->service);
        auto secret = co_await store.loadSecret(entry->account);
        if (secret)
            co_return *secret;
        if (secret.error().code != ErrorCode::NotFound)
            co_return secret.error();
        co_return QByteArray();
    }
    auto value = co_await kvValue(kKvHash);
    if (!value)
        co_return value.error();
    co_return value->toUtf8();
}

QCoro::Task<Status> AppLock::writeStored(QByteArray stored)
{
    if (!m_account || !m_account->ready())
        co_return offError();
    if (const auto entry = keychainEntry()) {
        security::KeyStore store(entry->service);
        co_return co_await store.storeSecret(entry->account, stored);
    }
    co_return co_await setKvValue(kKvHash, QString::fromUtf8(stored));
}

QCoro::Task<void> AppLock::keepIdleMinutes(int minutes)
{
    const Status st = co_await setKvValue(kKvIdleMinutes, QString::number(minutes));
    if (!st)
        qCWarning(lcSecurity) << "could not keep the idle lock setting:" << st.error().message;
}

QCoro::Task<Result<QString>> AppLock::kvValue(QString key) const
{
    if (!m_account || !m_account->ready() || !m_account->writer())
        co_return offError();
    // Read on the writer's connection, after every write queued before it: what was set last.
    QFuture<Result<QString>> reading = m_account->writer()->run<QString>(
        [key](storage::Database &db) { return storage::KvStore(db).value(key); });
    co_return co_await reading;
}

QCoro::Task<Status> AppLock::setKvValue(QString key, QString value) const
{
    if (!m_account || !m_account->ready() || !m_account->writer())
        co_return offError();
    const QHash<QString, QString> values{{key, value}};
    QFuture<Status> writing = m_account->writer()->setValues(values);
    co_return co_await writing;
}

void AppLock::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void AppLock::setLocked(bool locked)
{
    if (locked == m_locked)
        return;
    m_locked = locked;
    if (locked)
        m_idleTimer.stop();
    Q_EMIT lockedChanged();
}

void AppLock::forget()
{
    const bool wasConfigured = configured();
    m_hash.clear();
    m_kind.clear();
    m_known = false;
    m_failures = 0;
    m_throttleMs = 0;
    m_idleTimer.stop();
    setLocked(false);
    if (wasConfigured)
        Q_EMIT configuredChanged();
}

} // namespace plaza
