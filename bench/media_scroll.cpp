// SPDX-License-Identifier: MIT
// A conversation of 1,000 photos scrolled end to end in the real window (issue 16). Targets:
// RSS growth <= 40 MiB and no UI-thread stall over 16 ms. Prints PASS/MISS and exits 0 anyway
// (timing goals are not tests).
//
// A real plaza-server on loopback (started from next to this binary). Through its API a friend
// uploads --images distinct photos (1,200 x 900 JPEGs painted here, each different, so neither
// the server's deduplication nor a decoder cache helps) and sends each in a message of its own
// to the reader. The reader's Plaza window (the objects main() makes, tests/e2e/inprocessapp.h)
// signs in, syncs, and opens the conversation, which lands at its first unread message: the
// oldest. After two quiet seconds its RSS is the baseline. Then it scrolls to the newest (the
// list loading newer pages as a person's scrolling would) and back to the oldest (older pages;
// the list keeps a bounded window of rows), --step pixels a frame, while a 1 ms
// precise timer on the UI thread records how late it fires (bench/stallmeter.h) and RSS is read
// every 100 ms. The photos come through the encrypted cache and the asynchronous image provider.
//
// Run (needs a display): xvfb-run -a -s "-screen 0 1280x800x24" build/ci/bin/bench_media_scroll
#include "stallmeter.h"

#include "common/testserver.h"
#include "common/waittask.h"
#include "inprocessapp.h"
#include "integrationutil.h"
#include "links.h"

#include "media/mediacache.h"
#include "media/mediatransfer.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QLinearGradient>
#include <QLoggingCategory>
#include <QPainter>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::bench::StallMeter;
using plaza::test::waitTask;

namespace {

constexpr double kTargetGrowthMiB = 40.0;
constexpr double kTargetStallMs = 16.0;
const QString kPassword = QStringLiteral("correct horse battery staple");

void say(const QString &line)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

double rssMiB()
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

//! Photo \a n: a gradient of its own hue with shapes and its number, as a JPEG file.
QString paintPhoto(const QTemporaryDir &dir, int n)
{
    QImage image(1200, 900, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient sky(0, 0, 0, 900);
    sky.setColorAt(0, QColor::fromHsv((n * 37) % 360, 120, 250));
    sky.setColorAt(1, QColor::fromHsv((n * 37 + 60) % 360, 200, 90));
    p.fillRect(image.rect(), sky);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 6; ++i) {
        p.setBrush(QColor::fromHsv((n * 11 + i * 50) % 360, 160, 200, 180));
        p.drawEllipse(QPointF(100 + ((n * 97 + i * 173) % 1000), 150 + ((n * 61 + i * 131) % 600)), 60 + i * 15, 50 + i * 10);
    }
    p.setPen(Qt::white);
    QFont font;
    font.setPixelSize(160);
    p.setFont(font);
    p.drawText(image.rect(), Qt::AlignCenter, QString::number(n));
    p.end();
    const QString path = dir.filePath(QStringLiteral("photo-%1.jpg").arg(n));
    image.save(path, "JPEG", 85);
    return path;
}

//! Runs the event loop until \a done, at most \a ms.
template<typename F>
bool waitUntil(F done, int ms)
{
    return QTest::qWaitFor(done, ms);
}

QQuickItem *findItem(QQuickWindow *window, const QString &name)
{
    QList<QQuickItem *> queue{window->contentItem()};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (current->objectName() == name && current->isVisible())
            return current;
        queue += current->childItems();
    }
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Scrolls a conversation of photos end to end."));
    parser.addHelpOption();
    const QCommandLineOption imagesOption(QStringLiteral("images"), QStringLiteral("Photos in the conversation (1000)."),
                                          QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption stepOption(QStringLiteral("step"), QStringLiteral("Pixels scrolled a frame (120)."),
                                        QStringLiteral("PX"), QStringLiteral("120"));
    parser.addOptions({imagesOption, stepOption});
    parser.process(app);
    const int images = std::max(1, parser.value(imagesOption).toInt());
    const qreal step = std::max(10, parser.value(stepOption).toInt());
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.debug=false\nplaza.*.info=false"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    plaza::test::TestServer server;
    if (!server.start()) {
        say(QStringLiteral("cannot start plaza-server: %1").arg(server.lastError()));
        return 1;
    }
    auto reader = plaza::test::registerUser(server.url(), QStringLiteral("reader"), kPassword);
    auto friendUser = plaza::test::registerUser(server.url(), QStringLiteral("friend"), kPassword);
    if (!reader || !friendUser)
        return 1;
    auto conversation = plaza::test::createConversation(*friendUser, {reader->id});
    if (!conversation) {
        say(QStringLiteral("cannot make the conversation: %1").arg(conversation.error().message));
        return 1;
    }

    QTemporaryDir photos;
    QElapsedTimer clock;
    clock.start();
    for (int n = 1; n <= images; ++n) {
        const QString path = paintPhoto(photos, n);
        auto uploaded = waitTask(media::upload(*friendUser->api, path));
        if (!uploaded) {
            say(QStringLiteral("upload %1 failed: %2").arg(n).arg(uploaded.error().message));
            return 1;
        }
        QFile::remove(path);
        const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                               {QStringLiteral("text"), QStringLiteral("Photo %1").arg(n)},
                               {QStringLiteral("attachments"),
                                QJsonArray{QJsonObject{{QStringLiteral("media_id"), uploaded->id},
                                                       {QStringLiteral("alt"), QStringLiteral("Test photo number %1").arg(n)}}}}};
        auto sent = waitTask(friendUser->api->post(protocol::endpoints::conversationMessages(*conversation), body));
        if (!sent) {
            say(QStringLiteral("message %1 failed: %2").arg(n).arg(sent.error().message));
            return 1;
        }
    }
    say(QStringLiteral("made %1 photos and messages through the API in %2 s").arg(images).arg(clock.elapsed() / 1000.0, 0, 'f', 1));

