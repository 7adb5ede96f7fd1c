// SPDX-License-Identifier: MIT
#include "mediaimageprovider.h"

#include "media/mediacache.h"

#include <QBuffer>
#include <QCoroTask>
#include <QImageReader>
#include <QLoggingCategory>
#include <QThreadPool>

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
                    QThreadPool::globalInstance()->start([this, data = *bytes] { decode(data); });
                });
            },
            Qt::QueuedConnection);
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return {}; }
    void cancel() override { m_cancelled = true; }

private:
    void decode(QByteArray data)
    {
        if (m_cancelled)
            return emitFinished();
        QBuffer buffer(&data);
        QImageReader reader(&buffer);
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
    // "md_12/thumbnail" or "md_12/content"
    const qsizetype slash = id.indexOf(u'/');
    const QString mediaId = slash < 0 ? id : id.left(slash);
    const MediaCache::Variant variant = id.mid(slash + 1) == u"content" ? MediaCache::Variant::Content
                                                                         : MediaCache::Variant::Thumbnail;
    return new MediaImageResponse(m_cache, mediaId, variant, requestedSize);
}
