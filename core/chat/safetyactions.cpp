// SPDX-License-Identifier: MIT
#include "chat/safetyactions.h"

#include "chat/chatservice.h"
#include "chat/chatwrite.h"
#include "common/clock.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/json.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/changeset.h"
#include "storage/chatstore.h"
#include "storage/database.h"
#include "storage/rowchanges.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "sync/cachewriter.h"
#include "sync/syncengine.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrlQuery>

namespace plaza::chat {

using actions::closed;
using actions::detailOf;
using actions::notOpen;

SafetyActions::SafetyActions(ChatService *chat, QObject *parent) : QObject(parent), m_chat(chat) { }

QCoro::Task<Status> SafetyActions::write(std::function<Status(storage::Database &, storage::RowChanges &)> fn)
{
    QPointer<SafetyActions> self(this);
    QCoro::Task<Status> writing = actions::writeAndPublish(m_chat, std::move(fn));
    const Status written = co_await std::move(writing);
    if (!self)
        co_return closed();
    co_return written;
}

QCoro::Task<Result<protocol::Block>> SafetyActions::block(QString user)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    auto reply = co_await m_chat->context()->api()->putBytes(protocol::endpoints::block(user), QUrlQuery(), QByteArray());
    if (!self)
        co_return closed();
    if (!reply)
        co_return reply.error();
    auto block = protocol::decodeReply<protocol::Block>(reply->body);
    if (!block)
        co_return block.error();
    const protocol::Block b = *block;
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [b](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        storage::UsersStore users(statements);
        auto id = users.upsert(b.user, changes);
        if (!id)
            return id.error();
        return users.setBlocked(*id, true, protocol::formatTime(b.blockedAt), changes);
    };
    const Status st = co_await write(std::move(fn));
    if (!st)
        co_return st.error();
    co_return b;
}

QCoro::Task<Status> SafetyActions::unblock(QString user)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    auto reply = co_await m_chat->context()->api()->del(protocol::endpoints::block(user));
    if (!self)
        co_return closed();
    if (!reply)
        co_return reply.error();
    if (user.startsWith(u'@'))
        co_return Status(); // the cache follows with block.changed
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [user](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        return storage::UsersStore(statements).setBlocked(user, false, {}, changes);
    };
    co_return co_await write(std::move(fn));
}

QCoro::Task<Result<QList<protocol::Block>>> SafetyActions::blocks()
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    QList<protocol::Block> all;
    QString before;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto reply = co_await m_chat->context()->api()->get(protocol::endpoints::blocks(), query);
        if (!self)
            co_return closed();
        if (!reply)
            co_return reply.error();
        auto page = protocol::decodeReply<protocol::Page<protocol::Block>>(reply->body);
        if (!page)
            co_return page.error();
        all += page->items;
        if (!page->nextBefore || page->nextBefore->isEmpty())
            co_return all;
        before = *page->nextBefore;
    }
}

QCoro::Task<Status> SafetyActions::syncBlocks()
{
    QPointer<SafetyActions> self(this);
    auto fetching = blocks();
    auto fetched = co_await std::move(fetching);
    if (!self)
        co_return closed();
    if (!fetched)
        co_return fetched.error();
    const QList<protocol::Block> list = *fetched;
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [list](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        storage::UsersStore users(statements);
        QSet<QString> kept;
        for (const protocol::Block &b : list) {
            auto id = users.upsert(b.user, changes);
            if (!id)
                return id.error();
            kept.insert(*id);
            if (auto st = users.setBlocked(*id, true, protocol::formatTime(b.blockedAt), changes); !st)
                return st;
        }
        // Blocks the server no longer has (undone on a device whose event is still to come).
        QStringList gone;
        {
            auto stmt = db.prepare(QStringLiteral("SELECT user_id FROM blocks;"));
            if (!stmt)
                return stmt.error();
            for (;;) {
                auto more = stmt->step();
                if (!more)
                    return more.error();
                if (!*more)
                    break;
                if (!kept.contains(stmt->text(0)))
                    gone.append(stmt->text(0));
            }
        }
        for (const QString &id : std::as_const(gone)) {
            if (auto st = users.setBlocked(id, false, {}, changes); !st)
                return st;
        }
        return Status();
    };
    co_return co_await write(std::move(fn));
}

QCoro::Task<Result<protocol::Conversation>> SafetyActions::storeConversation(Result<QJsonObject> body)
{
    if (!body)
        co_return body.error();
    auto conversation = protocol::decodeReply<protocol::Conversation>(*body);
    if (!conversation)
        co_return conversation.error();
    const protocol::Conversation c = *conversation;
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [c](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        storage::UsersStore users(statements);
        return storage::ChatStore(statements, users).upsertConversation(c, changes);
    };
    const Status st = co_await write(std::move(fn));
    if (!st)
        co_return st.error();
    co_return c;
}

