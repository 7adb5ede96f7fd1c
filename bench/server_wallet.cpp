// SPDX-License-Identifier: MIT
// Server costs as a wallet's history grows (design.md budget: a wallet read, a limit check
// and a transfer cost the same whatever the history; issue 15: GET /v1/wallet at 20,000
// entries within 1.5x of 500 entries, transfers/s flat across 20k).
//
// A real plaza-server on loopback. Through the real API: "small" gets a top-up and 499
// transfers (500 ledger entries); "big" gets a top-up and then 20,000 keyed transfers of
// 0.01 EUR to one person, timed in successive windows of 2,000 (each transfer is a limit
// check, a ledger write and two wallet.updated events), interleaved with a quarter as many
// transfers from a new account as the same-moment baseline. Then, alternating rounds, GET
// /v1/wallet and GET /v1/wallet/transactions?limit=50 for small and big. Ratios are of
// the same run. --server runs another plaza-server binary (e.g. an older build) for a
// before/after comparison.
//
// --scale (issue 19): requests/s and latency of GET /v1/wallet and of keyed transfers at
// 1, 16 and 64 client connections, on --storage (SQLite by default, or postgres:URL of an
// empty database) with --processes plaza-server processes on it (connections spread over
// them). 64 funded accounts; transfer i goes from account i % 64 to the next one, with a
// key of its own, so that concurrent transfers rarely touch one wallet. Target: ≥ 2,000
// keyed transfers/s on PostgreSQL. Each line ends with the load average when it was taken.
// --clients picks the client counts (e.g. 1,16,64,128), --transfers-only skips the reads,
// --pair sends every transfer between the same two accounts, alternately each way, so that
// all concurrent transfers share both rows (the worst case for locks and serialization).
// Failed requests are listed by status and error code; none may fail (exit code 1).
#include "httpload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

using namespace plaza::bench;

