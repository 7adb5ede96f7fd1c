// SPDX-License-Identifier: MIT
#include "protocol/media.h"

namespace plaza::protocol {

bool isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

namespace {

//! What every file description must say right: its size and its hash.
void checkSizeAndHash(JsonReader &r, qint64 size, const QString &sha256)
{
    if (r.ok() && (size < 1 || size > limits::kMaxUploadBytes))
        r.fail(QStringLiteral("size"), QStringLiteral("must be 1 to %1 bytes").arg(limits::kMaxUploadBytes));
    if (r.ok() && !isSha256Hex(sha256))
        r.fail(QStringLiteral("sha256"), QStringLiteral("must be 64 lower-case hex digits"));
}

} // namespace

QJsonObject Upload::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("size"), size},
            {QStringLiteral("offset"), offset},
            {QStringLiteral("sha256"), sha256},
            {QStringLiteral("expires_at"), formatTime(expiresAt)}};
}

Result<Upload> Upload::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Upload u;
    u.id = r.string(QStringLiteral("id"));
    u.size = r.integer(QStringLiteral("size"));
    u.offset = r.integer(QStringLiteral("offset"));
    u.sha256 = r.string(QStringLiteral("sha256"));
    u.expiresAt = r.time(QStringLiteral("expires_at"));
    checkSizeAndHash(r, u.size, u.sha256);
    if (r.ok() && (u.offset < 0 || u.offset > u.size))
        r.fail(QStringLiteral("offset"), QStringLiteral("must be between 0 and size"));
    if (!r.ok())
        return r.error();
    return u;
}

QJsonObject Media::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("mime"), mime},
            {QStringLiteral("name"), name},
            {QStringLiteral("size"), size},
            {QStringLiteral("sha256"), sha256},
            {QStringLiteral("width"), width},
            {QStringLiteral("height"), height},
            {QStringLiteral("thumbnail"), thumbnail}};
}

Result<Media> Media::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Media m;
    m.id = r.string(QStringLiteral("id"));
    m.kind = r.oneOf(QStringLiteral("kind"), {QStringLiteral("image"), QStringLiteral("file")});
    m.mime = r.string(QStringLiteral("mime"));
    m.name = r.string(QStringLiteral("name"));
    m.size = r.integer(QStringLiteral("size"));
    m.sha256 = r.string(QStringLiteral("sha256"));
    const qint64 width = r.integer(QStringLiteral("width"));
    const qint64 height = r.integer(QStringLiteral("height"));
    m.thumbnail = r.boolean(QStringLiteral("thumbnail"));
    checkSizeAndHash(r, m.size, m.sha256);
    if (r.ok() && (width < 0 || height < 0 || width * height > limits::kMaxImagePixels))
        r.fail(QStringLiteral("width"), QStringLiteral("width and height must be 0 or a size the server decodes"));
    if (r.ok() && m.isImage() && (width == 0 || height == 0))
        r.fail(QStringLiteral("width"), QStringLiteral("an image has a width and a height"));
    if (!r.ok())
        return r.error();
    m.width = int(width);
    m.height = int(height);
    return m;
}

QJsonObject Attachment::toJson() const
{
    return {{QStringLiteral("media"), media.toJson()}, {QStringLiteral("alt"), alt.isNull() ? QJsonValue() : QJsonValue(alt)}};
}

Result<Attachment> Attachment::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Attachment a;
    a.media = r.decode<Media>(QStringLiteral("media"));
    a.alt = r.optString(QStringLiteral("alt"));
    if (r.ok() && a.alt.size() > limits::kMaxAltChars)
        r.fail(QStringLiteral("alt"), QStringLiteral("must be at most %1 characters").arg(limits::kMaxAltChars));
    if (!r.ok())
        return r.error();
    return a;
}

QJsonObject AttachmentRef::toJson() const
{
    QJsonObject o{{QStringLiteral("media_id"), mediaId}};
    if (!alt.isEmpty())
        o.insert(QStringLiteral("alt"), alt);
    return o;
}

Result<AttachmentRef> AttachmentRef::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    AttachmentRef a;
    a.mediaId = r.string(QStringLiteral("media_id"));
    a.alt = r.optString(QStringLiteral("alt"));
    if (r.ok() && a.alt.size() > limits::kMaxAltChars)
        r.fail(QStringLiteral("alt"), QStringLiteral("must be at most %1 characters").arg(limits::kMaxAltChars));
    if (!r.ok())
        return r.error();
    return a;
}

QJsonArray attachmentsToJson(const QList<Attachment> &list)
{
    QJsonArray out;
    for (const Attachment &a : list)
        out.append(a.toJson());
    return out;
}

} // namespace plaza::protocol
