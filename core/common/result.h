// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVariantMap>

#include <optional>
#include <utility>
#include <variant>

namespace plaza {

//! Error codes: every code of the API's error table (api-v1.md), plus the ones
//! that only a client can meet (no network, a timeout, a cache that will not open).
enum class ErrorCode {
    // API codes
    InvalidJson,
    ValidationFailed,
    InvalidAmount,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    IdempotencyKeyReused,
    PayloadTooLarge,
    InsufficientFunds,
    LimitExceeded,
    CurrencyMismatch,
    SelfPayment,
    RecipientUnavailable,
    CardDeclined,
    RateLimited,
    ResyncRequired,
    Internal,
    // Client-side codes
    Network,        //!< no connection, refused, reset, DNS
    Timeout,        //!< no answer in time; the request may or may not have taken effect
    Tls,            //!< TLS handshake or certificate error (never ignored)
    Protocol,       //!< the server answered something that is not the API
    Storage,        //!< the local cache failed
    CacheLocked,    //!< the cache key is wrong or missing (SQLITE_NOTADB)
    KeychainUnavailable,
    Cancelled,
    Unknown,
};

//! The API's wire name for \a code ("invalid_json", …); client-only codes have names too.
[[nodiscard]] QString errorCodeName(ErrorCode code);
//! Parses a wire name; unknown names give ErrorCode::Unknown.
[[nodiscard]] ErrorCode errorCodeFromName(QStringView name);

//! An error a user or a program can act on: a code for programs, a message for people.
struct Error {
    ErrorCode code = ErrorCode::Unknown;
    QString message;      //!< English, for logs and as a fallback; the UI translates by code
    QVariantMap details;  //!< e.g. {"field": "handle"}
    int httpStatus = 0;   //!< 0 when the error never reached the server

    [[nodiscard]] QString codeName() const { return errorCodeName(code); }
    [[nodiscard]] QString field() const { return details.value(QStringLiteral("field")).toString(); }
    //! True for errors where retrying the same request later may succeed.
    [[nodiscard]] bool isTransient() const
    {
        return code == ErrorCode::Network || code == ErrorCode::Timeout || code == ErrorCode::RateLimited
            || (httpStatus >= 500 && httpStatus != 501);
    }
    //! True when the server decided: the same request would get the same answer, so an
    //! outbox gives it up instead of retrying. Never true of a transient error; 401 (the
    //! session expired) is about the caller, not the request, and is neither.
    [[nodiscard]] bool isDefinitive() const
    {
        return httpStatus >= 400 && !isTransient() && code != ErrorCode::Unauthorized;
    }
};

//! A value or an Error; small stand-in for std::expected (not in GCC 12's C++20 mode).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) { }
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) { }

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T &value() & { return std::get<0>(m_data); }
    [[nodiscard]] const T &value() const & { return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_data); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

[[nodiscard]] inline Error makeError(ErrorCode code, QString message, QVariantMap details = {})
{
    return Error{code, std::move(message), std::move(details), 0};
}

} // namespace plaza
