// SPDX-License-Identifier: MIT
// The savings commands of plaza-cli: the same SavingsService, SavingsSummary and GoalsModel
// (cache, refreshed from the server) and WalletService (exactly-once deposits and withdrawals) as the app.
#include "clicommands.h"
#include "terminal.h"

#include "common/nextsignal.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/savings.h"
#include "protocol/wallet.h"
#include "savings/goalsmodel.h"
#include "savings/savingsservice.h"
#include "savings/savingssummary.h"
#include "wallet/walletservice.h"
#include "wallet/walletsummary.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace plaza::cli {

namespace {

//! Runs SavingsService::refresh() to its end (the server's answer, or the cache alone).
QCoro::Task<void> refreshed(savings::SavingsService &service)
{
    service.refresh();
    if (service.busy())
        co_await nextSignal(&service, &savings::SavingsService::busyChanged);
}

//! A goal's status (goalprogress.h) in words: "on track", "behind"…
QString statusText(const QString &status)
{
    if (status == u"reached")
        return QCoreApplication::translate("plaza-cli", "reached", "a savings goal");
    if (status == u"started")
        return QCoreApplication::translate("plaza-cli", "started", "a savings goal");
    if (status == u"on_track")
        return QCoreApplication::translate("plaza-cli", "on track", "a savings goal");
    if (status == u"behind")
        return QCoreApplication::translate("plaza-cli", "behind", "a savings goal");
    if (status == u"overdue")
        return QCoreApplication::translate("plaza-cli", "overdue", "a savings goal");
    return QString(status).replace(u'_', u' ');
}

//! "g_3  Bike  30,00 € of 600,00 €  by 2027-05-01 (4 months 12 days)  behind  add 90,00 € now and on each 1st"
//! (a row of GoalsModel as a map: the same rule as the Savings tab, goalprogress.h).
QString goalLine(const QVariantMap &g)
{
    const QString deadline = g.value(QStringLiteral("deadline")).toString();
    QString line = QCoreApplication::translate("plaza-cli", "%1  %2  %3 of %4")
                       .arg(g.value(QStringLiteral("goalId")).toString(), g.value(QStringLiteral("name")).toString(),
                            g.value(QStringLiteral("formattedSaved")).toString(),
                            g.value(QStringLiteral("formattedTarget")).toString());
    const QString status = g.value(QStringLiteral("status")).toString();
    if (!deadline.isEmpty()) {
        line += QCoreApplication::translate("plaza-cli", "  by %1").arg(deadline);
        if (status != u"overdue" && status != u"reached") {
            const int months = g.value(QStringLiteral("monthsLeft")).toInt();
            const int days = g.value(QStringLiteral("daysLeft")).toInt();
            line += QCoreApplication::translate("plaza-cli", " (%1 %2)", "months and days left")
                        .arg(QCoreApplication::translate("plaza-cli", "%n month(s)", nullptr, months),
                             QCoreApplication::translate("plaza-cli", "%n day(s)", nullptr, days));
        }
    }
    if (status != u"no_deadline")
        line += QStringLiteral("  ") + statusText(status);
    if (!g.value(QStringLiteral("formattedMonthlyNeeded")).toString().isEmpty())
        line += QCoreApplication::translate("plaza-cli", "  add %1 now and on each 1st").arg(g.value(QStringLiteral("formattedMonthlyNeeded")).toString());
    return line;
}

} // namespace

QCoro::Task<int> Commands::savingsSummary()
{
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    savings::SavingsService service;
    service.setAccount(m_session.get());
    savings::SavingsSummary summary;
    summary.setService(&service);
    savings::GoalsModel goals;
    goals.setService(&service);
    co_await refreshed(service);
    if (!summary.loaded())
        co_return failWith(m_pulled ? QCoreApplication::translate("plaza-cli", "no savings yet (plaza-cli deposit AMOUNT)")
                                    : QCoreApplication::translate("plaza-cli", "no savings in the local cache yet (sync when online)"));
    printLine(QCoreApplication::translate("plaza-cli", "savings: %1").arg(summary.formattedBalance()));
    printLine(QCoreApplication::translate("plaza-cli", "apy: %1").arg(summary.formattedApy()));
    printLine(QCoreApplication::translate("plaza-cli", "interest this month: %1").arg(summary.formattedInterestThisMonth()));
    printLine(QCoreApplication::translate("plaza-cli", "interest earned (paid + this month): %1").arg(summary.formattedInterestTotal()));
    printLine(QCoreApplication::translate("plaza-cli", "not in a goal: %1").arg(summary.formattedUnassigned()));
    const QVariantMap change = summary.rateChange();
    if (!change.isEmpty()) {
        printLine(QCoreApplication::translate("plaza-cli", "rate change: %1 → %2 from %3")
                      .arg(change.value(QStringLiteral("formattedPreviousApy")).toString(),
                           change.value(QStringLiteral("formattedApy")).toString(),
                           change.value(QStringLiteral("effectiveDate")).toDate().toString(Qt::ISODate)));
    }
    printLine(QCoreApplication::translate("plaza-cli", "goals: %1").arg(goals.count()));
    for (int row = 0; row < goals.count(); ++row)
        printLine(QStringLiteral("  ") + goalLine(goals.get(row)));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced %1)").arg(summary.asOf().toUTC().toString(Qt::ISODate)));
    co_return kOk;
}

