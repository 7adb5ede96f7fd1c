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
    MessageDeleted,
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
};

//! "message.created" for EventType::MessageCreated, and so on.
[[nodiscard]] QString eventName(EventType type);
//! The type a name stands for; nullopt for a name this build does not know.
[[nodiscard]] std::optional<EventType> eventTypeFromName(QStringView name);
//! Every type, in declaration order.
[[nodiscard]] const QList<EventType> &allEventTypes();

} // namespace plaza::protocol
