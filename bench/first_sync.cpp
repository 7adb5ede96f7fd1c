// SPDX-License-Identifier: MIT
// First sync of a large account (issue 15: "a first sync in seconds"). A real plaza-server
// on loopback; through its real API, one account ("big") is given a history like the one the
// issue measured: by default 50,000 chat messages, 20,000 wallet transactions and 10,000 feed
// posts (--scale divides them). Then, in the same run:
//   - server alone: the raw-socket client pages GET /v1/sync?limit=1000 from 0 to the end
//     (what the server costs to serve the history);
//   - plaza-cli login --server … --handle big: the CLI's sign-in and first sync into a fresh
//     SQLCipher cache (decode, apply, write), timed end to end as a user would see it.
//   - the app: in this process, a Session signs in as "big" (passphrase, no keychain) with the
//     models the app builds at start open on it (WalletSummary, TransactionsModel, FeedModel,
//     ConversationsModel, MessagesModel on the conversation), timed from sign-in to the cursor
//     reaching the end of the log; meanwhile a 1 ms precise QTimer on this (the UI) thread
//     records how late each tick came (max and p99: a stall the window would show).
// Prints events, seconds and events/s for each, the CLI against the server alone, and the
// app against the CLI. Targets (issue 15): app >= 30,000 events/s, within 1.3x of the CLI,
// no UI-thread stall over 16 ms.
//
// build/ci/bin/bench_first_sync --scale 5 (29,001 events in 30 pages), 2026-12-05, the 2-core machine shared with
// two other builds (load 4-6, so absolute figures are low and noisy; compare within a run):
//   before the pipeline (52c983a's bench on abda286's core): app 8,327 / 6,478 / 4,876 events/s in three runs
//     (CLI 5,164 / 5,297 / 7,044); UI thread late by p99 11-12 ms, max 88 / 124 / 242 ms; all 4,000 wallet rows
//     loaded by the sync.
//   after: app 17,898 / 14,855 / 9,509 / 10,358 / 10,233 events/s (1.03 / 1.26 / 0.81 / 0.80 / 0.91x the CLI, which
//     shares the engine); the sync itself (Ready to the end) 20,288 / 12,033 / 15,187 / 13,025 events/s; p99 3.8-5.4 ms,
//     max 6.6 / 9.2 ms on the quieter runs and 33-66 ms at load 5; the models' work per batch median 0.4 ms,
//     max 10.6 ms; 500 wallet rows loaded; scrolling the 4,000 down and back up: RSS 44.6 -> 44.6 -> 43.0 MB.
//   The sync is now bound by the writer's apply path (bench_sync_ingest on the same machine: 26.8-30.5k events/s),
//   so the >= 30,000 events/s target waits for that path's own budget (>= 50k).
#include "largeaccount.h"

#include "chat/chatservice.h"
#include "chat/conversationsmodel.h"
#include "chat/messagesmodel.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "session/session.h"
#include "sync/syncengine.h"
#include "wallet/transactionsmodel.h"
#include "wallet/walletsummary.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

using namespace plaza::bench;

