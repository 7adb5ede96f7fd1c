// SPDX-License-Identifier: MIT
#include "media.h"

#include "mediaprocess.h"
#include "mediastore.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "serverdb.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace plaza::server::media {

namespace {

Error invalid(const QString &field, const QString &message)
{
    return makeError(ErrorCode::ValidationFailed, message, {{QStringLiteral("field"), field}});
}

Error limit(const QString &which, const QString &message)
{
    return makeError(ErrorCode::LimitExceeded, message, {{QStringLiteral("limit"), which}});
}

const QString kUploadColumns = QStringLiteral("id, owner_id, size, received, sha256, name, state, "
                                              "coalesce(media_id, 0), expires_at");

UploadRow uploadOf(const Rows &s)
{
    UploadRow u;
    u.id = s.int64(0);
    u.ownerId = s.int64(1);
    u.size = s.int64(2);
    u.received = s.int64(3);
    u.sha256 = s.text(4);
    u.name = s.text(5);
    u.state = s.text(6);
    u.mediaId = s.int64(7);
    u.expiresAt = s.int64(8);
    return u;
}

const QString kMediaColumns = QStringLiteral("id, owner_id, kind, mime, name, size, sha256, width, height, "
                                             "coalesce(thumb_sha256, ''), coalesce(thumb_mime, '')");

MediaRow mediaOf(const Rows &s, int at = 0)
{
    MediaRow m;
    m.media.id = ids::format(ids::kMedia, s.int64(at + 0));
    m.ownerId = s.int64(at + 1);
    m.media.kind = s.text(at + 2);
    m.media.mime = s.text(at + 3);
    m.media.name = s.text(at + 4);
    m.media.size = s.int64(at + 5);
    m.media.sha256 = s.text(at + 6);
    m.media.width = int(s.int64(at + 7));
    m.media.height = int(s.int64(at + 8));
    m.thumbSha256 = s.text(at + 9);
    m.thumbMime = s.text(at + 10);
    m.media.thumbnail = !m.thumbSha256.isEmpty();
    return m;
}

//! The attachments a query lists as (alt, media columns…), in its order.
template<typename... Args>
Result<QList<protocol::Attachment>> attachments(ServerDb &db, const QString &sql, const Args &...args)
{
    auto stmt = db.query(sql, args...);
    if (!stmt)
        return stmt.error();
    QList<protocol::Attachment> out;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        protocol::Attachment a;
        if (!stmt->isNull(0))
            a.alt = stmt->text(0);
        a.media = mediaOf(*stmt, 1).media;
        out.append(a);
    }
    return out;
}

//! Checks \a refs against the files of \a ownerId; returns their row ids in order.
Result<QList<qint64>> resolveRefs(ServerDb &db, qint64 ownerId, const QList<protocol::AttachmentRef> &refs,
                                  const QString &field, bool imagesOnly)
{
    QList<qint64> out;
    QSet<qint64> seen;
    for (qsizetype i = 0; i < refs.size(); ++i) {
        const QString at = field + QStringLiteral("[%1].media_id").arg(i);
        const auto id = ids::parse(ids::kMedia, refs.at(i).mediaId);
        auto row = id ? loadMedia(db, *id) : Result<std::optional<MediaRow>>(std::optional<MediaRow>());
        if (!row)
            return row.error();
        // Another user's file is "no such file" too: its existence is not the caller's business.
        if (!*row || (*row)->ownerId != ownerId)
            return makeError(ErrorCode::NotFound, QStringLiteral("No such file among yours: %1.").arg(refs.at(i).mediaId),
                             {{QStringLiteral("field"), at}});
        if (imagesOnly && !(*row)->media.isImage())
            return invalid(at, QStringLiteral("A post shows images only; %1 is a %2 file.")
                                   .arg(refs.at(i).mediaId, (*row)->media.mime));
        if (seen.contains(*id))
            return invalid(at, QStringLiteral("The same file is attached twice."));
        seen.insert(*id);
        out.append(*id);
    }
    return out;
}

