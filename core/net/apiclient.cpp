// SPDX-License-Identifier: MIT
#include "apiclient.h"
#include "plazaversion.h"

#include "common/logging.h"
#include "net/replydecoder.h"
#include "protocol/endpoints.h"

#include <QCoroFuture>
#include <QCoroNetworkReply>
#include <QElapsedTimer>
#include <QFuture>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QSysInfo>

#include <memory>
#include <optional>

namespace plaza::net {

namespace {

enum class Method { Get, Post, Patch, Put, Delete };

QByteArray verb(Method method)
{
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return {};
}

Error cancelledError()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("The client was shut down before the answer came."));
}

struct ReplyDeleter {
    void operator()(QNetworkReply *reply) const { reply->deleteLater(); }
};
using ReplyPtr = std::unique_ptr<QNetworkReply, ReplyDeleter>;

} // namespace

struct ApiClient::Private {
    explicit Private(ApiClient *owner) : q(owner) { }

    ApiClient *q;
    QNetworkAccessManager nam;
    QUrl baseUrl;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QString accessToken;
    QString refreshToken;
    //! The refresh in flight, shared by every request that meets a 401 meanwhile.
    std::optional<QFuture<Status>> refreshing;
    std::optional<bool> reachable;
    //! Set in the destructor: coroutines resumed by the aborted replies must not touch q.
    bool shuttingDown = false;

    QUrl urlFor(const QString &path, const QUrlQuery &query) const;
    //! One HTTP exchange with the current tokens, no refresh.
    QCoro::Task<Result<ApiResponse>> sendOnce(Method method, QString path, QUrlQuery query, QByteArray body,
                                              RequestOptions options, QString bearer);
    //! sendOnce, then on 401 one refresh (shared) and one retry.
    QCoro::Task<Result<ApiResponse>> send(Method method, QString path, QUrlQuery query, QByteArray body,
                                          RequestOptions options);
    QCoro::Task<Result<protocol::AuthTokens>> authenticate(QString path, QJsonObject body);
    QCoro::Task<Status> doRefresh();
    void setReachable(bool value);
    void adoptTokens(const protocol::AuthTokens &tokens);
};

QUrl ApiClient::Private::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    // Paths come from protocol::endpoints with their ids percent-encoded: keep them so
    // (the default mode would encode the '%' again).
    url.setPath(basePath + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void ApiClient::Private::setReachable(bool value)
{
    if (reachable == value)
        return;
    reachable = value;
    Q_EMIT q->reachableChanged(value);
}

void ApiClient::Private::adoptTokens(const protocol::AuthTokens &tokens)
{
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    Q_EMIT q->tokensChanged(accessToken, refreshToken);
}

QCoro::Task<Result<ApiResponse>> ApiClient::Private::sendOnce(Method method, QString path, QUrlQuery query,
                                                              QByteArray body, RequestOptions options,
                                                              QString bearer)
{
    // A server address typed without a scheme would otherwise fail as an unreadable answer.
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (baseUrl.scheme() != u"http" && baseUrl.scheme() != u"https")) {
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("The server address must start with http:// or https://."),
                            {{QStringLiteral("field"), QStringLiteral("server_url")}});
    }
    QNetworkRequest request(urlFor(path, query));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Plaza/" PLAZA_VERSION));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (method == Method::Post || method == Method::Patch)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    else if (method == Method::Put)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    if (!options.range.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Range"), options.range);
    if (options.authenticated && !bearer.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + bearer.toUtf8());
    if (!options.idempotencyKey.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), options.idempotencyKey.toUtf8());
    if (!options.stepUpToken.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Step-Up-Token"), options.stepUpToken.toUtf8());
    // The API never redirects; following one could carry the bearer to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(options.timeout.count()));
    if (request.url().scheme() == u"https")
        request.setSslConfiguration(ssl);

    QElapsedTimer elapsed;
    elapsed.start();
    const QByteArray methodName = verb(method);
    ReplyPtr reply(nam.sendCustomRequest(request, methodName, body));
    // TLS errors are never ignored: sslErrors() is left unanswered, so the handshake fails
    // and the reply ends with SslHandshakeFailedError. Only the fact is logged, never the chain.
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(), [methodName, path](const QList<QSslError> &errors) {
        qCWarning(lcNet) << "TLS error on" << methodName << path << "-" << errors.size() << "certificate problem(s)";
    });
    co_await reply.get();
    if (shuttingDown)
        co_return cancelledError();
    Q_EMIT q->requestFinished(path);

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        Error error = detail::transportError(reply->error(), reply->errorString());
        qCDebug(lcNet).nospace() << methodName << " " << path << " -> " << error.codeName() << " ("
                                 << elapsed.elapsed() << " ms)";
        if (error.code == ErrorCode::Network || error.code == ErrorCode::Timeout)
            setReachable(false);
        co_return error;
    }
    setReachable(true);

    detail::HttpAnswer answer;
    answer.status = statusAttribute.toInt();
    answer.body = reply->readAll();
    answer.replayed = reply->rawHeader(QByteArrayLiteral("Idempotent-Replayed")).trimmed().toLower() == "true";
    answer.retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
    qCDebug(lcNet).nospace() << methodName << " " << path << " -> " << answer.status << " (" << elapsed.elapsed()
                             << " ms)";
    co_return detail::decodeAnswer(answer, options.rawBody);
}

