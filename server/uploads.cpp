// SPDX-License-Identifier: MIT
// The media endpoints (docs/api.md "Media"): resumable uploads in chunks at explicit offsets,
// finishing one (checked, sniffed, decoded and re-encoded on the worker pool), and fetching a
// file or its thumbnail, whole or by Range, by whoever a message or a post shows it to.

#include "clock.h"
#include "media.h"
#include "mediaprocess.h"
#include "mediastore.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "router.h"
#include "routes.h"
#include "serverdb.h"
#include "services.h"
#include "workerpool.h"

#include <QFile>
#include <QUrl>

#include <unistd.h>

namespace plaza::server {

namespace {

Response uploadJson(const media::UploadRow &u, int status = 200)
{
    return Response::json(status, u.toProtocol().toJson());
}

Response noSuchUpload()
{
    return Response::error(ErrorCode::NotFound, QStringLiteral("No such upload (it may have expired)."));
}

//! The caller's upload named by the route's {id}, or the answer to give.
std::variant<media::UploadRow, Response> callersUpload(Services &s, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kUpload, ctx.param(QStringLiteral("id")));
    if (!id)
        return noSuchUpload();
    auto upload = media::loadUpload(s.db, ctx.userId, *id, s.clock.nowMs());
    if (!upload)
        return Response::error(upload.error());
    return *upload;
}

Response offsetConflict(const media::UploadRow &u, const QString &message)
{
    return Response::error(ErrorCode::Conflict, message,
                           {{QStringLiteral("field"), QStringLiteral("offset")}, {QStringLiteral("offset"), u.received}});
}

Response createHandler(Services &s, RequestContext &ctx)
{
    protocol::JsonReader r(ctx.body);
    const qint64 size = r.integer(QStringLiteral("size"));
    const QString sha256 = r.string(QStringLiteral("sha256"));
    const QString name = r.optString(QStringLiteral("name"));
    // The declared type is accepted and never trusted: finishing sniffs the bytes.
    r.optString(QStringLiteral("mime"));
    if (!r.ok())
        return Response::error(r.error());
    std::optional<media::UploadRow> created;
    const Status st = s.db.write([&]() -> Status {
        auto u = media::createUpload(s.db, ctx.userId, size, sha256, name.isNull() ? QString() : name, s.clock.nowMs());
        if (!u)
            return u.error();
        created = *u;
        return {};
    });
    return st ? uploadJson(*created, 201) : Response::error(st.error());
}

Response getUploadHandler(Services &s, RequestContext &ctx)
{
    auto upload = callersUpload(s, ctx);
    if (auto *r = std::get_if<Response>(&upload))
        return *r;
    return uploadJson(std::get<media::UploadRow>(upload));
}

Response chunkHandler(Services &s, RequestContext &ctx)
{
    auto found = callersUpload(s, ctx);
    if (auto *r = std::get_if<Response>(&found))
        return *r;
    media::UploadRow u = std::get<media::UploadRow>(found);
    if (u.state != u"receiving")
        return offsetConflict(u, QStringLiteral("This upload has all its bytes and is finished or being finished."));
    auto offset = ctx.queryInteger(QStringLiteral("offset"), -1, 0, protocol::limits::kMaxUploadBytes);
    if (!offset)
        return Response::error(offset.error());
    if (*offset < 0)
        return Response::invalidField(QStringLiteral("offset"), QStringLiteral("offset is required: where these bytes go"));
    if (*offset != u.received)
        return offsetConflict(u, QStringLiteral("The server holds %1 bytes of this upload: send from there.").arg(u.received));
    if (ctx.rawBody.isEmpty())
        return Response::invalidField(QStringLiteral("body"), QStringLiteral("A chunk has at least one byte."));
    if (u.received + ctx.rawBody.size() > u.size)
        return Response::invalidField(QStringLiteral("body"),
                                      QStringLiteral("These bytes would go past the %1 bytes the upload declared.").arg(u.size));
    // Bytes past what the database counts are from a chunk whose answer was lost with its
    // connection or its server: they go, and this chunk takes their place.
    QFile part(s.media.partPath(u.id));
    if (!part.open(QIODevice::ReadWrite) || !part.resize(u.received) || !part.seek(u.received)
        || part.write(ctx.rawBody) != ctx.rawBody.size() || !part.flush() || ::fdatasync(part.handle()) != 0)
        return Response::error(makeError(ErrorCode::Storage, QStringLiteral("cannot write %1").arg(part.fileName())));
    part.close();
    u.received += ctx.rawBody.size();
    const Status st = s.db.write([&] { return media::setReceived(s.db, u.id, u.received); });
    return st ? uploadJson(u) : Response::error(st.error());
}

Response mediaJson(ServerDb &db, qint64 mediaId, int status)
{
    auto row = media::loadMedia(db, mediaId);
    if (!row)
        return Response::error(row.error());
    if (!*row)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such file."));
    return Response::json(status, (*row)->media.toJson());
}

//! On the event loop once the worker is done: the blobs go into the store and the file into the database.
Response finishUpload(Services &s, qint64 uploadId, qint64 ownerId, const Result<media::Processed> &processed)
{
    auto giveBack = [&](const Error &error) {
        // A fault of ours (disk, store) leaves the upload to be finished again; bytes that are
        // wrong (hash, a broken or oversized image) never get better: the upload goes.
        if (error.code == ErrorCode::Storage || error.code == ErrorCode::Internal) {
            (void)s.db.write([&] { return media::setState(s.db, uploadId, QStringLiteral("receiving")); });
        } else {
            (void)s.db.write([&] { return s.db.run(QStringLiteral("DELETE FROM uploads WHERE id = ?1"), uploadId); });
            s.media.dropSpool(uploadId);
        }
        return Response::error(error);
    };
    if (!processed)
        return giveBack(processed.error());
    const media::Processed &p = *processed;
    if (auto st = s.media.blobs().adopt(p.filePath, p.sha256); !st)
        return giveBack(st.error());
    if (!p.thumbPath.isEmpty()) {
        if (auto st = s.media.blobs().adopt(p.thumbPath, p.thumbSha256); !st)
            return giveBack(st.error());
    }
    qint64 mediaId = 0;
    const Status st = s.db.write([&]() -> Status {
        auto id = media::insertMedia(s.db, ownerId, uploadId,
                                     {p.kind, p.mime, p.name, p.size, p.sha256, p.width, p.height, p.thumbSha256, p.thumbMime},
                                     s.clock.nowMs());
        if (!id)
            return id.error();
        mediaId = *id;
        return {};
    });
    if (!st)
        return giveBack(st.error());
    s.media.dropSpool(uploadId);
    return mediaJson(s.db, mediaId, 201);
}

Response completeHandler(Services &s, RequestContext &ctx)
{
    auto found = callersUpload(s, ctx);
    if (auto *r = std::get_if<Response>(&found))
        return *r;
    const media::UploadRow u = std::get<media::UploadRow>(found);
    if (u.state == u"done") // asked again (an answer lost with its connection): the same file
        return mediaJson(s.db, u.mediaId, 200);
    if (u.state == u"finishing")
        return Response::error(ErrorCode::Conflict, QStringLiteral("This upload is being finished: ask again in a moment."))
            .withHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    if (u.received != u.size)
        return offsetConflict(u, QStringLiteral("The server holds %1 of the %2 bytes of this upload.").arg(u.received).arg(u.size));
    if (auto st = s.db.write([&] { return media::setState(s.db, u.id, QStringLiteral("finishing")); }); !st)
        return Response::error(st.error());
    const QString part = s.media.partPath(u.id);
    const QString image = s.media.workPath(u.id, u"file");
    const QString thumb = s.media.workPath(u.id, u"thumb");
    const qint64 uploadId = u.id;
    const qint64 ownerId = u.ownerId;
    const qint64 size = u.size;
    const QString sha256 = u.sha256;
    const QString name = u.name;
    Response answer = s.workers.answerLater<Result<media::Processed>>(
        [part, size, sha256, name, image, thumb] { return media::process(part, size, sha256, name, image, thumb); },
        [&s, uploadId, ownerId](Result<media::Processed> processed) { return finishUpload(s, uploadId, ownerId, processed); });
    if (!answer.pending()) // the pool is full (503): the upload can be finished later
        (void)s.db.write([&] { return media::setState(s.db, uploadId, QStringLiteral("receiving")); });
    return answer;
}

Response cancelHandler(Services &s, RequestContext &ctx)
{
    auto found = callersUpload(s, ctx);
    if (auto *r = std::get_if<Response>(&found))
        return *r;
    const media::UploadRow u = std::get<media::UploadRow>(found);
    if (u.state == u"finishing")
        return Response::error(ErrorCode::Conflict, QStringLiteral("This upload is being finished and cannot be cancelled now."));
    if (auto st = s.db.write([&] { return s.db.run(QStringLiteral("DELETE FROM uploads WHERE id = ?1"), u.id); }); !st)
        return Response::error(st.error());
    s.media.dropSpool(u.id);
    return Response::noContent();
}

//! The file named by the route's {id} if the caller may see it, or the answer to give.
std::variant<media::MediaRow, Response> visibleMedia(Services &s, const RequestContext &ctx)
{
    const auto id = ids::parse(ids::kMedia, ctx.param(QStringLiteral("id")));
    auto row = id ? media::loadMedia(s.db, *id) : Result<std::optional<media::MediaRow>>(std::optional<media::MediaRow>());
    if (!row)
        return Response::error(row.error());
    if (!*row)
        return Response::error(ErrorCode::NotFound, QStringLiteral("No such file."));
    auto allowed = media::canSee(s.db, ctx.userId, *id);
    if (!allowed)
        return Response::error(allowed.error());
    if (!*allowed)
        return Response::error(ErrorCode::Forbidden, QStringLiteral("No message or post you can see shows this file."));
    return **row;
}

Response getMediaHandler(Services &s, RequestContext &ctx)
{
    auto found = visibleMedia(s, ctx);
    if (auto *r = std::get_if<Response>(&found))
        return *r;
    return Response::ok(std::get<media::MediaRow>(found).media.toJson());
}

//! "bytes=a-b", "bytes=a-" or "bytes=-n" against \a size: the first and last byte, or
//! nothing for a header to ignore (absent, several ranges, another unit, not a number).
//! A range that starts past the end gives {size, size}: 416.
std::optional<std::pair<qint64, qint64>> byteRange(const QByteArray &header, qint64 size)
{
    if (!header.startsWith("bytes=") || header.contains(','))
        return std::nullopt;
    const QByteArray spec = header.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    bool okFirst = true;
    bool okLast = true;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    if (first.isEmpty()) { // the last n bytes
        const qint64 n = last.toLongLong(&okLast);
        if (!okLast || n <= 0)
            return std::nullopt;
        return std::pair{std::max<qint64>(0, size - n), size - 1};
    }
    const qint64 start = first.toLongLong(&okFirst);
    const qint64 end = last.isEmpty() ? std::max(start, size - 1) : last.toLongLong(&okLast);
    if (!okFirst || !okLast || start < 0 || end < start)
        return std::nullopt;
    if (start >= size)
        return std::pair{size, size};
    return std::pair{start, std::min(end, size - 1)};
}

QByteArray contentDisposition(const protocol::Media &m)
{
    QByteArray ascii;
    for (QChar c : m.name)
        ascii.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' ? char(c.unicode()) : '_');
    return (m.isImage() ? QByteArrayLiteral("inline") : QByteArrayLiteral("attachment")) + "; filename=\"" + ascii
        + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(m.name);
}

Response contentHandler(Services &s, RequestContext &ctx, bool thumbnail)
{
    auto found = visibleMedia(s, ctx);
    if (auto *r = std::get_if<Response>(&found))
        return *r;
    const media::MediaRow &row = std::get<media::MediaRow>(found);
    if (thumbnail && row.thumbSha256.isEmpty())
        return Response::error(ErrorCode::NotFound, QStringLiteral("This file has no thumbnail."));
    const QString sha = thumbnail ? row.thumbSha256 : row.media.sha256;
    const QByteArray mime = (thumbnail ? row.thumbMime : row.media.mime).toLatin1();
    auto size = s.media.blobs().size(sha);
    if (!size) // the row names bytes the store lost: ours to fix, not the client's
        return Response::error(makeError(ErrorCode::Internal, QStringLiteral("blob %1 is missing").arg(sha)));
    const auto range = byteRange(ctx.header("range"), *size);
    if (range && range->first >= *size) {
        Error unsatisfiable = makeError(ErrorCode::ValidationFailed,
                                        QStringLiteral("The range starts past the end of the %1 bytes.").arg(*size),
                                        {{QStringLiteral("field"), QStringLiteral("range")}});
        unsatisfiable.httpStatus = 416;
        return Response::error(unsatisfiable).withHeader(QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(*size));
    }
    const qint64 from = range ? range->first : 0;
    const qint64 length = range ? range->second - range->first + 1 : *size;
    auto bytes = s.media.blobs().read(sha, from, length);
    if (!bytes)
        return Response::error(bytes.error());
    Response answer = Response::bytes(range ? 206 : 200, std::move(*bytes), mime);
    if (range)
        answer.withHeader(QByteArrayLiteral("Content-Range"), "bytes " + QByteArray::number(range->first) + '-'
                                                               + QByteArray::number(range->second) + '/' + QByteArray::number(*size));
    return answer.withHeader(QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes"))
        .withHeader(QByteArrayLiteral("ETag"), '"' + sha.toLatin1() + '"')
        .withHeader(QByteArrayLiteral("Content-Disposition"), contentDisposition(row.media))
        // The bytes behind an id never change; only the caller may keep them.
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, max-age=31536000, immutable"));
}

} // namespace

void registerMediaRoutes(Router &router, Services &services)
{
    Services &s = services;
    using M = Router::Method;
    router.add(M::Post, QStringLiteral("/v1/uploads"), Router::JsonBody, [&s](RequestContext &ctx) { return createHandler(s, ctx); });
    router.add(M::Get, QStringLiteral("/v1/uploads/{id}"), Router::NoFlags,
               [&s](RequestContext &ctx) { return getUploadHandler(s, ctx); });
    router.add(M::Put, QStringLiteral("/v1/uploads/{id}"), Router::ChunkBody,
               [&s](RequestContext &ctx) { return chunkHandler(s, ctx); });
    router.add(M::Delete, QStringLiteral("/v1/uploads/{id}"), Router::NoFlags,
               [&s](RequestContext &ctx) { return cancelHandler(s, ctx); });
    router.add(M::Post, QStringLiteral("/v1/uploads/{id}/complete"), Router::NoFlags,
               [&s](RequestContext &ctx) { return completeHandler(s, ctx); });
    router.add(M::Get, QStringLiteral("/v1/media/{id}"), Router::NoFlags,
               [&s](RequestContext &ctx) { return getMediaHandler(s, ctx); });
    router.add(M::Get, QStringLiteral("/v1/media/{id}/content"), Router::NoFlags,
               [&s](RequestContext &ctx) { return contentHandler(s, ctx, false); });
    router.add(M::Get, QStringLiteral("/v1/media/{id}/thumbnail"), Router::NoFlags,
               [&s](RequestContext &ctx) { return contentHandler(s, ctx, true); });
}

} // namespace plaza::server
