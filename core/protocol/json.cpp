// SPDX-License-Identifier: MIT
#include "json.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>
#include <QVariant>

namespace plaza::protocol {

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson,
                         QStringLiteral("The body is not valid JSON (%1 at offset %2).")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidJson, QStringLiteral("The body must be a JSON object."));
    return doc.object();
}

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + u'Z';
}

QDateTime parseTime(QStringView text)
{
    QDateTime t = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    return t.toUTC();
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    // Qt's parser stores whole numbers that fit qint64 as integers and the rest as doubles.
    const int type = value.toVariant().typeId();
    return type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::ULongLong;
}

JsonReader::JsonReader(QJsonObject object, QString context)
    : m_object(std::move(object)), m_context(std::move(context))
{
}

QString JsonReader::path(const QString &key) const
{
    return m_context.isEmpty() ? key : m_context + u'.' + key;
}

void JsonReader::fail(const QString &key, const QString &why)
{
    failPath(path(key), why);
}

void JsonReader::failPath(const QString &field, const QString &why)
{
    if (m_error)
        return;
    m_error = makeError(ErrorCode::ValidationFailed, QStringLiteral("%1: %2").arg(field, why),
                        {{QStringLiteral("field"), field}});
}

void JsonReader::adoptError(const Error &error)
{
    if (!m_error)
        m_error = error;
}

std::optional<bool> JsonReader::optBoolean(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<Money> JsonReader::optMoney(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    auto m = moneyFromJson(v);
    if (!m) {
        fail(key, m.error().message);
        return std::nullopt;
    }
    return *m;
}

std::optional<QDateTime> JsonReader::optTime(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const QDateTime t = time(key);
    if (!ok())
        return std::nullopt;
    return t;
}

namespace {
bool isDay(const QString &text)
{
    // Exactly YYYY-MM-DD (QDate alone would also take "2026-1-5").
    return text.size() == 10 && text.at(4) == u'-' && text.at(7) == u'-'
        && QDate::fromString(text, Qt::ISODate).isValid();
}
} // namespace

QString JsonReader::date(const QString &key)
{
    const QString text = string(key);
    if (ok() && !isDay(text))
        fail(key, QStringLiteral("must be a day YYYY-MM-DD"));
    return ok() ? text : QString();
}

QString JsonReader::optDate(const QString &key)
{
    const QString text = optString(key);
    if (ok() && !text.isNull() && !isDay(text))
        fail(key, QStringLiteral("must be a day YYYY-MM-DD"));
    return ok() ? text : QString();
}

QString JsonReader::oneOf(const QString &key, const QStringList &allowed)
{
    const QString text = string(key);
    if (ok() && !allowed.contains(text))
        fail(key, QStringLiteral("must be one of %1").arg(allowed.join(QStringLiteral(", "))));
    return ok() ? text : QString();
}

void JsonReader::nonNegative(const QString &key, qint64 value)
{
    if (value < 0)
        fail(key, QStringLiteral("must not be negative"));
}

void JsonReader::positive(const QString &key, const Money &money)
{
    if (money.minor() <= 0 || money.minor() > Money::kMaxApiAmount)
        fail(key, QStringLiteral("amount must be 1 to %1 minor units").arg(Money::kMaxApiAmount));
}

Error JsonReader::error() const
{
    return m_error.value_or(makeError(ErrorCode::Unknown, QString()));
}

QJsonValue JsonReader::required(const QString &key, const char *expected, bool (QJsonValue::*check)() const)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        fail(key, QStringLiteral("is required"));
        return {};
    }
    if (!(v.*check)()) {
        fail(key, QStringLiteral("must be %1").arg(QLatin1String(expected)));
        return {};
    }
    return v;
}

QString JsonReader::string(const QString &key)
{
    return required(key, "a string", &QJsonValue::isString).toString();
}

QString JsonReader::optString(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return {};
    }
    return v.toString();
}

qint64 JsonReader::integer(const QString &key)
{
    const QJsonValue v = required(key, "an integer", &QJsonValue::isDouble);
    if (v.isUndefined() || v.isNull())
        return 0;
    if (!isInteger(v)) {
        fail(key, QStringLiteral("must be an integer"));
        return 0;
    }
    return v.toInteger();
}

std::optional<qint64> JsonReader::optInteger(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!isInteger(v)) {
        fail(key, QStringLiteral("must be an integer"));
        return std::nullopt;
    }
    return v.toInteger();
}

double JsonReader::number(const QString &key)
{
    return required(key, "a number", &QJsonValue::isDouble).toDouble();
}

bool JsonReader::boolean(const QString &key)
{
    return required(key, "true or false", &QJsonValue::isBool).toBool();
}

QJsonObject JsonReader::object(const QString &key)
{
    return required(key, "an object", &QJsonValue::isObject).toObject();
}

std::optional<QJsonObject> JsonReader::optObject(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isObject()) {
        fail(key, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return v.toObject();
}

QJsonArray JsonReader::array(const QString &key)
{
    return required(key, "an array", &QJsonValue::isArray).toArray();
}

QDateTime JsonReader::time(const QString &key)
{
    const QString text = string(key);
    if (!ok())
        return {};
    QDateTime t = parseTime(text);
    if (!t.isValid())
        fail(key, QStringLiteral("must be an RFC 3339 time"));
    return t;
}

Money JsonReader::money(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        fail(key, QStringLiteral("is required"));
        return {};
    }
    auto m = moneyFromJson(v);
    if (!m) {
        fail(key, m.error().message);
        return {};
    }
    return *m;
}

QJsonObject moneyToJson(const Money &money)
{
    return QJsonObject{{QStringLiteral("amount"), money.minor()}, {QStringLiteral("currency"), money.currency()}};
}

Error asProtocolError(const Error &error)
{
    return Error{ErrorCode::Protocol, error.message, error.details, 0};
}

QJsonValue moneyOrNull(const std::optional<Money> &money)
{
    return money ? QJsonValue(moneyToJson(*money)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(formatTime(time)) : QJsonValue(QJsonValue::Null);
}

Result<Money> moneyFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return makeError(ErrorCode::InvalidAmount, QStringLiteral("must be {\"amount\": integer, \"currency\": code}"));
    const QJsonObject o = value.toObject();
    const QJsonValue amount = o.value(QStringLiteral("amount"));
    const QJsonValue currency = o.value(QStringLiteral("currency"));
    if (!isInteger(amount))
        return makeError(ErrorCode::InvalidAmount, QStringLiteral("amount must be a whole number of minor units"));
    if (!currency.isString() || !Currency::fromCode(currency.toString()))
        return makeError(ErrorCode::InvalidAmount, QStringLiteral("currency must be a known ISO 4217 code"));
    return Money(amount.toInteger(), currency.toString());
}

} // namespace plaza::protocol
