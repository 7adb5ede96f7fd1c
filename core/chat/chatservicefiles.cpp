// SPDX-License-Identifier: MIT
// ChatService's files (issue 16): a message with attachments queues like text — stored with
// its client_id and its files' paths when it is sent (in the order of the sends), their hashes
// written in while it waits for its first try, all before anything goes out — and each try first
// takes its files to the server (media/outgoingfiles.h), writing where each upload is into the
// row, then posts the message with their media ids, once.
#include "chat/chatservice.h"

#include "common/logging.h"
#include "protocol/types.h"
#include "net/apiclient.h"
#include "session/accountcontext.h"
#include "storage/cache.h"

#include <QCoroFuture>
#include <QUuid>

namespace plaza::chat {

namespace {

Error closedChat()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
}

} // namespace

QCoro::Task<Result<QList<media::OutgoingFile>>> ChatService::describeFiles(QList<std::pair<QString, QString>> pathsAndAlts)
{
    if (pathsAndAlts.size() > protocol::limits::kMaxMessageAttachments)
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("A message carries at most %1 files.").arg(protocol::limits::kMaxMessageAttachments),
                            {{QStringLiteral("field"), QStringLiteral("files")}});
    for (auto &pair : pathsAndAlts)
        pair.first = media::localPath(pair.first);
    QCoro::Task<Result<QList<media::OutgoingFile>>> reading = media::describeFiles(std::move(pathsAndAlts));
    auto described = co_await std::move(reading);
    co_return described;
}

bool ChatService::sendFiles(const QString &conversationId, const QString &text, const QVariantList &files)
{
    QList<std::pair<QString, QString>> pathsAndAlts;
    Status st = checkMessage(conversationId, text, int(files.size()));
    for (qsizetype i = 0; st && i < files.size(); ++i) {
        const QVariantMap file = files.at(i).toMap();
        const QString path = media::localPath(file.value(QStringLiteral("path")).toString());
        const QString alt = file.value(QStringLiteral("alt")).toString();
        st = media::checkLocalFile(path, int(i));
        if (st && alt.size() > protocol::limits::kMaxAltChars)
            st = makeError(ErrorCode::ValidationFailed,
                           QStringLiteral("Alt text is at most %1 characters.").arg(protocol::limits::kMaxAltChars),
                           {{QStringLiteral("field"), QStringLiteral("alt")}});
        pathsAndAlts.append({path, alt});
    }
    if (st && pathsAndAlts.isEmpty() && text.trimmed().isEmpty())
        st = makeError(ErrorCode::ValidationFailed, QStringLiteral("A message needs some text or a file."),
                       {{QStringLiteral("field"), QStringLiteral("files")}});
    if (!st) {
        qCInfo(lcChat) << "message with files refused:" << st.error().message;
        Q_EMIT sendRefused(st.error().codeName(), st.error().field());
        return false;
    }
    sendFilesTask(conversationId, text, std::move(pathsAndAlts));
    setDraft(conversationId, {});
    return true;
}

QCoro::Task<void> ChatService::sendFilesTask(QString conversationId, QString text, QList<std::pair<QString, QString>> files)
{
    QPointer<ChatService> self(this);
    // Queued now, in the order it was sent, with what is known of its files without reading
    // them; their hashes are read on a worker thread meanwhile and written into the row (its
    // first try waits for them: uploadFilesOf()).
    QList<media::OutgoingFile> sketched;
    for (const auto &[path, alt] : std::as_const(files))
        sketched.append(media::sketchFile(path, alt));
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QFuture<Result<QList<media::OutgoingFile>>> reading = media::describeFilesLater(std::move(files));
    m_hashing.insert(clientId, reading);
    QCoro::Task<Result<OutgoingMessage>> storing = queue(conversationId, text, {}, std::move(sketched), clientId);
    auto stored = co_await std::move(storing);
    if (!self)
        co_return;
    if (!stored) {
        m_hashing.remove(clientId);
        if (stored.error().code != ErrorCode::Cancelled) {
            qCWarning(lcChat) << "message with files not stored:" << stored.error().message;
            Q_EMIT sendRefused(stored.error().codeName(), stored.error().field());
        }
        co_return;
    }
    auto described = co_await reading;
    if (!self)
        co_return;
    m_hashing.remove(clientId);
    if (!described) {
        // Gone or changed since it was chosen: the try finds out which, and fails the message.
        qCInfo(lcChat) << "a queued message's files could not be read:" << described.error().message;
        co_return;
    }
    if (!m_outbox)
        co_return;
    outbox::Outbox<OutgoingMessage, QString>::ItemWrite write
        = [hashed = *described](storage::Database &db, const OutgoingMessage &o, storage::RowChanges &) {
              return MessageOutbox(db).addHashes(o.clientId, hashed);
          };
    QCoro::Task<Status> writing = m_queue->change(*stored, std::move(write));
    const Status written = co_await std::move(writing);
    if (self && !written && written.error().code != ErrorCode::Cancelled)
        qCWarning(lcChat) << "cannot keep a queued message's file hashes:" << written.error().codeName();
}

QCoro::Task<Result<QList<media::OutgoingFile>>> ChatService::uploadFilesOf(OutgoingMessage m)
{
    QPointer<ChatService> self(this);
    const QString clientId = m.clientId;
    // Queued a moment ago: its files are still being read; their hashes are the ones queued.
    if (auto reading = m_hashing.constFind(clientId); reading != m_hashing.cend()) {
        QFuture<Result<QList<media::OutgoingFile>>> hashes = *reading;
        auto described = co_await hashes;
        if (!self)
            co_return closedChat();
        if (described)
            media::takeHashes(m.files, *described);
    }
    media::UploadHooks hooks;
    hooks.persist = [self, m](QList<media::OutgoingFile> files) -> QCoro::Task<Status> {
        // Not a coroutine itself: the write is the outbox's (published on the change stream).
        if (!self || !self->m_outbox)
            return [](Error e) -> QCoro::Task<Status> { co_return e; }(closedChat());
        OutgoingMessage item = m;
        item.files = files;
        outbox::Outbox<OutgoingMessage, QString>::ItemWrite write
            = [files](storage::Database &db, const OutgoingMessage &o, storage::RowChanges &) {
                  return MessageOutbox(db).setFiles(o.clientId, files);
              };
        return self->m_queue->change(std::move(item), std::move(write));
    };
    hooks.progress = [self, clientId](int index, qint64 done, qint64 total) {
        if (self)
            self->reportProgress(clientId, index, done, total);
    };
    hooks.goOn = [self, clientId] { return self && self->m_outbox && !self->m_abandoned.contains(clientId); };
    net::ApiClient *api = m_context->api();
    if (!api)
        co_return closedChat();
    QCoro::Task<Result<QList<media::OutgoingFile>>> uploading = media::uploadFiles(*api, m.files, std::move(hooks));
    auto uploaded = co_await std::move(uploading);
    if (!self)
        co_return closedChat();
    m_progressShown.forget(clientId);
    if (!uploaded && uploaded.error().code != ErrorCode::Cancelled)
        qCInfo(lcChat) << "upload stopped:" << uploaded.error().codeName() << uploaded.error().details.value(QStringLiteral("reason")).toString();
    co_return uploaded;
}

void ChatService::reportProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total)
{
    if (m_progressShown.due(clientId, done, total))
        Q_EMIT uploadProgress(clientId, fileIndex, done, total);
}

} // namespace plaza::chat
