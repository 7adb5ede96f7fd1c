// SPDX-License-Identifier: MIT
#include "migrate.h"

#include "serverdb.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <cstdio>

namespace plaza::server::migrate {

namespace {

Error failure(const QString &message)
{
    return makeError(ErrorCode::Storage, message);
}

//! A column of the target: its name and PostgreSQL type (bigint, text or bytea).
struct Column {
    QString name;
    QString type;
    bool identity = false;
};

QString quoted(const QString &name)
{
    return u'"' + name + u'"';
}

Result<QStringList> strings(ServerDb &db, const QString &sql)
{
    auto rows = db.query(sql);
    if (!rows)
        return rows.error();
    QStringList out;
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        out.append(rows->text(0));
    }
}

Result<qint64> number(ServerDb &db, const QString &sql)
{
    auto value = db.integer(sql);
    if (!value)
        return value.error();
    return value->value_or(0);
}

//! The target's tables (plaza_schema aside), parents before children (foreign keys).
Result<QStringList> targetTables(ServerDb &target)
{
    auto names = strings(target, QStringLiteral("SELECT table_name::text FROM information_schema.tables "
                                                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                                                "AND table_name <> 'plaza_schema' ORDER BY table_name"));
    if (!names)
        return names.error();
    auto edges = target.query(QStringLiteral("SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                                             "WHERE contype = 'f' AND conrelid <> confrelid"));
    if (!edges)
        return edges.error();
    QHash<QString, QSet<QString>> parents;
    for (;;) {
        auto row = edges->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        parents[edges->text(0)].insert(edges->text(1));
    }
    QStringList ordered;
    QSet<QString> placed;
    while (ordered.size() < names->size()) {
        const qsizetype before = ordered.size();
        for (const QString &table : *names) {
            if (placed.contains(table))
                continue;
            bool ready = true;
            for (const QString &parent : parents.value(table))
                ready = ready && (placed.contains(parent) || !names->contains(parent));
            if (ready) {
                ordered.append(table);
                placed.insert(table);
            }
        }
        if (ordered.size() == before)
            return failure(QStringLiteral("the target's foreign keys form a cycle"));
    }
    return ordered;
}

Result<QList<Column>> targetColumns(ServerDb &target, const QString &table)
{
    auto rows = target.query(QStringLiteral("SELECT column_name::text, data_type::text, is_identity::text "
                                            "FROM information_schema.columns "
                                            "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"),
                             table);
    if (!rows)
        return rows.error();
    QList<Column> columns;
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return columns;
        columns.append({rows->text(0), rows->text(1), rows->text(2) == QLatin1String("YES")});
    }
}

Result<QSet<QString>> sourceColumns(ServerDb &source, const QString &table)
{
    auto rows = source.query(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(table)));
    if (!rows)
        return rows.error();
    QSet<QString> names;
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return names;
        names.insert(rows->text(1));
    }
}

//! Rows a fresh schema puts in the target (the system accounts, the first savings rate, the
//! accrual cursor) are not data; anything else is.
QString dataRowsSql(const QString &table)
{
    QString where;
    if (table == QLatin1String("accounts"))
        where = QStringLiteral(" WHERE NOT (user_id IS NULL AND balance = 0)");
    else if (table == QLatin1String("savings_rates"))
        where = QStringLiteral(" WHERE created_at <> 0");
    else if (table == QLatin1String("savings_progress"))
        where = QStringLiteral(" WHERE accrued_through IS NOT NULL");
    return QStringLiteral("SELECT count(*) FROM %1%2").arg(quoted(table), where);
}

Result<Totals> totals(ServerDb &db, const QStringList &tables)
{
    Totals t;
    for (const QString &table : tables) {
        auto count = number(db, QStringLiteral("SELECT count(*) FROM %1").arg(quoted(table)));
        if (!count)
            return count.error();
        t.rows.append({table, *count});
    }
    auto wallets = number(db, QStringLiteral("SELECT coalesce(sum(balance), 0) FROM accounts WHERE kind = 'wallet'"));
    auto accounts = number(db, QStringLiteral("SELECT coalesce(sum(balance), 0) FROM accounts"));
    auto entries = number(db, QStringLiteral("SELECT coalesce(sum(amount), 0) FROM entries"));
    auto maxSeq = number(db, QStringLiteral("SELECT coalesce(max(seq), 0) FROM events"));
    auto events = number(db, QStringLiteral("SELECT count(*) FROM events"));
    for (const auto *r : {&wallets, &accounts, &entries, &maxSeq, &events}) {
        if (!*r)
            return r->error();
    }
    t.walletBalances = *wallets;
    t.accountBalances = *accounts;
    t.entriesSum = *entries;
    t.eventsMaxSeq = *maxSeq;
    t.eventsCount = *events;
    return t;
}

