// SPDX-License-Identifier: MIT
#include "pgstorage.h"

#include <libpq-fe.h>

#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QThread>
#include <QUrl>

#include <cstdlib>
#include <utility>
#include <vector>

namespace plaza::server {

namespace {

// Type OIDs of PostgreSQL's catalogue (pg_type.dat): stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;

constexpr qint64 kSchemaLock = 0x706c617a61; // "plaza": the advisory lock around the schema

QString connectionLabel(const QString &url)
{
    // Never a password in an error message or a log.
    QUrl u(url);
    if (u.isValid() && !u.scheme().isEmpty()) {
        u.setPassword({});
        return u.toString();
    }
    return QStringLiteral("(connection string)");
}

class PgRows final : public RowsBackend
{
public:
    explicit PgRows(PGresult *result) : m_result(result), m_rows(PQntuples(result)) { }
    ~PgRows() override { PQclear(m_result); }
    PgRows(const PgRows &) = delete;
    PgRows &operator=(const PgRows &) = delete;

    Result<bool> step() override
    {
        if (m_row < m_rows)
            ++m_row;
        return m_row < m_rows;
    }
    int columnCount() const override { return PQnfields(m_result); }
    bool isNull(int column) const override { return !valid(column) || PQgetisnull(m_result, m_row, column); }
    qint64 int64(int column) const override
    {
        if (isNull(column))
            return 0;
        const char *v = PQgetvalue(m_result, m_row, column);
        if (PQftype(m_result, column) == kBoolOid)
            return v[0] == 't' ? 1 : 0;
        // int8 and count(*) as digits; sum() of bigint is numeric ("123"), never fractional here.
        return std::strtoll(v, nullptr, 10);
    }
    double real(int column) const override
    {
        return isNull(column) ? 0.0 : std::strtod(PQgetvalue(m_result, m_row, column), nullptr);
    }
    QString text(int column) const override
    {
        if (isNull(column))
            return QStringLiteral(""); // as SQLite's text(): textOrNull() tells NULL apart
        return QString::fromUtf8(PQgetvalue(m_result, m_row, column), PQgetlength(m_result, m_row, column));
    }
    QByteArray blob(int column) const override
    {
        if (isNull(column))
            return QByteArray();
        const char *v = PQgetvalue(m_result, m_row, column);
        if (PQftype(m_result, column) != kByteaOid)
            return QByteArray(v, PQgetlength(m_result, m_row, column));
        size_t length = 0;
        unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(v), &length);
        QByteArray out(reinterpret_cast<const char *>(bytes), qsizetype(length));
        PQfreemem(bytes);
        return out;
    }

private:
    bool valid(int column) const { return m_row >= 0 && m_row < m_rows && column >= 0 && column < PQnfields(m_result); }
    PGresult *m_result;
    int m_rows;
    int m_row = -1;
};

void ignoreNotice(void *, const char *) { }

} // namespace

Result<std::unique_ptr<Storage>> openPostgres(const QString &url)
{
    auto pg = PgStorage::open(url);
    if (!pg)
        return pg.error();
    return std::unique_ptr<Storage>(std::move(*pg));
}

PgStorage::~PgStorage()
{
    if (m_retries > 0)
        qInfo("plaza-server: %lld transaction tries ran again after a serialization failure", m_retries);
    m_notifier.reset();
    if (m_listener)
        PQfinish(m_listener);
    if (m_conn)
        PQfinish(m_conn);
}

