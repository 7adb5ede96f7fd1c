// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqml.h>

//! The `Format` singleton of QML: amounts typed and shown in the user's locale, message text
//! made safe to show with its links, initials for avatars. Stateless: the engine makes it.
//! Dates and times: the Time singleton (timeformat.h).
class Format : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    explicit Format(QObject *parent = nullptr);

    //! {ok, minor, formatted, reason, decimals}: what the user typed, in their locale, as an
    //! exact amount of \a currency (reason for Errors.describeAmount: empty, negative,
    //! not_a_number, decimals, too_large, zero).
    Q_INVOKABLE [[nodiscard]] QVariantMap parseAmount(const QString &text, const QString &currency) const;
    //! \a minor units of \a currency in the user's locale ("12,50 €").
    Q_INVOKABLE [[nodiscard]] QString formatMoney(qint64 minor, const QString &currency) const;
    //! \a text (plain, from someone else) as escaped StyledText with http(s) links clickable.
    Q_INVOKABLE [[nodiscard]] QString linkify(const QString &text) const;
    //! A size in bytes for people, in their locale ("12.4 MB", "12,4 Mo").
    Q_INVOKABLE [[nodiscard]] QString formatBytes(qint64 bytes) const;
    //! One or two letters for an avatar.
    Q_INVOKABLE [[nodiscard]] QString initials(const QString &name) const;
};
