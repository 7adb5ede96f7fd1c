// SPDX-License-Identifier: MIT
// The wallet commands of plaza-cli (members of Commands, kept apart from the account
// commands in clicommands.cpp): the same WalletService, models and CSV export as the app.
#include "clicommands.h"

#include "protocol/json.h"
#include "protocol/wallet.h"
#include "sync/syncengine.h"
#include "terminal.h"
#include "wallet/paylink.h"
#include "wallet/requestsmodel.h"
#include "wallet/transactionsmodel.h"
#include "wallet/walletcsv.h"
#include "wallet/walletservice.h"
#include "wallet/walletsummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QJsonObject>

#include <cstdio>

namespace plaza::cli {

QCoro::Task<int> Commands::openWallet()
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    // Fresh numbers when the server answers; the cache (said to be stale) when it does not.
    const Status pulled = co_await m_session->syncEngine()->pull();
    m_pulled = pulled.ok();
    m_summary = std::make_unique<wallet::WalletSummary>();
    m_summary->setCache(m_session->cache());
    m_wallet = std::make_unique<wallet::WalletService>(m_session.get());
    if (auto st = m_wallet->start(); !st)
        co_return failWith(describe(st.error()));
    // A new account's wallet is in no sync page until money first moves: read it (the app
    // does this after each sync).
    if (m_pulled)
        co_await m_wallet->fetchMissingWallet();
    // Read now, before the retries start() scheduled can settle anything: an intent that was
    // unanswered when this run began is one the user may not know went through.
    if (wallet::PaymentOutbox *outbox = m_wallet->outbox()) {
        auto unanswered = outbox->unanswered();
        if (!unanswered)
            co_return failWith(describe(unanswered.error()));
        m_unansweredAtOpen = *unanswered;
    }
    co_return kOk;
}

std::optional<wallet::PaymentIntent> Commands::sameTransferUnanswered(const QString &to, const Money &amount,
                                                                      const QString &note) const
{
    for (const wallet::PaymentIntent &intent : m_unansweredAtOpen) {
        if (intent.kind != u"transfer")
            continue;
        auto body = protocol::parseObject(intent.body);
        if (!body)
            continue;
        auto sent = protocol::moneyFromJson(body->value(QStringLiteral("amount")));
        if (!sent || !(*sent == amount))
            continue;
        if (body->value(QStringLiteral("to")).toString().compare(to.trimmed(), Qt::CaseInsensitive) != 0)
            continue;
        if (body->value(QStringLiteral("note")).toString() != note)
            continue;
        return intent;
    }
    return std::nullopt;
}

Result<Money> Commands::parseAmount(const QString &text)
{
    const QString currency = m_summary && m_summary->loaded() ? m_summary->currency() : QStringLiteral("EUR");
    return Money::parse(text, currency, QLocale());
}

QCoro::Task<int> Commands::balance()
{
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    if (!m_summary->loaded())
        co_return failWith(QCoreApplication::translate("plaza-cli", "no wallet in the local cache yet (plaza-cli sync when online)"));
    printLine(QCoreApplication::translate("plaza-cli", "balance: %1").arg(m_summary->formattedBalance()));
    printLine(QCoreApplication::translate("plaza-cli", "available: %1").arg(m_summary->formattedAvailable()));
    printLine(QCoreApplication::translate("plaza-cli", "verification: %1").arg(m_summary->verification()));
    const QString currency = m_summary->currency();
    printLine(QCoreApplication::translate("plaza-cli", "limits: %1 per payment, %2 per day, %3 left today")
                  .arg(Money(m_summary->limitPerPaymentMinor(), currency).format(),
                       Money(m_summary->limitDailyMinor(), currency).format(),
                       Money(m_summary->remainingTodayMinor(), currency).format()));
    // A one-shot command knows better than the live connection's state: did the pull succeed?
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced %1)")
                      .arg(m_session->lastSyncedAt().toUTC().toString(Qt::ISODate)));
    co_return kOk;
}

