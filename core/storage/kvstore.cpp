// SPDX-License-Identifier: MIT
#include "kvstore.h"

#include "storage/database.h"

namespace plaza::storage {

Result<QString> KvStore::value(const QString &key)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Result<QHash<QString, QString>> KvStore::all()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT key, value FROM kv;"));
    if (!stmt)
        return stmt.error();
    QHash<QString, QString> values;
    const Status walked = stmt->forEachRow([&] {
        values.insert(stmt->text(0), stmt->text(1));
    });
    if (!walked)
        return walked.error();
    return values;
}

Status KvStore::setValues(const QHash<QString, QString> &values)
{
    return m_db.transaction([&]() -> Status {
        auto put = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO kv (key, value) VALUES (?1, ?2);"));
        if (!put)
            return put.error();
        auto remove = m_db.prepare(QStringLiteral("DELETE FROM kv WHERE key = ?1;"));
        if (!remove)
            return remove.error();
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            Status st = it.value().isNull() ? remove->bind(1, it.key()).exec()
                                            : put->bindAll(it.key(), it.value()).exec();
            if (!st)
                return st;
        }
        return {};
    });
}

} // namespace plaza::storage
