// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "storage/rowchanges.h"

#include <QAbstractListModel>
#include <QCoroTask>
#include <QDateTime>
#include <QStringList>

#include <memory>

namespace plaza::storage {
class Cache;
class Database;
} // namespace plaza::storage

namespace plaza::chat {

struct KeyedRows;

//! A list of people from one cache table on its own read connection on the UI thread (so it
//! shows offline too), newest first: the people the user blocked (BlocksModel) or muted in the
//! feed (feed::MutedPeopleModel). refresh() asks the server through sync(), which rewrites the
//! table; events and actions from any window change it as well, and the rows follow by user id
//! (never a reset for one row). A subclass says where the rows come from (query()), how the
//! server is asked (sync()), and calls watch() when its source changes.
class PeopleListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    //! The user ids listed: a binding on it (indexOf) follows every change of the list.
    Q_PROPERTY(QStringList userIds READ userIds NOTIFY userIdsChanged)
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
        SinceRole,                     //!< (since) QDateTime UTC: blocked or muted since
    };
    Q_ENUM(Role)

    explicit PeopleListModel(QObject *parent = nullptr);
    ~PeopleListModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] QStringList userIds() const;
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
        QString since;
    };

Q_SIGNALS:
    void countChanged();
    void userIdsChanged();
    void loadingChanged();
    void errorChanged();

protected:
    //! The cache the rows are read from (null: none, an empty list).
    [[nodiscard]] virtual const storage::Cache *cache() const = 0;
    //! SELECT user_id, handle ('' if unknown), name, since (RFC 3339) in the list's order.
    [[nodiscard]] virtual QString query() const = 0;
    //! Makes the cache's table equal to the server's list.
    [[nodiscard]] virtual QCoro::Task<Status> sync() = 0;
    //! Follows \a table (and users) of cache() from now on, and reads the rows; call it when the
    //! source changes (null: the list empties).
    void watch(storage::Cache *cache, storage::Table table);

private:
    void reread();
    [[nodiscard]] bool ensureOpen();
    void setError(const QString &error);
    void setLoading(bool loading);

    friend struct KeyedRows;

    std::unique_ptr<storage::Database> m_db;
    QList<Row> m_rows;
    bool m_loading = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::chat