Result<std::unique_ptr<PgStorage>> PgStorage::open(const QString &url)
{
    const QByteArray dbname = url.toUtf8();
    // The URL's own settings first; a connect timeout unless it says otherwise.
    const char *keys[] = {"connect_timeout", "dbname", "application_name", nullptr};
    const char *values[] = {"10", dbname.constData(), "plaza-server", nullptr};
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    if (!conn)
        return makeError(ErrorCode::Storage, QStringLiteral("cannot connect to PostgreSQL: out of memory"));
    if (PQstatus(conn) != CONNECTION_OK) {
        const QString why = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        PQfinish(conn);
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot connect to PostgreSQL at %1: %2").arg(connectionLabel(url), why));
    }
    PQsetNoticeProcessor(conn, ignoreNotice, nullptr);
    std::unique_ptr<PgStorage> storage(new PgStorage(conn, url));
    if (auto st = storage->exec(QStringLiteral("SET client_min_messages = warning; SET TIME ZONE 'UTC'")); !st)
        return st.error();
    if (auto st = storage->migrate(); !st)
        return st.error();
    return storage;
}

Status PgStorage::migrate()
{
    // Several processes may start together on one database: one of them creates the schema.
    if (auto st = exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kSchemaLock)); !st)
        return st;
    Status result;
    // plaza_schema is looked up only once it exists (a query naming it would not even plan).
    auto exists = query(QStringLiteral("SELECT to_regclass('plaza_schema') IS NOT NULL"), {});
    bool hasSchema = false;
    if (exists) {
        auto row = exists->step();
        hasSchema = row && *row && exists->int64(0) != 0;
    }
    const QString versionSql = hasSchema ? QStringLiteral("SELECT max(version) FROM plaza_schema") : QStringLiteral("SELECT 0");
    auto version = exists ? query(versionSql, {}) : Result<Rows>(exists.error());
    if (!version) {
        result = version.error();
    } else if (auto row = version->step(); !row) {
        result = row.error();
    } else {
        const qint64 current = version->int64(0);
        if (current > kSchemaVersion) {
            result = makeError(ErrorCode::Storage,
                               QStringLiteral("the PostgreSQL database has schema version %1, newer than this "
                                              "plaza-server (%2)")
                                   .arg(current)
                                   .arg(kSchemaVersion));
        } else if (current < kSchemaVersion) {
            // From nothing: the schema as of version 11 in one step; then each later step
            // (12: media, 13: the login throttle's counts, 14: message actions, 15: safety, 16: post actions,
            // 17: groups, 18: muting a person, 19: message requests) in the same transaction.
            if (current != 0 && current < 11) {
                result = makeError(ErrorCode::Storage,
                                   QStringLiteral("unknown PostgreSQL schema version %1").arg(current));
            } else {
                QString sql = QStringLiteral("BEGIN; ");
                if (current == 0)
                    sql += schema() + QStringLiteral("; CREATE TABLE plaza_schema (version bigint NOT NULL); ");
                if (current < 12)
                    sql += mediaSchema() + QStringLiteral("; ");
                if (current < 13)
                    sql += throttleSchema() + QStringLiteral("; ");
                if (current < 14)
                    sql += messageActionsSchema() + QStringLiteral("; ");
                if (current < 15)
                    sql += safetySchema() + QStringLiteral("; ");
                if (current < 16)
                    sql += postActionsSchema() + QStringLiteral("; ");
                if (current < 17)
                    sql += groupsSchema() + QStringLiteral("; ");
                if (current < 18)
                    sql += personMuteSchema() + QStringLiteral("; ");
                if (current < 19)
                    sql += requestsSchema() + QStringLiteral("; ");
                sql += QStringLiteral("INSERT INTO plaza_schema (version) VALUES (%1); COMMIT").arg(kSchemaVersion);
                result = exec(sql);
                if (!result)
                    (void)exec(QStringLiteral("ROLLBACK"));
            }
        }
    }
    if (auto st = exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kSchemaLock)); !st && result)
        return st;
    return result;
}

QByteArray PgStorage::rewriteParameters(const QString &sql)
{
    QString out;
    out.reserve(sql.size() + 8);
    bool inString = false;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == u'\'')
            inString = !inString; // '' inside a literal toggles twice: still right
        if (!inString && c == u'?' && i + 1 < sql.size() && sql.at(i + 1).isDigit()) {
            out += u'$';
            continue;
        }
        out += c;
    }
    return out.toUtf8();
}

