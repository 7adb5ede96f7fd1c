// SPDX-License-Identifier: MIT
#pragma once

// The feed's Post (docs/api.md "Feed → Post") and its codec, for the server's encoders and the
// client's stores alike.

#include "protocol/media.h"
#include "protocol/types.h"

#include <memory>
#include <optional>

namespace plaza::protocol {

//! The ranking inputs of a post for the viewer (not money: the affinity is a real number).
struct PostSignals {
    double authorAffinity = 0; //!< 0 … 1
    qint64 engagement = 0;
    qint64 ageS = 0;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<PostSignals> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("signals"));
};

//! The compact card of a quoted post inside a quote-repost (docs/api.md "Feed → Post"):
//! {"id","deleted","author":User|null,"text","created_at":time|null}. deleted: the quoted post
//! was deleted, or its viewer cannot see it (a block); then author and created_at are null, text "".
struct QuotedPost {
    QString id;
    bool deleted = false;
    std::optional<User> author;
    QString text;
    QDateTime createdAt;
    std::optional<QDateTime> editedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<QuotedPost> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("quote_of"));
};

//! A Post as its viewer sees it; the data of post.created and post.updated.
struct Post {
    QString id;
    std::optional<QString> clientId; //!< none for a repost
    User author;
    QString text;
    QDateTime createdAt;
    std::optional<QString> replyTo;
    std::shared_ptr<const Post> repostOf; //!< the original, as the viewer sees it; null if not a repost
    qint64 likeCount = 0;
    qint64 repostCount = 0;
    qint64 replyCount = 0;
    bool likedByMe = false;
    bool repostedByMe = false;
    bool sponsored = false;
    std::optional<User> advertiser;
    QString reach = QStringLiteral("full"); //!< "full" | "limited"
    std::optional<PostSignals> rankSignals; //!< "signals" (a Qt keyword in C++)
    QList<Attachment> images;               //!< up to limits::kMaxPostImages, each of kind "image"
    std::optional<QDateTime> editedAt;      //!< the last edit by its author; none if never edited
    std::optional<QuotedPost> quoteOf;      //!< a quote-repost: the quoted post's card
    bool bookmarkedByMe = false;            //!< the viewer's bookmark (private to them)

    //! A repost embeds its original, which embeds nothing in v1: nesting deeper than this is refused.
    static constexpr int kMaxDepth = 2;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Post> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("post"));

private:
    static Result<Post> decode(const QJsonObject &o, const QString &context, int depth);
};

} // namespace plaza::protocol

namespace plaza::protocol {

//! The data of bookmark.changed, logged to the bookmarker's log only:
//! {"post_id","bookmarked","changed_at","post":Post|null} (post null when it was deleted).
struct BookmarkChange {
    QString postId;
    bool bookmarked = false;
    QDateTime changedAt;
    std::optional<Post> post;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<BookmarkChange> fromJson(const QJsonObject &o,
                                                         const QString &context = QStringLiteral("bookmark.changed"));
};

} // namespace plaza::protocol
