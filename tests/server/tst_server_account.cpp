// SPDX-License-Identifier: MIT
// The account itself (docs/api.md "Account") against the real plaza-server: changing the
// password (current one checked, new one held to the sign-up rules, every other session
// and its socket ended, wrong guesses throttled with the sign-ins'), and deleting the
// account (refused while money remains, anonymised, ledger history of the other party
// intact, signed out everywhere, never signs in again, handle free again).

#include "apiprobe.h"
#include "common/testserver.h"
#include "wsprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");
const QString kNewPassword = QStringLiteral("staple gun orbit");
constexpr int kCloseWithinMs = 1000;

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

QJsonObject details(const ApiReply &r)
{
    return r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject();
}

} // namespace

class TestServerAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passwordChangeEndsEveryOtherSession();
    void passwordChangeRefusals();
    void wrongPasswordsAreThrottled();
    void deletionRefusedWhileMoneyRemains();
    void deletionWithAWrongPasswordChangesNothing();
    void deletionAnonymisesAndSignsOutEverywhere();
    void deletionEndsOpenPaymentRequests();

private:
    TestAccount signIn(const QString &handle, const QString &password = kPassword);
    ApiReply money(const QString &path, const QJsonObject &body, const TestAccount &who);
    ApiReply changePassword(const TestAccount &who, const QString &current, const QString &next);
    ApiReply deleteAccount(const TestAccount &who, const QString &password);
    void advance(int seconds);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
};

void TestServerAccount::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

TestAccount TestServerAccount::signIn(const QString &handle, const QString &password)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"),
                                   {{QStringLiteral("handle"), handle}, {QStringLiteral("password"), password}});
    if (r.status != 200)
        return {};
    TestAccount a;
    a.handle = handle;
    a.id = r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    a.accessToken = r.json.value(QStringLiteral("access_token")).toString();
    a.refreshToken = r.json.value(QStringLiteral("refresh_token")).toString();
    return a;
}

ApiReply TestServerAccount::money(const QString &path, const QJsonObject &body, const TestAccount &who)
{
    return m_api->send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{QByteArrayLiteral("Idempotency-Key"), QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}});
}

ApiReply TestServerAccount::changePassword(const TestAccount &who, const QString &current, const QString &next)
{
    return m_api->post(QStringLiteral("/v1/account/password"),
                       {{QStringLiteral("current_password"), current}, {QStringLiteral("new_password"), next}}, who.accessToken);
}

ApiReply TestServerAccount::deleteAccount(const TestAccount &who, const QString &password)
{
    return m_api->post(QStringLiteral("/v1/account/delete"), {{QStringLiteral("password"), password}}, who.accessToken);
}

void TestServerAccount::advance(int seconds)
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}}).status, 200);
}

void TestServerAccount::passwordChangeEndsEveryOtherSession()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("pw_changer"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount laptop = signIn(a.handle);
    QVERIFY(!laptop.accessToken.isEmpty());
    WsProbe laptopWs(m_server->url());
    QVERIFY(laptopWs.open(laptop.accessToken));
    QCOMPARE(laptopWs.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    WsProbe mineWs(m_server->url());
    QVERIFY(mineWs.open(a.accessToken));
    QCOMPARE(mineWs.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    const ApiReply r = changePassword(a, kPassword, kNewPassword);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("ended")).toInteger(), 1);

    // The other session is gone at once: its token, its refresh token, its socket.
    QVERIFY(laptopWs.waitClosed(kCloseWithinMs));
    QCOMPARE(int(laptopWs.closeCode()), 4401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), laptop.accessToken).status, 401);
    QCOMPARE(m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), laptop.refreshToken}}).status, 401);
    // This one stays, socket included.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 200);
    QVERIFY(mineWs.isConnected());
    mineWs.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
    QCOMPARE(mineWs.next().value(QStringLiteral("type")).toString(), QStringLiteral("pong"));

    // Only the new password signs in.
    QVERIFY(signIn(a.handle, kPassword).accessToken.isEmpty());
    QVERIFY(!signIn(a.handle, kNewPassword).accessToken.isEmpty());
}