Error PgStorage::errorOf(PGresult *result, const QString &what)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QByteArray sqlState = state ? QByteArray(state) : QByteArray();
    // A serialization failure or a deadlock: the try is lost, the next one may pass. Under
    // READ COMMITTED a unique key that a concurrent transaction inserted first (the next seq
    // of a user's event log, a wallet account created at once by two payers) is the same
    // race: the next try sees that row.
    if (sqlState == "40001" || sqlState == "40P01" || (sqlState == "23505" && m_isolation == Isolation::RowLocks))
        m_retryable = true;
    QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn)).trimmed();
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    QVariantMap details{{QStringLiteral("sqlstate"), QString::fromLatin1(sqlState)}};
    return makeError(ErrorCode::Storage, QStringLiteral("%1: %2").arg(what, message), details);
}

Result<PGresult *> PgStorage::execute(const QString &sql, const SqlArgs &args, const char *suffix)
{
    if (m_retryable && inTransaction()) // doomed: nothing more until transaction() rolls back and retries
        return makeError(ErrorCode::Storage, QStringLiteral("PostgreSQL: the transaction must run again"),
                         {{QStringLiteral("sqlstate"), QStringLiteral("40001")}});
    if (PQstatus(m_conn) == CONNECTION_BAD && PQtransactionStatus(m_conn) != PQTRANS_INTRANS) {
        PQreset(m_conn); // the server restarted or the connection dropped: once, outside a transaction
        m_prepared.clear();
    }
    const int n = int(args.size());
    std::vector<Oid> types(static_cast<size_t>(n), 0);
    std::vector<QByteArray> buffers(static_cast<size_t>(n));
    std::vector<const char *> values(static_cast<size_t>(n), nullptr);
    std::vector<int> lengths(static_cast<size_t>(n), 0);
    std::vector<int> formats(static_cast<size_t>(n), 0);
    // The statement's key: its text and its parameters' types (a NULL leaves the type to
    // PostgreSQL, so it is prepared apart).
    QString key = sql;
    if (suffix)
        key += QLatin1String(suffix);
    key += QChar(0);
    for (int i = 0; i < n; ++i) {
        const SqlValue &v = args.at(i);
        if (const auto *integer = std::get_if<qint64>(&v)) {
            types[size_t(i)] = kInt8Oid;
            buffers[size_t(i)] = QByteArray::number(*integer);
        } else if (const auto *real = std::get_if<double>(&v)) {
            types[size_t(i)] = kFloat8Oid;
            buffers[size_t(i)] = QByteArray::number(*real, 'g', 17);
        } else if (const auto *text = std::get_if<QString>(&v)) {
            types[size_t(i)] = kTextOid;
            buffers[size_t(i)] = text->toUtf8();
        } else if (const auto *bytes = std::get_if<QByteArray>(&v)) {
            types[size_t(i)] = kByteaOid;
            buffers[size_t(i)] = *bytes;
            formats[size_t(i)] = 1;
        }
        key += QChar(char16_t(u'a' + v.index()));
        if (types[size_t(i)] == 0)
            continue; // NULL: no value
        values[size_t(i)] = buffers[size_t(i)].constData();
        lengths[size_t(i)] = int(buffers[size_t(i)].size());
    }
    // Prepared once per connection: parsed and planned once, not on every call.
    auto it = m_prepared.constFind(key);
    if (it == m_prepared.constEnd()) {
        QByteArray text = rewriteParameters(sql);
        if (suffix)
            text += suffix;
        const QByteArray name = "p" + QByteArray::number(m_prepared.size() + 1);
        PGresult *prepared = PQprepare(m_conn, name.constData(), text.constData(), n, types.data());
        if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            Error error = errorOf(prepared, QStringLiteral("PostgreSQL"));
            PQclear(prepared);
            return error;
        }
        PQclear(prepared);
        it = m_prepared.insert(key, name);
    }
    PGresult *result = PQexecPrepared(m_conn, it->constData(), n, values.data(), lengths.data(), formats.data(), 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error error = errorOf(result, QStringLiteral("PostgreSQL"));
        PQclear(result);
        return error;
    }
    return result;
}

