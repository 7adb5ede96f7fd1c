// SPDX-License-Identifier: MIT
#pragma once

#include "eventlog.h"
#include "storage.h"

#include <QHash>
#include <QPair>

#include <QSocketNotifier>

struct pg_conn;
struct pg_result;

namespace plaza::server {

//! PostgreSQL over libpq (Debian's PostgreSQL 15): statements with ?n parameters rewritten
//! to $n and prepared once per distinct statement (PQprepare / PQexecPrepared; typed
//! parameters: int8, float8, text, bytea in binary), results in text form. Transactions are SERIALIZABLE, or READ
//! COMMITTED with explicit locks (Isolation::RowLocks), and retried a bounded number of times with jittered back-off
//! on SQLSTATE 40001 / 40P01 (and 23505 under RowLocks). One connection, one thread.
class PgStorage final : public Storage
{
public:
    ~PgStorage() override;
    //! Connects to \a url; a clear error when it cannot (unreachable, refused, no database).
    //! The schema is brought up to date under an advisory lock (several processes may start
    //! at once on one database).
    [[nodiscard]] static Result<std::unique_ptr<PgStorage>> open(const QString &url);

    [[nodiscard]] Kind kind() const override { return Kind::Postgres; }
    [[nodiscard]] Result<Rows> query(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Result<int> change(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Result<qint64> insert(const QString &sql, const SqlArgs &args) override;
    [[nodiscard]] Status exec(const QString &sql) override;
    [[nodiscard]] Status transaction(const std::function<Status()> &body,
                                     const std::function<void()> &beforeAttempt, Isolation isolation) override;
    [[nodiscard]] bool inTransaction() const override;
    [[nodiscard]] Status lockKey(qint64 key) override;

    [[nodiscard]] QString insertOrIgnore(const QString &intoAndValues) const override;
    [[nodiscard]] QString upsert(const QString &table, const QStringList &key, const QStringList &columns,
                                 const QString &values) const override;
    [[nodiscard]] QString dayOf(const QString &msExpr) const override;
    [[nodiscard]] QString likeIgnoringCase() const override { return QStringLiteral("ILIKE"); }

    //! How many transactions ran again after a serialization failure (for logs and tests).
    [[nodiscard]] qint64 retries() const { return m_retries; }
    //! The most tries one transaction may take before its error is answered.
    static constexpr int kMaxAttempts = 12;

    // Several processes on one database (LISTEN/NOTIFY on the channel "plaza_events").
    //! Inside the write transaction that appended \a events: tells the other processes which
    //! (user, seq) to read once it commits (PostgreSQL delivers notifications only then). The
    //! NOTIFY goes with the COMMIT, in the same round trip.
    [[nodiscard]] Status announce(const QList<UserEvent> &events);
    //! (user id, seq) of events committed by another process.
    using Heard = std::function<void(const QList<QPair<qint64, qint64>> &)>;
    //! Opens a second connection that LISTENs and hands what other processes announced to
    //! \a heard, from the event loop (a QSocketNotifier on libpq's socket).
    [[nodiscard]] Status listen(Heard heard);

    //! The schema, as one step (the SQLite migrations 1–11 in PostgreSQL's words).
    [[nodiscard]] static QString schema();
    //! Step 12: media (SQLite's migration 12, media.h).
    [[nodiscard]] static QString mediaSchema();
    //! Step 13: the login throttle's failure counts (loginthrottle.h).
    [[nodiscard]] static QString throttleSchema();
    //! Step 14 (message actions: edits, tombstones, replies, forwards, reactions).
    [[nodiscard]] static QString messageActionsSchema();
    //! Step 15 (safety: blocks, mutes, reports; safety.h).
    [[nodiscard]] static QString safetySchema();
    [[nodiscard]] static QString postActionsSchema();
    //! Step 17 (groups: roles, departures, system messages, mentions; SQLite's migration 17).
    [[nodiscard]] static QString groupsSchema();
    //! Step 18 (muting a person in the feed; SQLite's migration 18, personmute.h).
    [[nodiscard]] static QString personMuteSchema();
    //! Step 19 (message requests: conversation_members.request_state; SQLite's migration 19).
    [[nodiscard]] static QString requestsSchema();
    static constexpr int kSchemaVersion = 19;

    //! \a sql with SQLite's ?n parameters as PostgreSQL's $n (string literals left alone).
    [[nodiscard]] static QByteArray rewriteParameters(const QString &sql);

private:
    explicit PgStorage(pg_conn *conn, QString url) : m_conn(conn), m_url(std::move(url)) { }
    void drainNotifications();
    //! Runs \a sql with \a args; the result (owned by the caller) or an error.
    [[nodiscard]] Result<pg_result *> execute(const QString &sql, const SqlArgs &args, const char *suffix = nullptr);
    [[nodiscard]] Error errorOf(pg_result *result, const QString &what);
    [[nodiscard]] Status migrate();

    pg_conn *m_conn = nullptr;
    QString m_url;
    pg_conn *m_listener = nullptr;                //!< the LISTEN connection (listen())
    std::unique_ptr<QSocketNotifier> m_notifier; //!< its socket, in the event loop
    Heard m_heard;
    QHash<QString, QByteArray> m_prepared; //!< statement (text and parameter types) → its prepared name
    bool m_retryable = false;               //!< a statement of this try failed with 40001/40P01 (23505 under RowLocks)
    Isolation m_isolation = Isolation::Serializable; //!< of the transaction under way
    QString m_notifyAtCommit; //!< announce()'s NOTIFYs, sent with the COMMIT of the transaction under way
    qint64 m_retries = 0;
};

} // namespace plaza::server
