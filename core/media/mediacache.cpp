// SPDX-License-Identifier: MIT
#include "media/mediacache.h"

#include "common/clock.h"
#include "common/logging.h"
#include "media/mediatransfer.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/cachewriter.h"

#include <QCoroFuture>
#include <QDateTime>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>

namespace plaza::media {

namespace {

QString variantName(MediaCache::Variant v)
{
    return v == MediaCache::Variant::Thumbnail ? QStringLiteral("thumbnail") : QStringLiteral("content");
}

//! Deletes the rows shown longest ago until the sum fits \a limit; the sum after.
Result<qint64> evict(storage::Database &db, qint64 limit)
{
    auto total = db.scalar(QStringLiteral("SELECT coalesce(sum(size), 0) FROM media_files;"));
    if (!total)
        return total.error();
    qint64 used = *total;
    while (used > limit) {
        auto oldest = db.prepare(QStringLiteral("SELECT media_id, variant, size FROM media_files ORDER BY used_at LIMIT 16;"));
        if (!oldest)
            return oldest.error();
        QList<std::tuple<QString, QString, qint64>> rows;
        const Status walked = oldest->forEachRow([&] {
            rows.append({oldest->text(0), oldest->text(1), oldest->int64(2)});
        });
        if (!walked)
            return walked.error();
        if (rows.isEmpty())
            break;
        for (const auto &[id, variant, size] : std::as_const(rows)) {
            if (used <= limit)
                break;
            auto del = db.prepare(QStringLiteral("DELETE FROM media_files WHERE media_id = ?1 AND variant = ?2;"));
            if (!del)
                return del.error();
            del->bindAll(id, variant);
            if (auto st = del->exec(); !st)
                return st.error();
            used -= size;
        }
    }
    return used;
}

} // namespace

MediaCache::MediaCache(AccountContext *context, QObject *parent) : QObject(parent), m_context(context)
{
    connect(context->cache(), &storage::Cache::openChanged, this, [this] {
        m_reader.reset();
        refreshUsage();
    });
}

MediaCache::~MediaCache() = default;

bool MediaCache::reader()
{
    return m_context->cache()->ensureReader(m_reader);
}

void MediaCache::refreshUsage()
{
    qint64 used = 0;
    if (reader()) {
        if (auto sum = m_reader->scalar(QStringLiteral("SELECT coalesce(sum(size), 0) FROM media_files;")))
            used = *sum;
    }
    if (used != m_used) {
        m_used = used;
        Q_EMIT usageChanged();
    }
}

Result<QByteArray> MediaCache::cached(const QString &mediaId, Variant variant)
{
    if (!reader())
        return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache is not open."));
    auto stmt = m_reader->prepare(QStringLiteral("SELECT bytes FROM media_files WHERE media_id = ?1 AND variant = ?2;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(mediaId, variantName(variant));
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, QStringLiteral("Not cached."));
    return stmt->blob(0);
}

QCoro::Task<Result<QByteArray>> MediaCache::bytes(QString mediaId, Variant variant)
{
    auto have = cached(mediaId, variant);
    if (have) {
        // Shown again: the last to go. Not awaited: the picture need not wait for it.
        if (sync::CacheWriter *writer = m_context->writer()) {
            const qint64 now = Clock::instance()->nowMs();
            const QString kind = variantName(variant);
            writer->run([mediaId, kind, now](storage::Database &db) -> Status {
                auto stmt = db.prepare(QStringLiteral("UPDATE media_files SET used_at = ?3 WHERE media_id = ?1 AND variant = ?2;"));
                if (!stmt)
                    return stmt.error();
                stmt->bindAll(mediaId, kind, now);
                return stmt->exec();
            });
        }
        co_return have;
    }
    if (have.error().code != ErrorCode::NotFound)
        co_return have.error();
    QPointer<MediaCache> self(this);
    auto fetched = co_await fetch(mediaId, variant);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("The media cache closed."));
    if (!fetched)
        co_return fetched.error();
    if (const Status st = co_await store(mediaId, variant, *fetched); !st)
        qCWarning(lcDb) << "cannot keep" << mediaId << "in the cache:" << st.error().message;
    co_return fetched;
}

QCoro::Task<Result<QByteArray>> MediaCache::fetch(QString mediaId, Variant variant)
{
    net::ApiClient *api = m_context->api();
    const QString path = variant == Variant::Thumbnail ? protocol::endpoints::mediaThumbnail(mediaId)
                                                       : protocol::endpoints::mediaContent(mediaId);
    QByteArray all;
    int failures = 0;
    QPointer<MediaCache> self(this);
    for (;;) {
        net::RequestOptions options;
        options.rawBody = true;
        options.timeout = std::chrono::milliseconds(60000);
        options.range = "bytes=" + QByteArray::number(all.size()) + '-' + QByteArray::number(all.size() + kDownloadRange - 1);
        auto got = co_await api->get(path, {}, options);
        if (!self)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("The media cache closed."));
        if (!got) {
            if (got.error().httpStatus == 416 && !all.isEmpty())
                break; // the file ended on a range boundary
            if (!got.error().isTransient() || ++failures > kMaxRetries)
                co_return got.error();
            continue;
        }
        failures = 0;
        if (got->status == 200)
            all = got->raw; // the whole file after all
        else
            all.append(got->raw);
        if (variant == Variant::Content)
            Q_EMIT transferProgress(mediaId, all.size());
        if (got->status == 200 || got->raw.size() < kDownloadRange)
            break;
    }
    co_return all;
}

