// SPDX-License-Identifier: MIT
#pragma once

#include "storage.h"
#include "storage/database.h"

namespace plaza::server {

//! The embedded default: one plain SQLite file (WAL), through core/storage::Database.
//! SQLite 3.15 (Debian's SQLCipher 3.4.1): no RETURNING, no upsert.
class SqliteStorage final : public Storage
{
public:
    //! Opens (creating if needed) DIR/plaza-server.db and brings its schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<SqliteStorage>> open(const QString &dataDir,
                                                                     const QList<storage::Migration> &migrations,
                                                                     const QString &always);

    [[nodiscard]] Kind kind() const override { return Kind::Sqlite; }
    [[nodiscard]] Result<Rows> query(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Result<int> change(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Result<qint64> insert(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Status exec(const QString &sql) override;
    [[nodiscard]] Status transaction(const std::function<Status()> &body,
                                     const std::function<void()> &beforeAttempt, Isolation isolation) override;
    [[nodiscard]] bool inTransaction() const override;

    [[nodiscard]] QString insertOrIgnore(const QString &intoAndValues) const override;
    [[nodiscard]] QString upsert(const QString &table, const QStringList &key, const QStringList &columns,
                                 const QString &values) const override;
    [[nodiscard]] QString dayOf(const QString &msExpr) const override;
    [[nodiscard]] QString likeIgnoringCase() const override { return QStringLiteral("LIKE"); }

    [[nodiscard]] storage::Database &database() { return *m_db; }

private:
    explicit SqliteStorage(std::unique_ptr<storage::Database> db) : m_db(std::move(db)) { }
    [[nodiscard]] Result<storage::Statement> prepare(const QString &sql, const SqlArgs &args);
    std::unique_ptr<storage::Database> m_db;
};

} // namespace plaza::server
