// SPDX-License-Identifier: MIT
// UI-thread stalls while the cache is written (issue 14): targets max ≤ 16 ms (one frame),
// p99 ≤ 4 ms. Prints PASS/MISS against them and exits 0 anyway (timing goals are not tests).
//
// A real account on a real plaza-server (started from next to this binary); a friend made
// through the real API has a conversation with it and is followed by it. Then, with the app
// closed, the friend writes --messages messages into the conversation and --posts posts
// (four threads of their own, so their HTTP costs are not the measured thread's). The app
// restarts (a new Session on the same folders) and, when Ready, opens what the Chat and Feed
// tabs hold: ConversationsModel, MessagesModel of the conversation, FeedModel. While sync
// pulls and applies the burst, a 1 ms Qt::PreciseTimer on the UI thread records how late
// it fires (the gap between two firings minus 1 ms).
// Second scenario: the friend keeps writing (events to apply) while the UI thread sends 200
// chat messages in a row (ChatService::send, one every 5 ms); until all are sent.
//
// plaza-server and the friend's threads stand in for other machines: on Linux they run at nice 10
// (--others-nice), so on a two-core machine the figure is the app's, not the server's CPU
// taking the UI thread's core; --others-nice 0 runs them at the app's priority, as before.
// Run: build/ci/bin/bench_ui_stall   (options: --messages N --posts N; defaults 7500 + 5000 = 20,002 events)
// Figures on the build machine (2 cores shared with two other builds, so noisy), same machine both:
//   before (f22976f = main's core: five services write on the UI thread's own connections):
//     burst of 20002 events: 1451 ms, UI-thread stall p99 11.78 ms MISS, max 35.80 ms MISS
//     200 sends while syncing: 303 s, stall p99 6811 ms MISS, max 26790 ms MISS
//   after (5b21a71: chat, feed, payments, app lock written by the cache writer's thread):
//     burst of 20002 events: 2580 ms, UI-thread stall p99 20.33 ms MISS, max 55.76 ms MISS
//     200 sends while syncing: 302 s, stall p99 1084 ms MISS, max 23764 ms MISS
//   Both miss: what is left on the UI thread is reading, not writing. Stack samples of the UI
//   thread during the sends show MessagesModel::refresh -> chat::readUnsent on every applied
//   event: for each "sending" outbox row it scans the conversation's messages for its client_id
//   (no index on messages(conversation_id, client_id)), and refresh re-reads every loaded row
//   (issue 14, item 2: models updating by id).
#include "stallmeter.h"

#include "chat/chatservice.h"
#include "chat/conversationsmodel.h"
#include "chat/messagesmodel.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "net/apiclient.h"
#include "session/session.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <numeric>
#include <cstdio>
#include <optional>
#include <vector>

using namespace plaza;
using plaza::bench::StallMeter;

namespace {

constexpr double kTargetMaxMs = 16.0;
constexpr double kTargetP99Ms = 4.0;
const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("bench passphrase");

void say(const QString &line)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

template<typename T>
T waitTask(QCoro::Task<T> &&task)
{
    std::optional<T> out;
    QEventLoop loop;
    QCoro::connect(std::move(task), &loop, [&](auto &&value) {
        out.emplace(std::forward<decltype(value)>(value));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return std::move(*out);
}

template<typename F>
bool waitUntil(F done, int ms = 60000)
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

bool waitIdle(Session &session)
{
    return waitUntil([&] { return !session.busy(); });
}

void report(const QString &what, const StallMeter &meter, qint64 ms)
{
    const double p99 = meter.percentile(0.99);
    const double max = meter.max();
    say(QStringLiteral("%1: %2 ms, %3 timer samples; UI-thread stall p99 %4 ms (target ≤ %5) %6, max %7 ms (target ≤ %8) %9")
            .arg(what)
            .arg(ms)
            .arg(meter.samples())
            .arg(p99, 0, 'f', 2)
            .arg(kTargetP99Ms, 0, 'f', 0)
            .arg(p99 <= kTargetP99Ms ? QStringLiteral("PASS") : QStringLiteral("MISS"))
            .arg(max, 0, 'f', 2)
            .arg(kTargetMaxMs, 0, 'f', 0)
            .arg(max <= kTargetMaxMs ? QStringLiteral("PASS") : QStringLiteral("MISS")));
    say(QStringLiteral("  UI-thread CPU between two firings: p99 %1 ms, max %2 ms, %3 ms in all")
            .arg(meter.busyPercentile(0.99), 0, 'f', 2)
            .arg(meter.busyMax(), 0, 'f', 2)
            .arg(meter.busyTotal(), 0, 'f', 0));
}

//! How much lower than the app the stand-ins for other machines run (--others-nice).
int g_othersNice = 10;

//! The calling thread at nice g_othersNice (Linux: nice is per thread).
void lowerThisThread()
{
#ifdef Q_OS_LINUX
    if (g_othersNice > 0)
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), g_othersNice);
#endif
}

//! \a count requests made by \a threads threads, each with its own ApiClient on \a tokens;
//! \a request(api, i) makes the i-th. Runs while the caller's event loop keeps turning.
template<typename Request>
QList<QThread *> remoteLoad(const QUrl &url, const protocol::AuthTokens &tokens, int count, int threads,
                            std::atomic<int> *failures, Request request)
{
    QList<QThread *> out;
    for (int t = 0; t < threads; ++t) {
        QThread *thread = QThread::create([=] {
            lowerThisThread();
            net::ApiClient api;
            api.setBaseUrl(url);
            api.setTokens(tokens.accessToken, tokens.refreshToken);
            for (int i = t; i < count; i += threads) {
                auto done = waitTask(request(api, i));
                if (!done)
                    failures->fetch_add(1);
            }
        });
        thread->start();
        out.append(thread);
    }
    return out;
}

bool joinAll(const QList<QThread *> &threads, int ms = 600000)
{
    const bool done = waitUntil([&] { return std::all_of(threads.begin(), threads.end(), [](QThread *t) { return t->isFinished(); }); }, ms);
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    return done;
}

QCoro::Task<Result<net::ApiResponse>> postMessage(net::ApiClient &api, QString conversationId, int i)
{
    const QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("bench-m-%1").arg(i)},
                           {QStringLiteral("text"), QStringLiteral("Burst message %1 about a café, trains and Sunday lunch").arg(i)}};
    co_return co_await api.post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId), body);
}

