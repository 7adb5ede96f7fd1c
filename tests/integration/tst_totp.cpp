// SPDX-License-Identifier: MIT
// Two-factor sign-in and step-up through the real client against the real server (its
// test clock frozen, so each code is computed for a known step): Session's code step, the
// security settings, a payment the server wants confirmed (WalletService: refused once,
// never retried on its own, sent again with the same key after the password), and
// plaza-cli login --code, 2fa status and send with --password-stdin.
#include "integrationutil.h"

#include "common/testserver.h"
#include "common/totpcode.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "wallet/walletservice.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("totp password 1");
const QString kPassphrase = QStringLiteral("totp passphrase 1");

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAZA_PASSPHRASE"), kPassphrase);
    return env;
}

} // namespace

using plaza::test::base32Decode;
using plaza::test::totpCode;

class TotpTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionSignsInWithACode();
    void paymentAsksForAStepUp();
    void cliSignsInWithACode();

private:
    //! The server's time, after moving it one step past any code used so far.
    qint64 nextStepSeconds();
    //! A fresh account with two-factor on; its secret.
    QByteArray enrolled(RemoteUser &user);
    CliRun cli(const QStringList &args, const QString &dataDir, const QString &configDir, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(), dataDir, configDir);
    }

    std::unique_ptr<TestServer> m_server;
    net::ApiClient m_control; //!< /v1/test/clock
};

void TotpTest::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"), QStringLiteral("86400")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_control.setBaseUrl(m_server->url());
    net::RequestOptions open;
    open.authenticated = false;
    auto frozen = waitTask(m_control.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}, open));
    QVERIFY(frozen.ok());
}

qint64 TotpTest::nextStepSeconds()
{
    net::RequestOptions open;
    open.authenticated = false;
    auto moved = waitTask(m_control.post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 60}}, open));
    if (!moved)
        return 0;
    return QDateTime::fromString(moved->body.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toSecsSinceEpoch();
}

QByteArray TotpTest::enrolled(RemoteUser &user)
{
    auto setup = waitTask(user.api->post(protocol::endpoints::totpSetup(), {{QStringLiteral("password"), kPassword}}));
    if (!setup)
        return {};
    const QByteArray secret = base32Decode(setup->body.value(QStringLiteral("secret")).toString());
    auto confirmed = waitTask(user.api->post(protocol::endpoints::totpConfirm(),
                                             {{QStringLiteral("code"), totpCode(secret, nextStepSeconds())}}));
    if (!confirmed || confirmed->body.value(QStringLiteral("recovery_codes")).toArray().size() != 10)
        return {};
    return secret;
}

void TotpTest::sessionSignsInWithACode()
{
    auto user = registerUser(m_server->url(), QStringLiteral("twofa"), kPassword);
    QVERIFY(user);
    const QByteArray secret = enrolled(*user);
    QVERIFY(!secret.isEmpty());

    SessionFixture device;
    Session &session = *device.session;
    session.signIn(m_server->url().toString(), user->handle, kPassword);
    QVERIFY(waitIdle(session));
    QVERIFY(session.signInCodeRequired());
    QVERIFY(session.state() != Session::State::Ready);
    QCOMPARE(session.errorCode(), QString());

    // A wrong code keeps the step and says why.
    const qint64 now = nextStepSeconds();
    session.submitSignInCode(totpCode(secret, now + 300));
    QVERIFY(waitIdle(session));
    QVERIFY(session.signInCodeRequired());
    QCOMPARE(session.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(session.errorReason(), QStringLiteral("totp_invalid"));

    session.submitSignInCode(totpCode(secret, now));
    QVERIFY(waitIdle(session));
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(session));
    }
    QCOMPARE(session.state(), Session::State::Ready);
    QVERIFY(!session.signInCodeRequired());
    QCOMPARE(session.handle(), user->handle);

    session.loadSecurity();
    QTRY_COMPARE_WITH_TIMEOUT(session.securityStatus(), QStringLiteral("ready"), 10000);
    QVERIFY(session.totpEnabled());
    QCOMPARE(session.stepUpThreshold(), qint64(-1));
}

