// SPDX-License-Identifier: MIT
// plaza-cli's chat commands against the real server, as a user runs them (QProcess): say to
// @handle (the direct conversation is made), chats with unread counts, chat, say while the
// server is down (queued, exit 5) and sent in order by the next run, chat-search with and
// without accents, and the usage errors.
#include "integrationutil.h"

#include "common/testserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("cli chat password");
const QString kPassphrase = QStringLiteral("cli chat passphrase");

} // namespace

class ChatCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sayChatsChat();
    void searchFoldsAccents();
    void usage();
    void groupWithATitle();
    void offlineSayIsSentByTheNextRun(); // stops and restarts the server

private:
    CliRun cli(const QStringList &args, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), m_data.path(), m_config.path());
    }
    QStringList serverTexts();

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QString m_conversation;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

void ChatCliTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("chatfriend"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("clichat"));
    const CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                           kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

QStringList ChatCliTest::serverTexts()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
    auto page = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations/%1/messages").arg(m_conversation), query));
    QStringList texts;
    if (!page)
        return texts;
    for (const QJsonValue &v : page->body.value(QStringLiteral("items")).toArray())
        texts.prepend(v.toObject().value(QStringLiteral("text")).toString());
    return texts;
}

void ChatCliTest::sayChatsChat()
{
    CliRun run = cli({QStringLiteral("say"), u'@' + m_friend->handle, QStringLiteral("Salut ! Un café demain ?")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("sent — message ")), qPrintable(run.out));

    auto list = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations")));
    QVERIFY(list);
    const QJsonArray items = list->body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    m_conversation = items.at(0).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("unread")).toInt(), 1);
    QCOMPARE(serverTexts(), QStringList{QStringLiteral("Salut ! Un café demain ?")});

    // The friend answers twice: two unread for us.
    for (const QString &text : {QStringLiteral("Oui !"), QStringLiteral("9h au Lumière")}) {
        static int n = 0;
        QVERIFY(waitTask(m_friend->api->post(QStringLiteral("/v1/conversations/%1/messages").arg(m_conversation),
                                             {{QStringLiteral("client_id"), QStringLiteral("f-%1").arg(++n)},
                                              {QStringLiteral("text"), text}})));
    }
    run = cli({QStringLiteral("chats")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(m_conversation), qPrintable(run.out));
    QVERIFY2(run.out.contains(u'@' + m_friend->handle), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("[2 unread]")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("9h au Lumière")), qPrintable(run.out));

    // chat by @handle and by id: oldest first, ours as "me".
    for (const QString &which : QStringList{u'@' + m_friend->handle, m_conversation}) {
        run = cli({QStringLiteral("chat"), which, QStringLiteral("--limit"), QStringLiteral("2")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).endsWith(m_friend->displayName + QStringLiteral(": Oui !")), qPrintable(run.out));
        QVERIFY2(lines.at(1).endsWith(QStringLiteral(": 9h au Lumière")), qPrintable(run.out));
    }
    run = cli({QStringLiteral("chat"), m_conversation});
    QVERIFY2(run.out.contains(QStringLiteral("me: Salut ! Un café demain ?")), qPrintable(run.out));
}

void ChatCliTest::searchFoldsAccents()
{
    for (const QString &query : {QStringLiteral("cafe"), QStringLiteral("CAFÉ"), QStringLiteral("lumiere")}) {
        const CliRun run = cli({QStringLiteral("chat-search"), query});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.at(0).startsWith(m_conversation), qPrintable(run.out));
    }
    const CliRun none = cli({QStringLiteral("chat-search"), QStringLiteral("zebra")});
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.out.trimmed(), QStringLiteral("no messages found"));
}