namespace {

constexpr double kWalletBudgetRatio = 1.5;   // big/small cost of GET /v1/wallet
constexpr double kTransferBudgetRatio = 1.5; // big/new account cost of a transfer, in every window

QByteArray topUp(const Account &who, qint64 amount, const QByteArray &key)
{
    return httpRequest("POST", "/v1/wallet/top-ups", who.token,
                       R"({"amount":{"amount":)" + QByteArray::number(amount) + R"(,"currency":"EUR"},"card_token":"tok_visa"})",
                       {"Idempotency-Key: " + key});
}

QByteArray transfer(const Account &from, const Account &to, const QByteArray &key)
{
    return httpRequest("POST", "/v1/transfers", from.token,
                       R"({"to":")" + to.id + R"(","amount":{"amount":1,"currency":"EUR"}})", {"Idempotency-Key: " + key});
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

struct ScaleOptions {
    QList<int> clients{1, 16, 64};
    bool transfersOnly = false;
    bool pair = false;
};

int runScale(const QString &program, const QString &storage, int processes, int total, const ScaleOptions &options)
{
    constexpr int kAccounts = 64;
    QStringList args{QStringLiteral("--access-ttl"), QStringLiteral("86400"), QStringLiteral("--max-connections-per-ip"),
                     QStringLiteral("1000")};
    if (!storage.isEmpty())
        args += QStringList{QStringLiteral("--storage"), storage};
    std::vector<std::unique_ptr<ServerProcess>> servers;
    QList<quint16> ports;
    for (int i = 0; i < processes; ++i) {
        servers.push_back(std::make_unique<ServerProcess>(program));
        if (!servers.back()->start(args))
            return 1;
        ports.append(servers.back()->port());
    }
    const quint16 port = ports.first();
    QList<Account> accounts;
    for (int i = 0; i < kAccounts; ++i) {
        accounts.append(registerAccount(port, QStringLiteral("scale_%1").arg(i)));
        // 250.00 EUR each (the most one top-up may be): each sends about as much as it gets.
        if (accounts.last().token.isEmpty() || exchange(port, topUp(accounts.last(), 25000, "scale-fund")).status != 201) {
            say(QStringLiteral("FAIL: could not register and fund the accounts (is the database empty?)"));
            return 1;
        }
    }
    say(QStringLiteral("storage %1, %2 process(es), %3 requests per run%4")
            .arg(storage.isEmpty() ? QStringLiteral("sqlite") : storage.section(u':', 0, 0))
            .arg(processes)
            .arg(total)
            .arg(options.pair ? QStringLiteral(", every transfer between the same two accounts") : QString()));
    int failed = 0;
    double best = 0;
    auto failures = [](const LoadResult &r) {
        return r.failed ? QStringLiteral(", %1 FAILED (%2)").arg(r.failed).arg(r.failureSummary()) : QString();
    };
    for (const int clients : options.clients) {
        const int n = clients == 1 ? total / 4 : total;
        if (!options.transfersOnly) {
            QList<QByteArray> reads;
            for (const Account &a : std::as_const(accounts))
                reads.append(httpRequest("GET", "/v1/wallet", a.token));
            const LoadResult r = runLoad(ports, clients, n, [&](int i) { return reads.at(i % kAccounts); });
            say(QStringLiteral("  GET /v1/wallet, %1 clients: %2 req/s, p50 %3 ms, p99 %4 ms%5 (load %6)")
                    .arg(clients, 2).arg(r.perSecond(), 0, 'f', 0).arg(r.quantileMs(0.5), 0, 'f', 2)
                    .arg(r.quantileMs(0.99), 0, 'f', 2)
                    .arg(failures(r))
                    .arg(loadAverage()));
            failed += r.failed;
        }
        const QByteArray tag = "t" + QByteArray::number(clients) + "-";
        const LoadResult t = runLoad(ports, clients, n, [&](int i) {
            if (options.pair) // 0 → 1, 1 → 0, …
                return transfer(accounts.at(i % 2), accounts.at((i + 1) % 2), tag + QByteArray::number(i));
            return transfer(accounts.at(i % kAccounts), accounts.at((i + 1) % kAccounts), tag + QByteArray::number(i));
        }, 201);
        say(QStringLiteral("  keyed transfers, %1 clients: %2 /s, p50 %3 ms, p99 %4 ms%5 (load %6)")
                .arg(clients, 2).arg(t.perSecond(), 0, 'f', 0).arg(t.quantileMs(0.5), 0, 'f', 2)
                .arg(t.quantileMs(0.99), 0, 'f', 2)
                .arg(failures(t))
                .arg(loadAverage()));
        failed += t.failed;
        best = std::max(best, t.perSecond());
    }
    say(QStringLiteral("best keyed transfers/s: %1 (target on PostgreSQL ≥ 2000)").arg(best, 0, 'f', 0));
    say(failed == 0 ? QStringLiteral("DONE") : QStringLiteral("FAIL (%1 failed requests)").arg(failed));
    return failed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("plaza-server cost against wallet history"));
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("plaza-server binary to run."),
                                          QStringLiteral("path"));
    const QCommandLineOption entriesOption(QStringLiteral("entries"), QStringLiteral("Transfers for the big history (20000)."),
                                           QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption windowOption(QStringLiteral("window"), QStringLiteral("Transfers per timed window (2000)."),
                                          QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds of wallet reads (5)."),
                                          QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("Client connections (8)."),
                                               QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption scaleOption(QStringLiteral("scale"),
                                         QStringLiteral("Requests/s and p99 at 1, 16 and 64 clients instead (see above)."));
    const QCommandLineOption storageOption(QStringLiteral("storage"),
                                           QStringLiteral("--scale: the servers' --storage (default: SQLite)."),
                                           QStringLiteral("spec"));
    const QCommandLineOption processesOption(QStringLiteral("processes"), QStringLiteral("--scale: server processes (1)."),
                                             QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption requestsOption(QStringLiteral("requests"), QStringLiteral("--scale: requests per run (4000)."),
                                            QStringLiteral("n"), QStringLiteral("4000"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"),
                                           QStringLiteral("--scale: client connection counts, comma-separated (1,16,64)."),
                                           QStringLiteral("list"), QStringLiteral("1,16,64"));
    const QCommandLineOption transfersOnlyOption(QStringLiteral("transfers-only"),
                                                 QStringLiteral("--scale: keyed transfers only, no wallet reads."));
    const QCommandLineOption pairOption(QStringLiteral("pair"),
                                        QStringLiteral("--scale: every transfer between the same two accounts."));
    parser.addOptions({serverOption, entriesOption, windowOption, roundsOption, connectionsOption, scaleOption, storageOption,
                       processesOption, requestsOption, clientsOption, transfersOnlyOption, pairOption});
    parser.process(app);
    if (parser.isSet(scaleOption)) {
        ScaleOptions options;
        options.transfersOnly = parser.isSet(transfersOnlyOption);
        options.pair = parser.isSet(pairOption);
        options.clients.clear();
        for (const QString &n : parser.value(clientsOption).split(u',', Qt::SkipEmptyParts)) {
            if (n.toInt() > 0)
                options.clients.append(n.toInt());
        }
        if (options.clients.isEmpty()) {
            say(QStringLiteral("--clients takes counts like 1,16,64"));
            return 2;
        }
        return runScale(parser.value(serverOption), parser.value(storageOption),
                        std::max(1, parser.value(processesOption).toInt()), std::max(4, parser.value(requestsOption).toInt()),
                        options);
    }
    const int bigTransfers = std::max(2, parser.value(entriesOption).toInt());
    const int window = std::clamp(parser.value(windowOption).toInt(), 1, bigTransfers);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    const int connections = std::max(1, parser.value(connectionsOption).toInt());
    constexpr int kSmallTransfers = 499;
    constexpr int kReadsPerRound = 3000;

    ServerProcess server(parser.value(serverOption));
    if (!server.start({QStringLiteral("--access-ttl"), QStringLiteral("86400")}))
        return 1;
    const quint16 port = server.port();
    const Account small = registerAccount(port, QStringLiteral("small_history"));
    const Account big = registerAccount(port, QStringLiteral("big_history"));
    const Account sink = registerAccount(port, QStringLiteral("their_friend"));
    if (small.token.isEmpty() || big.token.isEmpty() || sink.token.isEmpty()) {
        say(QStringLiteral("FAIL: could not register the accounts"));
        return 1;
    }
    // 0.01 EUR a transfer keeps 20,000 of them under the basic daily limit (1,000.00 EUR).
    if (exchange(port, topUp(small, kSmallTransfers, "small-fund")).status != 201
        || exchange(port, topUp(big, bigTransfers, "big-fund")).status != 201) {
        say(QStringLiteral("FAIL: top-ups refused"));
        return 1;
    }
    const LoadResult smallSeed = runLoad(port, connections, kSmallTransfers, [&](int i) {
        return transfer(small, sink, "s" + QByteArray::number(i));
    }, 201);
    say(QStringLiteral("small history: %1 transfers, %2 failed (%3 ledger entries)")
            .arg(smallSeed.done).arg(smallSeed.failed).arg(kSmallTransfers + 1));

    // Each window is cut in four slices, each followed by a quarter as many transfers from
    // a new account with no history, so that the ratio of the two rates says what history
    // costs whatever else loads the machine meanwhile.
    say(QStringLiteral("transfers/s from big_history to one person, in windows of %1, against a new account's "
                       "interleaved (%2 connections):").arg(window).arg(connections));
    QList<double> windows, ratios;
    int failed = 0;
    constexpr int kSlices = 4;
    for (int start = 0; start < bigTransfers; start += window) {
        const int count = std::min(window, bigTransfers - start);
        const Account control = registerAccount(port, QStringLiteral("control_%1").arg(start));
        failed += exchange(port, topUp(control, count, "fund")).status != 201;
        LoadResult big_, new_;
        for (int slice = 0; slice < kSlices; ++slice) {
            const int from = start + count * slice / kSlices, to = start + count * (slice + 1) / kSlices;
            const LoadResult r = runLoad(port, connections, to - from, [&](int i) {
                return transfer(big, sink, "b" + QByteArray::number(from + i));
            }, 201);
            const LoadResult c = runLoad(port, connections, std::max(1, (to - from) / 4), [&](int i) {
                return transfer(control, sink, "c" + QByteArray::number(from + i));
            }, 201);
            for (auto [into, add] : {std::pair{&big_, &r}, std::pair{&new_, &c}}) {
                into->done += add->done;
                into->failed += add->failed;
                into->seconds += add->seconds;
                into->latenciesMs += add->latenciesMs;
            }
        }
        failed += big_.failed + new_.failed;
        windows.append(big_.perSecond());
        ratios.append(new_.perSecond() / big_.perSecond());
        say(QStringLiteral("  entries %1–%2: %3 transfers/s (p50 %4 ms, p99 %5 ms); new account %6/s: cost ratio %7%8")
                .arg(start + 1).arg(start + count)
                .arg(big_.perSecond(), 0, 'f', 0)
                .arg(big_.quantileMs(0.5), 0, 'f', 1)
                .arg(big_.quantileMs(0.99), 0, 'f', 1)
                .arg(new_.perSecond(), 0, 'f', 0)
                .arg(ratios.last(), 0, 'f', 2)
                .arg(big_.failed + new_.failed ? QStringLiteral(" — %1 FAILED").arg(big_.failed + new_.failed) : QString()));
    }

    // Reads, alternating small and big so that machine noise hits both alike.
    QList<double> walletSmall, walletBig, pageSmall, pageBig;
    for (int round = 0; round < rounds; ++round) {
        for (auto [who, into, path] : {std::tuple{&small, &walletSmall, "/v1/wallet"}, std::tuple{&big, &walletBig, "/v1/wallet"},
                                        std::tuple{&small, &pageSmall, "/v1/wallet/transactions?limit=50"},
                                        std::tuple{&big, &pageBig, "/v1/wallet/transactions?limit=50"}}) {
            const QByteArray request = httpRequest("GET", path, who->token);
            // A page is 50 transactions made one by one: a tenth as many requests.
            const int reads = into == &walletSmall || into == &walletBig ? kReadsPerRound : kReadsPerRound / 10;
            const LoadResult r = runLoad(port, connections, reads, [&](int) { return request; });
            failed += r.failed;
            into->append(r.perSecond());
        }
    }
    const double ws = median(walletSmall), wb = median(walletBig), ps = median(pageSmall), pb = median(pageBig);
    say(QStringLiteral("GET /v1/wallet: %1 req/s at %2 entries, %3 req/s at %4 entries: cost ratio %5 (budget ≤ %6)")
            .arg(ws, 0, 'f', 0).arg(kSmallTransfers + 1).arg(wb, 0, 'f', 0).arg(bigTransfers + 1)
            .arg(ws / wb, 0, 'f', 2).arg(kWalletBudgetRatio));
    say(QStringLiteral("GET /v1/wallet/transactions?limit=50: %1 req/s at %2 entries, %3 req/s at %4 entries: cost ratio %5")
            .arg(ps, 0, 'f', 0).arg(kSmallTransfers + 1).arg(pb, 0, 'f', 0).arg(bigTransfers + 1).arg(ps / pb, 0, 'f', 2));
    const double worst = *std::max_element(ratios.cbegin(), ratios.cend());
    say(QStringLiteral("transfers: first window %1/s, last %2/s; cost against a new account: first %3, last %4, "
                       "worst %5 (budget ≤ %6)")
            .arg(windows.first(), 0, 'f', 0).arg(windows.last(), 0, 'f', 0).arg(ratios.first(), 0, 'f', 2)
            .arg(ratios.last(), 0, 'f', 2).arg(worst, 0, 'f', 2).arg(kTransferBudgetRatio));
    const bool ok = failed == 0 && ws / wb <= kWalletBudgetRatio && worst <= kTransferBudgetRatio;
    say(ok ? QStringLiteral("PASS") : QStringLiteral("FAIL%1").arg(failed ? QStringLiteral(" (%1 failed requests)").arg(failed) : QString()));
    return ok ? 0 : 1;
}
