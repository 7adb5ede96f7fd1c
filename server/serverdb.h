// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "eventlog.h"
#include "storage.h"
#include "storage/database.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

namespace plaza::server {

//! Public ids are opaque strings: a kind prefix and the row id ("u_12", "c_3").
namespace ids {
inline constexpr QStringView kUser = u"u_";
inline constexpr QStringView kConversation = u"c_";
[[nodiscard]] QString format(QStringView prefix, qint64 rowId);
//! The row id of \a text if it is \a prefix followed by a positive decimal number.
[[nodiscard]] std::optional<qint64> parse(QStringView prefix, QStringView text);
} // namespace ids

//! The server's storage behind one interface (storage.h): SQLite (one file under the data
//! folder, the default) or PostgreSQL; its schema, and the write path that publishes events
//! after COMMIT. Used from the server's thread only.
class ServerDb
{
public:
    //! Opens (creating if needed) DIR/plaza-server.db and brings its schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<ServerDb>> open(const QString &dataDir);
    //! Opens the storage \a spec says (SQLite folder or PostgreSQL URL), schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<ServerDb>> open(const StorageSpec &spec);

    //! The SQLite connection itself, or null on another engine: for tests that inspect or
    //! damage the file. Server code goes through the calls below.
    [[nodiscard]] storage::Database *sqlite();
    [[nodiscard]] Storage &storage() { return *m_storage; }
    [[nodiscard]] Storage::Kind kind() const { return m_storage->kind(); }

    //! Runs \a body in one transaction (Storage::transaction: BEGIN IMMEDIATE on SQLite,
    //! SERIALIZABLE with bounded retry on PostgreSQL, so \a body may run more than once and
    //! must only set what it produces). Events that \a body appended with appendEvent() go to
    //! the event listener after the COMMIT that succeeded, in seq order; on an error
    //! everything is rolled back and nobody hears of them.
    [[nodiscard]] Status write(const std::function<Status()> &body)
    {
        return write(body, Storage::Isolation::Serializable);
    }
    //! write() with the \a isolation of Storage::transaction(): RowLocks for a body that
    //! takes the locks it needs (lockKey(), ledger.h post()) instead of SERIALIZABLE.
    [[nodiscard]] Status write(const std::function<Status()> &body, Storage::Isolation isolation);
    //! Inside write(): Storage::lockKey().
    [[nodiscard]] Status lockKey(qint64 key) { return m_storage->lockKey(key); }

    //! True inside write() (appendEvent() refuses outside one).
    [[nodiscard]] bool inTransaction() const;
    //! Keeps an appended event aside until write() commits (published) or rolls back (dropped).
    void holdEvent(UserEvent event) { m_held.append(std::move(event)); }

    //! Who hears of committed events (the WebSocket hub).
    void setEventListener(std::function<void(const QList<UserEvent> &)> listener);

    //! Runs \a sql with \a args bound to ?1…?n; its rows.
    template<typename... Args>
    [[nodiscard]] Result<Rows> query(const QString &sql, const Args &...args)
    {
        return m_storage->query(sql, SqlArgs{sqlValue(args)...});
    }
    //! Runs a statement that returns no rows.
    template<typename... Args>
    [[nodiscard]] Status run(const QString &sql, const Args &...args)
    {
        auto changed = m_storage->change(sql, SqlArgs{sqlValue(args)...});
        if (!changed)
            return changed.error();
        return {};
    }
    //! Runs an INSERT and returns the new row's id (the storage's own way of telling it).
    template <typename... Args> [[nodiscard]] Result<qint64> insert(const QString &sql, const Args &...args)
    {
        return m_storage->insert(sql, SqlArgs{sqlValue(args)...});
    }
    //! Runs an UPDATE or DELETE and returns how many rows it changed.
    template <typename... Args> [[nodiscard]] Result<int> change(const QString &sql, const Args &...args)
    {
        return m_storage->change(sql, SqlArgs{sqlValue(args)...});
    }
    //! The rows stepped onto the first one, or nothing when there is no row: the
    //! "load one row or say it is not there" shape of every handler.
    template <typename... Args>
    [[nodiscard]] Result<std::optional<Rows>> row(const QString &sql, const Args &...args)
    {
        auto stmt = query(sql, args...);
        if (!stmt)
            return stmt.error();
        auto stepped = stmt->step();
        if (!stepped)
            return stepped.error();
        if (!*stepped)
            return std::optional<Rows>();
        return std::optional<Rows>(std::move(stmt).value());
    }
    //! Runs \a body inside the current transaction as one unit: when it fails, its writes and
    //! the events it appended are undone and the transaction goes on (SAVEPOINT).
    [[nodiscard]] Status nested(const std::function<Status()> &body);

