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

//! One emoji's reactions on a message, as one viewer sees them:
//! {"emoji","count","mine","recent_user_ids":[up to kMaxRecentReactors, newest first]}.
struct Reaction {
    static constexpr int kMaxRecentReactors = 3;
    QString emoji;
    qint64 count = 0;
    bool mine = false;
    QStringList recentUserIds;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Reaction> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("reaction"));
};

//! What a reply quotes: {"id","sender_id","sender_name","snippet","deleted"}. The snippet is
//! replySnippet() of the original's text, "" once the original was deleted (deleted: true).
struct ReplyRef {
    QString id;
    QString senderId;
    QString senderName;
    QString snippet;
    bool deleted = false;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<ReplyRef> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("reply_to"));
};

//! Where a forwarded message came from: {"message_id","sender_id","sender_name"} (the author
//! of the first message, also when a forward is forwarded again).
struct ForwardedFrom {
    QString messageId;
    QString senderId;
    QString senderName;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<ForwardedFrom> fromJson(const QJsonObject &o,
                                                        const QString &context = QStringLiteral("forwarded_from"));
};

//! What a "system" message records (docs/api.md "Groups"): {"action","actor_id","target_id","title"}.
//! action: "added" | "removed" | "left" | "renamed" | "promoted"; target_id names who was added,
//! removed or promoted (null otherwise); title is the new title of "renamed" (null otherwise).
//! The message's sender is the actor; its text is the line in English, for clients that do
//! not know system messages.
struct SystemEvent {
    QString action;
    QString actorId;
    std::optional<QString> targetId;
    std::optional<QString> title;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<SystemEvent> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("system"));
    [[nodiscard]] static const QStringList &actions();
};

//! The words a reply quotes: the first kReplySnippetChars code points of \a text, line
//! breaks and runs of white space as one space, trimmed ("…" when cut).
constexpr qsizetype kReplySnippetChars = 100;
[[nodiscard]] QString replySnippet(const QString &text);
//! Whether \a text is one reaction: a single emoji (one grapheme cluster of emoji code points,
//! modifiers, ZWJ sequences, flags and keycaps), at most kMaxReactionBytes of UTF-8. Words,
//! letters and digits alone are not.
constexpr qsizetype kMaxReactionBytes = 32;
[[nodiscard]] bool isReactionEmoji(const QString &text);

//! A Message; the data of message.created and message.edited.
struct Message {
    QString id;
    QString clientId; //!< a payment message's is its transaction id
    QString conversationId;
    User sender;
    QString text;
    QDateTime createdAt;
    QString kind = QStringLiteral("text"); //!< "text" | "payment" | "system"
    std::optional<PaymentCard> payment;    //!< set exactly for kind "payment"
    QList<Attachment> attachments;         //!< up to limits::kMaxMessageAttachments, in order
    std::optional<QDateTime> editedAt;     //!< the last edit (its text is the new one)
    std::optional<QDateTime> deletedAt;    //!< a tombstone: text "", no attachments, reactions or reply
    QList<Reaction> reactions;             //!< by first reaction, oldest first
    std::optional<ReplyRef> replyTo;
    std::optional<ForwardedFrom> forwardedFrom;
    std::optional<SystemEvent> system; //!< set exactly for kind "system"
    //! The members a group message names as @handle (user ids, in the order of the text).
    QStringList mentions;

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
    //! The viewer's mute (docs/api.md "Safety"): muted with no end is "forever"; a timed mute
    //! stays set after its end (clients compare mutedUntil with their clock).
    //! Absent from servers before it: false.
    bool muted = false;
    std::optional<QDateTime> mutedUntil;
    //! Groups (docs/api.md "Groups"): the members who are admins (the others are members),
    //! whether the viewer is still a member ("member"; "left" or "removed" once not: the
    //! conversation is read-only, its history up to then), and how many unread messages
    //! mention the viewer. Absent from servers before it: no admins, "member", 0.
    QStringList adminIds;
    QString membership = QStringLiteral("member");
    qint64 unreadMentions = 0;
    //! Message requests (docs/api.md "Message requests"): true while this direct conversation
    //! is a stranger's request to the viewer, not yet accepted. Absent from servers before it: false.
    bool request = false;

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

//! The data of message.deleted: {"id","conversation_id","deleted_at"}. A client replaces the
//! message with a tombstone (a client that reads only "id", as every *.deleted, removes it).
struct MessageDeleted {
    QString id;
    QString conversationId;
    QDateTime deletedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<MessageDeleted> fromJson(const QJsonObject &o,
                                                         const QString &context = QStringLiteral("message.deleted"));
};

//! The data of message.reaction: who added or removed which emoji on which message, and the
//! message's reactions after it as the log's owner sees them (the whole list, so applying the
//! event again changes nothing).
struct ReactionChange {
    QString messageId;
    QString conversationId;
    QString userId;
    QString emoji;
    bool added = true;
    QList<Reaction> reactions;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<ReactionChange> fromJson(const QJsonObject &o,
                                                         const QString &context = QStringLiteral("message.reaction"));
};

//! Reactions as JSON (the wire's list, also how the cache keeps them) and back.
[[nodiscard]] QJsonArray reactionsToJson(const QList<Reaction> &reactions);

} // namespace plaza::protocol
