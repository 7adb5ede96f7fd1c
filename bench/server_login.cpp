// SPDX-License-Identifier: MIT
// What logins cost everyone else (issue 19: 16 logins/s raised GET /v1/health p50 from
// 0.9 ms to 193 ms while Argon2 ran on the event loop; target p99 ≤ 20 ms).
//
// A real plaza-server on loopback. GET /v1/health is probed on one keep-alive connection
// every --interval ms (a paced prober: its latency is what a light client sees), first
// alone for --quiet seconds, then for --seconds while --rate logins/s (the right password,
// each on a fresh connection, open loop: spread over 32 clients, each a thread with its own
// account and its own loopback address like separate people, so that a slow answer does not
// lower the rate and the login throttle sees no burst) run against the same server. --server runs another plaza-server
// binary (e.g. an older build) for a before/after comparison.
//
// --idle N instead (issue 19): the server's RSS with N half-open connections (each sent half
// a request's headers, then nothing; target ≤ 100 MiB at 300), GET /v1/health meanwhile, and
// how long until the server has closed them all (--header-timeout, default 10 s).
#include "httpload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

using namespace plaza::bench;

namespace {

constexpr double kHealthP99BudgetMs = 20;
constexpr int kLoginThreads = 32;

// One GET /v1/health on \a socket (keep-alive); its latency in ms, or -1.
double probeHealth(QTcpSocket &socket)
{
    static const QByteArray request = httpRequest("GET", "/v1/health");
    QElapsedTimer timer;
    timer.start();
    socket.write(request);
    QByteArray buffer;
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            return -1;
        buffer += socket.readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const qsizetype at = buffer.toLower().indexOf("content-length:");
        const qint64 length = at < 0 ? 0 : buffer.mid(at + 15, buffer.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (buffer.size() >= end + 4 + length)
            return buffer.startsWith("HTTP/1.1 200") ? timer.nsecsElapsed() / 1e6 : -1;
    }
    return -1;
}

// One request on a fresh connection from \a from (a 127.x address), waited for.
HttpAnswer loginFrom(const QString &from, quint16 port, const QByteArray &request)
{
    HttpAnswer answer;
    QTcpSocket socket;
    if (!socket.bind(QHostAddress(from)))
        return answer;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(10000))
        return answer;
    socket.write(request);
    QByteArray buffer;
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        buffer += socket.readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const qsizetype at = buffer.toLower().indexOf("content-length:");
        const qint64 length = at < 0 ? 0 : buffer.mid(at + 15, buffer.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (buffer.size() >= end + 4 + length) {
            answer.status = buffer.mid(9, 3).toInt();
            answer.body = buffer.mid(end + 4, length);
            break;
        }
    }
    return answer;
}

struct Probe {
    LoadResult result;
    int failed = 0;
};

Probe probeFor(quint16 port, int seconds, int intervalMs)
{
    Probe probe;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000)) {
        probe.failed = 1;
        return probe;
    }
    QElapsedTimer clock;
    clock.start();
    // Paced: a probe every intervalMs, or at once when the last one was late.
    for (qint64 next = 0; clock.elapsed() < seconds * 1000LL; next += intervalMs) {
        if (const qint64 wait = next - clock.elapsed(); wait > 0)
            QThread::msleep(quint64(wait)); // pacing only: the figure is the latency
        const double ms = probeHealth(socket);
        if (ms < 0)
            ++probe.failed;
        else
            probe.result.latenciesMs.append(ms);
    }
    probe.result.done = int(probe.result.latenciesMs.size());
    probe.result.seconds = clock.elapsed() / 1000.0;
    return probe;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

