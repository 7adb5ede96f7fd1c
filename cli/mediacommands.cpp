// SPDX-License-Identifier: MIT
// Files (docs/api.md "Media"): upload, attach to a chat, a post with images, download.
// `attach` and `post --image` go through the message and post outboxes (chat/
// chatservicefiles.cpp, feed/feedservicefiles.cpp): the message or post and its files are
// stored first, with the client_id every try sends, so a run that is killed leaves them queued
// and the next chat or feed command (or the same one again) resumes the uploads where the
// server is, and it exists once. `upload` uploads within the run (media/mediatransfer.h),
// resuming after a dropped connection.

#include "chat/chatservice.h"
#include "clicommands.h"
#include "feed/feedservice.h"
#include "media/mediatransfer.h"
#include "media/outgoingfiles.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

namespace plaza::cli {

namespace {

QString describeMedia(const protocol::Media &m)
{
    const QString size = QLocale().formattedDataSize(m.size, 1, QLocale::DataSizeTraditionalFormat);
    if (m.isImage())
        return QStringLiteral("%1  %2  %3×%4  %5  %6").arg(m.id, m.mime).arg(m.width).arg(m.height).arg(size, m.name);
    return QStringLiteral("%1  %2  %3  %4").arg(m.id, m.mime, size, m.name);
}

//! "sending photo.jpg: 3.0 of 12.0 MiB" on stderr, on one line that rewrites itself.
media::Progress progressLine(const QString &name)
{
    return [name](qint64 done, qint64 total) { printProgress(name, done, total); };
}

//! The same files (path, hash, size, alt), in the same order.
bool sameFiles(const QList<media::OutgoingFile> &a, const QList<media::OutgoingFile> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).path != b.at(i).path || a.at(i).sha256 != b.at(i).sha256 || a.at(i).size != b.at(i).size
            || a.at(i).alt != b.at(i).alt)
            return false;
    }
    return true;
}

//! The same message with the same files (path, hash, alt), still sending: what an earlier
//! `attach` of these files left when it was stopped.
bool sameMessage(const chat::OutgoingMessage &m, const QString &conversationId, const QString &text,
                 const QList<media::OutgoingFile> &files)
{
    return m.state == chat::OutgoingMessage::State::Sending && m.conversationId == conversationId && m.text == text
        && sameFiles(m.files, files);
}

} // namespace

QCoro::Task<Result<QJsonArray>> Commands::uploadAll(QStringList files)
{
    for (const QString &file : std::as_const(files)) {
        if (!QFileInfo(file).isFile())
            co_return withSentence(makeError(ErrorCode::ValidationFailed, {}), QCoreApplication::translate("plaza-cli", "%1 is not a file").arg(file));
    }
    if (m_options.alts.size() > files.size())
        co_return withSentence(makeError(ErrorCode::ValidationFailed, {}), QCoreApplication::translate("plaza-cli", "more --alt texts than files"));
    QJsonArray refs;
    for (qsizetype i = 0; i < files.size(); ++i) {
        auto done = co_await media::upload(*m_session->api(), files.at(i), {}, progressLine(QFileInfo(files.at(i)).fileName()));
        if (!done)
            co_return withSentence(makeError(done.error().code, {}), QCoreApplication::translate("plaza-cli", "%1: %2").arg(files.at(i), describe(done.error())));
        printLine(QCoreApplication::translate("plaza-cli", "uploaded %1").arg(describeMedia(*done)));
        QJsonObject ref{{QStringLiteral("media_id"), done->id}};
        if (i < m_options.alts.size() && !m_options.alts.at(i).isEmpty())
            ref.insert(QStringLiteral("alt"), m_options.alts.at(i));
        refs.append(ref);
    }
    co_return refs;
}

