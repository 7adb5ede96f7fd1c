// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqml.h>

//! Keeps the children of `target` (a ListView's contentItem) in the order they show, top to
//! bottom, so that screen readers read them that way.
//!
//! Qt Quick builds the accessibility tree from QQuickItem::childItems(), in the order the
//! items were created. A ListView opened at its end (the chat) creates its delegates from
//! the bottom up, so Orca read the newest message first while the oldest shows first. This
//! restacks the children by y (then x) with stackBefore() a moment after they change; the
//! delegates never overlap, so nothing is painted differently.
//!
//!     ReadingOrder { target: messageList.contentItem }
class ReadingOrder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickItem *target READ target WRITE setTarget NOTIFY targetChanged)

public:
    explicit ReadingOrder(QObject *parent = nullptr);

    [[nodiscard]] QQuickItem *target() const { return m_target; }
    void setTarget(QQuickItem *target);

    //! Restacks the children now (the tests call it; the type does it by itself).
    Q_INVOKABLE void sort();

Q_SIGNALS:
    void targetChanged();

private:
    void schedule();
    void watchChildren();

    QPointer<QQuickItem> m_target;
    bool m_scheduled = false;
};