void TotpTest::paymentAsksForAStepUp()
{
    auto user = registerUser(m_server->url(), QStringLiteral("stepup"), kPassword);
    QVERIFY(user);
    auto payee = registerUser(m_server->url(), QStringLiteral("payee"), kPassword);
    QVERIFY(payee);
    const QByteArray secret = enrolled(*user);
    QVERIFY(!secret.isEmpty());

    SessionFixture device;
    Session &session = *device.session;
    session.signIn(m_server->url().toString(), user->handle, kPassword);
    QVERIFY(waitIdle(session));
    QVERIFY(session.signInCodeRequired());
    session.submitSignInCode(totpCode(secret, nextStepSeconds()));
    QVERIFY(waitIdle(session));
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(session));
    }
    QCOMPARE(session.state(), Session::State::Ready);

    wallet::WalletService wallet(&session);
    QVERIFY(wallet.start().ok());
    auto topUp = waitTask(wallet.topUp(Money(5000, QStringLiteral("EUR")), QStringLiteral("tok_visa")));
    QVERIFY(topUp.ok());

    // The session signed in a moment ago: even a small payment asks.
    auto sent = waitTask(wallet.send(QStringLiteral("@") + payee->handle, Money(1250, QStringLiteral("EUR")), QStringLiteral("lunch")));
    QVERIFY(!sent.ok());
    QVERIFY(wallet::WalletService::isStepUpRequired(sent.error()));
    QCOMPARE(sent.error().details.value(QStringLiteral("why")).toString(), QStringLiteral("new_session"));
    const QString key = sent.error().details.value(QStringLiteral("intent_key")).toString();
    QVERIFY(!key.isEmpty());
    // Definitive for that try: nothing left to retry in the background (no loop).
    QCOMPARE(wallet.pendingCount(), 0);
    auto retried = waitTask(wallet.retryPending());
    QVERIFY(retried.ok());
    QCOMPARE(*retried, 0);

    // A wrong password is refused and moves nothing.
    auto wrong = waitTask(session.stepUpToken(QStringLiteral("not my password"), false));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().details.value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_password"));
    QCOMPARE(session.state(), Session::State::Ready); // a 403, not a sign-out

    auto token = waitTask(session.stepUpToken(kPassword, false));
    QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().message));
    auto paid = waitTask(wallet.retryWithStepUp(key, *token));
    QVERIFY2(paid.ok(), paid.ok() ? "" : qPrintable(paid.error().message));
    QCOMPARE(paid->state, wallet::PaymentIntent::State::Completed);
    QCOMPARE(paid->key, key);
    QCOMPARE(paid->answer.value(QStringLiteral("note")).toString(), QStringLiteral("lunch"));
    // The outbox records the payment as done, not as the refusal before the step-up.
    auto stored = wallet.outbox()->find(key);
    QVERIFY(stored.ok());
    QCOMPARE(stored->state, wallet::PaymentIntent::State::Completed);
    QCOMPARE(stored->transactionId, paid->answer.value(QStringLiteral("id")).toString());
    // Asking again for the same intent gives the stored answer, not a second payment.
    auto again = waitTask(wallet.retryWithStepUp(key, QString()));
    QVERIFY(again.ok());
    QCOMPARE(again->answer.value(QStringLiteral("id")), paid->answer.value(QStringLiteral("id")));
    auto balance = waitTask(wallet.fetchWallet());
    QVERIFY(balance.ok());
    QCOMPARE(balance->value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toInteger(), 5000 - 1250);

    // A code works as the proof too.
    auto second = waitTask(wallet.send(QStringLiteral("@") + payee->handle, Money(100, QStringLiteral("EUR")), QString()));
    QVERIFY(!second.ok());
    auto byCode = waitTask(session.stepUpToken(totpCode(secret, nextStepSeconds()), true));
    QVERIFY(byCode.ok());
    auto paidByCode = waitTask(wallet.retryWithStepUp(second.error().details.value(QStringLiteral("intent_key")).toString(), *byCode));
    QVERIFY(paidByCode.ok());
    QCOMPARE(paidByCode->state, wallet::PaymentIntent::State::Completed);
}

