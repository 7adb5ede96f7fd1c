// SPDX-License-Identifier: MIT
// Message requests on the client (issue 17, docs/api.md "Message requests"). First in a real
// SQLCipher cache through the EventApplier: a conversation.updated with request: true makes a
// request row (a replay changes nothing), a block of its sender hides it (declined), the
// accepted conversation.updated turns it into an ordinary one. Then one account on two devices
// (two plaza-cli folders) and a stranger, on the real server: the stranger's first message
// lands in `chat requests` on both devices; accepting on one reaches the other, also when that
// one was offline meanwhile; accepting offline fails clearly and changes nothing. (Who
// counts as a stranger is the server's rule: tst_server_messagerequests.)
#include "integrationutil.h"

#include "chat/chatqueries.h"
#include "common/testserver.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"

#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kMe = QStringLiteral("u_me");
const QString kPassword = QStringLiteral("requests password");
const QString kPassphrase = QStringLiteral("requests passphrase");

protocol::User person(const QString &id, const QString &handle)
{
    return protocol::User{id, handle, handle.toUpper(), QStringLiteral("person"), false, 0, 0, false};
}

protocol::Event logEvent(qint64 seq, protocol::EventType type, const QJsonObject &data)
{
    return protocol::Event{seq, protocol::eventName(type), data};
}

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

} // namespace

class MessageRequestsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsInTheCache();
    void twoDevicesConverge();
};

