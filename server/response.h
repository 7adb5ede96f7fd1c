// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>

class QHttpServerResponder;

namespace plaza::server {

//! The HTTP status api-v1.md gives to \a code (400 for validation_failed, …; 500 otherwise).
[[nodiscard]] int httpStatusFor(ErrorCode code);

//! What a handler answers: a status, an optional JSON object and extra headers.
//! Every non-2xx goes through error(), so it always carries the error envelope.
class Response
{
public:
    //! \a status with \a body as JSON.
    [[nodiscard]] static Response json(int status, const QJsonObject &body);
    [[nodiscard]] static Response ok(const QJsonObject &body) { return json(200, body); }
    [[nodiscard]] static Response created(const QJsonObject &body) { return json(201, body); }
    //! \a status with \a body exactly as given (an already serialized JSON object),
    //! e.g. a response replayed from the idempotency store byte for byte.
    [[nodiscard]] static Response raw(int status, const QByteArray &body);
    //! 204, no body.
    [[nodiscard]] static Response noContent();
    //! The error envelope, with the status of the error's code. Internal and storage
    //! errors are logged and answered with a generic message: SQL and file names
    //! never reach a client.
    [[nodiscard]] static Response error(const Error &error);
    [[nodiscard]] static Response error(ErrorCode code, const QString &message, const QVariantMap &details = {});
    //! 400 validation_failed naming \a field.
    [[nodiscard]] static Response invalidField(const QString &field, const QString &message);

    //! A paged list: \a ids are up to \a limit + 1 row ids newest first (the query asks for
    //! one more than the page, so its presence says there is a next page); each of the first
    //! \a limit is rendered by \a render into "items", and "next_before" is the last kept id
    //! with \a idPrefix, or null.
    [[nodiscard]] static Response page(QList<qint64> ids, qint64 limit, QStringView idPrefix,
                                       const std::function<Result<QJsonObject>(qint64)> &render);

    Response &withHeader(const QByteArray &name, const QByteArray &value);

    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    [[nodiscard]] const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }

    //! Sends the response on \a responder (status line, headers, body).
    void write(QHttpServerResponder &responder) const;

private:
    int m_status = 200;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

} // namespace plaza::server
