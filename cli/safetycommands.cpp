// SPDX-License-Identifier: MIT
// Protecting oneself from plaza-cli (members of Commands; issue 17, docs/api.md "Safety"):
// block / unblock a person, list the people blocked, mute / unmute a conversation for a while
// or for good, report a message, post, person or payment request (and decline the request in
// the same step). The same SafetyActions as the app; blocks and mutes reach the cache at once
// and every other device by the sync.
#include "clicommands.h"
#include "terminal.h"

#include "chat/chatservice.h"
#include "chat/safetyactions.h"
#include "common/clock.h"
#include "protocol/json.h"
#include "storage/database.h"
#include "wallet/paylink.h"

#include <QCoreApplication>
#include <QHash>

namespace plaza::cli {

namespace {

QString describeRefusal(const Error &e)
{
    const QString reason = e.details.value(QStringLiteral("reason")).toString();
    const QString about = reason.isEmpty() ? e.field() : reason;
    return about.isEmpty() ? describe(e) : QStringLiteral("%1 (%2)").arg(describe(e), about);
}

//! "1h", "8h", "1w", "30m", "2d" or "forever": how long a mute lasts (nothing: no end), or an error.
Result<std::optional<qint64>> muteLength(const QString &text)
{
    if (text.isEmpty() || text == u"forever")
        return std::optional<qint64>();
    static const QList<QPair<QChar, qint64>> units{{u'm', 60}, {u'h', 3600}, {u'd', 86400}, {u'w', 7 * 86400}};
    const QChar unit = text.back();
    bool ok = false;
    const qint64 n = text.first(text.size() - 1).toLongLong(&ok);
    for (const auto &[u, seconds] : units) {
        if (unit == u && ok && n > 0 && n <= 10000)
            return std::optional<qint64>(n * seconds);
    }
    return withSentence(makeError(ErrorCode::ValidationFailed, {}), QCoreApplication::translate("plaza-cli", "--for takes a length like 1h, 8h, 1w or forever (got \"%1\")").arg(text));
}

} // namespace

QCoro::Task<int> Commands::block(bool on)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(on ? QCoreApplication::translate("plaza-cli", "usage: block @handle|USER_ID") : QCoreApplication::translate("plaza-cli", "usage: unblock @handle|USER_ID"),
                           kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    chat::SafetyActions safety(m_chat.get());
    if (on) {
        auto blocked = co_await safety.block(args.at(0));
        if (!blocked)
            co_return failWith(describeRefusal(blocked.error()));
        printLine(QCoreApplication::translate("plaza-cli", "blocked @%1 (%2): they cannot message you, pay you or ask you for money, see your posts "
                                 "or find you")
                      .arg(blocked->user.handle, blocked->user.id));
        co_return kOk;
    }
    const Status unblocked = co_await safety.unblock(args.at(0));
    if (!unblocked)
        co_return failWith(describeRefusal(unblocked.error()));
    printLine(QCoreApplication::translate("plaza-cli", "unblocked %1").arg(args.at(0)));
    co_return kOk;
}

QCoro::Task<int> Commands::blocks()
{
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    // From the cache, as synced (block.changed from every device of the account).
    auto stmt = m_chat->reader()->prepare(QStringLiteral(
        "SELECT b.user_id, coalesce(u.handle, ''), coalesce(u.display_name, ''), b.blocked_at FROM blocks b "
        "LEFT JOIN users u ON u.id = b.user_id ORDER BY b.blocked_at DESC, b.user_id DESC;"));
    if (!stmt)
        co_return failWith(describe(stmt.error()));
    int count = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            co_return failWith(describe(row.error()));
        if (!*row)
            break;
        ++count;
        printLine(QCoreApplication::translate("plaza-cli", "%1  @%2  %3  since %4").arg(stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)));
    }
    if (count == 0)
        printLine(QCoreApplication::translate("plaza-cli", "nobody blocked"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::mute(bool on)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(on ? QCoreApplication::translate("plaza-cli", "usage: mute @handle|CONVERSATION_ID [--for 1h|8h|1w|forever]")
                              : QCoreApplication::translate("plaza-cli", "usage: unmute @handle|CONVERSATION_ID"),
                           kUsage);
    auto length = muteLength(m_options.muteFor);
    if (!length)
        co_return failWith(length.error().message, kUsage);
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    auto id = co_await m_chat->conversationWith(args.at(0));
    if (!id)
        co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2").arg(args.at(0), describe(id.error())));
    chat::SafetyActions safety(m_chat.get());
    if (!on) {
        auto unmuted = co_await safety.unmute(*id);
        if (!unmuted)
            co_return failWith(describeRefusal(unmuted.error()));
        printLine(QCoreApplication::translate("plaza-cli", "unmuted %1").arg(*id));
        co_return kOk;
    }
    std::optional<QDateTime> until;
    if (*length)
        until = Clock::instance()->nowUtc().addSecs(**length);
    auto muted = co_await safety.mute(*id, until);
    if (!muted)
        co_return failWith(describeRefusal(muted.error()));
    printLine(muted->mutedUntil ? QCoreApplication::translate("plaza-cli", "muted %1 until %2").arg(*id, protocol::formatTime(*muted->mutedUntil))
                                : QCoreApplication::translate("plaza-cli", "muted %1 until you unmute it").arg(*id));
    co_return kOk;
}

QCoro::Task<int> Commands::report()
{
    const QStringList &args = m_options.arguments;
    const QString usage = QCoreApplication::translate("plaza-cli", "usage: report message|post|user|request ID --reason spam|abuse|scam|other "
                                         "[--note TEXT] [--decline]");
    if (args.size() != 2)
        co_return failWith(usage, kUsage);
    static const QHash<QString, QString> types{{QStringLiteral("message"), QStringLiteral("message")},
                                               {QStringLiteral("post"), QStringLiteral("post")},
                                               {QStringLiteral("user"), QStringLiteral("user")},
                                               {QStringLiteral("request"), QStringLiteral("payment_request")}};
    const QString type = types.value(args.at(0));
    if (type.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "report: message, post, user or request (got \"%1\")\n%2").arg(args.at(0), usage), kUsage);
    if (!protocol::reportReasons().contains(m_options.reason))
        co_return failWith(QCoreApplication::translate("plaza-cli", "report: --reason is spam, abuse, scam or other"), kUsage);
    if (m_options.decline && type != u"payment_request")
        co_return failWith(QCoreApplication::translate("plaza-cli", "report: --decline is for a payment request"), kUsage);
    if (m_options.note.toUcs4().size() > protocol::kMaxReportNoteChars)
        co_return failWith(QCoreApplication::translate("plaza-cli", "report: --note is at most %1 characters").arg(protocol::kMaxReportNoteChars), kUsage);
    QString id = args.at(1);
    if (type == u"payment_request" && id.startsWith(QStringLiteral("plaza:"))) {
        auto parsed = wallet::parsePayLink(id);
        if (!parsed)
            co_return failWith(describe(parsed.error()), kUsage);
        id = *parsed;
    }
    if (const int code = co_await openChat(); code != kOk)
        co_return code;
    chat::SafetyActions safety(m_chat.get());
    auto filed = co_await safety.report(type, id, m_options.reason, m_options.note, m_options.decline);
    if (!filed)
        co_return failWith(describeRefusal(filed.error()));
    printLine(QCoreApplication::translate("plaza-cli", "reported %1 %2 (%3) — report %4%5")
                  .arg(args.at(0), filed->targetId, filed->reason, filed->id,
                       filed->declined ? QCoreApplication::translate("plaza-cli", "; the request is declined") : QString()));
    co_return kOk;
}

} // namespace plaza::cli
