// SPDX-License-Identifier: MIT
#include "mediaimageprovider.h"

#include "media/mediacache.h"

#include <QBuffer>
#include <QFile>
#include <QCoroTask>
#include <QImageReader>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QUrl>

#include <atomic>

namespace {

Q_LOGGING_CATEGORY(lcMediaProvider, "plaza.media")

using plaza::media::MediaCache;

//! One picture on its way: the bytes are asked for on the cache's thread (the UI thread),
//! decoded on the thread pool, and handed to Qt Quick with finished().
class MediaImageResponse : public QQuickImageResponse
{
public:
    MediaImageResponse(QPointer<MediaCache> cache, QString mediaId, MediaCache::Variant variant, QSize requested)
        : m_requested(requested)
    {
        if (!cache) {
            fail(QStringLiteral("no media cache"));
            return;
        }
        // Runs on the cache's thread; this response outlives it (deleted by Qt Quick after finished()).
        QMetaObject::invokeMethod(
            cache.data(),
            [this, cache, mediaId, variant] {
                if (!cache)
                    return fail(QStringLiteral("no media cache"));
                QCoro::connect(cache->bytes(mediaId, variant), cache.data(), [this](const plaza::Result<QByteArray> &bytes) {
                    if (!bytes)
                        return fail(bytes.error().message);
                    QThreadPool::globalInstance()->start([this, data = *bytes]() mutable {
                        QBuffer buffer(&data);
                        buffer.open(QIODevice::ReadOnly);
                        decode(&buffer);
                    });
                });
            },
            Qt::QueuedConnection);
    }
    //! A file of one's own on its way (a pending message's or post's), read from the disk
    //! on the thread pool: one that is gone or is no picture is a stand-in, not a warning.
    MediaImageResponse(QString localPath, QSize requested) : m_requested(requested)
    {
        QThreadPool::globalInstance()->start([this, localPath] {
            QFile file(localPath);
            if (!file.open(QIODevice::ReadOnly))
                return fail(file.errorString());
            decode(&file);
        });
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return {}; }
    void cancel() override { m_cancelled = true; }

private:
    void decode(QIODevice *device)
    {
        if (m_cancelled)
            return emitFinished();
        QImageReader reader(device);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (m_requested.isValid() && size.isValid() && !m_requested.isEmpty()) {
            // Decoded at the size shown (never larger than the picture): memory stays flat.
            reader.setScaledSize(size.scaled(m_requested.boundedTo(size), Qt::KeepAspectRatio));
        }
        m_image = reader.read();
        if (m_image.isNull())
            return fail(reader.errorString());
        emitFinished();
    }
    //! No picture (offline and never cached, or the server refused it): a 1×1 transparent
    //! image and no error, because Qt Quick prints every image error as a QML warning. The
    //! tile tells a missing picture by that size and says why in its box (MediaTile.qml).
    void fail(const QString &why)
    {
        qCInfo(lcMediaProvider) << "no picture:" << why;
        m_image = QImage(1, 1, QImage::Format_ARGB32_Premultiplied);
        m_image.fill(Qt::transparent);
        emitFinished();
    }
    void emitFinished()
    {
        if (!m_done.exchange(true))
            Q_EMIT finished();
    }

    QSize m_requested;
    QImage m_image;
    std::atomic_bool m_cancelled{false};
    std::atomic_bool m_done{false};
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
