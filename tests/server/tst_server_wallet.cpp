// SPDX-License-Identifier: MIT
// The wallet against the real plaza-server (with its demo world): balances and limits,
// top-ups, transfers, validation, history, payments in conversations, payment requests,
// refunds, events in both parties' logs, and the ledger's invariants after 50 concurrent
// transfers from one account (checked in the database file after a clean stop).

#include "apiprobe.h"
#include "common/testserver.h"
#include "ledgercheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace plaza::test;

namespace {

QJsonObject eur(qint64 amount)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString at(const TestAccount &who)
{
    return QStringLiteral("@") + who.handle;
}

qint64 amountOf(const QJsonValue &money)
{
    return money.toObject().value(QStringLiteral("amount")).toInteger(-1);
}

} // namespace

class TestServerWallet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyWallet();
    void topUps();
    void amountValidation_data();
    void amountValidation();
    void transferRefusals();
    void transferAndEvents();
    void dailyLimit();
    void history();
    void paymentInConversation();
    void paymentRequests();
    void openRequestByLink();
    void refundOnce();
    void demoWorld();
    void concurrentTransfersKeepTheLedger();
    void ledgerOfTheWholeSuite();

private:
    ApiReply money(const QString &path, const QJsonObject &body, const TestAccount &who, const QString &key = newKey());
    ApiReply topUp(const TestAccount &who, qint64 amount);
    qint64 balance(const TestAccount &who);
    QList<QJsonObject> events(const TestAccount &who, const QString &type);
    TestAccount fresh(const QString &prefix);
    TestAccount login(const QString &handle);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
};

void TestServerWallet::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

ApiReply TestServerWallet::money(const QString &path, const QJsonObject &body, const TestAccount &who, const QString &key)
{
    return m_api->send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}});
}

ApiReply TestServerWallet::topUp(const TestAccount &who, qint64 amount)
{
    return money(QStringLiteral("/v1/wallet/top-ups"),
                 {{QStringLiteral("amount"), eur(amount)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}, who);
}

qint64 TestServerWallet::balance(const TestAccount &who)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/wallet"), who.accessToken);
    return r.status == 200 ? amountOf(r.json.value(QStringLiteral("balance"))) : -1;
}

QList<QJsonObject> TestServerWallet::events(const TestAccount &who, const QString &type)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    QList<QJsonObject> found;
    for (const QJsonValue &e : r.json.value(QStringLiteral("events")).toArray()) {
        if (e[QStringLiteral("type")].toString() == type)
            found.append(e[QStringLiteral("data")].toObject());
    }
    return found;
}

TestAccount TestServerWallet::fresh(const QString &prefix)
{
    return m_api->registerAccount(QStringLiteral("%1_%2").arg(prefix).arg(++m_accounts));
}

TestAccount TestServerWallet::login(const QString &handle)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"),
                                   {{QStringLiteral("handle"), handle}, {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    return TestAccount{r.json[QStringLiteral("user")][QStringLiteral("id")].toString(), handle,
                       r.json.value(QStringLiteral("access_token")).toString(), {}};
}

void TestServerWallet::emptyWallet()
{
    const TestAccount a = fresh(QStringLiteral("empty"));
    const ApiReply r = m_api->get(QStringLiteral("/v1/wallet"), a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("balance")).toObject(), eur(0));
    QCOMPARE(r.json.value(QStringLiteral("available")).toObject(), eur(0));
    QCOMPARE(r.json.value(QStringLiteral("verification")).toString(), QStringLiteral("basic"));
    const QJsonObject limits = r.json.value(QStringLiteral("limits")).toObject();
    QCOMPARE(limits.value(QStringLiteral("per_payment")).toObject(), eur(25000));
    QCOMPARE(limits.value(QStringLiteral("daily")).toObject(), eur(100000));
    QCOMPARE(limits.value(QStringLiteral("remaining_today")).toObject(), eur(100000));
    QVERIFY(r.json.value(QStringLiteral("as_of")).toString().endsWith(u'Z'));
    QCOMPARE(m_api->get(QStringLiteral("/v1/wallet")).status, 401);
    const ApiReply list = m_api->get(QStringLiteral("/v1/wallet/transactions"), a.accessToken);
    QCOMPARE(list.status, 200);
    QVERIFY(list.json.value(QStringLiteral("items")).toArray().isEmpty());
}

