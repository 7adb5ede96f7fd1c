// SPDX-License-Identifier: MIT
#include "protocol/chat.h"

#include <QRegularExpression>
#include <QTextBoundaryFinder>

#include <algorithm>

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

namespace {

QJsonValue timeOrNull(const std::optional<QDateTime> &time)
{
    return time ? QJsonValue(formatTime(*time)) : QJsonValue(QJsonValue::Null);
}

template<typename T>
QJsonValue objectOrNull(const std::optional<T> &value)
{
    return value ? QJsonValue(value->toJson()) : QJsonValue(QJsonValue::Null);
}

bool isEmojiBase(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2300 && c <= 0x23FF)
        || (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2900 && c <= 0x297F)
        || (c >= 0x25A0 && c <= 0x25FF) || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122
        || c == 0x2139 || c == 0x24C2 || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299;
}

bool isEmojiComponent(char32_t c)
{
    // ZWJ, variation selectors, the keycap mark, tags (subdivision flags).
    return c == 0x200D || c == 0xFE0F || c == 0xFE0E || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

} // namespace

QString replySnippet(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QString flat = QString(text).replace(space, QStringLiteral(" ")).trimmed();
    const QList<uint> points = flat.toUcs4();
    if (points.size() <= kReplySnippetChars)
        return flat;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), kReplySnippetChars - 1).trimmed()
        + QStringLiteral("…");
}

bool isReactionEmoji(const QString &text)
{
    if (text.isEmpty() || text.toUtf8().size() > kMaxReactionBytes)
        return false;
    // One user-perceived character.
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    if (graphemes.toNextBoundary() != text.size())
        return false;
    const QList<uint> points = text.toUcs4();
    const char32_t first = points.constFirst();
    // A keycap: 0-9, # or * with an optional VS16 and U+20E3.
    if ((first >= u'0' && first <= u'9') || first == u'#' || first == u'*')
        return points.size() >= 2 && points.constLast() == 0x20E3
            && (points.size() == 2 || (points.size() == 3 && points.at(1) == 0xFE0F));
    // A flag is exactly two regional indicators; one alone is a letter, not an emoji.
    const auto indicators = std::count_if(points.cbegin(), points.cend(), [](uint c) { return c >= 0x1F1E6 && c <= 0x1F1FF; });
    if (indicators > 0)
        return indicators == 2 && points.size() == 2;
    bool base = false;
    for (uint c : points) {
        if (isEmojiBase(c))
            base = true;
        else if (!isEmojiComponent(c))
            return false;
    }
    return base;
}

QJsonObject Reaction::toJson() const
{
    return {{QStringLiteral("emoji"), emoji},
            {QStringLiteral("count"), count},
            {QStringLiteral("mine"), mine},
            {QStringLiteral("recent_user_ids"), QJsonArray::fromStringList(recentUserIds)}};
}

Result<Reaction> Reaction::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Reaction x;
    x.emoji = r.string(QStringLiteral("emoji"));
    x.count = r.integer(QStringLiteral("count"));
    x.mine = r.optBoolean(QStringLiteral("mine")).value_or(false);
    for (const QJsonValue &v : r.array(QStringLiteral("recent_user_ids"))) {
        if (!v.isString()) {
            r.fail(QStringLiteral("recent_user_ids"), QStringLiteral("must be user ids"));
            break;
        }
        x.recentUserIds.append(v.toString());
    }
    if (r.ok() && x.count < 1)
        r.fail(QStringLiteral("count"), QStringLiteral("must be at least 1"));
    if (!r.ok())
        return r.error();
    return x;
}

QJsonArray reactionsToJson(const QList<Reaction> &reactions)
{
    QJsonArray list;
    for (const Reaction &x : reactions)
        list.append(x.toJson());
    return list;
}

QJsonObject ReplyRef::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("sender_id"), senderId},
            {QStringLiteral("sender_name"), senderName},
            {QStringLiteral("snippet"), snippet},
            {QStringLiteral("deleted"), deleted}};
}

Result<ReplyRef> ReplyRef::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    ReplyRef x;
    x.id = r.string(QStringLiteral("id"));
    x.senderId = r.string(QStringLiteral("sender_id"));
    x.senderName = r.string(QStringLiteral("sender_name"));
    x.snippet = r.string(QStringLiteral("snippet"));
    x.deleted = r.boolean(QStringLiteral("deleted"));
    if (!r.ok())
        return r.error();
    return x;
}

QJsonObject ForwardedFrom::toJson() const
{
    return {{QStringLiteral("message_id"), messageId},
            {QStringLiteral("sender_id"), senderId},
            {QStringLiteral("sender_name"), senderName}};
}

Result<ForwardedFrom> ForwardedFrom::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    ForwardedFrom x;
    x.messageId = r.string(QStringLiteral("message_id"));
    x.senderId = r.string(QStringLiteral("sender_id"));
    x.senderName = r.string(QStringLiteral("sender_name"));
    if (!r.ok())
        return r.error();
    return x;
}

QJsonObject SystemEvent::toJson() const
{
    return {{QStringLiteral("action"), action},
            {QStringLiteral("actor_id"), actorId},
            {QStringLiteral("target_id"), targetId ? QJsonValue(*targetId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("title"), title ? QJsonValue(*title) : QJsonValue(QJsonValue::Null)}};
}

const QStringList &SystemEvent::actions()
{
    static const QStringList list{QStringLiteral("added"), QStringLiteral("removed"), QStringLiteral("left"),
                                  QStringLiteral("renamed"), QStringLiteral("promoted")};
    return list;
}

Result<SystemEvent> SystemEvent::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    SystemEvent x;
    x.action = r.oneOf(QStringLiteral("action"), actions());
    x.actorId = r.string(QStringLiteral("actor_id"));
    if (const QString target = r.optString(QStringLiteral("target_id")); !target.isNull())
        x.targetId = target;
    if (const QString title = r.optString(QStringLiteral("title")); !title.isNull())
        x.title = title;
    if (r.ok() && !x.targetId && x.action != u"left" && x.action != u"renamed")
        r.fail(QStringLiteral("target_id"), QStringLiteral("is required for \"%1\"").arg(x.action));
    if (r.ok() && !x.title && x.action == u"renamed")
        r.fail(QStringLiteral("title"), QStringLiteral("is required for \"renamed\""));
    if (!r.ok())
        return r.error();
    return x;
}