    InProcessApp window(server.url(), QStringLiteral("PlazaBenchMediaScroll"));
    QString why;
    if (!window.load(&why)) {
        say(why);
        return 1;
    }
    window.window->resize(1280, 800);
    window.window->show();
    if (!window.signIn(reader->handle, kPassword, QStringLiteral("bench passphrase"), &why)) {
        say(QStringLiteral("sign-in: %1").arg(why));
        return 1;
    }
    waitUntil([&] { return !window.session->busy(); }, 120000);
    window.links->requestPage(QStringLiteral("chat"));
    QQuickItem *page = nullptr;
    if (!waitUntil([&] { return (page = findItem(window.window, QStringLiteral("chatPage"))) != nullptr; }, 20000)) {
        say(QStringLiteral("the Chat tab did not show"));
        return 1;
    }
    QMetaObject::invokeMethod(page, "open", Q_ARG(QVariant, *conversation));
    QQuickItem *list = nullptr;
    if (!waitUntil([&] {
            list = findItem(window.window, QStringLiteral("messageList"));
            return list && list->property("count").toInt() > 0;
        }, 60000)) {
        say(QStringLiteral("the conversation did not open"));
        return 1;
    }
    auto *messages = list->property("model").value<QObject *>();
    // Every message is unread: the list lands at the first of them, the oldest.
    QTest::qWait(2000);
    const double baseline = rssMiB();
    say(QStringLiteral("opened at the first unread, the oldest (%1 rows loaded, contentY %2 of %3); RSS %4 MiB")
            .arg(list->property("count").toInt())
            .arg(list->property("contentY").toReal() - list->property("originY").toReal(), 0, 'f', 0)
            .arg(list->property("contentHeight").toReal(), 0, 'f', 0)
            .arg(baseline, 0, 'f', 1));