void TestServerWallet::topUps()
{
    const TestAccount a = fresh(QStringLiteral("topup"));
    const ApiReply ok = topUp(a, 12345);
    QCOMPARE(ok.status, 201);
    QCOMPARE(ok.json.value(QStringLiteral("kind")).toString(), QStringLiteral("top_up"));
    QCOMPARE(ok.json.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QCOMPARE(ok.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(ok.json.value(QStringLiteral("amount")).toObject(), eur(12345));
    QCOMPARE(ok.json.value(QStringLiteral("balance_after")).toObject(), eur(12345));
    QVERIFY(ok.json.value(QStringLiteral("counterparty")).isNull());
    QCOMPARE(balance(a), 12345);

    const ApiReply declined = money(QStringLiteral("/v1/wallet/top-ups"),
                                    {{QStringLiteral("amount"), eur(500)}, {QStringLiteral("card_token"), QStringLiteral("tok_declined")}}, a);
    QCOMPARE(declined.status, 402);
    QVERIFY(declined.isEnvelope());
    QCOMPARE(declined.errorCode(), QStringLiteral("card_declined"));
    QCOMPARE(balance(a), 12345);

    const ApiReply unknownCard = money(QStringLiteral("/v1/wallet/top-ups"),
                                       {{QStringLiteral("amount"), eur(500)}, {QStringLiteral("card_token"), QStringLiteral("tok_x")}}, a);
    QCOMPARE(unknownCard.status, 400);
    QCOMPARE(unknownCard.errorField(), QStringLiteral("card_token"));
    const ApiReply overLimit = topUp(a, 25001);
    QCOMPARE(overLimit.status, 422);
    QCOMPARE(overLimit.errorCode(), QStringLiteral("limit_exceeded"));
    QCOMPARE(balance(a), 12345);
    QCOMPARE(events(a, QStringLiteral("transaction.created")).size(), 1);
}

void TestServerWallet::amountValidation_data()
{
    QTest::addColumn<QByteArray>("amountJson");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString invalid = QStringLiteral("invalid_amount");
    QTest::newRow("string") << QByteArray(R"({"amount":"100","currency":"EUR"})") << 400 << invalid;
    QTest::newRow("fraction") << QByteArray(R"({"amount":12.5,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("negative") << QByteArray(R"({"amount":-5,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("zero") << QByteArray(R"({"amount":0,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("boolean") << QByteArray(R"({"amount":true,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("too big") << QByteArray(R"({"amount":100000000001,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("huge") << QByteArray(R"({"amount":1e30,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("null") << QByteArray(R"({"amount":null,"currency":"EUR"})") << 400 << invalid;
    QTest::newRow("no currency") << QByteArray(R"({"amount":100})") << 400 << invalid;
    QTest::newRow("bad currency") << QByteArray(R"({"amount":100,"currency":"eur"})") << 400 << invalid;
    QTest::newRow("bare number") << QByteArray("100") << 400 << invalid;
    QTest::newRow("other currency") << QByteArray(R"({"amount":100,"currency":"USD"})") << 422 << QStringLiteral("currency_mismatch");
}

void TestServerWallet::amountValidation()
{
    QFETCH(QByteArray, amountJson);
    QFETCH(int, status);
    QFETCH(QString, code);
    static const TestAccount a = fresh(QStringLiteral("amounts"));
    static const TestAccount b = fresh(QStringLiteral("amountsb"));
    static const bool funded = topUp(a, 20000).status == 201;
    QVERIFY(funded);
    const QByteArray to = "\"@" + b.handle.toLatin1() + "\"";
    const QList<QPair<QString, QByteArray>> endpoints{
        {QStringLiteral("/v1/transfers"), "{\"to\":" + to + ",\"amount\":" + amountJson + "}"},
        {QStringLiteral("/v1/wallet/top-ups"), "{\"card_token\":\"tok_visa\",\"amount\":" + amountJson + "}"},
        {QStringLiteral("/v1/payment-requests"), "{\"note\":\"x\",\"amount\":" + amountJson + "}"},
    };
    for (const auto &[path, body] : endpoints) {
        const ApiReply r = m_api->send(QByteArrayLiteral("POST"), path, body, a.accessToken,
                                       {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
        QCOMPARE(r.status, status);
        QVERIFY(r.isEnvelope());
        QCOMPARE(r.errorCode(), code);
    }
    QCOMPARE(balance(a), 20000);
    QCOMPARE(balance(b), 0);
}

void TestServerWallet::transferRefusals()
{
    const TestAccount a = fresh(QStringLiteral("refuse"));
    const TestAccount b = fresh(QStringLiteral("refuseb"));
    QCOMPARE(topUp(a, 5000).status, 201);
    auto transfer = [&](const QJsonObject &body) { return money(QStringLiteral("/v1/transfers"), body, a); };

    ApiReply r = transfer({{QStringLiteral("to"), a.id}, {QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("self_payment"));
    r = transfer({{QStringLiteral("to"), at(a)}, {QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.errorCode(), QStringLiteral("self_payment"));
    r = transfer({{QStringLiteral("to"), QStringLiteral("@nobody_here")}, {QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorField(), QStringLiteral("to"));
    r = transfer({{QStringLiteral("to"), QStringLiteral("u_999999")}, {QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.status, 404);
    r = transfer({{QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("to"));
    r = transfer({{QStringLiteral("to"), 42}, {QStringLiteral("amount"), eur(100)}});
    QCOMPARE(r.errorField(), QStringLiteral("to"));
    r = transfer({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(5001)}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
    r = transfer({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(25001)}});
    QCOMPARE(r.errorCode(), QStringLiteral("limit_exceeded"));
    r = transfer({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("note"), QString(141, u'é')}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("note"));
    r = transfer({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("note"), 7}});
    QCOMPARE(r.errorField(), QStringLiteral("note"));
    QCOMPARE(balance(a), 5000);
    QCOMPARE(balance(b), 0);
    // Exactly 140 characters (emoji are one character each) is fine.
    QString note;
    for (int i = 0; i < 140; ++i)
        note += QStringLiteral("💶");
    r = transfer({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("note"), note}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("note")).toString(), note);
}

void TestServerWallet::transferAndEvents()
{
    const TestAccount a = fresh(QStringLiteral("payer"));
    const TestAccount b = fresh(QStringLiteral("payee"));
    QCOMPARE(topUp(a, 10000).status, 201);
    QCOMPARE(topUp(b, 300).status, 201);
    const ApiReply r = money(QStringLiteral("/v1/transfers"),
                             {{QStringLiteral("to"), at(b)}, {QStringLiteral("amount"), eur(2500)},
                              {QStringLiteral("note"), QStringLiteral("Pizza 🍕")}},
                             a);
    QCOMPARE(r.status, 201);
    const QString txId = r.json.value(QStringLiteral("id")).toString();
    QVERIFY(txId.startsWith(QStringLiteral("t_")));
    QCOMPARE(r.json.value(QStringLiteral("kind")).toString(), QStringLiteral("transfer"));
    QCOMPARE(r.json.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    QCOMPARE(r.json.value(QStringLiteral("balance_after")).toObject(), eur(7500));
    QCOMPARE(r.json[QStringLiteral("counterparty")][QStringLiteral("id")].toString(), b.id);
    QCOMPARE(r.json.value(QStringLiteral("note")).toString(), QStringLiteral("Pizza 🍕"));
    QVERIFY(r.json.value(QStringLiteral("request_id")).isNull());
    QVERIFY(r.json.value(QStringLiteral("conversation_id")).isNull());
    QCOMPARE(balance(a), 7500);
    QCOMPARE(balance(b), 2800);

    // Each party's log has the transaction as they see it, and their new wallet.
    const QList<QJsonObject> mine = events(a, QStringLiteral("transaction.created"));
    const QList<QJsonObject> theirs = events(b, QStringLiteral("transaction.created"));
    QCOMPARE(mine.constLast(), r.json);
    QCOMPARE(theirs.constLast().value(QStringLiteral("id")).toString(), txId);
    QCOMPARE(theirs.constLast().value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QCOMPARE(theirs.constLast().value(QStringLiteral("balance_after")).toObject(), eur(2800));
    QCOMPARE(theirs.constLast()[QStringLiteral("counterparty")][QStringLiteral("id")].toString(), a.id);
    QCOMPARE(events(a, QStringLiteral("wallet.updated")).constLast().value(QStringLiteral("balance")).toObject(), eur(7500));
    const QJsonObject theirWallet = events(b, QStringLiteral("wallet.updated")).constLast();
    QCOMPARE(theirWallet.value(QStringLiteral("balance")).toObject(), eur(2800));
    // The payer's daily allowance shrank; receiving does not touch the payee's.
    QCOMPARE(events(a, QStringLiteral("wallet.updated")).constLast()[QStringLiteral("limits")][QStringLiteral("remaining_today")].toObject(),
             eur(97500));
    QCOMPARE(theirWallet[QStringLiteral("limits")][QStringLiteral("remaining_today")].toObject(), eur(100000));
    // Each log ends with the two events, in this order, at consecutive seqs (one INSERT
    // takes both seqs on PostgreSQL).
    for (const TestAccount *who : {&a, &b}) {
        const QJsonArray log = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who->accessToken)
                                   .json.value(QStringLiteral("events")).toArray();
        QVERIFY(log.size() >= 2);
        const QJsonObject created = log.at(log.size() - 2).toObject();
        const QJsonObject updated = log.at(log.size() - 1).toObject();
        QCOMPARE(created.value(QStringLiteral("type")).toString(), QStringLiteral("transaction.created"));
        QCOMPARE(updated.value(QStringLiteral("type")).toString(), QStringLiteral("wallet.updated"));
        QCOMPARE(created[QStringLiteral("data")][QStringLiteral("id")].toString(), txId);
        QCOMPARE(updated.value(QStringLiteral("seq")).toInteger(), created.value(QStringLiteral("seq")).toInteger() + 1);
    }
}

void TestServerWallet::dailyLimit()
{
    const TestAccount a = fresh(QStringLiteral("daily"));
    const TestAccount b = fresh(QStringLiteral("dailyb"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(topUp(a, 25000).status, 201); // top-ups do not count against the daily limit
    for (int i = 0; i < 4; ++i) {
        const ApiReply r = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(25000)}}, a);
        QCOMPARE(r.status, 201);
    }
    const ApiReply over = money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1)}}, a);
    QCOMPARE(over.status, 422);
    QCOMPARE(over.errorCode(), QStringLiteral("limit_exceeded"));
    const ApiReply wallet = m_api->get(QStringLiteral("/v1/wallet"), a.accessToken);
    QCOMPARE(wallet.json[QStringLiteral("limits")][QStringLiteral("remaining_today")].toObject(), eur(0));
    QCOMPARE(balance(a), 25000);
}

void TestServerWallet::history()
{
    const TestAccount a = fresh(QStringLiteral("hist"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("hist_zoe"), QStringLiteral("Zoé Martin"));
    QCOMPARE(topUp(a, 20000).status, 201);
    for (const QString &note : {QStringLiteral("Rent share"), QStringLiteral("Concert tickets"), QStringLiteral("Groceries")})
        QCOMPARE(money(QStringLiteral("/v1/transfers"),
                       {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1000)}, {QStringLiteral("note"), note}}, a)
                     .status,
                 201);
    QCOMPARE(money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), a.id}, {QStringLiteral("amount"), eur(300)}}, b).status, 201);

    // Newest first, paged.
    ApiReply page = m_api->get(QStringLiteral("/v1/wallet/transactions?limit=2"), a.accessToken);
    QCOMPARE(page.status, 200);
    QJsonArray items = page.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0][QStringLiteral("direction")].toString(), QStringLiteral("in"));
    QCOMPARE(items[1][QStringLiteral("note")].toString(), QStringLiteral("Groceries"));
    const QString next = page.json.value(QStringLiteral("next_before")).toString();
    QCOMPARE(next, items[1][QStringLiteral("id")].toString());
    page = m_api->get(QStringLiteral("/v1/wallet/transactions?limit=2&before=") + next, a.accessToken);
    items = page.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0][QStringLiteral("note")].toString(), QStringLiteral("Concert tickets"));
    page = m_api->get(QStringLiteral("/v1/wallet/transactions?limit=2&before=") + page.json[QStringLiteral("next_before")].toString(),
                      a.accessToken);
    items = page.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("kind")].toString(), QStringLiteral("top_up"));
    QVERIFY(page.json.value(QStringLiteral("next_before")).isNull());

    auto count = [&](const QString &query) {
        const ApiReply r = m_api->get(QStringLiteral("/v1/wallet/transactions?") + query, a.accessToken);
        return r.status == 200 ? r.json.value(QStringLiteral("items")).toArray().size() : -r.status;
    };
    QCOMPARE(count(QStringLiteral("kind=top_up")), 1);
    QCOMPARE(count(QStringLiteral("kind=transfer")), 4);
    QCOMPARE(count(QStringLiteral("direction=out")), 3);
    QCOMPARE(count(QStringLiteral("direction=in")), 2);
    QCOMPARE(count(QStringLiteral("query=concert")), 1);              // note, any case
    QCOMPARE(count(QStringLiteral("query=hist_zoe")), 4);             // counterparty handle
    QCOMPARE(count(QStringLiteral("query=Zo%C3%A9")), 4);             // counterparty name
    QCOMPARE(count(QStringLiteral("query=%25")), 0);                  // % is literal
    QCOMPARE(count(QStringLiteral("direction=out&query=rent")), 1);
    QCOMPARE(count(QStringLiteral("kind=bogus")), -400);
    QCOMPARE(count(QStringLiteral("direction=sideways")), -400);
    QCOMPARE(count(QStringLiteral("before=c_1")), -400);
    QCOMPARE(count(QStringLiteral("limit=0")), -400);
    // Others' transactions never show up.
    const TestAccount other = fresh(QStringLiteral("histother"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/wallet/transactions"), other.accessToken).json[QStringLiteral("items")].toArray().size(), 0);
}

void TestServerWallet::paymentInConversation()
{
    const TestAccount a = fresh(QStringLiteral("chatpay"));
    const TestAccount b = fresh(QStringLiteral("chatpayb"));
    const TestAccount c = fresh(QStringLiteral("chatpayc"));
    QCOMPARE(topUp(a, 5000).status, 201);
    QCOMPARE(topUp(c, 5000).status, 201);
    const ApiReply conv = m_api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{b.id}}}, a.accessToken);
    QCOMPARE(conv.status, 201);
    const QString convId = conv.json.value(QStringLiteral("id")).toString();

    const ApiReply r = money(QStringLiteral("/v1/transfers"),
                             {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1250)},
                              {QStringLiteral("note"), QStringLiteral("Dinner")}, {QStringLiteral("conversation_id"), convId}},
                             a);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("conversation_id")).toString(), convId);
    const QString txId = r.json.value(QStringLiteral("id")).toString();
    for (const TestAccount &who : {a, b}) {
        const QList<QJsonObject> messages = events(who, QStringLiteral("message.created"));
        QCOMPARE(messages.size(), 1);
        const QJsonObject m = messages.constFirst();
        QCOMPARE(m.value(QStringLiteral("kind")).toString(), QStringLiteral("payment"));
        QCOMPARE(m.value(QStringLiteral("conversation_id")).toString(), convId);
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("Dinner"));
        QCOMPARE(m[QStringLiteral("sender")][QStringLiteral("id")].toString(), a.id);
        QCOMPARE(m[QStringLiteral("payment")][QStringLiteral("transaction_id")].toString(), txId);
        QCOMPARE(m[QStringLiteral("payment")][QStringLiteral("amount")].toObject(), eur(1250));
    }

    const ApiReply list = m_api->get(QStringLiteral("/v1/conversations"), b.accessToken);
    QCOMPARE(list.json[QStringLiteral("items")][0][QStringLiteral("last_message")][QStringLiteral("payment")][QStringLiteral("transaction_id")].toString(),
             txId);

    // c is not a member: refused, and nothing moves or is posted.
    ApiReply refused = money(QStringLiteral("/v1/transfers"),
                             {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("conversation_id"), convId}}, c);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
    // The recipient must be a member too.
    refused = money(QStringLiteral("/v1/transfers"),
                    {{QStringLiteral("to"), c.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("conversation_id"), convId}}, a);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorField(), QStringLiteral("conversation_id"));
    refused = money(QStringLiteral("/v1/transfers"),
                    {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}, {QStringLiteral("conversation_id"), QStringLiteral("c_999999")}}, a);
    QCOMPARE(refused.status, 404);
    // A payment the ledger refuses posts no message either.
    refused = money(QStringLiteral("/v1/transfers"),
                    {{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(4000)}, {QStringLiteral("conversation_id"), convId}}, a);
    QCOMPARE(refused.errorCode(), QStringLiteral("insufficient_funds"));
    QCOMPARE(balance(a), 3750);
    QCOMPARE(balance(b), 1250);
    QCOMPARE(balance(c), 5000);
    QCOMPARE(events(b, QStringLiteral("message.created")).size(), 1);
    QCOMPARE(events(c, QStringLiteral("message.created")).size(), 0);
}

