// SPDX-License-Identifier: MIT
#pragma once

#include "common/errortext.h"

#include <QObject>
#include <QString>
#include <QtQml/qqml.h>

//! The `ErrorText` singleton of QML: common/errortext.h, the core's one table of sentences for
//! error codes, in the language installed. qml/Errors.qml calls it (and adds the app's own
//! codes); screens call Errors. Stateless: the engine makes it.
class ErrorTextSingleton : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ErrorText)
    QML_SINGLETON
public:
    explicit ErrorTextSingleton(QObject *parent = nullptr) : QObject(parent) {}

    Q_INVOKABLE [[nodiscard]] QString describe(const QString &code, const QString &field, const QString &server) const
    {
        return plaza::errortext::describe(code, field, server);
    }
    Q_INVOKABLE [[nodiscard]] QString describeSecurity(const QString &reason, const QString &code) const
    {
        return plaza::errortext::describeSecurity(reason, code);
    }
    Q_INVOKABLE [[nodiscard]] QString describeAmount(const QString &reason, int decimals) const
    {
        return plaza::errortext::describeAmount(reason, decimals);
    }
    Q_INVOKABLE [[nodiscard]] QString describeLink(const QString &reason, const QString &code, const QString &server) const
    {
        return plaza::errortext::describeLink(reason, code, server);
    }
    Q_INVOKABLE [[nodiscard]] QString describeField(const QString &field) const
    {
        return plaza::errortext::describeField(field);
    }
};
