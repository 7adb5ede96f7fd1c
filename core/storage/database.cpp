// SPDX-License-Identifier: MIT
#include "database.h"

#include "common/logging.h"

#include <sqlite3.h>

#include <QFile>
#include <QFileInfo>
#include <QMultiHash>
#include <QMutex>
#include <QRegularExpression>

#include <algorithm>

namespace plaza::storage {

namespace {

Error sqliteError(sqlite3 *db, int rc, const QString &what)
{
    const int primary = rc & 0xff;
    const ErrorCode code = primary == SQLITE_NOTADB ? ErrorCode::CacheLocked : ErrorCode::Storage;
    const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    QVariantMap details{{QStringLiteral("sqlite_code"), rc}};
    if (primary == SQLITE_CORRUPT)
        details.insert(QStringLiteral("damaged"), true);
    return makeError(code, QStringLiteral("%1: %2 (%3)").arg(what, detail).arg(rc), details);
}

} // namespace

// ---- Statement --------------------------------------------------------------------------

namespace detail {

//! The idle prepared statements of one connection, by their SQL. A connection is used by one
//! thread at a time, but a Statement may be destroyed on another (a result handed over): the
//! lock keeps the pool whole then, at the cost of an uncontended mutex per prepare.
class StatementPool
{
public:
    StatementPool() = default;
    StatementPool(const StatementPool &) = delete;
    StatementPool &operator=(const StatementPool &) = delete;
    ~StatementPool() { drain(); }

    //! An idle statement of exactly \a sql, or null.
    sqlite3_stmt *take(const QByteArray &sql)
    {
        const QMutexLocker lock(&m_mutex);
        auto it = m_idle.find(sql);
        if (it == m_idle.end())
            return nullptr;
        sqlite3_stmt *stmt = it.value();
        m_idle.erase(it);
        return stmt;
    }
    //! Keeps \a stmt, reset and unbound (so it holds no read transaction); false when full.
    bool give(sqlite3_stmt *stmt)
    {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        QByteArray sql(sqlite3_sql(stmt));
        const QMutexLocker lock(&m_mutex);
        if (m_idle.size() >= kMaxIdle)
            return false;
        m_idle.insert(std::move(sql), stmt);
        return true;
    }
    void drain()
    {
        const QMutexLocker lock(&m_mutex);
        for (sqlite3_stmt *stmt : std::as_const(m_idle))
            sqlite3_finalize(stmt);
        m_idle.clear();
    }

private:
    static constexpr qsizetype kMaxIdle = 64;
    QMutex m_mutex;
    QMultiHash<QByteArray, sqlite3_stmt *> m_idle;
};

} // namespace detail

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_db(other.m_db),
      m_pool(std::move(other.m_pool)),
      m_bindError(other.m_bindError)
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        release();
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_pool = std::move(other.m_pool);
        m_bindError = other.m_bindError;
    }
    return *this;
}

Statement::~Statement()
{
    release();
}

