// SPDX-License-Identifier: MIT
// Safety on the client (issue 17, docs/api.md "Safety"). First in a real SQLCipher cache
// through the EventApplier: block.changed fills and empties blocks (a replay changes nothing),
// a conversation.updated carries the user's mute, and the conversation list says muted (until
// when) and blocked, a blocked member's messages in a group are flagged; cache schema 11 runs again on a file that has it. Then one account on two
// devices (two plaza-cli folders) and another person, on the real server: a block and a mute
// made on one device reach the other's cache, also when that device was offline meanwhile;
// the blocked person's message is refused with its reason; a report declines a request.
#include "integrationutil.h"

#include "chat/chatqueries.h"
#include "common/testserver.h"
#include "feed/postrecord.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "protocol/feed.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kMe = QStringLiteral("u_me");
const QString kPassword = QStringLiteral("safety password");
const QString kPassphrase = QStringLiteral("safety passphrase");

protocol::User person(const QString &id, const QString &handle)
{
    return protocol::User{id, handle, handle.toUpper(), QStringLiteral("person"), false, 0, 0, false};
}

protocol::Event logEvent(qint64 seq, protocol::EventType type, const QJsonObject &data)
{
    return protocol::Event{seq, protocol::eventName(type), data};
}

//! One plaza-cli device: its own data and config folders.
struct Device {
    QTemporaryDir data;
    QTemporaryDir config;
    CliRun run(const QStringList &args, const QByteArray &stdinData = {}) const
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), data.path(), config.path());
    }
};

//! The line of \a run's output that contains \a text.
QString lineWith(const CliRun &run, const QString &text)
{
    for (const QString &line : run.out.split(u'\n')) {
        if (line.contains(text))
            return line;
    }
    return {};
}

} // namespace

class SafetyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blocksAndMutesInTheCache();
    void migrationRunsAgain();
    void twoDevicesConverge();

private:
    static qint64 count(storage::Database &db, const QString &sql)
    {
        auto n = db.scalar(sql);
        return n ? *n : -1;
    }
};

