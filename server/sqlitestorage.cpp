// SPDX-License-Identifier: MIT
#include "sqlitestorage.h"

#include <sqlite3.h>

#include <QDir>

namespace plaza::server {

namespace {

class SqliteRows final : public RowsBackend
{
public:
    explicit SqliteRows(storage::Statement stmt) : m_stmt(std::move(stmt)) { }
    Result<bool> step() override { return m_stmt.step(); }
    int columnCount() const override { return m_stmt.columnCount(); }
    bool isNull(int column) const override { return m_stmt.isNull(column); }
    qint64 int64(int column) const override { return m_stmt.int64(column); }
    double real(int column) const override { return m_stmt.real(column); }
    QString text(int column) const override { return m_stmt.text(column); }
    QByteArray blob(int column) const override { return m_stmt.blob(column); }

private:
    storage::Statement m_stmt;
};

} // namespace

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const QString &dataDir,
                                                           const QList<storage::Migration> &migrations,
                                                           const QString &always)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot create the data folder %1").arg(dataDir));
    auto db = storage::Database::open(QDir(dataDir).filePath(QStringLiteral("plaza-server.db")), storage::OpenOptions{});
    if (!db)
        return db.error();
    if (auto st = (*db)->migrate(migrations); !st)
        return st.error();
    if (!always.isEmpty()) {
        if (auto st = (*db)->exec(always); !st)
            return st.error();
    }
    return std::unique_ptr<SqliteStorage>(new SqliteStorage(std::move(*db)));
}

Result<storage::Statement> SqliteStorage::prepare(const QString &sql, const SqlArgs &args)
{
    auto stmt = m_db->prepare(sql);
    if (!stmt)
        return stmt;
    int index = 0;
    for (const SqlValue &v : args) {
        ++index;
        std::visit(
            [&](const auto &value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>)
                    stmt->bindNull(index);
                else
                    stmt->bind(index, value);
            },
            v);
    }
    return stmt;
}

Result<Rows> SqliteStorage::query(const QString &sql, const SqlArgs &args)
{
    auto stmt = prepare(sql, args);
    if (!stmt)
        return stmt.error();
    return Rows(std::make_unique<SqliteRows>(std::move(stmt).value()));
}

Result<int> SqliteStorage::change(const QString &sql, const SqlArgs &args)
{
    auto stmt = prepare(sql, args);
    if (!stmt)
        return stmt.error();
    if (auto st = stmt->exec(); !st)
        return st.error();
    return m_db->changes();
}

Result<qint64> SqliteStorage::insert(const QString &sql, const SqlArgs &args)
{
    auto stmt = prepare(sql, args);
    if (!stmt)
        return stmt.error();
    if (auto st = stmt->exec(); !st)
        return st.error();
    return m_db->lastInsertRowId();
}

Status SqliteStorage::exec(const QString &sql)
{
    return m_db->exec(sql);
}

Status SqliteStorage::transaction(const std::function<Status()> &body, const std::function<void()> &beforeAttempt,
                                  Isolation)
{
    // One process, one connection, BEGIN IMMEDIATE: nothing to retry.
    if (beforeAttempt)
        beforeAttempt();
    return m_db->transaction(body);
}

bool SqliteStorage::inTransaction() const
{
    return !sqlite3_get_autocommit(m_db->handle());
}

QString SqliteStorage::insertOrIgnore(const QString &intoAndValues) const
{
    return QStringLiteral("INSERT OR IGNORE ") + intoAndValues;
}

QString SqliteStorage::upsert(const QString &table, const QStringList &, const QStringList &columns,
                              const QString &values) const
{
    return QStringLiteral("INSERT OR REPLACE INTO %1 (%2) VALUES (%3)").arg(table, columns.join(QStringLiteral(", ")), values);
}

QString SqliteStorage::dayOf(const QString &msExpr) const
{
    return QStringLiteral("date((%1) / 1000, 'unixepoch')").arg(msExpr);
}

} // namespace plaza::server
