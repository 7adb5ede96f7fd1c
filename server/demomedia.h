// SPDX-License-Identifier: MIT
#pragma once

// The demo world's photos (docs/api.md "Demo world"): painted at seed time (gradients and
// shapes, no downloads), run through the same processing as an upload, and kept in the media
// store, so a new user sees pictures in the hike group and the feed at once.

#include "common/result.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace plaza::server {

class MediaStore;
class ServerDb;

struct DemoPicture {
    QString scene; //!< "ridge", "lake", "summit", "latte", "dinner"
    QString alt;
    qint64 mediaId = 0; //!< set by storeDemoPictures()
};

//! Paints the pictures and puts their bytes in \a store (before the seed's transaction: the
//! slow part), then records them in the database as files of the given owners (inside it).
class DemoPictures
{
public:
    [[nodiscard]] Status paint(MediaStore &store);
    //! Inserts the media rows; \a ownerOf maps a scene to its owner's user id.
    [[nodiscard]] Status record(ServerDb &db, const std::function<qint64(const QString &scene)> &ownerOf, qint64 nowMs);
    //! The file id of \a scene (0 if it was not painted).
    [[nodiscard]] qint64 mediaId(const QString &scene) const;
    [[nodiscard]] QString alt(const QString &scene) const;

private:
    struct Painted;
    QList<std::shared_ptr<Painted>> m_painted;
};

} // namespace plaza::server