void TestServerWallet::paymentRequests()
{
    const TestAccount asker = fresh(QStringLiteral("asker"));
    const TestAccount payer = fresh(QStringLiteral("rpayer"));
    const TestAccount stranger = fresh(QStringLiteral("stranger"));
    QCOMPARE(topUp(payer, 5000).status, 201);
    QCOMPARE(topUp(stranger, 5000).status, 201);

    const ApiReply created = money(QStringLiteral("/v1/payment-requests"),
                                   {{QStringLiteral("amount"), eur(700)}, {QStringLiteral("note"), QStringLiteral("Cinema")},
                                    {QStringLiteral("payer"), at(payer)}},
                                   asker);
    QCOMPARE(created.status, 201);
    const QString id = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(created.json.value(QStringLiteral("link")).toString(), QString(QStringLiteral("plaza://pay/") + id));
    QCOMPARE(created.json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(created.json.value(QStringLiteral("amount")).toObject(), eur(700));
    QCOMPARE(created.json[QStringLiteral("payee")][QStringLiteral("id")].toString(), asker.id);
    QCOMPARE(created.json[QStringLiteral("payer")][QStringLiteral("id")].toString(), payer.id);
    QCOMPARE(events(payer, QStringLiteral("payment_request.updated")).size(), 1);

    const QString path = QStringLiteral("/v1/payment-requests/") + id;
    QCOMPARE(m_api->get(path, payer.accessToken).status, 200);
    QCOMPARE(m_api->get(path, stranger.accessToken).status, 404);               // addressed to someone else
    QCOMPARE(money(path + QStringLiteral("/pay"), {}, stranger).status, 404);
    QCOMPARE(money(path + QStringLiteral("/pay"), {}, asker).errorCode(), QStringLiteral("self_payment"));
    QCOMPARE(m_api->post(path + QStringLiteral("/cancel"), {}, payer.accessToken).status, 403); // payee only
    QCOMPARE(m_api->post(path + QStringLiteral("/cancel"), {}, stranger.accessToken).status, 404);
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/pr_999999"), payer.accessToken).status, 404);
    QCOMPARE(m_api->get(QStringLiteral("/v1/payment-requests/garbage"), payer.accessToken).status, 404);

    const ApiReply paid = money(path + QStringLiteral("/pay"), {}, payer);
    QCOMPARE(paid.status, 201);
    QCOMPARE(paid.json.value(QStringLiteral("request_id")).toString(), id);
    QCOMPARE(paid.json.value(QStringLiteral("amount")).toObject(), eur(700));
    QCOMPARE(paid.json.value(QStringLiteral("note")).toString(), QStringLiteral("Cinema"));
    QCOMPARE(balance(payer), 4300);
    QCOMPARE(balance(asker), 700);
    const ApiReply again = money(path + QStringLiteral("/pay"), {}, payer); // a new key: a second attempt
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(m_api->post(path + QStringLiteral("/cancel"), {}, asker.accessToken).status, 409);
    QCOMPARE(balance(payer), 4300);

    const ApiReply now = m_api->get(path, asker.accessToken);
    QCOMPARE(now.json.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(now.json.value(QStringLiteral("transaction_id")).toString(), paid.json.value(QStringLiteral("id")).toString());
    for (const TestAccount &who : {asker, payer}) {
        const QList<QJsonObject> updates = events(who, QStringLiteral("payment_request.updated"));
        QCOMPARE(updates.size(), 2);
        QCOMPARE(updates.constLast().value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    }
    QCOMPARE(events(asker, QStringLiteral("transaction.created")).constLast().value(QStringLiteral("request_id")).toString(), id);

    // Cancelling an open request; paying it afterwards is a conflict.
    const ApiReply second = money(QStringLiteral("/v1/payment-requests"),
                                  {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("payer"), payer.id}}, asker);
    QCOMPARE(second.status, 201);
    const QString secondPath = QStringLiteral("/v1/payment-requests/") + second.json[QStringLiteral("id")].toString();
    const ApiReply cancelled = m_api->post(secondPath + QStringLiteral("/cancel"), {}, asker.accessToken);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(money(secondPath + QStringLiteral("/pay"), {}, payer).status, 409);
    QCOMPARE(events(payer, QStringLiteral("payment_request.updated")).constLast().value(QStringLiteral("status")).toString(),
             QStringLiteral("cancelled"));
    QCOMPARE(balance(payer), 4300);

    // Refusals when creating.
    QCOMPARE(money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("payer"), asker.id}}, asker)
                 .errorCode(),
             QStringLiteral("self_payment"));
    QCOMPARE(money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("payer"), QStringLiteral("@nobody_here")}}, asker)
                 .status,
             404);
    QCOMPARE(money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur(100)}, {QStringLiteral("note"), QString(141, u'x')}}, asker)
                 .errorField(),
             QStringLiteral("note"));
}

