// SPDX-License-Identifier: MIT
#include "types.h"

#include <QRegularExpression>

namespace plaza::protocol {

QJsonObject User::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("handle"), handle},
        {QStringLiteral("display_name"), displayName},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("verified"), verified},
        {QStringLiteral("followers"), followers},
        {QStringLiteral("following"), following},
        {QStringLiteral("followed_by_me"), followedByMe},
    };
}

Result<User> User::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    User u;
    u.id = r.string(QStringLiteral("id"));
    u.handle = r.string(QStringLiteral("handle"));
    u.displayName = r.string(QStringLiteral("display_name"));
    u.kind = r.string(QStringLiteral("kind"));
    u.verified = r.boolean(QStringLiteral("verified"));
    u.followers = r.integer(QStringLiteral("followers"));
    u.following = r.integer(QStringLiteral("following"));
    u.followedByMe = r.boolean(QStringLiteral("followed_by_me"));
    if (r.ok() && u.kind != u"person" && u.kind != u"merchant")
        r.fail(QStringLiteral("kind"), QStringLiteral("must be \"person\" or \"merchant\""));
    if (!r.ok())
        return r.error();
    return u;
}

QJsonObject AuthTokens::toJson() const
{
    QJsonObject o{
        {QStringLiteral("user"), user.toJson()},
        {QStringLiteral("access_token"), accessToken},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("expires_in"), expiresIn},
    };
    if (!deviceToken.isEmpty())
        o.insert(QStringLiteral("device_token"), deviceToken);
    return o;
}

Result<AuthTokens> AuthTokens::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    AuthTokens t;
    const QJsonObject user = r.object(QStringLiteral("user"));
    t.accessToken = r.string(QStringLiteral("access_token"));
    t.refreshToken = r.string(QStringLiteral("refresh_token"));
    t.expiresIn = r.integer(QStringLiteral("expires_in"));
    t.deviceToken = r.optString(QStringLiteral("device_token"));
    if (!r.ok())
        return r.error();
    auto u = User::fromJson(user);
    if (!u)
        return u.error();
    t.user = *u;
    return t;
}

QJsonObject Event::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
}

Result<Event> Event::fromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("event"));
    Event e;
    e.seq = r.integer(QStringLiteral("seq"));
    e.type = r.string(QStringLiteral("type"));
    e.data = r.object(QStringLiteral("data"));
    if (r.ok() && e.seq <= 0)
        r.fail(QStringLiteral("seq"), QStringLiteral("must be positive"));
    if (!r.ok())
        return r.error();
    return e;
}

QJsonObject Deleted::toJson() const
{
    return {{QStringLiteral("id"), id}};
}

Result<Deleted> Deleted::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Deleted d;
    d.id = r.string(QStringLiteral("id"));
    if (!r.ok())
        return r.error();
    return d;
}

QJsonObject SyncPage::toJson() const
{
    QJsonArray list;
    for (const Event &e : events)
        list.append(e.toJson());
    return {{QStringLiteral("events"), list},
            {QStringLiteral("next_since"), nextSince},
            {QStringLiteral("has_more"), hasMore}};
}

Result<SyncPage> SyncPage::fromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("sync"));
    SyncPage page;
    const QJsonArray list = r.array(QStringLiteral("events"));
    page.nextSince = r.integer(QStringLiteral("next_since"));
    page.hasMore = r.boolean(QStringLiteral("has_more"));
    if (!r.ok())
        return r.error();
    page.events.reserve(list.size());
    for (const QJsonValue &v : list) {
        if (!v.isObject())
            return makeError(ErrorCode::ValidationFailed, QStringLiteral("sync.events: every event must be an object"));
        auto e = Event::fromJson(v.toObject());
        if (!e)
            return e.error();
        page.events.append(*e);
    }
    return page;
}

QJsonObject errorToJson(const Error &error)
{
    QJsonObject inner{{QStringLiteral("code"), error.codeName()}, {QStringLiteral("message"), error.message}};
    inner.insert(QStringLiteral("details"), QJsonObject::fromVariantMap(error.details));
    return {{QStringLiteral("error"), inner}};
}

Error errorFromBody(const QByteArray &body, int httpStatus)
{
    auto parsed = parseObject(body);
    Error e;
    e.httpStatus = httpStatus;
    if (parsed && parsed->value(QStringLiteral("error")).isObject()) {
        const QJsonObject inner = parsed->value(QStringLiteral("error")).toObject();
        e.code = errorCodeFromName(inner.value(QStringLiteral("code")).toString());
        e.message = inner.value(QStringLiteral("message")).toString();
        e.details = inner.value(QStringLiteral("details")).toObject().toVariantMap();
        return e;
    }
    e.code = httpStatus >= 500 ? ErrorCode::Internal : ErrorCode::Protocol;
    e.message = QStringLiteral("The server answered %1 without an error body.").arg(httpStatus);
    return e;
}

bool isValidHandle(QStringView handle)
{
    // anchoredPattern: "$" alone would also match before a trailing newline.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9_]{3,20}")));
    return re.match(handle).hasMatch();
}

bool isValidClientId(QStringView id)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]{1,64}")));
    return re.match(id).hasMatch();
}

bool isWellFormedId(QStringView id)
{
    return isValidClientId(id); // the same shape
}

} // namespace plaza::protocol
