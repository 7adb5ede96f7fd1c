// SPDX-License-Identifier: MIT
#include "storage/cache.h"

#include "storage/database.h"
#include "common/clock.h"

namespace plaza::storage {

Cache::Cache(QObject *parent) : QObject(parent) { }

Cache::~Cache()
{
    m_key.fill('\0');
}

void Cache::attach(const QString &path, QByteArray key, const QString &ownerId)
{
    const bool wasOpen = isOpen();
    m_key.fill('\0');
    m_path = path;
    m_key = std::move(key);
    m_ownerId = ownerId;
    if (wasOpen != isOpen())
        Q_EMIT openChanged();
}

void Cache::detach()
{
    const bool wasOpen = isOpen();
    m_key.fill('\0');
    m_key.clear();
    m_path.clear();
    m_ownerId.clear();
    m_open = false;
    if (wasOpen)
        Q_EMIT openChanged();
}

void Cache::setOpen(bool open)
{
    const bool wasOpen = isOpen();
    m_open = open;
    if (wasOpen != isOpen())
        Q_EMIT openChanged();
}

Result<std::unique_ptr<Database>> Cache::openConnection(bool readOnly) const
{
    if (!isAttached())
        return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache is not open: sign in first."));
    OpenOptions options;
    options.rawKey = m_key;
    options.readOnly = readOnly;
    return Database::open(m_path, options);
}

bool Cache::ensureReader(std::unique_ptr<Database> &db, Error *error) const
{
    if (db)
        return true;
    if (!isOpen())
        return false;
    auto opened = openConnection();
    if (!opened) {
        if (error)
            *error = opened.error();
        return false;
    }
    db = std::move(opened).value();
    return true;
}

bool Cache::isStale(std::chrono::minutes maxAge, const QDateTime &now) const
{
    if (!m_live || !m_syncedAt.isValid())
        return true;
    return m_syncedAt.secsTo(now) > std::chrono::duration_cast<std::chrono::seconds>(maxAge).count();
}

void Cache::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    Q_EMIT liveChanged();
    Q_EMIT freshnessChanged();
}

void Cache::setSyncedAt(const QDateTime &at)
{
    if (m_syncedAt == at)
        return;
    m_syncedAt = at;
    Q_EMIT freshnessChanged();
}

void Cache::publish(const ChangeSet &changes)
{
    Q_EMIT changed(changes);
}

void Cache::publishWritten(const RowChanges &changes)
{
    if (changes.isEmpty())
        return;
    ChangeSet set;
    set.changes = changes;
    set.committedAt = Clock::instance()->nowUtc();
    publish(set);
}

void Cache::notifyLocaleChanged()
{
    Q_EMIT localeChanged();
}

} // namespace plaza::storage
