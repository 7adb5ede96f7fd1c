// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/chat.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace plaza::storage {
class Database;
class RowChanges;
}

namespace plaza::chat {

class ChatService;

//! What one does to a message once it is sent (issue 17; docs/api.md "Message actions"):
//! edit one's text, delete it for everyone, delete it for me (this device only), react and
//! unreact, forward it to other conversations. (A reply is a message: ChatService::queue()
//! with replyTo, through the outbox.) Each server action needs the server (there is no
//! offline queue for them): its answer is stored in the cache through ChatStore at once and
//! published on the change stream, and the events that every device gets afterwards change
//! nothing more. "Delete for me" writes the cache only (hidden_messages). Lives on the
//! session's thread next to its ChatService; every write goes through the cache writer.
class MessageActions : public QObject
{
    Q_OBJECT
public:
    explicit MessageActions(ChatService *chat, QObject *parent = nullptr);

    //! PATCH the message's text (own text messages, within 48 h: the server decides).
    QCoro::Task<Result<protocol::Message>> edit(QString messageId, QString text);
    //! DELETE for everyone: the answer is the tombstone.
    QCoro::Task<Result<protocol::Message>> deleteForEveryone(QString messageId);
    //! Hides the message on this device only (works offline).
    QCoro::Task<Status> deleteForMe(QString messageId);
    //! PUT (\a add) or DELETE one's \a emoji on the message; the message with its reactions.
    QCoro::Task<Result<protocol::Message>> react(QString messageId, QString emoji, bool add);
    //! POST a forward to each of \a conversationIds (one fresh client_id each); the new messages.
    QCoro::Task<Result<QList<protocol::Message>>> forward(QString messageId, QStringList conversationIds);

    // For QML: each ends in done(action, messageId) or failed(action, code, field).
    Q_INVOKABLE void editMessage(const QString &messageId, const QString &text);
    Q_INVOKABLE void deleteMessage(const QString &messageId, bool forEveryone);
    Q_INVOKABLE void toggleReaction(const QString &messageId, const QString &emoji, bool add);
    Q_INVOKABLE void forwardMessage(const QString &messageId, const QStringList &conversationIds);

Q_SIGNALS:
    //! \a action: "edit", "delete", "delete_for_me", "react", "forward".
    void done(const QString &action, const QString &messageId);
    //! An ErrorCode name and the field or reason it is about (may be empty).
    void failed(const QString &action, const QString &messageId, const QString &code, const QString &detail);

private:
    //! Writes \a messages (server answers) through ChatStore on the writer and publishes them.
    QCoro::Task<Status> store(QList<protocol::Message> messages);
    QCoro::Task<Status> write(std::function<Status(storage::Database &, storage::RowChanges &)> fn);
    //! A Message the server answered, decoded and stored.
    QCoro::Task<Result<protocol::Message>> answer(Result<QJsonObject> body);

    QPointer<ChatService> m_chat;
};

} // namespace plaza::chat