void SafetyTest::blocksAndMutesInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x33'));
    QVERIFY(db);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    protocol::Conversation direct;
    direct.id = QStringLiteral("c_1");
    direct.members = {person(kMe, QStringLiteral("me")), person(QStringLiteral("u_b"), QStringLiteral("bob"))};
    protocol::Conversation group = direct;
    group.id = QStringLiteral("c_2");
    group.kind = QStringLiteral("group");
    group.title = QStringLiteral("Club");
    group.muted = true; // no end
    QVERIFY(applier.applyBatch({logEvent(1, protocol::EventType::ConversationUpdated, direct.toJson()),
                                logEvent(2, protocol::EventType::ConversationUpdated, group.toJson())},
                               2));

    const protocol::BlockChange blocked{person(QStringLiteral("u_b"), QStringLiteral("bob")), true,
                                        protocol::parseTime(QStringLiteral("2026-12-01T10:00:00.000Z"))};
    auto first = applier.applyBatch({logEvent(3, protocol::EventType::BlockChanged, blocked.toJson())}, 3);
    QVERIFY(first);
    QVERIFY(first->changes.ids(storage::Table::Blocks).contains(QStringLiteral("u_b")));
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM blocks WHERE user_id = 'u_b' AND blocked_at = '2026-12-01T10:00:00.000Z'")), 1);
    // A replay (the same event again, seq below the cursor or re-sent) changes nothing.
    QVERIFY(applier.applyBatch({logEvent(3, protocol::EventType::BlockChanged, blocked.toJson())}, 3));
    QVERIFY(applier.applyBatch({logEvent(4, protocol::EventType::BlockChanged, blocked.toJson())}, 4));
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM blocks")), 1);

    // The mute of a conversation.updated, until a time.
    direct.muted = true;
    direct.mutedUntil = protocol::parseTime(QStringLiteral("2026-12-01T18:00:00.000Z"));
    QVERIFY(applier.applyBatch({logEvent(5, protocol::EventType::ConversationUpdated, direct.toJson())}, 5));
    auto rows = chat::readConversations(**db, kMe);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 2);
    for (const chat::ConversationRow &c : std::as_const(*rows)) {
        if (c.id == u"c_1") {
            QVERIFY(c.blocked);
            QCOMPARE(c.mutedUntil, QStringLiteral("2026-12-01T18:00:00.000Z"));
            QVERIFY(c.isMuted(protocol::parseTime(QStringLiteral("2026-12-01T17:59:59.999Z"))));
            QVERIFY(!c.isMuted(protocol::parseTime(QStringLiteral("2026-12-01T18:00:00.000Z"))));
        } else {
            QVERIFY(!c.blocked); // a group is never "blocked"
            QVERIFY(c.mutedUntil.isEmpty());
            QVERIFY(c.isMuted(protocol::parseTime(QStringLiteral("2100-01-01T00:00:00.000Z"))));
        }
    }
    auto one = chat::readConversation(**db, kMe, QStringLiteral("c_1"));
    QVERIFY(one);
    QVERIFY(one->blocked && one->muted);

    // Unblocked, unmuted: both gone; replaying the unblock changes nothing.
    const protocol::BlockChange unblocked{blocked.user, false, protocol::parseTime(QStringLiteral("2026-12-01T11:00:00.000Z"))};
    direct.muted = false;
    direct.mutedUntil.reset();
    auto undone = applier.applyBatch({logEvent(6, protocol::EventType::BlockChanged, unblocked.toJson()),
                                      logEvent(7, protocol::EventType::ConversationUpdated, direct.toJson()),
                                      logEvent(8, protocol::EventType::BlockChanged, unblocked.toJson())},
                                     8);
    QVERIFY(undone);
    QVERIFY(undone->changes.removed(storage::Table::Blocks).contains(QStringLiteral("u_b")));
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM blocks")), 0);
    one = chat::readConversation(**db, kMe, QStringLiteral("c_1"));
    QVERIFY(one);
    QVERIFY(!one->blocked && !one->muted);

    // A malformed block.changed is refused by its codec, naming the field; nothing is written.
    QJsonObject bad = blocked.toJson();
    bad.insert(QStringLiteral("blocked"), QStringLiteral("yes"));
    auto refused = applier.applyBatch({logEvent(9, protocol::EventType::BlockChanged, bad)}, 9);
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM blocks")), 0);
    Q_UNUSED(refused);

    // The timelines leave out what the people one blocked posted, also what was cached before.
    protocol::Post theirs;
    theirs.id = QStringLiteral("p_1");
    theirs.clientId = QStringLiteral("p1");
    theirs.author = blocked.user;
    theirs.text = QStringLiteral("Bonjour");
    theirs.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T09:00:00.000Z"));
    protocol::Post other = theirs;
    other.id = QStringLiteral("p_2");
    other.clientId = QStringLiteral("p2");
    other.author = person(QStringLiteral("u_c"), QStringLiteral("cleo"));
    QVERIFY(applier.applyBatch({logEvent(10, protocol::EventType::PostCreated, theirs.toJson()),
                                logEvent(11, protocol::EventType::PostCreated, other.toJson())},
                               11));
    const auto discover = [&] {
        QStringList ids;
        if (auto page = feed::readPosts(**db, feed::PostScope::Discover, {}, kMe, {}, 50)) {
            for (const feed::PostRecord &r : std::as_const(*page))
                ids.append(r.id);
        }
        return ids;
    };
    QCOMPARE(discover(), (QStringList{QStringLiteral("p_2"), QStringLiteral("p_1")}));
    QVERIFY(applier.applyBatch({logEvent(12, protocol::EventType::BlockChanged, blocked.toJson())}, 12));
    QCOMPARE(discover(), QStringList{QStringLiteral("p_2")});

    // In the group they still share, the person one blocked is flagged on each of their
    // messages (the window collapses them); another member's are not; unblocking lifts it.
    protocol::Message fromBob;
    fromBob.id = QStringLiteral("m_1");
    fromBob.clientId = QStringLiteral("m1");
    fromBob.conversationId = QStringLiteral("c_2");
    fromBob.sender = blocked.user;
    fromBob.text = QStringLiteral("Buy my boots");
    fromBob.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T12:00:00.000Z"));
    protocol::Message fromCleo = fromBob;
    fromCleo.id = QStringLiteral("m_2");
    fromCleo.clientId = QStringLiteral("m2");
    fromCleo.sender = other.author;
    fromCleo.text = QStringLiteral("See you Saturday");
    fromCleo.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T12:01:00.000Z"));
    QVERIFY(applier.applyBatch({logEvent(13, protocol::EventType::MessageCreated, fromBob.toJson()),
                                logEvent(14, protocol::EventType::MessageCreated, fromCleo.toJson())},
                               14));
    const auto flagged = [&] {
        QStringList ids;
        if (auto page = chat::readMessages(**db, kMe, QStringLiteral("c_2"), {}, {}, 50)) {
            for (const chat::MessageRow &m : std::as_const(*page)) {
                if (m.senderBlocked)
                    ids.append(m.id);
            }
        }
        return ids;
    };
    QCOMPARE(flagged(), QStringList{QStringLiteral("m_1")});
    // The group's row says its last word is from a blocked person only while it is.
    const auto groupRow = [&] {
        chat::ConversationRow found;
        if (auto all = chat::readConversations(**db, kMe)) {
            for (const chat::ConversationRow &c : std::as_const(*all)) {
                if (c.id == u"c_2")
                    found = c;
            }
        }
        return found;
    };
    QVERIFY(!groupRow().lastMessageFromBlocked);
    protocol::Message lastFromBob = fromBob;
    lastFromBob.id = QStringLiteral("m_3");
    lastFromBob.clientId = QStringLiteral("m3");
    lastFromBob.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T12:02:00.000Z"));
    // And a direct conversation with him stays readable: his messages there are not flagged.
    protocol::Message directFromBob = fromBob;
    directFromBob.id = QStringLiteral("m_4");
    directFromBob.clientId = QStringLiteral("m4");
    directFromBob.conversationId = QStringLiteral("c_1");
    QVERIFY(applier.applyBatch({logEvent(15, protocol::EventType::MessageCreated, lastFromBob.toJson()),
                                logEvent(16, protocol::EventType::MessageCreated, directFromBob.toJson())},
                               16));
    QVERIFY(groupRow().lastMessageFromBlocked);
    QVERIFY(groupRow().lastMessagePreview.isEmpty());
    auto direct1 = chat::readMessages(**db, kMe, QStringLiteral("c_1"), {}, {}, 50);
    QVERIFY(direct1 && !direct1->isEmpty());
    for (const chat::MessageRow &m : std::as_const(*direct1))
        QVERIFY(!m.senderBlocked);
    QCOMPARE(flagged(), (QStringList{QStringLiteral("m_1"), QStringLiteral("m_3")}));
    QVERIFY(applier.applyBatch({logEvent(17, protocol::EventType::BlockChanged, unblocked.toJson())}, 17));
    QCOMPARE(flagged(), QStringList());
    QVERIFY(!groupRow().lastMessageFromBlocked);
    QVERIFY(applier.applyBatch({logEvent(18, protocol::EventType::BlockChanged, blocked.toJson())}, 18));
    QCOMPARE(flagged(), (QStringList{QStringLiteral("m_1"), QStringLiteral("m_3")}));

    // blocks is private: a reset (resync) empties it.
    QVERIFY(storage::privateTables().contains(QStringLiteral("blocks")));
    QVERIFY(applier.resetPrivateData());
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM blocks")), 0);
}

