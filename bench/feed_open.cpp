// SPDX-License-Identifier: MIT
// Opening the Feed with a big cache (design.md budgets: the feed opens from the cache at once;
// scrolling a 100k-row timeline keeps memory flat — pages, not the table).
//
// A real account on a real plaza-server (started from next to this binary) gets an encrypted
// cache; 100k posts by 50 followed people are written into it through the same PostStore as
// sync; then the server is stopped, so the numbers are the cache's alone. Measured:
//   - cold open: a new FeedModel on the Ready session to its first page (a new read connection,
//     the key, the first query), in rounds; the median is compared with the same run's floor,
//     a bare read connection and the first page's ids by the same index;
//   - memory: RSS after the first page, then after scrolling (fetchMore, and data() of every
//     row as a view shows it) through 10k posts.
#include "common/cachekey.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "protocol/json.h"
#include "session/session.h"
#include "storage/database.h"
#include "storage/poststore.h"
#include "storage/rowchanges.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace plaza;

namespace {

constexpr int kAuthors = 50;
constexpr double kBudgetOpenMs = 200.0;        // like "open wallet offline" (design.md)
constexpr double kBudgetRssGrowthMb = 10.0;    // for 10k rows scrolled: ≤ 1 KB a row

void say(const QString &line)
{
    std::fputs((line + u'\n').toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

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

bool waitIdle(Session &session)
{
    return waitUntil([&] { return !session.busy(); });
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

QJsonObject author(int i)
{
    return {{QStringLiteral("id"), QStringLiteral("u_%1").arg(1000 + i)},
            {QStringLiteral("handle"), QStringLiteral("author%1").arg(i)},
            {QStringLiteral("display_name"), QStringLiteral("Author Number %1").arg(i)},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("verified"), false},
            {QStringLiteral("followers"), 10},
            {QStringLiteral("following"), 10},
            {QStringLiteral("followed_by_me"), true}};
}

// 100k posts, newest first in time as ids grow, through PostStore (what sync writes).
bool fillCache(const QString &path, const QByteArray &key, int posts)
{
    storage::OpenOptions options;
    options.rawKey = key;
    auto db = storage::Database::open(path, options);
    if (!db)
        return false;
    storage::StatementCache statements(**db);
    storage::UsersStore users(statements);
    storage::PostStore store(statements, users);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(posts) * 60'000;
    const QString text = QStringLiteral("A post of ordinary length about coffee, trains, the weather and friends — "
                                        "with an é and an emoji 🎉 so it is not all ASCII. Number %1.");
    constexpr int kBatch = 5000;
    for (int first = 0; first < posts; first += kBatch) {
        storage::RowChanges changes;
        const Status st = (*db)->transaction([&]() -> Status {
            for (int i = first; i < std::min(posts, first + kBatch); ++i) {
                const QJsonObject post{
                    {QStringLiteral("id"), QStringLiteral("p_%1").arg(i + 1)},
                    {QStringLiteral("client_id"), QStringLiteral("c%1").arg(i + 1)},
                    {QStringLiteral("author"), author(i % kAuthors)},
                    {QStringLiteral("text"), text.arg(i)},
                    {QStringLiteral("created_at"), protocol::formatTime(QDateTime::fromMSecsSinceEpoch(start + qint64(i) * 60'000, Qt::UTC))},
                    {QStringLiteral("like_count"), i % 7},
                    {QStringLiteral("repost_count"), i % 3},
                    {QStringLiteral("reply_count"), i % 5},
                    {QStringLiteral("reach"), QStringLiteral("full")},
                    {QStringLiteral("signals"), QJsonObject{{QStringLiteral("author_affinity"), 0.5},
                                                            {QStringLiteral("engagement"), i % 15},
                                                            {QStringLiteral("age_s"), 0}}},
                };
                if (auto done = store.upsert(post, changes); !done)
                    return done;
            }
            return {};
        });
        if (!st) {
            say(QStringLiteral("fill failed: ") + st.error().message);
            return false;
        }
    }
    return true;
}

// The floor: a bare read connection and the first page's ids by the same index.
double rawFirstPageMs(const QString &path, const QByteArray &key, int pageSize)
{
    QElapsedTimer t;
    t.start();
    storage::OpenOptions options;
    options.rawKey = key;
    options.readOnly = true;
    auto db = storage::Database::open(path, options);
    if (!db)
        return -1;
    auto stmt = (*db)->prepare(QStringLiteral("SELECT id, text FROM posts ORDER BY created_at DESC, id DESC LIMIT ?1;"));
    if (!stmt)
        return -1;
    stmt->bind(1, qint64(pageSize));
    int rows = 0;
    while (true) {
        auto row = stmt->step();
        if (!row || !*row)
            break;
        ++rows;
    }
    return rows == pageSize ? t.nsecsElapsed() / 1e6 : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Feed open and scroll with a big encrypted cache."));
    parser.addHelpOption();
    const QCommandLineOption postsOption(QStringLiteral("posts"), QStringLiteral("Posts in the cache (100000)."),
                                         QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption scrollOption(QStringLiteral("scroll"), QStringLiteral("Posts to scroll through (10000)."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Cold opens to time (7)."),
                                          QStringLiteral("N"), QStringLiteral("7"));
    parser.addOptions({postsOption, scrollOption, roundsOption});
    parser.process(app);
    const int posts = std::max(1000, parser.value(postsOption).toInt());
    const int scroll = std::clamp(parser.value(scrollOption).toInt(), 100, posts);
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

    Session::Options options;
    options.dataDir = dir.filePath(QStringLiteral("data"));
    options.configDir = dir.filePath(QStringLiteral("config"));
    options.keyBackend = Session::KeyBackend::PassphraseOnly;
    Session session(options);
    session.createAccount(url.toString(), QStringLiteral("bench_reader"), QStringLiteral("Bench Reader"),
                          QStringLiteral("correct horse battery staple"));
    waitIdle(session);
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(QStringLiteral("bench passphrase"));
        waitIdle(session);
    }
    if (session.state() != Session::State::Ready) {
        say(QStringLiteral("FAIL: no session (%1)").arg(session.errorMessage()));
        return 1;
    }
    // Offline from here: what is measured is the cache.
    server.kill();
    server.waitForFinished();
    waitUntil([&] { return !session.online(); }, 10000);

    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!fillCache(session.cachePath(), testCacheKey(session), posts))
        return 1;
    say(QStringLiteral("cache: %1 posts by %2 followed authors written in %3 s (SQLCipher, %4 MB on disk)")
            .arg(posts)
            .arg(kAuthors)
            .arg(fillTimer.elapsed() / 1000.0, 0, 'f', 1)
            .arg(QFileInfo(session.cachePath()).size() / 1048576.0, 0, 'f', 1));

    feed::FeedService service(&session);
    if (auto st = service.start(); !st) {
        say(QStringLiteral("FAIL: feed service: ") + st.error().message);
        return 1;
    }

    constexpr int kPage = 30;
    QList<double> opens;
    QList<double> discoverOpens;
    QList<double> floors;
    for (int round = 0; round < 2 * rounds; ++round) {
        // Alternating Following and Discover (ranked on the client), so both see the same noise.
        const bool discover = round % 2 == 1;
        if (!discover)
            floors.append(rawFirstPageMs(session.cachePath(), testCacheKey(session), kPage));
        QElapsedTimer t;
        t.start();
        feed::FeedModel model;
        model.setPersistent(false);
        model.setPageSize(kPage);
        if (discover)
            model.setTimeline(QStringLiteral("discover"));
        model.setService(&service);
        // What the first frame shows: every role of the first page.
        const QHash<int, QByteArray> roles = model.roleNames();
        for (int row = 0; row < model.rowCount(); ++row) {
            for (auto it = roles.cbegin(); it != roles.cend(); ++it)
                (void)model.data(model.index(row), it.key());
        }
        const double ms = t.nsecsElapsed() / 1e6;
        if (model.rowCount() != kPage) {
            say(QStringLiteral("FAIL: first page has %1 rows").arg(model.rowCount()));
            return 1;
        }
        (discover ? discoverOpens : opens).append(ms);
    }
    const double openMs = median(opens);
    const double floorMs = median(floors);
    say(QStringLiteral("cold open to the first page (%1 rows, all roles): first %2 ms, median of %3 %4 ms; "
                       "bare connection + same page %5 ms (ratio %6)")
            .arg(kPage)
            .arg(opens.constFirst(), 0, 'f', 2)
            .arg(rounds)
            .arg(openMs, 0, 'f', 2)
            .arg(floorMs, 0, 'f', 2)
            .arg(floorMs > 0 ? openMs / floorMs : 0, 0, 'f', 2));
    say(QStringLiteral("cold open of Discover (the first page ranked by discoverScore): median of %1 %2 ms")
            .arg(rounds)
            .arg(median(discoverOpens), 0, 'f', 2));

    // Scrolling: pages come as a view asks (canFetchMore/fetchMore) and each row is shown once.
    feed::FeedModel model;
    model.setPersistent(false);
    model.setPageSize(kPage);
    model.setService(&service);
    const double rssBefore = rssMb();
    QElapsedTimer scrollTimer;
    scrollTimer.start();
    int shown = 0;
    const QHash<int, QByteArray> roles = model.roleNames();
    while (shown < scroll) {
        if (shown >= model.rowCount()) {
            if (!model.canFetchMore())
                break;
            model.fetchMore();
            continue;
        }
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            (void)model.data(model.index(shown), it.key());
        ++shown;
    }
    const double scrollS = scrollTimer.elapsed() / 1000.0;
    const double rssAfter = rssMb();
    const double growth = rssAfter - rssBefore;
    say(QStringLiteral("scroll through %1 posts (%2 pages of %3): %4 s; RSS %5 MB → %6 MB (%7 MB, %8 KB a row)")
            .arg(shown)
            .arg((shown + kPage - 1) / kPage)
            .arg(kPage)
            .arg(scrollS, 0, 'f', 2)
            .arg(rssBefore, 0, 'f', 1)
            .arg(rssAfter, 0, 'f', 1)
            .arg(growth, 0, 'f', 1)
            .arg(shown ? growth * 1024.0 / shown : 0, 0, 'f', 2));

    const bool openOk = openMs <= kBudgetOpenMs && median(discoverOpens) <= kBudgetOpenMs;
    const bool rssOk = shown >= scroll && growth <= kBudgetRssGrowthMb;
    say(QStringLiteral("%1: cold open median %2 ms, Discover %3 ms (budget %4 ms)")
            .arg(openOk ? QStringLiteral("PASS") : QStringLiteral("FAIL"))
            .arg(openMs, 0, 'f', 2)
            .arg(median(discoverOpens), 0, 'f', 2)
            .arg(kBudgetOpenMs, 0, 'f', 0));
    say(QStringLiteral("%1: RSS growth over %2 rows %3 MB (budget %4 MB: pages, not the table)")
            .arg(rssOk ? QStringLiteral("PASS") : QStringLiteral("FAIL"))
            .arg(shown)
            .arg(growth, 0, 'f', 1)
            .arg(kBudgetRssGrowthMb, 0, 'f', 0));
    return openOk && rssOk ? 0 : 1;
}
