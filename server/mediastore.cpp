// SPDX-License-Identifier: MIT
#include "mediastore.h"

#include "protocol/media.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace plaza::server {

namespace {

Error storageError(const QString &what)
{
    return makeError(ErrorCode::Storage, what);
}

} // namespace

FileBlobStore::FileBlobStore(QString dir) : m_dir(std::move(dir)) { }

QString FileBlobStore::pathOf(const QString &sha256) const
{
    return m_dir + u'/' + sha256.left(2) + u'/' + sha256;
}

Status FileBlobStore::adopt(const QString &path, const QString &sha256)
{
    if (!protocol::isSha256Hex(sha256))
        return storageError(QStringLiteral("not a blob address: %1").arg(sha256));
    const QString target = pathOf(sha256);
    if (QFileInfo::exists(target)) {
        QFile::remove(path);
        return {};
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        return storageError(QStringLiteral("cannot create the folder of %1").arg(target));
    // rename(2) in one file system: the blob appears whole or not at all.
    if (!QFile::rename(path, target))
        return storageError(QStringLiteral("cannot move %1 to %2").arg(path, target));
    return {};
}

bool FileBlobStore::contains(const QString &sha256) const
{
    return protocol::isSha256Hex(sha256) && QFileInfo::exists(pathOf(sha256));
}

Result<qint64> FileBlobStore::size(const QString &sha256) const
{
    const QFileInfo info(pathOf(sha256));
    if (!protocol::isSha256Hex(sha256) || !info.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("No such file."));
    return info.size();
}

Result<QByteArray> FileBlobStore::read(const QString &sha256, qint64 offset, qint64 length) const
{
    QFile file(pathOf(sha256));
    if (!protocol::isSha256Hex(sha256) || !file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("No such file."));
    if (offset < 0 || length < 0 || !file.seek(offset))
        return storageError(QStringLiteral("cannot seek in %1").arg(file.fileName()));
    QByteArray bytes = file.read(length);
    if (bytes.size() != std::min(length, file.size() - offset))
        return storageError(QStringLiteral("cannot read %1").arg(file.fileName()));
    return bytes;
}

Status FileBlobStore::remove(const QString &sha256)
{
    if (!protocol::isSha256Hex(sha256))
        return {};
    const QString path = pathOf(sha256);
    if (QFileInfo::exists(path) && !QFile::remove(path))
        return storageError(QStringLiteral("cannot remove %1").arg(path));
    return {};
}

Result<std::unique_ptr<MediaStore>> MediaStore::open(const QString &dataDir)
{
    const QString blobs = QDir(dataDir).filePath(QStringLiteral("media"));
    const QString spool = QDir(dataDir).filePath(QStringLiteral("uploads"));
    if (!QDir().mkpath(blobs) || !QDir().mkpath(spool))
        return storageError(QStringLiteral("cannot create %1 or %2").arg(blobs, spool));
    return std::unique_ptr<MediaStore>(new MediaStore(spool, std::make_unique<FileBlobStore>(blobs)));
}

MediaStore::MediaStore(QString spoolDir, std::unique_ptr<BlobStore> blobs)
    : m_spool(std::move(spoolDir)), m_blobs(std::move(blobs))
{
}

QString MediaStore::partPath(qint64 uploadId) const
{
    return m_spool + QStringLiteral("/%1.part").arg(uploadId);
}

QString MediaStore::workPath(qint64 uploadId, QStringView suffix) const
{
    return m_spool + QStringLiteral("/%1.").arg(uploadId) + suffix;
}

void MediaStore::dropSpool(qint64 uploadId) const
{
    QFile::remove(partPath(uploadId));
    QFile::remove(workPath(uploadId, u"file"));
    QFile::remove(workPath(uploadId, u"thumb"));
}

} // namespace plaza::server
