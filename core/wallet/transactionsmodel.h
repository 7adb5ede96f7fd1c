// SPDX-License-Identifier: MIT
#pragma once

#include "storage/cache.h"
#include "sync/changeset.h"

#include "wallet/transactionrecord.h"

#include <QAbstractListModel>
#include <QCoroTask>
#include <QPointer>

#include <memory>

namespace plaza {
namespace storage {
class Database;
}
}

namespace plaza::wallet {

//! The wallet history from the cache, newest first, a page at a time (canFetchMore/fetchMore),
//! on its own read connection on the UI thread. After a sync batch it re-reads only the
//! rows the ChangeSet names: loaded ones change in place (dataChanged), new ones are placed
//! by binary search on (createdAt, id) when they fall inside the loaded window, in one
//! rowsInserted per run of adjacent rows; the others are left for paging to find.
//!
//! A sliding window: at most maxRows rows are loaded. Paging down past it drops rows from
//! the top (atStart becomes false: fetchNewer() reads them back when the list is scrolled up);
//! rows arriving at the top, or read back by fetchNewer(), drop rows from the bottom (fetchMore
//! reads them again). Memory stays flat however far the history is scrolled, either way.
//!
//! plaza_core has no QML: the app registers this class with QML_FOREIGN (QML name
//! TransactionsModel) and sets `session`.
class TransactionsModel : public QAbstractListModel
{
    Q_OBJECT
    //! The local copy it reads (Session::cache); nothing else is needed.
    Q_PROPERTY(plaza::storage::Cache *cache READ cache WRITE setCache NOTIFY cacheChanged)
    Q_PROPERTY(QString direction READ direction WRITE setDirection NOTIFY filterChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY filterChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY filterChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    Q_PROPERTY(bool atStart READ atStart NOTIFY atStartChanged)
    Q_PROPERTY(int maxRows READ maxRows WRITE setMaxRows NOTIFY maxRowsChanged)
    Q_PROPERTY(bool stale READ stale NOTIFY staleChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    //! The roles (QML names in parentheses).
    enum Role {
        IdRole = Qt::UserRole + 1,   //!< (id) transaction id
        KindRole,                    //!< (kind) transfer, merchant_payment, top_up, refund, …
        DirectionRole,               //!< (direction) "in" or "out"
        StatusRole,                  //!< (status) pending, completed, failed, reversed
        AmountMinorRole,             //!< (amountMinor) qint64, unsigned (see direction)
        CurrencyRole,                //!< (currency) ISO 4217
        FormattedAmountRole,         //!< (formattedAmount) Money::format in the default QLocale, "−" for out
        CounterpartyNameRole,        //!< (counterpartyName) display name, empty for top-ups
        CounterpartyHandleRole,      //!< (counterpartyHandle) without "@"
        NoteRole,                    //!< (note)
        CreatedAtRole,               //!< (createdAt) QDateTime UTC
        BalanceAfterMinorRole,       //!< (balanceAfterMinor) qint64, or undefined
        FormattedBalanceAfterRole,   //!< (formattedBalanceAfter)
        RequestIdRole,               //!< (requestId)
        ConversationIdRole,          //!< (conversationId)
        DayRole,                     //!< (day) local calendar day "2026-11-23", for list sections
    };
    Q_ENUM(Role)

    explicit TransactionsModel(QObject *parent = nullptr);
    ~TransactionsModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    [[nodiscard]] storage::Cache *cache() const { return m_cache; }
    void setCache(storage::Cache *cache);
    [[nodiscard]] QString direction() const { return m_filter.direction; }
    void setDirection(const QString &direction);
    [[nodiscard]] QString kind() const { return m_filter.kind; }
    void setKind(const QString &kind);
    [[nodiscard]] QString query() const { return m_filter.query; }
    void setQuery(const QString &query);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool atEnd() const { return m_atEnd; }
    //! True when the first row is the newest of the history (nothing dropped above it).
    [[nodiscard]] bool atStart() const { return m_atStart; }
    [[nodiscard]] int maxRows() const { return m_maxRows; }
    //! At least 2 pages (clamped).
    void setMaxRows(int rows);
    //! Reads back the page above the first row (after rows were dropped at the top).
    Q_INVOKABLE void fetchNewer();
    //! True while the session is offline: the rows are what the cache last knew.
    [[nodiscard]] bool stale() const;
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] TransactionFilter filter() const { return m_filter; }

    //! Writes every row matching the filters (not just the loaded pages) to \a path as CSV
    //! (walletcsv.h), on a worker thread with a read connection of its own, a page at a time:
    //! the calling thread never reads the history. The number of rows written.
    [[nodiscard]] QCoro::Task<Result<int>> exportCsv(QString path);
    //! Drops the rows and reads the first page again.
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void cacheChanged();
    void filterChanged();
    void pageSizeChanged();
    void loadingChanged();
    void atEndChanged();
    void atStartChanged();
    void maxRowsChanged();
    void staleChanged();
    void errorChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    [[nodiscard]] bool ensureOpen();
    void setLoading(bool loading);
    void setAtEnd(bool atEnd);
    void setAtStart(bool atStart);
    //! Where a row sorting as \a r goes (newest first): the first row not newer than it.
    [[nodiscard]] qsizetype lowerBound(const TransactionRecord &r) const;
    //! Drops rows beyond maxRows at the bottom (keepTop) or at the top.
    void trim(bool keepTop);
    void setError(const QString &error);

    QPointer<storage::Cache> m_cache;
    std::unique_ptr<storage::Database> m_db;
    QList<TransactionRecord> m_rows;
    TransactionFilter m_filter;
    int m_pageSize = 50;
    int m_maxRows = 500;
    bool m_loading = false;
    bool m_atEnd = false;
    bool m_atStart = true;
    //! Rows are being inserted or removed: a fetch asked for meanwhile (by a slot of one of the
    //! model's own signals) waits for the next one, so changes never nest.
    bool m_changing = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::wallet
