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

} // namespace plaza::media