QCoro::Task<int> Commands::savingsMove(bool deposit)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(deposit ? QCoreApplication::translate("plaza-cli", "usage: deposit AMOUNT [--goal ID]")
                                   : QCoreApplication::translate("plaza-cli", "usage: withdraw AMOUNT [--goal ID]"),
                           kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto amount = parseAmount(args.at(0));
    if (!amount)
        co_return failWith(describe(amount.error()), kUsage);
    auto outcome = co_await m_wallet->moveSavings(deposit, *amount, m_options.goal);
    outcome = co_await stepUpIfAsked(std::move(outcome));
    if (!outcome)
        co_return failWith(describe(outcome.error()));
    if (outcome->state != wallet::PaymentIntent::State::Completed) {
        printLine(QCoreApplication::translate("plaza-cli", "awaiting confirmation — will retry with the same key (%1)").arg(outcome->key));
        co_return kAwaiting;
    }
    const auto moved = protocol::decodeReply<protocol::Transaction>(outcome->answer);
    if (!moved) {
        printLine(unreadableAnswer(deposit ? QCoreApplication::translate("plaza-cli", "deposited %1").arg(amount->format())
                                           : QCoreApplication::translate("plaza-cli", "withdrew %1").arg(amount->format()),
                                   moved.error()));
        co_return kOk;
    }
    printLine(deposit ? QCoreApplication::translate("plaza-cli", "deposited %1 — transaction %2").arg(amount->format(), moved->id)
                      : QCoreApplication::translate("plaza-cli", "withdrew %1 — transaction %2").arg(amount->format(), moved->id));
    co_return kOk;
}

QCoro::Task<int> Commands::goals()
{
    const QStringList &args = m_options.arguments;
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    const QString verb = args.value(0, QStringLiteral("list"));
    if (verb == u"list") {
        if (args.size() > 1)
            co_return failWith(QCoreApplication::translate("plaza-cli", "usage: goals [list]"), kUsage);
        savings::SavingsService service;
        service.setAccount(m_session.get());
        savings::GoalsModel goals;
        goals.setService(&service);
        co_await refreshed(service);
        for (int row = 0; row < goals.count(); ++row)
            printLine(goalLine(goals.get(row)));
        if (goals.count() == 0)
            printLine(QCoreApplication::translate("plaza-cli", "no goals"));
        if (!m_pulled)
            printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
        co_return kOk;
    }
    if (!m_pulled)
        co_return failWith(QCoreApplication::translate("plaza-cli", "%1: %2")
                               .arg(QStringLiteral("network"),
                                    QCoreApplication::translate("plaza-cli", "you are offline; goals change on the server")));
    static const QRegularExpression goalId(QRegularExpression::anchoredPattern(QStringLiteral("g_[0-9]{1,18}")));
    Result<net::ApiResponse> reply = makeError(ErrorCode::Internal, QString());
    if (verb == u"add") {
        if (args.size() != 3)
            co_return failWith(QCoreApplication::translate("plaza-cli", "usage: goals add NAME TARGET [--deadline YYYY-MM-DD]"), kUsage);
        auto target = parseAmount(args.at(2));
        if (!target)
            co_return failWith(describe(target.error()), kUsage);
        QJsonObject body{{QStringLiteral("name"), args.at(1)}, {QStringLiteral("target"), moneyJson(*target)}};
        if (!m_options.deadline.isEmpty())
            body.insert(QStringLiteral("deadline"), m_options.deadline);
        reply = co_await m_session->api()->post(protocol::endpoints::savingsGoals(), body);
    } else if (verb == u"rename" || verb == u"target") {
        if (args.size() != 3 || !goalId.match(args.at(1)).hasMatch())
            co_return failWith(QCoreApplication::translate("plaza-cli", "usage: goals %1 g_ID %2").arg(verb, verb == u"rename" ? u"NAME" : u"AMOUNT"),
                               kUsage);
        QJsonObject body;
        if (verb == u"rename") {
            body.insert(QStringLiteral("name"), args.at(2));
        } else {
            auto target = parseAmount(args.at(2));
            if (!target)
                co_return failWith(describe(target.error()), kUsage);
            body.insert(QStringLiteral("target"), moneyJson(*target));
        }
        reply = co_await m_session->api()->patch(protocol::endpoints::savingsGoal(args.at(1)), body);
    } else if (verb == u"delete") {
        if (args.size() != 2 || !goalId.match(args.at(1)).hasMatch())
            co_return failWith(QCoreApplication::translate("plaza-cli", "usage: goals delete g_ID"), kUsage);
        reply = co_await m_session->api()->del(protocol::endpoints::savingsGoal(args.at(1)));
    } else {
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: goals [list|add|rename|target|delete]"), kUsage);
    }
    if (!reply)
        co_return failWith(describe(reply.error()));
    if (verb == u"delete") {
        printLine(QCoreApplication::translate("plaza-cli", "deleted %1; its money stays in savings, unassigned").arg(args.at(1)));
        co_return kOk;
    }
    const auto goal = protocol::decodeReply<protocol::SavingsGoal>(reply->body);
    if (!goal)
        co_return failWith(describe(goal.error()));
    printLine(QStringLiteral("%1  %2").arg(goal->id, goal->name));
    co_return kOk;
}

} // namespace plaza::cli
