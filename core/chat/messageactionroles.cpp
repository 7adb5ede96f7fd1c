// SPDX-License-Identifier: MIT
#include "chat/messageactionroles.h"

#include "chat/messagesmodel.h"

#include <QDateTime>
#include <QVariantMap>

#include <algorithm>

namespace plaza::chat {

QVariant actionRoleData(const MessageRow &m, int role)
{
    switch (role) {
    case MessagesModel::EditedRole:
        return !m.editedAt.isEmpty() && !m.deleted;
    case MessagesModel::EditedAtRole:
        return m.editedAt.isEmpty() ? QVariant() : QVariant(QDateTime::fromString(m.editedAt, Qt::ISODateWithMs).toUTC());
    case MessagesModel::DeletedRole:
        return m.deleted;
    case MessagesModel::ReactionsRole: {
        QVariantList list;
        for (const protocol::Reaction &r : m.reactions) {
            list.append(QVariantMap{{QStringLiteral("emoji"), r.emoji},
                                    {QStringLiteral("count"), r.count},
                                    {QStringLiteral("mine"), r.mine},
                                    {QStringLiteral("recentUserIds"), r.recentUserIds}});
        }
        return list;
    }
    case MessagesModel::ReplyToRole:
        return m.replyToId;
    case MessagesModel::ReplySenderNameRole:
        return m.replySenderName;
    case MessagesModel::ReplySnippetRole:
        return m.replySnippet;
    case MessagesModel::ReplyDeletedRole:
        return m.replyDeleted;
    case MessagesModel::ForwardedRole:
        return !m.forwardedFrom.isEmpty();
    case MessagesModel::ForwardedFromRole:
        return m.forwardedFrom;
    default:
        return {};
    }
}

bool sameActions(const MessageRow &a, const MessageRow &b)
{
    const auto sameReaction = [](const protocol::Reaction &x, const protocol::Reaction &y) {
        return x.emoji == y.emoji && x.count == y.count && x.mine == y.mine && x.recentUserIds == y.recentUserIds;
    };
    return a.editedAt == b.editedAt && a.deleted == b.deleted && a.replyToId == b.replyToId
        && a.replySenderName == b.replySenderName && a.replySnippet == b.replySnippet && a.replyDeleted == b.replyDeleted
        && a.forwardedFrom == b.forwardedFrom
        && std::equal(a.reactions.cbegin(), a.reactions.cend(), b.reactions.cbegin(), b.reactions.cend(), sameReaction);
}

} // namespace plaza::chat
