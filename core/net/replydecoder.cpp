// SPDX-License-Identifier: MIT
#include "replydecoder.h"

#include "protocol/json.h"
#include "protocol/types.h"

namespace plaza::net::detail {

Error transportError(QNetworkReply::NetworkError error, const QString &detail)
{
    using NE = QNetworkReply::NetworkError;
    switch (error) {
    // QNetworkRequest::setTransferTimeout() aborts the reply; Qt 6.4 reports that as
    // OperationCanceledError (later versions as TimeoutError). ApiClient never aborts a
    // reply for any other reason while someone waits for it, so both mean "no answer in time".
    case NE::TimeoutError:
    case NE::OperationCanceledError:
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("The server did not answer in time; the request may or may not have "
                                        "taken effect."),
                         {{QStringLiteral("detail"), detail}});
    case NE::SslHandshakeFailedError:
        return makeError(ErrorCode::Tls, QStringLiteral("The secure connection to the server failed."),
                         {{QStringLiteral("detail"), detail}});
    case NE::ConnectionRefusedError:
    case NE::RemoteHostClosedError:
    case NE::HostNotFoundError:
    case NE::TemporaryNetworkFailureError:
    case NE::NetworkSessionFailedError:
    case NE::BackgroundRequestNotAllowedError:
    case NE::UnknownNetworkError:
    case NE::ProxyConnectionRefusedError:
    case NE::ProxyConnectionClosedError:
    case NE::ProxyNotFoundError:
    case NE::ProxyTimeoutError:
    case NE::ProxyAuthenticationRequiredError:
    case NE::UnknownProxyError:
        return makeError(ErrorCode::Network, QStringLiteral("The server cannot be reached."),
                         {{QStringLiteral("detail"), detail}});
    case NE::TooManyRedirectsError:
    case NE::InsecureRedirectError:
    case NE::ProtocolUnknownError:
    case NE::ProtocolInvalidOperationError:
    case NE::ProtocolFailure:
    case NE::UnknownServerError:
        return makeError(ErrorCode::Protocol, QStringLiteral("The server's answer could not be understood."),
                         {{QStringLiteral("detail"), detail}});
    default:
        return makeError(ErrorCode::Network, QStringLiteral("The request failed."),
                         {{QStringLiteral("detail"), detail}});
    }
}

Result<ApiResponse> decodeAnswer(const HttpAnswer &answer, bool keepRaw)
{
    if (answer.status >= 200 && answer.status < 300) {
        ApiResponse response;
        response.status = answer.status;
        response.replayed = answer.replayed;
        // Kept as bytes, whatever they are (a file's range may be nothing but spaces).
        if (keepRaw) {
            response.raw = answer.body;
            return response;
        }
        // 204 and other empty answers carry no body; anything else must be one JSON object.
        if (answer.status == 204 || answer.body.trimmed().isEmpty())
            return response;
        auto object = protocol::parseObject(answer.body);
        if (!object) {
            Error e = makeError(ErrorCode::Protocol,
                                QStringLiteral("The server answered %1 with a body that is not a JSON object.")
                                    .arg(answer.status));
            e.httpStatus = answer.status;
            return e;
        }
        response.body = std::move(*object);
        return response;
    }
    if (answer.status <= 0 || answer.status < 200) {
        Error e = makeError(ErrorCode::Protocol, QStringLiteral("The server gave no valid HTTP status."));
        e.httpStatus = answer.status;
        return e;
    }
    // Redirects are never followed (the bearer must not travel elsewhere) and are not part of the API.
    if (answer.status < 400) {
        Error e = makeError(ErrorCode::Protocol,
                            QStringLiteral("The server answered with an unexpected redirect (%1).").arg(answer.status));
        e.httpStatus = answer.status;
        return e;
    }
    Error e = protocol::errorFromBody(answer.body, answer.status);
    if (answer.status == 429 && !answer.retryAfter.isEmpty()) {
        bool ok = false;
        const int seconds = answer.retryAfter.trimmed().toInt(&ok);
        if (ok && seconds >= 0)
            e.details.insert(QStringLiteral("retry_after"), seconds);
    }
    return e;
}

} // namespace plaza::net::detail
