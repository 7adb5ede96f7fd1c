// SPDX-License-Identifier: MIT
#include "chat/messageactions.h"

#include "chat/chatservice.h"
#include "chat/chatwrite.h"
#include "common/clock.h"
#include "common/logging.h"
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
#include <QUrlQuery>
#include <QUuid>

namespace plaza::chat {

using actions::closed;
using actions::detailOf;
using actions::notOpen;

MessageActions::MessageActions(ChatService *chat, QObject *parent) : QObject(parent), m_chat(chat) { }

QCoro::Task<Status> MessageActions::write(std::function<Status(storage::Database &, storage::RowChanges &)> fn)
{
    QPointer<MessageActions> self(this);
    QCoro::Task<Status> writing = actions::writeAndPublish(m_chat, std::move(fn));
    const Status written = co_await std::move(writing);
    if (!self)
        co_return closed();
    co_return written;
}

QCoro::Task<Status> MessageActions::store(QList<protocol::Message> messages)
{
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [messages](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        storage::UsersStore users(statements);
        storage::ChatStore chat(statements, users);
        for (const protocol::Message &m : messages) {
            if (auto st = chat.upsertMessage(m, changes); !st)
                return st;
        }
        return {};
    };
    QCoro::Task<Status> writing = write(std::move(fn));
    co_return co_await std::move(writing);
}

QCoro::Task<Result<protocol::Message>> MessageActions::answer(Result<QJsonObject> body)
{
    if (!body)
        co_return body.error();
    auto message = protocol::decodeReply<protocol::Message>(*body);
    if (!message)
        co_return message.error();
    QList<protocol::Message> one{*message};
    const Status st = co_await store(one);
    if (!st)
        co_return st.error();
    co_return *message;
}

QCoro::Task<Result<protocol::Message>> MessageActions::edit(QString messageId, QString text)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<MessageActions> self(this);
    const QJsonObject body{{QStringLiteral("text"), text}};
    auto reply = co_await m_chat->context()->api()->patch(protocol::endpoints::message(messageId), body);
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await answer(std::move(json));
}

QCoro::Task<Result<protocol::Message>> MessageActions::deleteForEveryone(QString messageId)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<MessageActions> self(this);
    auto reply = co_await m_chat->context()->api()->del(protocol::endpoints::message(messageId));
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await answer(std::move(json));
}

QCoro::Task<Status> MessageActions::deleteForMe(QString messageId)
{
    const QString at = protocol::formatTime(Clock::instance()->nowUtc());
    std::function<Status(storage::Database &, storage::RowChanges &)> fn
        = [messageId, at](storage::Database &db, storage::RowChanges &changes) -> Status {
        storage::StatementCache statements(db);
        storage::UsersStore users(statements);
        return storage::ChatStore(statements, users).hide(messageId, at, changes);
    };
    QCoro::Task<Status> writing = write(std::move(fn));
    co_return co_await std::move(writing);
}

QCoro::Task<Result<protocol::Message>> MessageActions::react(QString messageId, QString emoji, bool add)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    if (!protocol::isReactionEmoji(emoji))
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("A reaction is one emoji."),
                            {{QStringLiteral("field"), QStringLiteral("emoji")}});
    QPointer<MessageActions> self(this);
    const QString path = protocol::endpoints::messageReaction(messageId, emoji);
    Result<net::ApiResponse> reply = makeError(ErrorCode::Unknown, QString());
    if (add)
        reply = co_await m_chat->context()->api()->putBytes(path, QUrlQuery(), QByteArray());
    else
        reply = co_await m_chat->context()->api()->del(path);
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await answer(std::move(json));
}

QCoro::Task<Result<QList<protocol::Message>>> MessageActions::forward(QString messageId, QStringList conversationIds)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<MessageActions> self(this);
    QJsonArray targets;
    for (const QString &id : std::as_const(conversationIds)) {
        targets.append(QJsonObject{{QStringLiteral("conversation_id"), id},
                                   {QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
    }
    const QJsonObject body{{QStringLiteral("targets"), targets}};
    auto reply = co_await m_chat->context()->api()->post(protocol::endpoints::messageForward(messageId), body);
    if (!self)
        co_return closed();
    if (!reply)
        co_return reply.error();
    QList<protocol::Message> messages;
    for (const QJsonValue &v : reply->body.value(QStringLiteral("items")).toArray()) {
        auto m = protocol::decodeReply<protocol::Message>(v.toObject());
        if (!m)
            co_return m.error();
        messages.append(*m);
    }
    const Status st = co_await store(messages);
    if (!st)
        co_return st.error();
    co_return messages;
}

void MessageActions::editMessage(const QString &messageId, const QString &text)
{
    [](QPointer<MessageActions> self, QString id, QString text) -> QCoro::Task<void> {
        auto task = self->edit(id, text);
        auto done = co_await std::move(task);
        if (!self)
            co_return;
        if (done)
            Q_EMIT self->done(QStringLiteral("edit"), id);
        else
            Q_EMIT self->failed(QStringLiteral("edit"), id, done.error().codeName(), detailOf(done.error()));
    }(this, messageId, text);
}

void MessageActions::deleteMessage(const QString &messageId, bool forEveryone)
{
    [](QPointer<MessageActions> self, QString id, bool everyone) -> QCoro::Task<void> {
        const QString action = everyone ? QStringLiteral("delete") : QStringLiteral("delete_for_me");
        Status st;
        if (everyone) {
            auto task = self->deleteForEveryone(id);
            auto done = co_await std::move(task);
            if (!done)
                st = done.error();
        } else {
            auto task = self->deleteForMe(id);
            st = co_await std::move(task);
        }
        if (!self)
            co_return;
        if (st)
            Q_EMIT self->done(action, id);
        else
            Q_EMIT self->failed(action, id, st.error().codeName(), detailOf(st.error()));
    }(this, messageId, forEveryone);
}

void MessageActions::toggleReaction(const QString &messageId, const QString &emoji, bool add)
{
    [](QPointer<MessageActions> self, QString id, QString emoji, bool add) -> QCoro::Task<void> {
        auto task = self->react(id, emoji, add);
        auto done = co_await std::move(task);
        if (!self)
            co_return;
        if (done)
            Q_EMIT self->done(QStringLiteral("react"), id);
        else
            Q_EMIT self->failed(QStringLiteral("react"), id, done.error().codeName(), detailOf(done.error()));
    }(this, messageId, emoji, add);
}

void MessageActions::forwardMessage(const QString &messageId, const QStringList &conversationIds)
{
    [](QPointer<MessageActions> self, QString id, QStringList targets) -> QCoro::Task<void> {
        auto task = self->forward(id, targets);
        auto done = co_await std::move(task);
        if (!self)
            co_return;
        if (done)
            Q_EMIT self->done(QStringLiteral("forward"), id);
        else
            Q_EMIT self->failed(QStringLiteral("forward"), id, done.error().codeName(), detailOf(done.error()));
    }(this, messageId, conversationIds);
}

} // namespace plaza::chat
