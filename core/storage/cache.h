// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "storage/changeset.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace plaza::storage {

class Database;

//! The signed-in account's local copy, as the models and services of the UI thread see it:
//! read connections, the one change stream, whose copy it is and how fresh it is. It is what
//! a model gets injected (with the API when it fetches): no model needs the Session, and the
//! cache key never leaves this object and the writer — nothing can ask for it.
//!
//! The Session owns one for its whole life and attaches it to the file once the writer has
//! opened it (the key is handed over then: connections can be opened, e.g. by the services),
//! opens it to the models when the session is Ready (after the services), and detaches it,
//! wiping the key, when the cache closes. A test attaches one to a cache file it made itself
//! and opens it, with no Session or server.
class Cache : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool open READ isOpen NOTIFY openChanged)
    Q_PROPERTY(QString ownerId READ ownerId NOTIFY openChanged)
    Q_PROPERTY(bool live READ isLive NOTIFY liveChanged)
    Q_PROPERTY(QDateTime syncedAt READ syncedAt NOTIFY freshnessChanged)
public:
    explicit Cache(QObject *parent = nullptr);
    ~Cache() override;

    //! The file at \a path is open for writing with \a key; \a ownerId is the user whose copy
    //! it is. Connections can be opened from now on; models wait for setOpen().
    void attach(const QString &path, QByteArray key, const QString &ownerId);
    //! The cache closed: the key is wiped (and the models told, if they were reading).
    void detach();
    //! Models may read (the session is Ready) or must let go: openChanged, they reload.
    void setOpen(bool open);

    //! Attached and open to the models.
    [[nodiscard]] bool isOpen() const { return m_open && isAttached(); }
    [[nodiscard]] bool isAttached() const { return !m_key.isEmpty(); }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString ownerId() const { return m_ownerId; }

    //! A connection of its own (read-only by default), e.g. for a model or for work moved
    //! to another thread. CacheLocked while detached.
    [[nodiscard]] Result<std::unique_ptr<Database>> openConnection(bool readOnly = true) const;
    //! A model's read connection, opened on first use into \a db: true when \a db is open.
    //! False while detached (nothing to say) or when the open fails (\a error: its code).
    bool ensureReader(std::unique_ptr<Database> &db, Error *error = nullptr) const;

    //! Live updates arrive (the socket is up): what is shown is current.
    [[nodiscard]] bool isLive() const { return m_live; }
    //! When the copy last caught up with the server (invalid: never in this run).
    [[nodiscard]] QDateTime syncedAt() const { return m_syncedAt; }
    //! Not live, or not caught up within \a maxAge of \a now: what is shown may be out of date.
    [[nodiscard]] bool isStale(std::chrono::minutes maxAge, const QDateTime &now) const;
    void setLive(bool live);
    void setSyncedAt(const QDateTime &at);

    //! Hands one committed batch to the models (SyncEngine::applied, or a test's writes).
    void publish(const ChangeSet &changes);
    //! Hands rows a service just wrote through the writer (not a sync batch) to the models,
    //! as a batch committed now; nothing when no row changed.
    void publishWritten(const RowChanges &changes);
    //! The interface language changed: what models formatted from rows is formatted again.
    void notifyLocaleChanged();

Q_SIGNALS:
    void openChanged();
    void changed(const plaza::storage::ChangeSet &changes);
    void freshnessChanged();
    //! isLive() changed (also a freshnessChanged).
    void liveChanged();
    void localeChanged();

private:
    //! Tests (tests/common/cachekey.h) read the key to open the file as a second party; no
    //! production code declares this struct.
    friend struct CacheTestAccess;

    QString m_path;
    QByteArray m_key;
    QString m_ownerId;
    bool m_open = false;
    bool m_live = false;
    QDateTime m_syncedAt;
};

} // namespace plaza::storage
