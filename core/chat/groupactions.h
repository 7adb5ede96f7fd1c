// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/chat.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QVariantList>

#include <functional>
#include <memory>

namespace plaza::storage {
class Database;
class RowChanges;
}

namespace plaza::chat {

class ChatService;

//! Managing a group (issue 17; docs/api.md "Groups"): rename it, add and remove members (its
//! admins), leave it (anyone). Each needs the server (no offline queue): the Conversation it
//! answers is stored in the cache at once and published on the change stream; the events that
//! follow on every device (the system line as message.created, conversation.updated) change
//! nothing more. Lives on the session's thread next to its ChatService, like SafetyActions.
class GroupActions : public QObject
{
    Q_OBJECT
public:
    explicit GroupActions(ChatService *chat, QObject *parent = nullptr);
    ~GroupActions() override;

    //! PATCH /v1/conversations/{id} {"title"}: the conversation.
    QCoro::Task<Result<protocol::Conversation>> rename(QString conversationId, QString title);
    //! POST /v1/conversations/{id}/members {"member_ids"} (\a userIds: "u_…"): the conversation.
    QCoro::Task<Result<protocol::Conversation>> add(QString conversationId, QStringList userIds);
    //! DELETE /v1/conversations/{id}/members/{user} (\a user: "u_…" or "@handle"; oneself: leave).
    QCoro::Task<Result<protocol::Conversation>> remove(QString conversationId, QString user);

    // For QML: each ends in done(action, id) or failed(action, id, code, detail).
    Q_INVOKABLE void renameGroup(const QString &conversationId, const QString &title);
    Q_INVOKABLE void addMembers(const QString &conversationId, const QStringList &userIds);
    Q_INVOKABLE void removeMember(const QString &conversationId, const QString &userId);
    Q_INVOKABLE void leaveGroup(const QString &conversationId);
    //! The members of \a conversationId from the cache: [{id, name, handle, role, self}], admins first.
    Q_INVOKABLE [[nodiscard]] QVariantList members(const QString &conversationId) const;

Q_SIGNALS:
    //! \a action: "rename", "add", "remove", "leave"; \a id: the conversation.
    void done(const QString &action, const QString &id);
    //! An ErrorCode name and the field or reason it is about ("not_admin", "direct", "blocked", …).
    void failed(const QString &action, const QString &id, const QString &code, const QString &detail);
    //! A commit wrote the members of conversation \a id (an answer here, a sync event, another
    //! device): members(id) may say something else now.
    void membersChanged(const QString &id);

private:
    QCoro::Task<Result<protocol::Conversation>> storeConversation(Result<QJsonObject> body);
    void finish(const QString &action, const QString &id, const Status &st);
    void run(const QString &action, const QString &id,
             std::function<QCoro::Task<Result<protocol::Conversation>>(GroupActions *)> task);

    QPointer<ChatService> m_chat;
    //! Its own read connection for members() (the chat's reader may sit on an older snapshot).
    mutable std::unique_ptr<storage::Database> m_db;
};

} // namespace plaza::chat