void Statement::release()
{
    sqlite3_stmt *stmt = std::exchange(m_stmt, nullptr);
    if (!stmt)
        return;
    if (auto pool = m_pool.lock(); pool && pool->give(stmt))
        return;
    sqlite3_finalize(stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_bindError = rc;
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_bindError = rc;
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    if (const int rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_bindError = rc;
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &value)
{
    if (value.isNull())
        return bindNull(index);
    if (const int rc = sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_bindError = rc;
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_bindError = rc;
    return *this;
}

Statement &Statement::bindVariant(int index, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return bindNull(index);
    switch (value.typeId()) {
    case QMetaType::Bool:
        return bind(index, value.toBool());
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Long:
        return bind(index, value.toLongLong());
    case QMetaType::Double:
        return bind(index, value.toDouble());
    case QMetaType::QByteArray:
        return bind(index, value.toByteArray());
    default:
        return bind(index, value.toString());
    }
}

Result<bool> Statement::step()
{
    if (m_bindError != SQLITE_OK)
        return sqliteError(m_db ? m_db->handle() : nullptr, m_bindError, QStringLiteral("bind"));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqliteError(m_db ? m_db->handle() : nullptr, rc, QStringLiteral("step"));
}

Status Statement::exec()
{
    for (;;) {
        auto more = step();
        if (!more) {
            reset();
            return more.error();
        }
        if (!*more)
            break;
    }
    reset();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError = SQLITE_OK;
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QString::fromUtf8(data, size) : QStringLiteral("");
}

QString Statement::textOrNull(int column) const
{
    return isNull(column) ? QString() : text(column);
}

QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArray(data, size) : QByteArray();
}

// ---- Database ---------------------------------------------------------------------------

QByteArray Database::rawKeyLiteral(const QByteArray &rawKey)
{
    if (rawKey.size() != 32)
        return {};
    const QByteArray hex = rawKey.toHex();
    // toHex() only ever yields [0-9a-f], but the literal goes into a PRAGMA, so check anyway.
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    }
    return "\"x'" + hex + "'\"";
}

Database::Database() : m_pool(std::make_shared<detail::StatementPool>()) { }

Database::~Database()
{
    // Statements still alive finalize themselves when they go (the pool is gone then).
    m_pool.reset();
    if (!m_db)
        return;
    const bool closed = sqlite3_close_v2(m_db) == SQLITE_OK;
    // Not for a file deleted or moved aside while open (sign-out, "sign in again").
    if (closed && m_markCleanOnClose && QFileInfo::exists(m_path)) {
        QFile marker(closedCleanlyMarker(m_path));
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qCWarning(lcDb) << "could not mark" << QFileInfo(m_path).fileName() << "as closed cleanly";
    }
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const OpenOptions &options)
{
    // Everything that can be refused without touching the disk is refused first, so a bad
    // key never leaves even an empty file behind.
    if (!options.rawKey.isEmpty() && rawKeyLiteral(options.rawKey).isEmpty())
        return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache key is malformed."));
    // SQLite treats a file shorter than one header as an empty database and would write a
    // fresh page 1 over it: a damaged cache must be reported, never silently recreated.
    if (const QFileInfo info(path); info.exists() && info.size() > 0 && info.size() < 512)
        return makeError(ErrorCode::CacheLocked, QStringLiteral("The database file is damaged (truncated)."),
                         {{QStringLiteral("damaged"), true}});

    // Once per process, before SQLite initialises itself: no allocation statistics. With
    // them every malloc and free inside SQLite takes a global mutex; nothing here reads them.
    static const bool configured = [] {
        return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    }();
    Q_UNUSED(configured);

    std::unique_ptr<Database> db(new Database);
    db->m_path = path;
    const int flags = (options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
        | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db->m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(db->m_db, rc, QStringLiteral("open %1").arg(QFileInfo(path).fileName()));
    sqlite3_extended_result_codes(db->m_db, 1);
    sqlite3_busy_timeout(db->m_db, 5000);

    if (!options.rawKey.isEmpty()) {
        const QByteArray literal = rawKeyLiteral(options.rawKey);
        db->m_encrypted = true;
        // The key first, then the cipher parameters, spelled out so that the file does
        // not depend on the defaults of whichever SQLCipher build opens it. SQLCipher 4
        // also needs its HMAC/KDF algorithms pinned to the 3.x ones used here.
        if (auto st = db->exec(QStringLiteral("PRAGMA key = %1;").arg(QString::fromLatin1(literal))); !st)
            return st.error();
        const QStringList cipherPragmas{
            QStringLiteral("PRAGMA cipher_page_size = 4096;"),
            QStringLiteral("PRAGMA kdf_iter = 64000;"),
            QStringLiteral("PRAGMA cipher_use_hmac = ON;"),
        };
        for (const QString &pragma : cipherPragmas) {
            if (auto st = db->exec(pragma); !st)
                return st.error();
        }
        auto version = db->prepare(QStringLiteral("PRAGMA cipher_version;"));
        if (!version)
            return version.error();
        auto hasRow = version->step();
        if (!hasRow || !*hasRow)
            return makeError(ErrorCode::Storage, QStringLiteral("This SQLite library has no encryption (not SQLCipher)."));
        const QString cipherVersion = version->text(0);
        if (!cipherVersion.startsWith(u'3')) {
            (void)db->exec(QStringLiteral("PRAGMA cipher_hmac_algorithm = HMAC_SHA1;"));
            (void)db->exec(QStringLiteral("PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;"));
        }
    }

    // The first read decrypts page 1: a wrong key or a foreign file fails here, before
    // anything is written, and the file is left as it was.
    if (auto check = db->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master;")); !check) {
        Error error = check.error();
        if (error.code == ErrorCode::CacheLocked)
            error.message = QStringLiteral("The file cannot be decrypted with this key, or is not a database.");
        return error;
    }
    if (auto st = db->exec(QStringLiteral("PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;")); !st)
        return st.error();
    if (!options.readOnly) {
        if (options.wal) {
            if (auto st = db->exec(QStringLiteral("PRAGMA journal_mode = WAL;")); !st)
                return st.error();
        }
        if (auto st = db->exec(QStringLiteral("PRAGMA synchronous = FULL;")); !st)
            return st.error();
    }
    return db;
}

Status Database::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(message);
        const ErrorCode code = (rc & 0xff) == SQLITE_NOTADB ? ErrorCode::CacheLocked : ErrorCode::Storage;
        QVariantMap details{{QStringLiteral("sqlite_code"), rc}};
        if ((rc & 0xff) == SQLITE_CORRUPT)
            details.insert(QStringLiteral("damaged"), true);
        return makeError(code, QStringLiteral("exec: %1 (%2)").arg(text).arg(rc), details);
    }
    return {};
}

