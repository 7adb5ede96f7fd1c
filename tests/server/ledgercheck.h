// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace plaza::test {

//! Opens plaza-server's storage \a storage ("sqlite:DIR", "postgres:URL" or a bare data
//! folder: TestServer::storage()) through the server's own ServerDb (the server should have
//! stopped, or be idle) and checks the ledger's invariants: every transaction has exactly two entries that sum
//! to zero, every account's balance is the sum of its entries and equals its newest
//! entry's balance_after, no user's account is negative, all balances sum to zero, and
//! the per-day totals of money sent (wallet_daily_sent) are what the entries say.
//! Returns an empty string when everything holds, else what broke.
[[nodiscard]] QString checkLedger(const QString &storage);

} // namespace plaza::test
