// SPDX-License-Identifier: MIT
#include "chat/chatwrite.h"

#include "chat/chatservice.h"
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
    QFuture<Result<storage::RowChanges>> writing = chat->context()->writer()->transact(std::move(fn));
    Result<storage::RowChanges> written = co_await writing;
    if (!chat || !chat->context() || !chat->context()->cache())
        co_return closed();
    if (!written)
        co_return written.error();
    chat->context()->cache()->publishWritten(*written);
    co_return Status();
}

} // namespace plaza::chat::actions
