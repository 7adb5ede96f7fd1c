// SPDX-License-Identifier: MIT
#include "apiprobe.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace plaza::test {

QByteArray ApiReply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString ApiReply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString ApiReply::errorMessage() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

QString ApiReply::errorField() const
{
    return json.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("details"))
        .toObject()
        .value(QStringLiteral("field"))
        .toString();
}

bool ApiReply::isEnvelope() const
{
    if (json.size() != 1 || !json.value(QStringLiteral("error")).isObject())
        return false;
    const QJsonObject e = json.value(QStringLiteral("error")).toObject();
    return e.value(QStringLiteral("code")).isString() && !e.value(QStringLiteral("code")).toString().isEmpty()
        && e.value(QStringLiteral("message")).isString() && e.value(QStringLiteral("details")).isObject();
}

ApiProbe::ApiProbe(QUrl base) : m_base(std::move(base)), m_ssl(QSslConfiguration::defaultConfiguration()) { }

ApiReply ApiProbe::get(const QString &pathAndQuery, const QString &token)
{
    return send(QByteArrayLiteral("GET"), pathAndQuery, {}, token);
}

ApiReply ApiProbe::post(const QString &path, const QJsonObject &body, const QString &token)
{
    return send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

ApiReply ApiProbe::del(const QString &path, const QString &token)
{
    return send(QByteArrayLiteral("DELETE"), path, {}, token);
}

QNetworkRequest ApiProbe::makeRequest(const QString &pathAndQuery, const QString &token,
                                      const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    QUrl url = m_base;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1());
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    return request;
}

ApiReply ApiProbe::readReply(QNetworkReply *reply)
{
    ApiReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (result.status == 0)
        result.networkError = reply->errorString();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

ApiReply ApiProbe::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                        const QString &token, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkReply *reply = m_nam.sendCustomRequest(makeRequest(pathAndQuery, token, headers), verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    return readReply(reply);
}

QList<ApiReply> ApiProbe::sendConcurrently(const QList<ApiRequest> &requests)
{
    return sendConcurrently(requests, {});
}

QList<ApiReply> ApiProbe::sendConcurrently(const QList<ApiRequest> &requests, const QList<QUrl> &bases)
{
    // One manager per request: a manager shares at most six connections per host, and
    // the point is that every request arrives on a connection of its own.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply *> replies;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const ApiRequest &r = requests.at(i);
        const QUrl base = i < bases.size() ? bases.at(i) : QUrl();
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request = makeRequest(r.pathAndQuery, r.token, r.headers);
        if (base.isValid()) {
            QUrl url = request.url();
            url.setScheme(base.scheme());
            url.setHost(base.host());
            url.setPort(base.port());
            request.setUrl(url);
        }
        replies.append(managers.back()->sendCustomRequest(request, r.verb, r.body));
    }
    const bool allFinished = QTest::qWaitFor([&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }); },
                    30000);
    if (!allFinished)
        QTest::qFail("not every concurrent request was answered within 30 s", __FILE__, __LINE__);
    QList<ApiReply> answers;
    for (QNetworkReply *reply : std::as_const(replies))
        answers.append(readReply(reply));
    return answers;
}

TestAccount ApiProbe::registerAccount(const QString &handle, const QString &displayName, const QString &password)
{
    const ApiReply r = post(QStringLiteral("/v1/auth/register"),
                            {{QStringLiteral("handle"), handle},
                             {QStringLiteral("display_name"), displayName.isEmpty() ? handle : displayName},
                             {QStringLiteral("password"), password}});
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("register %1: %2 %3").arg(handle).arg(r.status).arg(QString::fromUtf8(r.body))),
                     __FILE__, __LINE__);
        return {};
    }
    return TestAccount{r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(), handle,
                       r.json.value(QStringLiteral("access_token")).toString(),
                       r.json.value(QStringLiteral("refresh_token")).toString()};
}

} // namespace plaza::test
