// SPDX-License-Identifier: MIT
// FeedService: muting a person in the feed (issue 17, docs/api.md "Safety"). Needs the server
// (no offline queue); the answer is stored at once (person_mutes, published on the change
// stream), so the timelines leave the person out without waiting for sync, and the
// person_mute.changed every device gets afterwards changes nothing more.

#include "feed/feedservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/json.h"
#include "session/accountcontext.h"
#include "storage/cache.h"

#include <QPointer>
#include <QUrlQuery>

namespace plaza::feed {

namespace {

Error mutesClosed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("The feed was closed."));
}

} // namespace

QCoro::Task<Result<protocol::PersonMute>> FeedService::mutePerson(QString user)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    ++m_muteWrites;
    setBusy(true);
    auto reply = co_await m_context->api()->putBytes(protocol::endpoints::personMute(user), QUrlQuery(), QByteArray());
    if (!self)
        co_return mutesClosed();
    setBusy(false);
    if (!m_store)
        co_return mutesClosed();
    if (!reply)
        co_return reply.error();
    auto mute = protocol::decodeReply<protocol::PersonMute>(reply->body);
    if (!mute)
        co_return mute.error();
    const protocol::PersonMute m = *mute;
    WriteFn storing = [m](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.storePersonMute(m.user, true, protocol::formatTime(m.mutedAt), changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(storing));
    auto stored = co_await std::move(task);
    if (!stored)
        co_return stored.error();
    co_return m;
}

QCoro::Task<Status> FeedService::unmutePerson(QString user)
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    ++m_muteWrites;
    setBusy(true);
    auto reply = co_await m_context->api()->del(protocol::endpoints::personMute(user));
    if (!self)
        co_return mutesClosed();
    setBusy(false);
    if (!m_store)
        co_return mutesClosed();
    if (!reply)
        co_return reply.error();
    if (user.startsWith(u'@'))
        co_return Status(); // the cache follows with person_mute.changed
    WriteFn removing = [user](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.removePersonMute(user, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(removing));
    auto stored = co_await std::move(task);
    co_return stored ? Status() : Status(stored.error());
}

QCoro::Task<Result<QList<protocol::PersonMute>>> FeedService::personMutes()
{
    if (!m_store)
        co_return notStarted();
    QPointer<FeedService> self(this);
    QList<protocol::PersonMute> all;
    QString before;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto reply = co_await m_context->api()->get(protocol::endpoints::personMutes(), query);
        if (!self)
            co_return mutesClosed();
        if (!reply)
            co_return reply.error();
        auto page = protocol::decodeReply<protocol::Page<protocol::PersonMute>>(reply->body);
        if (!page)
            co_return page.error();
        all += page->items;
        if (!page->nextBefore || page->nextBefore->isEmpty())
            co_return all;
        before = *page->nextBefore;
    }
}

QCoro::Task<Status> FeedService::syncPersonMutes()
{
    // Not started yet (Settings opened while the session starts): the cache's list stands (a
    // new device's first pull brings every person_mute.changed of the account).
    if (!m_store)
        co_return Status();
    QPointer<FeedService> self(this);
    QList<protocol::PersonMute> list;
    // A Mute or Unmute begun while the list was on its way may be missing from it: ask again
    // (its answer is stored by itself), a few times at most.
    for (int attempt = 0;; ++attempt) {
        const quint64 writes = m_muteWrites;
        auto fetching = personMutes();
        auto fetched = co_await std::move(fetching);
        if (!self)
            co_return mutesClosed();
        if (!fetched)
            co_return fetched.error();
        list = *fetched;
        if (writes == m_muteWrites || attempt == 2)
            break;
    }
    if (!m_store)
        co_return mutesClosed();
    WriteFn replacing = [list](FeedStore &store, storage::RowChanges &changes) -> Result<QString> {
        if (auto st = store.replacePersonMutes(list, changes); !st)
            return st.error();
        return QString();
    };
    QCoro::Task<Result<QString>> task = writeAndEmit(std::move(replacing));
    auto stored = co_await std::move(task);
    co_return stored ? Status() : Status(stored.error());
}

QCoro::Task<void> FeedService::muteTask(QString userId, bool on)
{
    QPointer<FeedService> self(this);
    Status st;
    if (on) {
        auto muting = mutePerson(userId);
        auto muted = co_await std::move(muting);
        if (!muted)
            st = muted.error();
    } else {
        auto unmuting = unmutePerson(userId);
        st = co_await std::move(unmuting);
    }
    if (!self)
        co_return;
    if (!st) {
        if (st.error().code == ErrorCode::Cancelled)
            co_return;
        qCInfo(lcFeed) << (on ? "mute" : "unmute") << "failed:" << st.error().codeName() << st.error().message;
        Q_EMIT personMuteFailed(userId, on, st.error().codeName(), st.error().field());
        co_return;
    }
    Q_EMIT personMuted(userId, on);
}

void FeedService::mute(const QString &userId)
{
    muteTask(userId, true);
}

void FeedService::unmute(const QString &userId)
{
    muteTask(userId, false);
}

} // namespace plaza::feed
