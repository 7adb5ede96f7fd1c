// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace plaza::storage {

//! The cache tables a write can touch, as the change stream names them. Their SQL names are
//! spelled once, in tableName().
enum class Table : quint8 {
    Messages,
    Conversations,
    ConversationMembers, //!< ids: the conversation whose members (or read marks) changed
    Users,
    Follows,             //!< ids: the user followed or not
    Posts,
    Transactions,
    Wallet,              //!< one row, id "1"
    Savings,             //!< one row, id "1"
    SavingsGoals,
    SavingsInterest,     //!< ids: the (UTC) day
    PaymentRequests,
    MessageOutbox,       //!< ids: the conversation whose unsent messages changed (queued, sent, failed, gone)
    PostOutbox,          //!< ids: the post's client_id
    PaymentOutbox,       //!< ids: the intent's Idempotency-Key
    Blocks,              //!< ids: the user blocked or unblocked
    PersonMutes,         //!< ids: the user muted or unmuted in the feed
};

[[nodiscard]] inline size_t qHash(Table table, size_t seed = 0) noexcept
{
    return ::qHash(quint8(table), seed);
}

inline constexpr std::array kAllTables{Table::Messages,     Table::Conversations, Table::ConversationMembers,
                                       Table::Users,        Table::Follows,       Table::Posts,
                                       Table::Transactions, Table::Wallet,        Table::Savings,
                                       Table::SavingsGoals, Table::SavingsInterest, Table::PaymentRequests,
                                       Table::MessageOutbox, Table::PostOutbox, Table::PaymentOutbox,
                                       Table::Blocks, Table::PersonMutes};

//! The table's name in the cache schema.
[[nodiscard]] inline QString tableName(Table table)
{
    switch (table) {
    case Table::Messages:
        return QStringLiteral("messages");
    case Table::Conversations:
        return QStringLiteral("conversations");
    case Table::ConversationMembers:
        return QStringLiteral("conversation_members");
    case Table::Users:
        return QStringLiteral("users");
    case Table::Follows:
        return QStringLiteral("follows");
    case Table::Posts:
        return QStringLiteral("posts");
    case Table::Transactions:
        return QStringLiteral("transactions");
    case Table::Wallet:
        return QStringLiteral("wallet");
    case Table::Savings:
        return QStringLiteral("savings");
    case Table::SavingsGoals:
        return QStringLiteral("savings_goals");
    case Table::SavingsInterest:
        return QStringLiteral("savings_interest");
    case Table::PaymentRequests:
        return QStringLiteral("payment_requests");
    case Table::MessageOutbox:
        return QStringLiteral("message_outbox");
    case Table::PostOutbox:
        return QStringLiteral("post_outbox");
    case Table::PaymentOutbox:
        return QStringLiteral("payment_outbox");
    case Table::Blocks:
        return QStringLiteral("blocks");
    case Table::PersonMutes:
        return QStringLiteral("person_mutes");
    }
    return {};
}

//! The table called \a name in the cache schema, if the change stream knows it.
[[nodiscard]] inline std::optional<Table> tableFromName(const QString &name)
{
    for (Table t : kAllTables) {
        if (tableName(t) == name)
            return t;
    }
    return std::nullopt;
}

//! Which rows one committed write touched, by table: what list models need to update by id
//! (dataChanged, rowsInserted, rowsRemoved) instead of resetting. Every id a write names is in
//! ids(); those it brought in as new are also in created(), those it deleted in removed().
//! An id only in ids() was updated in place.
class RowChanges
{
public:
    //! The row \a id of \a table was written (updated, or inserted: see created()).
    void add(Table table, const QString &id) { m_rows[table].touched.insert(id); }
    //! The row \a id of \a table is new with this write: inserted, or named by a "created" event
    //! although another path (a REST page read a moment before) had stored it already.
    void addCreated(Table table, const QString &id)
    {
        Rows &r = m_rows[table];
        r.touched.insert(id);
        r.created.insert(id);
    }
    //! The row \a id of \a table was deleted.
    void addRemoved(Table table, const QString &id)
    {
        Rows &r = m_rows[table];
        r.touched.insert(id);
        r.removed.insert(id);
        r.created.remove(id);
    }

    [[nodiscard]] bool isEmpty() const { return m_rows.isEmpty(); }
    [[nodiscard]] bool touches(Table table) const { return m_rows.contains(table); }
    //! Every id of \a table this write named (created, updated or removed).
    [[nodiscard]] QSet<QString> ids(Table table) const { return m_rows.value(table).touched; }
    //! The ids of \a table that are new with this write.
    [[nodiscard]] QSet<QString> created(Table table) const { return m_rows.value(table).created; }
    //! The ids of \a table this write deleted.
    [[nodiscard]] QSet<QString> removed(Table table) const { return m_rows.value(table).removed; }
    [[nodiscard]] QList<Table> tables() const { return m_rows.keys(); }

private:
    struct Rows {
        QSet<QString> touched;
        QSet<QString> created;
        QSet<QString> removed;
    };
    QHash<Table, Rows> m_rows;
};

} // namespace plaza::storage