    double peak = baseline;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { peak = std::max(peak, rssMiB()); });
    sampler.start(100);
    int frames = 0;
    QObject::connect(window.window, &QQuickWindow::frameSwapped, [&] { ++frames; });

    StallMeter meter;
    meter.start();
    clock.restart();
    // What a person's scrolling does to the page (ChatPage: a drag or the wheel leaves the end).
    const auto leaveTheEnd = [&] {
        page->setProperty("followEnd", false);
        page->setProperty("holdUnread", false);
    };
    const auto scrollBy = [&](qreal dy) {
        leaveTheEnd();
        const qreal origin = list->property("originY").toReal();
        const qreal top = origin;
        const qreal bottom = origin + list->property("contentHeight").toReal() - list->height();
        const qreal y = std::clamp(list->property("contentY").toReal() + dy, top, std::max(top, bottom));
        list->setProperty("contentY", y);
        QTest::qWait(16);
        return y;
    };
    // Down: to the newest (the list loads newer pages near its end, as the page does).
    for (int guard = 0; guard < 200000; ++guard) {
        const qreal y = scrollBy(step);
        const qreal bottom = list->property("originY").toReal() + list->property("contentHeight").toReal() - list->height();
        if (guard % 500 == 499)
            say(QStringLiteral("  down: contentY %1 of %2, %3 rows, at end %4, loading %5")
                    .arg(y, 0, 'f', 0)
                    .arg(bottom, 0, 'f', 0)
                    .arg(qobject_cast<QAbstractItemModel *>(messages) ? qobject_cast<QAbstractItemModel *>(messages)->rowCount() : -1)
                    .arg(messages->property("atEnd").toBool())
                    .arg(messages->property("loading").toBool()));
        if (y >= bottom - 1) {
            if (messages->property("atEnd").toBool())
                break;
            if (!messages->property("loading").toBool())
                QMetaObject::invokeMethod(messages, "fetchNewer");
        }
    }
    const qint64 downMs = clock.elapsed();
    // Up: back to the oldest (older pages near the top).
    for (int guard = 0; guard < 200000; ++guard) {
        const qreal y = scrollBy(-step);
        if (y <= list->property("originY").toReal() + 1) {
            if (messages->property("atStart").toBool())
                break;
            // At the top with older ones to come: what the page does when the list moves there.
            if (!messages->property("loading").toBool())
                QMetaObject::invokeMethod(page, "loadOlder");
        }
    }
    meter.stop();
    sampler.stop();
    const qint64 allMs = clock.elapsed();
    QTest::qWait(1000);
    peak = std::max(peak, rssMiB());
    const double after = rssMiB();
    const double growth = peak - baseline;
    const double worst = meter.max();
    say(QStringLiteral("scrolled %1 photos down in %2 s and up in %3 s, %4 frames; media cache %5 MB")
            .arg(images)
            .arg(downMs / 1000.0, 0, 'f', 1)
            .arg((allMs - downMs) / 1000.0, 0, 'f', 1)
            .arg(frames)
            .arg(window.media->usedBytes() / 1e6, 0, 'f', 1));
    say(QStringLiteral("RSS: %1 MiB at the start, peak %2, %3 after; growth %4 MiB (target <= %5) %6")
            .arg(baseline, 0, 'f', 1)
            .arg(peak, 0, 'f', 1)
            .arg(after, 0, 'f', 1)
            .arg(growth, 0, 'f', 1)
            .arg(kTargetGrowthMiB, 0, 'f', 0)
            .arg(growth <= kTargetGrowthMiB ? QStringLiteral("PASS") : QStringLiteral("MISS")));
    say(QStringLiteral("UI-thread stall: p99 %1 ms, max %2 ms (target <= %3) %4; its own CPU between firings p99 %5 ms, max %6 ms")
            .arg(meter.percentile(0.99), 0, 'f', 2)
            .arg(worst, 0, 'f', 2)
            .arg(kTargetStallMs, 0, 'f', 0)
            .arg(worst <= kTargetStallMs ? QStringLiteral("PASS") : QStringLiteral("MISS"))
            .arg(meter.busyPercentile(0.99), 0, 'f', 2)
            .arg(meter.busyMax(), 0, 'f', 2));
    return 0;
}