namespace {

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// Runs the event loop until \a done or \a ms passed.
template<typename F>
bool waitUntil(F done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

//! The app's first sync in this process: sign-in to the cursor at \a lastSeq. Returns false on failure.
bool appFirstSync(quint16 port, qint64 lastSeq, qint64 events, double cliSeconds, int transfers)
{
    using namespace plaza;
    QTemporaryDir home;
    Session::Options options;
    options.dataDir = home.filePath(QStringLiteral("data"));
    options.configDir = home.filePath(QStringLiteral("config"));
    options.keyBackend = Session::KeyBackend::PassphraseOnly;
    Session session(options);
    // The UI thread's time per sync batch: from before every model's slot to after the last.
    QElapsedTimer batchTimer;
    QList<double> batchMs;
    QObject::connect(session.syncEngine(), &SyncEngine::applied, &session, [&] { batchTimer.start(); });
    chat::ChatService chatService(&session);
    feed::FeedService feedService(&session);
    wallet::WalletSummary summary;
    summary.setCache(session.cache());
    wallet::TransactionsModel transactions;
    transactions.setPageSize(40); // WalletPage.qml
    transactions.setCache(session.cache());
    feed::FeedModel feedModel;
    feedModel.setService(&feedService);
    chat::ConversationsModel conversations;
    conversations.setChat(&chatService);
    chat::MessagesModel messages;
    messages.setChat(&chatService);
    // The chat page shows the newest conversation once there is one.
    QObject::connect(&conversations, &QAbstractItemModel::rowsInserted, &messages, [&] {
        if (messages.conversationId().isEmpty() && conversations.rowCount() > 0)
            messages.setConversationId(conversations.data(conversations.index(0), chat::ConversationsModel::IdRole).toString());
    });

    // When the cache is open (sign-in, key derivation, cache creation done): the sync starts.
    double readySeconds = -1;
    QObject::connect(session.syncEngine(), &SyncEngine::applied, &session, [&] {
        batchMs.append(batchTimer.nsecsElapsed() / 1e6);
    });

    // The stall probe: how late a 1 ms timer fires on this thread (worst: after Ready).
    double worstSyncing = 0;
    QList<double> lateMs;
    lateMs.reserve(200'000);
    QElapsedTimer tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const double late = std::max(0.0, tick.nsecsElapsed() / 1e6 - 1.0);
        lateMs.append(late);
        if (readySeconds >= 0)
            worstSyncing = std::max(worstSyncing, late);
        tick.restart();
    });

    QElapsedTimer timer;
    timer.start();
    tick.start();
    probe.start();
    session.signIn(QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("big"),
                   QStringLiteral("correct horse battery"));
    QObject::connect(&session, &Session::stateChanged, &session, [&] {
        if (session.state() == Session::State::Ready && readySeconds < 0)
            readySeconds = timer.nsecsElapsed() / 1e9;
    });
    const bool done = waitUntil(
        [&] {
            // No keychain: the passphrase is asked for once the sign-in has an answer.
            if (session.state() == Session::State::NeedsPassphrase && !session.busy())
                session.submitPassphrase(QStringLiteral("bench passphrase 1"));
            return session.state() == Session::State::Ready && session.cursor() >= lastSeq
                && !session.syncEngine()->isPulling();
        },
        600'000);
    const double appSeconds = timer.nsecsElapsed() / 1e9;
    probe.stop();
    if (!done) {
        say(QStringLiteral("FAIL: the app's first sync did not finish (state %1, cursor %2 of %3: %4)")
                .arg(int(session.state())).arg(session.cursor()).arg(lastSeq).arg(session.errorMessage()));
        return false;
    }
    std::sort(lateMs.begin(), lateMs.end());
    const double p99 = lateMs.isEmpty() ? 0 : lateMs.at(std::min<qsizetype>(lateMs.size() - 1, lateMs.size() * 99 / 100));
    const double worst = lateMs.isEmpty() ? 0 : lateMs.constLast();
    say(QStringLiteral("app (sign-in + first sync, models open): %1 s, %2 events/s; %3x the CLI")
            .arg(appSeconds, 0, 'f', 2).arg(events / appSeconds, 0, 'f', 0).arg(appSeconds / cliSeconds, 0, 'f', 2));
    say(QStringLiteral("  of which sign-in and opening the new cache %1 s; the sync itself %2 s, %3 events/s")
            .arg(readySeconds, 0, 'f', 2).arg(appSeconds - readySeconds, 0, 'f', 2)
            .arg(events / (appSeconds - readySeconds), 0, 'f', 0));
    say(QStringLiteral("  UI thread: %1 ticks of a 1 ms timer, late by p99 %2 ms, max %3 ms (%6 ms while syncing); %4 wallet rows loaded, %5 feed rows")
            .arg(lateMs.size()).arg(p99, 0, 'f', 1).arg(worst, 0, 'f', 1).arg(transactions.rowCount()).arg(feedModel.rowCount()).arg(worstSyncing, 0, 'f', 1));

    std::sort(batchMs.begin(), batchMs.end());
    say(QStringLiteral("  the models' work on the UI thread per sync batch (%1 batches): median %2 ms, max %3 ms")
            .arg(batchMs.size()).arg(median(batchMs), 0, 'f', 1).arg(batchMs.isEmpty() ? 0 : batchMs.constLast(), 0, 'f', 1));

    // Scrolling the whole wallet history down and back up, every role of every row read as a
    // view would: the model keeps a window of rows, so memory stays flat.
    const double rssBefore = rssMb();
    int rowsSeen = transactions.rowCount();
    double peak = rssBefore;
    const auto readRows = [&] {
        for (int row = 0; row < transactions.rowCount(); ++row) {
            for (int role = wallet::TransactionsModel::IdRole; role <= wallet::TransactionsModel::DayRole; ++role)
                (void)transactions.data(transactions.index(row), role);
        }
        peak = std::max(peak, rssMb());
    };
    readRows();
    while (transactions.canFetchMore()) {
        transactions.fetchMore();
        rowsSeen += transactions.pageSize();
        readRows();
    }
    const double rssDown = rssMb();
    while (!transactions.atStart()) {
        transactions.fetchNewer();
        readRows();
    }
    say(QStringLiteral("  wallet history scrolled down (%1 rows) and back up: RSS %2 -> %3 -> %4 MB (peak %5), %6 rows loaded at most")
            .arg(std::min(rowsSeen, transfers)).arg(rssBefore, 0, 'f', 1).arg(rssDown, 0, 'f', 1).arg(rssMb(), 0, 'f', 1)
            .arg(peak, 0, 'f', 1).arg(transactions.maxRows()));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("First sync of a large account: server alone vs plaza-cli login."));
    parser.addHelpOption();
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("Divide the history by N (default 1)."),
                                         QStringLiteral("N"), QStringLiteral("1"));
    parser.addOption(scaleOption);
    parser.process(app);
    const int scale = std::max(1, parser.value(scaleOption).toInt());
    const int messages = 50'000 / scale, transfers = 20'000 / scale, posts = 10'000 / scale;

