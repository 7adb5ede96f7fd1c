// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace plaza::test {

//! Opens plaza-server's database in \a dataDir read-only (the server must have stopped)
//! and checks the ledger's invariants: every transaction has exactly two entries that sum
//! to zero, every account's balance is the sum of its entries and equals its newest
//! entry's balance_after, no user's account is negative, all balances sum to zero, and
//! the per-day totals of money sent (wallet_daily_sent) are what the entries say.
//! Returns an empty string when everything holds, else what broke.
[[nodiscard]] QString checkLedger(const QString &dataDir);

} // namespace plaza::test
