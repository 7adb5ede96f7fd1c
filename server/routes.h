// SPDX-License-Identifier: MIT
#pragma once

// One registration function per resource area, each in its own file. A new area
// (wallet, savings, chat messages, feed) adds a function here and a line in
// PlazaServer's constructor.

namespace plaza::server {

class Router;
struct Services;

void registerHealthRoutes(Router &router, Services &services);        // health.cpp
void registerAuthRoutes(Router &router, Services &services);          // auth.cpp
void registerSessionRoutes(Router &router, Services &services);       // sessions.cpp
void registerAccountRoutes(Router &router, Services &services);       // account.cpp
void registerTwoFactorRoutes(Router &router, Services &services);     // twofactor.cpp
void registerUserRoutes(Router &router, Services &services);          // users.cpp
void registerSyncRoutes(Router &router, Services &services);          // sync.cpp
void registerConversationRoutes(Router &router, Services &services);  // conversations.cpp
void registerMessageRoutes(Router &router, Services &services);       // chat.cpp
void registerMessageActionRoutes(Router &router, Services &services); // messageactions.cpp
void registerWalletRoutes(Router &router, Services &services);        // wallet.cpp
void registerPaymentRequestRoutes(Router &router, Services &services); // paymentrequests.cpp
void registerFeedRoutes(Router &router, Services &services);          // feed.cpp
void registerSavingsRoutes(Router &router, Services &services);       // savings.cpp
void registerMediaRoutes(Router &router, Services &services);         // uploads.cpp
void registerSafetyRoutes(Router &router, Services &services);        // safety.cpp
void registerGroupRoutes(Router &router, Services &services);         // groups.cpp
void registerRequestRoutes(Router &router, Services &services);       // requests.cpp
void registerPersonMuteRoutes(Router &router, Services &services);    // personmute.cpp
void registerTestClockRoutes(Router &router, Services &services);     // testclock.cpp (--test-clock only)

} // namespace plaza::server
