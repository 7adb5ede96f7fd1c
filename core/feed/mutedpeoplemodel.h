// SPDX-License-Identifier: MIT
#pragma once

#include "chat/peoplelistmodel.h"
#include "feed/feedservice.h"

#include <QPointer>

namespace plaza::feed {

//! The people the user muted in the feed (docs/api.md "Safety"), newest mute first, from the
//! cache's person_mutes table (chat::PeopleListModel: offline too, rows follow by user id).
//! refresh() asks the server (GET /v1/mutes, FeedService::syncPersonMutes), which rewrites the
//! table; person_mute.changed events and mutes from any window change it as well. userIds (or
//! contains()) tells a profile whether to offer Mute or Unmute.
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `feed`.
class MutedPeopleModel : public chat::PeopleListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::feed::FeedService *feed READ feed WRITE setFeed NOTIFY feedChanged)
public:
    explicit MutedPeopleModel(QObject *parent = nullptr);
    ~MutedPeopleModel() override;

    [[nodiscard]] FeedService *feed() const { return m_feed; }
    void setFeed(FeedService *feed);

Q_SIGNALS:
    void feedChanged();

protected:
    [[nodiscard]] const storage::Cache *cache() const override;
    [[nodiscard]] QString query() const override;
    [[nodiscard]] QCoro::Task<Status> sync() override;

private:
    QPointer<FeedService> m_feed;
};

} // namespace plaza::feed