template<typename... Args>
Result<QList<QString>> texts(ServerDb &db, const QString &sql, const Args &...args)
{
    auto stmt = db.query(sql, args...);
    if (!stmt)
        return stmt.error();
    QList<QString> out;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(stmt->text(0));
    }
    return out;
}

} // namespace

protocol::Upload UploadRow::toProtocol() const
{
    return {ids::format(ids::kUpload, id), size, received, sha256, QDateTime::fromMSecsSinceEpoch(expiresAt, Qt::UTC)};
}

Result<UploadRow> createUpload(ServerDb &db, qint64 ownerId, qint64 size, const QString &sha256, const QString &name,
                               qint64 nowMs)
{
    if (size < 1)
        return invalid(QStringLiteral("size"), QStringLiteral("size must be at least 1 byte."));
    if (size > protocol::limits::kMaxUploadBytes)
        return makeError(ErrorCode::PayloadTooLarge,
                         QStringLiteral("A file is at most %1 bytes.").arg(protocol::limits::kMaxUploadBytes),
                         {{QStringLiteral("field"), QStringLiteral("size")}});
    if (!protocol::isSha256Hex(sha256))
        return invalid(QStringLiteral("sha256"), QStringLiteral("sha256 must be 64 lower-case hex digits."));
    auto open = db.row(QStringLiteral("SELECT count(*), coalesce(sum(size), 0) FROM uploads "
                                      "WHERE owner_id = ?1 AND state <> 'done' AND expires_at > ?2"),
                       ownerId, nowMs);
    if (!open)
        return open.error();
    if ((*open)->int64(0) >= kMaxOpenUploads)
        return limit(QStringLiteral("open_uploads"),
                     QStringLiteral("At most %1 uploads can be unfinished at once.").arg(kMaxOpenUploads));
    if ((*open)->int64(1) + size > kMaxOpenUploadBytes)
        return limit(QStringLiteral("open_upload_bytes"),
                     QStringLiteral("Unfinished uploads may declare at most %1 bytes together.").arg(kMaxOpenUploadBytes));
    auto stored = db.integer(QStringLiteral("SELECT coalesce(sum(size), 0) FROM media WHERE owner_id = ?1"), ownerId);
    if (!stored)
        return stored.error();
    if (stored->value_or(0) + size > kMaxStoredBytes)
        return limit(QStringLiteral("storage"), QStringLiteral("Your files would take more than %1 bytes.").arg(kMaxStoredBytes));
    UploadRow u;
    u.ownerId = ownerId;
    u.size = size;
    u.sha256 = sha256;
    u.name = sanitizeFileName(name);
    u.state = QStringLiteral("receiving");
    u.expiresAt = nowMs + kUploadLifetimeMs;
    auto id = db.insert(QStringLiteral("INSERT INTO uploads (owner_id, size, received, sha256, name, state, created_at, "
                                       "expires_at) VALUES (?1, ?2, 0, ?3, ?4, 'receiving', ?5, ?6)"),
                        ownerId, size, sha256, u.name, nowMs, u.expiresAt);
    if (!id)
        return id.error();
    u.id = *id;
    return u;
}

Result<UploadRow> loadUpload(ServerDb &db, qint64 ownerId, qint64 uploadId, qint64 nowMs)
{
    auto row = db.row(QStringLiteral("SELECT %1 FROM uploads WHERE id = ?1 AND owner_id = ?2 AND expires_at > ?3")
                          .arg(kUploadColumns),
                      uploadId, ownerId, nowMs);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such upload (it may have expired)."));
    return uploadOf(**row);
}

Status setReceived(ServerDb &db, qint64 uploadId, qint64 received)
{
    return db.run(QStringLiteral("UPDATE uploads SET received = ?2 WHERE id = ?1"), uploadId, received);
}

Status setState(ServerDb &db, qint64 uploadId, const QString &state)
{
    return db.run(QStringLiteral("UPDATE uploads SET state = ?2 WHERE id = ?1"), uploadId, state);
}

Result<std::optional<MediaRow>> loadMedia(ServerDb &db, qint64 mediaId)
{
    auto row = db.row(QStringLiteral("SELECT %1 FROM media WHERE id = ?1").arg(kMediaColumns), mediaId);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<MediaRow>();
    return std::optional<MediaRow>(mediaOf(**row));
}

