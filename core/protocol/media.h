// SPDX-License-Identifier: MIT
#pragma once

// Media's resources (docs/api.md "Media"): a resumable upload while its bytes arrive, the
// file it becomes (what the server found in the bytes, not what the client declared), and
// a file attached to a message or a post with its alt text. Strict like every codec here.

#include "protocol/types.h"

namespace plaza::protocol {

//! An upload in progress: {"id","size","offset","sha256","expires_at"}. The bytes go in
//! chunks at explicit offsets; "offset" is how many the server holds.
struct Upload {
    QString id;
    qint64 size = 0;
    qint64 offset = 0;
    QString sha256; //!< as declared: lower-case hex of the whole file
    QDateTime expiresAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Upload> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("upload"));
};

//! A finished file: {"id","kind","mime","name","size","sha256","width","height","thumbnail"}.
//! "mime" is the type sniffed from the bytes; an image's metadata is gone and its bytes are
//! the server's re-encoding, so "size" and "sha256" are those of what a download returns.
struct Media {
    QString id;
    QString kind = QStringLiteral("file"); //!< "image" | "file"
    QString mime;
    QString name;       //!< sanitised file name
    qint64 size = 0;
    QString sha256;
    int width = 0;      //!< images only (0 for files)
    int height = 0;
    bool thumbnail = false; //!< GET /v1/media/{id}/thumbnail exists

    [[nodiscard]] bool isImage() const { return kind == u"image"; }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Media> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("media"));
};

//! A file attached to a message or a post: {"media": Media, "alt": string|null}.
struct Attachment {
    Media media;
    QString alt; //!< null when none (at most kMaxAltChars)

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Attachment> fromJson(const QJsonObject &o,
                                                     const QString &context = QStringLiteral("attachment"));
};

//! What a client sends to attach: {"media_id","alt"?}.
struct AttachmentRef {
    QString mediaId;
    QString alt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<AttachmentRef> fromJson(const QJsonObject &o,
                                                        const QString &context = QStringLiteral("attachment"));
};

[[nodiscard]] QJsonArray attachmentsToJson(const QList<Attachment> &list);

//! A lower-case hex SHA-256 (64 characters).
[[nodiscard]] bool isSha256Hex(const QString &text);

} // namespace plaza::protocol
