// SPDX-License-Identifier: MIT
#pragma once

namespace plaza::server {

class Clock;
class LiveHub;
class LoginThrottle;
class MediaStore;
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
    MediaStore &media;   //!< files and the upload spool (mediastore.h)
};

} // namespace plaza::server
