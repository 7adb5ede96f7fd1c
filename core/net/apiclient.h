// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/types.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

class QNetworkAccessManager;

namespace plaza::net {

//! Per-request options.
struct RequestOptions {
    //! Sent as the Idempotency-Key header (money movements). The caller stores it
    //! before the first try and passes the same key on every retry.
    QString idempotencyKey;
    std::chrono::milliseconds timeout{15000};
    //! False for auth endpoints: no bearer, no refresh on 401.
    bool authenticated = true;
    //! A 2xx body is kept as bytes in ApiResponse::raw and not parsed here: the caller
    //! decodes it where it likes (a large sync page, off the UI thread). Errors are decoded as usual.
    bool rawBody = false;
    //! Sent as the Step-Up-Token header: a money move the server asked a step-up for
    //! (403, details.reason "step_up_required"), retried with the same Idempotency-Key.
    QString stepUpToken;
    //! Sent as the Range header ("bytes=0-4194303"): part of a file (GET with rawBody).
    QByteArray range;
};

//! A successful (2xx) answer.
struct ApiResponse {
    int status = 0;
    QJsonObject body;      //!< empty for 204, and with RequestOptions::rawBody
    QByteArray raw;        //!< the body as received, with RequestOptions::rawBody only
    bool replayed = false; //!< Idempotent-Replayed: true
};

//! HTTP client for the Plaza API: base URL, bearer token, one transparent refresh
//! on 401, the error envelope turned into a typed Error, timeouts. TLS errors are
//! never ignored. Never logs tokens or bodies. Lives on the thread that created it.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);               //!< "http://127.0.0.1:8480" (no /v1)
    [[nodiscard]] QUrl baseUrl() const;
    //! Trusts \a certificates as roots in addition to the system's (a self-hosted server with
    //! its own CA, tests). Certificate errors are still never ignored.
    void addTrustedCertificates(const QList<QSslCertificate> &certificates);
    //! The TLS settings every request and the WebSocket use.
    [[nodiscard]] QSslConfiguration sslConfiguration() const;
    //! Restores a saved pair (no tokensChanged(): the caller already has them).
    void setTokens(const QString &accessToken, const QString &refreshToken);
    [[nodiscard]] QString accessToken() const;
    [[nodiscard]] QString refreshToken() const;
    [[nodiscard]] bool hasTokens() const;

    //! \a path starts with "/v1/…". A 401 on an authenticated request triggers one
    //! refresh (shared with any other caller) and one retry with the new token; every
    //! other failure is returned as is — retrying is the caller's choice (Error::isTransient(),
    //! the same Idempotency-Key for money). 2xx answers must be a JSON object (or empty).
    QCoro::Task<Result<ApiResponse>> get(QString path, QUrlQuery query = {}, RequestOptions options = {});
    QCoro::Task<Result<ApiResponse>> post(QString path, QJsonObject body, RequestOptions options = {});
    QCoro::Task<Result<ApiResponse>> patch(QString path, QJsonObject body, RequestOptions options = {});
    QCoro::Task<Result<ApiResponse>> del(QString path, RequestOptions options = {});
    //! PUT of raw bytes (application/octet-stream): an upload's chunk.
    QCoro::Task<Result<ApiResponse>> putBytes(QString path, QUrlQuery query, QByteArray bytes, RequestOptions options = {});

    //! POST /v1/auth/register, /login; on success the tokens are set and tokensChanged emitted.
    QCoro::Task<Result<protocol::AuthTokens>> registerAccount(QString handle, QString displayName, QString password);
    //! \a deviceToken: the one an earlier sign-in of this user here was given (a known device
    //! is not slowed down by someone else's failed guesses); "" for none.
    QCoro::Task<Result<protocol::AuthTokens>> login(QString handle, QString password, QString deviceToken = {});
    //! With two-factor on, login() fails with Unauthorized, details.reason "totp_required"
    //! and details.challenge: this is the second step, with the authenticator's \a code or
    //! else a \a recoveryCode (POST /v1/auth/login/totp). On success like login().
    QCoro::Task<Result<protocol::AuthTokens>> loginWithCode(QString challenge, QString code, QString recoveryCode,
                                                            QString deviceToken = {});
    //! POST /v1/auth/logout, then forgets the tokens (even if the server cannot be reached).
    QCoro::Task<Status> logout();

    //! Exchanges the refresh token for a new pair (POST /v1/auth/refresh) and emits
    //! tokensChanged(). Concurrent callers share one refresh: the server rotates the
    //! refresh token, so a second exchange of the same token would be refused. A refusal
    //! (4xx) forgets the tokens and emits sessionExpired(); a network failure keeps them.
    //! Requests refresh by themselves on 401; WsSession calls this after a 4401 close.
    QCoro::Task<Status> refreshTokens();

    //! The WebSocket URL for /v1/ws (ws:// or wss:// from the base URL).
    [[nodiscard]] QUrl webSocketUrl() const;

Q_SIGNALS:
    //! New tokens (login, register or a refresh): the owner persists them (encrypted cache).
    void tokensChanged(const QString &accessToken, const QString &refreshToken);
    //! The refresh token was refused: the user must sign in again.
    void sessionExpired();
    //! Reachability as seen by HTTP: false after a network error, true after any answer.
    void reachableChanged(bool reachable);
    //! One exchange with the server ended (answered or failed), for \a path (no query):
    //! lets a caller wait for an answer it will ignore, such as a superseded search.
    void requestFinished(const QString &path);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace plaza::net