Result<qint64> insertMedia(ServerDb &db, qint64 ownerId, qint64 uploadId, const NewMedia &m, qint64 nowMs)
{
    auto id = db.insert(QStringLiteral("INSERT INTO media (owner_id, kind, mime, name, size, sha256, width, height, "
                                       "thumb_sha256, thumb_mime, created_at) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, ''), nullif(?10, ''), ?11)"),
                        ownerId, m.kind, m.mime, m.name, m.size, m.sha256, qint64(m.width), qint64(m.height),
                        m.thumbSha256, m.thumbMime, nowMs);
    if (!id)
        return id.error();
    if (auto st = db.run(QStringLiteral("UPDATE uploads SET state = 'done', media_id = ?2, received = size WHERE id = ?1"),
                         uploadId, *id);
        !st)
        return st.error();
    return *id;
}

Result<bool> canSee(ServerDb &db, qint64 viewerId, qint64 mediaId)
{
    auto seen = db.integer(
        QStringLiteral("SELECT 1 FROM media WHERE id = ?1 AND owner_id = ?2 "
                       "UNION ALL SELECT 1 FROM message_attachments a JOIN messages m ON m.id = a.message_id "
                       "  JOIN conversation_members c ON c.conversation_id = m.conversation_id AND c.user_id = ?2 "
                       "  WHERE a.media_id = ?1 "
                       "UNION ALL SELECT 1 FROM post_images i JOIN posts p ON p.id = i.post_id AND p.deleted_at IS NULL "
                       "  WHERE i.media_id = ?1 "
                       "LIMIT 1"),
        mediaId, viewerId);
    if (!seen)
        return seen.error();
    return seen->has_value();
}

Result<QList<protocol::AttachmentRef>> parseRefs(const QJsonValue &value, const QString &field, int max)
{
    QList<protocol::AttachmentRef> out;
    if (value.isUndefined() || value.isNull())
        return out;
    if (!value.isArray())
        return invalid(field, QStringLiteral("%1 must be an array.").arg(field));
    const QJsonArray list = value.toArray();
    if (list.size() > max)
        return invalid(field, QStringLiteral("At most %1 files can be attached.").arg(max));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = field + QStringLiteral("[%1]").arg(i);
        if (!list.at(i).isObject())
            return invalid(at, QStringLiteral("%1 must be an object.").arg(at));
        auto ref = protocol::AttachmentRef::fromJson(list.at(i).toObject(), at);
        if (!ref)
            return ref.error();
        out.append(*ref);
    }
    return out;
}

namespace {

//! The rows of \a table (message_attachments or post_images) tying \a ownerId's files to \a
//! ownerRow in order; a file attached for the first time is no longer swept as unattached.
Status attach(ServerDb &db, const QString &table, const QString &column, qint64 ownerId, qint64 ownerRow,
              const QList<protocol::AttachmentRef> &refs, const QString &field, bool imagesOnly, qint64 nowMs)
{
    auto ids = resolveRefs(db, ownerId, refs, field, imagesOnly);
    if (!ids)
        return ids.error();
    const QString insert = QStringLiteral("INSERT INTO %1 (%2, position, media_id, alt) VALUES (?1, ?2, ?3, nullif(?4, ''))")
                               .arg(table, column);
    for (qsizetype i = 0; i < ids->size(); ++i) {
        if (auto st = db.run(insert, ownerRow, qint64(i), ids->at(i), refs.at(i).alt.isNull() ? QString() : refs.at(i).alt); !st)
            return st;
        if (auto st = db.run(QStringLiteral("UPDATE media SET attached_at = coalesce(attached_at, ?2) WHERE id = ?1"),
                             ids->at(i), nowMs);
            !st)
            return st;
    }
    return {};
}

} // namespace

Status attachToMessage(ServerDb &db, qint64 ownerId, qint64 messageId, const QList<protocol::AttachmentRef> &refs,
                       qint64 nowMs)
{
    return attach(db, QStringLiteral("message_attachments"), QStringLiteral("message_id"), ownerId, messageId, refs,
                  QStringLiteral("attachments"), false, nowMs);
}

