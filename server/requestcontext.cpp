// SPDX-License-Identifier: MIT
#include "requestcontext.h"

#include <QRegularExpression>

namespace plaza::server {

QByteArray RequestContext::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray RequestContext::bearerToken() const
{
    const QByteArray value = header("authorization").trimmed();
    constexpr QByteArrayView scheme("Bearer ");
    if (value.size() <= scheme.size() || QByteArrayView(value).first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(scheme.size()).trimmed();
}

std::optional<QString> RequestContext::queryValue(const QString &key) const
{
    if (!query.hasQueryItem(key))
        return std::nullopt;
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

Result<qint64> RequestContext::queryInteger(const QString &key, qint64 fallback, qint64 min, qint64 max) const
{
    const auto text = queryValue(key);
    if (!text)
        return fallback;
    // Only plain decimal digits: "1e3", "+5", " 7" and "0x10" are not numbers here.
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]{1,18}$"));
    const auto why = QStringLiteral("%1 must be an integer from %2 to %3").arg(key).arg(min).arg(max);
    if (!digits.match(*text).hasMatch())
        return makeError(ErrorCode::ValidationFailed, why, {{QStringLiteral("field"), key}});
    const qint64 value = text->toLongLong();
    if (value < min || value > max)
        return makeError(ErrorCode::ValidationFailed, why, {{QStringLiteral("field"), key}});
    return value;
}

} // namespace plaza::server
