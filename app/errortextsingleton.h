// SPDX-License-Identifier: MIT
#pragma once

#include "common/errortext.h"
#include "common/languageloader.h"

#include <QLocale>
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
    //! The language the sentences are in (BCP 47). Errors.qml reads it in each call, so a
    //! sentence on screen is made again when the language switches.
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
public:
    explicit ErrorTextSingleton(QObject *parent = nullptr) : QObject(parent)
    {
        connect(LanguageNotifier::instance(), &LanguageNotifier::switched, this, &ErrorTextSingleton::languageChanged);
    }

    [[nodiscard]] QString language() const { return QLocale().bcp47Name(); }

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

Q_SIGNALS:
    void languageChanged();
};
