// SPDX-License-Identifier: MIT
// Post actions end to end (issue 17): plaza-cli on two devices of one account against the real
// server — edit (marked edited), quote, bookmark, delete — and a friend's device through the
// API. The second device was not running while the first acted (offline, as far as it knows)
// and converges from the event log; running it again (the log replayed from its cursor)
// changes nothing; deleted text is nowhere in its cache's listings. Last, with the server
// gone, actions that need it are refused and change nothing.
#include "integrationutil.h"

#include "common/testserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("post actions password");
const QString kPassphrase = QStringLiteral("post actions passphrase");

} // namespace

class PostActionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editQuoteBookmarkConverge();
    void deleteConverges();
    void refusals();
    void offlineRefused(); // last: stops the server

private:
    CliRun cli(int device, const QStringList &args, const QByteArray &stdinData = {})
    {
        const QTemporaryDir &data = device == 1 ? m_data1 : m_data2;
        const QTemporaryDir &config = device == 1 ? m_config1 : m_config2;
        return runCli(args, stdinData, cliEnvironment(kPassphrase), data.path(), config.path());
    }
    QString postIdFrom(const QString &out) const;

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QString m_friendPost;
    QString m_myPost;
    QString m_quote;
    QTemporaryDir m_data1, m_config1, m_data2, m_config2;
};

void PostActionsTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("papal"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("paction"));
    CliRun run = cli(1, {QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                         QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                     kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(2, {QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"),
                  m_handle, QStringLiteral("--password-stdin")},
              kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    auto made = waitTask(m_friend->api->post(QStringLiteral("/v1/posts"), {{QStringLiteral("client_id"), QStringLiteral("pal-1")},
                                                                          {QStringLiteral("text"), QStringLiteral("Le lac est gelé")}}));
    QVERIFY(made);
    m_friendPost = made->body.value(QStringLiteral("id")).toString();
    QVERIFY(!m_friendPost.isEmpty());
}

QString PostActionsTest::postIdFrom(const QString &out) const
{
    const qsizetype at = out.indexOf(QStringLiteral("p_"));
    if (at < 0)
        return {};
    qsizetype end = at + 2;
    while (end < out.size() && out.at(end).isDigit())
        ++end;
    return out.mid(at, end - at);
}

void PostActionsTest::editQuoteBookmarkConverge()
{
    CliRun run = cli(1, {QStringLiteral("post"), QStringLiteral("Rendez-vous à 9 h")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    m_myPost = postIdFrom(run.out);
    QVERIFY2(!m_myPost.isEmpty(), qPrintable(run.out));
    // Device 2 sees the first version.
    run = cli(2, {QStringLiteral("feed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Rendez-vous à 9 h")), qPrintable(run.out));

    // Device 1 edits, quotes the friend's post and bookmarks it, while device 2 is not running.
    run = cli(1, {QStringLiteral("post"), QStringLiteral("edit"), m_myPost, QStringLiteral("Rendez-vous à 10 h")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("edited %1").arg(m_myPost));
    run = cli(1, {QStringLiteral("post"), QStringLiteral("quote"), m_friendPost, QStringLiteral("Enfin !")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    m_quote = postIdFrom(run.out);
    QVERIFY2(!m_quote.isEmpty() && m_quote != m_friendPost, qPrintable(run.out));
    run = cli(1, {QStringLiteral("post"), QStringLiteral("bookmark"), m_friendPost});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // Idempotent.
    run = cli(1, {QStringLiteral("post"), QStringLiteral("bookmark"), m_friendPost});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Device 2 converges from the log: the edit (marked), the quote with its card, the bookmark.
    for (int pass = 0; pass < 2; ++pass) { // the second run replays nothing new and shows the same
        run = cli(2, {QStringLiteral("feed")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Rendez-vous à 10 h")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QStringLiteral("Rendez-vous à 9 h")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("edited")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("> Papal")) || run.out.contains(QStringLiteral("Le lac est gelé")),
                 qPrintable(run.out));
        run = cli(2, {QStringLiteral("bookmarks")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith(m_friendPost + QStringLiteral("  ")), qPrintable(run.out));
        QCOMPARE(run.out.count(QStringLiteral("Le lac est gelé")), 1);
    }
    // Private: the friend's API never lists this account's bookmarks.
    auto theirs = waitTask(m_friend->api->get(QStringLiteral("/v1/bookmarks")));
    QVERIFY(theirs);
    QCOMPARE(theirs->body.value(QStringLiteral("items")).toArray().size(), 0);

    // Device 2 takes the bookmark back; device 1 hears of it.
    run = cli(2, {QStringLiteral("post"), QStringLiteral("unbookmark"), m_friendPost});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(1, {QStringLiteral("bookmarks")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("no bookmarks")), qPrintable(run.out));
}

void PostActionsTest::deleteConverges()
{
    // Bookmark the friend's post again, then the friend deletes it: the quote says so and the
    // bookmark goes on both devices; the text is nowhere.
    CliRun run = cli(1, {QStringLiteral("post"), QStringLiteral("bookmark"), m_friendPost});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(waitTask(m_friend->api->del(QStringLiteral("/v1/posts/%1").arg(m_friendPost))));
    for (int device : {1, 2}) {
        run = cli(device, {QStringLiteral("bookmarks")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("no bookmarks")), qPrintable(run.out));
        run = cli(device, {QStringLiteral("feed")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("(quoted post deleted)")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QStringLiteral("Le lac est gelé")), qPrintable(run.out));
    }

    // Our own post deleted from device 2: gone from device 1's feed too.
    run = cli(2, {QStringLiteral("post"), QStringLiteral("delete"), m_myPost});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(1, {QStringLiteral("feed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(!run.out.contains(QStringLiteral("Rendez-vous")), qPrintable(run.out));
}

void PostActionsTest::refusals()
{
    auto made = waitTask(m_friend->api->post(QStringLiteral("/v1/posts"), {{QStringLiteral("client_id"), QStringLiteral("pal-2")},
                                                                          {QStringLiteral("text"), QStringLiteral("À moi")}}));
    QVERIFY(made);
    const QString theirs = made->body.value(QStringLiteral("id")).toString();
    CliRun run = cli(1, {QStringLiteral("post"), QStringLiteral("edit"), theirs, QStringLiteral("Mine now")});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(!run.err.isEmpty(), qPrintable(run.out));
    run = cli(1, {QStringLiteral("post"), QStringLiteral("delete"), theirs});
    QVERIFY(run.exitCode != 0);
    run = cli(1, {QStringLiteral("post"), QStringLiteral("edit"), theirs, QStringLiteral("   ")});
    QCOMPARE(run.exitCode, 2); // usage: checked before anything is sent
    run = cli(1, {QStringLiteral("post"), QStringLiteral("quote"), QStringLiteral("p_999999"), QStringLiteral("Hm")});
    QVERIFY(run.exitCode != 0);
    auto unchanged = waitTask(m_friend->api->get(QStringLiteral("/v1/posts/%1").arg(theirs)));
    QVERIFY(unchanged);
    QCOMPARE(unchanged->body.value(QStringLiteral("text")).toString(), QStringLiteral("À moi"));
    QVERIFY(unchanged->body.value(QStringLiteral("edited_at")).isNull());
}

void PostActionsTest::offlineRefused()
{
    QVERIFY(m_server->stop());
    const CliRun run = cli(1, {QStringLiteral("post"), QStringLiteral("edit"), QStringLiteral("p_1"), QStringLiteral("x")});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QStringLiteral("needs a connection")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(PostActionsTest)
#include "tst_postactions.moc"
