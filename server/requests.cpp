// SPDX-License-Identifier: MIT
// Message requests (docs/api.md "Message requests", issue 17, requests.h):
// - a new direct conversation whose recipient does not follow its starter and shares no other
//   conversation with them is a request for the recipient (request_state 'pending');
// - POST /v1/conversations/{id}/accept accepts it (idempotent), as does the recipient's
//   first message in it; conversation.updated goes to the recipient's log so their other
//   devices converge;
// - while pending, the recipient's read marks reach only their own log (the sender sees no
//   receipts); accepting sends the mark to the others;
// - blocking the sender declines it: the request leaves the recipient's list while the block
//   stands (block.changed tells their devices).

#include "requests.h"

#include "clock.h"
#include "conversations.h"
#include "eventlog.h"
#include "ledger.h"
#include "messages.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"

namespace plaza::server {

Result<bool> isPendingRequest(ServerDb &db, qint64 conversationId, qint64 userId)
{
    auto found = db.integer(QStringLiteral("SELECT 1 FROM conversation_members WHERE conversation_id = ?1 AND user_id = ?2 "
                                           "AND request_state = 'pending'"),
                            conversationId, userId);
    if (!found)
        return found.error();
    return found->has_value();
}

Status markRequestIfStranger(ServerDb &db, qint64 conversationId, qint64 senderId, qint64 recipientId)
{
    auto follows = db.integer(QStringLiteral("SELECT 1 FROM follows WHERE follower_id = ?1 AND followee_id = ?2"),
                              recipientId, senderId);
    if (!follows)
        return follows.error();
    if (follows->has_value())
        return {};
    auto shared = db.integer(QStringLiteral("SELECT 1 FROM conversation_members a JOIN conversation_members b "
                                            "ON b.conversation_id = a.conversation_id AND b.user_id = ?2 "
                                            "WHERE a.user_id = ?1 AND a.conversation_id <> ?3 LIMIT 1"),
                             senderId, recipientId, conversationId);
    if (!shared)
        return shared.error();
    if (shared->has_value())
        return {};
    return db.run(QStringLiteral("UPDATE conversation_members SET request_state = 'pending' WHERE conversation_id = ?1 "
                                 "AND user_id = ?2"),
                  conversationId, recipientId);
}

Result<bool> acceptRequest(ServerDb &db, qint64 conversationId, qint64 userId, bool announce)
{
    auto pending = isPendingRequest(db, conversationId, userId);
    if (!pending)
        return pending.error();
    if (!*pending)
        return false;
    if (auto st = db.run(QStringLiteral("UPDATE conversation_members SET request_state = 'accepted' WHERE conversation_id = ?1 "
                                        "AND user_id = ?2"),
                         conversationId, userId);
        !st)
        return st.error();
    // The read mark kept from the others while pending reaches them now.
    auto read = readState(db, conversationId, userId);
    if (!read)
        return read.error();
    if (read->upTo) {
        auto members = memberIds(db, conversationId);
        if (!members)
            return members.error();
        members->removeAll(userId);
        if (auto st = logReadMark(db, conversationId, userId, read->upTo, *members); !st)
            return st.error();
    }
    if (announce) {
        if (auto st = logConversationTo(db, conversationId, {userId}); !st)
            return st.error();
    }
    return true;
}

QString requestNotDeclinedSql(const QString &viewer, const QString &conversation)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM conversation_members rq, conversation_members rs, blocks rb "
                          "WHERE rq.conversation_id = %2.id AND rq.user_id = %1 AND rq.request_state = 'pending' "
                          "AND rs.conversation_id = %2.id AND rs.user_id <> %1 "
                          "AND rb.blocker_id = %1 AND rb.blocked_id = rs.user_id)")
        .arg(viewer, conversation);
}

namespace {

Response acceptHandler(ServerDb &db, RequestContext &ctx)
{
    auto conversation = currentMemberConversation(db, ctx);
    if (auto *refusal = std::get_if<Response>(&conversation))
        return std::move(*refusal);
    const qint64 id = std::get<qint64>(conversation);
    const Status st = db.write([&]() -> Status {
        auto accepted = acceptRequest(db, id, ctx.userId, true);
        if (!accepted)
            return accepted.error();
        return {};
    });
    if (!st)
        return Response::error(st.error());
    auto json = conversationJson(db, ctx.userId, id);
    return json ? Response::ok(*json) : Response::error(json.error());
}

} // namespace

void registerRequestRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    router.add(Router::Method::Post, QStringLiteral("/v1/conversations/{id}/accept"), Router::NoFlags,
               [&db](RequestContext &ctx) { return acceptHandler(db, ctx); });
}

} // namespace plaza::server