void ChatCliTest::usage()
{
    QCOMPARE(cli({QStringLiteral("say"), u'@' + m_friend->handle}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("chat")}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("chat-search"), QStringLiteral("?!")}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("chats"), QStringLiteral("extra")}).exitCode, 2);
    const CliRun blank = cli({QStringLiteral("say"), m_conversation, QStringLiteral("   ")});
    QCOMPARE(blank.exitCode, 2);
    QVERIFY2(blank.err.contains(QStringLiteral("validation_failed")), qPrintable(blank.err));
    const CliRun nobody = cli({QStringLiteral("say"), QStringLiteral("@nobody_here_xyz"), QStringLiteral("hi")});
    QCOMPARE(nobody.exitCode, 1);
    QVERIFY2(nobody.err.contains(QStringLiteral("not_found")), qPrintable(nobody.err));
}

void ChatCliTest::groupWithATitle()
{
    const auto other = registerUser(m_server->url(), QStringLiteral("chatother"), kPassword);
    QVERIFY(other);
    const CliRun run = cli({QStringLiteral("group"), QStringLiteral("Dîner du jeudi"), u'@' + m_friend->handle,
                            u'@' + other->handle, u'@' + m_handle});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("group c_")), qPrintable(run.out));
    const QString id = run.out.section(u' ', 1, 1);
    // The server holds it: a group, this title, the three of us (oneself listed is ignored).
    auto c = waitTask(other->api->get(QStringLiteral("/v1/conversations/%1").arg(id)));
    QVERIFY(c);
    QCOMPARE(c->body.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(c->body.value(QStringLiteral("title")).toString(), QStringLiteral("Dîner du jeudi"));
    QCOMPARE(c->body.value(QStringLiteral("members")).toArray().size(), 3);
    // And it is listed at once, with its title.
    const CliRun chats = cli({QStringLiteral("chats")});
    QVERIFY2(chats.out.contains(id + QStringLiteral("  ")) && chats.out.contains(QStringLiteral("Dîner du jeudi")),
             qPrintable(chats.out));

    // Refused, with a reason: no members, not a handle, an empty title, somebody unknown.
    QCOMPARE(cli({QStringLiteral("group"), QStringLiteral("Alone")}).exitCode, 2);
    const CliRun notHandle = cli({QStringLiteral("group"), QStringLiteral("T"), QStringLiteral("u_1")});
    QCOMPARE(notHandle.exitCode, 2);
    QVERIFY2(notHandle.err.contains(QStringLiteral("@handles")), qPrintable(notHandle.err));
    const CliRun blank = cli({QStringLiteral("group"), QStringLiteral("   "), u'@' + m_friend->handle});
    QCOMPARE(blank.exitCode, 2);
    QVERIFY2(blank.err.contains(QStringLiteral("title")), qPrintable(blank.err));
    const CliRun unknown = cli({QStringLiteral("group"), QStringLiteral("T"), QStringLiteral("@nobody_here_xyz")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("not_found")), qPrintable(unknown.err));
}

void ChatCliTest::offlineSayIsSentByTheNextRun()
{
    QVERIFY(m_server->stop());
    for (const QString &text : {QStringLiteral("offline 1"), QStringLiteral("offline 2"), QStringLiteral("offline 3")}) {
        const CliRun run = cli({QStringLiteral("say"), m_conversation, text});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.out.startsWith(QStringLiteral("queued")), qPrintable(run.out));
    }
    CliRun run = cli({QStringLiteral("chat"), m_conversation, QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("me: offline 3  (sending)")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("(offline")), qPrintable(run.out));

    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    run = cli({QStringLiteral("chats")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("offline 3")), qPrintable(run.out));
    const QStringList texts = serverTexts();
    QCOMPARE(texts.mid(texts.size() - 3),
             (QStringList{QStringLiteral("offline 1"), QStringLiteral("offline 2"), QStringLiteral("offline 3")}));
    QCOMPARE(texts.size(), 6);
    // Nothing is sent twice by later runs.
    run = cli({QStringLiteral("chat"), m_conversation});
    QVERIFY2(!run.out.contains(QStringLiteral("(sending)")), qPrintable(run.out));
    QCOMPARE(serverTexts().size(), 6);
}

QTEST_GUILESS_MAIN(ChatCliTest)
#include "tst_chatcli.moc"
