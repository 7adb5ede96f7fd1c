// SPDX-License-Identifier: MIT
#include "protocol/chat.h"

namespace plaza::protocol {

QJsonObject PaymentCard::toJson() const
{
    return {{QStringLiteral("transaction_id"), transactionId}, {QStringLiteral("amount"), moneyToJson(amount)}};
}

Result<PaymentCard> PaymentCard::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    PaymentCard p;
    p.transactionId = r.string(QStringLiteral("transaction_id"));
    p.amount = r.money(QStringLiteral("amount"));
    if (r.ok())
        r.positive(QStringLiteral("amount"), p.amount);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject Message::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("conversation_id"), conversationId},
        {QStringLiteral("sender"), sender.toJson()},
        {QStringLiteral("text"), text},
        {QStringLiteral("created_at"), formatTime(createdAt)},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("payment"), payment ? QJsonValue(payment->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("attachments"), attachmentsToJson(attachments)},
    };
}

Result<Message> Message::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Message m;
    m.id = r.string(QStringLiteral("id"));
    m.clientId = r.optString(QStringLiteral("client_id"));
    m.conversationId = r.string(QStringLiteral("conversation_id"));
    m.sender = r.decode<User>(QStringLiteral("sender"));
    m.text = r.string(QStringLiteral("text"));
    m.createdAt = r.time(QStringLiteral("created_at"));
    m.kind = r.oneOf(QStringLiteral("kind"), {QStringLiteral("text"), QStringLiteral("payment")});
    m.payment = r.optDecode<PaymentCard>(QStringLiteral("payment"));
    // A server from before media leaves it out: no attachments.
    m.attachments = r.decodeList<Attachment>(QStringLiteral("attachments"), false);
    if (r.ok() && m.attachments.size() > limits::kMaxMessageAttachments)
        r.fail(QStringLiteral("attachments"), QStringLiteral("must hold at most %1").arg(limits::kMaxMessageAttachments));
    if (r.ok() && m.kind == u"payment" && !m.payment)
        r.fail(QStringLiteral("payment"), QStringLiteral("is required for a payment message"));
    if (!r.ok())
        return r.error();
    return m;
}

QJsonObject Conversation::toJson() const
{
    QJsonArray memberList;
    for (const User &u : members)
        memberList.append(u.toJson());
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("title"), stringOrNull(title)},
        {QStringLiteral("members"), memberList},
        {QStringLiteral("last_message"), lastMessage ? QJsonValue(lastMessage->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("unread"), unread},
        {QStringLiteral("read_up_to"), stringOrNull(readUpTo)},
    };
}

Result<Conversation> Conversation::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Conversation c;
    c.id = r.string(QStringLiteral("id"));
    c.kind = r.oneOf(QStringLiteral("kind"), {QStringLiteral("direct"), QStringLiteral("group")});
    if (const QString title = r.optString(QStringLiteral("title")); !title.isNull())
        c.title = title;
    c.members = r.decodeList<User>(QStringLiteral("members"));
    c.lastMessage = r.optDecode<Message>(QStringLiteral("last_message"));
    c.unread = r.optInteger(QStringLiteral("unread")).value_or(0);
    r.nonNegative(QStringLiteral("unread"), c.unread);
    if (const QString upTo = r.optString(QStringLiteral("read_up_to")); !upTo.isNull())
        c.readUpTo = upTo;
    if (r.ok() && c.lastMessage && c.lastMessage->conversationId != c.id)
        r.fail(QStringLiteral("last_message.conversation_id"), QStringLiteral("names another conversation"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject ReadMark::toJson() const
{
    return {{QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("up_to"), upTo}};
}

Result<ReadMark> ReadMark::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    ReadMark m;
    m.conversationId = r.string(QStringLiteral("conversation_id"));
    m.userId = r.string(QStringLiteral("user_id"));
    m.upTo = r.string(QStringLiteral("up_to"));
    if (!r.ok())
        return r.error();
    return m;
}

} // namespace plaza::protocol