QCoro::Task<int> Commands::history()
{
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    wallet::TransactionsModel model;
    model.setPageSize(std::max(1, m_options.limit));
    model.setDirection(m_options.direction);
    model.setKind(m_options.kind);
    model.setQuery(m_options.query);
    model.setCache(m_session->cache());
    if (!model.error().isEmpty())
        co_return failWith(describe(model.error(), {}));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex at = model.index(row);
        const QString handle = at.data(wallet::TransactionsModel::CounterpartyHandleRole).toString();
        printLine(QStringLiteral("%1  %2  %3  %4  %5")
                      .arg(at.data(wallet::TransactionsModel::CreatedAtRole).toDateTime().toString(Qt::ISODate),
                           at.data(wallet::TransactionsModel::FormattedAmountRole).toString(),
                           at.data(wallet::TransactionsModel::KindRole).toString(),
                           handle.isEmpty() ? QStringLiteral("-") : u'@' + handle,
                           at.data(wallet::TransactionsModel::NoteRole).toString().replace(u'\n', u' ')));
    }
    if (model.rowCount() == 0)
        printLine(QCoreApplication::translate("plaza-cli", "no transactions"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<Result<wallet::PaymentOutcome>> Commands::stepUpIfAsked(Result<wallet::PaymentOutcome> outcome)
{
    if (outcome || !wallet::WalletService::isStepUpRequired(outcome.error()))
        co_return outcome;
    const QVariantMap details = outcome.error().details;
    const QString key = details.value(QStringLiteral("intent_key")).toString();
    const bool codeAllowed = details.value(QStringLiteral("methods")).toStringList().contains(QStringLiteral("totp"));
    bool isCode = !m_options.code.isEmpty();
    QString secret = m_options.code;
    if (secret.isEmpty() && m_options.passwordStdin) {
        secret = readStdinLine();
    } else if (secret.isEmpty() && stdinIsTerminal()) {
        secret = promptSecret(codeAllowed ? QCoreApplication::translate("plaza-cli", "This payment needs a second check. Password or two-factor code: ")
                                          : QCoreApplication::translate("plaza-cli", "This payment needs a second check. Password: "));
        // Six digits on an account with two-factor on are its code; anything else the password.
        static const QRegularExpression sixDigits(QStringLiteral("^\\s*\\d{6}\\s*$"));
        isCode = codeAllowed && sixDigits.match(secret).hasMatch();
    }
    if (secret.isEmpty() || key.isEmpty()) {
        Error error = outcome.error();
        co_return withSentence(std::move(error),
                               codeAllowed ? QCoreApplication::translate("plaza-cli", "this payment needs your password or a two-factor code "
                                                                                      "(use --password-stdin or --code CODE, or a "
                                                                                      "terminal); nothing was sent")
                                           : QCoreApplication::translate("plaza-cli", "this payment needs your password (use "
                                                                                      "--password-stdin, or a terminal); nothing "
                                                                                      "was sent"));
        co_return error;
    }
    Result<QString> token = co_await m_session->stepUpToken(secret, isCode);
    if (!token)
        co_return token.error();
    const QString stepUp = *token;
    co_return co_await m_wallet->retryWithStepUp(key, stepUp);
}

QCoro::Task<int> Commands::send()
{
    const QStringList &args = m_options.arguments;
    if (args.size() < 2 || args.size() > 3)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: send @handle AMOUNT [NOTE] [--again]"), kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto amount = parseAmount(args.at(1));
    if (!amount)
        co_return failWith(describe(amount.error()), kUsage);
    // A killed run's payment may have gone through without this terminal hearing of it:
    // the same one again is refused until it is settled, unless asked for twice.
    if (!m_options.again) {
        if (const auto same = sameTransferUnanswered(args.at(0), *amount, args.value(2))) {
            const QString note = args.value(2).isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(args.value(2));
            co_return failWith(QCoreApplication::translate("plaza-cli", "the same payment (%1 to %2%3) is still awaiting confirmation since %4 and may "
                                              "have gone through: run plaza-cli pending to settle it, or add --again to "
                                              "send a second one")
                                   .arg(amount->format(), args.at(0).trimmed(), note, same->createdAt));
        }
    }
    auto outcome = co_await m_wallet->send(args.at(0), *amount, args.value(2));
    outcome = co_await stepUpIfAsked(std::move(outcome));
    if (!outcome)
        co_return failWith(describe(outcome.error()));
    if (outcome->state != wallet::PaymentIntent::State::Completed) {
        printLine(QCoreApplication::translate("plaza-cli", "awaiting confirmation — will retry with the same key (%1)").arg(outcome->key));
        co_return kAwaiting;
    }
    const auto tx = protocol::decodeReply<protocol::Transaction>(outcome->answer);
    if (!tx) {
        printLine(unreadableAnswer(QCoreApplication::translate("plaza-cli", "sent %1 to %2").arg(amount->format(), args.at(0).trimmed()), tx.error()));
        co_return kOk;
    }
    const QString counterparty = tx->counterparty ? tx->counterparty->handle : QString();
    printLine(QCoreApplication::translate("plaza-cli", "sent %1 to @%2 — transaction %3, balance %4")
                  .arg(tx->amount.format(), counterparty, tx->id, tx->balanceAfter.value_or(Money()).format()));
    co_return kOk;
}

QCoro::Task<int> Commands::request()
{
    const QStringList &args = m_options.arguments;
    if (args.isEmpty() || args.size() > 2)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: request AMOUNT [NOTE] [--from @handle]"), kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto amount = parseAmount(args.at(0));
    if (!amount)
        co_return failWith(describe(amount.error()), kUsage);
    auto outcome = co_await m_wallet->createRequest(*amount, args.value(1), m_options.from);
    if (!outcome)
        co_return failWith(describe(outcome.error()));
    if (outcome->state != wallet::PaymentIntent::State::Completed) {
        printLine(QCoreApplication::translate("plaza-cli", "awaiting confirmation — will retry with the same key (%1)").arg(outcome->key));
        co_return kAwaiting;
    }
    const auto created = protocol::decodeReply<protocol::PaymentRequest>(outcome->answer);
    if (!created)
        co_return failWith(describe(created.error()));
    printLine(created->link);
    co_return kOk;
}

QCoro::Task<int> Commands::pay()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: pay plaza://pay/ID [--yes]"), kUsage);
    // A malformed link is refused before anything is opened or asked.
    if (auto id = wallet::parsePayLink(args.at(0)); !id)
        co_return failWith(describe(id.error()), kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto info = co_await m_wallet->fetchLink(args.at(0));
    if (!info)
        co_return failWith(describe(info.error()));
    const QString what = QCoreApplication::translate("plaza-cli", "pay %1 to @%2 (%3)%4")
                             .arg(info->amount.format(), info->payeeHandle, info->payeeName,
                                  info->note.isEmpty() ? QString() : QCoreApplication::translate("plaza-cli", " for \"%1\"").arg(info->note));
    if (!m_options.yes) {
        std::fputs(QCoreApplication::translate("plaza-cli", "%1? [y/N] ").arg(what).toLocal8Bit().constData(), stdout);
        std::fflush(stdout);
        // "y" or "yes", or the same in the user's language ("o", "oui").
        const QString answer = readStdinLine().trimmed().toLower();
        const QStringList yes{QStringLiteral("y"), QStringLiteral("yes"),
                              QCoreApplication::translate("plaza-cli", "y", "the answer to [y/N]").toLower(),
                              QCoreApplication::translate("plaza-cli", "yes", "the answer to [y/N]").toLower()};
        if (!yes.contains(answer))
            co_return failWith(QCoreApplication::translate("plaza-cli", "not paid"));
    } else {
        printLine(what);
    }
    auto outcome = co_await m_wallet->payRequest(info->id);
    outcome = co_await stepUpIfAsked(std::move(outcome));
    if (!outcome)
        co_return failWith(describe(outcome.error()));
    if (outcome->state != wallet::PaymentIntent::State::Completed) {
        printLine(QCoreApplication::translate("plaza-cli", "awaiting confirmation — will retry with the same key (%1)").arg(outcome->key));
        co_return kAwaiting;
    }
    const auto paid = protocol::decodeReply<protocol::Transaction>(outcome->answer);
    if (!paid) {
        printLine(unreadableAnswer(QStringLiteral("paid"), paid.error()));
        co_return kOk;
    }
    printLine(QCoreApplication::translate("plaza-cli", "paid — transaction %1").arg(paid->id));
    co_return kOk;
}

QCoro::Task<int> Commands::requests()
{
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    // The same model as the Wallet tab's list: the cache, which the pull just brought up to date.
    wallet::RequestsModel model;
    model.setPageSize(m_options.limit);
    model.setDirection(m_options.requestDirection);
    model.setCache(m_session->cache());
    if (!model.error().isEmpty())
        co_return failWith(describe(QStringLiteral("storage"), model.error()));
    for (int row = 0; row < model.rowCount() && row < m_options.limit; ++row) {
        const QModelIndex i = model.index(row);
        const bool toMe = i.data(wallet::RequestsModel::ToMeRole).toBool();
        const QString handle = i.data(wallet::RequestsModel::OtherHandleRole).toString();
        const QString who = handle.isEmpty() ? QCoreApplication::translate("plaza-cli", "anyone with the link")
                                             : QStringLiteral("@%1 (%2)").arg(handle, i.data(wallet::RequestsModel::OtherNameRole).toString());
        const QString note = i.data(wallet::RequestsModel::NoteRole).toString();
        const QDateTime created = i.data(wallet::RequestsModel::CreatedAtRole).toDateTime();
        printLine(QStringLiteral("%1  %2  %3  %4 %5%6%7")
                      .arg(i.data(wallet::RequestsModel::IdRole).toString(), i.data(wallet::RequestsModel::StatusRole).toString(),
                           i.data(wallet::RequestsModel::FormattedAmountRole).toString(),
                           toMe ? QCoreApplication::translate("plaza-cli", "asked by") : QCoreApplication::translate("plaza-cli", "asked of"), who,
                           note.isEmpty() ? QString() : QStringLiteral("  \"%1\"").arg(note),
                           created.isValid() ? QStringLiteral("  %1").arg(created.toString(Qt::ISODate)) : QString()));
    }
    if (model.rowCount() == 0)
        printLine(QCoreApplication::translate("plaza-cli", "no payment requests"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced %1)").arg(m_session->lastSyncedAt().toUTC().toString(Qt::ISODate)));
    co_return kOk;
}

QCoro::Task<int> Commands::endRequest(bool cancel)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(cancel ? QCoreApplication::translate("plaza-cli", "usage: cancel ID|plaza://pay/ID") : QCoreApplication::translate("plaza-cli", "usage: decline ID|plaza://pay/ID"),
                           kUsage);
    QString id = args.at(0);
    if (id.startsWith(QStringLiteral("plaza:"))) {
        auto parsed = wallet::parsePayLink(id);
        if (!parsed)
            co_return failWith(describe(parsed.error()), kUsage);
        id = *parsed;
    }
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto answer = co_await m_wallet->endRequest(id, cancel);
    if (!answer)
        co_return failWith(describe(answer.error()));
    const auto ended = protocol::decodeReply<protocol::PaymentRequest>(*answer);
    if (!ended)
        co_return failWith(describe(ended.error()));
    printLine(QStringLiteral("%1 %2").arg(ended->status, id));
    co_return kOk;
}

QCoro::Task<int> Commands::topUp()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1 || m_options.card.isEmpty())
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: topup AMOUNT --card TOKEN"), kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto amount = parseAmount(args.at(0));
    if (!amount)
        co_return failWith(describe(amount.error()), kUsage);
    auto outcome = co_await m_wallet->topUp(*amount, m_options.card);
    if (!outcome)
        co_return failWith(describe(outcome.error()));
    if (outcome->state != wallet::PaymentIntent::State::Completed) {
        printLine(QCoreApplication::translate("plaza-cli", "awaiting confirmation — will retry with the same key (%1)").arg(outcome->key));
        co_return kAwaiting;
    }
    const auto topUp = protocol::decodeReply<protocol::Transaction>(outcome->answer);
    if (!topUp) {
        printLine(unreadableAnswer(QCoreApplication::translate("plaza-cli", "topped up %1").arg(amount->format()), topUp.error()));
        co_return kOk;
    }
    printLine(QCoreApplication::translate("plaza-cli", "topped up %1 — balance %2").arg(amount->format(), topUp->balanceAfter.value_or(Money()).format()));
    co_return kOk;
}

