// SPDX-License-Identifier: MIT
#include "router.h"

#include <QUrl>

namespace plaza::server {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

void Router::add(Method method, const QString &pattern, Flags flags, Handler handler)
{
    m_routes.append(Route{method, splitPath(pattern), flags, std::move(handler)});
}

Router::Match Router::match(Method method, const QString &path) const
{
    Match result;
    // A trailing slash or a doubled one is a different resource: no match.
    if (path.endsWith(u'/') || path.contains(QStringLiteral("//")))
        return result;
    // Split first, then decode each segment: "/v1/posts/1%2Freplies" is the post "1/replies"
    // (which does not exist), never the replies of post 1.
    QStringList segments = splitPath(path);
    for (QString &segment : segments) {
        if (segment.contains(u'%'))
            segment = QUrl::fromPercentEncoding(segment.toUtf8());
    }
    int bestLiterals = -1;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QHash<QString, QString> params;
        int literals = 0;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            const QString &want = route.segments.at(i);
            if (isPlaceholder(want)) {
                params.insert(want.mid(1, want.size() - 2), segments.at(i));
            } else {
                matches = want == segments.at(i);
                ++literals;
            }
        }
        if (!matches)
            continue;
        if (route.method != method) {
            if (!result.allowed.contains(route.method))
                result.allowed.append(route.method);
            continue;
        }
        // "/v1/payment-requests/open" beats "/v1/payment-requests/{id}", whatever the order of add().
        if (literals > bestLiterals) {
            bestLiterals = literals;
            result.route = &route;
            result.params = std::move(params);
        }
    }
    return result;
}

QByteArray Router::methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    case Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

} // namespace plaza::server
