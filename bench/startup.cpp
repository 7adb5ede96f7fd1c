// SPDX-License-Identifier: MIT
// Start-up speed (issue 15, the start-up half): Plaza's second launch with a large cache,
// offline, against a bare Qt Quick window, in the same run.
//   1. A real plaza-server on loopback; through its API the large account of bench_first_sync
//      (bench/largeaccount.h: 50,000 messages, 20,000 transactions, 10,000 posts; --scale
//      divides them); plaza-cli login makes its encrypted cache, its key in the keychain (the
//      Secret Service of tests/security/with-keyring.sh: a passphrase would put Argon2id's
//      ~1 s and 256 MiB into every start), in a temporary HOME with its own XDG folders; the
//      app starts once on it online (--page wallet), then the server stops. --cache DIR keeps
//      that HOME and reuses it in a later run (the keychain must then be the same one).
//   2. N rounds (--rounds, default 5), interleaved: bench_startup_bare (4 tabs, a 1,000-row
//      list), then plaza offline on the large cache (--page wallet). Each runs with PLAZA_STARTUP_TRACE=1
//      (app/startuptrace.h) and says, in ms since the kernel started the process: map (the
//      window first exposed), first frame, and first populated frame (the bare window: its
//      list's rows drawn; Plaza: the Wallet tab's balance and its history rows drawn). One
//      second after the populated frame the bench reads /proc/<pid>/status (VmRSS: steady;
//      VmHWM: peak), then closes the process's stdin, and it quits as on a window close. The
//      trace's "startup-cpu:" lines give the CPU time the GUI thread and the whole process had
//      used by the populated frame: on a shared machine the times above are mostly the wait
//      for a core, these are not.
// Prints each round, the medians, and Plaza against the bare window. Targets (issue 15):
// populated <= 1.5x the bare window's, map <= 1.2x, RSS <= bare + 40 MiB, Plaza's populated
// Wallet <= 200 ms after launch.
// Needs a display and a Secret Service:
//   tests/security/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" build/ci/bin/bench_startup
#include "largeaccount.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>

#include <optional>

using namespace plaza::bench;

namespace {

struct Launch {
    double mapMs = -1;
    double firstFrameMs = -1;
    double populatedMs = -1;
    double rssMiB = -1;
    double peakMiB = -1;
    double guiCpuMs = -1;     //!< CPU time of the GUI thread at the populated frame
    double processCpuMs = -1; //!< CPU time of the whole process then
    QString detail;
    QMap<QString, double> marks; //!< the app's other trace lines (main, window-loaded, …)
};

//! VmRSS and VmHWM of \a pid in MiB.
std::pair<double, double> memoryOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    double rss = -1, hwm = -1;
    if (!status.open(QIODevice::ReadOnly))
        return {rss, hwm};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            rss = line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        else if (line.startsWith("VmHWM:"))
            hwm = line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return {rss, hwm};
}

//! The environment of every launch: \a home as HOME with its XDG folders, the trace on.
QProcessEnvironment environmentIn(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    env.insert(QStringLiteral("PLAZA_STARTUP_TRACE"), QStringLiteral("1"));
    return env;
}

//! Runs \a program until its populated frame (30 s at most), reads its memory a second
//! later, and lets it quit. Empty (after saying why) on failure.
std::optional<Launch> launch(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.setProcessEnvironment(env);
    process.start();
    if (!process.waitForStarted(10000)) {
        say(QStringLiteral("FAIL: %1 did not start: %2").arg(program, process.errorString()));
        return std::nullopt;
    }
    Launch result;
    QByteArray pending;
    QElapsedTimer timer;
    timer.start();
    while (result.populatedMs < 0 && timer.elapsed() < 30000 && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        pending += process.readAllStandardOutput();
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QString line = QString::fromUtf8(pending.left(end));
            pending.remove(0, end + 1);
            // "startup-cpu: populated gui 123.4 ms process 234.5 ms"
            if (line.startsWith(u"startup-cpu: populated ")) {
                const QStringList words = line.split(u' ');
                result.guiCpuMs = words.value(3).toDouble();
                result.processCpuMs = words.value(6).toDouble();
                continue;
            }
            if (!line.startsWith(u"startup-trace: "))
                continue;
            const QStringList words = line.mid(15).split(u' ');
            const double ms = words.value(1).toDouble();
            if (words.value(0) == u"map")
                result.mapMs = ms;
            else if (words.value(0) == u"first-frame")
                result.firstFrameMs = ms;
            else if (words.value(0) == u"populated") {
                result.populatedMs = ms;
                result.detail = words.mid(3).join(u' ');
            } else
                result.marks.insert(words.value(0), ms);
        }
    }
    if (result.populatedMs < 0) {
        say(QStringLiteral("FAIL: %1 never drew its populated frame (map %2, first frame %3): %4")
                .arg(QFileInfo(program).fileName()).arg(result.mapMs).arg(result.firstFrameMs)
                .arg(QString::fromUtf8(process.readAllStandardError()).right(2000)));
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1000)
        process.waitForReadyRead(int(1000 - settle.elapsed()));
    std::tie(result.rssMiB, result.peakMiB) = memoryOf(process.processId());
    process.closeWriteChannel(); // the trace quits the application
    if (!process.waitForFinished(15000)) {
        say(QStringLiteral("FAIL: %1 did not quit when asked").arg(QFileInfo(program).fileName()));
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        say(QStringLiteral("FAIL: %1 exited with %2: %3").arg(QFileInfo(program).fileName()).arg(process.exitCode())
                .arg(QString::fromUtf8(process.readAllStandardError()).right(2000)));
        return std::nullopt;
    }
    return result;
}

