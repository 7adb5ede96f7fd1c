// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/feed.h"
#include "storage/rowchanges.h"

#include <QJsonObject>

namespace plaza::storage {

class StatementCache;
class UsersStore;

//! The id of the provisional row of a post not yet answered by the server ("local:<client_id>").
[[nodiscard]] QString localPostId(const QString &clientId);

//! posts: the user's own and those of followed users, with their ranking signals.
class PostStore
{
public:
    PostStore(StatementCache &statements, UsersStore &users) : m_statements(statements), m_users(users) { }

    //! post.created / post.updated: the post, its author, and the reposted post if any.
    [[nodiscard]] Status upsert(const protocol::Post &post, RowChanges &changes);
    //! The same from the API's JSON, decoded by protocol/feed.h's codec: a malformed post is
    //! ErrorCode::Protocol naming the field, and writes nothing.
    [[nodiscard]] Status upsert(const QJsonObject &post, RowChanges &changes);
    [[nodiscard]] Status remove(const QString &id, RowChanges &changes);
    //! bookmark.changed (the user's own devices): the post's bookmark flag and the bookmarks
    //! list; with the post in the event, the post too.
    [[nodiscard]] Status setBookmark(const protocol::BookmarkChange &change, RowChanges &changes);

private:
    Status upsert(const protocol::Post &post, RowChanges &changes, int depth);
    StatementCache &m_statements;
    UsersStore &m_users;
};

} // namespace plaza::storage
