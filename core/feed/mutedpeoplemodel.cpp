// SPDX-License-Identifier: MIT
#include "feed/mutedpeoplemodel.h"

#include "storage/cache.h"

namespace plaza::feed {

MutedPeopleModel::MutedPeopleModel(QObject *parent) : PeopleListModel(parent) { }

MutedPeopleModel::~MutedPeopleModel() = default;

void MutedPeopleModel::setFeed(FeedService *feed)
{
    if (m_feed == feed)
        return;
    m_feed = feed;
    Q_EMIT feedChanged();
    watch(m_feed ? m_feed->cache() : nullptr, storage::Table::PersonMutes);
}

const storage::Cache *MutedPeopleModel::cache() const
{
    return m_feed ? m_feed->cache() : nullptr;
}

QString MutedPeopleModel::query() const
{
    return QStringLiteral(
        "SELECT m.user_id, coalesce(u.handle, ''), coalesce(nullif(u.display_name, ''), u.handle, m.user_id), m.muted_at "
        "FROM person_mutes m LEFT JOIN users u ON u.id = m.user_id ORDER BY m.muted_at DESC, m.user_id;");
}

QCoro::Task<Status> MutedPeopleModel::sync()
{
    return m_feed->syncPersonMutes();
}

} // namespace plaza::feed