int runIdle(const QString &program, int count, int headerTimeout)
{
    ServerProcess server(program);
    if (!server.start({QStringLiteral("--header-timeout"), QString::number(headerTimeout),
                       QStringLiteral("--max-connections-per-ip"), QString::number(count + 64)}))
        return 1;
    const quint16 port = server.port();
    const qint64 before = server.rssKiB();
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket->waitForConnected(5000)) {
            say(QStringLiteral("FAIL: connection %1 refused").arg(i));
            return 1;
        }
        socket->write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
        socket->flush();
        sockets.push_back(std::move(socket));
    }
    QElapsedTimer sinceLast;
    sinceLast.start();
    QDeadlineTimer settle(1000);
    while (!settle.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const qint64 held = server.rssKiB();
    QElapsedTimer health;
    health.start();
    const int status = exchange(port, httpRequest("GET", "/v1/health")).status;
    const double healthMs = double(health.nsecsElapsed()) / 1e6;
    say(QStringLiteral("RSS: %1 MiB before, %2 MiB with %3 half-open connections (target ≤ 100 MiB); GET /v1/health "
                       "meanwhile: %4 in %5 ms (load %6)")
            .arg(before / 1024.0, 0, 'f', 1).arg(held / 1024.0, 0, 'f', 1).arg(count).arg(status)
            .arg(healthMs, 0, 'f', 1).arg(loadAverage()));
    // Wait for the server to close them (the header timeout), reading as they go.
    const QDeadlineTimer deadline(qint64(headerTimeout) * 1000 + 30000);
    qsizetype open = count;
    while (open > 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        open = std::count_if(sockets.cbegin(), sockets.cend(),
                             [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
    }
    const double closedAfter = double(sinceLast.elapsed()) / 1000;
    QDeadlineTimer freed(1000);
    while (!freed.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    say(QStringLiteral("closed by the server: %1 of %2, all within %3 s of the last one opening (header timeout %4 s); "
                       "RSS after: %5 MiB")
            .arg(count - open).arg(count).arg(closedAfter, 0, 'f', 1).arg(headerTimeout)
            .arg(server.rssKiB() / 1024.0, 0, 'f', 1));
    const bool ok = open == 0 && status == 200 && held <= 100 * 1024;
    say(ok ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("GET /v1/health latency while logins run"));
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("plaza-server binary to run."),
                                          QStringLiteral("path"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Logins per second (16)."),
                                        QStringLiteral("n"), QStringLiteral("16"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Seconds with logins (20)."),
                                           QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("Seconds of health alone first (5)."),
                                         QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("ms between health probes (20)."),
                                            QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption idleOption(QStringLiteral("idle"),
                                        QStringLiteral("Half-open connections to hold instead (see above; 300)."),
                                        QStringLiteral("n"));
    const QCommandLineOption headerTimeoutOption(QStringLiteral("header-timeout"),
                                                 QStringLiteral("--idle: the server's --header-timeout (10)."),
                                                 QStringLiteral("s"), QStringLiteral("10"));
    parser.addOptions({serverOption, rateOption, secondsOption, quietOption, intervalOption, idleOption, headerTimeoutOption});
    parser.process(app);
    if (parser.isSet(idleOption))
        return runIdle(parser.value(serverOption), std::max(1, parser.value(idleOption).toInt()),
                       std::max(1, parser.value(headerTimeoutOption).toInt()));
    const int rate = std::max(1, parser.value(rateOption).toInt());
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int quiet = std::max(1, parser.value(quietOption).toInt());
    const int interval = std::max(1, parser.value(intervalOption).toInt());

    ServerProcess server(parser.value(serverOption));
    if (!server.start())
        return 1;
    const quint16 port = server.port();
    QList<QByteArray> loginRequests;
    for (int t = 0; t < kLoginThreads; ++t) {
        const QByteArray credentials =
            QJsonDocument(QJsonObject{{QStringLiteral("handle"), QStringLiteral("login_bench_%1").arg(t)},
                                      {QStringLiteral("display_name"), QStringLiteral("Login bench")},
                                      {QStringLiteral("password"), QStringLiteral("correct horse battery")}})
                .toJson(QJsonDocument::Compact);
        if (exchange(port, httpRequest("POST", "/v1/auth/register", {}, credentials)).status != 201) {
            say(QStringLiteral("FAIL: could not register"));
            return 1;
        }
        loginRequests.append(httpRequest("POST", "/v1/auth/login", {}, credentials));
    }

    const Probe alone = probeFor(port, quiet, interval);
    say(QStringLiteral("GET /v1/health alone: p50 %1 ms, p99 %2 ms (%3 probes, %4 failed)")
            .arg(alone.result.quantileMs(0.5), 0, 'f', 2).arg(alone.result.quantileMs(0.99), 0, 'f', 2)
            .arg(alone.result.done).arg(alone.failed));

    // Open loop: login k is due at k/rate s, whoever is free sends it.
    std::atomic<bool> stop{false};
    std::atomic<int> nextLogin{0};
    std::mutex mutex;
    LoadResult logins;
    QMap<int, int> statuses;
    QElapsedTimer loginClock;
    loginClock.start();
    std::vector<std::thread> threads;
    for (int t = 0; t < kLoginThreads; ++t) {
        threads.emplace_back([&, t] {
            const QString from = QStringLiteral("127.0.3.%1").arg(t + 1);
            while (!stop) {
                const int k = nextLogin++;
                const qint64 due = qint64(k) * 1000 / rate;
                while (!stop && loginClock.elapsed() < due)
                    QThread::msleep(quint64(std::min<qint64>(10, due - loginClock.elapsed())));
                if (stop)
                    return;
                QElapsedTimer timer;
                timer.start();
                const HttpAnswer answer = loginFrom(from, port, loginRequests.at(t));
                const double ms = timer.nsecsElapsed() / 1e6;
                std::lock_guard lock(mutex);
                ++statuses[answer.status];
                if (answer.status == 200) {
                    ++logins.done;
                    logins.latenciesMs.append(ms);
                } else {
                    ++logins.failed;
                }
            }
        });
    }
    const Probe loaded = probeFor(port, seconds, interval);
    logins.seconds = loginClock.elapsed() / 1000.0;
    stop = true;
    for (auto &thread : threads)
        thread.join();

    QStringList statusText;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        statusText.append(QStringLiteral("%1×%2").arg(it.value()).arg(it.key()));
    say(QStringLiteral("logins: %1 answered 200 in %2 s (%3/s asked; %4/s done), p50 %5 ms, p99 %6 ms; statuses %7")
            .arg(logins.done).arg(logins.seconds, 0, 'f', 1).arg(rate).arg(logins.perSecond(), 0, 'f', 1)
            .arg(logins.quantileMs(0.5), 0, 'f', 0).arg(logins.quantileMs(0.99), 0, 'f', 0).arg(statusText.join(u' ')));
    say(QStringLiteral("GET /v1/health during logins: p50 %1 ms, p99 %2 ms, max %3 ms (%4 probes, %5 failed; budget p99 ≤ %6 ms)")
            .arg(loaded.result.quantileMs(0.5), 0, 'f', 2).arg(loaded.result.quantileMs(0.99), 0, 'f', 2)
            .arg(loaded.result.quantileMs(1.0), 0, 'f', 2).arg(loaded.result.done).arg(loaded.failed).arg(kHealthP99BudgetMs));
    const bool ok = alone.failed == 0 && loaded.failed == 0 && loaded.result.quantileMs(0.99) <= kHealthP99BudgetMs;
    say(ok ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
    return ok ? 0 : 1;
}
