// SPDX-License-Identifier: MIT
// Files (docs/api.md "Media"): upload, attach to a chat, a post with images, download.
// Uploads resume after a dropped connection within a run (media/mediatransfer.h); a
// message or post is then sent with a client_id made once and reused on every retry, so
// it exists once whatever answer was lost.

#include "chat/chatservice.h"
#include "clicommands.h"
#include "media/mediatransfer.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/chat.h"
#include "protocol/feed.h"
#include "terminal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QUuid>

namespace plaza::cli {

namespace {

QString describeMedia(const protocol::Media &m)
{
    const QString size = QLocale::c().formattedDataSize(m.size, 1, QLocale::DataSizeTraditionalFormat);
    if (m.isImage())
        return QStringLiteral("%1  %2  %3×%4  %5  %6").arg(m.id, m.mime).arg(m.width).arg(m.height).arg(size, m.name);
    return QStringLiteral("%1  %2  %3  %4").arg(m.id, m.mime, size, m.name);
}

//! "sending photo.jpg: 3.0 of 12.0 MiB" on stderr, on one line that rewrites itself.
media::Progress progressLine(const QString &name)
{
    return [name](qint64 done, qint64 total) {
        if (total <= 0)
            return;
        const QLocale c = QLocale::c();
        std::fprintf(stderr, "\r%s: %s of %s", qPrintable(name),
                     qPrintable(c.formattedDataSize(done, 1, QLocale::DataSizeTraditionalFormat)),
                     qPrintable(c.formattedDataSize(total, 1, QLocale::DataSizeTraditionalFormat)));
        if (done >= total)
            std::fputs("\n", stderr);
        std::fflush(stderr);
    };
}

QString newClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

//! POST of \a body to \a path, tried again with the same body (its client_id) while the
//! failure is transient: the server keeps one message or post per client_id.
QCoro::Task<Result<net::ApiResponse>> postOnce(net::ApiClient &api, QString path, QJsonObject body)
{
    for (int attempt = 0;; ++attempt) {
        auto answer = co_await api.post(path, body);
        if (answer || !answer.error().isTransient() || attempt >= media::kMaxRetries)
            co_return answer;
    }
}

} // namespace

QCoro::Task<Result<QJsonArray>> Commands::uploadAll(QStringList files)
{
    for (const QString &file : std::as_const(files)) {
        if (!QFileInfo(file).isFile())
            co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("%1 is not a file").arg(file));
    }
    if (m_options.alts.size() > files.size())
        co_return makeError(ErrorCode::ValidationFailed, QStringLiteral("more --alt texts than files"));
    QJsonArray refs;
    for (qsizetype i = 0; i < files.size(); ++i) {
        auto done = co_await media::upload(*m_session->api(), files.at(i), {}, progressLine(QFileInfo(files.at(i)).fileName()));
        if (!done)
            co_return makeError(done.error().code, QStringLiteral("%1: %2").arg(files.at(i), describe(done.error())));
        printLine(QStringLiteral("uploaded %1").arg(describeMedia(*done)));
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
        co_return failWith(QStringLiteral("usage: upload FILE..."), kUsage);
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
        co_return failWith(QStringLiteral("usage: attach @handle|CONVERSATION_ID FILE... (at most %1 files) [--text TEXT] "
                                          "[--alt TEXT]...")
                               .arg(protocol::limits::kMaxMessageAttachments),
                           kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    if (!m_pulled)
        co_return failWith(QStringLiteral("offline: files go to the server first; try again when it answers"));
    auto conversation = co_await m_chat->conversationWith(args.at(0));
    if (!conversation)
        co_return failWith(describe(conversation.error()));
    auto refs = co_await uploadAll(args.mid(1));
    if (!refs)
        co_return failWith(refs.error().message, refs.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    QJsonObject body{{QStringLiteral("client_id"), newClientId()}, {QStringLiteral("attachments"), *refs}};
    if (!m_options.text.isEmpty())
        body.insert(QStringLiteral("text"), m_options.text);
    auto sent = co_await postOnce(*m_session->api(), protocol::endpoints::conversationMessages(*conversation), body);
    if (!sent)
        co_return failWith(describe(sent.error()));
    auto message = protocol::Message::fromJson(sent->body);
    if (!message)
        co_return failWith(describe(message.error()));
    const qsizetype files = message->attachments.size();
    printLine(files == 1 ? QStringLiteral("sent — message %1 with 1 file").arg(message->id)
                         : QStringLiteral("sent — message %1 with %2 files").arg(message->id).arg(files));
    co_return kOk;
}

QCoro::Task<int> Commands::postWithImages()
{
    const QStringList &args = m_options.arguments;
    if (args.size() > 1 || m_options.images.size() > protocol::limits::kMaxPostImages)
        co_return failWith(QStringLiteral("usage: post [\"TEXT\"] --image FILE [--alt TEXT] (at most %1 images)")
                               .arg(protocol::limits::kMaxPostImages),
                           kUsage);
    if (const int code = co_await open(); code != kOk)
        co_return code;
    auto refs = co_await uploadAll(m_options.images);
    if (!refs)
        co_return failWith(refs.error().message, refs.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    QJsonObject body{{QStringLiteral("client_id"), newClientId()}, {QStringLiteral("images"), *refs}};
    if (!args.isEmpty())
        body.insert(QStringLiteral("text"), args.at(0));
    auto posted = co_await postOnce(*m_session->api(), protocol::endpoints::posts(), body);
    if (!posted)
        co_return failWith(describe(posted.error()));
    auto post = protocol::Post::fromJson(posted->body);
    if (!post)
        co_return failWith(describe(post.error()));
    printLine(QStringLiteral("posted %1").arg(post->id));
    co_return kOk;
}

QCoro::Task<int> Commands::download()
{
    const QStringList &args = m_options.arguments;
    if (args.isEmpty() || args.size() > 2)
        co_return failWith(QStringLiteral("usage: download MEDIA_ID [FILE] [--thumbnail]"), kUsage);
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
    printLine(QStringLiteral("saved %1").arg(QDir::toNativeSeparators(target)));
    co_return kOk;
}

} // namespace plaza::cli
