// SPDX-License-Identifier: MIT
#pragma once

// The API's types (api-v1.md) and their JSON codecs. Shared by the client and the
// reference server, so both read and write exactly the same shapes.

#include "common/result.h"
#include "protocol/json.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace plaza::protocol {

struct User {
    QString id;
    QString handle;
    QString displayName;
    QString kind = QStringLiteral("person"); //!< "person" | "merchant"
    bool verified = false;
    qint64 followers = 0;
    qint64 following = 0;
    bool followedByMe = false;

    [[nodiscard]] QJsonObject toJson() const;
    //! \a context names the object in errors ("message.sender" for a nested one).
    [[nodiscard]] static Result<User> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("user"));
};

//! The answer of register, login and refresh.
struct AuthTokens {
    User user;
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0; //!< seconds
    QString deviceToken;  //!< this machine as a known device of the user ("" from older servers)

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<AuthTokens> fromJson(const QJsonObject &o);
};

//! One entry of a user's event log.
struct Event {
    qint64 seq = 0;
    QString type;      //!< "message.created", "user.updated", …
    QJsonObject data;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Event> fromJson(const QJsonObject &o);
};

//! The data of every "*.deleted" event: only the id (docs/api.md "Event types and data").
struct Deleted {
    QString id;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Deleted> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("deleted"));
};

//! A paged list: {"items":[T],"next_before":"<id>"|null} (docs/api.md "Conventions").
template<typename T>
struct Page {
    QList<T> items;
    std::optional<QString> nextBefore;

    [[nodiscard]] QJsonObject toJson() const
    {
        QJsonArray list;
        for (const T &item : items)
            list.append(item.toJson());
        return {{QStringLiteral("items"), list}, {QStringLiteral("next_before"), stringOrNull(nextBefore)}};
    }
    [[nodiscard]] static Result<Page> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("page"))
    {
        JsonReader r(o, context);
        Page page;
        page.items = r.template decodeList<T>(QStringLiteral("items"));
        if (const QString before = r.optString(QStringLiteral("next_before")); !before.isNull())
            page.nextBefore = before;
        if (!r.ok())
            return r.error();
        return page;
    }
};

//! GET /v1/sync
struct SyncPage {
    QList<Event> events;
    qint64 nextSince = 0;
    bool hasMore = false;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<SyncPage> fromJson(const QJsonObject &o);
};

//! The error envelope's body: {"error":{"code","message","details"}}.
[[nodiscard]] QJsonObject errorToJson(const Error &error);
//! Reads an error envelope; a Protocol error if the body is not one.
[[nodiscard]] Error errorFromBody(const QByteArray &body, int httpStatus);

//! Handles: ^[a-z0-9_]{3,20}$
[[nodiscard]] bool isValidHandle(QStringView handle);
//! Client ids and idempotency keys: 1–64 of [A-Za-z0-9_-].
[[nodiscard]] bool isValidClientId(QStringView id);
//! A public id as the server issues them ("r_7", "g_12"): the same 1–64 of [A-Za-z0-9_-].
//! Checked before an id goes into a request path, where anything else could name another.
[[nodiscard]] bool isWellFormedId(QStringView id);

//! Limits of api-v1.md, shared by server validation and client forms.
namespace limits {
constexpr qsizetype kMaxBodyBytes = 64 * 1024;
constexpr qsizetype kMaxPostChars = 500;
constexpr qsizetype kMaxMessageChars = 4000;
constexpr qsizetype kMaxNoteChars = 140;
constexpr qsizetype kMinDisplayName = 1;
constexpr qsizetype kMaxDisplayName = 50;
constexpr qsizetype kMinPassword = 8;
constexpr qsizetype kMaxPassword = 128;
constexpr int kMaxPageLimit = 200;
constexpr int kDefaultPageLimit = 50;
constexpr int kMaxSyncLimit = 1000;
// Media (docs/api.md "Media").
constexpr qint64 kMaxUploadBytes = 100 * 1024 * 1024;  //!< one file, as declared when the upload is created
constexpr qsizetype kMaxChunkBytes = 1024 * 1024;      //!< one PUT of an upload's bytes
constexpr int kMaxMessageAttachments = 10;
constexpr int kMaxPostImages = 4;
constexpr qsizetype kMaxAltChars = 1000;
constexpr qsizetype kMaxFileNameChars = 200;
constexpr qint64 kMaxImagePixels = 40'000'000;         //!< width × height a server decodes (bombs are refused)
constexpr int kThumbnailEdge = 320;                    //!< a thumbnail's longer side, in pixels
} // namespace limits

} // namespace plaza::protocol
