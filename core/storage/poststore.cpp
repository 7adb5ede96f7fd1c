// SPDX-License-Identifier: MIT
#include "poststore.h"

#include "protocol/json.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"

namespace plaza::storage {

QString localPostId(const QString &clientId)
{
    return QStringLiteral("local:") + clientId;
}

Status PostStore::upsert(const QJsonObject &post, RowChanges &changes)
{
    return upsert(post, changes, 0);
}

Status PostStore::upsert(const QJsonObject &object, RowChanges &changes, int depth)
{
    // A repost embeds the original, which is never itself a repost of a repost in v1;
    // the bound keeps a hostile server from recursing us off the stack.
    if (depth > 2)
        return makeError(ErrorCode::Protocol, QStringLiteral("post: reposts nested too deep"));
    protocol::JsonReader r(object, QStringLiteral("post"));
    const QString id = r.string(QStringLiteral("id"));
    const QString clientId = r.optString(QStringLiteral("client_id"));
    const QJsonObject author = r.object(QStringLiteral("author"));
    const QString text = r.string(QStringLiteral("text"));
    const QString createdAt = r.string(QStringLiteral("created_at"));
    const QString replyTo = r.optString(QStringLiteral("reply_to"));
    const auto repostOf = r.optObject(QStringLiteral("repost_of"));
    const qint64 likes = r.optInteger(QStringLiteral("like_count")).value_or(0);
    const qint64 reposts = r.optInteger(QStringLiteral("repost_count")).value_or(0);
    const qint64 replies = r.optInteger(QStringLiteral("reply_count")).value_or(0);
    const bool likedByMe = object.value(QStringLiteral("liked_by_me")).toBool();
    const bool repostedByMe = object.value(QStringLiteral("reposted_by_me")).toBool();
    const bool sponsored = object.value(QStringLiteral("sponsored")).toBool();
    const auto advertiser = r.optObject(QStringLiteral("advertiser"));
    QString reach = r.optString(QStringLiteral("reach"));
    const auto signalsObject = r.optObject(QStringLiteral("signals"));
    if (!r.ok())
        return Error{ErrorCode::Protocol, r.error().message, r.error().details, 0};
    if (reach.isNull())
        reach = QStringLiteral("full");

    auto authorId = m_users.upsert(author, changes);
    if (!authorId)
        return authorId.error();
    QString advertiserId;
    if (advertiser) {
        auto id = m_users.upsert(*advertiser, changes);
        if (!id)
            return id.error();
        advertiserId = *id;
    }
    QString repostOfId;
    if (repostOf) {
        if (auto st = upsert(*repostOf, changes, depth + 1); !st)
            return st;
        repostOfId = repostOf->value(QStringLiteral("id")).toString();
    }

    auto stmt = m_statements.get(QStringLiteral(
        "INSERT OR REPLACE INTO posts (id, client_id, author_id, text, created_at, reply_to, repost_of_id, like_count,"
        " repost_count, reply_count, liked_by_me, reposted_by_me, sponsored, reach, affinity, engagement, age_s,"
        " advertiser_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18);"));
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bindAll(id, clientId, *authorId, text, createdAt, replyTo, repostOfId, likes, reposts, replies, likedByMe,
              repostedByMe, sponsored, reach);
    if (signalsObject) {
        // Ranking inputs, not money: a REAL is right for the affinity score.
        s.bind(15, signalsObject->value(QStringLiteral("author_affinity")).toDouble())
            .bind(16, qint64(signalsObject->value(QStringLiteral("engagement")).toDouble()))
            .bind(17, qint64(signalsObject->value(QStringLiteral("age_s")).toDouble()));
    } else {
        s.bindNull(15).bindNull(16).bindNull(17);
    }
    s.bind(18, advertiserId);
    if (auto st = s.exec(); !st)
        return st;
    changes.add(Table::Posts, id);
    // Our own post written while offline is shown from a provisional row until the server's
    // copy arrives (by the answer or by sync, whichever comes first): then it goes, so the
    // post appears once (feed/feedstore.h).
    if (!clientId.isEmpty() && depth == 0) {
        auto drop = m_statements.get(QStringLiteral("DELETE FROM posts WHERE id = ?1 AND author_id = ?2;"));
        if (!drop)
            return drop.error();
        const QString localId = localPostId(clientId);
        if (auto st = (*drop)->bindAll(localId, *authorId).exec(); !st)
            return st;
        if (m_statements.db().changes() > 0)
            changes.addRemoved(Table::Posts, localId);
    }
    return {};
}

Status PostStore::remove(const QString &id, RowChanges &changes)
{
    auto stmt = m_statements.get(QStringLiteral("DELETE FROM posts WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bind(1, id).exec(); !st)
        return st;
    changes.addRemoved(Table::Posts, id);
    return {};
}

} // namespace plaza::storage