QCoro::Task<Result<net::ApiResponse>> postPost(net::ApiClient &api, int i)
{
    const QJsonObject body{{QStringLiteral("client_id"), QStringLiteral("bench-p-%1").arg(i)},
                           {QStringLiteral("text"), QStringLiteral("Burst post number %1, with an é and an emoji 🎉").arg(i)}};
    co_return co_await api.post(QStringLiteral("/v1/posts"), body);
}

Result<qint64> latestSeq(net::ApiClient &api)
{
    qint64 since = 0;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
        auto page = waitTask(api.get(QStringLiteral("/v1/sync"), query));
        if (!page)
            return page.error();
        auto parsed = protocol::SyncPage::fromJson(page->body);
        if (!parsed)
            return parsed.error();
        since = parsed->nextSince;
        if (!parsed->hasMore)
            return since;
    }
}

bool unlock(Session &session)
{
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("UI-thread stalls while sync applies a burst and while chatting."));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"), QStringLiteral("Burst messages (7500; each is two events)."),
                                            QStringLiteral("N"), QStringLiteral("7500"));
    const QCommandLineOption postsOption(QStringLiteral("posts"), QStringLiteral("Burst posts (5000)."),
                                         QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption niceOption(
        QStringLiteral("others-nice"),
        QStringLiteral("Nice level of plaza-server and of the friend's writing threads, which stand in for other "
                       "machines (10; 0 runs them at the app's own priority)."),
        QStringLiteral("N"), QStringLiteral("10"));
    parser.addOptions({messagesOption, postsOption, niceOption});
    parser.process(app);
    g_othersNice = std::clamp(parser.value(niceOption).toInt(), 0, 19);
    const int messages = std::max(0, parser.value(messagesOption).toInt());
    const int posts = std::max(0, parser.value(postsOption).toInt());
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.info=false\nplaza.*.debug=false\nqt.*=false"));

    QTemporaryDir dir;
    QProcess server;
    server.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/plaza-server"));
    server.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data"), dir.filePath(QStringLiteral("server"))});
#ifdef Q_OS_LINUX
    server.setChildProcessModifier([] {
        if (g_othersNice > 0)
            setpriority(PRIO_PROCESS, 0, g_othersNice);
    });
#endif
    server.start();
    QUrl url;
    waitUntil([&] {
        const QByteArray out = server.readAllStandardOutput();
        const int at = out.indexOf("listening on ");
        if (at >= 0)
            url = QUrl(QString::fromUtf8(out.mid(at + 13).trimmed()));
        return url.isValid() && !url.isEmpty();
    }, 20000);
    if (url.isEmpty()) {
        say(QStringLiteral("FAIL: plaza-server did not start (%1)").arg(server.program()));
        return 1;
    }

    say(QStringLiteral("plaza-server and the friend's threads at nice %1 (stand-ins for other machines)").arg(g_othersNice));

    Session::Options options;
    options.dataDir = dir.filePath(QStringLiteral("data"));
    options.configDir = dir.filePath(QStringLiteral("config"));
    options.keyBackend = Session::KeyBackend::PassphraseOnly;

    // The friend, and the account measured (signed up, follows the friend, has a conversation).
    net::ApiClient friendApi;
    friendApi.setBaseUrl(url);
    auto friendTokens = waitTask(friendApi.registerAccount(QStringLiteral("bench_friend"), QStringLiteral("Bench Friend"), kPassword));
    if (!friendTokens) {
        say(QStringLiteral("FAIL: no friend: ") + friendTokens.error().message);
        return 1;
    }
    QString conversationId;
    QString selfId;
    {
        Session session(options);
        session.createAccount(url.toString(), QStringLiteral("bench_me"), QStringLiteral("Bench Me"), kPassword);
        if (!unlock(session)) {
            session.submitPassphrase(kPassphrase);
            if (!unlock(session)) {
                say(QStringLiteral("FAIL: no session (%1)").arg(session.errorMessage()));
                return 1;
            }
        }
        selfId = session.userId();
        auto followed = waitTask(session.api()->post(QStringLiteral("/v1/users/%1/follow").arg(friendTokens->user.id), {}));
        auto conv = waitTask(friendApi.post(QStringLiteral("/v1/conversations"),
                                            {{QStringLiteral("member_ids"), QJsonArray{selfId}}}));
        if (!followed || !conv) {
            say(QStringLiteral("FAIL: cannot follow or start a conversation"));
            return 1;
        }
        conversationId = conv->body.value(QStringLiteral("id")).toString();
        session.syncNow();
        waitUntil([&] { return !session.syncEngine()->isPulling(); }, 10000);
    }

    // The burst, made while the app is closed.
    QElapsedTimer fill;
    fill.start();
    std::atomic<int> failures{0};
    auto load = remoteLoad(url, *friendTokens, messages, 4, &failures,
                           [conversationId](net::ApiClient &api, int i) { return postMessage(api, conversationId, i); });
    load += remoteLoad(url, *friendTokens, posts, 2, &failures, [](net::ApiClient &api, int i) { return postPost(api, i); });
    if (!joinAll(load) || failures.load() > 0) {
        say(QStringLiteral("FAIL: %1 requests of the burst failed").arg(failures.load()));
        return 1;
    }
    net::ApiClient meApi;
    meApi.setBaseUrl(url);
    if (!waitTask(meApi.login(QStringLiteral("bench_me"), kPassword))) {
        say(QStringLiteral("FAIL: cannot sign in to count the events"));
        return 1;
    }
    auto latest = latestSeq(meApi);
    if (!latest) {
        say(QStringLiteral("FAIL: cannot count the events"));
        return 1;
    }
    say(QStringLiteral("made %1 messages + %2 posts through the API in %3 s; the account's log is at seq %4")
            .arg(messages)
            .arg(posts)
            .arg(fill.elapsed() / 1000.0, 0, 'f', 1)
            .arg(*latest));

    // The app starts again: models open as soon as the session is Ready, sync applies the burst.
    Session session(options);
    chat::ChatService chat(&session);
    feed::FeedService feedService(&session);
    chat::ConversationsModel conversations;
    chat::MessagesModel messagesModel;
    feed::FeedModel feedModel;
    feedModel.setPersistent(false);
    StallMeter meter;
    QElapsedTimer burst;
    QObject::connect(&session, &Session::stateChanged, &session, [&] {
        if (session.state() != Session::State::Ready)
            return;
        (void)chat.start();
        (void)feedService.start();
        conversations.setChat(&chat);
        messagesModel.setChat(&chat);
        messagesModel.setConversationId(conversationId);
        feedModel.setService(&feedService);
        burst.start();
        meter.start();
    });
    session.restore();
    if (!unlock(session)) {
        say(QStringLiteral("FAIL: the session did not restore (%1)").arg(session.errorMessage()));
        return 1;
    }
    if (!waitUntil([&] { return session.cursor() >= *latest && !session.syncEngine()->isPulling(); }, 600000)) {
        say(QStringLiteral("FAIL: sync stopped at %1 of %2").arg(session.cursor()).arg(*latest));
        return 1;
    }
    meter.stop();
    const qint64 burstMs = burst.elapsed();
    say(QStringLiteral("models open: %1 conversations, %2 messages loaded, %3 posts loaded")
            .arg(conversations.rowCount())
            .arg(messagesModel.rowCount())
            .arg(feedModel.rowCount()));
    report(QStringLiteral("burst of %1 events applied with Chat and Feed open").arg(*latest), meter, burstMs);

    // 200 sends from the UI thread while the friend keeps writing and sync applies it.
    constexpr int kSends = 200;
    std::atomic<int> sideFailures{0};
    auto side = remoteLoad(url, *friendTokens, 2000, 2, &sideFailures, [conversationId](net::ApiClient &api, int i) {
        return postMessage(api, conversationId, 100000 + i);
    });
    int sent = 0;
    QTimer sender;
    sender.setInterval(5);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        if (sent >= kSends) {
            sender.stop();
            return;
        }
        if (chat.send(conversationId, QStringLiteral("Sent from the UI thread, number %1").arg(sent)))
            ++sent;
    });
    QElapsedTimer sendTimer;
    sendTimer.start();
    meter.start();
    sender.start();
    const bool allSent = waitUntil([&] { return sent >= kSends && chat.pendingCount() == 0; }, 600000);
    meter.stop();
    const qint64 sendMs = sendTimer.elapsed();
    joinAll(side);
    if (!allSent) {
        say(QStringLiteral("FAIL: %1 of %2 sends went out (pending %3)").arg(sent).arg(kSends).arg(chat.pendingCount()));
        return 1;
    }
    report(QStringLiteral("%1 ChatService::send in a row while sync applies the friend's messages").arg(kSends), meter, sendMs);
    server.kill();
    server.waitForFinished();
    return 0;
}
