// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

namespace plaza::storage {

class Database;

//! Account metadata and secrets that belong to the encrypted cache only (the access
//! and refresh tokens): never written to a plain file.
class KvStore
{
public:
    explicit KvStore(Database &db) : m_db(db) { }

    //! The value of \a key, or a null QString if it is not set.
    [[nodiscard]] Result<QString> value(const QString &key);
    [[nodiscard]] Result<QHash<QString, QString>> all();
    //! Sets every pair in one transaction; a null value removes the key.
    [[nodiscard]] Status setValues(const QHash<QString, QString> &values);

private:
    Database &m_db;
};

//! Keys of the kv table.
namespace kv {
inline const QString kAccessToken = QStringLiteral("access_token");
inline const QString kRefreshToken = QStringLiteral("refresh_token");
inline const QString kUserId = QStringLiteral("user_id");
inline const QString kHandle = QStringLiteral("handle");
inline const QString kDisplayName = QStringLiteral("display_name");
inline const QString kServerUrl = QStringLiteral("server_url");
} // namespace kv

} // namespace plaza::storage
