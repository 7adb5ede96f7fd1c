// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/savings.h"
#include "protocol/wallet.h"
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

    [[nodiscard]] Status upsertTransaction(const protocol::Transaction &transaction, RowChanges &changes);
    [[nodiscard]] Status setWallet(const protocol::Wallet &wallet, RowChanges &changes);
    //! savings.updated: the savings row and the goals it lists (goals not listed are gone).
    //! Figures older than those kept (by as_of) are ignored.
    [[nodiscard]] Status setSavings(const protocol::SavingsAccount &savings, RowChanges &changes);
    //! savings.rate_changed: keeps the announcement for the Savings tab.
    [[nodiscard]] Status setRateChange(const protocol::RateChange &change, RowChanges &changes);
    [[nodiscard]] Status upsertPaymentRequest(const protocol::PaymentRequest &request, RowChanges &changes);

    //! The same from the API's JSON, decoded by protocol/wallet.h's and protocol/savings.h's
    //! codecs: a malformed object is ErrorCode::Protocol naming the field, and writes nothing.
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
