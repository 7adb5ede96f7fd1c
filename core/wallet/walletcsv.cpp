// SPDX-License-Identifier: MIT
#include "wallet/walletcsv.h"

#include <QDateTime>

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

QByteArray transactionsCsv(const QList<TransactionRecord> &rows)
{
    QString out = QStringLiteral("id,created_at,kind,direction,status,amount,currency,counterparty_handle,"
                                 "counterparty_name,note,balance_after\r\n");
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

} // namespace plaza::wallet
