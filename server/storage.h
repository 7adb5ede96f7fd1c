// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <type_traits>
#include <memory>
#include <optional>
#include <variant>

namespace plaza::server {

//! One parameter of a statement: NULL, an integer, a real, text or bytes (a BLOB / bytea).
using SqlValue = std::variant<std::nullptr_t, qint64, double, QString, QByteArray>;
using SqlArgs = QList<SqlValue>;

//! Integers (bool as 0 or 1).
template<typename T>
    requires std::is_integral_v<T>
SqlValue sqlValue(T v)
{
    return qint64(v);
}
inline SqlValue sqlValue(double v) { return v; }
//! A null QString or QByteArray is NULL (an empty one is not), as SQLite's bind() had it.
inline SqlValue sqlValue(const QString &v)
{
    if (v.isNull())
        return nullptr;
    return v;
}
inline SqlValue sqlValue(const char16_t *v) { return QString::fromUtf16(v); }
inline SqlValue sqlValue(const QByteArray &v)
{
    if (v.isNull())
        return nullptr;
    return v;
}
inline SqlValue sqlValue(std::nullptr_t) { return nullptr; }
//! An integer, or NULL when there is none.
inline SqlValue sqlValue(const std::optional<qint64> &v)
{
    return v ? SqlValue(*v) : SqlValue(nullptr);
}
//! By the variant's type: null, integers, bool, double, QString, QByteArray.
SqlValue sqlValue(const QVariant &v);

//! What a backend's cursor does; Rows owns one.
class RowsBackend
{
public:
    virtual ~RowsBackend() = default;
    virtual Result<bool> step() = 0;
    [[nodiscard]] virtual int columnCount() const = 0;
    [[nodiscard]] virtual bool isNull(int column) const = 0;
    //! Booleans (PostgreSQL's comparisons in a select list) read as 0 or 1.
    [[nodiscard]] virtual qint64 int64(int column) const = 0;
    [[nodiscard]] virtual double real(int column) const = 0;
    [[nodiscard]] virtual QString text(int column) const = 0;
    [[nodiscard]] virtual QByteArray blob(int column) const = 0;
};

//! The rows of a query, whatever the storage: step() onto each, then read columns (0-based).
//! Move-only.
class Rows
{
public:
    Rows() = default;
    explicit Rows(std::unique_ptr<RowsBackend> backend) : m_backend(std::move(backend)) { }

    //! Advances: a row (true), the end (false), or an error.
    [[nodiscard]] Result<bool> step() { return m_backend->step(); }
    [[nodiscard]] int columnCount() const { return m_backend->columnCount(); }
    [[nodiscard]] bool isNull(int column) const { return m_backend->isNull(column); }
    [[nodiscard]] qint64 int64(int column) const { return m_backend->int64(column); }
    [[nodiscard]] double real(int column) const { return m_backend->real(column); }
    [[nodiscard]] QString text(int column) const { return m_backend->text(column); }
    [[nodiscard]] QByteArray blob(int column) const { return m_backend->blob(column); }
    //! Text column, or a null QString when the column is NULL.
    [[nodiscard]] QString textOrNull(int column) const { return isNull(column) ? QString() : text(column); }

private:
    std::unique_ptr<RowsBackend> m_backend;
};

//! One storage engine behind ServerDb: SQLite (the default, one file) or PostgreSQL.
//! Statements use SQLite-style parameters ?1…?n; SQL that differs between the two goes
//! through the dialect calls at the bottom. Used from one thread.
class Storage
{
public:
    enum class Kind { Sqlite, Postgres };
    virtual ~Storage() = default;
    [[nodiscard]] virtual Kind kind() const = 0;

    [[nodiscard]] virtual Result<Rows> query(const QString &sql, const SqlArgs &args) = 0;
    //! Runs a statement and returns how many rows it changed (INSERT, UPDATE, DELETE).
    [[nodiscard]] virtual Result<int> change(const QString &sql, const SqlArgs &args) = 0;
    //! Runs an INSERT into a table with an "id" key and returns the new row's id.
    [[nodiscard]] virtual Result<qint64> insert(const QString &sql, const SqlArgs &args) = 0;
    //! Statements without parameters or results (SAVEPOINT …, schema).
    [[nodiscard]] virtual Status exec(const QString &sql) = 0;

    //! How a write transaction keeps concurrent writers apart. SQLite has one writer at a
    //! time whatever is asked (BEGIN IMMEDIATE); the choice is PostgreSQL's.
    enum class Isolation {
        //! SERIALIZABLE: PostgreSQL finds what conflicts and one side fails (retried).
        Serializable,
        //! READ COMMITTED: the body takes the locks that order it (lockKey(), SELECT … FOR
        //! UPDATE in a fixed order: ledger.h post()); every statement sees what committed
        //! before it. A deadlock or a unique key taken by a concurrent insert is retried.
        RowLocks,
    };

    //! Runs \a body in one transaction that no other writer interleaves with (SQLite:
    //! BEGIN IMMEDIATE; PostgreSQL: \a isolation, and \a body runs again, a bounded number
    //! of times with jittered back-off, when the database says it could not be serialized,
    //! found a deadlock or, under RowLocks, a concurrent insert took a unique key).
    //! \a beforeAttempt runs before each try (to forget what a failed try kept aside).
    [[nodiscard]] virtual Status transaction(const std::function<Status()> &body,
                                             const std::function<void()> &beforeAttempt, Isolation isolation) = 0;
    [[nodiscard]] virtual bool inTransaction() const = 0;
    //! Inside a transaction: waits until no other transaction holds the lock named \a key
    //! and holds it until this one ends (PostgreSQL: pg_advisory_xact_lock; SQLite, one
    //! writer anyway: nothing).
    [[nodiscard]] virtual Status lockKey(qint64 key)
    {
        Q_UNUSED(key);
        return {};
    }

    // The dialect.
    //! "INSERT OR IGNORE INTO " + \a intoAndValues on SQLite; an INSERT that does nothing on
    //! a conflict with a unique key on PostgreSQL.
    [[nodiscard]] virtual QString insertOrIgnore(const QString &intoAndValues) const = 0;
    //! Inserts into \a table, or replaces the row with the same \a key columns:
    //! "INSERT OR REPLACE" on SQLite, "ON CONFLICT (key) DO UPDATE" on PostgreSQL.
    //! \a columns lists every column the row has a value for (the key ones too) and
    //! \a values their expressions ("?1, ?2, …").
    [[nodiscard]] virtual QString upsert(const QString &table, const QStringList &key, const QStringList &columns,
                                         const QString &values) const = 0;
    //! The UTC day "YYYY-MM-DD" of the integer milliseconds expression \a msExpr.
    [[nodiscard]] virtual QString dayOf(const QString &msExpr) const = 0;
    //! The operator of a LIKE that ignores ASCII case ("LIKE" / "ILIKE").
    [[nodiscard]] virtual QString likeIgnoringCase() const = 0;
};

//! Which storage: "sqlite:DIR" (or a bare DIR) or "postgres:URL".
struct StorageSpec {
    Storage::Kind kind = Storage::Kind::Sqlite;
    QString location; //!< the data folder, or the libpq connection URL
    //! Parses \a text; an error that says what is accepted.
    [[nodiscard]] static Result<StorageSpec> parse(const QString &text);
};

//! Connects to PostgreSQL at \a url (libpq's URL or key=value form) and brings the schema
//! up to date; a clear error when it cannot be reached.
[[nodiscard]] Result<std::unique_ptr<Storage>> openPostgres(const QString &url);

} // namespace plaza::server
