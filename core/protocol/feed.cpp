// SPDX-License-Identifier: MIT
#include "protocol/feed.h"

namespace plaza::protocol {

QJsonObject PostSignals::toJson() const
{
    return {{QStringLiteral("author_affinity"), authorAffinity},
            {QStringLiteral("engagement"), engagement},
            {QStringLiteral("age_s"), ageS}};
}

Result<PostSignals> PostSignals::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    PostSignals s;
    s.authorAffinity = r.number(QStringLiteral("author_affinity"));
    s.engagement = r.integer(QStringLiteral("engagement"));
    s.ageS = r.integer(QStringLiteral("age_s"));
    if (r.ok() && !(s.authorAffinity >= 0 && s.authorAffinity <= 1))
        r.fail(QStringLiteral("author_affinity"), QStringLiteral("must be between 0 and 1"));
    r.nonNegative(QStringLiteral("engagement"), s.engagement);
    r.nonNegative(QStringLiteral("age_s"), s.ageS);
    if (!r.ok())
        return r.error();
    return s;
}

QJsonObject QuotedPost::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("deleted"), deleted},
            {QStringLiteral("author"), author ? QJsonValue(author->toJson()) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("text"), text},
            {QStringLiteral("created_at"), deleted ? QJsonValue(QJsonValue::Null) : QJsonValue(formatTime(createdAt))},
            {QStringLiteral("edited_at"), editedAt ? QJsonValue(formatTime(*editedAt)) : QJsonValue(QJsonValue::Null)}};
}

