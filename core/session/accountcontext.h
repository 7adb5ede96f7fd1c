// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QObject>
#include <QString>

namespace plaza::net {
class ApiClient;
class WsSession;
} // namespace plaza::net

namespace plaza::storage {
class Cache;
}

namespace plaza::sync {
class CacheWriter;
}

namespace plaza {

class SyncEngine;

//! The signed-in account as the services (chat, wallet, feed, media) see it: the parts
//! they talk and write through, who the account is, and whether it is ready. It is what
//! they get injected instead of the Session (issue 14), so one can be built and tested on
//! a cache, an API client and a sync engine alone. The Session is one; nothing here signs
//! in, unlocks, or hands out the cache key (it stays in the Cache and the writer).
class AccountContext : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~AccountContext() override = default;

    [[nodiscard]] virtual net::ApiClient *api() const = 0;
    //! The account's local copy (readers, the change stream); the same object all along.
    [[nodiscard]] virtual storage::Cache *cache() const = 0;
    //! Its writer thread (writer()) and the batches it applies; may be null.
    [[nodiscard]] virtual SyncEngine *syncEngine() const = 0;
    //! syncEngine()'s writer, the only code that writes the cache; null without a sync engine.
    [[nodiscard]] sync::CacheWriter *writer() const;
    //! The live connection (typing); may be null.
    [[nodiscard]] virtual net::WsSession *live() const = 0;

    //! Signed in with the cache open: services open their readers then and let go otherwise.
    [[nodiscard]] virtual bool ready() const = 0;
    //! The live connection is up: unanswered requests are worth trying again.
    [[nodiscard]] virtual bool online() const = 0;
    [[nodiscard]] virtual QString userId() const = 0;
    [[nodiscard]] virtual QString handle() const = 0;
    [[nodiscard]] virtual QString displayName() const = 0;

    //! Exchanges a password (or a two-factor code when \a isCode) for a step-up token
    //! (POST /v1/auth/step-up): the token, or why not.
    virtual QCoro::Task<Result<QString>> stepUpToken(QString secret, bool isCode) = 0;
    //! Pull /v1/sync now, when ready (a service's write the server answers with events).
    virtual void syncNow() = 0;

Q_SIGNALS:
    void readyChanged();
    void onlineChanged();
    //! userId, handle or displayName changed.
    void accountChanged();
};

} // namespace plaza