QCoro::Task<int> Commands::upload()
{
    const QStringList &args = m_options.arguments;
    if (args.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: upload FILE..."), kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;
    auto refs = co_await uploadAll(args);
    if (!refs)
        co_return failWith(refs.error().message, refs.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    co_return kOk;
}

QCoro::Task<int> Commands::attach()
{
    const QStringList &args = m_options.arguments;
    if (args.size() < 2 || args.size() - 1 > protocol::limits::kMaxMessageAttachments)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: attach @handle|CONVERSATION_ID FILE... (at most %1 files) [--text TEXT] "
                                          "[--alt TEXT]...")
                               .arg(protocol::limits::kMaxMessageAttachments),
                           kUsage);
    const QStringList paths = args.mid(1);
    if (m_options.alts.size() > paths.size())
        co_return failWith(QCoreApplication::translate("plaza-cli", "more --alt texts than files"), kUsage);
    QList<std::pair<QString, QString>> pathsAndAlts;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        if (auto st = media::checkLocalFile(paths.at(i), int(i)); !st)
            co_return failWith(st.error().message, st.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
        pathsAndAlts.append({paths.at(i), i < m_options.alts.size() ? m_options.alts.at(i) : QString()});
    }
    // The message goes through the outbox like `say`: stored with its files before anything
    // is sent, so a run that is stopped leaves it queued, and the next chat command goes on
    // with its uploads where the server is.
    if (const int code = co_await openChat(false); code != kOk)
        co_return code;
    auto conversation = co_await m_chat->conversationWith(args.at(0));
    if (!conversation)
        co_return failWith(describe(conversation.error()));
    auto files = co_await m_chat->describeFiles(pathsAndAlts);
    if (!files)
        co_return failWith(files.error().message, files.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    // The same files queued by an `attach` that was stopped: that message goes on, not a second one.
    QString clientId;
    if (auto pending = m_chat->outbox()->pending(); pending) {
        for (const chat::OutgoingMessage &m : std::as_const(*pending)) {
            if (sameMessage(m, *conversation, m_options.text, *files)) {
                clientId = m.clientId;
                printLine(QCoreApplication::translate("plaza-cli", "resuming the files queued earlier (client_id %1)").arg(clientId));
                break;
            }
        }
    }
    if (clientId.isEmpty()) {
        auto queued = co_await m_chat->queue(*conversation, m_options.text, {}, *files);
        if (!queued)
            co_return failWith(describe(queued.error()), queued.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
        clientId = queued->clientId;
    }
    if (m_pulled) {
        auto left = co_await m_chat->flush();
        if (!left)
            co_return failWith(describe(left.error()));
    }
    auto stored = m_chat->outbox()->find(clientId);
    if (!stored)
        co_return failWith(describe(stored.error()));
    if (stored->state == chat::OutgoingMessage::State::Failed)
        co_return failWith(describe(stored->errorCode, stored->errorMessage));
    if (stored->state == chat::OutgoingMessage::State::Sending) {
        printLine(QCoreApplication::translate("plaza-cli", "queued — the files will be sent when the server answers (client_id %1)").arg(clientId));
        co_return kAwaiting;
    }
    const qsizetype count = stored->files.size();
    printLine(QCoreApplication::translate("plaza-cli", "sent — message %1 with %n file(s)", nullptr, int(count)).arg(stored->messageId));
    co_return kOk;
}

QCoro::Task<int> Commands::postWithImages()
{
    const QStringList &args = m_options.arguments;
    if (args.size() > 1 || m_options.images.size() > protocol::limits::kMaxPostImages)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: post [\"TEXT\"] --image FILE [--alt TEXT] (at most %1 images)")
                               .arg(protocol::limits::kMaxPostImages),
                           kUsage);
    if (m_options.alts.size() > m_options.images.size())
        co_return failWith(QCoreApplication::translate("plaza-cli", "more --alt texts than files"), kUsage);
    const QString text = args.isEmpty() ? QString() : args.at(0);
    if (auto st = feed::FeedService::validateText(text, int(m_options.images.size())); !st)
        co_return failWith(describe(st.error()), kUsage);
    QList<std::pair<QString, QString>> pathsAndAlts;
    for (qsizetype i = 0; i < m_options.images.size(); ++i) {
        if (auto st = media::checkLocalFile(m_options.images.at(i), int(i)); !st)
            co_return failWith(st.error().message, st.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
        pathsAndAlts.append({m_options.images.at(i), i < m_options.alts.size() ? m_options.alts.at(i) : QString()});
    }
    // Through the post outbox: stored with its images first, so a run that is stopped leaves
    // it queued and the next feed command (or this one again) goes on with the uploads.
    if (const int code = co_await openFeed(false); code != kOk)
        co_return code;
    auto images = co_await m_feed->describeImages(pathsAndAlts);
    if (!images)
        co_return failWith(images.error().message, images.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    QHash<QString, QString> sent; // client_id → post id
    QObject::connect(m_feed, &feed::FeedService::postSent, m_feed,
                     [&sent](const QString &clientId, const QString &id) { sent.insert(clientId, id); });
    QString clientId;
    if (auto pending = m_feed->store()->outbox(true); pending) {
        for (const feed::OutboxPost &p : std::as_const(*pending)) {
            if (p.text == text && p.replyTo.isEmpty() && sameFiles(p.images, *images)) {
                clientId = p.clientId;
                printLine(QCoreApplication::translate("plaza-cli", "resuming the images queued earlier (client_id %1)").arg(clientId));
                break;
            }
        }
    }
    if (clientId.isEmpty()) {
        auto queued = co_await m_feed->post(text, {}, *images); // sends at once when online
        if (!queued)
            co_return failWith(describe(queued.error()));
        clientId = *queued;
    }
    if (m_pulled && m_feed->pendingCount() > 0) {
        auto left = co_await m_feed->sendPending();
        if (!left)
            co_return failWith(describe(left.error()));
    }
    if (!sent.contains(clientId)) {
        // Refused for good, or not answered (kept, sent by the next run).
        if (auto all = m_feed->store()->outbox(false)) {
            for (const feed::OutboxPost &p : std::as_const(*all)) {
                if (p.clientId == clientId && p.state == u"failed")
                    co_return failWith(QCoreApplication::translate("plaza-cli", "the post was refused (client_id %1)").arg(clientId));
            }
        }
        printLine(QCoreApplication::translate("plaza-cli", "queued — the post goes when the server answers (client_id %1)").arg(clientId));
        co_return kAwaiting;
    }
    printLine(QCoreApplication::translate("plaza-cli", "posted %1").arg(sent.value(clientId)));
    co_return kOk;
}

QCoro::Task<int> Commands::download()
{
    const QStringList &args = m_options.arguments;
    if (args.isEmpty() || args.size() > 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: download MEDIA_ID [FILE] [--thumbnail]"), kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;
    const QString id = args.at(0);
    QString target = args.size() > 1 ? args.at(1) : QString();
    if (target.isEmpty() || QFileInfo(target).isDir()) {
        auto described = co_await m_session->api()->get(protocol::endpoints::media(id));
        if (!described)
            co_return failWith(describe(described.error()));
        auto media = protocol::Media::fromJson(described->body);
        if (!media)
            co_return failWith(describe(media.error()));
        const QString name = m_options.thumbnail ? QStringLiteral("thumbnail-") + media->name : media->name;
        target = QDir(target.isEmpty() ? QStringLiteral(".") : target).filePath(name);
    }
    const Status st = co_await media::download(*m_session->api(), id, target, m_options.thumbnail,
                                               progressLine(QFileInfo(target).fileName()));
    if (!st)
        co_return failWith(describe(st.error()));
    printLine(QCoreApplication::translate("plaza-cli", "saved %1").arg(QDir::toNativeSeparators(target)));
    co_return kOk;
}

} // namespace plaza::cli
