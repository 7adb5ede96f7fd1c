// SPDX-License-Identifier: MIT
#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqml.h>

class QQuickWindow;

//! Tab and Shift+Tab walk a ListView's rows in their order, past the rows not built yet.
//!
//! Qt Quick's focus chain only holds the items that exist: a ListView builds the delegates in
//! and near its viewport, so Tab from the last one built left the list (and came back at its
//! top), and a keyboard user never reached the posts further down. When Tab would leave the
//! row that has the focus, this moves the view to the next row (the previous one for
//! Shift+Tab), which builds it, and focuses its first (last) control. At the first and last
//! rows Tab leaves the list. Rows without a control are skipped. Tab into the list from the
//! control before it lands in the first row in view (Shift+Tab from the control after it, in the
//! last): the chain's own choice is the row built first, which after scrolling can be any.
//!
//! It also keeps the control that has the focus in the viewport, with `margin` around it: when
//! the focus moves to a control in a row (by Tab or otherwise), and again while the view lays
//! out the rows it just built (their heights were guesses until then, so the rows move under
//! the focus for a moment after a jump).
//!
//! Ctrl+End and Ctrl+Home leave the list at once, to the first control after it (before it),
//! as the WAI-ARIA feed pattern has it: a feed can be hundreds of posts long.
//!
//!     TabThrough { view: list }
class TabThrough : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickItem *view READ view WRITE setView NOTIFY viewChanged)
    Q_PROPERTY(qreal margin MEMBER m_margin NOTIFY marginChanged)

public:
    explicit TabThrough(QObject *parent = nullptr);
    ~TabThrough() override;

    [[nodiscard]] QQuickItem *view() const { return m_view; }
    void setView(QQuickItem *view);

Q_SIGNALS:
    void viewChanged();
    void marginChanged();

private Q_SLOTS:
    void relayout();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watchWindow(QQuickWindow *window);
    void focusMoved();
    //! Scrolls the view until \a item shows (a few passes: rows laid out anew move).
    void reveal(QQuickItem *item);
    //! One scroll towards showing \a item; false when it already shows.
    bool scrollTo(QQuickItem *item);
    //! The view's row (a child of its contentItem) that holds \a item; null when none does.
    [[nodiscard]] QQuickItem *rowOf(QQuickItem *item) const;
    //! The model index of \a row; -1 for a header or footer.
    [[nodiscard]] int indexOf(QQuickItem *row) const;
    //! Moves the focus to the row after (before) \a row; false when there is none with a control.
    bool focusNextRow(QQuickItem *row, bool forward);
    //! Moves the focus to the first (last) control of the row at \a first, or of the nearest row
    //! after (before) it that has one; false when there is none.
    bool focusRow(int first, bool forward);
    //! Moves the focus from outside the list to the first control of its first row in view (the
    //! last control of its last row in view).
    bool enter(bool forward);
    //! Moves the focus from \a focus to the first control after (before) the list.
    bool leave(QQuickItem *focus, bool forward);

    QPointer<QQuickItem> m_view;
    QPointer<QQuickWindow> m_window;
    QPointer<QQuickItem> m_focus; //!< the focused control kept in view, while m_keepUntil lasts
    QDeadlineTimer m_keepUntil;
    qreal m_margin = 8;
};
