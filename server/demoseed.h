// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

namespace plaza::server {

class MediaStore;
class ServerDb;

//! The password every demo account shares (docs/api.md, scripts/demo).
inline constexpr char16_t kDemoPassword[] = u"plaza-demo-2026";

//! Seeds the demo world (people, the merchant Café Lumière, follows, conversations)
//! into an empty database, through the same functions the API uses, so the event logs
//! are filled too. Does nothing on a database that already has users or was seeded:
//! a second start with --demo changes nothing. Its photos go into \a store (demomedia.h).
[[nodiscard]] Status seedDemo(ServerDb &db, MediaStore &store, qint64 nowMs);

} // namespace plaza::server
