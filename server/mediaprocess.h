// SPDX-License-Identifier: MIT
#pragma once

// What a finished upload becomes, worked out from its bytes alone (docs/api.md "Media"):
// pure work with no database, run on the worker pool. Nothing the client declared is
// trusted: the type is sniffed from the bytes, an image is decoded with a pixel limit (a
// decompression bomb is refused before any pixel is allocated) and re-encoded by the server,
// which drops EXIF, GPS and every other metadata chunk, and the file name is sanitised.

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace plaza::server::media {

//! The type of a file by its first bytes. \a imageFormat is the Qt image format for the
//! images the server decodes ("png", "jpeg", "gif", "webp"), empty for any other file.
struct Sniffed {
    QString mime;
    QByteArray imageFormat;
};
[[nodiscard]] Sniffed sniff(QByteArrayView head);

//! A file name safe to show and to save: no folders, no control or reserved characters, no
//! leading dots, at most protocol::limits::kMaxFileNameChars characters (keeping the
//! extension); "file" when nothing is left.
[[nodiscard]] QString sanitizeFileName(const QString &name);

//! The lower-case hex SHA-256 of a file's bytes, or an error if it cannot be read.
[[nodiscard]] Result<QString> sha256OfFile(const QString &path);

//! The outcome of finishing an upload: the file to keep (at filePath, hashed) and, for an
//! image, its size and a thumbnail (at thumbPath).
struct Processed {
    QString kind;  //!< "image" | "file"
    QString mime;
    QString name;
    QString filePath;
    QString sha256;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    QString thumbPath; //!< empty for a file
    QString thumbSha256;
    QString thumbMime;
};

//! Checks the bytes at \a partPath against \a declaredSha256 and \a declaredSize, sniffs them,
//! and for an image writes the re-encoded image to \a imagePath and its thumbnail to
//! \a thumbPath; a plain file is kept as it is (filePath = \a partPath). Errors:
//! ValidationFailed (sha256, size, or an "image" that does not decode), PayloadTooLarge
//! (more pixels than protocol::limits::kMaxImagePixels).
[[nodiscard]] Result<Processed> process(const QString &partPath, qint64 declaredSize, const QString &declaredSha256,
                                        const QString &name, const QString &imagePath, const QString &thumbPath);

} // namespace plaza::server::media
