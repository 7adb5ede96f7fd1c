// SPDX-License-Identifier: MIT
#include "storage.h"

namespace plaza::server {

SqlValue sqlValue(const QVariant &v)
{
    if (v.isNull())
        return nullptr;
    switch (v.typeId()) {
    case QMetaType::Bool:
        return qint64(v.toBool() ? 1 : 0);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        return v.toLongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::QByteArray:
        return v.toByteArray();
    default:
        return v.toString();
    }
}

Result<StorageSpec> StorageSpec::parse(const QString &text)
{
    const QString postgres = QStringLiteral("postgres:");
    const QString sqlite = QStringLiteral("sqlite:");
    if (text.startsWith(postgres)) {
        const QString url = text.mid(postgres.size());
        if (url.isEmpty())
            return makeError(ErrorCode::ValidationFailed,
                             QStringLiteral("--storage postgres: needs a connection URL, e.g. "
                                            "postgres:postgresql://user@host:5432/plaza"));
        return StorageSpec{Storage::Kind::Postgres, url};
    }
    if (text.startsWith(sqlite)) {
        const QString dir = text.mid(sqlite.size());
        if (dir.isEmpty())
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("--storage sqlite: needs a folder, e.g. sqlite:/var/lib/plaza"));
        return StorageSpec{Storage::Kind::Sqlite, dir};
    }
    return makeError(ErrorCode::ValidationFailed,
                     QStringLiteral("--storage takes sqlite:DIR or postgres:URL, not \"%1\"").arg(text));
}

#ifndef PLAZA_SERVER_POSTGRES
Result<std::unique_ptr<Storage>> openPostgres(const QString &)
{
    return makeError(ErrorCode::Storage, QStringLiteral("this plaza-server was built without PostgreSQL"));
}
#endif

} // namespace plaza::server
