// SPDX-License-Identifier: MIT
// What plaza-cli does to a message once it is sent (members of Commands; issue 17): edit,
// delete (for everyone, or --for-me on this device), react / unreact, reply, forward. The
// same MessageActions and ChatService (the outbox, for a reply) as the app. Message ids are
// those `chat` prints first on each line.
#include "clicommands.h"
#include "terminal.h"

#include "chat/chatservice.h"
#include "chat/messageactions.h"
#include "storage/database.h"

#include <QCoreApplication>

namespace plaza::cli {

namespace {

//! A refused action's one line: the code, the message, and the server's reason or field.
QString describeAction(const Error &e)
{
    const QString reason = e.details.value(QStringLiteral("reason")).toString();
    const QString about = reason.isEmpty() ? e.field() : reason;
    return about.isEmpty() ? describe(e) : QStringLiteral("%1 (%2)").arg(describe(e), about);
}

int exitFor(const Error &e)
{
    return e.code == ErrorCode::ValidationFailed && e.httpStatus == 0 ? kUsage : kFailed;
}

} // namespace

Result<QString> Commands::conversationOfMessage(const QString &messageId)
{
    auto stmt = m_chat->reader()->prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, messageId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return withSentence(makeError(ErrorCode::NotFound, {}), QCoreApplication::translate("plaza-cli", "no message %1 on this device (see `chat` for the ids)").arg(messageId));
    return stmt->text(0);
}

QCoro::Task<int> Commands::editMessage()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: edit MESSAGE_ID \"NEW TEXT\""), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    chat::MessageActions actions(m_chat.get());
    auto edited = co_await actions.edit(args.at(0), args.at(1));
    if (!edited)
        co_return failWith(describeAction(edited.error()), exitFor(edited.error()));
    printLine(QCoreApplication::translate("plaza-cli", "edited — message %1").arg(edited->id));
    co_return kOk;
}

QCoro::Task<int> Commands::deleteMessage()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: delete MESSAGE_ID [--for-me]"), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    chat::MessageActions actions(m_chat.get());
    if (m_options.forMe) {
        // This device only: the message must be here to hide.
        if (auto known = conversationOfMessage(args.at(0)); !known)
            co_return failWith(describe(known.error()));
        const Status hidden = co_await actions.deleteForMe(args.at(0));
        if (!hidden)
            co_return failWith(describe(hidden.error()));
        printLine(QCoreApplication::translate("plaza-cli", "hidden on this device — message %1").arg(args.at(0)));
        co_return kOk;
    }
    auto deleted = co_await actions.deleteForEveryone(args.at(0));
    if (!deleted)
        co_return failWith(describeAction(deleted.error()), exitFor(deleted.error()));
    printLine(QCoreApplication::translate("plaza-cli", "deleted for everyone — message %1").arg(deleted->id));
    co_return kOk;
}

QCoro::Task<int> Commands::react(bool add)
{
    const QStringList &args = m_options.arguments;
    QString usage = QCoreApplication::translate("plaza-cli", "usage: react MESSAGE_ID EMOJI");
    if (!add)
        usage = QCoreApplication::translate("plaza-cli", "usage: unreact MESSAGE_ID EMOJI");
    if (args.size() != 2)
        co_return failWith(usage, kUsage);
    if (!protocol::isReactionEmoji(args.at(1)))
        co_return failWith(QCoreApplication::translate("plaza-cli", "a reaction is one emoji (got \"%1\")").arg(args.at(1)), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    chat::MessageActions actions(m_chat.get());
    auto reacted = co_await actions.react(args.at(0), args.at(1), add);
    if (!reacted)
        co_return failWith(describeAction(reacted.error()), exitFor(reacted.error()));
    QStringList counts;
    for (const protocol::Reaction &r : std::as_const(reacted->reactions))
        counts.append(QStringLiteral("%1 %2").arg(r.emoji).arg(r.count));
    const QString shown = counts.isEmpty() ? QCoreApplication::translate("plaza-cli", "no reactions") : counts.join(QStringLiteral(", "));
    printLine(add ? QCoreApplication::translate("plaza-cli", "reacted — message %1: %2").arg(reacted->id, shown)
                  : QCoreApplication::translate("plaza-cli", "unreacted — message %1: %2").arg(reacted->id, shown));
    co_return kOk;
}

QCoro::Task<int> Commands::reply()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: reply MESSAGE_ID \"TEXT\""), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto conversation = conversationOfMessage(args.at(0));
    if (!conversation)
        co_return failWith(describe(conversation.error()));
    auto queued = co_await m_chat->queue(*conversation, args.at(1), args.at(0));
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

QCoro::Task<int> Commands::forward()
{
    const QStringList &args = m_options.arguments;
    if (args.size() < 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: forward MESSAGE_ID @handle|CONVERSATION_ID..."), kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    QStringList targets;
    for (const QString &to : args.mid(1)) {
        auto id = co_await m_chat->conversationWith(to);
        if (!id)
            co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2").arg(to, describe(id.error())));
        targets.append(*id);
    }
    chat::MessageActions actions(m_chat.get());
    auto sent = co_await actions.forward(args.at(0), targets);
    if (!sent)
        co_return failWith(describeAction(sent.error()), exitFor(sent.error()));
    for (const protocol::Message &m : std::as_const(*sent))
        printLine(QCoreApplication::translate("plaza-cli", "forwarded — message %1 in %2").arg(m.id, m.conversationId));
    co_return kOk;
}

} // namespace plaza::cli
