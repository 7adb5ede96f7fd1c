// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "storage/rowchanges.h"

#include <QJsonObject>

namespace plaza::storage {

class StatementCache;
class UsersStore;

//! transactions, wallet (one row), savings (one row) with its goals, payment_requests.
//! Every amount is stored as INTEGER minor units next to its currency.
class WalletStore
{
public:
    WalletStore(StatementCache &statements, UsersStore &users) : m_statements(statements), m_users(users) { }

    [[nodiscard]] Status upsertTransaction(const QJsonObject &transaction, RowChanges &changes);
    [[nodiscard]] Status setWallet(const QJsonObject &wallet, RowChanges &changes);
    //! savings.updated: the savings row and the goals it lists (goals not listed are gone).
    [[nodiscard]] Status setSavings(const QJsonObject &savings, RowChanges &changes);
    //! savings.rate_changed: keeps the announcement for the Savings tab.
    [[nodiscard]] Status setRateChange(const QJsonObject &object, RowChanges &changes);
    [[nodiscard]] Status upsertPaymentRequest(const QJsonObject &request, RowChanges &changes);

private:
    StatementCache &m_statements;
    UsersStore &m_users;
};

} // namespace plaza::storage