void SafetyTest::migrationRunsAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QByteArray key(32, '\x44');
    {
        auto db = storage::openCache(path, key);
        QVERIFY(db);
        QVERIFY(storage::cacheSchemaVersion() >= 11);
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO conversations (id, kind, muted, muted_until) VALUES ('c_9', 'direct', 1, NULL);")));
        // Set back: step 11 runs again on a file that has its columns and table (and so do later steps).
        QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version = 10;")));
    }
    auto db = storage::openCache(path, key);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    QCOMPARE(count(**db, QStringLiteral("PRAGMA user_version")), storage::cacheSchemaVersion());
    QCOMPARE(count(**db, QStringLiteral("SELECT muted FROM conversations WHERE id = 'c_9'")), 1);
}

void SafetyTest::twoDevicesConverge()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    Device laptop; // Ana's first device
    Device phone;  // Ana's second device
    Device bens;
    const QString ana = uniqueHandle(QStringLiteral("ana"));
    const QString ben = uniqueHandle(QStringLiteral("ben"));
    CliRun r = laptop.run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"),
                           ana, QStringLiteral("--display-name"), QStringLiteral("Ana"), QStringLiteral("--password-stdin")},
                          kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = bens.run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ben,
                  QStringLiteral("--display-name"), QStringLiteral("Ben"), QStringLiteral("--password-stdin")},
                 kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = phone.run({QStringLiteral("login"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ana,
                   QStringLiteral("--password-stdin")},
                  kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString toBen = u'@' + ben;
    const QString toAna = u'@' + ana;
    // Ana writes first: the conversation is hers, no message request (a request from someone
    // she blocks would leave her list: docs/api.md "Message requests").
    QCOMPARE(laptop.run({QStringLiteral("say"), toBen, QStringLiteral("Bonjour Ben")}).exitCode, 0);
    QCOMPARE(bens.run({QStringLiteral("say"), toAna, QStringLiteral("Bonjour Ana")}).exitCode, 0);

    // A report declines Ben's request in the same step.
    r = bens.run({QStringLiteral("request"), QStringLiteral("5"), QStringLiteral("--from"), toAna});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString link = QRegularExpression(QStringLiteral("plaza://pay/\\S+")).match(r.out).captured(0);
    QVERIFY2(!link.isEmpty(), qPrintable(r.out));
    r = laptop.run({QStringLiteral("report"), QStringLiteral("request"), link, QStringLiteral("--reason"), QStringLiteral("scam"),
                    QStringLiteral("--note"), QStringLiteral("Je ne le connais pas"), QStringLiteral("--decline")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("the request is declined")), qPrintable(r.out));
    QCOMPARE(laptop.run({QStringLiteral("report"), QStringLiteral("user"), toBen, QStringLiteral("--reason"), QStringLiteral("rude")}).exitCode, 2);
    QCOMPARE(laptop.run({QStringLiteral("report"), QStringLiteral("post"), QStringLiteral("p_1"), QStringLiteral("--reason"),
                         QStringLiteral("spam"), QStringLiteral("--decline")})
                 .exitCode,
             2);
    r = laptop.run({QStringLiteral("report"), QStringLiteral("message"), QStringLiteral("m_999999"), QStringLiteral("--reason"),
                    QStringLiteral("spam")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not_found")), qPrintable(r.err));

    // The phone is current, then goes away.
    r = phone.run({QStringLiteral("blocks")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("nobody blocked")), qPrintable(r.out + r.err));

    // On the laptop: block Ben, mute the conversation for 8 hours.
    r = laptop.run({QStringLiteral("block"), toBen});
    QVERIFY2(r.exitCode == 0 && r.out.startsWith(QStringLiteral("blocked @") + ben), qPrintable(r.out + r.err));
    r = laptop.run({QStringLiteral("mute"), toBen, QStringLiteral("--for"), QStringLiteral("8h")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("muted c_")), qPrintable(r.out + r.err));
    r = laptop.run({QStringLiteral("chats")});
    QVERIFY2(lineWith(r, toBen).contains(QStringLiteral("[muted until ")) && lineWith(r, toBen).contains(QStringLiteral("[blocked]")),
             qPrintable(r.out));
    QCOMPARE(laptop.run({QStringLiteral("mute"), toBen, QStringLiteral("--for"), QStringLiteral("soon")}).exitCode, 2);

    // Ben cannot write to Ana any more: the reason reaches his command line.
    r = bens.run({QStringLiteral("say"), toAna, QStringLiteral("Pourquoi ?")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(QString(r.out + r.err).contains(QStringLiteral("blocked")), qPrintable(r.out + r.err));

    // The phone, offline: what it had.
    QVERIFY(server.stop());
    r = phone.run({QStringLiteral("blocks")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("nobody blocked")) && r.out.contains(QStringLiteral("(offline")),
             qPrintable(r.out + r.err));
    // Back online: the block and the mute arrive.
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    r = phone.run({QStringLiteral("blocks")});
    QVERIFY2(r.exitCode == 0 && lineWith(r, u'@' + ben).contains(QStringLiteral("Ben")), qPrintable(r.out + r.err));
    r = phone.run({QStringLiteral("chats")});
    QVERIFY2(lineWith(r, toBen).contains(QStringLiteral("[muted until ")) && lineWith(r, toBen).contains(QStringLiteral("[blocked]")),
             qPrintable(r.out));

    // The phone undoes both; the laptop follows.
    QVERIFY2(phone.run({QStringLiteral("unmute"), toBen}).exitCode == 0, "unmute");
    r = phone.run({QStringLiteral("blocks")});
    const QString benId = lineWith(r, u'@' + ben).section(u' ', 0, 0);
    QVERIFY2(benId.startsWith(QStringLiteral("u_")), qPrintable(r.out));
    r = phone.run({QStringLiteral("unblock"), benId});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = laptop.run({QStringLiteral("chats")});
    QVERIFY2(!lineWith(r, toBen).contains(QStringLiteral("[muted")) && !lineWith(r, toBen).contains(QStringLiteral("[blocked]")),
             qPrintable(r.out));
    QVERIFY(laptop.run({QStringLiteral("blocks")}).out.contains(QStringLiteral("nobody blocked")));
    r = laptop.run({QStringLiteral("mute"), toBen});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("until you unmute it")), qPrintable(r.out + r.err));
    QVERIFY2(lineWith(phone.run({QStringLiteral("chats")}), toBen).contains(QStringLiteral("[muted] ")), "muted for good on the phone");
    QCOMPARE(bens.run({QStringLiteral("say"), toAna, QStringLiteral("Merci")}).exitCode, 0);
}

QTEST_GUILESS_MAIN(SafetyTest)
#include "tst_safety.moc"