void TestServerAccount::passwordChangeRefusals()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("pw_refused"));
    QVERIFY(!a.id.isEmpty());
    const TestAccount laptop = signIn(a.handle);
    QVERIFY(!laptop.accessToken.isEmpty());

    // A wrong current password: 403 with a reason, not 401 (the session is fine).
    ApiReply r = changePassword(a, QStringLiteral("not my password"), kNewPassword);
    QCOMPARE(r.status, 403);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(details(r).value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_password"));
    QCOMPARE(r.errorField(), QStringLiteral("current_password"));

    // The new one is held to the sign-up rules: 8 to 128 characters.
    r = changePassword(a, kPassword, QStringLiteral("short"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("new_password"));
    QVERIFY2(r.errorMessage().contains(QStringLiteral("8 to 128")), qPrintable(r.errorMessage()));
    r = changePassword(a, kPassword, QString(129, u'x'));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("new_password"));
    // Sign-up says the same.
    const ApiReply signUp = m_api->post(QStringLiteral("/v1/auth/register"),
                                        {{QStringLiteral("handle"), QStringLiteral("pw_short")},
                                         {QStringLiteral("display_name"), QStringLiteral("Short")},
                                         {QStringLiteral("password"), QStringLiteral("short")}});
    QCOMPARE(signUp.status, 400);
    QCOMPARE(signUp.errorMessage(), QStringLiteral("password must be 8 to 128 characters"));
    // The same password again is no change.
    r = changePassword(a, kPassword, kPassword);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("new_password"));
    // Missing fields, and no token.
    r = m_api->post(QStringLiteral("/v1/account/password"), {{QStringLiteral("new_password"), kNewPassword}}, a.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("current_password"));
    QCOMPARE(changePassword(TestAccount{}, kPassword, kNewPassword).status, 401);

    // Nothing changed: both sessions live, the old password still signs in.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), laptop.accessToken).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 200);
    QVERIFY(!signIn(a.handle, kPassword).accessToken.isEmpty());
}

void TestServerAccount::wrongPasswordsAreThrottled()
{
    // A stolen session cannot guess the password faster than a sign-in could: the wrong
    // guesses count against the handle, like wrong sign-ins.
    const TestAccount a = m_api->registerAccount(QStringLiteral("pw_guessed"));
    QVERIFY(!a.id.isEmpty());
    int refusedAfter = -1;
    for (int i = 0; i < 8; ++i) {
        const ApiReply r = changePassword(a, QStringLiteral("guess number %1").arg(i), kNewPassword);
        if (r.status == 429) {
            QCOMPARE(details(r).value(QStringLiteral("scope")).toString(), QStringLiteral("handle"));
            QVERIFY(!r.header("Retry-After").isEmpty());
            refusedAfter = i;
            break;
        }
        QCOMPARE(r.status, 403);
    }
    QCOMPARE(refusedAfter, 4); // 3 free failures, the 4th starts the delay
    // Sign-ins with that handle wait too.
    const ApiReply login = m_api->post(QStringLiteral("/v1/auth/login"),
                                       {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(login.status, 429);
    // Once the delay has passed, the right password works.
    advance(60);
    QCOMPARE(changePassword(a, kPassword, kNewPassword).status, 200);
}

void TestServerAccount::deletionRefusedWhileMoneyRemains()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("del_rich"));
    QVERIFY(!a.id.isEmpty());
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                   {{QStringLiteral("amount"), eur(1500)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}, a)
                 .status,
             201);

    ApiReply r = deleteAccount(a, kPassword);
    QCOMPARE(r.status, 409);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(details(r).value(QStringLiteral("reason")).toString(), QStringLiteral("balance_not_zero"));
    QCOMPARE(details(r).value(QStringLiteral("wallet")).toInteger(), 1500);
    QCOMPARE(details(r).value(QStringLiteral("savings")).toInteger(), 0);

    // Money in savings counts too.
    QCOMPARE(money(QStringLiteral("/v1/savings/deposits"), {{QStringLiteral("amount"), eur(1500)}}, a).status, 201);
    r = deleteAccount(a, kPassword);
    QCOMPARE(r.status, 409);
    QCOMPARE(details(r).value(QStringLiteral("wallet")).toInteger(), 0);
    QCOMPARE(details(r).value(QStringLiteral("savings")).toInteger(), 1500);

    // Still there, still signed in.
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 200);
    QVERIFY(!signIn(a.handle).accessToken.isEmpty());
}

