// SPDX-License-Identifier: MIT
#include "readingorder.h"

#include <QTimer>

#include <algorithm>

ReadingOrder::ReadingOrder(QObject *parent)
    : QObject(parent)
{
}

void ReadingOrder::setTarget(QQuickItem *target)
{
    if (target == m_target)
        return;
    if (m_target)
        disconnect(m_target, nullptr, this, nullptr);
    m_target = target;
    if (m_target) {
        connect(m_target, &QQuickItem::childrenChanged, this, [this] {
            watchChildren();
            schedule();
        });
        watchChildren();
        schedule();
    }
    Q_EMIT targetChanged();
}

void ReadingOrder::watchChildren()
{
    // A delegate is parented before the view places it, and moves when rows are inserted
    // above it: its y says when to look again.
    const QList<QQuickItem *> children = m_target->childItems();
    for (QQuickItem *child : children)
        connect(child, &QQuickItem::yChanged, this, &ReadingOrder::schedule, Qt::UniqueConnection);
}

void ReadingOrder::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    // After the view's own layout pass, never from inside it.
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        sort();
    });
}

void ReadingOrder::sort()
{
    if (!m_target)
        return;
    const QList<QQuickItem *> current = m_target->childItems();
    QList<QQuickItem *> sorted = current;
    std::stable_sort(sorted.begin(), sorted.end(), [](const QQuickItem *a, const QQuickItem *b) {
        return a->y() != b->y() ? a->y() < b->y() : a->x() < b->x();
    });
    if (sorted == current)
        return;
    // Each item after the one before it: childItems() ends up in the sorted order.
    for (qsizetype i = 1; i < sorted.size(); ++i)
        sorted[i]->stackAfter(sorted[i - 1]);
}
