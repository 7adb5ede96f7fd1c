// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>
#include <memory>
#include <optional>

class QHttpServerResponder;

namespace plaza::server {

class PendingAnswer;

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
    //! \a status with \a body as bytes of \a contentType (a file, part of one).
    [[nodiscard]] static Response bytes(int status, QByteArray body, const QByteArray &contentType);
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

    //! An answer that comes later (work off the event loop, workerpool.h): the server
    //! holds this request's place on its connection until \a pending delivers it.
    [[nodiscard]] static Response later(std::shared_ptr<PendingAnswer> pending);
    //! Set for later(): the real answer comes through it.
    [[nodiscard]] const std::shared_ptr<PendingAnswer> &pending() const { return m_pending; }

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
    QByteArray m_contentType = QByteArrayLiteral("application/json");
    std::shared_ptr<PendingAnswer> m_pending;
};

//! Where an answer computed later arrives, on the event-loop thread: whoever made it
//! delivers once; the server says where it goes with onAnswer() (before or after).
class PendingAnswer
{
public:
    void deliver(Response answer);
    void onAnswer(std::function<void(Response)> sink);

private:
    std::optional<Response> m_answer;
    std::function<void(Response)> m_sink;
};

} // namespace plaza::server
