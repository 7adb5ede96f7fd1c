// SPDX-License-Identifier: MIT
#include "messages.h"

#include "conversations.h"
#include "eventlog.h"
#include "ledger.h"
#include "protocol/json.h"
#include "serverdb.h"
#include "users.h"

#include <QDateTime>

namespace plaza::server {

Result<QJsonObject> messageJson(ServerDb &db, qint64 viewerId, qint64 messageId)
{
    auto stmt = db.query(QStringLiteral("SELECT m.conversation_id, m.sender_id, m.client_id, m.text, m.kind, "
                                        "m.transaction_id, m.created_at, t.amount, t.currency "
                                        "FROM messages m LEFT JOIN ledger_transactions t ON t.id = m.transaction_id "
                                        "WHERE m.id = ?1"),
                         messageId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such message."));
    auto sender = loadUser(db, viewerId, stmt->int64(1));
    if (!sender)
        return sender.error();
    QJsonValue payment = QJsonValue::Null;
    if (!stmt->isNull(5)) {
        payment = QJsonObject{
            {QStringLiteral("transaction_id"), ids::format(ids::kTransaction, stmt->int64(5))},
            {QStringLiteral("amount"),
             QJsonObject{{QStringLiteral("amount"), stmt->int64(7)}, {QStringLiteral("currency"), stmt->text(8)}}},
        };
    }
    return QJsonObject{
        {QStringLiteral("id"), ids::format(ids::kMessage, messageId)},
        {QStringLiteral("client_id"), stmt->text(2)},
        {QStringLiteral("conversation_id"), ids::format(ids::kConversation, stmt->int64(0))},
        {QStringLiteral("sender"), sender->toJson()},
        {QStringLiteral("text"), stmt->text(3)},
        {QStringLiteral("created_at"), protocol::formatTime(QDateTime::fromMSecsSinceEpoch(stmt->int64(6), Qt::UTC))},
        {QStringLiteral("kind"), stmt->text(4)},
        {QStringLiteral("payment"), payment},
    };
}

Result<qint64> postPaymentMessage(ServerDb &db, qint64 conversationId, qint64 senderId, qint64 transactionId,
                                  const QString &text, qint64 nowMs)
{
    if (auto st = db.run(QStringLiteral("INSERT INTO messages (conversation_id, sender_id, client_id, text, kind, "
                                        "transaction_id, created_at) VALUES (?1, ?2, ?3, ?4, 'payment', ?5, ?6)"),
                         conversationId, senderId, ids::format(ids::kTransaction, transactionId),
                         text.isNull() ? QStringLiteral("") : text, transactionId, nowMs);
        !st)
        return st.error();
    const qint64 messageId = db.db().lastInsertRowId();
    if (auto st = db.run(QStringLiteral("UPDATE conversations SET last_activity_at = max(last_activity_at, ?2) WHERE id = ?1"),
                         conversationId, nowMs);
        !st)
        return st.error();
    auto members = memberIds(db, conversationId);
    if (!members)
        return members.error();
    for (qint64 member : std::as_const(*members)) {
        auto json = messageJson(db, member, messageId);
        if (!json)
            return json.error();
        if (auto seq = appendEvent(db.db(), member, QStringLiteral("message.created"), *json); !seq)
            return seq.error();
    }
    return messageId;
}

} // namespace plaza::server
