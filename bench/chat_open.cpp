// SPDX-License-Identifier: MIT
// Opening a conversation, scrolling it and searching, on a real SQLCipher cache where one
// conversation holds 50k messages carrying 100k reactions (issue 17's figure), beside 39
// smaller conversations (budgets: open and search ≤ 50 ms, every page of a scroll ≤ 16 ms,
// one frame, at the 99th percentile, on the build machine).
//
// The cache is filled through the real write path (EventApplier: users, conversations,
// message.created, then message.reaction with each message's whole reaction list — so
// message_search and the reaction lists are built exactly as sync builds them), in pages of
// 1,000 events. Then, on a fresh read connection each round, as the models do:
//   open    — open the encrypted connection, read the conversation list (what the Chats
//             tab shows first) and the newest page (50) of the big conversation plus
//             its unsent messages (MessagesModel's first page);
//   search  — an accent-folded prefix search ("cafe" finds "café"), 50 hits newest first
//             with snippets and conversation titles (ChatSearchModel).
// Median of 7 rounds. Then one scroll from the newest message to the first, a page of 50
// older messages at a time (MessagesModel::fetchOlder's read, reactions decoded), timing
// every page: median, p99 and the slowest, and the newest tenth of the pages against the
// oldest (a page must not cost more the deeper it is). PASS/FAIL against the budgets.
#include "chat/chatqueries.h"
#include "protocol/chat.h"
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
constexpr double kPageBudgetMs = 16.0;
constexpr int kRounds = 7;
const char16_t *const kEmoji[] = {u"👍", u"❤️", u"😂", u"😮", u"😢", u"🙏"};

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

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, size_t(double(v.size()) * p)));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.info=false\nplaza.*.debug=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Open, scroll and search a 50k-message conversation with 100k reactions in a SQLCipher cache."));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages in the big conversation (50000)."),
                                            QStringLiteral("N"), QStringLiteral("50000"));
    const QCommandLineOption othersOption(QStringLiteral("others"),
                                          QStringLiteral("Messages spread over the 39 other conversations (10000)."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption reactionsOption(QStringLiteral("reactions"),
                                             QStringLiteral("Reactions on the big conversation's messages (100000)."),
                                             QStringLiteral("N"), QStringLiteral("100000"));
    parser.addOption(messagesOption);
    parser.addOption(othersOption);
    parser.addOption(reactionsOption);
    parser.process(app);
    const int big = std::max(1000, parser.value(messagesOption).toInt());
    const int others = std::max(0, parser.value(othersOption).toInt());
    const int total = big + others;
    // A direct conversation has two members and there are six emoji: at most 12 a message.
    const int reactionCount = std::clamp(parser.value(reactionsOption).toInt(), 0, big * 12);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    QByteArray key(32, '\0');
    for (char &c : key)
        c = char(QRandomGenerator::global()->bounded(256));

    // 40 conversations of the signed-in user (u_1) with 40 people; the big one first (the one
    // opened), the rest spread over the others, interleaved in time.
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
        std::vector<int> bigMessages; // message numbers of c_1, in order
        bigMessages.reserve(size_t(big));
        int bigLeft = big;
        for (int i = 0; i < total; ++i) {
            const bool inBig = bigLeft > 0 && int(random.bounded(total - i)) < bigLeft;
            const int c = inBig ? 0 : 1 + int(random.bounded(kConversations - 1));
            if (inBig) {
                --bigLeft;
                bigMessages.push_back(i + 1);
            }
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
        // Reactions: each a message.reaction event carrying the message's whole list after it,
        // as the server sends it. Distinct (message, person, emoji) triples, so every event
        // adds one and the count comes out exact.
        struct Mine {
            quint16 set = 0; // bit (person * 6 + emoji)
        };
        std::vector<Mine> state(bigMessages.size());
        const int emojiCount = int(std::size(kEmoji));
        for (int r = 0; r < reactionCount; ++r) {
            size_t m = random.bounded(quint32(bigMessages.size()));
            int bit = int(random.bounded(2 * emojiCount));
            while (state[m].set & (1u << bit)) { // taken: the next free one, message by message
                if (state[m].set == (1u << (2 * emojiCount)) - 1) {
                    m = (m + 1) % bigMessages.size();
                    continue;
                }
                bit = (bit + 1) % (2 * emojiCount);
            }
            state[m].set |= quint16(1u << bit);
            const int person = bit / emojiCount; // 0: u_1 (self), 1: u_2
            protocol::ReactionChange change;
            change.messageId = QStringLiteral("m_%1").arg(bigMessages[m]);
            change.conversationId = QStringLiteral("c_1");
            change.userId = person == 0 ? self : QStringLiteral("u_2");
            change.emoji = QString::fromUtf16(kEmoji[bit % emojiCount]);
            for (int e = 0; e < emojiCount; ++e) {
                const bool byMe = state[m].set & (1u << e);
                const bool byThem = state[m].set & (1u << (emojiCount + e));
                if (!byMe && !byThem)
                    continue;
                protocol::Reaction reaction;
                reaction.emoji = QString::fromUtf16(kEmoji[e]);
                reaction.count = int(byMe) + int(byThem);
                reaction.mine = byMe;
                if (byThem)
                    reaction.recentUserIds.append(QStringLiteral("u_2"));
                if (byMe)
                    reaction.recentUserIds.append(self);
                change.reactions.append(reaction);
            }
            page.append({++seq, QStringLiteral("message.reaction"), change.toJson()});
            if (page.size() >= 1000 && !flush())
                return 1;
        }
        if (!flush())
            return 1;
    }
    std::printf("filled %d messages (%d in the big conversation, with %d reactions) in %d conversations through "
                "EventApplier in %lld ms\n",
                total, big, reactionCount, kConversations, static_cast<long long>(fill.elapsed()));

    // A read connection as the models open one.
    auto openReader = [&] {
        storage::OpenOptions options;
        options.rawKey = key;
        options.readOnly = true;
        return storage::Database::open(path, options);
    };
    std::vector<double> openMs;
    std::vector<double> searchMs;
    qsizetype pageRows = 0;
    qsizetype hits = 0;
    for (int round = 0; round < kRounds; ++round) {
        QElapsedTimer t;
        t.start();
        auto db = openReader();
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

    // One scroll from the newest page back to the first message, as fetchOlder reads it.
    std::vector<double> pageMs;
    qsizetype scrolled = 0;
    qint64 reactionsSeen = 0;
    {
        auto db = openReader();
        if (!db) {
            std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(db.error().message));
            return 1;
        }
        QString beforeAt;
        QString beforeId;
        for (;;) {
            QElapsedTimer t;
            t.start();
            auto rows = chat::readMessages(**db, self, QStringLiteral("c_1"), beforeAt, beforeId, 50);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (!rows) {
                std::fprintf(stderr, "scroll failed: %s\n", qPrintable(rows.error().message));
                return 1;
            }
            if (rows->isEmpty())
                break;
            pageMs.push_back(ms);
            scrolled += rows->size();
            for (const auto &row : *rows)
                for (const auto &reaction : row.reactions)
                    reactionsSeen += reaction.count;
            beforeAt = rows->constFirst().createdAt;
            beforeId = rows->constFirst().id;
        }
    }

    const double open = median(openMs);
    const double search = median(searchMs);
    const bool openOk = open <= kBudgetMs && pageRows == 50;
    const bool searchOk = search <= kBudgetMs && hits == 50;
    const double pageP99 = pageMs.empty() ? 0.0 : percentile(pageMs, 0.99);
    const double pageMax = pageMs.empty() ? 0.0 : *std::max_element(pageMs.begin(), pageMs.end());
    // p99, not the slowest: on a 2-core machine shared with builds one page in a thousand can
    // lose the CPU for a scheduler slice; the slowest is printed all the same.
    const bool scrollOk = pageP99 <= kPageBudgetMs && scrolled == big && reactionsSeen == reactionCount;
    // The cost of a page must not grow with its depth: the newest tenth against the oldest.
    const size_t tenth = std::max<size_t>(1, pageMs.size() / 10);
    const double newestTenth = pageMs.empty() ? 0.0 : median({pageMs.begin(), pageMs.begin() + qsizetype(tenth)});
    const double oldestTenth = pageMs.empty() ? 0.0 : median({pageMs.end() - qsizetype(tenth), pageMs.end()});
    std::printf("open conversation (connection + list + last page of %lld): %.2f ms (budget %.0f ms) %s\n",
                static_cast<long long>(pageRows), open, kBudgetMs, openOk ? "PASS" : "FAIL");
    std::printf("search \"cafe\" (%lld hits with snippets): %.2f ms (budget %.0f ms) %s\n", static_cast<long long>(hits),
                search, kBudgetMs, searchOk ? "PASS" : "FAIL");
    std::printf("scroll the big conversation to its first message: %lld messages, %lld reactions, %zu pages of 50: "
                "median %.2f ms (newest tenth %.2f ms, oldest tenth %.2f ms), p99 %.2f ms, slowest %.2f ms a page "
                "(budget: p99 %.0f ms, one frame) %s\n",
                static_cast<long long>(scrolled), static_cast<long long>(reactionsSeen), pageMs.size(),
                pageMs.empty() ? 0.0 : median(pageMs), newestTenth, oldestTenth, pageP99, pageMax, kPageBudgetMs,
                scrollOk ? "PASS" : "FAIL");
    return openOk && searchOk && scrollOk ? 0 : 1;
}
