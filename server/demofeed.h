// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

namespace plaza::server {

class DemoPictures;
class ServerDb;

//! Seeds the demo people's posts (demofeed.cpp) inside the caller's write transaction:
//! five weeks of posts, replies, reposts and likes, one sponsored post by the demo
//! advertiser (`lumen_bikes`) and one limited-reach post; Café Lumière's latte and Bruno's
//! dinner come with their pictures (\a pictures). \a idOf maps demo handles to ids.
[[nodiscard]] Status seedDemoFeed(ServerDb &db, const QHash<QString, qint64> &idOf, const DemoPictures &pictures,
                                  qint64 nowMs);

} // namespace plaza::server
