// SPDX-License-Identifier: MIT
// Managing a group from plaza-cli (members of Commands; issue 17, docs/api.md "Groups"):
// group members CHAT, group rename CHAT "TITLE", group add CHAT @handle..., group remove CHAT
// @handle, group leave CHAT. The same GroupActions as the app: each answer reaches the cache
// at once, every other device and member by the sync (with the system line in the chat).
#include "clicommands.h"
#include "terminal.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"
#include "chat/groupactions.h"

#include <QCoreApplication>

namespace plaza::cli {

namespace {

QString describeRefusal(const Error &e)
{
    const QString reason = e.details.value(QStringLiteral("reason")).toString();
    const QString about = reason.isEmpty() ? e.field() : reason;
    return about.isEmpty() ? describe(e) : QStringLiteral("%1 (%2)").arg(describe(e), about);
}

} // namespace

QCoro::Task<int> Commands::manageGroup()
{
    const QStringList &args = m_options.arguments;
    const QString what = args.at(0);
    const QString usage = what == u"rename" ? QCoreApplication::translate("plaza-cli", "usage: group rename CHAT \"TITLE\"")
        : what == u"add"                    ? QCoreApplication::translate("plaza-cli", "usage: group add CHAT @handle [@handle...]")
        : what == u"remove"                 ? QCoreApplication::translate("plaza-cli", "usage: group remove CHAT @handle|USER_ID")
        : what == u"leave"                  ? QCoreApplication::translate("plaza-cli", "usage: group leave CHAT")
                                            : QCoreApplication::translate("plaza-cli", "usage: group members CHAT");
    const qsizetype wanted = what == u"leave" || what == u"members" ? 2 : what == u"add" ? -1 : 3;
    if ((wanted > 0 && args.size() != wanted) || (wanted < 0 && args.size() < 3))
        co_return failWith(usage, kUsage);
    if (what == u"add") {
        for (const QString &member : args.mid(2)) {
            if (!member.startsWith(u'@') || member.size() < 2)
                co_return failWith(QCoreApplication::translate("plaza-cli", "group add: people are @handles (got \"%1\")").arg(member), kUsage);
        }
    }
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto id = co_await m_chat->conversationWith(args.at(1));
    if (!id)
        co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2").arg(args.at(1), describe(id.error())));

    if (what == u"members") {
        // From the cache, as synced.
        auto rows = chat::readMembers(*m_chat->reader(), *id);
        if (!rows)
            co_return failWith(describe(rows.error()));
        if (rows->isEmpty())
            printLine(QCoreApplication::translate("plaza-cli", "no members"));
        for (const chat::MemberRow &m : std::as_const(*rows))
            printLine(QStringLiteral("%1  @%2  %3  %4").arg(m.id, m.handle, m.name, m.role));
        if (!m_pulled)
            printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
        co_return kOk;
    }
    if (!m_pulled)
        co_return failWith(QCoreApplication::translate("plaza-cli", "offline: a group is changed on the server; try again when it answers"));

    chat::GroupActions groups(m_chat.get());
    Result<protocol::Conversation> answer = withSentence(makeError(ErrorCode::Internal, {}), QCoreApplication::translate("plaza-cli", "nothing done"));
    if (what == u"rename") {
        answer = co_await groups.rename(*id, args.at(2));
    } else if (what == u"add") {
        QStringList userIds;
        for (const QString &handle : args.mid(2)) {
            auto user = co_await m_chat->userIdFor(handle.mid(1));
            if (!user)
                co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2").arg(handle, describe(user.error())));
            userIds.append(*user);
        }
        answer = co_await groups.add(*id, userIds);
    } else if (what == u"remove") {
        answer = co_await groups.remove(*id, args.at(2));
    } else {
        answer = co_await groups.remove(*id, m_chat->context()->userId());
    }
    if (!answer)
        co_return failWith(describeRefusal(answer.error()),
                           answer.error().code == ErrorCode::ValidationFailed ? kUsage : kFailed);
    if (what == u"rename")
        printLine(QCoreApplication::translate("plaza-cli", "renamed %1 to \"%2\"").arg(*id, answer->title.value_or(QString())));
    else if (what == u"leave")
        printLine(QCoreApplication::translate("plaza-cli", "left %1: its history stays here, nothing new comes").arg(*id));
    else
        printLine(QCoreApplication::translate("plaza-cli", "%1 now has %n member(s)", nullptr, int(answer->members.size())).arg(*id));
    co_return kOk;
}

} // namespace plaza::cli
