// SPDX-License-Identifier: MIT
#pragma once

#include "wallet/transactionrecord.h"

#include <QByteArray>

namespace plaza::wallet {

//! The history as CSV (RFC 4180): a header row, CRLF line ends, UTF-8, fields quoted when
//! they hold a comma, a quote, CR or LF (quotes doubled). Amounts are signed decimals
//! (Money::toDecimalString, "-12.50" for money out), never localised; times ISO 8601 UTC.
//! Columns: id, created_at, kind, direction, status, amount, currency, counterparty_handle,
//! counterparty_name, note, balance_after.
[[nodiscard]] QByteArray transactionsCsv(const QList<TransactionRecord> &rows);

//! One CSV field, quoted if it needs to be.
[[nodiscard]] QString csvField(const QString &value);

} // namespace plaza::wallet
