// SPDX-License-Identifier: MIT
#pragma once

#include "storage/database.h"

#include <QHash>

#include <memory>

namespace plaza::storage {

//! Prepared statements of one connection, prepared on first use and reused: the
//! stores run the same few statements thousands of times per sync page, and parsing
//! the SQL each time would cost more than the insert.
class StatementCache
{
public:
    explicit StatementCache(Database &db) : m_db(db) { }

    //! The statement for \a sql (a string literal owned by the caller), reset and unbound.
    [[nodiscard]] Result<Statement *> get(const QString &sql)
    {
        auto it = m_statements.find(sql);
        if (it == m_statements.end()) {
            auto stmt = m_db.prepare(sql);
            if (!stmt)
                return stmt.error();
            it = m_statements.insert(sql, std::make_shared<Statement>(std::move(stmt).value()));
        }
        return it->get();
    }

    [[nodiscard]] Database &db() const { return m_db; }

private:
    Database &m_db;
    QHash<QString, std::shared_ptr<Statement>> m_statements;
};

} // namespace plaza::storage
