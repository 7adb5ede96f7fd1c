// SPDX-License-Identifier: MIT
#pragma once

#include "feed/postlistmodel.h"

namespace plaza::feed {

//! A post and its replies: row 0 is the post (check `found`), then its direct replies oldest
//! first. Served from the cache at once, then refreshed from the server (the post and its
//! newest 200 replies) when online. A reply the user writes (FeedService.compose with
//! replyTo) appears at the end at once.
class ThreadModel : public PostListModel
{
    Q_OBJECT
    Q_PROPERTY(QString postId READ postId WRITE setPostId NOTIFY postIdChanged)
    Q_PROPERTY(bool found READ found NOTIFY foundChanged)
public:
    explicit ThreadModel(QObject *parent = nullptr);

    [[nodiscard]] QString postId() const { return m_postId; }
    void setPostId(const QString &postId);
    //! True when row 0 is the post (false: unknown or deleted, or not loaded yet offline).
    [[nodiscard]] bool found() const { return !m_rows.isEmpty() && m_rows.constFirst().postId == m_postId; }

Q_SIGNALS:
    void postIdChanged();
    void foundChanged();
    //! The server answered (or could not be reached).
    void refreshed();

protected:
    [[nodiscard]] PostScope scope() const override { return PostScope::Replies; }
    [[nodiscard]] QString scopeKey() const override { return m_postId; }
    void afterReload() override;
    void onUnloadedChanges(const QStringList &postIds) override;
    void onOnline() override;

private:
    QCoro::Task<void> refreshTask();
    void readHead();

    QString m_postId;
    bool m_refreshing = false;
};

} // namespace plaza::feed