int Database::unfinishedStatements() const
{
    int count = 0;
    for (sqlite3_stmt *s = sqlite3_next_stmt(m_db, nullptr); s; s = sqlite3_next_stmt(m_db, s)) {
        if (sqlite3_stmt_busy(s))
            ++count;
    }
    return count;
}

Result<Statement> Database::prepare(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_stmt *idle = m_pool->take(utf8))
        return Statement(idle, this, m_pool);
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, &tail);
    if (rc != SQLITE_OK)
        return sqliteError(m_db, rc, QStringLiteral("prepare"));
    // Kept for reuse only when SQLite took all of the text: then sqlite3_sql() is the key
    // the next prepare() of the same text looks up.
    const bool whole = tail == utf8.constData() + utf8.size();
    return Statement(stmt, this, whole ? std::weak_ptr<detail::StatementPool>(m_pool) : std::weak_ptr<detail::StatementPool>());
}

Status Database::begin(bool immediate)
{
    return exec(immediate ? QStringLiteral("BEGIN IMMEDIATE;") : QStringLiteral("BEGIN;"));
}

Status Database::commit()
{
    return exec(QStringLiteral("COMMIT;"));
}

void Database::rollback()
{
    if (!sqlite3_get_autocommit(m_db))
        (void)exec(QStringLiteral("ROLLBACK;"));
}

Status Database::transaction(const std::function<Status()> &body)
{
    if (auto st = begin(); !st)
        return st;
    Status result = body();
    if (!result) {
        rollback();
        return result;
    }
    if (auto st = commit(); !st) {
        rollback();
        return st;
    }
    return {};
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Result<qint64> Database::scalar(const QString &sql, qint64 fallback)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : fallback;
}

Result<int> Database::userVersion()
{
    auto v = scalar(QStringLiteral("PRAGMA user_version;"));
    if (!v)
        return v.error();
    return int(*v);
}

Result<QString> Database::withoutExistingColumns(const QString &sql)
{
    // SQLite has no "ADD COLUMN IF NOT EXISTS": a step run again on a file that already has
    // the column (a schema version set back by hand or by a test, the rest of the step being
    // IF NOT EXISTS) leaves that statement out instead of failing on a duplicate column.
    static const QRegularExpression addColumn(
        QStringLiteral("ALTER\\s+TABLE\\s+(\\w+)\\s+ADD\\s+COLUMN\\s+(\\w+)[^;]*;"),
        QRegularExpression::CaseInsensitiveOption);
    QString out = sql;
    auto it = addColumn.globalMatch(sql);
    QList<QRegularExpressionMatch> present;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        // (SQLite 3.15: no pragma_table_info(); the names are \w+ from our own SQL.)
        auto info = prepare(QStringLiteral("PRAGMA table_info(\"%1\");").arg(match.captured(1)));
        if (!info)
            return info.error();
        for (;;) {
            auto row = info->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            if (info->text(1).compare(match.captured(2), Qt::CaseInsensitive) == 0) {
                present.append(match);
                break;
            }
        }
    }
    for (auto m = present.crbegin(); m != present.crend(); ++m)
        out.remove(m->capturedStart(), m->capturedLength());
    return out;
}

