// SPDX-License-Identifier: MIT
#include "eventlog.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"

namespace plaza::server {

namespace {
constexpr qint64 kDefaultSyncLimit = 100;
} // namespace

void registerSyncRoutes(Router &router, Services &services)
{
    ServerDb &db = services.db;
    router.add(Router::Method::Get, QStringLiteral("/v1/sync"), Router::NoFlags, [&db](RequestContext &ctx) {
        auto since = ctx.queryInteger(QStringLiteral("since"), 0, 0, std::numeric_limits<qint64>::max() / 2);
        if (!since)
            return Response::error(since.error());
        auto limit = ctx.queryInteger(QStringLiteral("limit"), kDefaultSyncLimit, 1, protocol::limits::kMaxSyncLimit);
        if (!limit)
            return Response::error(limit.error());

        auto range = eventRange(db, ctx.userId);
        if (!range)
            return Response::error(range.error());
        // Two ways a cursor can be unusable: the events after it were pruned, or it is
        // ahead of this log (the server lost data, or the cache belongs to another server).
        // Either way the client must drop its private cache and start again from 0, which
        // is always accepted and starts at the oldest event still kept.
        const bool pruned = *since > 0 && range->oldest > 0 && *since < range->oldest - 1;
        const bool ahead = *since > range->latest;
        if (pruned || ahead) {
            return Response::error(ErrorCode::ResyncRequired,
                                   pruned ? QStringLiteral("Events after this point are no longer kept; sync again from 0.")
                                          : QStringLiteral("This point is ahead of the server's log; sync again from 0."),
                                   {{QStringLiteral("latest_seq"), range->latest}});
        }

        auto events = readEvents(db, ctx.userId, *since, *limit + 1);
        if (!events)
            return Response::error(events.error());
        protocol::SyncPage page;
        page.hasMore = events->size() > *limit;
        if (page.hasMore)
            events->removeLast();
        page.events = std::move(*events);
        page.nextSince = page.events.isEmpty() ? *since : page.events.constLast().seq;
        return Response::ok(page.toJson());
    });
}

} // namespace plaza::server
