// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

namespace plaza::server {

class DemoPictures;
class ServerDb;

//! Seeds the demo people's chats (demochat.cpp) inside the caller's write transaction:
//! Amélie's direct conversations with six people, one between Bruno and David, and the
//! "Weekend hike 🥾" group, with a few hundred messages over five weeks (the newest an hour
//! ago); everyone has read everything but Amélie, who has two unread messages from Chloé and
//! two in the group (and the demo wallet's dinner payment from Bruno, unread too). Run before the demo wallet, whose dinner payment lands in Amélie's chat with
//! Bruno. \a idOf maps demo handles to ids.
//! David's "Photos from the hike are up! 📸" carries the three hike pictures of \a pictures.
[[nodiscard]] Status seedDemoChat(ServerDb &db, const QHash<QString, qint64> &idOf, const DemoPictures &pictures,
                                  qint64 nowMs);

} // namespace plaza::server