Result<Rows> PgStorage::query(const QString &sql, const SqlArgs &args)
{
    auto result = execute(sql, args);
    if (!result)
        return result.error();
    return Rows(std::make_unique<PgRows>(*result));
}

Result<int> PgStorage::change(const QString &sql, const SqlArgs &args)
{
    auto result = execute(sql, args);
    if (!result)
        return result.error();
    const int changed = std::atoi(PQcmdTuples(*result));
    PQclear(*result);
    return changed;
}

Result<qint64> PgStorage::insert(const QString &sql, const SqlArgs &args)
{
    auto result = execute(sql, args, " RETURNING id");
    if (!result)
        return result.error();
    PgRows rows(*result);
    auto row = rows.step();
    if (!*row)
        return makeError(ErrorCode::Storage, QStringLiteral("PostgreSQL: the INSERT returned no id"));
    return rows.int64(0);
}

Status PgStorage::exec(const QString &sql)
{
    if (m_retryable && inTransaction() && sql != u"ROLLBACK")
        return makeError(ErrorCode::Storage, QStringLiteral("PostgreSQL: the transaction must run again"),
                         {{QStringLiteral("sqlstate"), QStringLiteral("40001")}});
    PGresult *result = PQexec(m_conn, sql.toUtf8().constData());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error error = errorOf(result, QStringLiteral("PostgreSQL"));
        PQclear(result);
        return error;
    }
    PQclear(result);
    return {};
}

Status PgStorage::transaction(const std::function<Status()> &body, const std::function<void()> &beforeAttempt,
                              Isolation isolation)
{
    Status last;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        if (attempt > 0) {
            ++m_retries;
            // Back off a little, more each time (0.25–0.5 ms, then doubling up to 16–32 ms),
            // with jitter so that two retrying processes part.
            const int ceilingUs = 500 << std::min(attempt - 1, 6);
            QThread::usleep(ulong(QRandomGenerator::global()->bounded(ceilingUs / 2, ceilingUs)));
        }
        if (beforeAttempt)
            beforeAttempt();
        m_retryable = false;
        m_isolation = isolation;
        m_notifyAtCommit.clear();
        const QString begin = isolation == Isolation::RowLocks ? QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")
                                                               : QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE");
        if (auto st = exec(begin); !st)
            return st;
        Status st = body();
        if (st)
            st = exec(std::exchange(m_notifyAtCommit, {}) + QStringLiteral("COMMIT"));
        if (st)
            return {};
        if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
            (void)exec(QStringLiteral("ROLLBACK"));
        if (!m_retryable)
            return st;
        last = st;
    }
    return makeError(ErrorCode::Storage,
                     QStringLiteral("the database stayed too busy to serialize this write (%1 tries): %2")
                         .arg(kMaxAttempts)
                         .arg(last.error().message));
}

Status PgStorage::lockKey(qint64 key)
{
    auto locked = query(QStringLiteral("SELECT pg_advisory_xact_lock(?1)"), {SqlValue(key)});
    if (!locked)
        return locked.error();
    return {};
}