//! The highest id SQLite ever gave per AUTOINCREMENT table (ids of deleted rows are never
//! given again: the sequence must start past them, not just past the highest row left).
Result<QHash<QString, qint64>> sqliteSequences(ServerDb &source)
{
    QHash<QString, qint64> seq;
    auto exists = number(source, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'"));
    if (!exists)
        return exists.error();
    if (*exists == 0)
        return seq;
    auto rows = source.query(QStringLiteral("SELECT name, seq FROM sqlite_sequence"));
    if (!rows)
        return rows.error();
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return seq;
        seq.insert(rows->text(0), rows->int64(1));
    }
}

Status copyTable(ServerDb &source, ServerDb &target, const QString &table, const QList<Column> &columns)
{
    QStringList names;
    QStringList params;
    bool hasId = false;
    for (const Column &c : columns) {
        names.append(quoted(c.name));
        params.append(u'?' + QString::number(params.size() + 1));
        hasId = hasId || c.name == QLatin1String("id");
    }
    // Rows in id order: a row that points at an earlier one of its table (a refund at its
    // payment) finds it there.
    auto rows = source.query(QStringLiteral("SELECT %1 FROM %2%3")
                                 .arg(names.join(QStringLiteral(", ")), quoted(table),
                                      hasId ? QStringLiteral(" ORDER BY id") : QString()));
    if (!rows)
        return rows.error();
    const QString insert = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(quoted(table), names.join(QStringLiteral(", ")), params.join(QStringLiteral(", ")));
    SqlArgs args;
    for (;;) {
        auto row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        args.clear();
        for (int i = 0; i < columns.size(); ++i) {
            if (rows->isNull(i))
                args.append(nullptr);
            else if (columns[i].type == QLatin1String("bigint"))
                args.append(rows->int64(i));
            else if (columns[i].type == QLatin1String("bytea"))
                args.append(rows->blob(i));
            else
                args.append(rows->text(i));
        }
        if (auto done = target.storage().change(insert, args); !done)
            return failure(QStringLiteral("%1: %2").arg(table, done.error().message));
    }
}

} // namespace