QCoro::Task<Result<ApiResponse>> ApiClient::Private::send(Method method, QString path, QUrlQuery query,
                                                          QByteArray body, RequestOptions options)
{
    const QString usedToken = accessToken;
    auto result = co_await sendOnce(method, path, query, body, options, usedToken);
    if (shuttingDown || result.ok() || !options.authenticated || result.error().httpStatus != 401)
        co_return result;
    if (refreshToken.isEmpty())
        co_return result;

    // Another request may have refreshed while this one was on the wire: then its 401 was
    // for the old token and a retry with the new one is all it needs. Otherwise refresh,
    // sharing a refresh already under way.
    if (accessToken == usedToken) {
        const Status refreshed = co_await q->refreshTokens();
        if (shuttingDown)
            co_return cancelledError();
        if (!refreshed) {
            // A transient failure of the refresh is the more useful answer (retry later);
            // a refused refresh leaves the original 401.
            if (refreshed.error().isTransient())
                co_return refreshed.error();
            co_return result;
        }
    }
    if (accessToken.isEmpty())
        co_return result;
    co_return co_await sendOnce(method, path, query, body, options, accessToken);
}

QCoro::Task<Status> ApiClient::Private::doRefresh()
{
    RequestOptions options;
    options.authenticated = false;
    const QJsonObject body{{QStringLiteral("refresh_token"), refreshToken}};
    auto result = co_await sendOnce(Method::Post, protocol::endpoints::authRefresh(), {},
                                    QJsonDocument(body).toJson(QJsonDocument::Compact), options, {});
    if (shuttingDown)
        co_return cancelledError();
    if (!result) {
        const Error &error = result.error();
        // Any 4xx means the server will not take this refresh token again: the user must
        // sign in. Network trouble and 5xx keep the tokens for a later try.
        if (error.httpStatus >= 400 && error.httpStatus < 500) {
            qCInfo(lcNet) << "refresh refused:" << error.codeName() << "- the session has expired";
            accessToken.clear();
            refreshToken.clear();
            Q_EMIT q->sessionExpired();
        } else {
            qCInfo(lcNet) << "refresh failed:" << error.codeName();
        }
        co_return error;
    }
    auto tokens = protocol::AuthTokens::fromJson(result->body);
    if (!tokens) {
        Error error = tokens.error();
        error.code = ErrorCode::Protocol;
        co_return error;
    }
    qCDebug(lcNet) << "tokens refreshed";
    adoptTokens(*tokens);
    co_return Status{};
}

QCoro::Task<Result<protocol::AuthTokens>> ApiClient::Private::authenticate(QString path, QJsonObject body)
{
    RequestOptions options;
    options.authenticated = false;
    auto result = co_await sendOnce(Method::Post, path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                    options, {});
    if (shuttingDown)
        co_return cancelledError();
    if (!result)
        co_return result.error();
    auto tokens = protocol::AuthTokens::fromJson(result->body);
    if (!tokens) {
        Error error = tokens.error();
        error.code = ErrorCode::Protocol;
        error.httpStatus = result->status;
        co_return error;
    }
    adoptTokens(*tokens);
    co_return std::move(*tokens);
}

ApiClient::ApiClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    // Plaza talks to one server on one account; cookies would be a second, hidden session.
    d->nam.setCookieJar(nullptr);
}

ApiClient::~ApiClient()
{
    // Let every waiting coroutine finish with Cancelled instead of leaving it suspended forever.
    d->shuttingDown = true;
    const auto replies = d->nam.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        if (reply->isRunning())
            reply->abort();
    }
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    d->baseUrl = url;
    d->reachable.reset();
}

QUrl ApiClient::baseUrl() const
{
    return d->baseUrl;
}

void ApiClient::addTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    d->ssl.addCaCertificates(certificates);
}

QSslConfiguration ApiClient::sslConfiguration() const
{
    return d->ssl;
}

void ApiClient::setTokens(const QString &accessToken, const QString &refreshToken)
{
    d->accessToken = accessToken;
    d->refreshToken = refreshToken;
}

QString ApiClient::accessToken() const
{
    return d->accessToken;
}

