// SPDX-License-Identifier: MIT
#include "router.h"
#include "plazaversion.h"
#include "routes.h"

namespace plaza::server {

void registerHealthRoutes(Router &router, Services &)
{
    router.add(Router::Method::Get, QStringLiteral("/v1/health"), Router::Public, [](RequestContext &) {
        return Response::ok({{QStringLiteral("status"), QStringLiteral("ok")},
                             {QStringLiteral("version"), QStringLiteral(PLAZA_VERSION)}});
    });
}

} // namespace plaza::server
