// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

namespace plaza::storage {

//! Which rows a write touched, by table: what list models need to refresh by row
//! (dataChanged/rowsInserted) instead of resetting.
struct RowChanges {
    QHash<QString, QSet<QString>> rows; //!< table → ids (the row's primary key)

    void add(const QString &table, const QString &id) { rows[table].insert(id); }
    [[nodiscard]] bool isEmpty() const { return rows.isEmpty(); }
    [[nodiscard]] QStringList tables() const { return rows.keys(); }
    [[nodiscard]] bool touches(const QString &table) const { return rows.contains(table); }
};

} // namespace plaza::storage
