// SPDX-License-Identifier: MIT
#include "chat/groupactions.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"
#include "chat/chatwrite.h"
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

#include <QJsonArray>
#include <QVariantMap>

#include <algorithm>

namespace plaza::chat {

using actions::closed;
using actions::detailOf;
using actions::notOpen;

GroupActions::GroupActions(ChatService *chat, QObject *parent) : QObject(parent), m_chat(chat)
{
    storage::Cache *cache = m_chat ? m_chat->cache() : nullptr;
    if (!cache)
        return;
    // Sync may apply an older event about a group after an answer stored its newer state, and
    // the newer event after that: whoever shows the members reads them again on every commit.
    connect(cache, &storage::Cache::changed, this, [this](const storage::ChangeSet &changes) {
        const QSet<QString> ids = changes.changes.ids(storage::Table::ConversationMembers);
        for (const QString &id : ids)
            Q_EMIT membersChanged(id);
    });
}

GroupActions::~GroupActions() = default;

QCoro::Task<Result<protocol::Conversation>> GroupActions::storeConversation(Result<QJsonObject> body)
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
    QPointer<GroupActions> self(this);
    QCoro::Task<Status> writing = actions::writeAndPublish(m_chat, std::move(fn));
    const Status st = co_await std::move(writing);
    if (!self)
        co_return closed();
    if (!st)
        co_return st.error();
    co_return c;
}

QCoro::Task<Result<protocol::Conversation>> GroupActions::rename(QString conversationId, QString title)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<GroupActions> self(this);
    // (The body is made before co_await: GCC 12 cannot take the initializer list inside it.)
    QJsonObject body;
    body.insert(QStringLiteral("title"), title);
    const QString path = protocol::endpoints::conversation(conversationId);
    auto reply = co_await m_chat->context()->api()->patch(path, body);
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

QCoro::Task<Result<protocol::Conversation>> GroupActions::add(QString conversationId, QStringList userIds)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<GroupActions> self(this);
    QJsonObject body;
    body.insert(QStringLiteral("member_ids"), QJsonArray::fromStringList(userIds));
    const QString path = protocol::endpoints::conversationMembers(conversationId);
    auto reply = co_await m_chat->context()->api()->post(path, body);
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

QCoro::Task<Result<protocol::Conversation>> GroupActions::remove(QString conversationId, QString user)
{
    if (!m_chat || !m_chat->context())
        co_return notOpen();
    QPointer<GroupActions> self(this);
    const QString path = protocol::endpoints::conversationMember(conversationId, user);
    auto reply = co_await m_chat->context()->api()->del(path);
    if (!self)
        co_return closed();
    Result<QJsonObject> json = reply ? Result<QJsonObject>(reply->body) : Result<QJsonObject>(reply.error());
    co_return co_await storeConversation(std::move(json));
}

void GroupActions::finish(const QString &action, const QString &id, const Status &st)
{
    if (st)
        Q_EMIT done(action, id);
    else
        Q_EMIT failed(action, id, st.error().codeName(), detailOf(st.error()));
}

void GroupActions::run(const QString &action, const QString &id,
                       std::function<QCoro::Task<Result<protocol::Conversation>>(GroupActions *)> task)
{
    [](QPointer<GroupActions> self, QString action, QString id,
       std::function<QCoro::Task<Result<protocol::Conversation>>(GroupActions *)> task) -> QCoro::Task<void> {
        auto running = task(self.data());
        auto result = co_await std::move(running);
        if (self)
            self->finish(action, id, result ? Status() : Status(result.error()));
    }(this, action, id, std::move(task));
}

void GroupActions::renameGroup(const QString &conversationId, const QString &title)
{
    run(QStringLiteral("rename"), conversationId, [conversationId, title](GroupActions *self) {
        return self->rename(conversationId, title);
    });
}

void GroupActions::addMembers(const QString &conversationId, const QStringList &userIds)
{
    run(QStringLiteral("add"), conversationId, [conversationId, userIds](GroupActions *self) {
        return self->add(conversationId, userIds);
    });
}

void GroupActions::removeMember(const QString &conversationId, const QString &userId)
{
    run(QStringLiteral("remove"), conversationId, [conversationId, userId](GroupActions *self) {
        return self->remove(conversationId, userId);
    });
}

void GroupActions::leaveGroup(const QString &conversationId)
{
    const QString self = m_chat && m_chat->context() ? m_chat->context()->userId() : QString();
    run(QStringLiteral("leave"), conversationId, [conversationId, self](GroupActions *groups) {
        return groups->remove(conversationId, self);
    });
}

QVariantList GroupActions::members(const QString &conversationId) const
{
    const storage::Cache *cache = m_chat ? m_chat->cache() : nullptr;
    if (!cache || !cache->ensureReader(m_db))
        return {};
    auto rows = readMembers(*m_db, conversationId);
    if (!rows)
        return {};
    const QString selfId = m_chat->context() ? m_chat->context()->userId() : QString();
    QList<MemberRow> sorted = *rows;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const MemberRow &a, const MemberRow &b) { return a.role == u"admin" && b.role != u"admin"; });
    QVariantList out;
    for (const MemberRow &m : std::as_const(sorted)) {
        out.append(QVariantMap{{QStringLiteral("id"), m.id},
                               {QStringLiteral("name"), m.name},
                               {QStringLiteral("handle"), m.handle},
                               {QStringLiteral("role"), m.role},
                               {QStringLiteral("self"), m.id == selfId}});
    }
    return out;
}

} // namespace plaza::chat
