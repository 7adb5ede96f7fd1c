// SPDX-License-Identifier: MIT
// Sessions you can see and end, through the real client: one device ends another's
// session (its live socket closes, its next request is refused and it shows "signed out",
// as for a refused refresh), and plaza-cli sessions lists and ends them.
#include "integrationutil.h"

#include "common/testserver.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("sessions password 1");
const QString kPassphrase = QStringLiteral("sessions passphrase 1");

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_PASSPHRASE"), kPassphrase);
    return env;
}

//! The sessions \a api's account has, as GET /v1/sessions lists them.
QJsonArray sessionsOf(net::ApiClient &api)
{
    auto reply = waitTask(api.get(protocol::endpoints::sessions()));
    if (!reply) {
        qWarning() << "GET /v1/sessions failed:" << reply.error().codeName();
        return {};
    }
    return reply->body.value(QStringLiteral("items")).toArray();
}

QString currentId(net::ApiClient &api)
{
    for (const QJsonValue &item : sessionsOf(api)) {
        if (item.toObject().value(QStringLiteral("current")).toBool())
            return item.toObject().value(QStringLiteral("id")).toString();
    }
    return {};
}

//! Signs \a session in as \a handle (+ the passphrase) and waits for Ready.
bool signIn(Session &session, const QUrl &server, const QString &handle)
{
    session.signIn(server.toString(), handle, kPassword);
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}
} // namespace

class SessionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void endedSessionIsSignedOutAndItsSocketCloses();
    void cliListsAndEndsSessions();

private:
    CliRun cli(const QStringList &args, const QString &dataDir, const QString &configDir, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(), dataDir, configDir);
    }

    std::unique_ptr<TestServer> m_server;
};

void SessionsTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void SessionsTest::endedSessionIsSignedOutAndItsSocketCloses()
{
    SessionFixture first;
    SessionFixture second;
    const QString handle = uniqueHandle(QStringLiteral("ender"));
    QVERIFY(createAccount(*first.session, m_server->url(), handle, QStringLiteral("Ender"), kPassword, kPassphrase));
    QVERIFY(signIn(*second.session, m_server->url(), handle));
    QTRY_VERIFY_WITH_TIMEOUT(second.session->online(), 15000);
    const QString cachePath = second.session->cachePath();

    // The first device sees both, with the device and OS the client sent.
    const QJsonArray items = sessionsOf(*first.session->api());
    QCOMPARE(items.size(), 2);
    for (const QJsonValue &item : items) {
        QCOMPARE(item.toObject().value(QStringLiteral("device_name")).toString(),
                 QSysInfo::machineHostName().simplified().left(64));
        QCOMPARE(item.toObject().value(QStringLiteral("platform")).toString(), QSysInfo::prettyProductName().simplified().left(64));
    }
    const QString secondId = currentId(*second.session->api());
    QVERIFY(!secondId.isEmpty());
    QVERIFY(secondId != currentId(*first.session->api()));
    // What the second device holds now, to replay after it has forgotten them.
    const QString access = second.session->api()->accessToken();
    const QString refresh = second.session->api()->refreshToken();

    QSignalSpy online(second.session.get(), &Session::onlineChanged);
    auto ended = waitTask(first.session->api()->del(protocol::endpoints::session(secondId)));
    QVERIFY2(ended.ok(), ended.ok() ? "" : qPrintable(ended.error().codeName()));

    // Its socket closes, and it ends signed out the way a refused refresh leaves it:
    // tokens forgotten, the cache kept.
    QTRY_VERIFY_WITH_TIMEOUT(!online.isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(second.session->state(), Session::State::SignedOut, 15000);
    QCOMPARE(second.session->errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(!second.session->online());
    QVERIFY(QFile::exists(cachePath));
    // Its tokens are dead on the server, not only forgotten.
    net::ApiClient replay;
    replay.setBaseUrl(m_server->url());
    replay.setTokens(access, refresh);
    auto me = waitTask(replay.get(QStringLiteral("/v1/me")));
    QVERIFY(!me.ok());
    QCOMPARE(me.error().code, ErrorCode::Unauthorized);

    // The first device carries on.
    QCOMPARE(first.session->state(), Session::State::Ready);
    QVERIFY(waitTask(first.session->api()->get(QStringLiteral("/v1/me"))).ok());
    QCOMPARE(sessionsOf(*first.session->api()).size(), 1);
}

void SessionsTest::cliListsAndEndsSessions()
{
    QTemporaryDir data;
    QTemporaryDir config;
    const QString handle = uniqueHandle(QStringLiteral("clises"));
    CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"),
                      handle, QStringLiteral("--password-stdin")},
                     data.path(), config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // Another device of the same account.
    SessionFixture other;
    QVERIFY(signIn(*other.session, m_server->url(), handle));
    const QString otherId = currentId(*other.session->api());
    QVERIFY(!otherId.isEmpty());

    run = cli({QStringLiteral("sessions")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QStringList marked;
    for (const QString &line : lines) {
        if (line.startsWith(u'*'))
            marked.append(line);
        QVERIFY2(line.contains(QStringLiteral("127.0.x.x")), qPrintable(line));
    }
    QCOMPARE(marked.size(), 1);
    QVERIFY2(marked.constFirst().contains(QStringLiteral("(this device)")), qPrintable(marked.constFirst()));
    QVERIFY2(!marked.constFirst().contains(otherId + u' '), qPrintable(marked.constFirst()));
    const QString mine = marked.constFirst().section(u' ', 1, 1);
    QVERIFY(mine.startsWith(QStringLiteral("s_")));
    QCOMPARE(cli({QStringLiteral("sessions"), QStringLiteral("list")}, data.path(), config.path()).out, run.out);

    // Clear refusals.
    run = cli({QStringLiteral("sessions"), QStringLiteral("end")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--others")), qPrintable(run.err));
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), otherId, QStringLiteral("--others")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("sessions"), QStringLiteral("drop")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), mine}, data.path(), config.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("plaza-cli logout")), qPrintable(run.err));
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), QStringLiteral("s_999999")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no session s_999999")), qPrintable(run.err));

    // End the other device's session: it is signed out.
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), otherId}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("ended ") + otherId), qPrintable(run.out));
    QTRY_COMPARE_WITH_TIMEOUT(other.session->state(), Session::State::SignedOut, 15000);
    run = cli({QStringLiteral("sessions")}, data.path(), config.path());
    QCOMPARE(run.out.trimmed().split(u'\n').size(), 1);

    // A second terminal of the account, then "all others" from the first.
    QTemporaryDir data2;
    QTemporaryDir config2;
    run = cli({QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--handle"), handle,
               QStringLiteral("--password-stdin")},
              data2.path(), config2.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), QStringLiteral("--others")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("ended 1 other session")), qPrintable(run.out));
    // The ended terminal learns it at its next request.
    run = cli({QStringLiteral("sessions")}, data2.path(), config2.path());
    QCOMPARE(run.exitCode, 3);
    // Said by the command's refused request, or by the sync that opening the cache started.
    QVERIFY2(run.err.contains(QStringLiteral("signed out")) || run.err.contains(QStringLiteral("Sign in again")),
             qPrintable(run.err));
    run = cli({QStringLiteral("sessions"), QStringLiteral("end"), QStringLiteral("--others")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), QStringLiteral("no other session to end"));
}

QTEST_GUILESS_MAIN(SessionsTest)
#include "tst_sessions.moc"
