// SPDX-License-Identifier: MIT
#include "mediaprocess.h"

#include "protocol/types.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>

namespace plaza::server::media {

namespace {

bool startsWith(QByteArrayView head, QByteArrayView magic)
{
    return head.size() >= magic.size() && head.first(magic.size()) == magic;
}

//! Valid UTF-8 without NUL or control characters other than tab, new lines and form feed;
//! a sequence cut by the end of \a head is accepted (the head is the first bytes only).
bool looksLikeText(QByteArrayView head)
{
    qsizetype i = 0;
    const qsizetype n = head.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                return false;
            if (c == 0x7f)
                return false;
            ++i;
            continue;
        }
        int extra = 0;
        if ((c & 0xe0) == 0xc0 && c >= 0xc2)
            extra = 1;
        else if ((c & 0xf0) == 0xe0)
            extra = 2;
        else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
            extra = 3;
        else
            return false;
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return true; // cut by the end of the head
            if ((static_cast<unsigned char>(head[i + k]) & 0xc0) != 0x80)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

Error invalid(const QString &field, const QString &message)
{
    return makeError(ErrorCode::ValidationFailed, message, {{QStringLiteral("field"), field}});
}

//! The pixels of \a image alone: a new image sharing none of its text keys, colour space or
//! other metadata, so the writer has nothing of the original to carry over.
QImage pixelsOnly(const QImage &image)
{
    const QImage::Format format = image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32;
    const QImage converted = image.convertToFormat(format);
    QImage clean(converted.size(), format);
    for (int y = 0; y < converted.height(); ++y)
        std::memcpy(clean.scanLine(y), converted.constScanLine(y), size_t(converted.bytesPerLine()));
    return clean;
}

bool writeImage(const QImage &image, const QString &path, const QByteArray &format, int quality)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QImageWriter writer(&file, format);
    writer.setQuality(quality);
    if (!writer.write(image))
        return false;
    return file.commit();
}

QString withExtension(const QString &name, QStringView extension)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString stem = dot > 0 ? name.left(dot) : name;
    return stem + u'.' + extension;
}

} // namespace

Sniffed sniff(QByteArrayView head)
{
    if (startsWith(head, "\x89PNG\r\n\x1a\n"))
        return {QStringLiteral("image/png"), QByteArrayLiteral("png")};
    if (startsWith(head, "\xff\xd8\xff"))
        return {QStringLiteral("image/jpeg"), QByteArrayLiteral("jpeg")};
    if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a"))
        return {QStringLiteral("image/gif"), QByteArrayLiteral("gif")};
    if (head.size() >= 12 && startsWith(head, "RIFF") && head.sliced(8, 4) == QByteArrayView("WEBP"))
        return {QStringLiteral("image/webp"), QByteArrayLiteral("webp")};
    if (startsWith(head, "%PDF-"))
        return {QStringLiteral("application/pdf"), {}};
    if (startsWith(head, "PK\x03\x04"))
        return {QStringLiteral("application/zip"), {}};
    if (!head.isEmpty() && looksLikeText(head))
        return {QStringLiteral("text/plain"), {}};
    return {QStringLiteral("application/octet-stream"), {}};
}

QString sanitizeFileName(const QString &name)
{
    QString base = name;
    const qsizetype slash = std::max(base.lastIndexOf(u'/'), base.lastIndexOf(u'\\'));
    if (slash >= 0)
        base = base.mid(slash + 1);
    QString out;
    out.reserve(base.size());
    for (QChar c : std::as_const(base)) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || QStringView(u"<>:\"|?*").contains(c))
            out.append(u'_');
        else
            out.append(c);
    }
    out = out.trimmed();
    while (out.startsWith(u'.'))
        out.remove(0, 1);
    if (out.size() > protocol::limits::kMaxFileNameChars) {
        const qsizetype dot = out.lastIndexOf(u'.');
        const QString ext = (dot > 0 && out.size() - dot <= 10) ? out.mid(dot) : QString();
        out = out.left(protocol::limits::kMaxFileNameChars - ext.size()) + ext;
    }
    return out.trimmed().isEmpty() ? QStringLiteral("file") : out;
}

