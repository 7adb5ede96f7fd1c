// SPDX-License-Identifier: MIT
#pragma once

#include "wallet/transactionrecord.h"

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace plaza::wallet {

//! The history as CSV (RFC 4180): a header row, CRLF line ends, UTF-8, fields quoted when
//! they hold a comma, a quote, CR or LF (quotes doubled). Amounts are signed decimals
//! (Money::toDecimalString, "-12.50" for money out), never localised; times ISO 8601 UTC.
//! Columns: id, created_at, kind, direction, status, amount, currency, counterparty_handle,
//! counterparty_name, note, balance_after.
[[nodiscard]] QByteArray transactionsCsv(const QList<TransactionRecord> &rows);

//! The header row of transactionsCsv (with its CRLF).
[[nodiscard]] QByteArray transactionsCsvHeader();
//! The rows of transactionsCsv without the header.
[[nodiscard]] QByteArray transactionsCsvRows(const QList<TransactionRecord> &rows);

//! Writes every transaction of \a db that matches \a filter to \a path as transactionsCsv,
//! newest first, read and written a page of \a pageSize rows at a time (memory stays flat
//! whatever the history), atomically: the file appears whole or not at all. Any thread may
//! call it with a connection of its own. Returns the number of rows; a Storage error names
//! what could not be read or written.
[[nodiscard]] Result<int> writeTransactionsCsv(storage::Database &db, const TransactionFilter &filter,
                                               const QString &path, int pageSize = 500);

//! One CSV field, quoted if it needs to be.
[[nodiscard]] QString csvField(const QString &value);

} // namespace plaza::wallet
