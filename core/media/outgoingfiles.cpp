// SPDX-License-Identifier: MIT
#include "media/outgoingfiles.h"

#include "media/mediatransfer.h"
#include "net/apiclient.h"
#include "protocol/media.h"
#include "protocol/types.h"

#include <QCoroFuture>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QPointer>
#include <QUrl>
#include <QtConcurrentRun>

#include <optional>

namespace plaza::media {

namespace {

constexpr qint64 kPersistEveryMs = 1000;
constexpr int kMaxRestarts = 2;

OutgoingFile::State stateFromName(const QString &name)
{
    if (name == u"uploading")
        return OutgoingFile::State::Uploading;
    if (name == u"uploaded")
        return OutgoingFile::State::Uploaded;
    if (name == u"missing")
        return OutgoingFile::State::Missing;
    if (name == u"changed")
        return OutgoingFile::State::Changed;
    return OutgoingFile::State::Waiting;
}

Error fileRefused(ErrorCode code, const QString &message, int index, const QString &reason = {})
{
    QVariantMap details{{QStringLiteral("field"), QStringLiteral("files")}, {QStringLiteral("index"), index}};
    if (!reason.isEmpty())
        details.insert(QStringLiteral("reason"), reason);
    return makeError(code, message, details);
}

//! The lower-case hex SHA-256 of \a path, or a null string when it cannot be read.
QString hashOf(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

bool isMissing(const Error &e)
{
    return e.httpStatus == 404 || e.httpStatus == 410;
}

} // namespace

QString fileStateName(OutgoingFile::State state)
{
    switch (state) {
    case OutgoingFile::State::Waiting:
        return QStringLiteral("waiting");
    case OutgoingFile::State::Uploading:
        return QStringLiteral("uploading");
    case OutgoingFile::State::Uploaded:
        return QStringLiteral("uploaded");
    case OutgoingFile::State::Missing:
        return QStringLiteral("missing");
    case OutgoingFile::State::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

QJsonObject OutgoingFile::toJson() const
{
    QJsonObject o{{QStringLiteral("path"), path},     {QStringLiteral("name"), name},
                  {QStringLiteral("size"), size},     {QStringLiteral("mime"), mime},
                  {QStringLiteral("sha256"), sha256}, {QStringLiteral("offset"), offset},
                  {QStringLiteral("state"), fileStateName(state)}};
    o.insert(QStringLiteral("alt"), alt.isEmpty() ? QJsonValue() : QJsonValue(alt));
    o.insert(QStringLiteral("upload_id"), uploadId.isEmpty() ? QJsonValue() : QJsonValue(uploadId));
    o.insert(QStringLiteral("media_id"), mediaId.isEmpty() ? QJsonValue() : QJsonValue(mediaId));
    return o;
}

Result<OutgoingFile> OutgoingFile::fromJson(const QJsonObject &o)
{
    OutgoingFile f;
    f.path = o.value(QStringLiteral("path")).toString();
    f.name = o.value(QStringLiteral("name")).toString();
    f.size = o.value(QStringLiteral("size")).toInteger();
    f.mime = o.value(QStringLiteral("mime")).toString();
    f.alt = o.value(QStringLiteral("alt")).toString();
    f.sha256 = o.value(QStringLiteral("sha256")).toString();
    f.uploadId = o.value(QStringLiteral("upload_id")).toString();
    f.mediaId = o.value(QStringLiteral("media_id")).toString();
    f.offset = o.value(QStringLiteral("offset")).toInteger();
    f.state = stateFromName(o.value(QStringLiteral("state")).toString());
    if (f.path.isEmpty() || f.size < 1)
        return makeError(ErrorCode::Storage, QStringLiteral("An outbox file without a path or a size."));
    return f;
}

QString filesToJson(const QList<OutgoingFile> &files)
{
    if (files.isEmpty())
        return {};
    QJsonArray array;
    for (const OutgoingFile &f : files)
        array.append(f.toJson());
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Result<QList<OutgoingFile>> filesFromJson(const QString &json)
{
    QList<OutgoingFile> out;
    if (json.isEmpty())
        return out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return makeError(ErrorCode::Storage, QStringLiteral("An outbox row's files are not a JSON array."));
    const QJsonArray array = doc.array();
    for (const QJsonValue &v : array) {
        auto f = OutgoingFile::fromJson(v.toObject());
        if (!f)
            return f.error();
        out.append(std::move(f).value());
    }
    return out;
}

QString localPath(const QString &pathOrUrl)
{
    if (pathOrUrl.startsWith(QStringLiteral("file:"))) {
        const QUrl url(pathOrUrl);
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return pathOrUrl;
}

Status checkLocalFile(const QString &path, int index)
{
    const QFileInfo info(path);
    if (path.isEmpty() || !info.isFile())
        return fileRefused(ErrorCode::ValidationFailed, QStringLiteral("%1 is not a file.").arg(path), index, QStringLiteral("file_missing"));
    if (!info.isReadable())
        return fileRefused(ErrorCode::ValidationFailed, QStringLiteral("%1 cannot be read.").arg(path), index, QStringLiteral("file_unreadable"));
    if (info.size() < 1)
        return fileRefused(ErrorCode::ValidationFailed, QStringLiteral("%1 is empty.").arg(path), index, QStringLiteral("file_empty"));
    if (info.size() > protocol::limits::kMaxUploadBytes)
        return fileRefused(ErrorCode::PayloadTooLarge,
                           QStringLiteral("%1 is larger than %2 MiB.").arg(path).arg(protocol::limits::kMaxUploadBytes / (1024 * 1024)),
                           index);
    return {};
}

OutgoingFile sketchFile(const QString &path, const QString &alt)
{
    const QFileInfo info(path);
    OutgoingFile f;
    f.path = info.absoluteFilePath();
    f.name = info.fileName();
    f.size = info.size();
    f.alt = alt;
    f.mime = QMimeDatabase().mimeTypeForFile(f.path, QMimeDatabase::MatchExtension).name();
    return f;
}

Result<OutgoingFile> describeFile(const QString &path, const QString &alt, int index)
{
    if (auto st = checkLocalFile(path, index); !st)
        return st.error();
    if (alt.size() > protocol::limits::kMaxAltChars)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("Alt text is at most %1 characters.").arg(protocol::limits::kMaxAltChars),
                         {{QStringLiteral("field"), QStringLiteral("alt")}, {QStringLiteral("index"), index}});
    OutgoingFile f = sketchFile(path, alt);
    f.sha256 = hashOf(f.path);
    if (f.sha256.isEmpty())
        return fileRefused(ErrorCode::ValidationFailed, QStringLiteral("%1 cannot be read.").arg(path), index, QStringLiteral("file_unreadable"));
    if (QFileInfo(f.path).size() != f.size)
        return fileRefused(ErrorCode::ValidationFailed, QStringLiteral("%1 changed while it was read.").arg(path), index,
                           QStringLiteral("file_changed"));
    f.mime = QMimeDatabase().mimeTypeForFile(f.path).name();
    return f;
}

QFuture<Result<QList<OutgoingFile>>> describeFilesLater(QList<std::pair<QString, QString>> pathsAndAlts)
{
    return QtConcurrent::run([pathsAndAlts]() -> Result<QList<OutgoingFile>> {
        QList<OutgoingFile> out;
        for (qsizetype i = 0; i < pathsAndAlts.size(); ++i) {
            auto f = describeFile(pathsAndAlts.at(i).first, pathsAndAlts.at(i).second, int(i));
            if (!f)
                return f.error();
            out.append(std::move(f).value());
        }
        return out;
    });
}

bool takeHashes(QList<OutgoingFile> &files, const QList<OutgoingFile> &described)
{
    bool taken = false;
    for (qsizetype i = 0; i < files.size() && i < described.size(); ++i) {
        if (!files.at(i).sha256.isEmpty() || files.at(i).path != described.at(i).path)
            continue;
        files[i].sha256 = described.at(i).sha256;
        files[i].mime = described.at(i).mime;
        taken = true;
    }
    return taken;
}

QCoro::Task<Result<QList<OutgoingFile>>> describeFiles(QList<std::pair<QString, QString>> pathsAndAlts)
{
    QFuture<Result<QList<OutgoingFile>>> reading = describeFilesLater(std::move(pathsAndAlts));
    auto described = co_await reading;
    co_return described;
}

QCoro::Task<Result<QList<OutgoingFile>>> uploadFiles(net::ApiClient &api, QList<OutgoingFile> files, UploadHooks hooks)
{
    QPointer<net::ApiClient> alive(&api);
    auto stopped = [&]() -> std::optional<Error> {
        if (!alive)
            return makeError(ErrorCode::Cancelled, QStringLiteral("signed out"));
        if (hooks.goOn && !hooks.goOn())
            return makeError(ErrorCode::Cancelled, QStringLiteral("The upload was given up."));
        return std::nullopt;
    };
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (!files.at(i).mediaId.isEmpty())
            continue;
        const int index = int(i);
        // Still the file that was queued? Its size first, then its bytes (off this thread).
        const QString path = files.at(i).path;
        const QFileInfo info(path);
        QString reason;
        if (!info.isFile() || !info.isReadable())
            reason = QStringLiteral("file_missing");
        else if (info.size() != files.at(i).size)
            reason = QStringLiteral("file_changed");
        if (reason.isEmpty()) {
            QFuture<QString> hashing = QtConcurrent::run([path] { return hashOf(path); });
            const QString hash = co_await hashing;
            if (hash.isEmpty()) {
                reason = QStringLiteral("file_missing");
            } else if (files.at(i).sha256.isEmpty()) {
                // Queued before its hash was taken (the app closed while it was read): these bytes
                // are the ones sent, and the upload created below carries their hash.
                files[i].sha256 = hash;
                // Deleted while it was read is gone, not changed.
                const QFileInfo now(path);
                if (!now.isFile())
                    reason = QStringLiteral("file_missing");
                else if (now.size() != files.at(i).size)
                    reason = QStringLiteral("file_changed");
            } else if (hash != files.at(i).sha256) {
                reason = QStringLiteral("file_changed");
            }
        }
        if (auto why = stopped())
            co_return *why;
        if (!reason.isEmpty()) {
            const bool missing = reason == u"file_missing";
            files[i].state = missing ? OutgoingFile::State::Missing : OutgoingFile::State::Changed;
            QCoro::Task<Status> saving = hooks.persist(files);
            const Status saved = co_await std::move(saving);
            if (!saved)
                co_return saved.error();
            QString message = QStringLiteral("%1 changed after it was queued.").arg(path);
            if (missing)
                message = QStringLiteral("%1 is gone: it was moved or deleted before it was sent.").arg(path);
            co_return fileRefused(ErrorCode::ValidationFailed, message, index, reason);
        }

        std::optional<protocol::Media> finished;
        for (int restarts = 0; !finished; ++restarts) {
            // An upload that expired or went (404/410) is started again, a couple of times at most.
            if (restarts > 0) {
                if (restarts > kMaxRestarts)
                    co_return makeError(ErrorCode::NotFound, QStringLiteral("The server keeps losing the upload of %1.").arg(path));
                files[i].uploadId.clear();
                files[i].offset = 0;
                files[i].state = OutgoingFile::State::Waiting;
            }
            // Where is the server? A stored upload is asked for.
            qint64 offset = 0;
            if (!files.at(i).uploadId.isEmpty()) {
                auto there = co_await fetchUpload(api, files.at(i).uploadId);
                if (auto why = stopped())
                    co_return *why;
                if (!there) {
                    if (isMissing(there.error()))
                        continue;
                    co_return there.error();
                }
                offset = there->offset;
            } else {
                auto created = co_await createUpload(api, files.at(i).size, files.at(i).sha256, files.at(i).name);
                if (auto why = stopped())
                    co_return *why;
                if (!created)
                    co_return created.error();
                files[i].uploadId = created->id;
                offset = created->offset;
            }
            files[i].state = OutgoingFile::State::Uploading;
            files[i].offset = offset;
            {
                QCoro::Task<Status> saving = hooks.persist(files); // the upload id is on disk before its bytes go
                const Status saved = co_await std::move(saving);
                if (!saved)
                    co_return saved.error();
            }
            if (hooks.progress)
                hooks.progress(index, offset, files.at(i).size);

            QElapsedTimer sincePersist;
            sincePersist.start();
            bool persistDue = false;
            Progress onChunk = [&](qint64 done, qint64 total) {
                files[i].offset = done;
                if (hooks.progress)
                    hooks.progress(index, done, total);
                if (sincePersist.elapsed() >= kPersistEveryMs)
                    persistDue = true;
            };
            std::function<bool()> goOn = [&]() { return !persistDue && !stopped(); };
            bool restart = false;
            for (;;) {
                auto sent = co_await sendChunks(api, path, files.at(i).uploadId, files.at(i).offset, files.at(i).size,
                                                onChunk, goOn);
                if (sent)
                    break;
                if (sent.error().code != ErrorCode::Cancelled || !persistDue) {
                    if (auto why = stopped())
                        co_return *why;
                    if (!isMissing(sent.error()))
                        co_return sent.error();
                    restart = true;
                    break;
                }
                // A pause to write where it is (at most about once a second), then on.
                persistDue = false;
                sincePersist.restart();
                QCoro::Task<Status> saving = hooks.persist(files);
                const Status saved = co_await std::move(saving);
                if (!saved)
                    co_return saved.error();
            }
            if (restart)
                continue;
            auto done = co_await completeUpload(api, files.at(i).uploadId);
            if (auto why = stopped())
                co_return *why;
            if (!done) {
                if (isMissing(done.error()))
                    continue;
                co_return done.error();
            }
            finished = std::move(done).value();
        }
        files[i].mediaId = finished->id;
        files[i].offset = files.at(i).size;
        files[i].state = OutgoingFile::State::Uploaded;
        QCoro::Task<Status> saving = hooks.persist(files);
        const Status saved = co_await std::move(saving);
        if (!saved)
            co_return saved.error();
    }
    co_return files;
}

QJsonArray attachmentRefs(const QList<OutgoingFile> &files)
{
    QJsonArray refs;
    for (const OutgoingFile &f : files) {
        QJsonObject ref{{QStringLiteral("media_id"), f.mediaId}};
        if (!f.alt.isEmpty())
            ref.insert(QStringLiteral("alt"), f.alt);
        refs.append(ref);
    }
    return refs;
}

bool ProgressThrottle::due(const QString &key, qint64 done, qint64 total)
{
    const qint64 now = m_clock.elapsed();
    const auto last = m_shown.constFind(key);
    if (done < total && last != m_shown.cend() && now - *last < kEveryMs)
        return false;
    m_shown.insert(key, now);
    return true;
}

} // namespace plaza::media