void TotpTest::cliSignsInWithACode()
{
    auto user = registerUser(m_server->url(), QStringLiteral("clitotp"), kPassword);
    QVERIFY(user);
    auto payee = registerUser(m_server->url(), QStringLiteral("clipayee"), kPassword);
    QVERIFY(payee);
    const QByteArray secret = enrolled(*user);
    QVERIFY(!secret.isEmpty());
    QTemporaryDir data;
    QTemporaryDir config;
    const QStringList login{QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("--handle"), user->handle, QStringLiteral("--password-stdin")};

    // Without a code (and no terminal to ask on): a clear refusal, nothing kept.
    CliRun run = cli(login, data.path(), config.path(), kPassword.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--code")), qPrintable(run.err));
    // A wrong code.
    const qint64 now = nextStepSeconds();
    run = cli(login + QStringList{QStringLiteral("--code"), totpCode(secret, now + 600)}, data.path(), config.path(),
              kPassword.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not right")), qPrintable(run.err));
    run = cli(login + QStringList{QStringLiteral("--code"), totpCode(secret, now)}, data.path(), config.path(),
              kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("signed in as @") + user->handle), qPrintable(run.out));

    run = cli({QStringLiteral("2fa"), QStringLiteral("status")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("two-factor sign-in: on")), qPrintable(run.out));

    // A payment on this fresh sign-in asks; the password on stdin confirms it.
    run = cli({QStringLiteral("topup"), QStringLiteral("20"), QStringLiteral("--card"), QStringLiteral("tok_visa")}, data.path(),
              config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("send"), u'@' + payee->handle, QStringLiteral("5")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("--password-stdin")), qPrintable(run.err));
    run = cli({QStringLiteral("send"), u'@' + payee->handle, QStringLiteral("5"), QStringLiteral("--password-stdin")}, data.path(),
              config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(QStringLiteral("sent ")), qPrintable(run.out));
    // One payment, not two: the refused attempt moved nothing.
    run = cli({QStringLiteral("balance")}, data.path(), config.path());
    QVERIFY2(run.out.contains(QStringLiteral("15.00")) || run.out.contains(QStringLiteral("15,00")), qPrintable(run.out));

    // Savings: a deposit never asks; a withdrawal on this young session does, and takes a code.
    run = cli({QStringLiteral("deposit"), QStringLiteral("4")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("withdraw"), QStringLiteral("3")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("--code")), qPrintable(run.err));
    run = cli({QStringLiteral("withdraw"), QStringLiteral("3"), QStringLiteral("--code"), totpCode(secret, nextStepSeconds())},
              data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // The threshold: set from the CLI, shown by status; raising it needs the password.
    run = cli({QStringLiteral("2fa"), QStringLiteral("threshold"), QStringLiteral("50")}, data.path(), config.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("2fa"), QStringLiteral("threshold"), QStringLiteral("80")}, data.path(), config.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("step_up_required")), qPrintable(run.err));
    run = cli({QStringLiteral("2fa"), QStringLiteral("threshold"), QStringLiteral("80"), QStringLiteral("--password-stdin")},
              data.path(), config.path(), kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("2fa")}, data.path(), config.path());
    QVERIFY2(run.out.contains(QStringLiteral("step-up threshold: ")) && run.out.contains(QStringLiteral("80")), qPrintable(run.out));
}

QTEST_MAIN(TotpTest)
#include "tst_totp.moc"
