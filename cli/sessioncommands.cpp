// SPDX-License-Identifier: MIT
// plaza-cli sessions: the devices signed in to the account (docs/api.md "Sessions"), and
// ending one of them or all but this one.
#include "clicommands.h"

#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace plaza::cli {

namespace {

QString shortTime(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QStringLiteral("-");
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

//! One line of the list: "* s_3  laptop  Ubuntu 24.04  192.168.x.x  signed in …  last seen …".
QString describeSession(const QJsonObject &s)
{
    const bool current = s.value(QStringLiteral("current")).toBool();
    QString line = QCoreApplication::translate("plaza-cli", "%1 %2  %3  %4  %5  signed in %6")
                       .arg(current ? QStringLiteral("*") : QStringLiteral(" "), s.value(QStringLiteral("id")).toString(),
                            orDash(s.value(QStringLiteral("device_name")).toString()),
                            orDash(s.value(QStringLiteral("platform")).toString()),
                            orDash(s.value(QStringLiteral("place")).toString()), shortTime(s.value(QStringLiteral("created_at"))));
    if (!s.value(QStringLiteral("ended_at")).isNull()) {
        const QString reason = s.value(QStringLiteral("end_reason")).toString();
        line += QCoreApplication::translate("plaza-cli", "  ENDED %1: %2")
                    .arg(shortTime(s.value(QStringLiteral("ended_at"))),
                         reason == u"refresh_token_reused"
                             ? QCoreApplication::translate("plaza-cli", "its refresh token was used twice (stolen?); it was signed out everywhere")
                             : reason);
    } else {
        line += QCoreApplication::translate("plaza-cli", "  last seen %1").arg(shortTime(s.value(QStringLiteral("last_seen_at"))));
    }
    if (current)
        line += QCoreApplication::translate("plaza-cli", "  (this device)");
    return line;
}

} // namespace

int Commands::failRequest(const Error &error)
{
    if (error.code == ErrorCode::Unauthorized) {
        // The server no longer takes this device's session: ended from another device, or
        // its refresh token was refused. Session has signed out, keeping the cache.
        return failWith(QCoreApplication::translate("plaza-cli", "signed out: the server ended this device's session (plaza-cli login to sign in again)"),
                        kSignedOut);
    }
    return failWith(describe(error));
}

QCoro::Task<Result<QJsonArray>> Commands::fetchSessions()
{
    const QString path = protocol::endpoints::sessions();
    auto reply = co_await m_session->api()->get(path);
    if (!reply)
        co_return reply.error();
    co_return reply->body.value(QStringLiteral("items")).toArray();
}

QCoro::Task<int> Commands::sessions()
{
    const QStringList &args = m_options.arguments;
    const QString sub = args.value(0, QStringLiteral("list"));
    if (sub == u"list") {
        if (args.size() > 1 || m_options.others)
            co_return failWith(QCoreApplication::translate("plaza-cli", "sessions list takes no arguments"), kUsage);
    } else if (sub == u"end") {
        if (args.size() > 2)
            co_return failWith(QCoreApplication::translate("plaza-cli", "sessions end takes one session id (s_…) or --others"), kUsage);
        if ((args.size() == 2) == m_options.others)
            co_return failWith(QCoreApplication::translate("plaza-cli", "sessions end takes a session id (s_…, see plaza-cli sessions) or --others, "
                                              "one of the two"),
                               kUsage);
    } else {
        co_return failWith(QCoreApplication::translate("plaza-cli", "unknown sessions command \"%1\" (list, end ID, end --others)").arg(sub), kUsage);
    }

    if (const int code = co_await open(); code != kOk)
        co_return code;

    if (sub == u"end" && m_options.others) {
        const QString path = protocol::endpoints::sessionsEndOthers();
        const QJsonObject noBody;
        auto reply = co_await m_session->api()->post(path, noBody);
        if (!reply)
            co_return failRequest(reply.error());
        const qint64 ended = reply->body.value(QStringLiteral("ended")).toInteger();
        printLine(ended == 0 ? QCoreApplication::translate("plaza-cli", "no other session to end")
                             : QCoreApplication::translate("plaza-cli", "ended %n other session(s); this device stays signed in", nullptr, int(ended)));
        co_return kOk;
    }

    auto items = co_await fetchSessions();
    if (!items)
        co_return failRequest(items.error());

    if (sub == u"list") {
        for (const QJsonValue &item : std::as_const(*items))
            printLine(describeSession(item.toObject()));
        co_return kOk;
    }

    // end ID: refuse this device's own (that is logout) and ids the list does not have.
    const QString id = args.at(1);
    QJsonObject target;
    for (const QJsonValue &item : std::as_const(*items)) {
        if (item.toObject().value(QStringLiteral("id")).toString() == id)
            target = item.toObject();
    }
    if (target.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "no session %1 on this account (plaza-cli sessions lists them)").arg(id));
    if (target.value(QStringLiteral("current")).toBool())
        co_return failWith(QCoreApplication::translate("plaza-cli", "%1 is this device's session: use plaza-cli logout").arg(id), kUsage);
    const QString path = protocol::endpoints::session(id);
    auto reply = co_await m_session->api()->del(path);
    if (!reply) {
        if (reply.error().code == ErrorCode::NotFound)
            co_return failWith(QCoreApplication::translate("plaza-cli", "no session %1 on this account (already ended?)").arg(id));
        co_return failRequest(reply.error());
    }
    const bool wasEnded = !target.value(QStringLiteral("ended_at")).isNull();
    printLine(wasEnded ? QCoreApplication::translate("plaza-cli", "removed %1 from the list").arg(id)
                       : QCoreApplication::translate("plaza-cli", "ended %1 (%2): it is signed out now").arg(id, orDash(target.value(QStringLiteral("device_name")).toString())));
    co_return kOk;
}

} // namespace plaza::cli
