// SPDX-License-Identifier: MIT
// Groups and mentions on the client (issue 17, docs/api.md "Groups"). First in a real
// SQLCipher cache through the EventApplier: a conversation.updated carries roles, membership
// and unread mentions, a system line and a mention are stored and read back as the models see
// them, and a replay changes nothing. Then against the real server: a muted group's mention
// notifies (IncomingMessages) when its other messages do not, and counts in the tray's total;
// and one account on two devices (two plaza-cli folders) with two other people: a rename, an
// addition and a removal made on one device reach the other, also after it was offline; a
// member who is not an admin is refused; a removed member cannot post; leaving works; a
// direct chat refuses group management.
#include "integrationutil.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"
#include "chat/incomingmessages.h"
#include "common/testserver.h"
#include "common/waittask.h"
#include "net/apiclient.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "session/session.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kMe = QStringLiteral("u_me");
const QString kPassword = QStringLiteral("groups password");
const QString kPassphrase = QStringLiteral("groups passphrase");

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

QString lineWith(const CliRun &run, const QString &text)
{
    for (const QString &line : run.out.split(u'\n')) {
        if (line.contains(text))
            return line;
    }
    return {};
}

Status post(RemoteUser &by, const QString &conversationId, const QString &text)
{
    static int counter = 0;
    auto r = waitTask(by.api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                                   {{QStringLiteral("client_id"), QStringLiteral("grp-%1").arg(++counter)},
                                    {QStringLiteral("text"), text}}));
    if (!r)
        return r.error();
    return {};
}

} // namespace

class GroupsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsInTheCache();
    void mutedGroupMentionNotifies();
    void aNewAccountsFirstMessageIsNews();
    void twoDevicesConverge();

private:
    static qint64 count(storage::Database &db, const QString &sql)
    {
        auto n = db.scalar(sql);
        return n ? *n : -1;
    }
};

