// SPDX-License-Identifier: MIT
#pragma once

#include "storage/cache.h"
#include "sync/changeset.h"

#include "money/money.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <memory>

namespace plaza {
namespace storage {
class Database;
}
}

namespace plaza::wallet {

//! One cached payment request (payment_requests joined with the other person's names).
struct RequestRecord {
    QString id;
    QString link;
    QString status; //!< open, paid, declined, cancelled, expired
    Money amount;
    QString note;
    QString payeeId;
    QString payerId; //!< empty: anyone with the link
    QString otherHandle;
    QString otherName;
    QString createdAt; //!< ISO 8601 as the server sent it; empty for rows cached before schema 6
    QString expiresAt;
    QString transactionId;
};

//! The payment requests in the cache — asked of me ("to_me": I am the payer) and asked by
//! me ("from_me": I am the payee) — newest first, a page at a time, each with its state.
//! They come only from payment_request.updated events (both people get one on creation and
//! on every change of state), so the list is the same offline. After a sync batch it
//! re-reads only the requests the ChangeSet names: dataChanged for a known row, rowsInserted
//! where a new one sorts; never a reset but for a resync or a new filter.
//!
//! plaza_core has no QML: the app registers this class with QML_FOREIGN (QML name
//! RequestsModel) and sets `session`.
class RequestsModel : public QAbstractListModel
{
    Q_OBJECT
    //! The local copy it reads (Session::cache); nothing else is needed.
    Q_PROPERTY(plaza::storage::Cache *cache READ cache WRITE setCache NOTIFY cacheChanged)
    //! "to_me", "from_me" or empty (both).
    Q_PROPERTY(QString direction READ direction WRITE setDirection NOTIFY directionChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    //! The roles (QML names in parentheses).
    enum Role {
        IdRole = Qt::UserRole + 1, //!< (id) pr_…
        LinkRole,                  //!< (link) plaza://pay/<id>
        StatusRole,                //!< (status) open, paid, declined, cancelled, expired
        OpenRole,                  //!< (open) bool: status is open
        ToMeRole,                  //!< (toMe) bool: I am asked to pay it
        AmountMinorRole,           //!< (amountMinor) qint64
        CurrencyRole,              //!< (currency)
        FormattedAmountRole,       //!< (formattedAmount) Money::format in the default QLocale
        NoteRole,                  //!< (note)
        OtherNameRole,             //!< (otherName) who asks (to me) or who is asked (from me); empty: anyone with the link
        OtherHandleRole,           //!< (otherHandle) without "@"
        CreatedAtRole,             //!< (createdAt) QDateTime UTC, invalid when unknown
        ExpiresAtRole,             //!< (expiresAt) QDateTime UTC, invalid when unknown
        TransactionIdRole,         //!< (transactionId) the payment once paid
    };
    Q_ENUM(Role)

    explicit RequestsModel(QObject *parent = nullptr);
    ~RequestsModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    [[nodiscard]] storage::Cache *cache() const { return m_cache; }
    void setCache(storage::Cache *cache);
    [[nodiscard]] QString direction() const { return m_direction; }
    void setDirection(const QString &direction);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool atEnd() const { return m_atEnd; }
    [[nodiscard]] QString error() const { return m_error; }

    //! The row of request \a id among the loaded rows, or -1.
    Q_INVOKABLE int rowOf(const QString &id) const;
    //! Drops the rows and reads the first page again.
    Q_INVOKABLE void reload();

    //! One request from a (read) connection to the cache, as seen by \a selfId; nullopt if
    //! the cache does not have it.
    [[nodiscard]] static Result<std::optional<RequestRecord>> read(storage::Database &db, const QString &selfId,
                                                                   const QString &id);

Q_SIGNALS:
    void cacheChanged();
    void directionChanged();
    void pageSizeChanged();
    void loadingChanged();
    void atEndChanged();
    void errorChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    [[nodiscard]] bool ensureOpen();
    [[nodiscard]] Result<QList<RequestRecord>> query(const QString &where, const QStringList &args, int limit);
    [[nodiscard]] bool matches(const RequestRecord &r) const;
    [[nodiscard]] QString selfId() const;
    void setLoading(bool loading);
    void setAtEnd(bool atEnd);
    void setError(const QString &error);

    QPointer<storage::Cache> m_cache;
    std::unique_ptr<storage::Database> m_db;
    QList<RequestRecord> m_rows;
    QString m_direction;
    int m_pageSize = 30;
    bool m_loading = false;
    bool m_atEnd = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::wallet
