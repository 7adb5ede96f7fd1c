// SPDX-License-Identifier: MIT
// Idempotency keys on every money-moving POST, against the real plaza-server: the key is
// required and checked, a replay returns the original status and bytes with
// Idempotent-Replayed, another body or endpoint is idempotency_key_reused, refusals by a
// money rule are stored but malformed requests are not, concurrent requests with one key
// make one effect, keys are per user and kept for 24 h (test clock).

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

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QByteArray topUpBody(qint64 amount)
{
    return compact({{QStringLiteral("amount"), eur(amount)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}});
}

} // namespace

class TestServerIdempotency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyIsRequired_data();
    void keyIsRequired();
    void replay();
    void reuseWithAnotherRequest();
    void keysArePerUser();
    void refusalsAreStored();
    void malformedRequestsAreNot();
    void concurrentSameKey();
    void concurrentSameKeyTransfer();
    void requestPayAndRefundReplay();
    void keptForADay();
    void ledgerHolds();

private:
    ApiReply post(const QString &path, const QByteArray &body, const TestAccount &who, const QByteArray &key);
    qint64 balance(const TestAccount &who);
    int transactionCount(const TestAccount &who);
    TestAccount fresh();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
};

void TestServerIdempotency::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock"), QStringLiteral("--demo")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

ApiReply TestServerIdempotency::post(const QString &path, const QByteArray &body, const TestAccount &who, const QByteArray &key)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!key.isNull())
        headers.append({QByteArrayLiteral("Idempotency-Key"), key});
    return m_api->send(QByteArrayLiteral("POST"), path, body, who.accessToken, headers);
}

qint64 TestServerIdempotency::balance(const TestAccount &who)
{
    return m_api->get(QStringLiteral("/v1/wallet"), who.accessToken).json[QStringLiteral("balance")][QStringLiteral("amount")].toInteger(-1);
}

int TestServerIdempotency::transactionCount(const TestAccount &who)
{
    return int(m_api->get(QStringLiteral("/v1/wallet/transactions?limit=200"), who.accessToken)
                   .json.value(QStringLiteral("items")).toArray().size());
}

TestAccount TestServerIdempotency::fresh()
{
    return m_api->registerAccount(QStringLiteral("idem_%1").arg(++m_accounts));
}

void TestServerIdempotency::keyIsRequired_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("65 characters") << QByteArray(65, 'k');
    QTest::newRow("space") << QByteArray("two words");
    QTest::newRow("dot") << QByteArray("a.b");
    QTest::newRow("non-ascii") << QByteArray("cl\xc3\xa9");
}

void TestServerIdempotency::keyIsRequired()
{
    QFETCH(QByteArray, key);
    static const TestAccount a = fresh();
    static const TestAccount b = fresh();
    static const bool funded = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(5000), a, newKey()).status == 201;
    QVERIFY(funded);
    const QList<QPair<QString, QByteArray>> calls{
        {QStringLiteral("/v1/wallet/top-ups"), topUpBody(100)},
        {QStringLiteral("/v1/transfers"), compact({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(100)}})},
        {QStringLiteral("/v1/payment-requests"), compact({{QStringLiteral("amount"), eur(100)}})},
        {QStringLiteral("/v1/payment-requests/pr_1/pay"), QByteArray()},
        {QStringLiteral("/v1/transactions/t_1/refund"), QByteArray()},
    };
    for (const auto &[path, body] : calls) {
        const ApiReply r = post(path, body, a, key);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isEnvelope());
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), QStringLiteral("Idempotency-Key"));
    }
    QCOMPARE(balance(a), QTest::currentDataTag() == QByteArrayLiteral("missing") ? 5000 : 5001);
    QCOMPARE(balance(b), 0);
    // The longest allowed key, with every allowed kind of character, works.
    const QByteArray longest = "Az09_-" + QByteArray(58, 'x');
    QCOMPARE(longest.size(), 64);
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(1), a, longest).status, 201); // later rows: a replay
}

void TestServerIdempotency::replay()
{
    const TestAccount a = fresh();
    const QByteArray key = newKey();
    const ApiReply first = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(4200), a, key);
    QCOMPARE(first.status, 201);
    QVERIFY(first.header(QByteArrayLiteral("Idempotent-Replayed")).isNull());
    // Same request, other key order and whitespace: the same canonical body.
    const QByteArray reordered = R"({ "card_token" : "tok_visa", "amount": {"currency":"EUR","amount":4200} })";
    for (const QByteArray &body : {topUpBody(4200), reordered}) {
        const ApiReply again = post(QStringLiteral("/v1/wallet/top-ups"), body, a, key);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, first.body);
        QCOMPARE(again.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    }
    QCOMPARE(balance(a), 4200);
    QCOMPARE(transactionCount(a), 1);
}

