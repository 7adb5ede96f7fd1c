// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace plaza::chat {

//! For list models whose rows have a stable key (a conversation's id, a message's sender and
//! client id): apply() turns the rows a model holds into new ones by key, with the smallest
//! signals a view needs to keep its place — rowsRemoved for keys that went, rowsMoved for keys
//! that changed place, rowsInserted for new keys, dataChanged for rows whose content changed;
//! never a reset. A model using it declares `friend struct KeyedRows;`.
struct KeyedRows {
    //! Makes \a rows (the rows \a model shows) equal to \a target. \a key(row) identifies a
    //! row (unique within a list); \a same(a, b) says whether a row's content is unchanged.
    //! Costs O(rows) hashing: for small lists, or a list's small tail (the overload below).
    template<typename Model, typename Row, typename KeyFn, typename SameFn>
    static void apply(Model &model, QList<Row> &rows, const QList<Row> &target, KeyFn key, SameFn same)
    {
        apply(model, rows, 0, target, key, same);
    }

    //! The same for the rows from \a first on only (\a target replaces rows[first..]); the
    //! rows above are left alone and never read.
    template<typename Model, typename Row, typename KeyFn, typename SameFn>
    static void apply(Model &model, QList<Row> &rows, qsizetype first, const QList<Row> &target, KeyFn key, SameFn same)
    {
        QHash<QString, qsizetype> wanted;
        for (qsizetype i = 0; i < target.size(); ++i)
            wanted.insert(key(target.at(i)), i);
        // Gone: removed, a run of neighbours at a time.
        for (qsizetype i = rows.size() - 1; i >= first;) {
            if (wanted.contains(key(rows.at(i)))) {
                --i;
                continue;
            }
            qsizetype from = i;
            while (from > first && !wanted.contains(key(rows.at(from - 1))))
                --from;
            model.beginRemoveRows({}, int(from), int(i));
            rows.remove(from, i - from + 1);
            model.endRemoveRows();
            i = from - 1;
        }
        QSet<QString> present;
        for (qsizetype i = first; i < rows.size(); ++i)
            present.insert(key(rows.at(i)));
        // Then in target order: a row in place is compared, one further down is moved up, a
        // new one is inserted (a run of new neighbours at a time).
        for (qsizetype t = 0; t < target.size();) {
            const qsizetype i = first + t;
            const QString k = key(target.at(t));
            if (i < rows.size() && key(rows.at(i)) == k) {
                if (!same(rows.at(i), target.at(t))) {
                    rows[i] = target.at(t);
                    const QModelIndex at = model.index(int(i));
                    Q_EMIT model.dataChanged(at, at);
                }
                ++t;
                continue;
            }
            qsizetype from = -1;
            for (qsizetype j = i + 1; j < rows.size(); ++j) {
                if (key(rows.at(j)) == k) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                model.beginMoveRows({}, int(from), int(from), {}, int(i));
                rows.move(from, i);
                model.endMoveRows();
                continue; // compared on the next turn, now in place
            }
            qsizetype last = t;
            while (last + 1 < target.size() && !present.contains(key(target.at(last + 1))))
                ++last;
            model.beginInsertRows({}, int(i), int(first + last));
            for (qsizetype j = t; j <= last; ++j) {
                rows.insert(first + j, target.at(j));
                present.insert(key(target.at(j)));
            }
            model.endInsertRows();
            t = last + 1;
        }
    }
};

} // namespace plaza::chat
