// SPDX-License-Identifier: MIT
// Upload throughput on loopback (issue 16): a 100 MiB file of random bytes to a real
// plaza-server (started from next to this binary), sent in the same 1 MiB chunks at explicit
// offsets (docs/api.md "Media") by
//   - media::sendChunks — what plaza-cli and the outboxes send (QNetworkAccessManager, each
//     chunk read from the file, its answer decoded before the next goes), and
//   - curl: one process, one connection, `-T chunk URL?offset=N` pairs for the same chunks,
// each into an upload of its own, alternating in rounds (the machine is noisy); the median
// of each is printed in MiB/s, with the end-to-end media::upload() (hash, create, chunks,
// complete: the server hashes, sniffs and stores the file) once for scale.
//
//   build/ci/bin/bench_upload [--mib 100] [--rounds 3]
#include "common/waittask.h"
#include "media/mediatransfer.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/media.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace plaza;
using test::waitTask;

namespace {

void say(const QString &line)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

template<typename F>
bool waitUntil(F done, int ms = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double mibPerSecond(qint64 bytes, qint64 ms)
{
    return ms > 0 ? (double(bytes) / (1024.0 * 1024.0)) / (double(ms) / 1000.0) : 0;
}

Result<protocol::Upload> newUpload(net::ApiClient &api, qint64 size, const QString &sha256)
{
    return waitTask(media::createUpload(api, size, sha256, QStringLiteral("bench.bin")));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption mibOption(QStringLiteral("mib"), QStringLiteral("File size in MiB (100)."), QStringLiteral("N"),
                                       QStringLiteral("100"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Uploads of each kind (3)."),
                                          QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({mibOption, roundsOption});
    parser.process(app);
    const qint64 size = std::clamp<qint64>(parser.value(mibOption).toLongLong(), 1, 100) * 1024 * 1024;
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.info=false\nplaza.*.debug=false\nqt.*=false"));

    QTemporaryDir dir;
    QProcess server;
    server.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/plaza-server"));
    server.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data"), dir.filePath(QStringLiteral("server"))});
    server.start();
    QUrl url;
    waitUntil([&] {
        const QByteArray out = server.readAllStandardOutput();
        const int at = out.indexOf("listening on ");
        if (at >= 0)
            url = QUrl(QString::fromUtf8(out.mid(at + 13).trimmed()));
        return url.isValid() && !url.isEmpty();
    });
    if (url.isEmpty()) {
        say(QStringLiteral("FAIL: plaza-server did not start (%1)").arg(server.program()));
        return 1;
    }

    net::ApiClient api;
    api.setBaseUrl(url);
    auto tokens = waitTask(api.registerAccount(QStringLiteral("bench_uploader"), QStringLiteral("Bench Uploader"),
                                               QStringLiteral("correct horse battery staple")));
    if (!tokens) {
        say(QStringLiteral("FAIL: register: ") + tokens.error().message);
        return 1;
    }

    // The file, and the same bytes as chunk files for curl.
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator gen(16);
    gen.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    const QString path = dir.filePath(QStringLiteral("bench.bin"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            say(QStringLiteral("FAIL: cannot write ") + path);
            return 1;
        }
    }
    const QString sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    QStringList chunkFiles;
    QDir().mkpath(dir.filePath(QStringLiteral("chunks")));
    for (qint64 at = 0; at < size; at += protocol::limits::kMaxChunkBytes) {
        const QString chunk = dir.filePath(QStringLiteral("chunks/%1").arg(at));
        QFile f(chunk);
        const QByteArray part = bytes.mid(at, protocol::limits::kMaxChunkBytes);
        if (!f.open(QIODevice::WriteOnly) || f.write(part) != part.size()) {
            say(QStringLiteral("FAIL: cannot write ") + chunk);
            return 1;
        }
        chunkFiles.append(chunk);
    }
    bytes.clear();
    say(QStringLiteral("upload of %1 MiB in %2 chunks of 1 MiB to plaza-server on loopback, %3 rounds")
            .arg(size / (1024 * 1024))
            .arg(chunkFiles.size())
            .arg(rounds));

    QList<double> ours;
    QList<double> curls;
    for (int round = 0; round < rounds; ++round) {
        // media::sendChunks
        auto upload = newUpload(api, size, sha256);
        if (!upload) {
            say(QStringLiteral("FAIL: create: ") + upload.error().message);
            return 1;
        }
        QElapsedTimer t;
        t.start();
        auto sent = waitTask(media::sendChunks(api, path, upload->id, 0, size));
        const qint64 ms = t.elapsed();
        if (!sent || *sent != size) {
            say(QStringLiteral("FAIL: sendChunks: ") + (sent ? QStringLiteral("short") : sent.error().message));
            return 1;
        }
        ours.append(mibPerSecond(size, ms));
        (void)waitTask(api.del(protocol::endpoints::upload(upload->id)));

        // curl, one connection for all the chunks
        upload = newUpload(api, size, sha256);
        if (!upload) {
            say(QStringLiteral("FAIL: create: ") + upload.error().message);
            return 1;
        }
        QStringList args{QStringLiteral("--silent"), QStringLiteral("--show-error"), QStringLiteral("--fail"),
                         QStringLiteral("--output"), QStringLiteral("/dev/null"),
                         QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + tokens->accessToken,
                         QStringLiteral("-H"), QStringLiteral("Content-Type: application/octet-stream"),
                         // No "Expect: 100-continue" (curl waits a second for a 100 the server never sends).
                         QStringLiteral("-H"), QStringLiteral("Expect:")};
        for (qsizetype i = 0; i < chunkFiles.size(); ++i) {
            const qint64 offset = qint64(i) * protocol::limits::kMaxChunkBytes;
            args << QStringLiteral("-T") << chunkFiles.at(i)
                 << url.toString() + protocol::endpoints::upload(upload->id) + QStringLiteral("?offset=%1").arg(offset);
        }
        QProcess curl;
        curl.setProgram(QStringLiteral("curl"));
        curl.setArguments(args);
        t.restart();
        curl.start();
        if (!curl.waitForFinished(300000) || curl.exitCode() != 0) {
            say(QStringLiteral("FAIL: curl: ") + QString::fromUtf8(curl.readAllStandardError()));
            return 1;
        }
        const qint64 curlMs = t.elapsed();
        auto there = waitTask(media::fetchUpload(api, upload->id));
        if (!there || there->offset != size) {
            say(QStringLiteral("FAIL: curl's upload is not whole"));
            return 1;
        }
        curls.append(mibPerSecond(size, curlMs));
        (void)waitTask(api.del(protocol::endpoints::upload(upload->id)));
        say(QStringLiteral("  round %1: media::sendChunks %2 MiB/s, curl %3 MiB/s")
                .arg(round + 1)
                .arg(ours.constLast(), 0, 'f', 1)
                .arg(curls.constLast(), 0, 'f', 1));
    }

    // End to end once: hash, create, chunks, complete (the server hashes and stores it).
    QElapsedTimer whole;
    whole.start();
    auto finished = waitTask(media::upload(api, path));
    const qint64 wholeMs = whole.elapsed();
    if (!finished) {
        say(QStringLiteral("FAIL: upload: ") + finished.error().message);
        return 1;
    }

    const double oursMedian = median(ours);
    const double curlMedian = median(curls);
    say(QStringLiteral("chunks: media::sendChunks %1 MiB/s, curl %2 MiB/s (median of %3; ours is %4 % of curl's)")
            .arg(oursMedian, 0, 'f', 1)
            .arg(curlMedian, 0, 'f', 1)
            .arg(rounds)
            .arg(curlMedian > 0 ? 100.0 * oursMedian / curlMedian : 0.0, 0, 'f', 0));
    say(QStringLiteral("end to end: media::upload %1 MiB/s (%2 s: hash, create, chunks, complete)")
            .arg(mibPerSecond(size, wholeMs), 0, 'f', 1)
            .arg(wholeMs / 1000.0, 0, 'f', 2));
    server.kill();
    server.waitForFinished();
    return 0;
}