void TestServerIdempotency::reuseWithAnotherRequest()
{
    const TestAccount a = fresh();
    const TestAccount b = fresh();
    const QByteArray key = newKey();
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(1000), a, key).status, 201);
    ApiReply r = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(1001), a, key); // another body
    QCOMPARE(r.status, 409);
    QVERIFY(r.isEnvelope());
    QCOMPARE(r.errorCode(), QStringLiteral("idempotency_key_reused"));
    r = post(QStringLiteral("/v1/transfers"), compact({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(10)}}), a, key);
    QCOMPARE(r.status, 409); // another endpoint
    QCOMPARE(r.errorCode(), QStringLiteral("idempotency_key_reused"));
    QCOMPARE(balance(a), 1000);
    QCOMPARE(balance(b), 0);
    // The original is still replayable afterwards.
    r = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(1000), a, key);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
}

void TestServerIdempotency::keysArePerUser()
{
    const TestAccount a = fresh();
    const TestAccount b = fresh();
    const QByteArray key = newKey();
    const ApiReply ra = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(700), a, key);
    const ApiReply rb = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(700), b, key);
    QCOMPARE(ra.status, 201);
    QCOMPARE(rb.status, 201);
    QVERIFY(rb.header(QByteArrayLiteral("Idempotent-Replayed")).isNull());
    QVERIFY(ra.json.value(QStringLiteral("id")) != rb.json.value(QStringLiteral("id")));
    QCOMPARE(balance(a), 700);
    QCOMPARE(balance(b), 700);
}

void TestServerIdempotency::refusalsAreStored()
{
    // A refusal by a money rule is the answer to that key for good (like Stripe): a
    // retry after topping up replays it; a new attempt needs a new key.
    const TestAccount a = fresh();
    const TestAccount b = fresh();
    const QByteArray key = newKey();
    const QByteArray body = compact({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(500)}});
    const ApiReply refused = post(QStringLiteral("/v1/transfers"), body, a, key);
    QCOMPARE(refused.status, 422);
    QCOMPARE(refused.errorCode(), QStringLiteral("insufficient_funds"));
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(1000), a, newKey()).status, 201);
    const ApiReply replayed = post(QStringLiteral("/v1/transfers"), body, a, key);
    QCOMPARE(replayed.status, 422);
    QCOMPARE(replayed.body, refused.body);
    QCOMPARE(replayed.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    QCOMPARE(balance(a), 1000);
    QCOMPARE(post(QStringLiteral("/v1/transfers"), body, a, newKey()).status, 201);
    QCOMPARE(balance(a), 500);

    const QByteArray declinedKey = newKey();
    const QByteArray declined = compact({{QStringLiteral("amount"), eur(100)}, {QStringLiteral("card_token"), QStringLiteral("tok_declined")}});
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), declined, a, declinedKey).status, 402);
    const ApiReply again = post(QStringLiteral("/v1/wallet/top-ups"), declined, a, declinedKey);
    QCOMPARE(again.status, 402);
    QCOMPARE(again.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
}

void TestServerIdempotency::malformedRequestsAreNot()
{
    // A 400 says nothing about the effect: the key stays free for the corrected request.
    const TestAccount a = fresh();
    const QByteArray key = newKey();
    const ApiReply bad = post(QStringLiteral("/v1/wallet/top-ups"),
                              compact({{QStringLiteral("amount"), eur(0)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}), a, key);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.errorCode(), QStringLiteral("invalid_amount"));
    const ApiReply fixed = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(300), a, key);
    QCOMPARE(fixed.status, 201);
    QVERIFY(fixed.header(QByteArrayLiteral("Idempotent-Replayed")).isNull());
    QCOMPARE(balance(a), 300);
    // Malformed JSON never reaches the key either.
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), "{nope", a, newKey()).errorCode(), QStringLiteral("invalid_json"));
}

void TestServerIdempotency::concurrentSameKey()
{
    const TestAccount a = fresh();
    const QByteArray key = newKey();
    QList<ApiRequest> burst;
    for (int i = 0; i < 10; ++i)
        burst.append(ApiRequest{QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"), topUpBody(999), a.accessToken,
                                {{QByteArrayLiteral("Idempotency-Key"), key}}});
    const QList<ApiReply> replies = m_api->sendConcurrently(burst);
    int replayed = 0;
    for (const ApiReply &r : replies) {
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body, replies.constFirst().body);
        replayed += r.header(QByteArrayLiteral("Idempotent-Replayed")) == "true";
    }
    QCOMPARE(replayed, 9);
    QCOMPARE(balance(a), 999);
    QCOMPARE(transactionCount(a), 1);
}

