// SPDX-License-Identifier: MIT
// FeedService's images (issue 16): a post with images queues like text — stored with its
// client_id and its images' paths and hashes before anything goes out — and each try first
// takes its images to the server (media/outgoingfiles.h), writing where each upload is into
// the post_outbox row, then posts with their media ids, once.
#include "feed/feedservice.h"

#include "common/logging.h"
#include "net/apiclient.h"
#include "protocol/types.h"
#include "session/accountcontext.h"
#include "storage/cache.h"

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
    QCoro::Task<Result<QList<media::OutgoingFile>>> reading = describeImages(std::move(images));
    auto described = co_await std::move(reading);
    if (!self)
        co_return;
    if (!described) {
        fail(described.error());
        co_return;
    }
    QCoro::Task<Result<QString>> queueing = post(text, {}, std::move(described).value());
    auto queued = co_await std::move(queueing);
    if (self && !queued)
        fail(queued.error());
}

QCoro::Task<Result<QList<media::OutgoingFile>>> FeedService::uploadImagesOf(OutboxPost entry)
{
    QPointer<FeedService> self(this);
    const QString clientId = entry.clientId;
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
