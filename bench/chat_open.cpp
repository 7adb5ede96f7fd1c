// SPDX-License-Identifier: MIT
// Opening a conversation and searching, on a real SQLCipher cache holding 50k messages
// (budget: each ≤ 50 ms on the build machine).
//
// The cache is filled through the real write path (EventApplier: users, conversations,
// message.created — so message_search is built exactly as sync builds it), in pages of
// 1,000 events. Then, on a fresh read connection each round, as the models do:
//   open    — open the encrypted connection, read the conversation list (what the Chats
//             tab shows first) and the newest page (50) of the biggest conversation plus
//             its unsent messages (MessagesModel's first page);
//   search  — an accent-folded prefix search ("cafe" finds "café"), 50 hits newest first
//             with snippets and conversation titles (ChatSearchModel).
// Median of 7 rounds; PASS/FAIL against the budget.
#include "chat/chatqueries.h"
#include "protocol/types.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace plaza;

namespace {

constexpr double kBudgetMs = 50.0;
constexpr int kRounds = 7;

const char16_t *const kWords[] = {
    u"café", u"lunch", u"tomorrow", u"déjà", u"vu", u"crème", u"brûlée", u"train", u"station", u"photos",
    u"weekend", u"hike", u"dinner", u"Chez", u"Léon", u"book", u"club", u"Wednesday", u"pizza", u"movie",
    u"birthday", u"gift", u"rent", u"keys", u"meeting", u"late", u"sorry", u"thanks", u"see", u"you",
    u"crêpes", u"market", u"sunday", u"bike", u"Lumière", u"tickets", u"concert", u"friday", u"coffee", u"naïve",
};

QJsonObject user(int n)
{
    return {{QStringLiteral("id"), QStringLiteral("u_%1").arg(n)},
            {QStringLiteral("handle"), QStringLiteral("user%1").arg(n)},
            {QStringLiteral("display_name"), QStringLiteral("Person %1").arg(n)},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("verified"), false},
            {QStringLiteral("followers"), 0},
            {QStringLiteral("following"), 0},
            {QStringLiteral("followed_by_me"), false}};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.info=false\nplaza.*.debug=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Open a conversation and search in a 50k-message SQLCipher cache."));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"), QStringLiteral("Messages in the cache (50000)."),
                                            QStringLiteral("N"), QStringLiteral("50000"));
    parser.addOption(messagesOption);
    parser.process(app);
    const int total = std::max(1000, parser.value(messagesOption).toInt());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    QByteArray key(32, '\0');
    for (char &c : key)
        c = char(QRandomGenerator::global()->bounded(256));

    // 40 conversations of the signed-in user (u_1) with 40 people; a quarter of all the
    // messages in the first (the one opened), the rest spread over the others.
    constexpr int kConversations = 40;
    const QString self = QStringLiteral("u_1");
    QElapsedTimer fill;
    fill.start();
    {
        auto db = storage::openCache(path, key);
        if (!db) {
            std::fprintf(stderr, "cannot create the cache: %s\n", qPrintable(db.error().message));
            return 1;
        }
        sync::EventApplier applier(**db, self);
        if (!applier.load())
            return 1;
        QList<protocol::Event> page;
        qint64 seq = 0;
        auto flush = [&]() -> bool {
            if (page.isEmpty())
                return true;
            auto done = applier.applyBatch(page, seq);
            page.clear();
            if (!done)
                std::fprintf(stderr, "apply failed: %s\n", qPrintable(done.error().message));
            return done.ok();
        };
        for (int c = 0; c < kConversations; ++c) {
            page.append({++seq, QStringLiteral("conversation.updated"),
                         {{QStringLiteral("id"), QStringLiteral("c_%1").arg(c + 1)},
                          {QStringLiteral("kind"), QStringLiteral("direct")},
                          {QStringLiteral("title"), QJsonValue::Null},
                          {QStringLiteral("members"), QJsonArray{user(1), user(c + 2)}},
                          {QStringLiteral("last_message"), QJsonValue::Null},
                          {QStringLiteral("unread"), 0},
                          {QStringLiteral("read_up_to"), QJsonValue::Null}}});
        }
        QRandomGenerator random(42);
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-06-01T08:00:00.000Z"), Qt::ISODateWithMs);
        for (int i = 0; i < total; ++i) {
            const int c = i % 4 == 0 ? 0 : 1 + int(random.bounded(kConversations - 1));
            QStringList words;
            const int n = 3 + int(random.bounded(12));
            for (int w = 0; w < n; ++w)
                words.append(QString::fromUtf16(kWords[random.bounded(int(std::size(kWords)))]));
            const bool mine = random.bounded(2) == 0;
            page.append({++seq, QStringLiteral("message.created"),
                         {{QStringLiteral("id"), QStringLiteral("m_%1").arg(i + 1)},
                          {QStringLiteral("client_id"), QStringLiteral("cid-%1").arg(i + 1)},
                          {QStringLiteral("conversation_id"), QStringLiteral("c_%1").arg(c + 1)},
                          {QStringLiteral("sender"), mine ? user(1) : user(c + 2)},
                          {QStringLiteral("text"), words.join(u' ')},
                          {QStringLiteral("created_at"), protocol::formatTime(start.addSecs(qint64(i) * 60))},
                          {QStringLiteral("kind"), QStringLiteral("text")},
                          {QStringLiteral("payment"), QJsonValue::Null}}});
            if (page.size() >= 1000 && !flush())
                return 1;
        }
        if (!flush())
            return 1;
    }
    std::printf("filled %d messages in %d conversations through EventApplier in %lld ms\n", total, kConversations,
                static_cast<long long>(fill.elapsed()));

    std::vector<double> openMs;
    std::vector<double> searchMs;
    qsizetype pageRows = 0;
    qsizetype hits = 0;
    for (int round = 0; round < kRounds; ++round) {
        QElapsedTimer t;
        t.start();
        storage::OpenOptions options;
        options.rawKey = key;
        options.readOnly = true;
        auto db = storage::Database::open(path, options);
        if (!db) {
            std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(db.error().message));
            return 1;
        }
        auto list = chat::readConversations(**db, self);
        auto last = chat::readMessages(**db, self, QStringLiteral("c_1"), {}, {}, 50);
        auto unsent = chat::readUnsent(**db, self, QStringLiteral("c_1"));
        openMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!list || !last || !unsent || list->size() != kConversations) {
            std::fprintf(stderr, "open failed\n");
            return 1;
        }
        pageRows = last->size();

        t.restart();
        auto found = chat::searchMessages(**db, self, QStringLiteral("cafe"), 50);
        searchMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!found) {
            std::fprintf(stderr, "search failed: %s\n", qPrintable(found.error().message));
            return 1;
        }
        hits = found->size();
    }

    const double open = median(openMs);
    const double search = median(searchMs);
    const bool openOk = open <= kBudgetMs && pageRows == 50;
    const bool searchOk = search <= kBudgetMs && hits == 50;
    std::printf("open conversation (connection + list + last page of %lld): %.2f ms (budget %.0f ms) %s\n",
                static_cast<long long>(pageRows), open, kBudgetMs, openOk ? "PASS" : "FAIL");
    std::printf("search \"cafe\" (%lld hits with snippets): %.2f ms (budget %.0f ms) %s\n", static_cast<long long>(hits),
                search, kBudgetMs, searchOk ? "PASS" : "FAIL");
    return openOk && searchOk ? 0 : 1;
}
