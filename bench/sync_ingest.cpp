// SPDX-License-Identifier: MIT
// Initial sync ingest (design.md budget: ≥ 50k events/s into SQLCipher, within 2× of a raw
// SQLCipher bulk insert of the same rows).
//
// 100k synthetic events in a realistic mix go through the real apply path — the
// CacheWriter thread and EventApplier, one transaction per page of 1000, exactly as
// SyncEngine::pull() hands them over — into a fresh encrypted cache. In the same run the
// same rows are inserted raw (prepared statements, one transaction per 1000 events) into
// another fresh cache with the same schema. Rounds alternate and the median is kept.
#include "protocol/json.h"
#include "protocol/types.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/cachewriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace plaza;

namespace {

constexpr int kPageSize = 1000;
constexpr double kBudgetEventsPerSecond = 50000.0;
constexpr double kBudgetRatio = 2.0;

//! A row as the applier writes it, for the raw baseline.
struct RawRow {
    int statement; //!< index into the raw statements
    QVariantList values;
};

struct Workload {
    QList<protocol::SyncPage> pages;
    QList<QByteArray> pageJson;      //!< the same pages as the server sends them
    QList<QList<RawRow>> rawPages;   //!< the same rows, per page
    QMap<QString, int> mix;
};

enum RawStatement { User, Message, Transaction, Post, Follow };

const QStringList &rawSql()
{
    static const QStringList sql{
        QStringLiteral("INSERT OR REPLACE INTO users (id, handle, display_name, kind, verified, followers, following,"
                       " followed_by_me) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);"),
        QStringLiteral("INSERT OR REPLACE INTO messages (id, client_id, conversation_id, sender_id, text, created_at,"
                       " kind, payment_transaction_id, payment_amount, payment_currency)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);"),
        QStringLiteral("INSERT OR REPLACE INTO transactions (id, kind, direction, status, amount, currency,"
                       " counterparty_id, note, created_at, balance_after, balance_after_currency, request_id,"
                       " conversation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);"),
        QStringLiteral("INSERT OR REPLACE INTO posts (id, client_id, author_id, text, created_at, reply_to,"
                       " repost_of_id, like_count, repost_count, reply_count, liked_by_me, reposted_by_me, sponsored,"
                       " reach, affinity, engagement, age_s)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17);"),
        QStringLiteral("INSERT OR IGNORE INTO follows (follower_id, followee_id) VALUES (?1, ?2);"),
    };
    return sql;
}

QString words(QRandomGenerator &rng, int count)
{
    static const QStringList vocabulary{
        QStringLiteral("coffee"), QStringLiteral("tomorrow"), QStringLiteral("rent"), QStringLiteral("thanks"),
        QStringLiteral("the"),    QStringLiteral("lunch"),    QStringLiteral("see"),  QStringLiteral("you"),
        QStringLiteral("at"),     QStringLiteral("plaza"),    QStringLiteral("é"),    QStringLiteral("🎉"),
        QStringLiteral("tickets"), QStringLiteral("concert"), QStringLiteral("and"),  QStringLiteral("split"),
    };
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << vocabulary.at(int(rng.bounded(vocabulary.size())));
    return out.join(u' ');
}

Workload makeWorkload(int events)
{
    QRandomGenerator rng(20261122);
    const int userCount = 500;
    QList<QJsonObject> users;
    for (int i = 0; i < userCount; ++i) {
        users.append(protocol::User{QStringLiteral("u_%1").arg(i), QStringLiteral("user_%1").arg(i),
                                    QStringLiteral("User Number %1").arg(i),
                                    i % 50 == 0 ? QStringLiteral("merchant") : QStringLiteral("person"), i % 7 == 0,
                                    qint64(rng.bounded(5000)), qint64(rng.bounded(500)), i % 3 == 0}
                         .toJson());
    }
    auto userRow = [](const QJsonObject &u) {
        return RawRow{User,
                      {u.value(QStringLiteral("id")).toString(), u.value(QStringLiteral("handle")).toString(),
                       u.value(QStringLiteral("display_name")).toString(), u.value(QStringLiteral("kind")).toString(),
                       qint64(u.value(QStringLiteral("verified")).toBool()),
                       u.value(QStringLiteral("followers")).toInteger(), u.value(QStringLiteral("following")).toInteger(),
                       qint64(u.value(QStringLiteral("followed_by_me")).toBool())}};
    };
    const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

    Workload w;
    protocol::SyncPage page;
    QList<RawRow> raw;
    qint64 balance = 1'000'000;
    for (int seq = 1; seq <= events; ++seq) {
        const QString createdAt = protocol::formatTime(start.addSecs(seq * 7));
        const int userIndex = int(rng.bounded(userCount));
        const QJsonObject user = users.at(userIndex);
        const QString userId = user.value(QStringLiteral("id")).toString();
        const int roll = int(rng.bounded(100));
        protocol::Event e;
        e.seq = seq;
        if (roll < 45) {
            e.type = QStringLiteral("message.created");
            const QString id = QStringLiteral("m_%1").arg(seq);
            const QString conversation = QStringLiteral("c_%1").arg(rng.bounded(300));
            const QString text = words(rng, 3 + int(rng.bounded(15)));
            e.data = {{QStringLiteral("id"), id},
                      {QStringLiteral("client_id"), QStringLiteral("cl-%1").arg(seq)},
                      {QStringLiteral("conversation_id"), conversation},
                      {QStringLiteral("sender"), user},
                      {QStringLiteral("text"), text},
                      {QStringLiteral("created_at"), createdAt},
                      {QStringLiteral("kind"), QStringLiteral("text")},
                      {QStringLiteral("payment"), QJsonValue::Null}};
            raw << userRow(user)
                << RawRow{Message,
                          {id, QStringLiteral("cl-%1").arg(seq), conversation, userId, text, createdAt,
                           QStringLiteral("text"), QVariant(), QVariant(), QVariant()}};
        } else if (roll < 70) {
            e.type = QStringLiteral("transaction.created");
            const QString id = QStringLiteral("t_%1").arg(seq);
            const bool in = rng.bounded(2) == 0;
            const qint64 amount = 100 + rng.bounded(20000);
            balance += in ? amount : -amount;
            const QString note = words(rng, 2);
            e.data = {{QStringLiteral("id"), id},
                      {QStringLiteral("kind"), QStringLiteral("transfer")},
                      {QStringLiteral("direction"), in ? QStringLiteral("in") : QStringLiteral("out")},
                      {QStringLiteral("status"), QStringLiteral("completed")},
                      {QStringLiteral("amount"), protocol::moneyToJson(Money(amount, QStringLiteral("EUR")))},
                      {QStringLiteral("counterparty"), user},
                      {QStringLiteral("note"), note},
                      {QStringLiteral("created_at"), createdAt},
                      {QStringLiteral("balance_after"), protocol::moneyToJson(Money(balance, QStringLiteral("EUR")))},
                      {QStringLiteral("request_id"), QJsonValue::Null},
                      {QStringLiteral("conversation_id"), QJsonValue::Null}};
            raw << userRow(user)
                << RawRow{Transaction,
                          {id, QStringLiteral("transfer"), in ? QStringLiteral("in") : QStringLiteral("out"),
                           QStringLiteral("completed"), amount, QStringLiteral("EUR"), userId, note, createdAt, balance,
                           QStringLiteral("EUR"), QVariant(), QVariant()}};
        } else if (roll < 90) {
            e.type = QStringLiteral("post.created");
            const QString id = QStringLiteral("p_%1").arg(seq);
            const QString text = words(rng, 5 + int(rng.bounded(30)));
            const qint64 likes = rng.bounded(300);
            const double affinity = double(rng.bounded(1000)) / 1000.0;
            const qint64 engagement = rng.bounded(1000);
            e.data = {{QStringLiteral("id"), id},
                      {QStringLiteral("client_id"), QStringLiteral("pc-%1").arg(seq)},
                      {QStringLiteral("author"), user},
                      {QStringLiteral("text"), text},
                      {QStringLiteral("created_at"), createdAt},
                      {QStringLiteral("reply_to"), QJsonValue::Null},
                      {QStringLiteral("repost_of"), QJsonValue::Null},
                      {QStringLiteral("like_count"), likes},
                      {QStringLiteral("repost_count"), 0},
                      {QStringLiteral("reply_count"), 0},
                      {QStringLiteral("liked_by_me"), false},
                      {QStringLiteral("reposted_by_me"), false},
                      {QStringLiteral("sponsored"), false},
                      {QStringLiteral("reach"), QStringLiteral("full")},
                      {QStringLiteral("signals"),
                       QJsonObject{{QStringLiteral("author_affinity"), affinity},
                                   {QStringLiteral("engagement"), engagement},
                                   {QStringLiteral("age_s"), 60}}}};
            raw << userRow(user)
                << RawRow{Post,
                          {id, QStringLiteral("pc-%1").arg(seq), userId, text, createdAt, QVariant(), QVariant(), likes,
                           qint64(0), qint64(0), qint64(0), qint64(0), qint64(0), QStringLiteral("full"), affinity,
                           engagement, qint64(60)}};
        } else {
            e.type = QStringLiteral("user.updated");
            QJsonObject updated = user;
            updated.insert(QStringLiteral("followed_by_me"), true);
            e.data = updated;
            // From now on the server embeds this user as followed, as it would.
            users[userIndex] = updated;
            raw << userRow(updated) << RawRow{Follow, {QStringLiteral("u_me"), userId}};
        }
        w.mix[e.type] += 1;
        page.events.append(e);
        if (page.events.size() == kPageSize || seq == events) {
            page.nextSince = seq;
            page.hasMore = seq != events;
            w.pageJson.append(QJsonDocument(page.toJson()).toJson(QJsonDocument::Compact));
            w.pages.append(page);
            w.rawPages.append(raw);
            page = {};
            raw.clear();
        }
    }
    return w;
}

QByteArray benchKey()
{
    QByteArray key(32, '\0');
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    return key;
}

//! The real path; with \a decode, also the JSON decoding pull() does for each page.
double runApply(const Workload &w, const QString &path, bool decode, int events)
{
    sync::CacheWriter writer;
    auto opened = writer.open(path, benchKey(), QStringLiteral("u_me")).result();
    if (!opened) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(opened.error().message));
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < w.pages.size(); ++i) {
        protocol::SyncPage page;
        if (decode) {
            auto object = protocol::parseObject(w.pageJson.at(i));
            auto parsed = object ? protocol::SyncPage::fromJson(*object) : Result<protocol::SyncPage>(object.error());
            if (!parsed) {
                std::fprintf(stderr, "decode failed: %s\n", qPrintable(parsed.error().message));
                return 0;
            }
            page = std::move(parsed).value();
        } else {
            page = w.pages.at(i);
        }
        auto changes = writer.apply(page.events, page.nextSince, false).result();
        if (!changes || changes->applied != page.events.size()) {
            std::fprintf(stderr, "apply failed: %s\n", changes ? "not every event applied" : qPrintable(changes.error().message));
            return 0;
        }
    }
    return events / (timer.nsecsElapsed() / 1e9);
}

