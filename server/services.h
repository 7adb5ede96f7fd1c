// SPDX-License-Identifier: MIT
#pragma once

namespace plaza::server {

class Clock;
class LiveHub;
class LoginThrottle;
class ServerDb;
struct ServerOptions;

//! What the handlers of every resource area share. Owned by main(); outlives the server.
struct Services {
    ServerDb &db;
    Clock &clock;
    LiveHub &hub;
    LoginThrottle &throttle;
    const ServerOptions &options;
};

} // namespace plaza::server
