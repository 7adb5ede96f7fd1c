// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace plaza::storage {

//! How to open a database file.
struct OpenOptions {
    //! 32 raw key bytes: the file is encrypted with SQLCipher. Empty: a plain SQLite
    //! file (the reference server's storage; never the client's cache).
    QByteArray rawKey;
    bool readOnly = false;
    bool wal = true;
};

class Database;

namespace detail {
class StatementPool;
}

//! A prepared statement. Move-only. When destroyed it is reset and kept by its connection
//! for the next prepare() of the same SQL (up to a few dozen per connection), else
//! finalized. Parameters are 1-based like SQLite's, columns 0-based.
class Statement
{
public:
    Statement() = default;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const char16_t *value) { return bind(index, QString::fromUtf16(value)); }
    Statement &bind(int index, const QByteArray &value); //!< as a BLOB
    Statement &bindNull(int index);
    //! Binds a QVariant by its type: null, integers, bool, double, QString, QByteArray.
    Statement &bindVariant(int index, const QVariant &value);
    //! Binds \a values to parameters 1…n.
    template<typename... Args>
    Statement &bindAll(const Args &...values)
    {
        int index = 0;
        (bind(++index, values), ...);
        return *this;
    }

    //! Advances: a row (true), the end (false), or an error.
    [[nodiscard]] Result<bool> step();
    //! Steps through every row, calling \a onRow() at each (it reads the columns of this
    //! statement); the first error of a step ends it.
    template<typename F>
    [[nodiscard]] Status forEachRow(F &&onRow)
    {
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                return Status();
            onRow();
        }
    }
    //! Runs to the end, then resets so the statement can be bound and run again.
    [[nodiscard]] Status exec();
    void reset();

    [[nodiscard]] int columnCount() const;
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    //! Text column, or a null QString when the column is NULL.
    [[nodiscard]] QString textOrNull(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt *stmt, Database *db, std::weak_ptr<detail::StatementPool> pool)
        : m_stmt(stmt), m_db(db), m_pool(std::move(pool))
    {
    }
    //! Back to the pool (reset, unbound) or finalized.
    void release();
    sqlite3_stmt *m_stmt = nullptr;
    Database *m_db = nullptr;
    //! Its connection's pool; empty for a statement that cannot be reused as is.
    std::weak_ptr<detail::StatementPool> m_pool;
    int m_bindError = 0;
};

//! One schema step: the statements that take the schema from version-1 to version.
struct Migration {
    int version;
    QString sql;
};

//! RAII owner of one SQLite/SQLCipher connection, through the C API. A connection is
//! used by one thread at a time; the client has one writer and separate readers.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    //! Opens (creating if needed) \a path. With a key, the key is applied as a raw key
    //! after checking it is exactly 32 bytes, the cipher parameters are set explicitly,
    //! and the file is read once: a wrong key or a file that is not a database fails here
    //! with ErrorCode::CacheLocked, and the file is left untouched.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const QString &path, const OpenOptions &options);

    //! Runs one or more statements without results.
    [[nodiscard]] Status exec(const QString &sql);
    //! Prepares \a sql, or takes the statement a Statement of the same SQL left behind
    //! (parsing and planning a query costs more than running it on a small table: the list
    //! models run the same few queries after every sync page).
    [[nodiscard]] Result<Statement> prepare(const QString &sql);

    [[nodiscard]] Status begin(bool immediate = true);
    [[nodiscard]] Status commit();
    void rollback();

    //! Runs \a body inside BEGIN IMMEDIATE … COMMIT; rolls back if it returns an error.
    [[nodiscard]] Status transaction(const std::function<Status()> &body);

    [[nodiscard]] qint64 lastInsertRowId() const;
    [[nodiscard]] int changes() const;

    [[nodiscard]] Result<int> userVersion();
    //! Applies every migration above the file's user_version, each in its own
    //! transaction together with the new user_version. Refuses a file newer than the code.
    [[nodiscard]] Status migrate(const QList<Migration> &steps);
    //! \a sql without its "ALTER TABLE t ADD COLUMN c …;" statements whose column t already has.
    [[nodiscard]] Result<QString> withoutExistingColumns(const QString &sql);
    //! PRAGMA quick_check; an error if the file is damaged.
    [[nodiscard]] Status quickCheck();
    //! The integrity check at open without reading the whole file on every start: the full
    //! quickCheck() only when the file was not closed cleanly last time (closedCleanlyMarker()
    //! missing: a crash, a kill, a power cut, a file from before the marker or copied without
    //! it); after a clean close, the cheap checks (the file as long as its pages say). Then the
    //! marker is removed while this connection has the file open, and written again when it
    //! closes (destroyed) without error. Never writes to the database, never deletes it.
    [[nodiscard]] Status checkUnlessClosedCleanly();
    //! The file next to \a path that says its last connection checked with
    //! checkUnlessClosedCleanly() closed cleanly.
    [[nodiscard]] static QString closedCleanlyMarker(const QString &path);

    //! One integer from a single-row query (count(*), max(seq) …); \a fallback when no row.
    [[nodiscard]] Result<qint64> scalar(const QString &sql, qint64 fallback = 0);

    [[nodiscard]] const QString &path() const { return m_path; }
    [[nodiscard]] bool encrypted() const { return m_encrypted; }
    sqlite3 *handle() const { return m_db; }

    //! An Error from the connection's last failure, tagged with \a what for logs.
    [[nodiscard]] Error lastError(const QString &what) const;

    //! Statements on this connection that have stepped but neither finished nor been
    //! reset. Each holds a read transaction open; in WAL mode that pins an old snapshot,
    //! and the connection's next write fails once another connection has committed. Code
    //! that awaits (a coroutine) must leave this at 0 before each co_await.
    [[nodiscard]] int unfinishedStatements() const;

    //! "x'…'" literal for PRAGMA key; empty if \a rawKey is not 32 bytes.
    [[nodiscard]] static QByteArray rawKeyLiteral(const QByteArray &rawKey);

private:
    Database();
    sqlite3 *m_db = nullptr;
    std::shared_ptr<detail::StatementPool> m_pool;
    QString m_path;
    bool m_encrypted = false;
    bool m_markCleanOnClose = false;
};

} // namespace plaza::storage
