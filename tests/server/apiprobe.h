// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace plaza::test {

//! One HTTP answer, read completely.
struct ApiReply {
    int status = 0;                 //!< 0 when no HTTP answer came (network or TLS error)
    QByteArray body;
    QJsonObject json;               //!< the body when it is a JSON object
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;           //!< empty when an HTTP answer came

    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    //! error.code / error.message / error.details.field of the envelope.
    [[nodiscard]] QString errorCode() const;
    [[nodiscard]] QString errorMessage() const;
    [[nodiscard]] QString errorField() const;
    //! True if the body is exactly the envelope: {"error":{"code":string,"message":string,"details":object}}.
    [[nodiscard]] bool isEnvelope() const;
};

//! An account made for a test.
struct TestAccount {
    QString id;
    QString handle;
    QString accessToken;
    QString refreshToken;
};

//! One request for ApiProbe::sendConcurrently().
struct ApiRequest {
    QByteArray verb;
    QString pathAndQuery;
    QByteArray body;
    QString token;
    QList<QPair<QByteArray, QByteArray>> headers;
};

//! A small synchronous client for the Plaza API: each call sends one request and
//! waits (event loop running) for the whole answer. Tests only.
class ApiProbe
{
public:
    explicit ApiProbe(QUrl base);

    //! For HTTPS against a server with a self-signed certificate.
    void setSslConfiguration(const QSslConfiguration &config) { m_ssl = config; }

    ApiReply get(const QString &pathAndQuery, const QString &token = {});
    ApiReply post(const QString &path, const QJsonObject &body, const QString &token = {});
    ApiReply del(const QString &path, const QString &token = {});
    //! Any verb, any raw body (malformed JSON, huge bodies).
    ApiReply send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                  const QString &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {});

    //! Sends all \a requests at once, each over its own connection (its own network
    //! access manager), and waits for every answer; replies in the order of \a requests.
    QList<ApiReply> sendConcurrently(const QList<ApiRequest> &requests);
    //! The same, request i sent to \a bases[i] (another server's http://host:port) when
    //! that is valid, else to this probe's server.
    QList<ApiReply> sendConcurrently(const QList<ApiRequest> &requests, const QList<QUrl> &bases);

    //! Registers \a handle (display name and password derived from it unless given);
    //! fails the current test (QVERIFY-style, returns an empty account) on error.
    TestAccount registerAccount(const QString &handle, const QString &displayName = {},
                                const QString &password = QStringLiteral("correct horse battery"));

private:
    [[nodiscard]] QNetworkRequest makeRequest(const QString &pathAndQuery, const QString &token,
                                              const QList<QPair<QByteArray, QByteArray>> &headers) const;
    [[nodiscard]] static ApiReply readReply(QNetworkReply *reply);

    QUrl m_base;
    QNetworkAccessManager m_nam;
    QSslConfiguration m_ssl;
};

} // namespace plaza::test