    //! The first column of the first row, or nothing when there is no row.
    template<typename... Args>
    [[nodiscard]] Result<std::optional<qint64>> integer(const QString &sql, const Args &...args)
    {
        auto stmt = query(sql, args...);
        if (!stmt)
            return stmt.error();
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row || stmt->isNull(0))
            return std::optional<qint64>();
        return std::optional<qint64>(stmt->int64(0));
    }

    //! The creation time of a new row: \a nowMs, or one millisecond after the newest row's
    //! (the one integer \a newestSql selects) when the clock has not passed it, or stands
    //! behind it. Clients order by (created_at, id) and cannot read an order from opaque
    //! ids, so two rows of one list never share a time and time order is id order.
    template<typename... Args>
    [[nodiscard]] Result<qint64> nextCreatedAt(qint64 nowMs, const QString &newestSql, const Args &...args)
    {
        auto newest = integer(newestSql, args...);
        if (!newest)
            return newest.error();
        return newest->has_value() ? std::max(nowMs, **newest + 1) : nowMs;
    }

    //! The first column of every row as integers (ids, mostly), in the query's order.
    template<typename... Args>
    [[nodiscard]] Result<QList<qint64>> integers(const QString &sql, const Args &...args)
    {
        auto stmt = query(sql, args...);
        if (!stmt)
            return stmt.error();
        QList<qint64> values;
        for (;;) {
            auto row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            values.append(stmt->int64(0));
        }
        return values;
    }

    // The dialect (Storage): SQL that is not the same on both engines.
    //! "INSERT OR IGNORE " + \a intoAndValues ("INTO t (a, b) VALUES (?1, ?2)"), portably.
    [[nodiscard]] QString insertOrIgnore(const QString &intoAndValues) const
    {
        return m_storage->insertOrIgnore(intoAndValues);
    }
    //! INSERT OR REPLACE, portably: every column of the row in \a columns, \a key among them.
    [[nodiscard]] QString upsert(const QString &table, const QStringList &key, const QStringList &columns,
                                 const QString &values) const
    {
        return m_storage->upsert(table, key, columns, values);
    }
    //! The UTC day (YYYY-MM-DD) of a milliseconds expression.
    [[nodiscard]] QString dayOf(const QString &msExpr) const { return m_storage->dayOf(msExpr); }
    //! LIKE that ignores ASCII case.
    [[nodiscard]] QString like() const { return m_storage->likeIgnoringCase(); }

    //! A value of the meta table (schema-independent facts such as "demo_seeded").
    [[nodiscard]] Result<QString> meta(const QString &key);
    [[nodiscard]] Status setMeta(const QString &key, const QString &value);

    //! Every schema step, oldest first. Later issues append their own.
    [[nodiscard]] static QList<storage::Migration> migrations();

private:
    explicit ServerDb(std::unique_ptr<Storage> storage) : m_storage(std::move(storage)) { }
    std::unique_ptr<Storage> m_storage;
    std::function<void(const QList<UserEvent> &)> m_listener;
    QList<UserEvent> m_held; //!< appended in the open transaction, in append order
};

} // namespace plaza::server
