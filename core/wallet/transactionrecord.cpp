// SPDX-License-Identifier: MIT
#include "wallet/transactionrecord.h"

#include "storage/database.h"

#include <algorithm>

namespace plaza::wallet {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT t.id, t.kind, t.direction, t.status, t.amount, t.currency, t.counterparty_id, u.handle, u.display_name, "
    "t.note, t.created_at, t.balance_after, t.balance_after_currency, t.request_id, t.conversation_id "
    "FROM transactions t LEFT JOIN users u ON u.id = t.counterparty_id WHERE 1");

//! LIKE pattern for a literal substring: % and _ in what the user typed are not wildcards.
QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

struct Where {
    QString sql;
    QList<QString> args;
};

Where filterClause(const TransactionFilter &filter)
{
    Where w;
    if (!filter.direction.isEmpty()) {
        w.sql += QStringLiteral(" AND t.direction = ?");
        w.args << filter.direction;
    }
    if (!filter.kind.isEmpty()) {
        w.sql += QStringLiteral(" AND t.kind = ?");
        w.args << filter.kind;
    }
    if (!filter.query.isEmpty()) {
        w.sql += QStringLiteral(" AND (t.note LIKE ?1x ESCAPE '\\' OR u.handle LIKE ?1x ESCAPE '\\' OR u.display_name "
                                "LIKE ?1x ESCAPE '\\')");
        const QString pattern = likePattern(filter.query);
        w.sql.replace(QStringLiteral("?1x"), QStringLiteral("?"));
        w.args << pattern << pattern << pattern;
    }
    return w;
}

Result<QList<TransactionRecord>> run(storage::Database &db, const QString &sql, const QList<QString> &args, int limit)
{
    auto st = db.prepare(sql);
    if (!st)
        return st.error();
    int index = 0;
    for (const QString &arg : args)
        st->bind(++index, arg);
    if (limit != 0) // -1: SQLite's "no limit"
        st->bind(++index, qint64(limit));
    QList<TransactionRecord> out;
    const Status walked = st->forEachRow([&] {
        TransactionRecord r;
        r.id = st->text(0);
        r.kind = st->text(1);
        r.direction = st->text(2);
        r.status = st->text(3);
        r.amount = Money(st->int64(4), st->text(5));
        r.counterpartyId = st->text(6);
        r.counterpartyHandle = st->text(7);
        r.counterpartyName = st->text(8);
        r.note = st->text(9);
        r.createdAt = st->text(10);
        if (!st->isNull(11))
            r.balanceAfter = Money(st->int64(11), st->text(12));
        r.requestId = st->text(13);
        r.conversationId = st->text(14);
        out.append(std::move(r));
    });
    if (!walked)
        return walked.error();
    return out;
}

} // namespace

Result<QList<TransactionRecord>> readTransactions(storage::Database &db, const TransactionFilter &filter,
                                                  const TransactionCursor &after, int limit)
{
    Where w = filterClause(filter);
    QString sql = kSelect + w.sql;
    QList<QString> args = w.args;
    if (!after.id.isEmpty()) {
        // "created_at <= ?" first: a range the index seeks to (a bare OR walks every newer row).
        sql += QStringLiteral(" AND t.created_at <= ? AND (t.created_at < ? OR t.id < ?)");
        args << after.createdAt << after.createdAt << after.id;
    }
    sql += QStringLiteral(" ORDER BY t.created_at DESC, t.id DESC LIMIT ?;");
    return run(db, sql, args, limit);
}

Result<QList<TransactionRecord>> readNewerTransactions(storage::Database &db, const TransactionFilter &filter,
                                                       const TransactionCursor &before, int limit)
{
    Where w = filterClause(filter);
    QString sql = kSelect + w.sql;
    QList<QString> args = w.args;
    sql += QStringLiteral(" AND t.created_at >= ? AND (t.created_at > ? OR t.id > ?)");
    args << before.createdAt << before.createdAt << before.id;
    // Oldest first to take the rows nearest the cursor, then turned back to newest first.
    sql += QStringLiteral(" ORDER BY t.created_at ASC, t.id ASC LIMIT ?;");
    auto rows = run(db, sql, args, limit);
    if (rows)
        std::reverse(rows->begin(), rows->end());
    return rows;
}

Result<QList<TransactionRecord>> readTransactionsById(storage::Database &db, const TransactionFilter &filter,
                                                      const QStringList &ids)
{
    if (ids.isEmpty())
        return QList<TransactionRecord>{};
    Where w = filterClause(filter);
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    const QString sql = kSelect + w.sql + QStringLiteral(" AND t.id IN (%1) ORDER BY t.created_at DESC, t.id DESC;")
                                              .arg(marks.join(u','));
    return run(db, sql, w.args + ids, 0);
}

} // namespace plaza::wallet
