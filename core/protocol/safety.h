// SPDX-License-Identifier: MIT
#pragma once

// Safety's resources (docs/api.md "Safety", issue 17): blocks, mutes of a person in the feed,
// and reports of a message, a post, a person or a payment request. Mutes of a conversation are
// part of the Conversation (chat.h).

#include "protocol/types.h"

#include <QDateTime>
#include <QStringList>

namespace plaza::protocol {

//! A report's note is at most this many characters (code points).
inline constexpr qsizetype kMaxReportNoteChars = 500;
//! What may be reported: "message", "post", "user", "payment_request".
[[nodiscard]] const QStringList &reportTargetTypes();
//! Why: "spam", "abuse", "scam", "other".
[[nodiscard]] const QStringList &reportReasons();

//! Someone the caller blocked: {"user":User,"blocked_at":time} (GET /v1/blocks, PUT's answer).
struct Block {
    User user;
    QDateTime blockedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Block> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("block"));
};

//! The data of block.changed, in the blocker's log only: {"user":User,"blocked":bool,"changed_at":time}.
//! The whole state of that pair, so applying it again changes nothing.
struct BlockChange {
    User user;
    bool blocked = false;
    QDateTime changedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<BlockChange> fromJson(const QJsonObject &o,
                                                      const QString &context = QStringLiteral("block.changed"));
};

//! Someone the caller muted in the feed: {"user":User,"muted_at":time} (GET /v1/mutes, PUT's answer).
struct PersonMute {
    User user;
    QDateTime mutedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<PersonMute> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("mute"));
};

//! The data of person_mute.changed, in the muter's log only: {"user":User,"muted":bool,"changed_at":time}.
//! The whole state of that pair, so applying it again changes nothing.
struct PersonMuteChange {
    User user;
    bool muted = false;
    QDateTime changedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<PersonMuteChange> fromJson(const QJsonObject &o,
                                                           const QString &context = QStringLiteral("person_mute.changed"));
};

//! A report as stored: {"id","target_type","target_id","reason","note","created_at","declined"}.
struct Report {
    QString id;
    QString targetType;
    QString targetId;
    QString reason;
    QString note; //!< "" when none
    QDateTime createdAt;
    bool declined = false; //!< a payment request declined in the same step

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Report> fromJson(const QJsonObject &o, const QString &context = QStringLiteral("report"));
};

} // namespace plaza::protocol