QString describe(const Launch &l)
{
    return QStringLiteral("map %1 ms, first frame %2 ms, populated %3 ms %4, RSS %5 MiB (peak %6); CPU to populated: "
                          "GUI thread %7 ms, process %8 ms")
        .arg(l.mapMs, 0, 'f', 0).arg(l.firstFrameMs, 0, 'f', 0).arg(l.populatedMs, 0, 'f', 0).arg(l.detail)
        .arg(l.rssMiB, 0, 'f', 1).arg(l.peakMiB, 0, 'f', 1).arg(l.guiCpuMs, 0, 'f', 0).arg(l.processCpuMs, 0, 'f', 0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Plaza's second launch with a large cache, offline, against a bare Qt Quick window."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Interleaved rounds (default 5)."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("Divide the history by N (default 1)."),
                                         QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption cacheOption(QStringLiteral("cache"),
                                         QStringLiteral("Keep the large account's HOME in DIR and reuse it when it is there "
                                                        "(with the same keychain)."),
                                         QStringLiteral("DIR"));
    parser.addOptions({roundsOption, scaleOption, cacheOption});
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    const int scale = std::max(1, parser.value(scaleOption).toInt());
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        say(QStringLiteral("FAIL: no display; run it as: tests/security/with-keyring.sh xvfb-run -a %1")
                .arg(QCoreApplication::applicationFilePath()));
        return 1;
    }

    const QDir binDir(QCoreApplication::applicationDirPath());
    const QString plaza = binDir.filePath(QStringLiteral("plaza"));
    const QString cli = binDir.filePath(QStringLiteral("plaza-cli"));
    const QString bare = binDir.filePath(QStringLiteral("bench_startup_bare"));
    for (const QString &program : {plaza, cli, bare}) {
        if (!QFileInfo(program).isExecutable()) {
            say(QStringLiteral("FAIL: %1 is not built").arg(program));
            return 1;
        }
    }

    QTemporaryDir temporary;
    const QString home = parser.isSet(cacheOption) ? QDir(parser.value(cacheOption)).absolutePath() : temporary.path();
    const QString madeMark = home + QStringLiteral("/made");
    const QString dataDir = home + QStringLiteral("/data");
    const QString configDir = home + QStringLiteral("/config");
    const QProcessEnvironment env = environmentIn(home);
    const QStringList plazaArgs{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--config-dir"), configDir,
                                QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--theme"),
                                QStringLiteral("light"), QStringLiteral("--page"), QStringLiteral("wallet")};

    if (QFile::exists(madeMark)) {
        say(QStringLiteral("reusing the large account in %1").arg(home));
    } else {
        QDir().mkpath(home);
        ServerProcess server;
        if (!server.start())
            return 1;
        const quint16 port = server.port();
        LargeAccount account;
        if (!makeLargeAccount(port, 50'000 / scale, 20'000 / scale, 10'000 / scale, &account))
            return 1;
        QElapsedTimer timer;
        timer.start();
        QProcess login;
        login.setProgram(cli);
        login.setProcessEnvironment(env);
        login.setArguments({QStringLiteral("--data-dir"), dataDir, QStringLiteral("--config-dir"),
                            configDir, QStringLiteral("login"), QStringLiteral("--server"),
                            QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--handle"), QStringLiteral("big"),
                            QStringLiteral("--password-stdin")});
        login.setProcessChannelMode(QProcess::MergedChannels);
        login.start();
        login.write("correct horse battery\n");
        login.closeWriteChannel();
        if (!login.waitForFinished(900'000) || login.exitCode() != 0) {
            say(QStringLiteral("FAIL: plaza-cli login (no Secret Service? run under tests/security/with-keyring.sh): %1")
                    .arg(QString::fromUtf8(login.readAll())));
            return 1;
        }
        say(QStringLiteral("plaza-cli login made the cache in %1 s").arg(timer.elapsed() / 1000.0, 0, 'f', 1));
        // The app's first launch, online: whatever it does once on a cache happens here.
        const auto first = launch(plaza, plazaArgs, env);
        if (!first)
            return 1;
        say(QStringLiteral("first launch (online): %1").arg(describe(*first)));
        QFile mark(madeMark);
        if (!mark.open(QIODevice::WriteOnly))
            return 1;
    } // the server stops here: every launch below is offline

    // One launch of each, not counted: the files they read are in the page cache for all rounds.
    if (!launch(bare, {}, env) || !launch(plaza, plazaArgs, env))
        return 1;
    QList<Launch> bares, plazas;
    for (int round = 1; round <= rounds; ++round) {
        const auto b = launch(bare, {}, env);
        const auto p = launch(plaza, plazaArgs, env);
        if (!b || !p)
            return 1;
        say(QStringLiteral("round %1: bare window: %2").arg(round).arg(describe(*b)));
        say(QStringLiteral("         Plaza, offline: %1").arg(describe(*p)));
        bares.append(*b);
        plazas.append(*p);
    }
    const auto med = [](const QList<Launch> &runs, double Launch::*field) {
        QList<double> values;
        for (const Launch &l : runs)
            values.append(l.*field);
        return median(values);
    };
    say(QStringLiteral("medians of %1 rounds (ms since the kernel started the process; MiB):").arg(rounds));
    say(QStringLiteral("  %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8").arg(QStringLiteral("launch"), -22)
            .arg(QStringLiteral("map"), 8).arg(QStringLiteral("1st frame"), 9).arg(QStringLiteral("populated"), 9)
            .arg(QStringLiteral("RSS"), 7).arg(QStringLiteral("peak RSS"), 8).arg(QStringLiteral("GUI CPU"), 7)
            .arg(QStringLiteral("all CPU"), 7));
    const auto row = [&](const QString &name, const QList<Launch> &runs) {
        say(QStringLiteral("  %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8").arg(name, -22)
                .arg(med(runs, &Launch::mapMs), 8, 'f', 0).arg(med(runs, &Launch::firstFrameMs), 9, 'f', 0)
                .arg(med(runs, &Launch::populatedMs), 9, 'f', 0).arg(med(runs, &Launch::rssMiB), 7, 'f', 1)
                .arg(med(runs, &Launch::peakMiB), 8, 'f', 1).arg(med(runs, &Launch::guiCpuMs), 7, 'f', 0)
                .arg(med(runs, &Launch::processCpuMs), 7, 'f', 0));
    };
    row(QStringLiteral("bare Qt Quick window"), bares);
    row(QStringLiteral("Plaza, large cache"), plazas);
    QStringList steps;
    for (const QString &mark : {QStringLiteral("main"), QStringLiteral("window-loaded"), QStringLiteral("event-loop")}) {
        QList<double> values;
        for (const Launch &l : std::as_const(plazas))
            values.append(l.marks.value(mark, -1));
        steps << QStringLiteral("%1 %2").arg(mark).arg(median(values), 0, 'f', 0);
    }
    steps << QStringLiteral("map %1").arg(med(plazas, &Launch::mapMs), 0, 'f', 0)
          << QStringLiteral("first frame %1").arg(med(plazas, &Launch::firstFrameMs), 0, 'f', 0);
    QList<double> ready;
    for (const Launch &l : std::as_const(plazas))
        ready.append(l.marks.value(QStringLiteral("session-ready"), -1));
    steps << QStringLiteral("session-ready %1").arg(median(ready), 0, 'f', 0)
          << QStringLiteral("populated %1").arg(med(plazas, &Launch::populatedMs), 0, 'f', 0);
    say(QStringLiteral("  Plaza's steps (medians, ms): %1").arg(steps.join(QStringLiteral(", "))));
    const double mapRatio = med(plazas, &Launch::mapMs) / med(bares, &Launch::mapMs);
    const double populatedRatio = med(plazas, &Launch::populatedMs) / med(bares, &Launch::populatedMs);
    const double rssOver = med(plazas, &Launch::rssMiB) - med(bares, &Launch::rssMiB);
    const double peakOver = med(plazas, &Launch::peakMiB) - med(bares, &Launch::peakMiB);
    say(QStringLiteral("Plaza / bare: map %1x (target <= 1.2), populated %2x (target <= 1.5), RSS bare%3%4 MiB, peak "
                       "bare%5%6 MiB (target <= +40); Wallet populated %7 ms after launch (target <= 200)")
            .arg(mapRatio, 0, 'f', 2).arg(populatedRatio, 0, 'f', 2).arg(rssOver < 0 ? QString() : QStringLiteral("+"))
            .arg(rssOver, 0, 'f', 1).arg(peakOver < 0 ? QString() : QStringLiteral("+")).arg(peakOver, 0, 'f', 1)
            .arg(med(plazas, &Launch::populatedMs), 0, 'f', 0));
    return 0;
}
