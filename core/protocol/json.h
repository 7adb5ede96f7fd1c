// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

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

    //! Optional forms: nothing if the key is absent or null, an error if it holds another type.
    std::optional<bool> optBoolean(const QString &key);
    std::optional<Money> optMoney(const QString &key);
    std::optional<QDateTime> optTime(const QString &key);
    //! A calendar day "YYYY-MM-DD", kept as that text.
    QString date(const QString &key);
    QString optDate(const QString &key); //!< null QString if absent or null
    //! A required string that must be one of \a allowed.
    QString oneOf(const QString &key, const QStringList &allowed);
    //! Checks a value read before: an error naming \a key when it is below zero / not above zero.
    void nonNegative(const QString &key, qint64 value);
    void positive(const QString &key, const Money &money); //!< 1 … Money::kMaxApiAmount

    //! A nested object decoded by T::fromJson(object, "context.key"), so a problem inside it names
    //! the nested field ("message.sender.handle").
    template<typename T>
    T decode(const QString &key)
    {
        const QJsonObject o = object(key);
        return ok() ? adopt(T::fromJson(o, path(key))) : T{};
    }
    //! The same, nothing if absent or null.
    template<typename T>
    std::optional<T> optDecode(const QString &key)
    {
        const std::optional<QJsonObject> o = optObject(key);
        if (!o || !ok())
            return std::nullopt;
        auto v = T::fromJson(*o, path(key));
        if (!v) {
            adoptError(v.error());
            return std::nullopt;
        }
        return *v;
    }
    //! An array of objects, each decoded by T::fromJson ("conversation.members[1].id").
    //! \a required false: absent or null is an empty list.
    template<typename T>
    QList<T> decodeList(const QString &key, bool required = true)
    {
        QList<T> out;
        const QJsonValue v = m_object.value(key);
        if (!required && (v.isUndefined() || v.isNull()))
            return out;
        const QJsonArray list = array(key);
        if (!ok())
            return out;
        out.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = path(key) + QStringLiteral("[%1]").arg(i);
            if (!list.at(i).isObject()) {
                failPath(at, QStringLiteral("must be an object"));
                return {};
            }
            auto item = T::fromJson(list.at(i).toObject(), at);
            if (!item) {
                adoptError(item.error());
                return {};
            }
            out.append(*item);
        }
        return out;
    }

    //! Records an error found by the caller (e.g. an enum value out of range).
    void fail(const QString &key, const QString &why);
    //! Keeps an error a nested decoder reported (its field already has the full path).
    void adoptError(const Error &error);

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    [[nodiscard]] Error error() const;
    [[nodiscard]] const QJsonObject &raw() const { return m_object; }

private:
    template<typename T>
    T adopt(Result<T> r)
    {
        if (!r) {
            adoptError(r.error());
            return T{};
        }
        return std::move(*r);
    }
    [[nodiscard]] QString path(const QString &key) const;
    void failPath(const QString &field, const QString &why);
    QJsonValue required(const QString &key, const char *expected, bool (QJsonValue::*check)() const);
    QJsonObject m_object;
    QString m_context;
    std::optional<Error> m_error;
};

//! True if \a value is a whole JSON number that fits int64 exactly. JSON has no integer type:
//! Qt's parser keeps whole values ("12", "12.0", "1e3") as qint64, and so do we; 12.5 or
//! 1e20 are refused.
[[nodiscard]] bool isInteger(const QJsonValue &value);

//! A codec's refusal as a client reports what a server sent: ErrorCode::Protocol, with the
//! same message and field (the codecs say ValidationFailed, which is what a server answers).
[[nodiscard]] Error asProtocolError(const Error &error);
//! T::fromJson(\a object), its refusal as asProtocolError().
template<typename T>
[[nodiscard]] Result<T> decodeReply(const QJsonObject &object)
{
    auto value = T::fromJson(object);
    if (!value)
        return asProtocolError(value.error());
    return value;
}

[[nodiscard]] QJsonObject moneyToJson(const Money &money);
//! Money, or JSON null when there is none.
[[nodiscard]] QJsonValue moneyOrNull(const std::optional<Money> &money);
//! A string, or JSON null when there is none.
[[nodiscard]] QJsonValue stringOrNull(const std::optional<QString> &text);
//! formatTime(), or JSON null for an invalid time.
[[nodiscard]] QJsonValue timeOrNull(const QDateTime &time);
//! Strict money decoder: amount must be an integer, currency a known ISO 4217 code.
[[nodiscard]] Result<Money> moneyFromJson(const QJsonValue &value);

} // namespace plaza::protocol
