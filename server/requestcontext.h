// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace plaza::server {

//! Everything a handler needs to know about one request: the route's {params}, the
//! query, the headers, the parsed JSON body and who is calling.
struct RequestContext {
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QHash<QString, QString> params;                 //!< {id} and friends from the route pattern
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray rawBody;
    QJsonObject body;                               //!< parsed when the route takes a JSON body
    qint64 userId = 0;                              //!< authenticated caller, 0 on public routes
    qint64 sessionId = 0;                           //!< the caller's login session
    QHostAddress peer;                              //!< the client's address (the login throttle)

    //! First header called \a name (case-insensitive), or a null QByteArray.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    //! The token of an "Authorization: Bearer …" header, or empty.
    [[nodiscard]] QByteArray bearerToken() const;
    [[nodiscard]] QString param(const QString &name) const { return params.value(name); }
    //! Decoded query value, or nothing when the key is absent.
    [[nodiscard]] std::optional<QString> queryValue(const QString &key) const;
    //! Strict integer query parameter: absent gives \a fallback; anything but a
    //! decimal integer within [min, max] is validation_failed naming \a key.
    [[nodiscard]] Result<qint64> queryInteger(const QString &key, qint64 fallback, qint64 min, qint64 max) const;
};

} // namespace plaza::server