Result<Report> copy(ServerDb &source, ServerDb &target)
{
    if (source.kind() != Storage::Kind::Sqlite || target.kind() != Storage::Kind::Postgres)
        return failure(QStringLiteral("migrate copies from SQLite to PostgreSQL"));
    QElapsedTimer clock;
    clock.start();

    auto tables = targetTables(target);
    if (!tables)
        return tables.error();
    // Every source table must have somewhere to go, with every one of its columns.
    auto sourceTables = strings(source, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    if (!sourceTables)
        return sourceTables.error();
    QHash<QString, QList<Column>> columns;
    for (const QString &table : *tables) {
        auto cols = targetColumns(target, table);
        if (!cols)
            return cols.error();
        columns.insert(table, *cols);
    }
    for (const QString &table : *sourceTables) {
        if (!columns.contains(table))
            return failure(QStringLiteral("the PostgreSQL schema has no table %1 (is this plaza-server older than the "
                                          "one that last ran on the SQLite folder?)")
                               .arg(table));
        auto have = sourceColumns(source, table);
        if (!have)
            return have.error();
        for (const Column &c : columns.value(table))
            have->remove(c.name);
        if (!have->isEmpty())
            return failure(QStringLiteral("the PostgreSQL table %1 has no column %2")
                               .arg(table, QStringList(have->begin(), have->end()).join(QStringLiteral(", "))));
    }
    QStringList copied;
    for (const QString &table : *tables) {
        if (sourceTables->contains(table))
            copied.append(table);
    }

    // An empty target only: what is there would mix with what comes.
    QStringList full;
    for (const QString &table : *tables) {
        auto count = number(target, dataRowsSql(table));
        if (!count)
            return count.error();
        if (*count > 0)
            full.append(QStringLiteral("%1 (%2 rows)").arg(table).arg(*count));
    }
    if (!full.isEmpty())
        return failure(QStringLiteral("the PostgreSQL database already holds data: %1. migrate copies into an empty "
                                      "database only; nothing was changed")
                           .arg(full.join(QStringLiteral(", "))));

    Report report;
    // The SQLite file held for writing (BEGIN IMMEDIATE) while everything is read, so a
    // server still running on it cannot change it half-way; the target in one transaction.
    const Status st = source.write([&]() -> Status {
        auto before = totals(source, copied);
        if (!before)
            return before.error();
        report.source = *before;
        auto sequences = sqliteSequences(source);
        if (!sequences)
            return sequences.error();
        return target.write([&]() -> Status {
            // The fresh schema's own rows (system accounts …) come from the source instead.
            for (auto it = tables->crbegin(); it != tables->crend(); ++it) {
                if (auto done = target.run(QStringLiteral("DELETE FROM %1").arg(quoted(*it))); !done)
                    return done;
            }
            for (const QString &table : std::as_const(copied)) {
                if (auto done = copyTable(source, target, table, columns.value(table)); !done)
                    return done;
            }
            for (const QString &table : std::as_const(copied)) {
                for (const Column &c : columns.value(table)) {
                    if (!c.identity)
                        continue;
                    auto highest = number(target, QStringLiteral("SELECT coalesce(max(%1), 0) FROM %2").arg(quoted(c.name), quoted(table)));
                    if (!highest)
                        return highest.error();
                    const qint64 next = std::max(*highest, sequences->value(table)) + 1;
                    auto set = target.query(QStringLiteral("SELECT setval(pg_get_serial_sequence(?1, ?2), ?3, false)"), table,
                                            c.name, next);
                    if (!set)
                        return set.error();
                    if (auto stepped = set->step(); !stepped)
                        return stepped.error();
                }
            }
            auto after = totals(target, copied);
            if (!after)
                return after.error();
            report.target = *after;
            if (report.target != report.source)
                return failure(QStringLiteral("the totals differ after the copy; rolled back:\n") + format(report));
            if (report.source.entriesSum != 0)
                return failure(QStringLiteral("the ledger's entries sum to %1, not 0, in the SQLite database; rolled "
                                              "back:\n%2")
                                   .arg(report.source.entriesSum)
                                   .arg(format(report)));
            return {};
        });
    });
    if (!st)
        return st.error();
    report.elapsedMs = clock.elapsed();
    return report;
}

QString format(const Report &report)
{
    QString out;
    auto line = [&out](const QString &what, qint64 from, qint64 to) {
        out += QStringLiteral("%1 %2 %3%4\n")
                   .arg(what, -28)
                   .arg(from, 12)
                   .arg(to, 12)
                   .arg(from == to ? QString() : QStringLiteral("  DIFFERENT"));
    };
    out += QStringLiteral("%1 %2 %3\n").arg(QString(), -28).arg(QStringLiteral("sqlite"), 12).arg(QStringLiteral("postgres"), 12);
    for (qsizetype i = 0; i < report.source.rows.size(); ++i) {
        const qint64 to = i < report.target.rows.size() ? report.target.rows[i].second : -1;
        line(QStringLiteral("rows in ") + report.source.rows[i].first, report.source.rows[i].second, to);
    }
    line(QStringLiteral("sum of wallet balances"), report.source.walletBalances, report.target.walletBalances);
    line(QStringLiteral("sum of all account balances"), report.source.accountBalances, report.target.accountBalances);
    line(QStringLiteral("sum of ledger entries"), report.source.entriesSum, report.target.entriesSum);
    line(QStringLiteral("event log: highest seq"), report.source.eventsMaxSeq, report.target.eventsMaxSeq);
    line(QStringLiteral("event log: events"), report.source.eventsCount, report.target.eventsCount);
    return out;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Copies a stopped SQLite deployment into an empty PostgreSQL database, in one transaction, "
                       "and compares totals on both sides (docs/deploy.md)."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("The SQLite deployment: sqlite:DIR (its --data folder)."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The PostgreSQL database: postgres:URL (empty)."),
                                QStringLiteral("SPEC"));
    parser.addOptions({help, from, to});
    auto fail = [](const QString &message) {
        std::fprintf(stderr, "plaza-server migrate: %s\n", qPrintable(message));
        return 1;
    };
    if (!parser.parse(QStringList{QStringLiteral("plaza-server migrate")} + arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.isSet(from) || !parser.isSet(to))
        return fail(QStringLiteral("both --from sqlite:DIR and --to postgres:URL are needed"));
    auto source = StorageSpec::parse(parser.value(from));
    if (!source)
        return fail(QStringLiteral("--from: %1").arg(source.error().message));
    auto target = StorageSpec::parse(parser.value(to));
    if (!target)
        return fail(QStringLiteral("--to: %1").arg(target.error().message));
    if (source->kind != Storage::Kind::Sqlite)
        return fail(QStringLiteral("--from: a SQLite folder (sqlite:DIR) is needed"));
    if (target->kind != Storage::Kind::Postgres)
        return fail(QStringLiteral("--to: a PostgreSQL URL (postgres:URL) is needed"));
    // Opening a folder without a database would make an empty one and copy nothing.
    const QString file = source->location + QStringLiteral("/plaza-server.db");
    if (!QFileInfo::exists(file))
        return fail(QStringLiteral("--from: there is no %1").arg(file));

    auto src = ServerDb::open(*source);
    if (!src)
        return fail(QStringLiteral("cannot open the SQLite database: %1").arg(src.error().message));
    auto dst = ServerDb::open(*target);
    if (!dst)
        return fail(dst.error().message);
    auto report = copy(**src, **dst);
    if (!report)
        return fail(report.error().message);
    std::fputs(qPrintable(format(*report)), stdout);
    qint64 rows = 0;
    for (const auto &[table, count] : report->target.rows)
        rows += count;
    std::printf("migrated: %lld tables, %lld rows in %lld ms; totals equal\n", qlonglong(report->target.rows.size()),
                qlonglong(rows), qlonglong(report->elapsedMs));
    return 0;
}

} // namespace plaza::server::migrate
