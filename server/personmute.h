// SPDX-License-Identifier: MIT
#pragma once

// Muting a person in the feed (docs/api.md "Safety", issue 17): the routes are in
// personmute.cpp; the feed's lists use this rule to leave a muted person's posts out.

#include <QString>

namespace plaza::server {

//! An SQL condition, true when the post aliased \a post is not by someone \a viewer muted, and
//! (for a repost) does not repost someone \a viewer muted (\a viewer: a parameter like "?1").
//! For the home and discover timelines only: a profile, a thread and bookmarks still show them.
[[nodiscard]] QString postNotMutedSql(const QString &viewer, const QString &post);

} // namespace plaza::server
