// SPDX-License-Identifier: MIT
#include "protocol/safety.h"

#include "protocol/json.h"

namespace plaza::protocol {

const QStringList &reportTargetTypes()
{
    static const QStringList types{QStringLiteral("message"), QStringLiteral("post"), QStringLiteral("user"),
                                   QStringLiteral("payment_request")};
    return types;
}

const QStringList &reportReasons()
{
    static const QStringList reasons{QStringLiteral("spam"), QStringLiteral("abuse"), QStringLiteral("scam"),
                                     QStringLiteral("other")};
    return reasons;
}

QJsonObject Block::toJson() const
{
    return {{QStringLiteral("user"), user.toJson()}, {QStringLiteral("blocked_at"), formatTime(blockedAt)}};
}

Result<Block> Block::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Block b;
    b.user = r.decode<User>(QStringLiteral("user"));
    b.blockedAt = r.time(QStringLiteral("blocked_at"));
    if (!r.ok())
        return r.error();
    return b;
}

QJsonObject BlockChange::toJson() const
{
    return {{QStringLiteral("user"), user.toJson()},
            {QStringLiteral("blocked"), blocked},
            {QStringLiteral("changed_at"), formatTime(changedAt)}};
}

Result<BlockChange> BlockChange::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    BlockChange c;
    c.user = r.decode<User>(QStringLiteral("user"));
    c.blocked = r.boolean(QStringLiteral("blocked"));
    c.changedAt = r.time(QStringLiteral("changed_at"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject PersonMute::toJson() const
{
    return {{QStringLiteral("user"), user.toJson()}, {QStringLiteral("muted_at"), formatTime(mutedAt)}};
}

Result<PersonMute> PersonMute::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    PersonMute m;
    m.user = r.decode<User>(QStringLiteral("user"));
    m.mutedAt = r.time(QStringLiteral("muted_at"));
    if (!r.ok())
        return r.error();
    return m;
}

QJsonObject PersonMuteChange::toJson() const
{
    return {{QStringLiteral("user"), user.toJson()},
            {QStringLiteral("muted"), muted},
            {QStringLiteral("changed_at"), formatTime(changedAt)}};
}

Result<PersonMuteChange> PersonMuteChange::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    PersonMuteChange c;
    c.user = r.decode<User>(QStringLiteral("user"));
    c.muted = r.boolean(QStringLiteral("muted"));
    c.changedAt = r.time(QStringLiteral("changed_at"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject Report::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("target_type"), targetType},
            {QStringLiteral("target_id"), targetId},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("note"), note},
            {QStringLiteral("created_at"), formatTime(createdAt)},
            {QStringLiteral("declined"), declined}};
}

Result<Report> Report::fromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    Report x;
    x.id = r.string(QStringLiteral("id"));
    x.targetType = r.oneOf(QStringLiteral("target_type"), reportTargetTypes());
    x.targetId = r.string(QStringLiteral("target_id"));
    x.reason = r.oneOf(QStringLiteral("reason"), reportReasons());
    x.note = r.optString(QStringLiteral("note"));
    if (x.note.isNull())
        x.note = QStringLiteral("");
    x.createdAt = r.time(QStringLiteral("created_at"));
    x.declined = r.optBoolean(QStringLiteral("declined")).value_or(false);
    if (!r.ok())
        return r.error();
    return x;
}

} // namespace plaza::protocol
