// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "protocol/chat.h"
#include "protocol/safety.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace plaza::storage {
class Database;
class RowChanges;
}

namespace plaza::chat {

class ChatService;

//! Protecting oneself (issue 17; docs/api.md "Safety"): block and unblock a person, mute and
//! unmute a conversation, report a message, post, person or payment request. Each needs the
//! server (no offline queue): a block's or a mute's answer is stored in the cache through the
//! stores at once and published on the change stream; the events every device of the user
//! gets afterwards (block.changed, conversation.updated) change nothing more. Reports are kept
//! by the server only. Lives on the session's thread next to its ChatService.
class SafetyActions : public QObject
{
    Q_OBJECT
public:
    explicit SafetyActions(ChatService *chat, QObject *parent = nullptr);

    //! PUT /v1/blocks/{user} (\a user: "u_…" or "@handle"): the block, also in the cache.
    QCoro::Task<Result<protocol::Block>> block(QString user);
    //! DELETE /v1/blocks/{user}; the cache forgets the block (\a user must be a "u_…" id then).
    QCoro::Task<Status> unblock(QString user);
    //! GET /v1/blocks, every page: the people the user blocked, newest first.
    QCoro::Task<Result<QList<protocol::Block>>> blocks();
    //! blocks(), and the cache's blocks table made equal to it (the people in it stored too):
    //! what BlocksModel::refresh() asks for.
    QCoro::Task<Status> syncBlocks();
    //! PUT /v1/conversations/{id}/mute until \a until (nothing: no end); the conversation.
    QCoro::Task<Result<protocol::Conversation>> mute(QString conversationId, std::optional<QDateTime> until);
    //! DELETE /v1/conversations/{id}/mute; the conversation.
    QCoro::Task<Result<protocol::Conversation>> unmute(QString conversationId);
    //! POST /v1/conversations/{id}/accept: accepts a message request (docs/api.md "Message
    //! requests"; idempotent); the conversation, stored.
    QCoro::Task<Result<protocol::Conversation>> accept(QString conversationId);
    //! POST /v1/reports. \a targetType: message, post, user, payment_request; \a reason: spam,
    //! abuse, scam, other; \a decline: also decline the payment request (its payer only).
    QCoro::Task<Result<protocol::Report>> report(QString targetType, QString targetId, QString reason, QString note,
                                                bool decline);

    [[nodiscard]] ChatService *chat() const { return m_chat; }

    // For QML: each ends in done(action, id) or failed(action, id, code, detail).
    Q_INVOKABLE void blockUser(const QString &userId);
    Q_INVOKABLE void unblockUser(const QString &userId);
    //! \a untilMs: the end in milliseconds since the epoch (UTC); 0 or less: no end.
    Q_INVOKABLE void muteConversation(const QString &conversationId, qint64 untilMs);
    //! Mutes for \a seconds from now (the app's clock); 0 or less: no end.
    Q_INVOKABLE void muteConversationFor(const QString &conversationId, qint64 seconds);
    Q_INVOKABLE void unmuteConversation(const QString &conversationId);
    //! accept() for QML: ends in done("accept", id) or failed("accept", …).
    Q_INVOKABLE void acceptRequest(const QString &conversationId);
    Q_INVOKABLE void reportTarget(const QString &targetType, const QString &targetId, const QString &reason,
                                  const QString &note, bool decline);

Q_SIGNALS:
    //! \a action: "block", "unblock", "mute", "unmute", "accept", "report"; \a id: the user, conversation or target.
    void done(const QString &action, const QString &id);
    //! An ErrorCode name and the field or reason it is about ("blocked", "until", …; may be empty).
    void failed(const QString &action, const QString &id, const QString &code, const QString &detail);

private:
    QCoro::Task<Status> write(std::function<Status(storage::Database &, storage::RowChanges &)> fn);
    //! A Conversation the server answered, decoded and stored.
    QCoro::Task<Result<protocol::Conversation>> storeConversation(Result<QJsonObject> body);
    void finish(const QString &action, const QString &id, const Status &st);

    QPointer<ChatService> m_chat;
};

} // namespace plaza::chat
