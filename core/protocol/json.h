// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace plaza::protocol {

//! Parses a request or response body that must be one JSON object.
//! Anything else is ErrorCode::InvalidJson with a message saying why.
[[nodiscard]] Result<QJsonObject> parseObject(const QByteArray &body);

//! RFC 3339 in UTC with milliseconds: "2026-11-22T09:30:00.000Z".
[[nodiscard]] QString formatTime(const QDateTime &time);
//! Parses RFC 3339; an invalid QDateTime if the text is not one.
[[nodiscard]] QDateTime parseTime(QStringView text);

//! Reads fields of a JSON object strictly: a string where a number belongs is an
//! error, never 0; a fractional number where an integer belongs is an error too.
//! The first problem is kept (with the field's name) and later reads return defaults,
//! so a decoder reads everything and checks ok() once.
class JsonReader
{
public:
    explicit JsonReader(QJsonObject object, QString context = {});

    QString string(const QString &key);                  //!< required string
    QString optString(const QString &key);               //!< string, or null QString if absent/null
    qint64 integer(const QString &key);                  //!< required integer
    std::optional<qint64> optInteger(const QString &key);
    double number(const QString &key);                   //!< required number (not for money)
    bool boolean(const QString &key);
    QJsonObject object(const QString &key);
    std::optional<QJsonObject> optObject(const QString &key); //!< nothing if absent or null
    QJsonArray array(const QString &key);
    QDateTime time(const QString &key);
    Money money(const QString &key);                     //!< {"amount": int, "currency": "EUR"}

    //! Records an error found by the caller (e.g. an enum value out of range).
    void fail(const QString &key, const QString &why);

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    [[nodiscard]] Error error() const;
    [[nodiscard]] const QJsonObject &raw() const { return m_object; }

private:
    QJsonValue required(const QString &key, const char *expected, bool (QJsonValue::*check)() const);
    QJsonObject m_object;
    QString m_context;
    std::optional<Error> m_error;
};

//! True if \a value is a whole JSON number that fits int64 exactly. JSON has no integer type:
//! Qt's parser keeps whole values ("12", "12.0", "1e3") as qint64, and so do we; 12.5 or
//! 1e20 are refused.
[[nodiscard]] bool isInteger(const QJsonValue &value);

[[nodiscard]] QJsonObject moneyToJson(const Money &money);
//! Strict money decoder: amount must be an integer, currency a known ISO 4217 code.
[[nodiscard]] Result<Money> moneyFromJson(const QJsonValue &value);

} // namespace plaza::protocol
