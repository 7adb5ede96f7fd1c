// SPDX-License-Identifier: MIT
#pragma once

#include "chat/safetyactions.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <memory>

namespace plaza::storage {
class Database;
}

namespace plaza::chat {

//! The people the user blocked (docs/api.md "Safety"), newest block first, from the cache's
//! blocks table on its own read connection on the UI thread — so the list shows offline too.
//! refresh() asks the server (GET /v1/blocks, SafetyActions::syncBlocks), which rewrites the
//! table; block.changed events and blocks from any window change it as well, and the rows
//! follow by user id (never a reset for one row).
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `safety`.
class BlocksModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::chat::SafetyActions *safety READ safety WRITE setSafety NOTIFY safetyChanged)
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
        BlockedAtRole,                 //!< (blockedAt) QDateTime UTC
    };
    Q_ENUM(Role)

    explicit BlocksModel(QObject *parent = nullptr);
    ~BlocksModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] SafetyActions *safety() const { return m_safety; }
    void setSafety(SafetyActions *safety);
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] QString error() const { return m_error; }

    //! Asks the server for the list again (the cache's rows meanwhile).
    Q_INVOKABLE void refresh();

    struct Row {
        QString userId;
        QString handle;
        QString name;
        QString blockedAt;
    };

Q_SIGNALS:
    void safetyChanged();
    void countChanged();
    void loadingChanged();
    void errorChanged();

private:
    void reread();
    [[nodiscard]] bool ensureOpen();
    void setError(const QString &error);
    void setLoading(bool loading);

    friend struct KeyedRows;

    QPointer<SafetyActions> m_safety;
    std::unique_ptr<storage::Database> m_db;
    QList<Row> m_rows;
    bool m_loading = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::chat
