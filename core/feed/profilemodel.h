// SPDX-License-Identifier: MIT
#pragma once

#include "feed/postlistmodel.h"

namespace plaza::feed {

//! A person's profile: who they are, their counts, follow/unfollow (optimistic, rolled back
//! if the server refuses), and their posts, replies and reposts newest first (cache first,
//! then server pages).
class ProfileModel : public PostListModel
{
    Q_OBJECT
    Q_PROPERTY(QString userId READ userId WRITE setUserId NOTIFY userIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY userChanged)
    Q_PROPERTY(QString handle READ handle NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString initials READ initials NOTIFY userChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY userChanged)
    Q_PROPERTY(bool verified READ verified NOTIFY userChanged)
    Q_PROPERTY(qint64 followers READ followers NOTIFY userChanged)
    Q_PROPERTY(qint64 following READ following NOTIFY userChanged)
    Q_PROPERTY(bool followedByMe READ followedByMe NOTIFY userChanged)
    Q_PROPERTY(bool isSelf READ isSelf NOTIFY userChanged)
public:
    explicit ProfileModel(QObject *parent = nullptr);

    [[nodiscard]] QString userId() const { return m_userId; }
    void setUserId(const QString &userId);
    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] QString handle() const { return m_handle; }
    [[nodiscard]] QString displayName() const { return m_displayName; }
    [[nodiscard]] QString initials() const;
    [[nodiscard]] QString kind() const { return m_kind; }
    [[nodiscard]] bool verified() const { return m_verified; }
    [[nodiscard]] qint64 followers() const { return m_followers; }
    [[nodiscard]] qint64 following() const { return m_following; }
    [[nodiscard]] bool followedByMe() const { return m_followedByMe; }
    [[nodiscard]] bool isSelf() const;

    //! Follows / unfollows at once; back as it was (and FeedService.actionFailed) if refused.
    Q_INVOKABLE void follow();
    Q_INVOKABLE void unfollow();

Q_SIGNALS:
    void userIdChanged();
    void userChanged();

protected:
    [[nodiscard]] PostScope scope() const override { return PostScope::Author; }
    [[nodiscard]] QString scopeKey() const override { return m_userId; }
    [[nodiscard]] QString serverPath() const override;
    void afterReload() override;
    void onUnloadedChanges(const QStringList &postIds) override;
    void onOnline() override;

private:
    QCoro::Task<void> refreshTask();
    QCoro::Task<void> followTask(bool on);
    void readUser();

    QString m_userId;
    bool m_loaded = false;
    QString m_handle;
    QString m_displayName;
    QString m_kind;
    bool m_verified = false;
    qint64 m_followers = 0;
    qint64 m_following = 0;
    bool m_followedByMe = false;
    bool m_refreshing = false;
};

} // namespace plaza::feed