Status attachToPost(ServerDb &db, qint64 ownerId, qint64 postId, const QList<protocol::AttachmentRef> &refs, qint64 nowMs)
{
    return attach(db, QStringLiteral("post_images"), QStringLiteral("post_id"), ownerId, postId, refs, QStringLiteral("images"),
                  true, nowMs);
}

Result<QList<protocol::Attachment>> messageAttachments(ServerDb &db, qint64 messageId)
{
    return attachments(db,
                       QStringLiteral("SELECT a.alt, %1 FROM message_attachments a JOIN media ON media.id = a.media_id "
                                      "WHERE a.message_id = ?1 ORDER BY a.position")
                           .arg(kMediaColumns),
                       messageId);
}

Result<QList<protocol::Attachment>> postImages(ServerDb &db, qint64 postId)
{
    return attachments(db,
                       QStringLiteral("SELECT i.alt, %1 FROM post_images i JOIN media ON media.id = i.media_id "
                                      "WHERE i.post_id = ?1 ORDER BY i.position")
                           .arg(kMediaColumns),
                       postId);
}

Result<int> sweep(ServerDb &db, MediaStore &store, qint64 nowMs)
{
    // An upload being finished is left to its worker, unless it has been at it for an hour
    // past its expiry (a server stopped mid-way).
    auto expired = db.integers(QStringLiteral("SELECT id FROM uploads WHERE expires_at <= ?1 "
                                              "AND (state <> 'finishing' OR expires_at <= ?1 - 3600000)"),
                               nowMs);
    if (!expired)
        return expired.error();
    QList<QString> blobs;
    int removed = 0;
    const Status st = db.write([&]() -> Status {
        // On PostgreSQL a serialization failure runs the body again: start from nothing.
        blobs.clear();
        removed = 0;
        for (qint64 id : std::as_const(*expired)) {
            if (auto st = db.run(QStringLiteral("DELETE FROM uploads WHERE id = ?1"), id); !st)
                return st;
        }
        // Files never attached in time, and files nothing shows any more: every post of
        // them deleted, and no message left that carries them (a message deleted for
        // everyone lost its attachment rows: messageactions.cpp).
        auto gone = db.integers(
            QStringLiteral("SELECT id FROM media WHERE (attached_at IS NULL AND created_at <= ?1) "
                           "OR (attached_at IS NOT NULL "
                           "    AND NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.media_id = media.id) "
                           "    AND NOT EXISTS (SELECT 1 FROM post_images i JOIN posts p ON p.id = i.post_id "
                           "                    WHERE i.media_id = media.id AND p.deleted_at IS NULL))"),
            nowMs - kUploadLifetimeMs);
        if (!gone)
            return gone.error();
        for (qint64 id : std::as_const(*gone)) {
            auto shas = texts(db, QStringLiteral("SELECT sha256 FROM media WHERE id = ?1 "
                                                 "UNION SELECT thumb_sha256 FROM media WHERE id = ?1 AND thumb_sha256 IS NOT NULL"),
                              id);
            if (!shas)
                return shas.error();
            for (const char *sql : {"DELETE FROM post_images WHERE media_id = ?1", "UPDATE uploads SET media_id = NULL WHERE media_id = ?1",
                                    "DELETE FROM media WHERE id = ?1"}) {
                if (auto st = db.run(QString::fromLatin1(sql), id); !st)
                    return st;
            }
            for (const QString &sha : std::as_const(*shas)) {
                auto used = db.integer(QStringLiteral("SELECT 1 FROM media WHERE sha256 = ?1 OR thumb_sha256 = ?1 LIMIT 1"), sha);
                if (!used)
                    return used.error();
                if (!used->has_value())
                    blobs.append(sha);
            }
            ++removed;
        }
        return {};
    });
    if (!st)
        return st.error();
    // After COMMIT: a blob goes only once no row can name it.
    for (qint64 id : std::as_const(*expired))
        store.dropSpool(id);
    for (const QString &sha : std::as_const(blobs)) {
        if (auto st = store.blobs().remove(sha); !st)
            return st.error();
    }
    return removed;
}

} // namespace plaza::server::media
