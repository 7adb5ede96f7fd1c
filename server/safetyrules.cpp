// SPDX-License-Identifier: MIT
// What a block and a mute mean to the other areas (safety.h): the checks that chat, the
// wallet, payment requests, follows, conversations and the feed call. The routes are in
// safety.cpp.

#include "safety.h"

#include "protocol/chat.h"
#include "serverdb.h"

#include <QDateTime>

namespace plaza::server {

Status refuseIfBlocked(ServerDb &db, qint64 callerId, qint64 otherId)
{
    if (otherId == 0 || otherId == callerId)
        return {};
    auto blocker = db.integer(QStringLiteral("SELECT blocker_id FROM blocks WHERE (blocker_id = ?1 AND blocked_id = ?2) "
                                             "OR (blocker_id = ?2 AND blocked_id = ?1) ORDER BY blocker_id = ?1 DESC LIMIT 1"),
                              callerId, otherId);
    if (!blocker)
        return blocker.error();
    if (!blocker->has_value())
        return {};
    const bool byMe = **blocker == callerId;
    return makeError(ErrorCode::Forbidden,
                     byMe ? QStringLiteral("You blocked this person: unblock them first.")
                          : QStringLiteral("This person blocked you: you cannot message them, pay them or ask them for money."),
                     {{QStringLiteral("reason"), QStringLiteral("blocked")}, {QStringLiteral("blocked_by_me"), byMe}});
}

Status refuseIfBlockedIn(ServerDb &db, qint64 conversationId, qint64 callerId)
{
    auto other = db.integer(QStringLiteral("SELECT m.user_id FROM conversations c JOIN conversation_members m "
                                           "ON m.conversation_id = c.id WHERE c.id = ?1 AND c.kind = 'direct' "
                                           "AND m.user_id <> ?2 LIMIT 1"),
                            conversationId, callerId);
    if (!other)
        return other.error();
    if (!other->has_value())
        return {};
    return refuseIfBlocked(db, callerId, **other);
}

QString postNotBlockedSql(const QString &viewer, const QString &post)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM posts bo, blocks b WHERE bo.id = coalesce(%2.repost_of, %2.id) "
                          "AND ((b.blocker_id = %1 AND (b.blocked_id = %2.author_id OR b.blocked_id = bo.author_id)) "
                          "OR (b.blocked_id = %1 AND (b.blocker_id = %2.author_id OR b.blocker_id = bo.author_id))))")
        .arg(viewer, post);
}

Result<bool> postHiddenByBlock(ServerDb &db, qint64 viewerId, qint64 postId)
{
    auto hidden = db.integer(
        QStringLiteral("SELECT 1 FROM posts p WHERE p.id = ?2 AND NOT %1").arg(postNotBlockedSql(QStringLiteral("?1"), QStringLiteral("p"))),
        viewerId, postId);
    if (!hidden)
        return hidden.error();
    return hidden->has_value();
}

Status loadMute(ServerDb &db, qint64 conversationId, qint64 viewerId, protocol::Conversation &c)
{
    auto row = db.row(QStringLiteral("SELECT muted_until FROM conversation_mutes WHERE conversation_id = ?1 AND user_id = ?2"),
                      conversationId, viewerId);
    if (!row)
        return row.error();
    c.muted = row->has_value();
    c.mutedUntil.reset();
    if (*row && !(*row)->isNull(0))
        c.mutedUntil = QDateTime::fromMSecsSinceEpoch((*row)->int64(0), Qt::UTC);
    return {};
}

} // namespace plaza::server
