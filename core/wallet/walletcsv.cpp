// SPDX-License-Identifier: MIT
#include "wallet/walletcsv.h"

#include <QDateTime>
#include <QSaveFile>

namespace plaza::wallet {

QString csvField(const QString &value)
{
    const bool needsQuotes = value.contains(u',') || value.contains(u'"') || value.contains(u'\r')
        || value.contains(u'\n');
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

namespace {

QString isoTime(const QString &serverTime)
{
    // Normalised to UTC with milliseconds, so a spreadsheet sorts the column as text too.
    const QDateTime t = QDateTime::fromString(serverTime, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : serverTime;
}

} // namespace

QByteArray transactionsCsvHeader()
{
    return QByteArrayLiteral("id,created_at,kind,direction,status,amount,currency,counterparty_handle,"
                             "counterparty_name,note,balance_after\r\n");
}

QByteArray transactionsCsvRows(const QList<TransactionRecord> &rows)
{
    QString out;
    for (const TransactionRecord &r : rows) {
        const Money signedAmount(r.direction == u"out" ? -r.amount.minor() : r.amount.minor(), r.amount.currency());
        const QStringList fields{
            csvField(r.id),
            csvField(isoTime(r.createdAt)),
            csvField(r.kind),
            csvField(r.direction),
            csvField(r.status),
            signedAmount.toDecimalString(),
            csvField(r.amount.currency()),
            csvField(r.counterpartyHandle),
            csvField(r.counterpartyName),
            csvField(r.note),
            r.balanceAfter ? r.balanceAfter->toDecimalString() : QString(),
        };
        out += fields.join(u',') + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QByteArray transactionsCsv(const QList<TransactionRecord> &rows)
{
    return transactionsCsvHeader() + transactionsCsvRows(rows);
}

Result<int> writeTransactionsCsv(storage::Database &db, const TransactionFilter &filter, const QString &path, int pageSize)
{
    QSaveFile out(path);
    auto cannotWrite = [&] {
        return makeError(ErrorCode::Storage, out.errorString(), {{QStringLiteral("path"), path}});
    };
    if (!out.open(QIODevice::WriteOnly) || out.write(transactionsCsvHeader()) < 0)
        return cannotWrite();
    int count = 0;
    TransactionCursor after;
    for (;;) {
        auto page = readTransactions(db, filter, after, pageSize);
        if (!page)
            return page.error(); // the QSaveFile is dropped: nothing half-written appears
        if (!page->isEmpty() && out.write(transactionsCsvRows(*page)) < 0)
            return cannotWrite();
        count += int(page->size());
        if (page->size() < pageSize)
            break;
        after = {page->constLast().createdAt, page->constLast().id};
    }
    if (!out.commit())
        return cannotWrite();
    return count;
}

} // namespace plaza::wallet
