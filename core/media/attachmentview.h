// SPDX-License-Identifier: MIT
#pragma once

// A message's files or a post's images as QML shows them. The cache keeps them as the
// server sent them (protocol::attachmentsToJson); a list model turns that text into maps
// only when a delegate asks, so a row that is never shown never parses it.

#include <QString>
#include <QVariantList>

namespace plaza::media {

//! [{id, image, mime, name, size, sha256, width, height, alt}] from the cached JSON (empty for
//! none, or for text that is not a valid list: an old cache cannot break a row).
[[nodiscard]] QVariantList attachmentsForQml(const QString &json);

//! The files of a message still in the outbox (the row's JSON, media/outgoingfiles.h) in the
//! same shape, plus {local: the file's URL (a picture shows from it before it is uploaded),
//! state: waiting/uploading/uploaded/missing/changed, offset: bytes the server holds}.
[[nodiscard]] QVariantList pendingFilesForQml(const QString &json);

} // namespace plaza::media
