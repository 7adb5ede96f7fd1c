// SPDX-License-Identifier: MIT
// plaza-cli's feed commands against the real server, as a user runs them (QProcess): post,
// feed, feed --discover with its rank terms, like and repost (idempotent), refusals, and a post
// written with the server down that the next run sends exactly once.
#include "integrationutil.h"

#include "common/testserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("cli feed password");
const QString kPassphrase = QStringLiteral("cli feed passphrase");

} // namespace

class FeedCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void postFeedLikeRepost();
    void refusals();
    void offlinePostIsSentOnce(); // last: stops the server

private:
    CliRun cli(const QStringList &args, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), m_data.path(), m_config.path());
    }
    QJsonArray myPosts();

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QString m_userId;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

void FeedCliTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("clipal"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("clifeed"));
    const CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                           kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    auto found = waitTask(m_friend->api->get(QStringLiteral("/v1/users"), QUrlQuery({{QStringLiteral("query"), m_handle}})));
    QVERIFY(found);
    m_userId = found->body.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!m_userId.isEmpty());
}

QJsonArray FeedCliTest::myPosts()
{
    auto reply = waitTask(m_friend->api->get(QStringLiteral("/v1/users/%1/posts").arg(m_userId),
                                             QUrlQuery({{QStringLiteral("limit"), QStringLiteral("200")}})));
    return reply ? reply->body.value(QStringLiteral("items")).toArray() : QJsonArray();
}

void FeedCliTest::postFeedLikeRepost()
{
    CliRun run = cli({QStringLiteral("post"), QStringLiteral("Hello from the terminal 🎉")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("posted p_")), qPrintable(run.out));
    QCOMPARE(myPosts().size(), 1);

    // The friend's post, liked and reposted from the CLI (twice: idempotent).
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), QStringLiteral("Concert on Friday?")}};
    auto made = waitTask(m_friend->api->post(QStringLiteral("/v1/posts"), body));
    QVERIFY(made);
    const QString id = made->body.value(QStringLiteral("id")).toString();
    for (int i = 0; i < 2; ++i) {
        run = cli({QStringLiteral("like"), id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("liked %1 (1 like)").arg(id)), qPrintable(run.out));
        run = cli({QStringLiteral("repost"), id});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("reposted %1 (1 repost)").arg(id)), qPrintable(run.out));
    }

    // Following: my post and my repost of the friend's (newest first).
    run = cli({QStringLiteral("feed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 4, qPrintable(run.out));
    QVERIFY2(lines.at(0).startsWith(id) && lines.at(0).contains(QStringLiteral("reposted by")), qPrintable(run.out));
    QVERIFY2(lines.at(1).contains(QStringLiteral("Concert on Friday?")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("Hello from the terminal 🎉")), qPrintable(run.out));

    // Discover: the friend's original with its score and terms (a like and a repost: log2(3)).
    run = cli({QStringLiteral("feed"), QStringLiteral("--discover")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Concert on Friday?")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("score ")) && run.out.contains(QStringLiteral("affinity "))
                 && run.out.contains(QStringLiteral("engagement +1.58")) && run.out.contains(QStringLiteral("reach +0.00")),
             qPrintable(run.out));
}

void FeedCliTest::refusals()
{
    CliRun run = cli({QStringLiteral("post"), QString(501, u'x')});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("validation_failed")), qPrintable(run.err));
    run = cli({QStringLiteral("post"), QStringLiteral("  ")});
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("post")});
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("like"), QStringLiteral("p_999999")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not_found")), qPrintable(run.err));
    run = cli({QStringLiteral("feed"), QStringLiteral("extra")});
    QCOMPARE(run.exitCode, 2);
}

void FeedCliTest::offlinePostIsSentOnce()
{
    const qsizetype before = myPosts().size();
    m_server->kill();
    CliRun run = cli({QStringLiteral("post"), QStringLiteral("Written on the plane")});
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.out.contains(QStringLiteral("queued")), qPrintable(run.out));
    run = cli({QStringLiteral("feed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("[sending]")) && run.out.contains(QStringLiteral("(offline")), qPrintable(run.out));

    QVERIFY(m_server->restart());
    m_friend->api->setBaseUrl(m_server->url());
    run = cli({QStringLiteral("feed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("sent the posts queued while offline")), qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("[sending]")), qPrintable(run.out));
    QCOMPARE(run.out.count(QStringLiteral("Written on the plane")), 1);
    // Again: nothing more to send, still once on the server.
    run = cli({QStringLiteral("feed")});
    QVERIFY2(!run.out.contains(QStringLiteral("sent the posts")), qPrintable(run.out));
    QCOMPARE(myPosts().size(), before + 1);
}

QTEST_GUILESS_MAIN(FeedCliTest)
#include "tst_feedcli.moc"
