// SPDX-License-Identifier: MIT
#include "activityfilter.h"

#include "session/applock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QKeyEvent>

ActivityFilter::ActivityFilter(plaza::AppLock *appLock, QObject *parent) : QObject(parent), m_appLock(appLock)
{
    if (qApp)
        qApp->installEventFilter(this);
}

ActivityFilter::~ActivityFilter()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

bool ActivityFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShortcutOverride:
        // Text fields claim Ctrl+K ("delete to the end of the line" on X11 and macOS), so the
        // quick switcher would open everywhere but where people type. Swallowed here, the
        // override stays unaccepted and the window's Ctrl+K shortcut runs.
        if (const auto *key = static_cast<QKeyEvent *>(event);
            key->key() == Qt::Key_K && key->modifiers() == Qt::ControlModifier) {
            return true;
        }
        break;
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (m_appLock)
            m_appLock->noteActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