void TestServerWallet::openRequestByLink()
{
    const TestAccount asker = fresh(QStringLiteral("linker"));
    const TestAccount anyone = fresh(QStringLiteral("anyone"));
    QCOMPARE(topUp(anyone, 1000).status, 201);
    const ApiReply created = money(QStringLiteral("/v1/payment-requests"),
                                   {{QStringLiteral("amount"), eur(2000)}, {QStringLiteral("note"), QStringLiteral("Gift")}}, asker);
    QCOMPARE(created.status, 201);
    QVERIFY(created.json.value(QStringLiteral("payer")).isNull());
    const QString path = QStringLiteral("/v1/payment-requests/") + created.json[QStringLiteral("id")].toString();
    QCOMPARE(m_api->get(path, anyone.accessToken).status, 200);
    ApiReply r = money(path + QStringLiteral("/pay"), {}, anyone);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
    QCOMPARE(m_api->get(path, anyone.accessToken).json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(topUp(anyone, 1000).status, 201);
    r = money(path + QStringLiteral("/pay"), {}, anyone);
    QCOMPARE(r.status, 201);
    const ApiReply now = m_api->get(path, asker.accessToken);
    QCOMPARE(now.json.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(now.json[QStringLiteral("payer")][QStringLiteral("id")].toString(), anyone.id);
    QCOMPARE(balance(asker), 2000);
    QCOMPARE(balance(anyone), 0);
}

void TestServerWallet::refundOnce()
{
    const TestAccount customer = fresh(QStringLiteral("customer"));
    const TestAccount other = fresh(QStringLiteral("bystander"));
    const TestAccount cafe = login(QStringLiteral("cafe_lumiere"));
    QVERIFY(!cafe.accessToken.isEmpty());
    QCOMPARE(topUp(customer, 2000).status, 201);
    const qint64 cafeBefore = balance(cafe);
    const ApiReply paid = money(QStringLiteral("/v1/transfers"),
                                {{QStringLiteral("to"), QStringLiteral("@cafe_lumiere")}, {QStringLiteral("amount"), eur(450)},
                                 {QStringLiteral("note"), QStringLiteral("Flat white")}},
                                customer);
    QCOMPARE(paid.status, 201);
    QCOMPARE(paid.json.value(QStringLiteral("kind")).toString(), QStringLiteral("merchant_payment"));
    QCOMPARE(balance(cafe), cafeBefore + 450);
    const QString refundPath = QStringLiteral("/v1/transactions/%1/refund").arg(paid.json[QStringLiteral("id")].toString());

    QCOMPARE(money(refundPath, {}, customer).status, 403);  // the payer cannot refund themselves
    QCOMPARE(money(refundPath, {}, other).status, 404);     // not theirs at all
    QCOMPARE(money(QStringLiteral("/v1/transactions/t_999999/refund"), {}, cafe).status, 404);
    QCOMPARE(money(QStringLiteral("/v1/transactions/nonsense/refund"), {}, cafe).status, 404);
    QCOMPARE(m_api->post(refundPath, {}, cafe.accessToken).errorField(), QStringLiteral("Idempotency-Key"));

    const ApiReply refund = money(refundPath, {}, cafe);
    QCOMPARE(refund.status, 201);
    QCOMPARE(refund.json.value(QStringLiteral("kind")).toString(), QStringLiteral("refund"));
    QCOMPARE(refund.json.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    QCOMPARE(refund.json.value(QStringLiteral("amount")).toObject(), eur(450));
    QCOMPARE(refund.json.value(QStringLiteral("refund_of")).toString(), paid.json[QStringLiteral("id")].toString());
    QCOMPARE(balance(customer), 2000);
    QCOMPARE(balance(cafe), cafeBefore);
    const QJsonObject seen = events(customer, QStringLiteral("transaction.created")).constLast();
    QCOMPARE(seen.value(QStringLiteral("kind")).toString(), QStringLiteral("refund"));
    QCOMPARE(seen.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QCOMPARE(seen.value(QStringLiteral("balance_after")).toObject(), eur(2000));

    const ApiReply twice = money(refundPath, {}, cafe);
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(balance(cafe), cafeBefore);
    // A refund is not itself refundable, and a person-to-person transfer is not a merchant payment.
    QCOMPARE(money(QStringLiteral("/v1/transactions/%1/refund").arg(refund.json[QStringLiteral("id")].toString()), {}, customer).status, 403);
}

void TestServerWallet::demoWorld()
{
    const TestAccount amelie = login(QStringLiteral("amelie"));
    QVERIFY(!amelie.accessToken.isEmpty());
    QVERIFY(balance(amelie) > 0);
    const ApiReply history = m_api->get(QStringLiteral("/v1/wallet/transactions?limit=200"), amelie.accessToken);
    const QJsonArray items = history.json.value(QStringLiteral("items")).toArray();
    QVERIFY2(items.size() >= 20, qPrintable(QString::number(items.size())));
    QSet<QString> kinds;
    for (const QJsonValue &t : items)
        kinds.insert(t[QStringLiteral("kind")].toString());
    QVERIFY(kinds.contains(QStringLiteral("top_up")) && kinds.contains(QStringLiteral("transfer"))
            && kinds.contains(QStringLiteral("merchant_payment")));
    // About three months of it.
    const QDateTime oldest = QDateTime::fromString(items.last()[QStringLiteral("created_at")].toString(), Qt::ISODateWithMs);
    QVERIFY(oldest.daysTo(QDateTime::currentDateTimeUtc()) >= 80);
    // Each balance_after is the wallet's balance right after that transaction, in the order
    // the history is shown (issue 13, item 14: the demo's savings deposits were inserted after
    // the wallet's history but dated three months back, so their "Balance after" was today's).
    for (const QString &handle : {QStringLiteral("amelie"), QStringLiteral("bruno"), QStringLiteral("chloe")}) {
        const TestAccount who = login(handle);
        QList<QJsonObject> all;
        QString before;
        for (int page = 0; page < 50; ++page) {
            const ApiReply r = m_api->get(QStringLiteral("/v1/wallet/transactions?limit=100")
                                              + (before.isEmpty() ? QString() : QStringLiteral("&before=") + before),
                                          who.accessToken);
            QCOMPARE(r.status, 200);
            for (const QJsonValue &t : r.json.value(QStringLiteral("items")).toArray())
                all.append(t.toObject());
            if (r.json.value(QStringLiteral("next_before")).isNull())
                break;
            before = r.json.value(QStringLiteral("next_before")).toString();
        }
        QVERIFY(all.size() >= 20);
        QCOMPARE(amountOf(all.first().value(QStringLiteral("balance_after"))), balance(who));
        for (qsizetype i = 0; i + 1 < all.size(); ++i) {
            const QJsonObject &t = all.at(i), &older = all.at(i + 1);
            QVERIFY2(t.value(QStringLiteral("created_at")).toString() >= older.value(QStringLiteral("created_at")).toString(),
                     qPrintable(handle + u' ' + t.value(QStringLiteral("id")).toString()));
            const qint64 signedAmount = (t.value(QStringLiteral("direction")).toString() == u"in" ? 1 : -1)
                                        * amountOf(t.value(QStringLiteral("amount")));
            QVERIFY2(amountOf(t.value(QStringLiteral("balance_after"))) - signedAmount
                         == amountOf(older.value(QStringLiteral("balance_after"))),
                     qPrintable(handle + u' ' + t.value(QStringLiteral("id")).toString() + u' '
                                + t.value(QStringLiteral("kind")).toString()));
        }
        // The newest wallet.updated in the log is what GET /v1/wallet says now (the old seed
        // left one dated three months back: "406.60 € left today" in the app).
        QJsonObject lastWallet;
        for (qint64 since = 0;;) {
            const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=%1&limit=1000").arg(since), who.accessToken);
            QCOMPARE(r.status, 200);
            for (const QJsonValue &e : r.json.value(QStringLiteral("events")).toArray()) {
                if (e[QStringLiteral("type")].toString() == u"wallet.updated")
                    lastWallet = e[QStringLiteral("data")].toObject();
            }
            if (!r.json.value(QStringLiteral("has_more")).toBool())
                break;
            since = r.json.value(QStringLiteral("next_since")).toInteger();
        }
        const ApiReply now = m_api->get(QStringLiteral("/v1/wallet"), who.accessToken);
        QCOMPARE(lastWallet.value(QStringLiteral("balance")), now.json.value(QStringLiteral("balance")));
        QVERIFY(lastWallet.value(QStringLiteral("as_of")).toString() <= now.json.value(QStringLiteral("as_of")).toString());
        // remaining_today is of the event's UTC day; the suite may cross midnight (libfaketime).
        if (lastWallet.value(QStringLiteral("as_of")).toString().left(10) == now.json.value(QStringLiteral("as_of")).toString().left(10))
            QCOMPARE(lastWallet[QStringLiteral("limits")][QStringLiteral("remaining_today")],
                     now.json[QStringLiteral("limits")][QStringLiteral("remaining_today")]);
        else
            QVERIFY(lastWallet.value(QStringLiteral("as_of")).toString() >= all.first().value(QStringLiteral("created_at")).toString());
        QCOMPARE(amountOf(all.last().value(QStringLiteral("balance_after"))),
                 (all.last().value(QStringLiteral("direction")).toString() == u"in" ? 1 : -1)
                     * amountOf(all.last().value(QStringLiteral("amount"))));
    }
    // Café Lumière has open invoices to demo people.
    int open = 0;
    for (const QJsonObject &r : events(amelie, QStringLiteral("payment_request.updated")))
        open += r.value(QStringLiteral("status")).toString() == u"open" && r[QStringLiteral("payee")][QStringLiteral("handle")].toString() == u"cafe_lumiere";
    QVERIFY(open >= 1);
}

void TestServerWallet::concurrentTransfersKeepTheLedger()
{
    TestServer server;
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    const TestAccount payer = api.registerAccount(QStringLiteral("spender"));
    QList<TestAccount> payees;
    for (int i = 0; i < 5; ++i)
        payees.append(api.registerAccount(QStringLiteral("taker_%1").arg(i)));
    const ApiReply funded = api.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"),
                                     R"({"amount":{"amount":20000,"currency":"EUR"},"card_token":"tok_visa"})", payer.accessToken,
                                     {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("fund")}});
    QCOMPARE(funded.status, 201);

    // 50 transfers of 10.00 € at once: the balance covers exactly 20 of them.
    QList<ApiRequest> burst;
    for (int i = 0; i < 50; ++i) {
        const QJsonObject body{{QStringLiteral("to"), payees[i % 5].id}, {QStringLiteral("amount"), eur(1000)},
                               {QStringLiteral("note"), QStringLiteral("burst %1").arg(i)}};
        burst.append(ApiRequest{QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"),
                                QJsonDocument(body).toJson(QJsonDocument::Compact), payer.accessToken,
                                {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("burst-") + QByteArray::number(i)}}});
    }
    const QList<ApiReply> replies = api.sendConcurrently(burst);
    int ok = 0, refused = 0;
    QSet<qint64> balancesAfter;
    for (const ApiReply &r : replies) {
        if (r.status == 201) {
            ++ok;
            balancesAfter.insert(amountOf(r.json.value(QStringLiteral("balance_after"))));
        } else {
            QCOMPARE(r.status, 422);
            QCOMPARE(r.errorCode(), QStringLiteral("insufficient_funds"));
            ++refused;
        }
    }
    QCOMPARE(ok, 20);
    QCOMPARE(refused, 30);
    QCOMPARE(balancesAfter.size(), 20); // every success saw its own balance: 19000, 18000, … 0
    QVERIFY(balancesAfter.contains(0));
    QCOMPARE(amountOf(api.get(QStringLiteral("/v1/wallet"), payer.accessToken).json[QStringLiteral("balance")]), 0);
    qint64 received = 0;
    for (const TestAccount &p : payees)
        received += amountOf(api.get(QStringLiteral("/v1/wallet"), p.accessToken).json[QStringLiteral("balance")]);
    QCOMPARE(received, 20000);

    QVERIFY(server.stop());
    const QString broken = checkLedger(server.storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerWallet::ledgerOfTheWholeSuite()
{
    // Everything this suite did on the demo server, demo history included.
    QVERIFY(m_server->stop());
    const QString broken = checkLedger(m_server->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerWallet)
#include "tst_server_wallet.moc"