Result<QuotedPost> QuotedPost::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    QuotedPost q;
    q.id = r.string(QStringLiteral("id"));
    q.deleted = r.optBoolean(QStringLiteral("deleted")).value_or(false);
    q.author = r.optDecode<User>(QStringLiteral("author"));
    q.text = r.optString(QStringLiteral("text"));
    if (q.text.isNull())
        q.text = QStringLiteral("");
    if (auto at = r.optTime(QStringLiteral("created_at")))
        q.createdAt = *at;
    q.editedAt = r.optTime(QStringLiteral("edited_at"));
    if (r.ok() && !q.deleted && !q.author)
        r.fail(QStringLiteral("author"), QStringLiteral("is required unless deleted"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject BookmarkChange::toJson() const
{
    return {{QStringLiteral("post_id"), postId},
            {QStringLiteral("bookmarked"), bookmarked},
            {QStringLiteral("changed_at"), formatTime(changedAt)},
            {QStringLiteral("post"), post ? QJsonValue(post->toJson()) : QJsonValue(QJsonValue::Null)}};
}

Result<BookmarkChange> BookmarkChange::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    BookmarkChange c;
    c.postId = r.string(QStringLiteral("post_id"));
    c.bookmarked = r.boolean(QStringLiteral("bookmarked"));
    c.changedAt = r.time(QStringLiteral("changed_at"));
    const std::optional<QJsonObject> post = r.optObject(QStringLiteral("post"));
    if (!r.ok())
        return r.error();
    if (post) {
        auto p = Post::fromJson(*post, context + QStringLiteral(".post"));
        if (!p)
            return p.error();
        c.post = std::move(*p);
    }
    return c;
}

QJsonObject Post::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("client_id"), stringOrNull(clientId)},
        {QStringLiteral("author"), author.toJson()},
        {QStringLiteral("text"), text},
        {QStringLiteral("created_at"), formatTime(createdAt)},
        {QStringLiteral("reply_to"), stringOrNull(replyTo)},
        {QStringLiteral("repost_of"), repostOf ? QJsonValue(repostOf->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("like_count"), likeCount},
        {QStringLiteral("repost_count"), repostCount},
        {QStringLiteral("reply_count"), replyCount},
        {QStringLiteral("liked_by_me"), likedByMe},
        {QStringLiteral("reposted_by_me"), repostedByMe},
        {QStringLiteral("sponsored"), sponsored},
        {QStringLiteral("advertiser"), advertiser ? QJsonValue(advertiser->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("reach"), reach},
        {QStringLiteral("images"), attachmentsToJson(images)},
    };
    if (rankSignals)
        o.insert(QStringLiteral("signals"), rankSignals->toJson());
    o.insert(QStringLiteral("edited_at"), editedAt ? QJsonValue(formatTime(*editedAt)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("quote_of"), quoteOf ? QJsonValue(quoteOf->toJson()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("bookmarked_by_me"), bookmarkedByMe);
    return o;
}

Result<Post> Post::fromJson(const QJsonObject &o, const QString &context)
{
    return decode(o, context, 0);
}

Result<Post> Post::decode(const QJsonObject &o, const QString &context, int depth)
{
    if (depth > kMaxDepth)
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("%1: reposts nested too deep").arg(context),
                         {{QStringLiteral("field"), context}});
    JsonReader r(o, context);
    Post p;
    p.id = r.string(QStringLiteral("id"));
    if (const QString clientId = r.optString(QStringLiteral("client_id")); !clientId.isNull())
        p.clientId = clientId;
    p.author = r.decode<User>(QStringLiteral("author"));
    p.text = r.string(QStringLiteral("text"));
    p.createdAt = r.time(QStringLiteral("created_at"));
    if (const QString replyTo = r.optString(QStringLiteral("reply_to")); !replyTo.isNull())
        p.replyTo = replyTo;
    const std::optional<QJsonObject> original = r.optObject(QStringLiteral("repost_of"));
    // Counts and flags a server may leave out read as zero and false; present, they must be right.
    p.likeCount = r.optInteger(QStringLiteral("like_count")).value_or(0);
    p.repostCount = r.optInteger(QStringLiteral("repost_count")).value_or(0);
    p.replyCount = r.optInteger(QStringLiteral("reply_count")).value_or(0);
    r.nonNegative(QStringLiteral("like_count"), p.likeCount);
    r.nonNegative(QStringLiteral("repost_count"), p.repostCount);
    r.nonNegative(QStringLiteral("reply_count"), p.replyCount);
    p.likedByMe = r.optBoolean(QStringLiteral("liked_by_me")).value_or(false);
    p.repostedByMe = r.optBoolean(QStringLiteral("reposted_by_me")).value_or(false);
    p.sponsored = r.optBoolean(QStringLiteral("sponsored")).value_or(false);
    p.advertiser = r.optDecode<User>(QStringLiteral("advertiser"));
    const QString reach = r.optString(QStringLiteral("reach"));
    if (r.ok() && !reach.isNull() && reach != u"full" && reach != u"limited")
        r.fail(QStringLiteral("reach"), QStringLiteral("must be one of full, limited"));
    if (!reach.isNull())
        p.reach = reach;
    p.rankSignals = r.optDecode<PostSignals>(QStringLiteral("signals"));
    // A server from before media leaves it out: no images.
    p.images = r.decodeList<Attachment>(QStringLiteral("images"), false);
    if (r.ok() && p.images.size() > limits::kMaxPostImages)
        r.fail(QStringLiteral("images"), QStringLiteral("must hold at most %1").arg(limits::kMaxPostImages));
    for (qsizetype i = 0; r.ok() && i < p.images.size(); ++i) {
        if (!p.images.at(i).media.isImage())
            r.fail(QStringLiteral("images"), QStringLiteral("must hold images only"));
    }
    // Servers from before issue 17 leave these out: never edited, no quote, no bookmark.
    p.editedAt = r.optTime(QStringLiteral("edited_at"));
    p.quoteOf = r.optDecode<QuotedPost>(QStringLiteral("quote_of"));
    p.bookmarkedByMe = r.optBoolean(QStringLiteral("bookmarked_by_me")).value_or(false);
    if (!r.ok())
        return r.error();
    if (original) {
        auto inner = decode(*original, context + QStringLiteral(".repost_of"), depth + 1);
        if (!inner)
            return inner.error();
        p.repostOf = std::make_shared<const Post>(std::move(*inner));
    }
    return p;
}

} // namespace plaza::protocol
