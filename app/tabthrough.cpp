// SPDX-License-Identifier: MIT
#include "tabthrough.h"

#include <QKeyEvent>
#include <QQuickWindow>

#include <algorithm>
#include <cmath>

namespace {

//! ListView.Contain: the smallest move that shows the row whole.
constexpr int kPositionContain = 4;
//! Rows without a control in a row are passed over; this many at most per key press.
constexpr int kMaxRowsSkipped = 50;
//! How long after the focus moved a relayout still brings the focused control back in view.
constexpr int kKeepInViewMs = 1000;

} // namespace

TabThrough::TabThrough(QObject *parent) : QObject(parent) { }

TabThrough::~TabThrough()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

void TabThrough::setView(QQuickItem *view)
{
    if (view == m_view)
        return;
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    m_view = view;
    watchWindow(m_view ? m_view->window() : nullptr);
    if (m_view) {
        connect(m_view, &QQuickItem::windowChanged, this, &TabThrough::watchWindow);
        // A relayout moves the rows (Flickable's originY and contentHeight say so): look again.
        connect(m_view, SIGNAL(originYChanged()), this, SLOT(relayout()));
        connect(m_view, SIGNAL(contentHeightChanged()), this, SLOT(relayout()));
    }
    Q_EMIT viewChanged();
}

void TabThrough::watchWindow(QQuickWindow *window)
{
    if (window == m_window)
        return;
    if (m_window) {
        m_window->removeEventFilter(this);
        disconnect(m_window, nullptr, this, nullptr);
    }
    m_window = window;
    if (m_window) {
        m_window->installEventFilter(this);
        connect(m_window, &QQuickWindow::activeFocusItemChanged, this, &TabThrough::focusMoved);
    }
}

void TabThrough::focusMoved()
{
    QQuickItem *focus = m_window ? m_window->activeFocusItem() : nullptr;
    if (!m_view || !m_view->isVisible() || !rowOf(focus)) {
        m_focus = nullptr;
        return;
    }
    m_focus = focus;
    m_keepUntil.setRemainingTime(kKeepInViewMs);
    reveal(focus);
}

void TabThrough::relayout()
{
    if (m_focus && !m_keepUntil.hasExpired() && m_window && m_window->activeFocusItem() == m_focus)
        reveal(m_focus);
}

void TabThrough::reveal(QQuickItem *item)
{
    for (int pass = 0; pass < 3 && scrollTo(item); ++pass)
        QMetaObject::invokeMethod(m_view, "forceLayout");
}

bool TabThrough::scrollTo(QQuickItem *item)
{
    if (!m_view || !rowOf(item))
        return false;
    const qreal top = item->mapToItem(m_view, QPointF(0, 0)).y() - m_margin;
    const qreal bottom = top + item->height() + 2 * m_margin;
    const qreal height = m_view->height();
    const qreal contentY = m_view->property("contentY").toReal();
    qreal y = contentY;
    if (bottom > height)
        y += bottom - height;
    if (top < 0)
        y += top;
    const qreal originY = m_view->property("originY").toReal();
    const qreal contentHeight = m_view->property("contentHeight").toReal();
    y = std::max(originY, std::min(y, originY + contentHeight - height));
    if (std::abs(y - contentY) < 0.5)
        return false;
    m_view->setProperty("contentY", y);
    return true;
}

QQuickItem *TabThrough::rowOf(QQuickItem *item) const
{
    const auto content = m_view ? m_view->property("contentItem").value<QQuickItem *>() : nullptr;
    if (!content)
        return nullptr;
    for (; item; item = item->parentItem()) {
        if (item->parentItem() == content)
            return item;
    }
    return nullptr;
}

