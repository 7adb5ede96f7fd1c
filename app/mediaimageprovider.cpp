// SPDX-License-Identifier: MIT
#include "mediaimageprovider.h"

#include "media/mediacache.h"

#include <QBuffer>
#include <QFile>
#include <QCoroTask>
#include <QImageReader>
#include <QMutex>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <memory>

namespace {

Q_LOGGING_CATEGORY(lcMediaProvider, "plaza.media")

using plaza::media::MediaCache;

class MediaImageResponse;

//! What the work on other threads shares with a response. Qt Quick may delete the response
//! whenever it no longer wants the picture (after cancel(), or with its engine), while a decode
//! or a cache read for it is still running: the work reaches the response only through this,
//! under its lock, and finds it null once the response is gone.
struct Pending {
    QMutex mutex;
    MediaImageResponse *response = nullptr;
    std::atomic_bool cancelled{false};
};
using PendingPtr = std::shared_ptr<Pending>;

//! One picture on its way: the bytes are asked for on the cache's thread (the UI thread),
//! decoded on the thread pool, and handed to Qt Quick with finished().
class MediaImageResponse : public QQuickImageResponse
{
public:
    MediaImageResponse(QPointer<MediaCache> cache, QString mediaId, MediaCache::Variant variant, QSize requested)
        : m_pending(std::make_shared<Pending>())
    {
        m_pending->response = this;
        if (!cache) {
            fail(m_pending, QStringLiteral("no media cache"));
            return;
        }
        // Runs on the cache's thread.
        QMetaObject::invokeMethod(
            cache.data(),
            [pending = m_pending, cache, mediaId, variant, requested] {
                if (!cache)
                    return fail(pending, QStringLiteral("no media cache"));
                if (pending->cancelled)
                    return deliver(pending, QImage());
                QCoro::connect(cache->bytes(mediaId, variant), cache.data(), [pending, requested](const plaza::Result<QByteArray> &bytes) {
                    if (!bytes)
                        return fail(pending, bytes.error().message);
                    QThreadPool::globalInstance()->start([pending, requested, data = *bytes]() mutable {
                        QBuffer buffer(&data);
                        buffer.open(QIODevice::ReadOnly);
                        decode(pending, &buffer, requested);
                    });
                });
            },
            Qt::QueuedConnection);
    }
    //! A file of one's own on its way (a pending message's or post's), read from the disk
    //! on the thread pool: one that is gone or is no picture is a stand-in, not a warning.
    MediaImageResponse(QString localPath, QSize requested) : m_pending(std::make_shared<Pending>())
    {
        m_pending->response = this;
        QThreadPool::globalInstance()->start([pending = m_pending, localPath, requested] {
            QFile file(localPath);
            if (!file.open(QIODevice::ReadOnly))
                return fail(pending, file.errorString());
            decode(pending, &file, requested);
        });
    }
    ~MediaImageResponse() override
    {
        const QMutexLocker lock(&m_pending->mutex);
        m_pending->response = nullptr;
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return {}; }
    void cancel() override { m_pending->cancelled = true; }

private:
    static void decode(const PendingPtr &pending, QIODevice *device, QSize requested)
    {
        if (pending->cancelled)
            return deliver(pending, QImage());
        QImageReader reader(device);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (requested.isValid() && size.isValid() && !requested.isEmpty()) {
            // Decoded at the size shown (never larger than the picture): memory stays flat.
            reader.setScaledSize(size.scaled(requested.boundedTo(size), Qt::KeepAspectRatio));
        }
        QImage image = reader.read();
        if (image.isNull())
            return fail(pending, reader.errorString());
        deliver(pending, std::move(image));
    }
    //! No picture (offline and never cached, or the server refused it): a 1×1 transparent
    //! image and no error, because Qt Quick prints every image error as a QML warning. The
    //! tile tells a missing picture by that size and says why in its box (MediaTile.qml).
    static void fail(const PendingPtr &pending, const QString &why)
    {
        qCInfo(lcMediaProvider) << "no picture:" << why;
        QImage image(1, 1, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        deliver(pending, std::move(image));
    }
    //! Hands \a image to the response and says it is finished, if the response is still there.
    //! finished() is said on the response's own thread, once the call that made it has returned
    //! (whoever asked for the picture is connected by then, however fast the work was: a file
    //! that is gone fails at once), and never once the response is gone.
    static void deliver(const PendingPtr &pending, QImage image)
    {
        const QMutexLocker lock(&pending->mutex);
        MediaImageResponse *response = pending->response;
        if (!response || response->m_done)
            return;
        response->m_done = true;
        response->m_image = std::move(image);
        QMetaObject::invokeMethod(response, [response] { Q_EMIT response->finished(); }, Qt::QueuedConnection);
    }

    PendingPtr m_pending;
    QImage m_image;
    bool m_done = false; //!< under m_pending->mutex
};

} // namespace

MediaImageProvider::MediaImageProvider(MediaCache *cache) : m_cache(cache) { }

QQuickImageResponse *MediaImageProvider::requestImageResponse(const QString &id, const QSize &requestedSize)
{
    // "local/<a file URL, percent-encoded>" (MediaTile.qml)
    if (id.startsWith(u"local/"))
        return new MediaImageResponse(QUrl(QUrl::fromPercentEncoding(id.mid(6).toUtf8())).toLocalFile(), requestedSize);
    // "md_12/thumbnail" or "md_12/content"
    const qsizetype slash = id.indexOf(u'/');
    const QString mediaId = slash < 0 ? id : id.left(slash);
    const MediaCache::Variant variant = id.mid(slash + 1) == u"content" ? MediaCache::Variant::Content
                                                                         : MediaCache::Variant::Thumbnail;
    return new MediaImageResponse(m_cache, mediaId, variant, requestedSize);
}
