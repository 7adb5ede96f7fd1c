// SPDX-License-Identifier: MIT
#pragma once

namespace plaza::server {

class Clock;
class LiveHub;
class LoginThrottle;
class ServerDb;
struct ServerOptions;
class WorkerPool;

//! What the handlers of every resource area share. Owned by main(); outlives the server.
struct Services {
    ServerDb &db;
    Clock &clock;
    LiveHub &hub;
    LoginThrottle &throttle;
    const ServerOptions &options;
    WorkerPool &workers; //!< password hashing off the event loop
};

} // namespace plaza::server
