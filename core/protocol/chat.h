// SPDX-License-Identifier: MIT
#pragma once

// Chat's resources (docs/api.md "Chat") and their codecs: what the server writes and the
// client reads, in one place. Strict like every codec here: a wrong type, a missing required
// field or an amount that is not whole minor units is a ValidationFailed error naming the field.

#include "protocol/media.h"
#include "protocol/types.h"

#include <optional>

namespace plaza::protocol {

//! The payment a "payment" message carries: {"transaction_id","amount":Money}.
struct PaymentCard {
    QString transactionId;
    Money amount;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<PaymentCard> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("payment"));
};

//! A Message; the data of message.created.
struct Message {
    QString id;
    QString clientId; //!< a payment message's is its transaction id
    QString conversationId;
    User sender;
    QString text;
    QDateTime createdAt;
    QString kind = QStringLiteral("text"); //!< "text" | "payment"
    std::optional<PaymentCard> payment;    //!< set exactly for kind "payment"
    QList<Attachment> attachments;         //!< up to limits::kMaxMessageAttachments, in order

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Message> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("message"));
};

//! A Conversation as one member sees it; the data of conversation.updated.
struct Conversation {
    QString id;
    QString kind = QStringLiteral("direct"); //!< "direct" | "group"
    std::optional<QString> title;            //!< none for direct conversations
    QList<User> members;                     //!< in the order they joined
    std::optional<Message> lastMessage;
    qint64 unread = 0;
    std::optional<QString> readUpTo; //!< the viewer's read mark

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Conversation> fromJson(const QJsonObject &o,
                                                       const QString &context = QStringLiteral("conversation"));
};

//! The data of conversation.read: {"conversation_id","user_id","up_to"}.
struct ReadMark {
    QString conversationId;
    QString userId;
    QString upTo;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<ReadMark> fromJson(const QJsonObject &o,
                                                   const QString &context = QStringLiteral("conversation.read"));
};

} // namespace plaza::protocol
