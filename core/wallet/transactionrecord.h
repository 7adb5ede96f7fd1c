// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"

#include <QList>
#include <QString>

namespace plaza::storage {
class Database;
}

namespace plaza::wallet {

//! One row of the cached wallet history, with its counterparty's names from users.
struct TransactionRecord {
    QString id;
    QString kind;      //!< transfer, merchant_payment, top_up, refund, savings_*, interest
    QString direction; //!< in, out
    QString status;
    Money amount;
    QString counterpartyId;
    QString counterpartyHandle;
    QString counterpartyName;
    QString note;
    QString createdAt; //!< ISO 8601 as the server sent it
    std::optional<Money> balanceAfter;
    QString requestId;
    QString conversationId;
};

//! Which history rows to show. Empty fields do not filter.
struct TransactionFilter {
    QString direction; //!< "in", "out" or empty
    QString kind;
    QString query;     //!< substring of the note or the counterparty's handle or name (ASCII case-insensitive)
};

//! Where a page starts: after the row (createdAt, id), newest first. Empty: the newest.
struct TransactionCursor {
    QString createdAt;
    QString id;
};

//! Reads a page of the history from a (read) connection to the cache, newest first.
[[nodiscard]] Result<QList<TransactionRecord>> readTransactions(storage::Database &db, const TransactionFilter &filter,
                                                                const TransactionCursor &after, int limit);
//! The page just above \a before (newer rows), still newest first: the \a limit rows that
//! come right before it in the history's order (a list scrolled back up after dropping them).
[[nodiscard]] Result<QList<TransactionRecord>> readNewerTransactions(storage::Database &db,
                                                                     const TransactionFilter &filter,
                                                                     const TransactionCursor &before, int limit);
//! The rows with these ids that match \a filter (for refreshing rows a sync named).
[[nodiscard]] Result<QList<TransactionRecord>> readTransactionsById(storage::Database &db,
                                                                    const TransactionFilter &filter,
                                                                    const QStringList &ids);

} // namespace plaza::wallet
