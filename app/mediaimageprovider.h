// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QQuickAsyncImageProvider>

namespace plaza::media {
class MediaCache;
}

//! "image://media/md_12/thumbnail" and "image://media/md_12/content": a picture from the
//! encrypted media cache (fetched and kept on first use), decoded off the UI thread and
//! scaled to the size asked for, so scrolling a thousand images keeps memory flat.
//! "image://media/local/<file URL, percent-encoded>": a file of one's own still on its way,
//! read from the disk the same way (no picture in it: a 1×1 stand-in, never a QML warning).
class MediaImageProvider : public QQuickAsyncImageProvider
{
public:
    explicit MediaImageProvider(plaza::media::MediaCache *cache);
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

private:
    QPointer<plaza::media::MediaCache> m_cache;
};
