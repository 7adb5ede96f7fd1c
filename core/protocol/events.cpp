// SPDX-License-Identifier: MIT
#include "protocol/events.h"

#include <QHash>

namespace plaza::protocol {

namespace {

struct Entry {
    EventType type;
    const char16_t *name;
};

constexpr Entry kEvents[] = {
    {EventType::MessageCreated, u"message.created"},
    {EventType::MessageEdited, u"message.edited"},
    {EventType::MessageDeleted, u"message.deleted"},
    {EventType::MessageReaction, u"message.reaction"},
    {EventType::ConversationUpdated, u"conversation.updated"},
    {EventType::ConversationRead, u"conversation.read"},
    {EventType::ConversationDeleted, u"conversation.deleted"},
    {EventType::PostCreated, u"post.created"},
    {EventType::PostUpdated, u"post.updated"},
    {EventType::PostDeleted, u"post.deleted"},
    {EventType::TransactionCreated, u"transaction.created"},
    {EventType::TransactionUpdated, u"transaction.updated"},
    {EventType::TransactionDeleted, u"transaction.deleted"},
    {EventType::WalletUpdated, u"wallet.updated"},
    {EventType::SavingsUpdated, u"savings.updated"},
    {EventType::SavingsRateChanged, u"savings.rate_changed"},
    {EventType::PaymentRequestUpdated, u"payment_request.updated"},
    {EventType::PaymentRequestDeleted, u"payment_request.deleted"},
    {EventType::UserUpdated, u"user.updated"},
    {EventType::BlockChanged, u"block.changed"},
    {EventType::BookmarkChanged, u"bookmark.changed"},
    {EventType::PersonMuteChanged, u"person_mute.changed"},
};

} // namespace

QString eventName(EventType type)
{
    for (const Entry &e : kEvents) {
        if (e.type == type)
            return QString::fromUtf16(e.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    for (const Entry &e : kEvents) {
        if (name == QStringView(e.name))
            return e.type;
    }
    return std::nullopt;
}

const QList<EventType> &allEventTypes()
{
    static const QList<EventType> types = [] {
        QList<EventType> all;
        for (const Entry &e : kEvents)
            all.append(e.type);
        return all;
    }();
    return types;
}

QString noticeName(NoticeType type)
{
    switch (type) {
    case NoticeType::SessionCreated:
        return QStringLiteral("session.created");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<NoticeType> noticeTypeFromName(QStringView name)
{
    if (name == u"session.created")
        return NoticeType::SessionCreated;
    return std::nullopt;
}

} // namespace plaza::protocol