void GroupsTest::groupsInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x35'));
    QVERIFY(db);
    QVERIFY(storage::cacheSchemaVersion() >= 13); // groups came with v13
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    protocol::Conversation group;
    group.id = QStringLiteral("c_2");
    group.kind = QStringLiteral("group");
    group.title = QStringLiteral("Hike");
    group.members = {person(kMe, QStringLiteral("me")), person(QStringLiteral("u_b"), QStringLiteral("bob")),
                     person(QStringLiteral("u_c"), QStringLiteral("cleo"))};
    group.adminIds = {kMe};
    group.muted = true;
    group.unreadMentions = 1;
    group.unread = 1;

    protocol::Message added;
    added.id = QStringLiteral("m_1");
    added.clientId = QStringLiteral("system-2-1");
    added.conversationId = group.id;
    added.sender = group.members.at(0);
    added.text = QStringLiteral("ME added CLEO");
    added.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T10:00:00.000Z"));
    added.kind = QStringLiteral("system");
    added.system = protocol::SystemEvent{QStringLiteral("added"), kMe, QStringLiteral("u_c"), std::nullopt};
    protocol::Message mention;
    mention.id = QStringLiteral("m_2");
    mention.clientId = QStringLiteral("b1");
    mention.conversationId = group.id;
    mention.sender = group.members.at(1);
    mention.text = QStringLiteral("@me look");
    mention.createdAt = protocol::parseTime(QStringLiteral("2026-12-01T10:01:00.000Z"));
    mention.mentions = {kMe};
    group.lastMessage = mention;

    // The codecs agree with themselves (the server writes what the client reads).
    QCOMPARE(protocol::Message::fromJson(added.toJson())->system->targetId.value_or(QString()), QStringLiteral("u_c"));
    QCOMPARE(protocol::Conversation::fromJson(group.toJson())->adminIds, QStringList{kMe});

    const QList<protocol::Event> events{logEvent(1, protocol::EventType::MessageCreated, added.toJson()),
                                        logEvent(2, protocol::EventType::MessageCreated, mention.toJson()),
                                        logEvent(3, protocol::EventType::ConversationUpdated, group.toJson())};
    QVERIFY(applier.applyBatch(events, 3));
    const auto check = [&] {
        auto rows = chat::readConversations(**db, kMe);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 1);
        const chat::ConversationRow &c = rows->constFirst();
        QVERIFY(c.admin);
        QCOMPARE(c.membership, QStringLiteral("member"));
        QCOMPARE(c.unreadMentions, 1);
        auto messages = chat::readMessages(**db, kMe, group.id, {}, {}, 50);
        QVERIFY(messages);
        QCOMPARE(messages->size(), 2);
        QCOMPARE(messages->at(0).kind, QStringLiteral("system"));
        QCOMPARE(messages->at(0).systemAction, QStringLiteral("added"));
        QCOMPARE(messages->at(0).systemTargetName, QStringLiteral("CLEO"));
        QVERIFY(!messages->at(0).mentionsMe);
        QVERIFY(messages->at(1).mentionsMe);
        auto members = chat::readMembers(**db, group.id);
        QVERIFY(members);
        QCOMPARE(members->size(), 3);
        for (const chat::MemberRow &m : std::as_const(*members))
            QCOMPARE(m.role, m.id == kMe ? QStringLiteral("admin") : QStringLiteral("member"));
    };
    check();
    // A replay (the same events again, re-sent with new seqs) changes nothing.
    QVERIFY(applier.applyBatch({logEvent(4, protocol::EventType::MessageCreated, added.toJson()),
                                logEvent(5, protocol::EventType::MessageCreated, mention.toJson()),
                                logEvent(6, protocol::EventType::ConversationUpdated, group.toJson())},
                               6));
    check();
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM messages")), 2);

    // Removed: read-only, and the member list without oneself.
    group.membership = QStringLiteral("removed");
    group.members.removeFirst();
    group.adminIds = {QStringLiteral("u_b")};
    QVERIFY(applier.applyBatch({logEvent(7, protocol::EventType::ConversationUpdated, group.toJson())}, 7));
    auto one = chat::readConversation(**db, kMe, group.id);
    QVERIFY(one);
    QCOMPARE(one->membership, QStringLiteral("removed"));
    QVERIFY(!one->admin);

    // A message from a server before groups has neither field; a system message without its
    // "system" is refused by the codec.
    QJsonObject old = mention.toJson();
    old.remove(QStringLiteral("mentions"));
    old.remove(QStringLiteral("system"));
    QVERIFY(protocol::Message::fromJson(old));
    QJsonObject broken = added.toJson();
    broken.insert(QStringLiteral("system"), QJsonValue::Null);
    QVERIFY(!protocol::Message::fromJson(broken));
}

void GroupsTest::mutedGroupMentionNotifies()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    auto friendUser = registerUser(server.url(), QStringLiteral("friend"), kPassword);
    QVERIFY(friendUser);
    auto other = registerUser(server.url(), QStringLiteral("other"), kPassword);
    QVERIFY(other);
    SessionFixture fixture;
    const QString myHandle = uniqueHandle(QStringLiteral("me"));
    QVERIFY(createAccount(*fixture.session, server.url(), myHandle, QStringLiteral("Élodie"), kPassword, kPassphrase));
    Session &session = *fixture.session;
    chat::ChatService chat(&session);
    QVERIFY(chat.start().ok());
    auto group = createConversation(*friendUser, {session.userId(), other->id}, QStringLiteral("Hike"));
    QVERIFY(group);
    // Muted for good, by the user.
    auto muted = waitTask(session.api()->putBytes(QStringLiteral("/v1/conversations/%1/mute").arg(*group), QUrlQuery(),
                                                  R"({"until":null})"));
    QVERIFY2(muted, muted ? "" : qPrintable(muted.error().message));
    session.syncNow();
    QVERIFY(waitIdle(session));
    QTRY_VERIFY_WITH_TIMEOUT(chat::readConversations(*chat.reader(), session.userId())->size() == 1, 15000);

    chat::IncomingMessages incoming(&session);
    QSignalSpy arrived(&incoming, &chat::IncomingMessages::arrived);
    QVERIFY(post(*friendUser, *group, QStringLiteral("Nobody in particular")));
    QVERIFY(post(*other, *group, QStringLiteral("Also not you, @%1x").arg(myHandle)));
    QVERIFY(post(*friendUser, *group, QStringLiteral("@%1 are you coming?").arg(myHandle)));
    session.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(chat::readConversations(*chat.reader(), session.userId())->constFirst().unread, 3, 15000);
    QList<chat::IncomingMessage> all;
    for (const QList<QVariant> &signal : std::as_const(arrived))
        all += signal.at(0).value<QList<chat::IncomingMessage>>();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.constFirst().text, QStringLiteral("@%1 are you coming?").arg(myHandle));
    // The tray counts the muted group's mention, not its other unread messages.
    QTRY_COMPARE_WITH_TIMEOUT(incoming.totalUnread(), 1, 15000);
    const chat::ConversationRow row = chat::readConversations(*chat.reader(), session.userId())->constFirst();
    QCOMPARE(row.unreadMentions, 1);
    QVERIFY(row.muted);
}