bool PgStorage::inTransaction() const
{
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

Status PgStorage::announce(const QList<UserEvent> &events)
{
    // "user:seq,user:seq…", in payloads under PostgreSQL's 8000-byte limit.
    QString payload;
    auto flush = [&]() -> Status {
        if (payload.isEmpty())
            return {};
        // Sent with the COMMIT (transaction()), one round trip for both. The payload is
        // digits, ':' and ',' only: safe as a literal.
        if (inTransaction()) {
            m_notifyAtCommit += QStringLiteral("SELECT pg_notify('plaza_events', '%1'); ").arg(payload);
            payload.clear();
            return {};
        }
        auto sent = query(QStringLiteral("SELECT pg_notify('plaza_events', ?1)"), {SqlValue(payload)});
        payload.clear();
        if (!sent)
            return sent.error();
        return {};
    };
    for (const UserEvent &e : events) {
        if (!payload.isEmpty())
            payload += u',';
        payload += QString::number(e.userId) + u':' + QString::number(e.event.seq);
        if (payload.size() > 7000) {
            if (auto st = flush(); !st)
                return st;
        }
    }
    return flush();
}

Status PgStorage::listen(Heard heard)
{
    const QByteArray dbname = m_url.toUtf8();
    const char *keys[] = {"connect_timeout", "dbname", "application_name", nullptr};
    const char *values[] = {"10", dbname.constData(), "plaza-server listen", nullptr};
    m_listener = PQconnectdbParams(keys, values, 1);
    if (!m_listener || PQstatus(m_listener) != CONNECTION_OK)
        return makeError(ErrorCode::Storage, QStringLiteral("cannot open the LISTEN connection to PostgreSQL: %1")
                                                 .arg(QString::fromUtf8(PQerrorMessage(m_listener)).trimmed()));
    PQsetNoticeProcessor(m_listener, ignoreNotice, nullptr);
    PGresult *r = PQexec(m_listener, "LISTEN plaza_events");
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok)
        return makeError(ErrorCode::Storage, QStringLiteral("LISTEN failed: %1")
                                                 .arg(QString::fromUtf8(PQerrorMessage(m_listener)).trimmed()));
    m_heard = std::move(heard);
    m_notifier = std::make_unique<QSocketNotifier>(PQsocket(m_listener), QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { drainNotifications(); });
    return {};
}

void PgStorage::drainNotifications()
{
    if (!PQconsumeInput(m_listener)) {
        qWarning("plaza-server: the LISTEN connection to PostgreSQL failed: %s", PQerrorMessage(m_listener));
        m_notifier->setEnabled(false);
        return;
    }
    const int ownPid = PQbackendPID(m_conn);
    QList<QPair<qint64, qint64>> heard;
    while (PGnotify *n = PQnotifies(m_listener)) {
        if (n->be_pid != ownPid) { // our own events were published at our COMMIT
            const QList<QByteArray> pairs = QByteArray(n->extra).split(',');
            for (const QByteArray &pair : pairs) {
                const qsizetype colon = pair.indexOf(':');
                if (colon > 0)
                    heard.append({pair.left(colon).toLongLong(), pair.mid(colon + 1).toLongLong()});
            }
        }
        PQfreemem(n);
    }
    if (!heard.isEmpty() && m_heard)
        m_heard(heard);
}

QString PgStorage::insertOrIgnore(const QString &intoAndValues) const
{
    return QStringLiteral("INSERT ") + intoAndValues + QStringLiteral(" ON CONFLICT DO NOTHING");
}

QString PgStorage::upsert(const QString &table, const QStringList &key, const QStringList &columns,
                          const QString &values) const
{
    QStringList sets;
    for (const QString &column : columns) {
        if (!key.contains(column))
            sets.append(QStringLiteral("%1 = excluded.%1").arg(column));
    }
    const QString action = sets.isEmpty() ? QStringLiteral("DO NOTHING")
                                          : QStringLiteral("DO UPDATE SET ") + sets.join(QStringLiteral(", "));
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) %5")
        .arg(table, columns.join(QStringLiteral(", ")), values, key.join(QStringLiteral(", ")), action);
}

QString PgStorage::dayOf(const QString &msExpr) const
{
    return QStringLiteral("to_char(to_timestamp((%1) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')").arg(msExpr);
}

} // namespace plaza::server