Result<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot read %1").arg(path));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot read %1").arg(path));
    return QString::fromLatin1(hash.result().toHex());
}

Result<Processed> process(const QString &partPath, qint64 declaredSize, const QString &declaredSha256,
                          const QString &name, const QString &imagePath, const QString &thumbPath)
{
    if (QFileInfo(partPath).size() != declaredSize)
        return invalid(QStringLiteral("size"), QStringLiteral("The upload does not have all of its bytes yet."));
    auto sha = sha256OfFile(partPath);
    if (!sha)
        return sha.error();
    if (*sha != declaredSha256)
        return invalid(QStringLiteral("sha256"), QStringLiteral("The bytes received do not match the sha256 given."));

    QFile part(partPath);
    if (!part.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot read %1").arg(partPath));
    const Sniffed sniffed = sniff(part.read(4096));
    part.close();

    Processed out;
    out.name = sanitizeFileName(name);
    if (sniffed.imageFormat.isEmpty()) {
        out.kind = QStringLiteral("file");
        out.mime = sniffed.mime;
        out.filePath = partPath;
        out.sha256 = *sha;
        out.size = declaredSize;
        return out;
    }

    QImageReader reader(partPath, sniffed.imageFormat);
    reader.setDecideFormatFromContent(false);
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return invalid(QStringLiteral("file"), QStringLiteral("The file looks like an image but cannot be read as one."));
    if (qint64(size.width()) * size.height() > protocol::limits::kMaxImagePixels)
        return makeError(ErrorCode::PayloadTooLarge,
                         QStringLiteral("The image is %1 × %2 pixels: at most %3 pixels are accepted.")
                             .arg(size.width())
                             .arg(size.height())
                             .arg(protocol::limits::kMaxImagePixels),
                         {{QStringLiteral("field"), QStringLiteral("file")}});
    // 4 bytes a pixel of the largest accepted image, and no more.
    QImageReader::setAllocationLimit(int(protocol::limits::kMaxImagePixels * 4 / (1024 * 1024)) + 1);
    reader.setAutoTransform(true); // the EXIF orientation is applied, then EXIF is gone
    const QImage decoded = reader.read();
    if (decoded.isNull())
        return invalid(QStringLiteral("file"), QStringLiteral("The file looks like an image but cannot be decoded: %1")
                                                   .arg(reader.errorString()));
    const QImage image = pixelsOnly(decoded);
    // A photo stays a JPEG; anything else (PNG, GIF's first frame, WebP) becomes a PNG.
    const bool jpeg = sniffed.imageFormat == "jpeg" && !image.hasAlphaChannel();
    const QByteArray format = jpeg ? QByteArrayLiteral("jpeg") : QByteArrayLiteral("png");
    if (!writeImage(image, imagePath, format, 90))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot write %1").arg(imagePath));
    const int edge = protocol::limits::kThumbnailEdge;
    const QImage thumb = (image.width() > edge || image.height() > edge)
                             ? image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                             : image;
    if (!writeImage(thumb, thumbPath, format, 80))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot write %1").arg(thumbPath));
    auto imageSha = sha256OfFile(imagePath);
    auto thumbSha = sha256OfFile(thumbPath);
    if (!imageSha)
        return imageSha.error();
    if (!thumbSha)
        return thumbSha.error();
    out.kind = QStringLiteral("image");
    out.mime = jpeg ? QStringLiteral("image/jpeg") : QStringLiteral("image/png");
    out.name = sanitizeFileName(withExtension(out.name, jpeg ? u"jpg" : u"png"));
    out.filePath = imagePath;
    out.sha256 = *imageSha;
    out.size = QFileInfo(imagePath).size();
    out.width = image.width();
    out.height = image.height();
    out.thumbPath = thumbPath;
    out.thumbSha256 = *thumbSha;
    out.thumbMime = out.mime;
    return out;
}

} // namespace plaza::server::media
