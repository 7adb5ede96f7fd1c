// SPDX-License-Identifier: MIT
#include "clock.h"
#include "protocol/json.h"
#include "router.h"
#include "routes.h"
#include "services.h"

namespace plaza::server {

namespace {
// Ten years: enough for any interest test, small enough that ms arithmetic cannot overflow.
constexpr qint64 kMaxAdvanceSeconds = 10LL * 366 * 24 * 3600;
} // namespace

void registerTestClockRoutes(Router &router, Services &services)
{
    Clock &clock = services.clock;
    auto nowBody = [&clock] { return QJsonObject{{QStringLiteral("now"), protocol::formatTime(clock.now())}}; };

    router.add(Router::Method::Get, QStringLiteral("/v1/test/clock"), Router::Public,
               [nowBody](RequestContext &) { return Response::ok(nowBody()); });

    router.add(Router::Method::Post, QStringLiteral("/v1/test/clock"), Router::Public | Router::JsonBody,
               [&clock, nowBody](RequestContext &ctx) {
                   protocol::JsonReader r(ctx.body);
                   const qint64 seconds = r.optInteger(QStringLiteral("advance_s")).value_or(0);
                   // "freeze": true stops the clock (only advance_s moves it), false lets it run again.
                   const QJsonValue freeze = ctx.body.value(QStringLiteral("freeze"));
                   if (!freeze.isUndefined() && !freeze.isBool())
                       return Response::invalidField(QStringLiteral("freeze"), QStringLiteral("freeze must be true or false"));
                   if (!r.ok())
                       return Response::error(r.error());
                   if (seconds < 0 || seconds > kMaxAdvanceSeconds)
                       return Response::invalidField(QStringLiteral("advance_s"),
                                                     QStringLiteral("advance_s must be 0 to %1 seconds").arg(kMaxAdvanceSeconds));
                   if (freeze.isBool())
                       clock.setFrozen(freeze.toBool());
                   clock.advance(seconds);
                   return Response::ok(nowBody());
               });
}

} // namespace plaza::server