void GroupsTest::aNewAccountsFirstMessageIsNews()
{
    // An account whose first sync found nothing has synced: its cursor is still 0, yet the
    // first message someone sends it is news (a notification), not the backlog of a first pull.
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    auto friendUser = registerUser(server.url(), QStringLiteral("friend"), kPassword);
    QVERIFY(friendUser);
    SessionFixture fixture;
    QVERIFY(createAccount(*fixture.session, server.url(), uniqueHandle(QStringLiteral("me")), QStringLiteral("Élodie"),
                          kPassword, kPassphrase));
    Session &session = *fixture.session;
    QVERIFY2(session.cursor() == 0, "the premise: a new account has no events yet");
    QVERIFY(session.syncEngine()->everSynced());
    chat::ChatService chat(&session);
    QVERIFY(chat.start().ok());
    chat::IncomingMessages incoming(&session);
    QSignalSpy arrived(&incoming, &chat::IncomingMessages::arrived);

    auto group = createConversation(*friendUser, {session.userId()}, QStringLiteral("Hello"));
    QVERIFY(group);
    QVERIFY(post(*friendUser, *group, QStringLiteral("Welcome aboard")));
    session.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 15000);
    QList<chat::IncomingMessage> all;
    for (const QList<QVariant> &signal : std::as_const(arrived))
        all += signal.at(0).value<QList<chat::IncomingMessage>>();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.constFirst().text, QStringLiteral("Welcome aboard"));
}

