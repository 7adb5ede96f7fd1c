// SPDX-License-Identifier: MIT
#pragma once

// Where media bytes live (docs/api.md "Media"): finished files in a content-addressed blob
// store (the SHA-256 of the bytes is the address, so the same bytes are kept once), and the
// spool of uploads still arriving. The blob store is an interface so that an object store
// can replace the folder; the spool stays local to the process that receives the chunks.

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace plaza::server {

//! Immutable blobs addressed by the lower-case hex SHA-256 of their bytes.
class BlobStore
{
public:
    virtual ~BlobStore() = default;
    //! Takes the file at \a path (whose bytes hash to \a sha256) into the store, moving it;
    //! when the store already holds those bytes the file is simply removed. Idempotent.
    [[nodiscard]] virtual Status adopt(const QString &path, const QString &sha256) = 0;
    [[nodiscard]] virtual bool contains(const QString &sha256) const = 0;
    //! The size of a blob, NotFound if the store does not hold it.
    [[nodiscard]] virtual Result<qint64> size(const QString &sha256) const = 0;
    //! \a length bytes from \a offset (fewer at the end).
    [[nodiscard]] virtual Result<QByteArray> read(const QString &sha256, qint64 offset, qint64 length) const = 0;
    //! Forgets a blob; nothing happens when it is not there.
    [[nodiscard]] virtual Status remove(const QString &sha256) = 0;
};

//! BlobStore on a folder: DIR/ab/abcdef… (two-character fan-out).
class FileBlobStore final : public BlobStore
{
public:
    explicit FileBlobStore(QString dir);
    Status adopt(const QString &path, const QString &sha256) override;
    bool contains(const QString &sha256) const override;
    Result<qint64> size(const QString &sha256) const override;
    Result<QByteArray> read(const QString &sha256, qint64 offset, qint64 length) const override;
    Status remove(const QString &sha256) override;

private:
    [[nodiscard]] QString pathOf(const QString &sha256) const;
    QString m_dir;
};

//! The media storage of one server: the blob store and the upload spool under the data folder.
class MediaStore
{
public:
    //! DATA/media (blobs) and DATA/uploads (the spool), created if needed.
    [[nodiscard]] static Result<std::unique_ptr<MediaStore>> open(const QString &dataDir);

    [[nodiscard]] BlobStore &blobs() { return *m_blobs; }
    //! The file an upload's bytes are written to, and the files its finishing makes.
    [[nodiscard]] QString partPath(qint64 uploadId) const;
    [[nodiscard]] QString workPath(qint64 uploadId, QStringView suffix) const;
    //! Removes an upload's spool files.
    void dropSpool(qint64 uploadId) const;

private:
    MediaStore(QString spoolDir, std::unique_ptr<BlobStore> blobs);
    QString m_spool;
    std::unique_ptr<BlobStore> m_blobs;
};

} // namespace plaza::server