QString ApiClient::refreshToken() const
{
    return d->refreshToken;
}

bool ApiClient::hasTokens() const
{
    return !d->accessToken.isEmpty() && !d->refreshToken.isEmpty();
}

QCoro::Task<Result<ApiResponse>> ApiClient::get(QString path, QUrlQuery query, RequestOptions options)
{
    return d->send(Method::Get, std::move(path), std::move(query), {}, std::move(options));
}

QCoro::Task<Result<ApiResponse>> ApiClient::post(QString path, QJsonObject body, RequestOptions options)
{
    return d->send(Method::Post, std::move(path), {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   std::move(options));
}

QCoro::Task<Result<ApiResponse>> ApiClient::patch(QString path, QJsonObject body, RequestOptions options)
{
    return d->send(Method::Patch, std::move(path), {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   std::move(options));
}

QCoro::Task<Result<ApiResponse>> ApiClient::putBytes(QString path, QUrlQuery query, QByteArray bytes, RequestOptions options)
{
    return d->send(Method::Put, std::move(path), std::move(query), std::move(bytes), std::move(options));
}

QCoro::Task<Result<ApiResponse>> ApiClient::del(QString path, RequestOptions options)
{
    return d->send(Method::Delete, std::move(path), {}, {}, std::move(options));
}

namespace {

// What a sign-in says about this machine, for the account's sessions list (docs/api.md
// "Sessions"): the host's name and the OS, within the server's 64 characters.
void describeDevice(QJsonObject &body)
{
    constexpr qsizetype kMax = 64;
    const QString name = QSysInfo::machineHostName().simplified().left(kMax);
    const QString platform = QSysInfo::prettyProductName().simplified().left(kMax);
    if (!name.isEmpty())
        body.insert(QStringLiteral("device_name"), name);
    if (!platform.isEmpty())
        body.insert(QStringLiteral("platform"), platform);
}

} // namespace

QCoro::Task<Result<protocol::AuthTokens>> ApiClient::registerAccount(QString handle, QString displayName,
                                                                     QString password)
{
    QJsonObject body{{QStringLiteral("handle"), handle},
                     {QStringLiteral("display_name"), displayName},
                     {QStringLiteral("password"), password}};
    describeDevice(body);
    return d->authenticate(protocol::endpoints::authRegister(), body);
}

QCoro::Task<Result<protocol::AuthTokens>> ApiClient::login(QString handle, QString password, QString deviceToken)
{
    QJsonObject body{{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}};
    if (!deviceToken.isEmpty())
        body.insert(QStringLiteral("device_token"), deviceToken);
    describeDevice(body);
    return d->authenticate(protocol::endpoints::authLogin(), body);
}

QCoro::Task<Result<protocol::AuthTokens>> ApiClient::loginWithCode(QString challenge, QString code, QString recoveryCode,
                                                                   QString deviceToken)
{
    QJsonObject body{{QStringLiteral("challenge"), challenge}};
    if (!code.trimmed().isEmpty())
        body.insert(QStringLiteral("code"), code.trimmed());
    else
        body.insert(QStringLiteral("recovery_code"), recoveryCode.trimmed());
    if (!deviceToken.isEmpty())
        body.insert(QStringLiteral("device_token"), deviceToken);
    return d->authenticate(protocol::endpoints::authLoginTotp(), body);
}

QCoro::Task<Status> ApiClient::logout()
{
    // No refresh here: an expired token is as good as a logout, and a refresh would only
    // mint a pair to throw away.
    RequestOptions options;
    options.timeout = std::chrono::seconds(5);
    auto result = co_await d->sendOnce(Method::Post, protocol::endpoints::authLogout(), {}, {}, options,
                                       d->accessToken);
    if (d->shuttingDown)
        co_return cancelledError();
    d->accessToken.clear();
    d->refreshToken.clear();
    if (!result && result.error().httpStatus != 401)
        co_return result.error();
    co_return Status{};
}

QCoro::Task<Status> ApiClient::refreshTokens()
{
    if (d->refreshing) {
        const QFuture<Status> pending = *d->refreshing;
        const Status status = co_await pending;
        co_return status;
    }
    if (d->refreshToken.isEmpty())
        co_return makeError(ErrorCode::Unauthorized, QStringLiteral("There is no session to refresh."));

    QPromise<Status> promise;
    promise.start();
    d->refreshing = promise.future();
    const Status status = co_await d->doRefresh();
    if (!d->shuttingDown)
        d->refreshing.reset();
    promise.addResult(status);
    promise.finish();
    co_return status;
}

QUrl ApiClient::webSocketUrl() const
{
    QUrl url = d->urlFor(protocol::endpoints::webSocket(), {});
    url.setScheme(url.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    return url;
}

} // namespace plaza::net