void TestServerAccount::deletionWithAWrongPasswordChangesNothing()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("del_wrong"));
    QVERIFY(!a.id.isEmpty());
    const ApiReply r = deleteAccount(a, QStringLiteral("not my password"));
    QCOMPARE(r.status, 403);
    QCOMPARE(details(r).value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_password"));
    QCOMPARE(r.errorField(), QStringLiteral("password"));
    QCOMPARE(m_api->post(QStringLiteral("/v1/account/delete"), {}, a.accessToken).status, 400);
    const ApiReply me = m_api->get(QStringLiteral("/v1/me"), a.accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("handle")).toString(), a.handle);
}

void TestServerAccount::deletionAnonymisesAndSignsOutEverywhere()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("del_me"), QStringLiteral("Leaving Soon"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("del_friend"), QStringLiteral("Staying Here"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
    // Some history with b: a pays b, b pays back less, a sends the rest to b. Follows both ways.
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"),
                   {{QStringLiteral("amount"), eur(2000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}, a)
                 .status,
             201);
    QCOMPARE(money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1200)}}, a).status, 201);
    QCOMPARE(money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), a.id}, {QStringLiteral("amount"), eur(200)}}, b).status, 201);
    QCOMPARE(money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1000)}}, a).status, 201);
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/") + b.id + QStringLiteral("/follow"), {}, a.accessToken).status / 100, 2);
    QCOMPARE(m_api->post(QStringLiteral("/v1/users/") + a.id + QStringLiteral("/follow"), {}, b.accessToken).status / 100, 2);
    const ApiReply before = m_api->get(QStringLiteral("/v1/wallet/transactions"), b.accessToken);
    QCOMPARE(before.status, 200);
    const QJsonArray historyBefore = before.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(historyBefore.size(), 3);
    const ApiReply bBefore = m_api->get(QStringLiteral("/v1/me"), b.accessToken);

    const TestAccount laptop = signIn(a.handle);
    QVERIFY(!laptop.accessToken.isEmpty());
    WsProbe ws(m_server->url());
    QVERIFY(ws.open(laptop.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    const ApiReply r = deleteAccount(a, kPassword);
    QCOMPARE(r.status, 204);

    // Signed out everywhere, sockets closed, never signs in again.
    QVERIFY(ws.waitClosed(kCloseWithinMs));
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), a.accessToken).status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), laptop.accessToken).status, 401);
    QCOMPARE(m_api->post(QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refresh_token"), a.refreshToken}}).status, 401);
    const ApiReply again = m_api->post(QStringLiteral("/v1/auth/login"),
                                       {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(again.status, 401);

    // The user reads as deleted; the old handle finds nobody and is free to register.
    const ApiReply user = m_api->get(QStringLiteral("/v1/users/") + a.id, b.accessToken);
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json.value(QStringLiteral("display_name")).toString(), QStringLiteral("Deleted account"));
    QCOMPARE(user.json.value(QStringLiteral("handle")).toString(), QStringLiteral("~deleted_") + a.id.mid(2));
    QCOMPARE(user.json.value(QStringLiteral("followed_by_me")).toBool(), false);
    const ApiReply byHandle = m_api->get(QStringLiteral("/v1/users?query=del_me"), b.accessToken);
    QCOMPARE(byHandle.status, 200);
    QCOMPARE(byHandle.json.value(QStringLiteral("items")).toArray().size(), 0);
    const ApiReply search = m_api->get(QStringLiteral("/v1/users?query=Deleted"), b.accessToken);
    QCOMPARE(search.status, 200);
    QCOMPARE(search.json.value(QStringLiteral("items")).toArray().size(), 0);
    const ApiReply bAfter = m_api->get(QStringLiteral("/v1/me"), b.accessToken);
    QCOMPARE(bAfter.json.value(QStringLiteral("followers")).toInteger(),
             bBefore.json.value(QStringLiteral("followers")).toInteger() - 1);
    QCOMPARE(bAfter.json.value(QStringLiteral("following")).toInteger(),
             bBefore.json.value(QStringLiteral("following")).toInteger() - 1);

    // b's money history is whole: the same transactions, amounts and balances, the
    // counterparty now anonymised.
    const ApiReply after = m_api->get(QStringLiteral("/v1/wallet/transactions"), b.accessToken);
    QCOMPARE(after.status, 200);
    const QJsonArray historyAfter = after.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(historyAfter.size(), historyBefore.size());
    for (int i = 0; i < historyAfter.size(); ++i) {
        QJsonObject was = historyBefore.at(i).toObject();
        QJsonObject now = historyAfter.at(i).toObject();
        QCOMPARE(now.value(QStringLiteral("counterparty")).toObject().value(QStringLiteral("id")).toString(), a.id);
        QCOMPARE(now.value(QStringLiteral("counterparty")).toObject().value(QStringLiteral("display_name")).toString(),
                 QStringLiteral("Deleted account"));
        was.remove(QStringLiteral("counterparty"));
        now.remove(QStringLiteral("counterparty"));
        QCOMPARE(now, was);
    }
    const ApiReply wallet = m_api->get(QStringLiteral("/v1/wallet"), b.accessToken);
    QCOMPARE(wallet.json.value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toInteger(), 2000);

    // Nobody can pay a deleted account.
    const ApiReply pay = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), a.id}, {QStringLiteral("amount"), eur(100)}}, b);
    QCOMPARE(pay.status, 422);
    QCOMPARE(pay.errorCode(), QStringLiteral("recipient_unavailable"));
    QCOMPARE(details(pay).value(QStringLiteral("reason")).toString(), QStringLiteral("account_deleted"));

    // The handle is free again, for a new and unrelated account.
    const TestAccount newcomer = m_api->registerAccount(QStringLiteral("del_me"), QStringLiteral("New Person"));
    QVERIFY(!newcomer.id.isEmpty());
    QVERIFY(newcomer.id != a.id);
}