QCoro::Task<Result<protocol::Conversation>> SafetyActions::mute(QString conversationId, std::optional<QDateTime> until)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    // The API client's PUT carries bytes; the server reads the body as JSON whatever its type.
    const QJsonObject body{{QStringLiteral("until"), until ? QJsonValue(protocol::formatTime(*until)) : QJsonValue(QJsonValue::Null)}};
    auto reply = co_await m_chat->context()->api()->putBytes(protocol::endpoints::conversationMute(conversationId), QUrlQuery(),
                                                             QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

QCoro::Task<Result<protocol::Conversation>> SafetyActions::unmute(QString conversationId)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    auto reply = co_await m_chat->context()->api()->del(protocol::endpoints::conversationMute(conversationId));
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

QCoro::Task<Result<protocol::Report>> SafetyActions::report(QString targetType, QString targetId, QString reason,
                                                           QString note, bool decline)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    QJsonObject body{{QStringLiteral("target_type"), targetType},
                     {QStringLiteral("target_id"), targetId},
                     {QStringLiteral("reason"), reason}};
    if (!note.isEmpty())
        body.insert(QStringLiteral("note"), note);
    if (decline)
        body.insert(QStringLiteral("decline"), true);
    auto reply = co_await m_chat->context()->api()->post(protocol::endpoints::reports(), body);
    if (!self)
        co_return closed();
    if (!reply)
        co_return reply.error();
    co_return protocol::decodeReply<protocol::Report>(reply->body);
}

void SafetyActions::finish(const QString &action, const QString &id, const Status &st)
{
    if (st)
        Q_EMIT done(action, id);
    else
        Q_EMIT failed(action, id, st.error().codeName(), detailOf(st.error()));
}

void SafetyActions::blockUser(const QString &userId)
{
    [](QPointer<SafetyActions> self, QString id) -> QCoro::Task<void> {
        auto task = self->block(id);
        auto result = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("block"), id, result ? Status() : Status(result.error()));
    }(this, userId);
}

QCoro::Task<Result<protocol::Conversation>> SafetyActions::accept(QString conversationId)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<SafetyActions> self(this);
    auto reply = co_await m_chat->context()->api()->post(protocol::endpoints::conversationAccept(conversationId), QJsonObject());
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

void SafetyActions::acceptRequest(const QString &conversationId)
{
    [](QPointer<SafetyActions> self, QString id) -> QCoro::Task<void> {
        auto task = self->accept(id);
        auto result = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("accept"), id, result ? Status() : Status(result.error()));
    }(this, conversationId);
}

void SafetyActions::unblockUser(const QString &userId)
{
    [](QPointer<SafetyActions> self, QString id) -> QCoro::Task<void> {
        auto task = self->unblock(id);
        const Status st = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("unblock"), id, st);
    }(this, userId);
}

void SafetyActions::muteConversation(const QString &conversationId, qint64 untilMs)
{
    [](QPointer<SafetyActions> self, QString id, qint64 until) -> QCoro::Task<void> {
        std::optional<QDateTime> end;
        if (until > 0)
            end = QDateTime::fromMSecsSinceEpoch(until, Qt::UTC);
        auto task = self->mute(id, end);
        auto result = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("mute"), id, result ? Status() : Status(result.error()));
    }(this, conversationId, untilMs);
}

void SafetyActions::muteConversationFor(const QString &conversationId, qint64 seconds)
{
    // From the app's clock (tests move it), not the wall clock QML would read.
    muteConversation(conversationId, seconds > 0 ? Clock::instance()->nowUtc().addSecs(seconds).toMSecsSinceEpoch() : 0);
}

void SafetyActions::unmuteConversation(const QString &conversationId)
{
    [](QPointer<SafetyActions> self, QString id) -> QCoro::Task<void> {
        auto task = self->unmute(id);
        auto result = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("unmute"), id, result ? Status() : Status(result.error()));
    }(this, conversationId);
}

void SafetyActions::reportTarget(const QString &targetType, const QString &targetId, const QString &reason,
                                 const QString &note, bool decline)
{
    [](QPointer<SafetyActions> self, QString type, QString id, QString reason, QString note,
       bool decline) -> QCoro::Task<void> {
        auto task = self->report(type, id, reason, note, decline);
        auto result = co_await std::move(task);
        if (self)
            self->finish(QStringLiteral("report"), id, result ? Status() : Status(result.error()));
    }(this, targetType, targetId, reason, note, decline);
}

} // namespace plaza::chat
