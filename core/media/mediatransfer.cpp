// SPDX-License-Identifier: MIT
#include "media/mediatransfer.h"

#include "net/apiclient.h"
#include "protocol/endpoints.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QUrlQuery>

namespace plaza::media {

namespace {

Error fileError(const QString &message)
{
    return makeError(ErrorCode::ValidationFailed, message, {{QStringLiteral("field"), QStringLiteral("file")}});
}

} // namespace

QCoro::Task<Result<protocol::Upload>> createUpload(net::ApiClient &api, qint64 size, QString sha256, QString name)
{
    const QJsonObject body{{QStringLiteral("size"), size}, {QStringLiteral("sha256"), sha256}, {QStringLiteral("name"), name}};
    auto created = co_await api.post(protocol::endpoints::uploads(), body);
    if (!created)
        co_return created.error();
    co_return protocol::Upload::fromJson(created->body);
}

QCoro::Task<Result<protocol::Upload>> fetchUpload(net::ApiClient &api, QString uploadId)
{
    auto answer = co_await api.get(protocol::endpoints::upload(uploadId));
    if (!answer)
        co_return answer.error();
    co_return protocol::Upload::fromJson(answer->body);
}

QCoro::Task<Result<qint64>> sendChunks(net::ApiClient &api, QString path, QString uploadId, qint64 offset, qint64 size,
                                       Progress progress, std::function<bool()> goOn)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        co_return fileError(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    int failures = 0;
    while (offset < size) {
        if (goOn && !goOn())
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("The upload was given up."));
        if (!file.seek(offset))
            co_return fileError(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray chunk = file.read(std::min<qint64>(protocol::limits::kMaxChunkBytes, size - offset));
        if (chunk.isEmpty())
            co_return fileError(QStringLiteral("%1 changed while it was being sent.").arg(path));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        auto sent = co_await api.putBytes(protocol::endpoints::upload(uploadId), query, chunk);
        if (sent) {
            auto now = protocol::Upload::fromJson(sent->body);
            if (!now)
                co_return now.error();
            offset = now->offset;
            failures = 0;
            if (progress)
                progress(offset, size);
            continue;
        }
        // A chunk whose answer was lost, or one the server already has: ask where to go on.
        const bool conflict = sent.error().code == ErrorCode::Conflict;
        if (!conflict && (!sent.error().isTransient() || ++failures > kMaxRetries))
            co_return sent.error();
        auto there = co_await fetchUpload(api, uploadId);
        if (!there) {
            if (!there.error().isTransient() || ++failures > kMaxRetries)
                co_return there.error();
            continue;
        }
        offset = there->offset;
        if (conflict && ++failures > kMaxRetries) // a 409 that does not go away (finished elsewhere)
            co_return sent.error();
    }
    co_return offset;
}

QCoro::Task<Result<protocol::Media>> completeUpload(net::ApiClient &api, QString uploadId)
{
    int failures = 0;
    for (;;) {
        auto done = co_await api.post(protocol::endpoints::uploadComplete(uploadId), {});
        if (done)
            co_return protocol::Media::fromJson(done->body);
        // "Being finished" (409 while the server works), or an answer lost on the way.
        const bool busy = done.error().code == ErrorCode::Conflict && done.error().field() != u"offset";
        if (!busy && (!done.error().isTransient() || ++failures > kMaxRetries))
            co_return done.error();
    }
}

QCoro::Task<Result<protocol::Media>> upload(net::ApiClient &api, QString path, QString name, Progress progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        co_return fileError(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    if (size < 1)
        co_return fileError(QStringLiteral("%1 is empty.").arg(path));
    if (size > protocol::limits::kMaxUploadBytes)
        co_return makeError(ErrorCode::PayloadTooLarge,
                            QStringLiteral("%1 is larger than %2 MiB.").arg(path).arg(protocol::limits::kMaxUploadBytes / (1024 * 1024)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        co_return fileError(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    file.close();
    const QString sha256 = QString::fromLatin1(hash.result().toHex());
    if (name.isEmpty())
        name = QFileInfo(path).fileName();

    auto created = co_await createUpload(api, size, sha256, name);
    if (!created)
        co_return created.error();
    const QString uploadId = created->id;
    auto sent = co_await sendChunks(api, path, uploadId, created->offset, size, progress);
    if (!sent)
        co_return sent.error();
    auto media = co_await completeUpload(api, uploadId);
    co_return media;
}

QCoro::Task<Status> download(net::ApiClient &api, QString mediaId, QString target, bool thumbnail, Progress progress)
{
    auto described = co_await api.get(protocol::endpoints::media(mediaId));
    if (!described)
        co_return described.error();
    auto media = protocol::Media::fromJson(described->body);
    if (!media)
        co_return media.error();
    if (thumbnail && !media->thumbnail)
        co_return makeError(ErrorCode::NotFound, QStringLiteral("%1 has no thumbnail.").arg(mediaId));

    const QString partPath = target + QStringLiteral(".part");
    QFile part(partPath);
    if (!part.open(QIODevice::ReadWrite | QIODevice::Append))
        co_return fileError(QStringLiteral("Cannot write %1: %2").arg(partPath, part.errorString()));
    const QString path = thumbnail ? protocol::endpoints::mediaThumbnail(mediaId) : protocol::endpoints::mediaContent(mediaId);
    qint64 have = part.size();
    // The whole file's size is known; a thumbnail's shows itself in Content-Range (here: a short range).
    const qint64 total = thumbnail ? -1 : media->size;
    if (total >= 0 && have > total) { // not this file's beginning
        part.resize(0);
        have = 0;
    }
    int failures = 0;
    for (;;) {
        if (total >= 0 && have >= total)
            break;
        net::RequestOptions options;
        options.rawBody = true;
        options.timeout = std::chrono::milliseconds(60000);
        options.range = "bytes=" + QByteArray::number(have) + '-' + QByteArray::number(have + kDownloadRange - 1);
        auto got = co_await api.get(path, {}, options);
        if (!got) {
            // 416: nothing past what we have (a thumbnail ends on a range boundary).
            if (got.error().httpStatus == 416 && total < 0)
                break;
            if (!got.error().isTransient() || ++failures > kMaxRetries)
                co_return got.error();
            continue;
        }
        failures = 0;
        if (got->status == 200 && have > 0) { // the whole file after all: start over with it
            if (!part.resize(0))
                co_return fileError(QStringLiteral("Cannot write %1: %2").arg(partPath, part.errorString()));
            have = 0;
        }
        if (part.write(got->raw) != got->raw.size() || !part.flush())
            co_return fileError(QStringLiteral("Cannot write %1: %2").arg(partPath, part.errorString()));
        have += got->raw.size();
        if (progress)
            progress(have, total);
        // A whole answer (200) or a range shorter than asked: that was the end.
        if (got->status == 200 || got->raw.size() < kDownloadRange)
            break;
    }
    part.close();
    if (!thumbnail) {
        QFile check(partPath);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!check.open(QIODevice::ReadOnly) || !hash.addData(&check))
            co_return fileError(QStringLiteral("Cannot read %1").arg(partPath));
        if (QString::fromLatin1(hash.result().toHex()) != media->sha256) {
            QFile::remove(partPath);
            co_return makeError(ErrorCode::Protocol, QStringLiteral("The downloaded bytes of %1 do not match its sha256.").arg(mediaId));
        }
    }
    QFile::remove(target);
    if (!QFile::rename(partPath, target))
        co_return fileError(QStringLiteral("Cannot write %1").arg(target));
    co_return Status();
}

} // namespace plaza::media
