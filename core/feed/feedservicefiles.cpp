// SPDX-License-Identifier: MIT
// FeedService's images (issue 16): a post with images queues like text — stored with its
// client_id and its images' paths when it is posted (in the order of the posts), their hashes
// written in while it waits for its first try, all before anything goes out — and each try first
// takes its images to the server (media/outgoingfiles.h), writing where each upload is into
// the post_outbox row, then posts with their media ids, once.
#include "feed/feedservice.h"

#include "common/logging.h"
#include "net/apiclient.h"
#include "protocol/types.h"
#include "session/accountcontext.h"
#include "storage/cache.h"

#include <QCoroFuture>
#include <QUuid>

namespace plaza::feed {

namespace {

Error feedClosed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the feed closed"));
}

Error tooManyImages()
{
    return makeError(ErrorCode::ValidationFailed,
                     QStringLiteral("A post shows at most %1 images.").arg(protocol::limits::kMaxPostImages),
                     {{QStringLiteral("field"), QStringLiteral("images")}});
}

//! A refusal about "files" (media/outgoingfiles.h) is about the post's "images".
Error aboutImages(Error e)
{
    if (e.field() == u"files")
        e.details.insert(QStringLiteral("field"), QStringLiteral("images"));
    return e;
}

} // namespace

QCoro::Task<Result<QList<media::OutgoingFile>>> FeedService::describeImages(QList<std::pair<QString, QString>> pathsAndAlts)
{
    if (pathsAndAlts.size() > protocol::limits::kMaxPostImages)
        co_return tooManyImages();
    for (auto &pair : pathsAndAlts)
        pair.first = media::localPath(pair.first);
    QCoro::Task<Result<QList<media::OutgoingFile>>> reading = media::describeFiles(std::move(pathsAndAlts));
    auto described = co_await std::move(reading);
    if (!described)
        co_return aboutImages(described.error());
    co_return described;
}

bool FeedService::postWithImages(const QString &text, const QVariantList &images)
{
    QList<std::pair<QString, QString>> pathsAndAlts;
    Status st = m_store ? validateText(text, int(images.size())) : Status(notStarted());
    for (qsizetype i = 0; st && i < images.size(); ++i) {
        const QVariantMap image = images.at(i).toMap();
        const QString path = media::localPath(image.value(QStringLiteral("path")).toString());
        const QString alt = image.value(QStringLiteral("alt")).toString();
        st = media::checkLocalFile(path, int(i));
        if (!st)
            st = aboutImages(st.error());
        else if (alt.size() > protocol::limits::kMaxAltChars)
            st = makeError(ErrorCode::ValidationFailed,
                           QStringLiteral("Alt text is at most %1 characters.").arg(protocol::limits::kMaxAltChars),
                           {{QStringLiteral("field"), QStringLiteral("alt")}});
        pathsAndAlts.append({path, alt});
    }
    if (!st) {
        qCInfo(lcFeed) << "post with images refused:" << st.error().message;
        fail(st.error());
        return false;
    }
    composeImagesTask(text, std::move(pathsAndAlts));
    return true;
}

QCoro::Task<void> FeedService::composeImagesTask(QString text, QList<std::pair<QString, QString>> images)
{
    QPointer<FeedService> self(this);
    // Queued now, in the order it was posted, with what is known of its images without reading
    // them; their hashes are read on a worker thread meanwhile and written into the row (its
    // first try waits for them: uploadImagesOf()).
    QList<media::OutgoingFile> sketched;
    for (const auto &[path, alt] : std::as_const(images))
        sketched.append(media::sketchFile(path, alt));
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QFuture<Result<QList<media::OutgoingFile>>> reading = media::describeFilesLater(std::move(images));
    m_hashing.insert(clientId, reading);
    QCoro::Task<Result<QString>> queueing = post(text, {}, std::move(sketched), clientId);
    auto queued = co_await std::move(queueing);
    if (!self)
        co_return;
    if (!queued) {
        m_hashing.remove(clientId);
        fail(queued.error());
        co_return;
    }
    auto described = co_await reading;
    if (!self)
        co_return;
    m_hashing.remove(clientId);
    if (!described) {
        // Gone or changed since it was chosen: the try finds out which, and fails the post.
        qCInfo(lcFeed) << "a queued post's images could not be read:" << described.error().message;
        co_return;
    }
    if (!m_store)
        co_return;
    // Sent meanwhile (online, post() waits for its round): nothing is left to write.
    outbox::Outbox<OutboxPost, QJsonObject>::ItemWrite write
        = [hashed = *described](storage::Database &db, const OutboxPost &p, storage::RowChanges &) {
              return FeedStore(db).addHashes(p.clientId, hashed);
          };
    OutboxPost entry;
    entry.clientId = clientId;
    QCoro::Task<Status> writing = m_queue->change(std::move(entry), std::move(write));
    const Status written = co_await std::move(writing);
    if (self && !written && written.error().code != ErrorCode::Cancelled)
        qCWarning(lcFeed) << "cannot keep a queued post's image hashes:" << written.error().codeName();
}

QCoro::Task<Result<QList<media::OutgoingFile>>> FeedService::uploadImagesOf(OutboxPost entry)
{
    QPointer<FeedService> self(this);
    const QString clientId = entry.clientId;
    // Queued a moment ago: its images are still being read; their hashes are the ones queued.
    if (auto reading = m_hashing.constFind(clientId); reading != m_hashing.cend()) {
        QFuture<Result<QList<media::OutgoingFile>>> hashes = *reading;
        auto described = co_await hashes;
        if (!self)
            co_return feedClosed();
        if (described)
            media::takeHashes(entry.images, *described);
    }
    media::UploadHooks hooks;
    hooks.persist = [self, entry](QList<media::OutgoingFile> files) -> QCoro::Task<Status> {
        // Not a coroutine itself: the write is the outbox's (published on the change stream).
        if (!self || !self->m_store)
            return [](Error e) -> QCoro::Task<Status> { co_return e; }(feedClosed());
        OutboxPost item = entry;
        item.images = files;
        outbox::Outbox<OutboxPost, QJsonObject>::ItemWrite write
            = [files](storage::Database &db, const OutboxPost &p, storage::RowChanges &) {
                  return FeedStore(db).setImages(p.clientId, files);
              };
        return self->m_queue->change(std::move(item), std::move(write));
    };
    hooks.progress = [self, clientId](int index, qint64 done, qint64 total) {
        if (self)
            self->reportProgress(clientId, index, done, total);
    };
    hooks.goOn = [self, clientId] { return self && self->m_store && !self->m_abandoned.contains(clientId); };
    net::ApiClient *api = m_context->api();
    if (!api)
        co_return feedClosed();
    QCoro::Task<Result<QList<media::OutgoingFile>>> uploading = media::uploadFiles(*api, entry.images, std::move(hooks));
    auto uploaded = co_await std::move(uploading);
    if (!self)
        co_return feedClosed();
    m_progressShown.forget(clientId);
    if (!uploaded) {
        if (uploaded.error().code != ErrorCode::Cancelled)
            qCInfo(lcFeed) << "upload stopped:" << uploaded.error().codeName()
                           << uploaded.error().details.value(QStringLiteral("reason")).toString();
        co_return aboutImages(uploaded.error());
    }
    co_return uploaded;
}

void FeedService::reportProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total)
{
    if (m_progressShown.due(clientId, done, total))
        Q_EMIT uploadProgress(clientId, fileIndex, done, total);
}

} // namespace plaza::feed