void TestServerIdempotency::concurrentSameKeyTransfer()
{
    const TestAccount a = fresh();
    const TestAccount b = fresh();
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(5000), a, newKey()).status, 201);
    const QByteArray key = newKey();
    const QByteArray body = compact({{QStringLiteral("to"), b.id}, {QStringLiteral("amount"), eur(1500)}});
    QList<ApiRequest> burst;
    for (int i = 0; i < 10; ++i)
        burst.append(ApiRequest{QByteArrayLiteral("POST"), QStringLiteral("/v1/transfers"), body, a.accessToken,
                                {{QByteArrayLiteral("Idempotency-Key"), key}}});
    const QList<ApiReply> replies = m_api->sendConcurrently(burst);
    for (const ApiReply &r : replies) {
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body, replies.constFirst().body);
    }
    QCOMPARE(balance(a), 3500);
    QCOMPARE(balance(b), 1500);
    // One transaction.created in the payee's log.
    const ApiReply sync = m_api->get(QStringLiteral("/v1/sync?since=0"), b.accessToken);
    int created = 0;
    for (const QJsonValue &e : sync.json.value(QStringLiteral("events")).toArray())
        created += e[QStringLiteral("type")].toString() == u"transaction.created";
    QCOMPARE(created, 1);
}

void TestServerIdempotency::requestPayAndRefundReplay()
{
    const TestAccount a = fresh();
    const TestAccount b = fresh();
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(3000), a, newKey()).status, 201);

    const QByteArray createKey = newKey();
    const QByteArray createBody = compact({{QStringLiteral("amount"), eur(800)}, {QStringLiteral("payer"), a.id}});
    const ApiReply created = post(QStringLiteral("/v1/payment-requests"), createBody, b, createKey);
    QCOMPARE(created.status, 201);
    const ApiReply createdAgain = post(QStringLiteral("/v1/payment-requests"), createBody, b, createKey);
    QCOMPARE(createdAgain.body, created.body); // one request, not two
    const QString path = QStringLiteral("/v1/payment-requests/%1/pay").arg(created.json[QStringLiteral("id")].toString());

    const QByteArray payKey = newKey();
    const ApiReply paid = post(path, {}, a, payKey);
    QCOMPARE(paid.status, 201);
    const ApiReply paidAgain = post(path, {}, a, payKey);
    QCOMPARE(paidAgain.status, 201); // the original answer, not 409: the retry of a lost answer
    QCOMPARE(paidAgain.body, paid.body);
    QCOMPARE(paidAgain.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    QCOMPARE(balance(a), 2200);
    QCOMPARE(post(path, {}, a, newKey()).status, 409); // a new attempt: already paid

    // A refund replays the same way (the demo café refunds a payment).
    const ApiReply login = m_api->post(QStringLiteral("/v1/auth/login"),
                                       {{QStringLiteral("handle"), QStringLiteral("cafe_lumiere")},
                                        {QStringLiteral("password"), QStringLiteral("plaza-demo-2026")}});
    const TestAccount cafe{QString(), QStringLiteral("cafe_lumiere"), login.json.value(QStringLiteral("access_token")).toString(), {}};
    const ApiReply coffee = post(QStringLiteral("/v1/transfers"),
                                 compact({{QStringLiteral("to"), QStringLiteral("@cafe_lumiere")}, {QStringLiteral("amount"), eur(380)}}), a, newKey());
    QCOMPARE(coffee.status, 201);
    const QString refundPath = QStringLiteral("/v1/transactions/%1/refund").arg(coffee.json[QStringLiteral("id")].toString());
    const QByteArray refundKey = newKey();
    const ApiReply refund = post(refundPath, {}, cafe, refundKey);
    QCOMPARE(refund.status, 201);
    const ApiReply refundAgain = post(refundPath, {}, cafe, refundKey);
    QCOMPARE(refundAgain.status, 201);
    QCOMPARE(refundAgain.body, refund.body);
    QCOMPARE(balance(a), 2200);
}

void TestServerIdempotency::keptForADay()
{
    TestAccount a = fresh();
    const QByteArray key = newKey();
    const ApiReply first = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(100), a, key);
    QCOMPARE(first.status, 201);
    // Moving the clock expires access tokens too: sign in again after each jump.
    auto advance = [&](qint64 seconds) {
        const int status = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}}).status;
        a.accessToken = m_api->post(QStringLiteral("/v1/auth/login"),
                                    {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), QStringLiteral("correct horse battery")}})
                            .json.value(QStringLiteral("access_token")).toString();
        return status;
    };
    QCOMPARE(advance(23 * 3600 + 59 * 60), 200);
    ApiReply r = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(100), a, key);
    QCOMPARE(r.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    QCOMPARE(r.body, first.body);
    QCOMPARE(advance(2 * 60), 200);
    // Past 24 h the key is forgotten: the same key is a new request.
    r = post(QStringLiteral("/v1/wallet/top-ups"), topUpBody(100), a, key);
    QCOMPARE(r.status, 201);
    QVERIFY(r.header(QByteArrayLiteral("Idempotent-Replayed")).isNull());
    QVERIFY(r.json.value(QStringLiteral("id")) != first.json.value(QStringLiteral("id")));
    QCOMPARE(balance(a), 200);
}

void TestServerIdempotency::ledgerHolds()
{
    QVERIFY(m_server->stop());
    const QString broken = checkLedger(m_server->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerIdempotency)
#include "tst_server_idempotency.moc"