void GroupsTest::twoDevicesConverge()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    Device laptop; // Ana's first device
    Device phone;  // Ana's second device
    Device bens;
    Device cleos;
    const QString ana = uniqueHandle(QStringLiteral("ana"));
    const QString ben = uniqueHandle(QStringLiteral("ben"));
    const QString cleo = uniqueHandle(QStringLiteral("cleo"));
    for (const auto &[device, handle, name] : {std::tuple{&laptop, ana, QStringLiteral("Ana")}, std::tuple{&bens, ben, QStringLiteral("Ben")},
                                               std::tuple{&cleos, cleo, QStringLiteral("Cleo")}}) {
        const CliRun r = device->run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(),
                                      QStringLiteral("--handle"), handle, QStringLiteral("--display-name"), name,
                                      QStringLiteral("--password-stdin")},
                                     kPassword.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    CliRun r = phone.run({QStringLiteral("login"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ana,
                          QStringLiteral("--password-stdin")},
                         kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    r = laptop.run({QStringLiteral("group"), QStringLiteral("Hike"), u'@' + ben});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QString id = QRegularExpression(QStringLiteral("c_\\d+")).match(r.out).captured(0);
    QVERIFY2(!id.isEmpty(), qPrintable(r.out));

    // Ana (the creator) is its admin; Ben is not, and is refused.
    r = phone.run({QStringLiteral("group"), QStringLiteral("members"), id});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(lineWith(r, u'@' + ana).endsWith(QStringLiteral("admin")), qPrintable(r.out));
    QVERIFY2(lineWith(r, u'@' + ben).endsWith(QStringLiteral("member")), qPrintable(r.out));
    r = bens.run({QStringLiteral("group"), QStringLiteral("add"), id, u'@' + cleo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not_admin")), qPrintable(r.err));
    QCOMPARE(bens.run({QStringLiteral("group"), QStringLiteral("add"), id, QStringLiteral("cleo")}).exitCode, 2);
    QCOMPARE(bens.run({QStringLiteral("group"), QStringLiteral("rename"), id}).exitCode, 2);

    // On the laptop: rename, add Cléo. The phone sees both.
    r = laptop.run({QStringLiteral("group"), QStringLiteral("rename"), id, QStringLiteral("Lac d’Annecy")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("Lac d’Annecy")), qPrintable(r.out + r.err));
    r = laptop.run({QStringLiteral("group"), QStringLiteral("add"), id, u'@' + cleo});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("3 members")), qPrintable(r.out + r.err));
    r = phone.run({QStringLiteral("chats")});
    QVERIFY2(r.out.contains(QStringLiteral("Lac d’Annecy")), qPrintable(r.out));
    r = phone.run({QStringLiteral("group"), QStringLiteral("members"), id});
    QVERIFY2(!lineWith(r, u'@' + cleo).isEmpty(), qPrintable(r.out));
    QCOMPARE(cleos.run({QStringLiteral("say"), id, QStringLiteral("Coucou")}).exitCode, 0);

    // The phone, offline, shows what it had; meanwhile the laptop removes Cléo, who can no
    // longer post.
    QVERIFY(server.stop());
    r = phone.run({QStringLiteral("group"), QStringLiteral("members"), id});
    QVERIFY2(r.exitCode == 0 && !lineWith(r, u'@' + cleo).isEmpty() && r.out.contains(QStringLiteral("(offline")),
             qPrintable(r.out + r.err));
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    r = laptop.run({QStringLiteral("group"), QStringLiteral("remove"), id, u'@' + cleo});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("2 members")), qPrintable(r.out + r.err));
    r = cleos.run({QStringLiteral("say"), id, QStringLiteral("Encore là ?")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(QString(r.out + r.err).contains(QStringLiteral("removed")), qPrintable(r.out + r.err));
    // The phone, back: Cléo is gone there too, and the system lines are in the chat.
    r = phone.run({QStringLiteral("group"), QStringLiteral("members"), id});
    QVERIFY2(r.exitCode == 0 && lineWith(r, u'@' + cleo).isEmpty() && !lineWith(r, u'@' + ben).isEmpty(), qPrintable(r.out));
    r = phone.run({QStringLiteral("chat"), id});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("Ana removed Cleo")) && r.out.contains(QStringLiteral("Ana added Cleo")),
             qPrintable(r.out + r.err));

    // Ben leaves; the laptop sees it. A direct chat refuses all of this.
    r = bens.run({QStringLiteral("group"), QStringLiteral("leave"), id});
    QVERIFY2(r.exitCode == 0 && r.out.startsWith(QStringLiteral("left ")), qPrintable(r.out + r.err));
    r = laptop.run({QStringLiteral("group"), QStringLiteral("members"), id});
    QVERIFY2(lineWith(r, u'@' + ben).isEmpty() && !lineWith(r, u'@' + ana).isEmpty(), qPrintable(r.out));
    QCOMPARE(laptop.run({QStringLiteral("say"), u'@' + ben, QStringLiteral("Salut")}).exitCode, 0);
    r = laptop.run({QStringLiteral("group"), QStringLiteral("rename"), u'@' + ben, QStringLiteral("Us")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("direct")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(GroupsTest)
#include "tst_groups.moc"
