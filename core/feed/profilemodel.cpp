// SPDX-License-Identifier: MIT
#include "feed/profilemodel.h"

#include "feed/feedservice.h"
#include "protocol/endpoints.h"
#include "storage/database.h"

#include <QPointer>

namespace plaza::feed {

ProfileModel::ProfileModel(QObject *parent) : PostListModel(parent)
{
    connect(this, &PostListModel::serviceChanged, this, [this] {
        if (!service())
            return;
        // The person's row changes with a sync batch or with the feed service's own writes
        // (a follow): both arrive on the cache's change stream.
        if (storage::Cache *c = cache()) {
            connect(c, &storage::Cache::changed, this, [this](const storage::ChangeSet &set) {
                if (!m_userId.isEmpty() && set.changes.ids(storage::Table::Users).contains(m_userId))
                    readUser();
            });
        }
    });
}

void ProfileModel::setUserId(const QString &userId)
{
    if (userId == m_userId)
        return;
    m_userId = userId;
    Q_EMIT userIdChanged();
    reload();
}

QString ProfileModel::serverPath() const
{
    return m_userId.isEmpty() ? QString() : protocol::endpoints::userPosts(m_userId);
}

QString ProfileModel::initials() const
{
    return feed::initials(m_displayName);
}

bool ProfileModel::isSelf() const
{
    return !m_userId.isEmpty() && m_userId == selfId();
}

void ProfileModel::readUser()
{
    bool loaded = false;
    if (db() && !m_userId.isEmpty()) {
        auto stmt = db()->prepare(QStringLiteral("SELECT handle, display_name, kind, verified, followers, following, "
                                                 "followed_by_me FROM users WHERE id = ?1;"));
        if (stmt) {
            stmt->bind(1, m_userId);
            auto row = stmt->step();
            if (row && *row) {
                loaded = true;
                m_handle = stmt->text(0);
                m_displayName = stmt->text(1);
                m_kind = stmt->text(2);
                m_verified = stmt->int64(3) != 0;
                m_followers = stmt->int64(4);
                m_following = stmt->int64(5);
                m_followedByMe = stmt->int64(6) != 0;
            }
        }
    }
    m_loaded = loaded;
    Q_EMIT userChanged();
}

void ProfileModel::afterReload()
{
    readUser();
    onOnline();
}

void ProfileModel::onOnline()
{
    if (m_refreshing || m_userId.isEmpty() || !service() || !isLive())
        return;
    refreshTask();
}

QCoro::Task<void> ProfileModel::refreshTask()
{
    QPointer<ProfileModel> self(this);
    m_refreshing = true;
    const QString userId = m_userId;
    auto user = co_await service()->fetchUser(userId);
    if (!self)
        co_return;
    if (user) {
        // The newest page: what they posted since the cache last saw them.
        auto page = co_await service()->fetchPage(serverPath(), QString(), m_pageSize);
        if (!self)
            co_return;
        if (!page && !page.error().isTransient())
            setError(page.error().codeName());
    } else if (!user.error().isTransient()) {
        setError(user.error().codeName());
    }
    m_refreshing = false;
    if (userId == m_userId)
        readUser();
}

void ProfileModel::onUnloadedChanges(const QStringList &postIds)
{
    Q_UNUSED(postIds);
    // Profiles are short-lived views: newer posts go on top as they arrive.
    if (!db())
        return;
    PostCursor top;
    const int first = firstRealRow();
    if (first >= 0)
        top = {m_rows.at(first).createdAt, m_rows.at(first).id};
    auto rows = readPosts(*db(), scope(), scopeKey(), selfId(), {}, m_pageSize);
    if (!rows)
        return;
    QList<PostRecord> newer;
    for (const PostRecord &r : std::as_const(*rows)) {
        if (rowOf(r.id) >= 0 || (!top.id.isEmpty() && (r.createdAt < top.createdAt || (r.createdAt == top.createdAt && r.id <= top.id))))
            break;
        newer.append(r);
    }
    if (first < 0) {
        appendRows(newer);
        return;
    }
    insertRowsAt(0, newer);
}

void ProfileModel::follow()
{
    followTask(true);
}

void ProfileModel::unfollow()
{
    followTask(false);
}

QCoro::Task<void> ProfileModel::followTask(bool on)
{
    if (!service() || !service()->store() || m_userId.isEmpty() || isSelf() || m_followedByMe == on)
        co_return;
    QPointer<ProfileModel> self(this);
    const bool wasFollowed = m_followedByMe;
    const qint64 wasFollowers = m_followers;
    // Optimistic: the button and the count change now (the cache's row through the writer).
    service()->setFollowedLocally(m_userId, on, m_followers + (on ? 1 : -1));
    m_followedByMe = on;
    m_followers += on ? 1 : -1;
    Q_EMIT userChanged();
    const QString userId = m_userId;
    const Status st = co_await service()->setFollowing(userId, on);
    if (!self)
        co_return;
    if (!st && service() && service()->store()) {
        QCoro::Task<Status> rollingBack = service()->setFollowedLocally(userId, wasFollowed, wasFollowers);
        (void)co_await std::move(rollingBack);
        if (!self || !service())
            co_return;
        Q_EMIT service()->actionFailed(st.error().codeName(), st.error().field());
    }
    if (userId == m_userId)
        readUser();
}

} // namespace plaza::feed