QCoro::Task<Status> MediaCache::store(QString mediaId, Variant variant, QByteArray bytes)
{
    sync::CacheWriter *writer = m_context->writer();
    if (!writer)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache is not open."));
    const qint64 now = Clock::instance()->nowMs();
    const qint64 limit = m_limit;
    const QString kind = variantName(variant);
    auto stored = writer->run<qint64>([mediaId, kind, bytes, now, limit](storage::Database &db) -> Result<qint64> {
        Result<qint64> used = 0;
        const Status st = db.transaction([&]() -> Status {
            auto stmt = db.prepare(QStringLiteral("INSERT OR REPLACE INTO media_files (media_id, variant, bytes, size, used_at) "
                                                  "VALUES (?1, ?2, ?3, ?4, ?5);"));
            if (!stmt)
                return stmt.error();
            stmt->bindAll(mediaId, kind, bytes, qint64(bytes.size()), now);
            if (auto st = stmt->exec(); !st)
                return st;
            used = evict(db, limit);
            return used ? Status() : Status(used.error());
        });
        if (!st)
            return st.error();
        return used;
    });
    // The cache may go (a sign-out, the app closing) while the writer works: touch nothing then.
    QPointer<MediaCache> self(this);
    const Result<qint64> used = co_await stored;
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("The media cache closed."));
    if (!used)
        co_return used.error();
    if (*used != m_used) {
        m_used = *used;
        Q_EMIT usageChanged();
    }
    co_return Status();
}

QCoro::Task<Status> MediaCache::setLimitBytes(qint64 limit)
{
    m_limit = std::max<qint64>(0, limit);
    sync::CacheWriter *writer = m_context->writer();
    if (!writer)
        co_return Status();
    const qint64 bound = m_limit;
    auto evicted = writer->run<qint64>([bound](storage::Database &db) -> Result<qint64> {
        Result<qint64> used = 0;
        const Status st = db.transaction([&]() -> Status {
            used = evict(db, bound);
            return used ? Status() : Status(used.error());
        });
        if (!st)
            return st.error();
        return used;
    });
    QPointer<MediaCache> self(this);
    const Result<qint64> used = co_await evicted;
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("The media cache closed."));
    if (!used)
        co_return used.error();
    m_used = *used;
    Q_EMIT usageChanged();
    co_return Status();
}

void MediaCache::clear()
{
    // The outcome shows in usedBytes.
    QCoro::connect(clearAll(), this, [](const Status &st) {
        if (!st)
            qCWarning(lcDb) << "cannot clear the media cache:" << st.error().message;
    });
}

QCoro::Task<Status> MediaCache::clearAll()
{
    sync::CacheWriter *writer = m_context->writer();
    if (!writer)
        co_return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache is not open."));
    auto cleared = writer->run([](storage::Database &db) -> Status { return db.exec(QStringLiteral("DELETE FROM media_files;")); });
    QPointer<MediaCache> self(this);
    const Status st = co_await cleared;
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("The media cache closed."));
    if (!st)
        co_return st;
    m_used = 0;
    Q_EMIT usageChanged();
    co_return Status();
}

bool MediaCache::isCached(const QString &mediaId, bool thumbnail)
{
    if (!reader())
        return false;
    auto stmt = m_reader->prepare(QStringLiteral("SELECT 1 FROM media_files WHERE media_id = ?1 AND variant = ?2;"));
    if (!stmt)
        return false;
    stmt->bindAll(mediaId, variantName(thumbnail ? Variant::Thumbnail : Variant::Content));
    auto row = stmt->step();
    return row && *row;
}

void MediaCache::saveAs(const QString &mediaId, const QUrl &target)
{
    const QString path = target.isLocalFile() ? target.toLocalFile() : target.toString();
    QCoro::connect(saveTo(mediaId, path), this, [this, mediaId](const Result<QString> &written) {
        if (written)
            Q_EMIT saved(mediaId, QUrl::fromLocalFile(*written));
        else if (written.error().details.contains(QStringLiteral("file")))
            Q_EMIT saveFailed(mediaId, QStringLiteral("file_write")); // the app's code (qml/Errors.qml)
        else
            Q_EMIT saveFailed(mediaId, written.error().codeName());
    });
}

QCoro::Task<Result<QString>> MediaCache::saveTo(QString mediaId, QString path)
{
    if (path.isEmpty() || QFileInfo(path).isDir())
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("Choose a file to save to."));
    auto content = co_await bytes(mediaId, Variant::Content);
    if (!content)
        co_return content.error();
    // Written whole or not at all: a crash or a full disk leaves no half file under the name.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*content) != content->size() || !file.commit())
    {
        Error e = makeError(ErrorCode::Storage, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
        e.details.insert(QStringLiteral("file"), path);
        co_return e;
    }
    co_return path;
}

} // namespace plaza::media
