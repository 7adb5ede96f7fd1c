// SPDX-License-Identifier: MIT
// The chat commands of plaza-cli (members of Commands): the same ChatService (message
// outbox), queries and search as the app.
#include "clicommands.h"
#include "common/clock.h"
#include "terminal.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"
#include "chat/safetyactions.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

namespace plaza::cli {

namespace {

QString shortTime(const QString &rfc3339)
{
    return Clock::instance()->toLocal(QDateTime::fromString(rfc3339, Qt::ISODateWithMs)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString oneLine(QString text)
{
    return text.replace(u'\n', u' ');
}

} // namespace

QCoro::Task<int> Commands::openChat(bool sendQueued)
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    const Status pulled = co_await m_session->syncEngine()->pull();
    m_pulled = pulled.ok();
    m_chat = std::make_unique<chat::ChatService>(m_session.get());
    // "photo.jpg: 3.0 of 12.0 MiB" on stderr, on one line that rewrites itself (also for the
    // files of a message an earlier run left half sent).
    QObject::connect(m_chat.get(), &chat::ChatService::uploadProgress, m_chat.get(),
                     [chat = m_chat.get()](const QString &clientId, int index, qint64 done, qint64 total) {
                         QString name = QCoreApplication::translate("plaza-cli", "file");
                         if (chat->outbox()) {
                             if (auto m = chat->outbox()->find(clientId); m && index < m->files.size())
                                 name = m->files.at(index).name;
                         }
                         printProgress(name, done, total);
                     });
    if (auto st = m_chat->start(); !st)
        co_return failWith(describe(st.error()));
    // What an earlier `say` or `attach` left queued goes now (in order); offline it stays queued.
    if (m_pulled && sendQueued) {
        auto left = co_await m_chat->flush();
        if (left && *left == 0 && m_chat->outbox())
            co_await m_session->syncEngine()->pull(); // our messages' events, so the listing has them
    }
    co_return kOk;
}

QCoro::Task<int> Commands::chats()
{
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto rows = chat::readConversations(*m_chat->reader(), m_session->userId());
    if (!rows)
        co_return failWith(describe(rows.error()));
    const QDateTime now = Clock::instance()->nowUtc();
    for (const chat::ConversationRow &c : std::as_const(*rows)) {
        // Safety marks (issue 17): a mute that still lasts, a person the user blocked.
        QString marks;
        if (c.isMuted(now))
            marks += c.mutedUntil.isEmpty() ? QCoreApplication::translate("plaza-cli", "[muted] ")
                                            : QCoreApplication::translate("plaza-cli", "[muted until %1] ").arg(shortTime(c.mutedUntil));
        if (c.blocked)
            marks += QCoreApplication::translate("plaza-cli", "[blocked] ");
        if (c.request)
            marks += QCoreApplication::translate("plaza-cli", "[request] ");
        printLine(QStringLiteral("%1  %2  %3%4  %5%6%7")
                      .arg(c.id, c.lastActivityAt.isEmpty() ? QStringLiteral("-") : shortTime(c.lastActivityAt),
                           c.kind == u"direct" && !c.otherHandle.isEmpty() ? QStringLiteral("@%1 ").arg(c.otherHandle) : QString(),
                           c.title, c.unread > 0 ? QCoreApplication::translate("plaza-cli", "[%n unread] ", nullptr, int(c.unread)) : QString(), marks,
                           oneLine(c.lastMessagePreview)));
    }
    if (rows->isEmpty())
        printLine(QCoreApplication::translate("plaza-cli", "no conversations"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::chatShow()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: chat @handle|CONVERSATION_ID [--limit N]"), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto id = co_await m_chat->conversationWith(args.at(0));
    if (!id)
        co_return failWith(describe(id.error()));
    storage::Database &db = *m_chat->reader();
    if (auto c = chat::readConversation(db, m_session->userId(), *id); c && c->request)
        printLine(QCoreApplication::translate("plaza-cli", "message request from %1: they cannot see if you have read it "
                                 "(plaza-cli chat accept %2, or block @%3)")
                      .arg(c->title, *id, c->otherHandle));
    auto messages = chat::readMessages(db, m_session->userId(), *id, {}, {}, std::max(1, m_options.limit));
    auto unsent = chat::readUnsent(db, m_session->userId(), *id);
    if (!messages)
        co_return failWith(describe(messages.error()));
    if (!unsent)
        co_return failWith(describe(unsent.error()));
    for (const chat::MessageRow &m : *messages + *unsent) {
        QString body = oneLine(m.text);
        if (m.kind == u"payment")
            body = QCoreApplication::translate("plaza-cli", "[payment %1] %2").arg(Money(m.amountMinor, m.currency).format(), body);
        if (m.deleted)
            body = QCoreApplication::translate("plaza-cli", "[deleted]");
        if (!m.forwardedFrom.isEmpty())
            body = QCoreApplication::translate("plaza-cli", "[forwarded from %1] %2").arg(m.forwardedFrom, body);
        if (!m.replyToId.isEmpty())
            body = QCoreApplication::translate("plaza-cli", "[reply to %1: %2] %3")
                       .arg(m.replySenderName, m.replyDeleted ? QCoreApplication::translate("plaza-cli", "(deleted)") : oneLine(m.replySnippet), body);
        QStringList marks;
        if (!m.editedAt.isEmpty() && !m.deleted)
            marks.append(QCoreApplication::translate("plaza-cli", "(edited)"));
        QStringList reactions;
        for (const protocol::Reaction &r : m.reactions)
            reactions.append(QStringLiteral("%1 %2%3").arg(r.emoji).arg(r.count).arg(r.mine ? QStringLiteral("*") : QString()));
        if (!reactions.isEmpty())
            marks.append(u'[' + reactions.join(QStringLiteral(", ")) + u']');
        if (m.unsynced)
            marks.append(QStringLiteral("(%1)").arg(m.state == u"sending" ? QCoreApplication::translate("plaza-cli", "sending")
                                                    : m.state == u"failed"  ? QCoreApplication::translate("plaza-cli", "failed")
                                                                            : m.state));
        // The id first: edit, delete, react, reply and forward take it.
        printLine(QStringLiteral("%1  %2  %3: %4%5")
                      .arg(m.id.isEmpty() ? QStringLiteral("-") : m.id,
                           m.createdAt.isEmpty() ? QStringLiteral("-") : shortTime(m.createdAt),
                           m.own ? QCoreApplication::translate("plaza-cli", "me", "the sender of one's own messages") : m.senderName, body,
                           marks.isEmpty() ? QString() : QStringLiteral("  ") + marks.join(u' ')));
    }
    if (messages->isEmpty() && unsent->isEmpty())
        printLine(QCoreApplication::translate("plaza-cli", "no messages"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::chatRequests()
{
    if (m_options.arguments.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: chat requests"), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto rows = chat::readConversations(*m_chat->reader(), m_session->userId());
    if (!rows)
        co_return failWith(describe(rows.error()));
    int n = 0;
    for (const chat::ConversationRow &c : std::as_const(*rows)) {
        if (!c.request)
            continue;
        ++n;
        printLine(QStringLiteral("%1  %2  %3%4  %5")
                      .arg(c.id, c.lastActivityAt.isEmpty() ? QStringLiteral("-") : shortTime(c.lastActivityAt),
                           c.otherHandle.isEmpty() ? QString() : QStringLiteral("@%1 ").arg(c.otherHandle), c.title,
                           oneLine(c.lastMessagePreview)));
    }
    if (n == 0)
        printLine(QCoreApplication::translate("plaza-cli", "no message requests"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::chatAccept()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: chat accept @handle|CONVERSATION_ID"), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto id = co_await m_chat->conversationWith(args.at(1));
    if (!id)
        co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2").arg(args.at(1), describe(id.error())));
    chat::SafetyActions safety(m_chat.get());
    auto accepted = co_await safety.accept(*id);
    if (!accepted)
        co_return failWith(describe(accepted.error()));
    printLine(QCoreApplication::translate("plaza-cli", "accepted %1").arg(*id));
    co_return kOk;
}

QCoro::Task<int> Commands::say()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: say @handle|CONVERSATION_ID \"TEXT\""), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto id = co_await m_chat->conversationWith(args.at(0));
    if (!id)
        co_return failWith(describe(id.error()));
    auto queued = co_await m_chat->queue(*id, args.at(1));
    if (!queued)
        co_return failWith(describe(queued.error()), queued.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    auto left = co_await m_chat->flush();
    if (!left)
        co_return failWith(describe(left.error()));
    auto stored = m_chat->outbox()->find(queued->clientId);
    if (!stored)
        co_return failWith(describe(stored.error()));
    if (stored->state == chat::OutgoingMessage::State::Failed)
        co_return failWith(describe(stored->errorCode, stored->errorMessage));
    if (stored->state == chat::OutgoingMessage::State::Sending) {
        printLine(QCoreApplication::translate("plaza-cli", "queued — it will be sent when the server answers (client_id %1)").arg(stored->clientId));
        co_return kAwaiting;
    }
    printLine(QCoreApplication::translate("plaza-cli", "sent — message %1").arg(stored->messageId));
    co_return kOk;
}

QCoro::Task<int> Commands::chatSearch()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1 || chat::ftsQuery(args.at(0)).isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: chat-search \"WORDS\" [--limit N]"), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto hits = chat::searchMessages(*m_chat->reader(), m_session->userId(), args.at(0), std::max(1, m_options.limit));
    if (!hits)
        co_return failWith(describe(hits.error()));
    for (const chat::SearchHit &h : std::as_const(*hits)) {
        printLine(QStringLiteral("%1  %2  %3  %4: %5")
                      .arg(h.conversationId, shortTime(h.createdAt), h.conversationTitle, h.senderName, oneLine(h.snippet)));
    }
    if (hits->isEmpty())
        printLine(QCoreApplication::translate("plaza-cli", "no messages found"));
    co_return kOk;
}

QCoro::Task<int> Commands::group()
{
    const QStringList &args = m_options.arguments;
    static const QStringList manage{QStringLiteral("rename"), QStringLiteral("add"), QStringLiteral("remove"),
                                    QStringLiteral("leave"), QStringLiteral("members")};
    if (!args.isEmpty() && manage.contains(args.at(0)))
        co_return co_await manageGroup();
    if (args.size() < 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: group \"TITLE\" @handle [@handle...]"), kUsage);
    for (const QString &member : args.mid(1)) {
        if (!member.startsWith(u'@') || member.size() < 2)
            co_return failWith(QCoreApplication::translate("plaza-cli", "group: members are @handles (got \"%1\")").arg(member), kUsage);
    }
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    if (!m_pulled)
        co_return failWith(QCoreApplication::translate("plaza-cli", "offline: a group is made on the server; try again when it answers"));
    auto id = co_await m_chat->createGroup(args.at(0), args.mid(1));
    if (!id)
        co_return failWith(describe(id.error()), id.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    printLine(QCoreApplication::translate("plaza-cli", "group %1 created").arg(*id));
    co_return kOk;
}

} // namespace plaza::cli
