// SPDX-License-Identifier: MIT
#pragma once

// Media in the database (docs/api.md "Media"): resumable uploads, the files they become,
// the files attached to messages and posts, who may fetch a file, and the sweep that forgets
// expired uploads, files never attached and files nothing references any more.

#include "common/result.h"
#include "protocol/media.h"

#include <QList>
#include <QString>

#include <optional>

namespace plaza::server {

class MediaStore;
class ServerDb;

namespace ids {
inline constexpr QStringView kUpload = u"up_";
inline constexpr QStringView kMedia = u"md_";
} // namespace ids

namespace media {

//! How long an unfinished upload, or a file never attached, is kept.
inline constexpr qint64 kUploadLifetimeMs = 24LL * 3600 * 1000;
//! Per user: unfinished uploads at once, the bytes they declare, and the bytes of all files kept.
inline constexpr int kMaxOpenUploads = 10;
inline constexpr qint64 kMaxOpenUploadBytes = 300LL * 1024 * 1024;
inline constexpr qint64 kMaxStoredBytes = 2LL * 1024 * 1024 * 1024;

//! One upload row.
struct UploadRow {
    qint64 id = 0;
    qint64 ownerId = 0;
    qint64 size = 0;
    qint64 received = 0;
    QString sha256;
    QString name;
    QString state; //!< "receiving" | "finishing" | "done"
    qint64 mediaId = 0;
    qint64 expiresAt = 0;

    [[nodiscard]] protocol::Upload toProtocol() const;
};

//! Validates and records a new upload of \a ownerId (quotas included).
[[nodiscard]] Result<UploadRow> createUpload(ServerDb &db, qint64 ownerId, qint64 size, const QString &sha256,
                                             const QString &name, qint64 nowMs);
//! The upload \a uploadId of \a ownerId, NotFound when it does not exist, is another user's
//! or has expired.
[[nodiscard]] Result<UploadRow> loadUpload(ServerDb &db, qint64 ownerId, qint64 uploadId, qint64 nowMs);
[[nodiscard]] Status setReceived(ServerDb &db, qint64 uploadId, qint64 received);
[[nodiscard]] Status setState(ServerDb &db, qint64 uploadId, const QString &state);

//! One media row, with where its bytes are.
struct MediaRow {
    protocol::Media media;
    qint64 ownerId = 0;
    QString thumbSha256; //!< empty: no thumbnail
    QString thumbMime;
};
[[nodiscard]] Result<std::optional<MediaRow>> loadMedia(ServerDb &db, qint64 mediaId);
//! Records a finished file of \a ownerId and ties \a uploadId to it (state "done").
struct NewMedia {
    QString kind;
    QString mime;
    QString name;
    qint64 size = 0;
    QString sha256;
    int width = 0;
    int height = 0;
    QString thumbSha256;
    QString thumbMime;
};
[[nodiscard]] Result<qint64> insertMedia(ServerDb &db, qint64 ownerId, qint64 uploadId, const NewMedia &media, qint64 nowMs);

//! May \a viewerId fetch \a mediaId: its owner, a member of a conversation with a message
//! carrying it, or anyone signed in when a post that is not deleted shows it.
[[nodiscard]] Result<bool> canSee(ServerDb &db, qint64 viewerId, qint64 mediaId);

//! Reads the "attachments" (or "images") array of a request body: at most \a max entries,
//! each {"media_id","alt"?}. Field errors name \a field.
[[nodiscard]] Result<QList<protocol::AttachmentRef>> parseRefs(const QJsonValue &value, const QString &field, int max);
//! Attaches \a refs in order to a message / a post (inside the caller's transaction): each
//! must be a finished file of \a ownerId, not twice, and for a post an image.
[[nodiscard]] Status attachToMessage(ServerDb &db, qint64 ownerId, qint64 messageId,
                                     const QList<protocol::AttachmentRef> &refs, qint64 nowMs);
[[nodiscard]] Status attachToPost(ServerDb &db, qint64 ownerId, qint64 postId,
                                  const QList<protocol::AttachmentRef> &refs, qint64 nowMs);
[[nodiscard]] Result<QList<protocol::Attachment>> messageAttachments(ServerDb &db, qint64 messageId);
[[nodiscard]] Result<QList<protocol::Attachment>> postImages(ServerDb &db, qint64 postId);

//! Forgets expired uploads (rows and spool files), files never attached within
//! kUploadLifetimeMs, files whose every post was deleted, and blobs no file uses any more.
//! Returns how many files (media rows) went.
[[nodiscard]] Result<int> sweep(ServerDb &db, MediaStore &store, qint64 nowMs);

} // namespace media
} // namespace plaza::server
