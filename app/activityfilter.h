// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

namespace plaza {
class AppLock;
}

//! The application-wide input filter of the window (main() makes one): every key press, click
//! or wheel anywhere restarts the app lock's idle countdown, and Ctrl+K reaches the window's
//! quick-switcher shortcut even from a text field.
class ActivityFilter : public QObject
{
    Q_OBJECT
public:
    //! Installs itself on the application; \a appLock hears of the activity.
    explicit ActivityFilter(plaza::AppLock *appLock, QObject *parent = nullptr);
    ~ActivityFilter() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<plaza::AppLock> m_appLock;
};