Status Database::migrate(const QList<Migration> &steps)
{
    auto current = userVersion();
    if (!current)
        return current.error();
    // Apply in version order whatever order the list is in; two steps claiming one version
    // is a programming error that must not half-apply.
    QList<Migration> ordered = steps;
    std::sort(ordered.begin(), ordered.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (qsizetype i = 1; i < ordered.size(); ++i) {
        if (ordered.at(i).version == ordered.at(i - 1).version)
            return makeError(ErrorCode::Storage, QStringLiteral("Two migrations claim schema version %1.").arg(ordered.at(i).version));
    }
    const int latest = ordered.isEmpty() ? 0 : ordered.constLast().version;
    if (*current > latest)
        return makeError(ErrorCode::Storage,
                         QStringLiteral("The database is from a newer Plaza (schema %1, this build knows %2).")
                             .arg(*current)
                             .arg(latest));
    for (const Migration &m : std::as_const(ordered)) {
        if (m.version <= *current)
            continue;
        Status st = transaction([&]() -> Status {
            auto sql = withoutExistingColumns(m.sql);
            if (!sql)
                return sql.error();
            if (auto s = exec(*sql); !s)
                return s;
            return exec(QStringLiteral("PRAGMA user_version = %1;").arg(m.version));
        });
        if (!st) {
            qCWarning(lcDb) << "migration to" << m.version << "failed:" << st.error().message;
            return st;
        }
        qCInfo(lcDb) << "migrated" << QFileInfo(m_path).fileName() << "to schema" << m.version;
    }
    return {};
}

Status Database::quickCheck()
{
    auto stmt = prepare(QStringLiteral("PRAGMA quick_check;"));
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row || stmt->text(0) != u"ok")
        return makeError(ErrorCode::Storage, QStringLiteral("The database failed its integrity check."),
                         {{QStringLiteral("damaged"), true}});
    return {};
}

QString Database::closedCleanlyMarker(const QString &path)
{
    return path + QStringLiteral("-closed-cleanly");
}

Status Database::checkUnlessClosedCleanly()
{
    const QString marker = closedCleanlyMarker(m_path);
    // Open from here on: a crash before the destructor leaves no marker, so the next open checks.
    const auto markOpen = [this, &marker]() -> Status {
        if (QFile::exists(marker) && !QFile::remove(marker))
            return makeError(ErrorCode::Storage, QStringLiteral("Cannot write next to the database file."));
        m_markCleanOnClose = true;
        return {};
    };
    if (!QFile::exists(marker)) {
        qCInfo(lcDb) << QFileInfo(m_path).fileName() << "was not closed cleanly: checking it in full";
        if (auto st = quickCheck(); !st)
            return st;
    } else {
        // Cheap (page 1 only): a file cut short since is damaged too. Not while the WAL holds
        // pages (another connection was still open at that close): the file may then
        // rightly be shorter than the database.
        if (QFileInfo(m_path + QStringLiteral("-wal")).size() > 0)
            return markOpen();
        auto pages = scalar(QStringLiteral("PRAGMA page_count;"));
        if (!pages)
            return pages.error();
        auto pageSize = scalar(QStringLiteral("PRAGMA page_size;"));
        if (!pageSize)
            return pageSize.error();
        if (QFileInfo(m_path).size() < *pages * *pageSize)
            return makeError(ErrorCode::Storage, QStringLiteral("The database file is shorter than its pages."),
                             {{QStringLiteral("damaged"), true}});
    }
    return markOpen();
}

Error Database::lastError(const QString &what) const
{
    return sqliteError(m_db, sqlite3_extended_errcode(m_db), what);
}

} // namespace plaza::storage