    const QString binDir = QCoreApplication::applicationDirPath();
    const QString cli = QDir(binDir).filePath(QStringLiteral("plaza-cli"));
    if (!QFileInfo(cli).isExecutable()) {
        say(QStringLiteral("FAIL: %1 is not built").arg(cli));
        return 1;
    }
    ServerProcess server;
    if (!server.start())
        return 1;
    const quint16 port = server.port();
    LargeAccount account;
    if (!makeLargeAccount(port, messages, transfers, posts, &account))
        return 1;
    // Server alone: every page of big's log, one connection, as a client would.
    QElapsedTimer timer;
    timer.start();
    qint64 since = 0;
    qint64 events = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        const HttpAnswer page = exchange(port, httpRequest("GET", "/v1/sync?since=" + QByteArray::number(since) + "&limit=1000", account.big.token));
        if (page.status != 200) {
            say(QStringLiteral("FAIL: GET /v1/sync answered %1").arg(page.status));
            return 1;
        }
        const QJsonObject json = page.json();
        events += json.value(QStringLiteral("events")).toArray().size();
        since = json.value(QStringLiteral("next_since")).toInteger();
        more = json.value(QStringLiteral("has_more")).toBool();
    }
    const double serverSeconds = timer.nsecsElapsed() / 1e9;
    say(QStringLiteral("server alone: %1 events in %2 pages, %3 s, %4 events/s")
            .arg(events).arg(pages).arg(serverSeconds, 0, 'f', 2).arg(events / serverSeconds, 0, 'f', 0));

    // The CLI: sign in and first sync into a fresh encrypted cache (passphrase, no keychain).
    QTemporaryDir home;
    QProcess login;
    login.setProgram(cli);
    login.setArguments({QStringLiteral("--no-keychain"), QStringLiteral("--data-dir"), home.filePath(QStringLiteral("data")),
                        QStringLiteral("--config-dir"), home.filePath(QStringLiteral("config")), QStringLiteral("login"),
                        QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--handle"),
                        QStringLiteral("big"), QStringLiteral("--password-stdin"), QStringLiteral("--passphrase-stdin")});
    login.setProcessChannelMode(QProcess::MergedChannels);
    timer.restart();
    login.start();
    login.write("correct horse battery\nbench passphrase 1\n");
    login.closeWriteChannel();
    if (!login.waitForFinished(600'000) || login.exitCode() != 0) {
        say(QStringLiteral("FAIL: plaza-cli login: %1").arg(QString::fromUtf8(login.readAll())));
        return 1;
    }
    const double cliSeconds = timer.nsecsElapsed() / 1e9;
    say(QStringLiteral("plaza-cli login (sign-in + first sync): %1 s, %2 events/s; %3x the server alone")
            .arg(cliSeconds, 0, 'f', 2).arg(events / cliSeconds, 0, 'f', 0).arg(cliSeconds / serverSeconds, 0, 'f', 2));
    say(QStringLiteral("  it said: %1").arg(QString::fromUtf8(login.readAll()).trimmed().replace(u'\n', QStringLiteral(" | "))));

    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.info=false"));
    return appFirstSync(port, since, events, cliSeconds, transfers) ? 0 : 1;
}