//! The same rows, straight into SQLCipher with prepared statements.
double runRaw(const Workload &w, const QString &path, int events, bool encrypted = true)
{
    auto db = encrypted ? storage::openCache(path, benchKey()) : storage::Database::open(path, storage::OpenOptions{});
    if (db && !encrypted) {
        if (auto st = (*db)->migrate(storage::cacheMigrations()); !st)
            return 0;
    }
    if (!db) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(db.error().message));
        return 0;
    }
    std::vector<storage::Statement> statements;
    for (const QString &sql : rawSql()) {
        auto stmt = (*db)->prepare(sql);
        if (!stmt)
            return 0;
        statements.push_back(std::move(stmt).value());
    }
    QElapsedTimer timer;
    timer.start();
    for (const QList<RawRow> &rows : w.rawPages) {
        Status st = (*db)->transaction([&]() -> Status {
            for (const RawRow &row : rows) {
                storage::Statement &s = statements[row.statement];
                for (int i = 0; i < row.values.size(); ++i)
                    s.bindVariant(i + 1, row.values.at(i));
                if (auto e = s.exec(); !e)
                    return e;
            }
            return (*db)->exec(QStringLiteral("UPDATE sync_state SET cursor = cursor + 1000 WHERE id = 1;"));
        });
        if (!st) {
            std::fprintf(stderr, "raw insert failed: %s\n", qPrintable(st.error().message));
            return 0;
        }
    }
    return events / (timer.nsecsElapsed() / 1e9);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sync ingest benchmark (design.md budget)."));
    parser.addHelpOption();
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Events per round (100000)."),
                                          QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds, median kept (3)."),
                                          QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({eventsOption, roundsOption});
    parser.process(app);
    const int events = std::max(kPageSize, parser.value(eventsOption).toInt());
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    const Workload w = makeWorkload(events);
    std::printf("sync_ingest: %d events per round, pages of %d, %d rounds (median); mix:", events, kPageSize, rounds);
    for (auto it = w.mix.cbegin(); it != w.mix.cend(); ++it)
        std::printf(" %s %d", qPrintable(it.key()), it.value());
    std::printf("\n");

    QList<double> applyRates, decodeRates, rawRates, plainRates;
    for (int round = 0; round < rounds; ++round) {
        QTemporaryDir dir;
        rawRates << runRaw(w, dir.filePath(QStringLiteral("raw-%1.db").arg(round)), events);
        plainRates << runRaw(w, dir.filePath(QStringLiteral("plain-%1.db").arg(round)), events, false);
        applyRates << runApply(w, dir.filePath(QStringLiteral("apply-%1.db").arg(round)), false, events);
        decodeRates << runApply(w, dir.filePath(QStringLiteral("decode-%1.db").arg(round)), true, events);
        std::printf("  round %d: raw %.0f/s, apply %.0f/s, decode+apply %.0f/s (unencrypted raw %.0f/s)\n", round + 1,
                    rawRates.last(), applyRates.last(), decodeRates.last(), plainRates.last());
    }
    const double raw = median(rawRates);
    const double apply = median(applyRates);
    const double decoded = median(decodeRates);
    if (raw <= 0 || apply <= 0 || decoded <= 0) {
        std::printf("FAIL: a run failed\n");
        return 1;
    }
    const double ratio = raw / apply;
    std::printf("raw plain SQLite insert     %9.0f events/s  (for reference: the cost of encryption)\n",
                median(plainRates));
    std::printf("raw SQLCipher insert        %9.0f events/s\n", raw);
    std::printf("apply path (CacheWriter)    %9.0f events/s  (raw/apply = %.2fx)\n", apply, ratio);
    std::printf("decode JSON + apply path    %9.0f events/s  (raw/that = %.2fx)\n", decoded, raw / decoded);
    const bool rateOk = apply >= kBudgetEventsPerSecond;
    const bool ratioOk = ratio <= kBudgetRatio;
    std::printf("budget: >= %.0f events/s: %s; within %.1fx of raw: %s\n", kBudgetEventsPerSecond,
                rateOk ? "PASS" : "FAIL", kBudgetRatio, ratioOk ? "PASS" : "FAIL");
    std::printf("%s\n", rateOk && ratioOk ? "PASS" : "FAIL");
    return rateOk && ratioOk ? 0 : 1;
}
