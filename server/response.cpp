// SPDX-License-Identifier: MIT
#include "response.h"

#include <algorithm>

#include "serverdb.h"

#include <QJsonArray>

#include "common/logging.h"
#include "protocol/types.h"

#include <QHttpServerResponder>
#include <QJsonDocument>

namespace plaza::server {

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidJson:
    case ErrorCode::ValidationFailed:
    case ErrorCode::InvalidAmount:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::CardDeclined:
        return 402;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
    case ErrorCode::IdempotencyKeyReused:
        return 409;
    case ErrorCode::ResyncRequired:
        return 410;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::InsufficientFunds:
    case ErrorCode::LimitExceeded:
    case ErrorCode::CurrencyMismatch:
    case ErrorCode::SelfPayment:
    case ErrorCode::RecipientUnavailable:
        return 422;
    case ErrorCode::RateLimited:
        return 429;
    default:
        return 500;
    }
}

Response Response::json(int status, const QJsonObject &body)
{
    Response r;
    r.m_status = status;
    r.m_body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

Response Response::raw(int status, const QByteArray &body)
{
    Response r;
    r.m_status = status;
    r.m_body = body;
    return r;
}

Response Response::bytes(int status, QByteArray body, const QByteArray &contentType)
{
    Response r;
    r.m_status = status;
    r.m_body = std::move(body);
    r.m_contentType = contentType;
    return r;
}

Response Response::noContent()
{
    Response r;
    r.m_status = 204;
    return r;
}

Response Response::error(const Error &error)
{
    int status = error.httpStatus ? error.httpStatus : httpStatusFor(error.code);
    if (status >= 500) {
        // The real cause (often SQLite's words) goes to the log only.
        qCWarning(lcServer).noquote() << "internal error:" << error.codeName() << error.message;
        return json(500, protocol::errorToJson(
                             makeError(ErrorCode::Internal, QStringLiteral("Something went wrong on the server."))));
    }
    return json(status, protocol::errorToJson(error));
}

Response Response::error(ErrorCode code, const QString &message, const QVariantMap &details)
{
    return error(makeError(code, message, details));
}

Response Response::invalidField(const QString &field, const QString &message)
{
    return error(ErrorCode::ValidationFailed, message, {{QStringLiteral("field"), field}});
}

Response Response::page(QList<qint64> ids, qint64 limit, QStringView idPrefix,
                        const std::function<Result<QJsonObject>(qint64)> &render)
{
    const bool more = ids.size() > limit;
    if (more)
        ids.resize(limit);
    QJsonArray items;
    for (qint64 id : std::as_const(ids)) {
        auto json = render(id);
        if (!json)
            return error(json.error());
        items.append(*json);
    }
    return ok({{QStringLiteral("items"), items},
               {QStringLiteral("next_before"), more ? QJsonValue(ids::format(idPrefix, ids.constLast())) : QJsonValue::Null}});
}

Response &Response::withHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
    return *this;
}

void Response::write(QHttpServerResponder &responder) const
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(m_status));
    for (const auto &header : m_headers)
        responder.writeHeader(header.first, header.second);
    const bool ownCacheControl = std::any_of(m_headers.cbegin(), m_headers.cend(), [](const auto &h) {
        return h.first.compare(QByteArrayLiteral("Cache-Control"), Qt::CaseInsensitive) == 0;
    });
    if (!ownCacheControl)
        responder.writeHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    // A browser or a client never guesses a type of its own (a file that lies about its type).
    responder.writeHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    if (!m_body.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), m_contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(m_body.size()));
    responder.writeBody(m_body);
}

Response Response::later(std::shared_ptr<PendingAnswer> pending)
{
    Response r;
    r.m_pending = std::move(pending);
    return r;
}

void PendingAnswer::deliver(Response answer)
{
    if (m_sink) {
        auto sink = std::move(m_sink);
        m_sink = nullptr;
        sink(std::move(answer));
    } else {
        m_answer = std::move(answer);
    }
}

void PendingAnswer::onAnswer(std::function<void(Response)> sink)
{
    if (m_answer) {
        Response answer = std::move(*m_answer);
        m_answer.reset();
        sink(std::move(answer));
    } else {
        m_sink = std::move(sink);
    }
}

} // namespace plaza::server
