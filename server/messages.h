// SPDX-License-Identifier: MIT
#pragma once

// Chat messages as far as the wallet needs them: a payment posted into a conversation
// leaves a kind "payment" message there, written in the transfer's own transaction.
// The chat issue adds text messages, listing and read marks on the same table.

#include "common/result.h"

#include <QJsonObject>
#include <QString>

namespace plaza::server {

class ServerDb;

//! The Message object of api-v1 as \a viewerId sees it. NotFound if none.
[[nodiscard]] Result<QJsonObject> messageJson(ServerDb &db, qint64 viewerId, qint64 messageId);

//! Posts the kind "payment" message of \a transactionId by \a senderId in
//! \a conversationId (inside the caller's transaction): bumps the conversation's
//! activity and appends message.created to every member's log. The message's
//! client_id is the transaction's id, so one transaction has at most one message.
[[nodiscard]] Result<qint64> postPaymentMessage(ServerDb &db, qint64 conversationId, qint64 senderId,
                                                qint64 transactionId, const QString &text, qint64 nowMs);

} // namespace plaza::server
