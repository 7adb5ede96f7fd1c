// SPDX-License-Identifier: MIT
#pragma once

// The files of a queued message or post (issue 16): what the outbox row keeps of each so
// that its upload survives a dropped connection and a restart, and the steps that take them
// to the server. The row is stored (with its client_id) before any of this runs; every step
// that matters — the upload created, bytes sent, the file finished — is written back to the
// row through the cache writer, and a later try goes on from there (docs/architecture.md
// "Attachments in the outbox").

#include "common/result.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace plaza::net {
class ApiClient;
}

namespace plaza::media {

//! One file of an outbox row, as its JSON column keeps it.
struct OutgoingFile {
    enum class State {
        Waiting,   //!< nothing sent yet
        Uploading, //!< the server has an upload for it (uploadId), \a offset bytes of it
        Uploaded,  //!< finished: \a mediaId
        Missing,   //!< the file went (moved, deleted, unreadable): the row failed
        Changed,   //!< its size or bytes are not those queued: the row failed
    };
    QString path;     //!< the local file (absolute)
    QString name;     //!< what it is called on the server (the file's own name)
    qint64 size = 0;
    QString mime;     //!< as guessed here from the name and bytes (the server sniffs its own)
    QString alt;      //!< empty when none
    QString sha256;   //!< lower-case hex of the bytes queued (empty until they are read: sketchFile())
    QString uploadId; //!< "up_…" once created
    QString mediaId;  //!< "md_…" once finished
    qint64 offset = 0; //!< bytes the server held when the row was last written
    State state = State::Waiting;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<OutgoingFile> fromJson(const QJsonObject &o);
};

[[nodiscard]] QString fileStateName(OutgoingFile::State state);

//! The JSON array text of \a files (a null string when there are none: the column stays NULL).
[[nodiscard]] QString filesToJson(const QList<OutgoingFile> &files);
//! Parses what filesToJson() wrote (a null or empty text: no files).
[[nodiscard]] Result<QList<OutgoingFile>> filesFromJson(const QString &json);

//! A local path from what the app or the CLI hands over: a path or a file:// URL.
[[nodiscard]] QString localPath(const QString &pathOrUrl);
//! The checks that need no reading: \a path is a readable regular file of 1 byte to
//! kMaxUploadBytes. ValidationFailed (field "files") or PayloadTooLarge, with "index" \a index.
[[nodiscard]] Status checkLocalFile(const QString &path, int index);
//! What is known of \a path without reading it: its name, size and a type guessed from the
//! name; no hash yet (describeFile() adds it, or the first try when the app closed before).
//! For a message queued at once, in the order it was sent, while its files are read.
[[nodiscard]] OutgoingFile sketchFile(const QString &path, const QString &alt);
//! checkLocalFile(), then the file read and hashed: the entry to queue (state Waiting).
//! Reads the whole file: call it off the UI thread (describeFiles() does).
[[nodiscard]] Result<OutgoingFile> describeFile(const QString &path, const QString &alt, int index);
//! describeFile() of each (path, alt) on a worker thread.
[[nodiscard]] QCoro::Task<Result<QList<OutgoingFile>>> describeFiles(QList<std::pair<QString, QString>> pathsAndAlts);
//! The same as a future (it can be awaited by more than one: the sender and the row's write).
[[nodiscard]] QFuture<Result<QList<OutgoingFile>>> describeFilesLater(QList<std::pair<QString, QString>> pathsAndAlts);
//! Gives each of \a files still without a hash the hash and read type of \a described (what
//! describeFiles() made of the same path at the same place). True when any was given one.
bool takeHashes(QList<OutgoingFile> &files, const QList<OutgoingFile> &described);

//! What uploadFiles() calls back.
struct UploadHooks {
    //! Writes \a files into the row (through the cache writer); an error stops the upload
    //! (Cancelled when the row is gone: discarded meanwhile).
    std::function<QCoro::Task<Status>(QList<OutgoingFile> files)> persist;
    //! Bytes of file \a index the server holds, after each chunk (on the calling thread).
    std::function<void(int index, qint64 done, qint64 total)> progress;
    //! False when the row was given up: stops between chunks (Cancelled).
    std::function<bool()> goOn;
};

//! How often a queued item's upload progress reaches the window: at most about ten times a
//! second per item, and always its last step (done == total). One per service (messages,
//! posts); it lives on the service's thread.
class ProgressThrottle
{
public:
    static constexpr qint64 kEveryMs = 100;
    ProgressThrottle() { m_clock.start(); }
    //! True when progress \a done of \a total for \a key is worth showing now (and notes it).
    [[nodiscard]] bool due(const QString &key, qint64 done, qint64 total);
    //! The item's upload ended: nothing more to throttle for it.
    void forget(const QString &key) { m_shown.remove(key); }

private:
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_shown; //!< key → when progress was last shown (ms on m_clock)
};

//! Takes every file of \a files without a media id to the server, in order: checks that it
//! is still the file queued (its size, then its hash, read on a worker thread; one queued
//! without a hash takes the one read now), creates the upload (or asks the server where a
//! stored one is; one that expired or went is started again), sends the chunks, finishes it.
//! Persists the upload id as soon as it exists, the offset at most about once a second, and
//! the media id. Resolves to the files, all with
//! media ids. A file that is gone or changed: its state persisted, then ValidationFailed
//! (httpStatus 0, field "files", "index", "reason": "file_missing" | "file_changed"), which
//! the retry policy treats as final. Other errors are the server's or the network's.
[[nodiscard]] QCoro::Task<Result<QList<OutgoingFile>>> uploadFiles(net::ApiClient &api, QList<OutgoingFile> files,
                                                                   UploadHooks hooks);

//! The attachment refs a message's or post's body carries: [{"media_id","alt"?}].
[[nodiscard]] QJsonArray attachmentRefs(const QList<OutgoingFile> &files);

} // namespace plaza::media
