// SPDX-License-Identifier: MIT
#pragma once

// Files to and from the server (docs/api.md "Media"): a resumable upload in 1 MiB chunks
// that asks the server where to go on after a dropped connection, and a download in ranges
// that goes on from the bytes already written. Used by plaza-cli; the app's outbox will
// drive the same steps.

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