void TestServerAccount::deletionEndsOpenPaymentRequests()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("del_asker"), QStringLiteral("Asks Then Leaves"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("del_payer"), QStringLiteral("Was Asked"));
    const TestAccount c = m_api->registerAccount(QStringLiteral("del_bystander"), QStringLiteral("Not Involved"));
    QVERIFY(!a.id.isEmpty() && !b.id.isEmpty() && !c.id.isEmpty());
    const auto ask = [this](const TestAccount &asker, const TestAccount &payer, qint64 amount) {
        const ApiReply r = money(QStringLiteral("/v1/payment-requests"),
                                 {{QStringLiteral("amount"), eur(amount)}, {QStringLiteral("payer"), payer.id}}, asker);
        return r.status == 201 ? r.json.value(QStringLiteral("id")).toString() : QString();
    };
    const QString aAsksB = ask(a, b, 500);
    const QString bAsksA = ask(b, a, 300);
    const QString bAsksC = ask(b, c, 200); // not the leaver's: stays open
    QVERIFY(!aAsksB.isEmpty() && !bAsksA.isEmpty() && !bAsksC.isEmpty());
    const ApiReply linkOnly = money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur(700)}}, a);
    QCOMPARE(linkOnly.status, 201);
    const QString aAsksAnyone = linkOnly.json.value(QStringLiteral("id")).toString();

    WsProbe ws(m_server->url());
    QVERIFY(ws.open(b.accessToken));
    QCOMPARE(ws.next().value(QStringLiteral("type")).toString(), QStringLiteral("hello"));

    QCOMPARE(deleteAccount(a, kPassword).status, 204);

    const auto statusOf = [this, &b](const QString &id) {
        return m_api->get(QStringLiteral("/v1/payment-requests/") + id, b.accessToken)
            .json.value(QStringLiteral("status"))
            .toString();
    };
    QCOMPARE(statusOf(aAsksB), QStringLiteral("cancelled"));
    QCOMPARE(statusOf(bAsksA), QStringLiteral("declined"));
    QCOMPARE(statusOf(bAsksC), QStringLiteral("open"));
    QCOMPARE(statusOf(aAsksAnyone), QStringLiteral("cancelled"));
    // b hears of both of its requests live, as it does of any change of state.
    QSet<QString> heard;
    for (int i = 0; i < 10 && heard.size() < 2; ++i) {
        const QJsonObject event = ws.next();
        if (event.isEmpty())
            break;
        const QJsonObject data = event.value(QStringLiteral("data")).toObject();
        if (event.value(QStringLiteral("type")).toString() == QStringLiteral("payment_request.updated")
            && data.value(QStringLiteral("status")).toString() != QStringLiteral("open"))
            heard.insert(data.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(heard, (QSet<QString>{aAsksB, bAsksA}));
    // Paying the leaver's request is refused as for any request that is no longer open.
    const ApiReply pay = money(QStringLiteral("/v1/payment-requests/") + aAsksB + QStringLiteral("/pay"), {}, b);
    QCOMPARE(pay.status, 409);
    QCOMPARE(details(pay).value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(TestServerAccount)
#include "tst_server_account.moc"
