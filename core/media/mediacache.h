// SPDX-License-Identifier: MIT
#pragma once

// Media kept on this device (issue 16): thumbnails and opened files live inside the
// encrypted cache (SQLCipher), never as files, so no image, PDF or file name is readable
// under the app's folders; "Save as…" is the only plaintext. The size is bounded: past the
// limit the files shown longest ago go first. Offline, what was cached shows; what was not
// fails with a network error the UI words as "not available offline".

#include "common/result.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace plaza {
class AccountContext;
}
namespace plaza::storage {
class Database;
}

namespace plaza::media {

class MediaCache : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 usedBytes READ usedBytes NOTIFY usageChanged)
    Q_PROPERTY(qint64 limitBytes READ limitBytes NOTIFY usageChanged)
public:
    enum class Variant { Thumbnail, Content };

    //! Default bound on what is kept: 500 MB.
    static constexpr qint64 kDefaultLimit = 500LL * 1000 * 1000;

    explicit MediaCache(AccountContext *context, QObject *parent = nullptr);
    ~MediaCache() override;

    //! The bytes of \a mediaId's \a variant: from the cache, otherwise fetched (in ranges)
    //! and kept. Calls for the same file share one fetch.
    [[nodiscard]] QCoro::Task<Result<QByteArray>> bytes(QString mediaId, Variant variant);
    //! Only what is cached (no network): NotFound when it is not.
    [[nodiscard]] Result<QByteArray> cached(const QString &mediaId, Variant variant);

    [[nodiscard]] qint64 usedBytes() const { return m_used; }
    [[nodiscard]] qint64 limitBytes() const { return m_limit; }
    //! A new bound; files shown longest ago go until the cache fits.
    QCoro::Task<Status> setLimitBytes(qint64 limit);
    //! Forgets every cached file (Settings › Storage).
    Q_INVOKABLE void clear();
    //! The same, awaitable.
    QCoro::Task<Status> clearAll();
    //! Reads the size kept from the cache (after it opens).
    void refreshUsage();

    //! "Save as…": writes \a mediaId's file to \a target (a local file URL), from the cache
    //! or downloaded (and kept); the only way a file leaves the encrypted cache as plaintext.
    //! Ends in saved() or saveFailed(); transferProgress() while it downloads.
    Q_INVOKABLE void saveAs(const QString &mediaId, const QUrl &target);
    //! The same, awaitable: the path written.
    [[nodiscard]] QCoro::Task<Result<QString>> saveTo(QString mediaId, QString path);
    //! True if \a mediaId's file (or its thumbnail) is in the cache: it shows offline.
    Q_INVOKABLE [[nodiscard]] bool isCached(const QString &mediaId, bool thumbnail = false);

Q_SIGNALS:
    void usageChanged();
    //! Bytes of \a mediaId received so far while it downloads.
    void transferProgress(const QString &mediaId, qint64 done);
    //! The file is at \a fileUrl (a file:// URL, for Open).
    void saved(const QString &mediaId, const QUrl &fileUrl);
    //! \a code: an error code name (common/result.h), e.g. "network" when offline.
    void saveFailed(const QString &mediaId, const QString &code);

private:
    QCoro::Task<Result<QByteArray>> fetch(QString mediaId, Variant variant);
    QCoro::Task<Status> store(QString mediaId, Variant variant, QByteArray bytes);
    [[nodiscard]] bool reader();

    AccountContext *m_context;
    std::unique_ptr<storage::Database> m_reader;
    qint64 m_used = 0;
    qint64 m_limit = kDefaultLimit;
};

} // namespace plaza::media
