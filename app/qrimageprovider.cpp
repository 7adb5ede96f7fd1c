// SPDX-License-Identifier: MIT
#include "qrimageprovider.h"

#include "common/logging.h"

#include <QPainter>
#include <QUrl>

#include <qrencode.h>

#include <memory>

namespace {
constexpr int kQuietZone = 4;
constexpr int kDefaultPixels = 256;

struct QrDeleter {
    void operator()(QRcode *code) const { QRcode_free(code); }
};
} // namespace

QrImageProvider::QrImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) { }

QImage QrImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const int pixels = requestedSize.width() > 0 ? requestedSize.width() : kDefaultPixels;
    QImage image = render(QUrl::fromPercentEncoding(id.toUtf8()), pixels);
    if (size)
        *size = image.size();
    return image;
}

QImage QrImageProvider::render(const QString &text, int pixels)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.isEmpty())
        return {};
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) {
        qCWarning(lcApp) << "could not make a QR code of" << utf8.size() << "bytes";
        return {};
    }
    const int modules = code->width + 2 * kQuietZone;
    const int scale = qMax(1, pixels / modules);
    QImage image(modules * scale, modules * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1)
                painter.fillRect((x + kQuietZone) * scale, (y + kQuietZone) * scale, scale, scale, Qt::black);
        }
    }
    return image;
}
