// SPDX-License-Identifier: MIT
#pragma once

// Files to and from the server (docs/api.md "Media"): a resumable upload in 1 MiB chunks
// that asks the server where to go on after a dropped connection, and a download in ranges
// that goes on from the bytes already written. upload() is plaza-cli's `upload`; the
// outboxes drive the same steps one by one (media/outgoingfiles.h) so that where an upload
// is survives a restart.

#include "common/result.h"
#include "protocol/media.h"

#include <QCoroTask>
#include <QString>

#include <functional>

namespace plaza::net {
class ApiClient;
}

namespace plaza::media {

//! Bytes done and bytes in all, after each chunk or range.
using Progress = std::function<void(qint64 done, qint64 total)>;

//! How many times one chunk or range is tried again after a transient failure (a dropped
//! connection, a timeout, a 5xx) before the transfer gives up; the bytes already on the
//! other side are kept and a later call goes on from them.
inline constexpr int kMaxRetries = 5;
inline constexpr qint64 kDownloadRange = 4 * 1024 * 1024;

//! POST /v1/uploads for \a size bytes hashing to \a sha256, called \a name there.
[[nodiscard]] QCoro::Task<Result<protocol::Upload>> createUpload(net::ApiClient &api, qint64 size, QString sha256,
                                                                 QString name);
//! GET /v1/uploads/{id}: where the server is (404 once it expired or was given up).
[[nodiscard]] QCoro::Task<Result<protocol::Upload>> fetchUpload(net::ApiClient &api, QString uploadId);
//! Sends the bytes of \a path from \a offset to \a size to \a uploadId in chunks, asking the
//! server where to go on after a lost answer or a 409 (at most kMaxRetries failures in a
//! row). Resolves to the server's offset once it holds all \a size bytes. \a progress after
//! each chunk; returning false from \a goOn stops it (Cancelled).
[[nodiscard]] QCoro::Task<Result<qint64>> sendChunks(net::ApiClient &api, QString path, QString uploadId, qint64 offset,
                                                     qint64 size, Progress progress = {},
                                                     std::function<bool()> goOn = {});
//! POST /v1/uploads/{id}/complete, asked again while the server is finishing it or its
//! answer was lost: the Media (the same one however many times it is asked).
[[nodiscard]] QCoro::Task<Result<protocol::Media>> completeUpload(net::ApiClient &api, QString uploadId);

//! Uploads the file at \a path (at most protocol::limits::kMaxUploadBytes) and finishes it:
//! the server's Media. \a name is what the file is called there (the file's own name if empty).
[[nodiscard]] QCoro::Task<Result<protocol::Media>> upload(net::ApiClient &api, QString path, QString name = {},
                                                          Progress progress = {});

//! Downloads \a mediaId (its thumbnail with \a thumbnail) to \a target: written to
//! "TARGET.part" in ranges, resumed from that file's size, renamed to \a target once complete
//! and checked against the Media's sha256 (the whole file; a thumbnail has no published hash).
[[nodiscard]] QCoro::Task<Status> download(net::ApiClient &api, QString mediaId, QString target, bool thumbnail = false,
                                           Progress progress = {});

} // namespace plaza::media