QJsonObject MessageDeleted::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("deleted_at"), formatTime(deletedAt)}};
}

Result<MessageDeleted> MessageDeleted::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    MessageDeleted x;
    x.id = r.string(QStringLiteral("id"));
    x.conversationId = r.string(QStringLiteral("conversation_id"));
    x.deletedAt = r.time(QStringLiteral("deleted_at"));
    if (!r.ok())
        return r.error();
    return x;
}

QJsonObject ReactionChange::toJson() const
{
    return {{QStringLiteral("message_id"), messageId},
            {QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("emoji"), emoji},
            {QStringLiteral("added"), added},
            {QStringLiteral("reactions"), reactionsToJson(reactions)}};
}

Result<ReactionChange> ReactionChange::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    ReactionChange x;
    x.messageId = r.string(QStringLiteral("message_id"));
    x.conversationId = r.string(QStringLiteral("conversation_id"));
    x.userId = r.string(QStringLiteral("user_id"));
    x.emoji = r.string(QStringLiteral("emoji"));
    x.added = r.boolean(QStringLiteral("added"));
    x.reactions = r.decodeList<Reaction>(QStringLiteral("reactions"));
    if (!r.ok())
        return r.error();
    return x;
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
        {QStringLiteral("edited_at"), timeOrNull(editedAt)},
        {QStringLiteral("deleted_at"), timeOrNull(deletedAt)},
        {QStringLiteral("reactions"), reactionsToJson(reactions)},
        {QStringLiteral("reply_to"), objectOrNull(replyTo)},
        {QStringLiteral("forwarded_from"), objectOrNull(forwardedFrom)},
        {QStringLiteral("system"), objectOrNull(system)},
        {QStringLiteral("mentions"), QJsonArray::fromStringList(mentions)},
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
    m.kind = r.oneOf(QStringLiteral("kind"), {QStringLiteral("text"), QStringLiteral("payment"), QStringLiteral("system")});
    m.payment = r.optDecode<PaymentCard>(QStringLiteral("payment"));
    // A server from before media leaves it out: no attachments.
    m.attachments = r.decodeList<Attachment>(QStringLiteral("attachments"), false);
    // A server from before issue 17 leaves these out: never edited or deleted, no reactions.
    m.editedAt = r.optTime(QStringLiteral("edited_at"));
    m.deletedAt = r.optTime(QStringLiteral("deleted_at"));
    m.reactions = r.decodeList<Reaction>(QStringLiteral("reactions"), false);
    m.replyTo = r.optDecode<ReplyRef>(QStringLiteral("reply_to"));
    m.forwardedFrom = r.optDecode<ForwardedFrom>(QStringLiteral("forwarded_from"));
    // A server from before groups leaves these out: no system messages, no mentions.
    m.system = r.optDecode<SystemEvent>(QStringLiteral("system"));
    if (const QJsonValue mentions = o.value(QStringLiteral("mentions")); !mentions.isUndefined() && !mentions.isNull()) {
        for (const QJsonValue &v : r.array(QStringLiteral("mentions"))) {
            if (!v.isString()) {
                r.fail(QStringLiteral("mentions"), QStringLiteral("must be user ids"));
                break;
            }
            m.mentions.append(v.toString());
        }
    }
    if (r.ok() && (m.kind == u"system") != m.system.has_value())
        r.fail(QStringLiteral("system"), QStringLiteral("is required exactly for a system message"));
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
        {QStringLiteral("muted"), muted},
        {QStringLiteral("muted_until"), mutedUntil ? timeOrNull(*mutedUntil) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("admin_ids"), QJsonArray::fromStringList(adminIds)},
        {QStringLiteral("membership"), membership},
        {QStringLiteral("unread_mentions"), unreadMentions},
        {QStringLiteral("request"), request},
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
    c.muted = r.optBoolean(QStringLiteral("muted")).value_or(false);
    c.mutedUntil = r.optTime(QStringLiteral("muted_until"));
    if (const QJsonValue admins = o.value(QStringLiteral("admin_ids")); !admins.isUndefined() && !admins.isNull()) {
        for (const QJsonValue &v : r.array(QStringLiteral("admin_ids"))) {
            if (!v.isString()) {
                r.fail(QStringLiteral("admin_ids"), QStringLiteral("must be user ids"));
                break;
            }
            c.adminIds.append(v.toString());
        }
    }
    if (o.contains(QStringLiteral("membership")))
        c.membership = r.oneOf(QStringLiteral("membership"),
                               {QStringLiteral("member"), QStringLiteral("left"), QStringLiteral("removed")});
    c.unreadMentions = r.optInteger(QStringLiteral("unread_mentions")).value_or(0);
    r.nonNegative(QStringLiteral("unread_mentions"), c.unreadMentions);
    c.request = r.optBoolean(QStringLiteral("request")).value_or(false);
    if (r.ok() && c.mutedUntil && !c.muted)
        r.fail(QStringLiteral("muted_until"), QStringLiteral("is set on a conversation that is not muted"));
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