void MessageRequestsTest::requestsInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x35'));
    QVERIFY(db);
    QVERIFY(storage::cacheSchemaVersion() >= 15);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    protocol::Conversation request;
    request.id = QStringLiteral("c_1");
    request.members = {person(QStringLiteral("u_s"), QStringLiteral("stranger")), person(kMe, QStringLiteral("me"))};
    request.request = true;
    request.unread = 2;
    protocol::Conversation friendly;
    friendly.id = QStringLiteral("c_2");
    friendly.members = {person(kMe, QStringLiteral("me")), person(QStringLiteral("u_f"), QStringLiteral("friend"))};
    friendly.unread = 1;
    QVERIFY(applier.applyBatch({logEvent(1, protocol::EventType::ConversationUpdated, request.toJson()),
                                logEvent(2, protocol::EventType::ConversationUpdated, friendly.toJson())},
                               2));
    const auto requests = [&] {
        QStringList out;
        if (auto rows = chat::readConversations(**db, kMe)) {
            for (const chat::ConversationRow &c : std::as_const(*rows))
                out.append(c.id + (c.request ? QStringLiteral("?") : QString()));
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    QCOMPARE(requests(), (QStringList{QStringLiteral("c_1?"), QStringLiteral("c_2")}));
    auto one = chat::readConversation(**db, kMe, QStringLiteral("c_1"));
    QVERIFY(one && one->request);
    // A replay changes nothing.
    QVERIFY(applier.applyBatch({logEvent(1, protocol::EventType::ConversationUpdated, request.toJson())}, 2));
    QVERIFY(applier.applyBatch({logEvent(3, protocol::EventType::ConversationUpdated, request.toJson())}, 3));
    QCOMPARE(requests(), (QStringList{QStringLiteral("c_1?"), QStringLiteral("c_2")}));

    // Blocking the stranger declines it: not listed while the block stands.
    const protocol::BlockChange blocked{person(QStringLiteral("u_s"), QStringLiteral("stranger")), true,
                                        protocol::parseTime(QStringLiteral("2026-12-01T10:00:00.000Z"))};
    QVERIFY(applier.applyBatch({logEvent(4, protocol::EventType::BlockChanged, blocked.toJson())}, 4));
    QCOMPARE(requests(), QStringList{QStringLiteral("c_2")});
    protocol::BlockChange unblocked = blocked;
    unblocked.blocked = false;
    QVERIFY(applier.applyBatch({logEvent(5, protocol::EventType::BlockChanged, unblocked.toJson())}, 5));
    QCOMPARE(requests(), (QStringList{QStringLiteral("c_1?"), QStringLiteral("c_2")}));

    // Accepted (from another device): an ordinary conversation.
    request.request = false;
    QVERIFY(applier.applyBatch({logEvent(6, protocol::EventType::ConversationUpdated, request.toJson())}, 6));
    QCOMPARE(requests(), (QStringList{QStringLiteral("c_1"), QStringLiteral("c_2")}));

    // A server from before requests leaves the field out: not a request.
    QJsonObject old = friendly.toJson();
    old.remove(QStringLiteral("request"));
    auto decoded = protocol::Conversation::fromJson(old);
    QVERIFY(decoded);
    QVERIFY(!decoded->request);
    QJsonObject bad = friendly.toJson();
    bad.insert(QStringLiteral("request"), QStringLiteral("yes"));
    QVERIFY(!protocol::Conversation::fromJson(bad));
}

void MessageRequestsTest::twoDevicesConverge()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    Device laptop; // Ana's first device
    Device phone;  // Ana's second device
    Device strangers;
    const QString ana = uniqueHandle(QStringLiteral("ana"));
    const QString sam = uniqueHandle(QStringLiteral("sam"));
    const auto signUp = [&](const Device &d, const QString &handle, const QString &name) {
        return d.run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"),
                      handle, QStringLiteral("--display-name"), name, QStringLiteral("--password-stdin")},
                     kPassword.toUtf8() + '\n');
    };
    CliRun r = signUp(laptop, ana, QStringLiteral("Ana"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(signUp(strangers, sam, QStringLiteral("Sam")).exitCode == 0, "sam");
    r = phone.run({QStringLiteral("login"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ana,
                   QStringLiteral("--password-stdin")},
                  kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString toAna = u'@' + ana;
    const QString toSam = u'@' + sam;

    r = laptop.run({QStringLiteral("chat"), QStringLiteral("requests")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("no message requests")), qPrintable(r.out + r.err));

    // Sam, a stranger, writes first: a request on both of Ana's devices.
    QCOMPARE(strangers.run({QStringLiteral("say"), toAna, QStringLiteral("Hi Ana, cheap bikes at https://example.org")}).exitCode, 0);
    for (const Device *d : {&laptop, &phone}) {
        r = d->run({QStringLiteral("chat"), QStringLiteral("requests")});
        QVERIFY2(r.exitCode == 0 && lineWith(r, toSam).contains(QStringLiteral("cheap bikes")), qPrintable(r.out + r.err));
        r = d->run({QStringLiteral("chats")});
        QVERIFY2(lineWith(r, toSam).contains(QStringLiteral("[request]")), qPrintable(r.out));
    }
    const QString conversation = lineWith(laptop.run({QStringLiteral("chat"), QStringLiteral("requests")}), toSam).section(u' ', 0, 0);
    QVERIFY2(conversation.startsWith(QStringLiteral("c_")), qPrintable(conversation));
    r = laptop.run({QStringLiteral("chat"), toSam});
    QVERIFY2(r.out.startsWith(QStringLiteral("message request from Sam")), qPrintable(r.out));

    r = laptop.run({QStringLiteral("chat"), QStringLiteral("accept")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("usage: chat accept")), qPrintable(r.err));

    // The phone goes away; the server too, for a moment: accepting needs it.
    QVERIFY(server.stop());
    r = laptop.run({QStringLiteral("chat"), QStringLiteral("accept"), conversation});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(!r.err.isEmpty(), "a reason");
    r = laptop.run({QStringLiteral("chat"), QStringLiteral("requests")});
    QVERIFY2(lineWith(r, toSam).startsWith(conversation) && r.out.contains(QStringLiteral("(offline")), qPrintable(r.out));
    QVERIFY2(server.restart(), qPrintable(server.lastError()));

    r = laptop.run({QStringLiteral("chat"), QStringLiteral("accept"), conversation});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("accepted ") + conversation), qPrintable(r.out + r.err));
    r = laptop.run({QStringLiteral("chat"), QStringLiteral("accept"), toSam}); // again: the same answer
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = laptop.run({QStringLiteral("chat"), QStringLiteral("requests")});
    QVERIFY2(r.out.contains(QStringLiteral("no message requests")), qPrintable(r.out));
    // The phone, back: the acceptance arrived by the sync.
    r = phone.run({QStringLiteral("chat"), QStringLiteral("requests")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("no message requests")), qPrintable(r.out + r.err));
    r = phone.run({QStringLiteral("chats")});
    QVERIFY2(!lineWith(r, toSam).isEmpty() && !lineWith(r, toSam).contains(QStringLiteral("[request]")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(MessageRequestsTest)
#include "tst_messagerequests.moc"
