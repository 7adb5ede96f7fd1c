// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace plaza::test {

//! Whether a log message is a QML warning or error: one of the qt.qml* (or qml, js) categories,
//! or a message of the engine's (a .qml location, "QML Type:", a binding loop, a module that is
//! not installed, a component that failed).
[[nodiscard]] bool isQmlWarning(QtMsgType type, const char *category, const QString &message);
//! The QML warnings in the merged output of a process (e2e_app runs bin/plaza), one per line.
[[nodiscard]] QStringList qmlWarningsIn(const QString &output);

//! Records every QML warning of this process while it lives, and hands every message on to the
//! handler installed before it (QTest's, which prints them). Tests check take() in cleanup():
//! a QML warning is a failure.
class QmlWarningRecorder
{
public:
    QmlWarningRecorder();
    ~QmlWarningRecorder();
    QmlWarningRecorder(const QmlWarningRecorder &) = delete;
    QmlWarningRecorder &operator=(const QmlWarningRecorder &) = delete;

    //! What was recorded since the last take(), and forgets it.
    [[nodiscard]] QStringList take();
};

} // namespace plaza::test
