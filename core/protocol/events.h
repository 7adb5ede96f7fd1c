// SPDX-License-Identifier: MIT
#pragma once

// The names of the event types of a user's log (docs/api.md, "Events"), spelled here once
// for the server that appends them and the client that applies them.

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace plaza::protocol {

enum class EventType {
    MessageCreated,
    MessageEdited,
    MessageDeleted,
    MessageReaction,
    ConversationUpdated,
    ConversationRead,
    ConversationDeleted,
    PostCreated,
    PostUpdated,
    PostDeleted,
    TransactionCreated,
    TransactionUpdated,
    TransactionDeleted,
    WalletUpdated,
    SavingsUpdated,
    SavingsRateChanged,
    PaymentRequestUpdated,
    PaymentRequestDeleted,
    UserUpdated,
    BlockChanged,
    BookmarkChanged,
    PersonMuteChanged,
};

//! "message.created" for EventType::MessageCreated, and so on.
[[nodiscard]] QString eventName(EventType type);
//! The type a name stands for; nullopt for a name this build does not know.
[[nodiscard]] std::optional<EventType> eventTypeFromName(QStringView name);
//! Every type, in declaration order.
[[nodiscard]] const QList<EventType> &allEventTypes();

//! Notices: ephemeral frames of the live socket (no seq, not in the log) about the account
//! rather than about data the client keeps, so they are not EventTypes (EventApplier
//! applies EventTypes, and must cover every one of them); a client may ignore them.
enum class NoticeType {
    SessionCreated, //!< "session.created": someone signed in to this account (docs/api.md "Sessions")
};

//! "session.created" for NoticeType::SessionCreated.
[[nodiscard]] QString noticeName(NoticeType type);
//! The notice a name stands for; nullopt for anything else (EventTypes included).
[[nodiscard]] std::optional<NoticeType> noticeTypeFromName(QStringView name);

} // namespace plaza::protocol