QCoro::Task<int> Commands::exportCsv()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: export FILE.csv [--in|--out] [--kind K] [--query Q]"), kUsage);
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    wallet::TransactionsModel model;
    model.setDirection(m_options.direction);
    model.setKind(m_options.kind);
    model.setQuery(m_options.query);
    model.setCache(m_session->cache());
    auto rows = co_await model.exportCsv(args.at(0));
    if (!rows) {
        if (rows.error().code == ErrorCode::Storage && rows.error().details.contains(QStringLiteral("path")))
            co_return failWith(QCoreApplication::translate("plaza-cli", "cannot write %1: %2").arg(args.at(0), rows.error().message));
        co_return failWith(describe(rows.error()));
    }
    printLine(QCoreApplication::translate("plaza-cli", "exported %n transaction(s) to %1", nullptr, int(*rows)).arg(args.at(0)));
    co_return kOk;
}

QCoro::Task<int> Commands::pending()
{
    if (const int code = co_await openWallet(); code != kOk)
        co_return code;
    auto left = co_await m_wallet->retryPending();
    if (!left)
        co_return failWith(describe(left.error()));
    if (*left > 0) {
        printLine(QCoreApplication::translate("plaza-cli", "%n payment(s) still awaiting confirmation — will retry with the same key",
                                              nullptr, int(*left)));
        co_return kAwaiting;
    }
    printLine(QCoreApplication::translate("plaza-cli", "no payment awaiting confirmation"));
    co_return kOk;
}

} // namespace plaza::cli
