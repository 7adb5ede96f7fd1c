// SPDX-License-Identifier: MIT
#pragma once

#include "feed/feedservice.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <memory>

namespace plaza::chat {
struct KeyedRows;
}

namespace plaza::storage {
class Database;
}

namespace plaza::feed {

//! The people the user muted in the feed (docs/api.md "Safety"), newest mute first, from the
//! cache's person_mutes table on its own read connection on the UI thread — so the list shows
//! offline too. refresh() asks the server (GET /v1/mutes, FeedService::syncPersonMutes), which
//! rewrites the table; person_mute.changed events and mutes from any window change it as well,
//! and the rows follow by user id (never a reset for one row). contains() tells a profile
//! whether to offer Mute or Unmute.
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `feed`.
class MutedPeopleModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::feed::FeedService *feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    //! refresh() is waiting for the server.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    //! "" or the code of the last failure (Error::codeName(): "network", "storage", …).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1, //!< (userId) "u_…"
        HandleRole,                    //!< (handle) without @
        NameRole,                      //!< (name) the display name, or the handle
        InitialsRole,                  //!< (initials)
        MutedAtRole,                   //!< (mutedAt) QDateTime UTC
    };
    Q_ENUM(Role)

    explicit MutedPeopleModel(QObject *parent = nullptr);
    ~MutedPeopleModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] FeedService *feed() const { return m_feed; }
    void setFeed(FeedService *feed);
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] QString error() const { return m_error; }

    //! Asks the server for the list again (the cache's rows meanwhile).
    Q_INVOKABLE void refresh();
    //! Whether \a userId is in the list (the cache's copy).
    Q_INVOKABLE [[nodiscard]] bool contains(const QString &userId) const;

    struct Row {
        QString userId;
        QString handle;
        QString name;
        QString mutedAt;
    };

Q_SIGNALS:
    void feedChanged();
    void countChanged();
    void loadingChanged();
    void errorChanged();

private:
    void reread();
    [[nodiscard]] bool ensureOpen();
    void setError(const QString &error);
    void setLoading(bool loading);

    friend struct chat::KeyedRows;

    QPointer<FeedService> m_feed;
    std::unique_ptr<storage::Database> m_db;
    QList<Row> m_rows;
    bool m_loading = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::feed
