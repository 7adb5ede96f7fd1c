// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QVariantMap>

namespace plaza {

//! Row \a row of a list model as {role name: value}, what QML gets from a model's get(row);
//! empty for a row outside the model.
[[nodiscard]] inline QVariantMap rowAsMap(const QAbstractItemModel &model, int row)
{
    QVariantMap map;
    if (row < 0 || row >= model.rowCount())
        return map;
    const QModelIndex idx = model.index(row, 0);
    const auto names = model.roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), model.data(idx, it.key()));
    return map;
}

} // namespace plaza
