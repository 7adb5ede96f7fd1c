// SPDX-License-Identifier: MIT
#include "chat/chatwrite.h"

#include "chat/chatservice.h"
#include "common/clock.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/changeset.h"
#include "storage/database.h"
#include "storage/rowchanges.h"
#include "sync/cachewriter.h"
#include "sync/syncengine.h"

#include <QCoroFuture>

namespace plaza::chat::actions {

Error notOpen()
{
    return makeError(ErrorCode::CacheLocked, QStringLiteral("Chat is not open: the session is not ready."));
}

Error closed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
}

QString detailOf(const Error &e)
{
    const QString reason = e.details.value(QStringLiteral("reason")).toString();
    return reason.isEmpty() ? e.field() : reason;
}

QCoro::Task<Status> writeAndPublish(QPointer<ChatService> chat,
                                    std::function<Status(storage::Database &, storage::RowChanges &)> fn)
{
    if (!chat || !chat->context() || !chat->context()->writer())
        co_return notOpen();
    std::function<Result<storage::RowChanges>(storage::Database &)> run
        = [fn = std::move(fn)](storage::Database &db) -> Result<storage::RowChanges> {
        storage::RowChanges changes;
        const Status st = db.transaction([&]() -> Status { return fn(db, changes); });
        if (!st)
            return st.error();
        return changes;
    };
    QFuture<Result<storage::RowChanges>> writing
        = chat->context()->writer()->run<storage::RowChanges>(std::move(run));
    Result<storage::RowChanges> written = co_await writing;
    if (!chat || !chat->context() || !chat->context()->cache())
        co_return closed();
    if (!written)
        co_return written.error();
    storage::ChangeSet set;
    set.changes = *written;
    set.committedAt = Clock::instance()->nowUtc();
    chat->context()->cache()->publish(set);
    co_return Status();
}

} // namespace plaza::chat::actions
