// SPDX-License-Identifier: MIT
#pragma once

#include "requestcontext.h"
#include "response.h"

#include <QHttpServerRequest>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace plaza::server {

//! Maps a method and a path to a handler. Patterns are literal segments and {name}
//! placeholders ("/v1/users/{id}/follow"); a placeholder matches one non-empty segment.
//! When several patterns match, the one with the most literal segments wins.
class Router
{
public:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<Response(RequestContext &)>;

    //! How the server prepares a request before the handler sees it.
    enum Flag {
        NoFlags = 0,
        Public = 1,   //!< no bearer token needed (health, register, login, refresh)
        JsonBody = 2, //!< the body must be one JSON object, parsed into RequestContext::body
        ChunkBody = 4, //!< raw bytes up to protocol::limits::kMaxChunkBytes (an upload's chunk)
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    struct Route {
        Method method;
        QStringList segments;
        Flags flags;
        Handler handler;
    };

    //! What match() found: a route, or the methods the path allows (405), or nothing (404).
    struct Match {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QList<Method> allowed;
    };

    void add(Method method, const QString &pattern, Flags flags, Handler handler);
    [[nodiscard]] Match match(Method method, const QString &path) const;

    //! "GET", "POST", … for the Allow header and logs.
    [[nodiscard]] static QByteArray methodName(Method method);

private:
    QList<Route> m_routes;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Router::Flags)

} // namespace plaza::server
