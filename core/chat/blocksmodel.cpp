// SPDX-License-Identifier: MIT
#include "chat/blocksmodel.h"

#include "chat/chatservice.h"
#include "chat/safetyactions.h"
#include "storage/cache.h"

namespace plaza::chat {

BlocksModel::BlocksModel(QObject *parent) : PeopleListModel(parent) { }

BlocksModel::~BlocksModel() = default;

void BlocksModel::setSafety(SafetyActions *safety)
{
    if (m_safety == safety)
        return;
    m_safety = safety;
    ChatService *chat = m_safety ? m_safety->chat() : nullptr;
    Q_EMIT safetyChanged();
    watch(chat ? chat->cache() : nullptr, storage::Table::Blocks);
}

const storage::Cache *BlocksModel::cache() const
{
    ChatService *chat = m_safety ? m_safety->chat() : nullptr;
    return chat ? chat->cache() : nullptr;
}

QString BlocksModel::query() const
{
    return QStringLiteral(
        "SELECT b.user_id, coalesce(u.handle, ''), coalesce(nullif(u.display_name, ''), u.handle, b.user_id), b.blocked_at "
        "FROM blocks b LEFT JOIN users u ON u.id = b.user_id ORDER BY b.blocked_at DESC, b.user_id;");
}

QCoro::Task<Status> BlocksModel::sync()
{
    return m_safety->syncBlocks();
}

} // namespace plaza::chat
