// SPDX-License-Identifier: MIT
#pragma once

// How an HTTP exchange becomes an ApiResponse or a typed Error. Kept apart from
// ApiClient and free of QNetworkReply objects so that the mapping can be tested
// without a network.

#include "net/apiclient.h"

#include <QByteArray>
#include <QNetworkReply>

namespace plaza::net::detail {

//! The error for a request that got no HTTP answer at all.
//! \a error is QNetworkReply::error(); \a detail its errorString(), kept for logs only.
//! Refused/reset/unreachable → Network, no answer in time → Timeout, any TLS failure → Tls.
[[nodiscard]] Error transportError(QNetworkReply::NetworkError error, const QString &detail);

//! What the server answered: status, body and the headers the API defines.
struct HttpAnswer {
    int status = 0;
    QByteArray body;
    bool replayed = false;  //!< Idempotent-Replayed: true
    QByteArray retryAfter;  //!< Retry-After (seconds), on 429
};

//! A 2xx with a JSON object (or an empty body) → ApiResponse; a 2xx with anything
//! else → Protocol. A non-2xx → the error envelope's typed Error (details.retry_after
//! in seconds is added for 429 when the header says so). With \a keepRaw a 2xx body is not
//! parsed: it goes to ApiResponse::raw as is (RequestOptions::rawBody).
[[nodiscard]] Result<ApiResponse> decodeAnswer(const HttpAnswer &answer, bool keepRaw = false);

} // namespace plaza::net::detail