bool TabThrough::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window || event->type() != QEvent::KeyPress || !m_view || !m_view->isVisible())
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if ((key->key() == Qt::Key_End || key->key() == Qt::Key_Home) && key->modifiers() == Qt::ControlModifier) {
        // Out of the list in one step: Tab would walk every row on the way.
        QQuickItem *focus = m_window->activeFocusItem();
        if (!rowOf(focus) || focus->inherits("QQuickTextInput") || focus->inherits("QQuickTextEdit"))
            return false;
        if (!leave(focus, key->key() == Qt::Key_End))
            return false;
        key->accept();
        return true;
    }
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const bool backtab = key->key() == Qt::Key_Backtab || (key->key() == Qt::Key_Tab && (key->modifiers() & Qt::ShiftModifier));
    if (key->key() != Qt::Key_Tab && !backtab)
        return false;
    QQuickItem *focus = m_window->activeFocusItem();
    if (!focus)
        return false;
    QQuickItem *row = rowOf(focus);
    QQuickItem *next = focus->nextItemInFocusChain(!backtab);
    if (!row) {
        // Into the list from outside: the focus chain goes to the row built first, which after
        // some scrolling is any row, in view or not. A user expects the first row in view (the
        // last one, with Shift+Tab).
        if (!next || !rowOf(next) || !enter(!backtab))
            return false;
        key->accept();
        return true;
    }
    // Within the row the focus chain is right as it is.
    if (next && rowOf(next) == row)
        return false;
    // Past the first or last row the list is left, not another built row taken.
    if (!focusNextRow(row, !backtab) && !leave(focus, !backtab))
        return false;
    key->accept();
    return true;
}

int TabThrough::indexOf(QQuickItem *row) const
{
    int index = -1;
    const QPointF middle = row->position() + QPointF(row->width() / 2, row->height() / 2);
    QMetaObject::invokeMethod(m_view, "indexAt", Q_RETURN_ARG(int, index), Q_ARG(qreal, middle.x()),
                              Q_ARG(qreal, middle.y()));
    return index;
}

bool TabThrough::enter(bool forward)
{
    const auto content = m_view->property("contentItem").value<QQuickItem *>();
    if (!content)
        return false;
    const qreal height = m_view->height();
    // The rows in view: the first (last) that starts (ends) in it, else one that covers it.
    int whole = -1;
    int partly = -1;
    const auto better = [forward](int index, int than) { return than < 0 || (forward ? index < than : index > than); };
    const QList<QQuickItem *> rows = content->childItems();
    for (QQuickItem *row : rows) {
        if (!row->isVisible() || row->height() <= 0)
            continue;
        const qreal top = row->mapToItem(m_view, QPointF(0, 0)).y();
        const qreal bottom = top + row->height();
        if (bottom <= 0 || top >= height)
            continue;
        const int index = indexOf(row);
        if (index < 0)
            continue; // a header or footer
        if ((forward ? top >= -1 : bottom <= height + 1) && better(index, whole))
            whole = index;
        if (better(index, partly))
            partly = index;
    }
    const int first = whole >= 0 ? whole : partly;
    return first >= 0 && focusRow(first, forward);
}

bool TabThrough::focusNextRow(QQuickItem *row, bool forward)
{
    const int index = indexOf(row);
    return index >= 0 && focusRow(forward ? index + 1 : index - 1, forward);
}

bool TabThrough::focusRow(int first, bool forward)
{
    const int count = m_view->property("count").toInt();
    for (int step = 0; step < kMaxRowsSkipped; ++step) {
        const int target = forward ? first + step : first - step;
        if (target < 0 || target >= count)
            return false;
        // Building the row needs it in (or next to) the viewport.
        QMetaObject::invokeMethod(m_view, "positionViewAtIndex", Q_ARG(int, target), Q_ARG(int, kPositionContain));
        QQuickItem *targetRow = nullptr;
        QMetaObject::invokeMethod(m_view, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, targetRow), Q_ARG(int, target));
        if (!targetRow)
            continue;
        // Its controls, in the order Tab takes them.
        QQuickItem *chosen = nullptr;
        QQuickItem *item = targetRow;
        for (int guard = 0; guard < 500; ++guard) {
            item = item->nextItemInFocusChain(true);
            if (!item || !targetRow->isAncestorOf(item))
                break;
            chosen = item;
            if (forward)
                break;
        }
        if (chosen) {
            chosen->forceActiveFocus(forward ? Qt::TabFocusReason : Qt::BacktabFocusReason);
            return true;
        }
    }
    return false;
}

bool TabThrough::leave(QQuickItem *focus, bool forward)
{
    QQuickItem *item = focus;
    for (int guard = 0; guard < 5000; ++guard) {
        item = item->nextItemInFocusChain(forward);
        if (!item || item == focus)
            return false;
        if (!m_view->isAncestorOf(item)) {
            item->forceActiveFocus(forward ? Qt::TabFocusReason : Qt::BacktabFocusReason);
            return true;
        }
    }
    return false;
}
