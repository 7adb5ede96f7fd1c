// SPDX-License-Identifier: MIT
// Payment requests' states against the real plaza-server (--test-clock): open → paid,
// declined (by the payer), cancelled (by the payee), expired (30 days on the server's clock);
// every refusal (wrong person, not open, unknown and malformed ids) and the
// payment_request.updated events that both people's logs receive at each step.

#include "apiprobe.h"
#include "common/testserver.h"
#include "ledgercheck.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QDir>
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

constexpr qint64 kDay = 24 * 3600;

} // namespace

class TestServerRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createdReachesBoth();
    void paidOnceWithItsMoney();
    void declinedByThePayerOnly();
    void cancelledByThePayeeOnly();
    void expiresOnTheServerClock();
    void unknownAndMalformedIds();
    void linkRequestsCannotBeDeclined();
    void migrationKeepsEarlierRequests();
    void ledgerAfterAll();

private:
    ApiReply money(const QString &path, const QJsonObject &body, const TestAccount &who, const QString &key = newKey());
    QString ask(const TestAccount &asker, const TestAccount &payer, qint64 amount);
    QString path(const QString &id, const QString &action = {}) const;
    //! The statuses of every payment_request.updated about \a id in \a who's log, in order.
    QStringList statuses(const TestAccount &who, const QString &id);
    TestAccount fresh(const QString &prefix, qint64 topUp = 0);
    //! Moves the server's clock; tokens do not live that long, so \a who sign in again.
    void advance(qint64 seconds, QList<TestAccount *> who);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    int m_accounts = 0;
};

void TestServerRequests::initTestCase()
{
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
}

ApiReply TestServerRequests::money(const QString &p, const QJsonObject &body, const TestAccount &who, const QString &key)
{
    return m_api->send(QByteArrayLiteral("POST"), p, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       {{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}});
}

QString TestServerRequests::ask(const TestAccount &asker, const TestAccount &payer, qint64 amount)
{
    const ApiReply r = money(QStringLiteral("/v1/payment-requests"),
                             {{QStringLiteral("amount"), eur(amount)}, {QStringLiteral("payer"), QString(QStringLiteral("@") + payer.handle)}},
                             asker);
    if (r.status != 201)
        qWarning() << "creating a request:" << r.status << r.errorCode();
    return r.json.value(QStringLiteral("id")).toString();
}

QString TestServerRequests::path(const QString &id, const QString &action) const
{
    return QStringLiteral("/v1/payment-requests/") + id + (action.isEmpty() ? QString() : QStringLiteral("/") + action);
}

QStringList TestServerRequests::statuses(const TestAccount &who, const QString &id)
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/sync?since=0&limit=1000"), who.accessToken);
    QStringList found;
    for (const QJsonValue &e : r.json.value(QStringLiteral("events")).toArray()) {
        const QJsonObject data = e[QStringLiteral("data")].toObject();
        if (e[QStringLiteral("type")].toString() == u"payment_request.updated" && data.value(QStringLiteral("id")).toString() == id)
            found.append(data.value(QStringLiteral("status")).toString());
    }
    return found;
}

TestAccount TestServerRequests::fresh(const QString &prefix, qint64 topUp)
{
    TestAccount a = m_api->registerAccount(QStringLiteral("%1_%2").arg(prefix).arg(++m_accounts));
    if (topUp > 0) {
        const ApiReply r = money(QStringLiteral("/v1/wallet/top-ups"),
                                 {{QStringLiteral("amount"), eur(topUp)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}, a);
        if (r.status != 201)
            qWarning() << "top-up:" << r.status;
    }
    return a;
}

void TestServerRequests::advance(qint64 seconds, QList<TestAccount *> who)
{
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}}).status, 200);
    for (TestAccount *a : who) {
        const ApiReply r = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a->handle},
                                                                          {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        QCOMPARE(r.status, 200);
        a->accessToken = r.json.value(QStringLiteral("access_token")).toString();
    }
}

void TestServerRequests::createdReachesBoth()
{
    const TestAccount asker = fresh(QStringLiteral("asks"));
    const TestAccount payer = fresh(QStringLiteral("owes"));
    const QString id = ask(asker, payer, 1250);
    QVERIFY(!id.isEmpty());
    const ApiReply r = m_api->get(path(id), payer.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    const QDateTime created = QDateTime::fromString(r.json.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    const QDateTime expires = QDateTime::fromString(r.json.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    QVERIFY(created.isValid() && expires.isValid());
    QCOMPARE(created.msecsTo(expires), 30 * kDay * 1000);
    QCOMPARE(statuses(asker, id), QStringList{QStringLiteral("open")});
    QCOMPARE(statuses(payer, id), QStringList{QStringLiteral("open")});
}

void TestServerRequests::paidOnceWithItsMoney()
{
    TestAccount asker = fresh(QStringLiteral("paidto"));
    const TestAccount payer = fresh(QStringLiteral("payer"), 5000);
    const QString id = ask(asker, payer, 700);
    const QString key = newKey();
    const ApiReply paid = money(path(id, QStringLiteral("pay")), {}, payer, key);
    QCOMPARE(paid.status, 201);
    // The same key replays the payment; it never moves money twice.
    const ApiReply replay = money(path(id, QStringLiteral("pay")), {}, payer, key);
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.header(QByteArrayLiteral("Idempotent-Replayed")), QByteArrayLiteral("true"));
    QCOMPARE(replay.json, paid.json);
    const ApiReply again = money(path(id, QStringLiteral("pay")), {}, payer);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("paid"));
    const ApiReply decline = m_api->post(path(id, QStringLiteral("decline")), {}, payer.accessToken);
    QCOMPARE(decline.status, 409);
    QCOMPARE(decline.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("paid"));
    QCOMPARE(m_api->post(path(id, QStringLiteral("cancel")), {}, asker.accessToken).status, 409);
    const ApiReply wallet = m_api->get(QStringLiteral("/v1/wallet"), payer.accessToken);
    QCOMPARE(wallet.json[QStringLiteral("balance")][QStringLiteral("amount")].toInteger(), 4300);
    const QStringList expected{QStringLiteral("open"), QStringLiteral("paid")};
    QCOMPARE(statuses(asker, id), expected);
    QCOMPARE(statuses(payer, id), expected);
    // Expiry never touches a paid request.
    advance(31 * kDay, {&asker});
    QCOMPARE(m_api->get(path(id), asker.accessToken).json.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
}

void TestServerRequests::declinedByThePayerOnly()
{
    const TestAccount asker = fresh(QStringLiteral("declto"));
    const TestAccount payer = fresh(QStringLiteral("decliner"), 1000);
    const TestAccount stranger = fresh(QStringLiteral("declstr"));
    const QString id = ask(asker, payer, 300);
    QCOMPARE(m_api->post(path(id, QStringLiteral("decline")), {}, asker.accessToken).status, 403); // the payee cancels instead
    QCOMPARE(m_api->post(path(id, QStringLiteral("decline")), {}, stranger.accessToken).status, 404);
    QCOMPARE(m_api->post(path(id, QStringLiteral("decline")), {}).status, 401);
    const ApiReply declined = m_api->post(path(id, QStringLiteral("decline")), {}, payer.accessToken);
    QCOMPARE(declined.status, 200);
    QCOMPARE(declined.json.value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    const ApiReply twice = m_api->post(path(id, QStringLiteral("decline")), {}, payer.accessToken);
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(twice.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("declined"));
    const ApiReply pay = money(path(id, QStringLiteral("pay")), {}, payer);
    QCOMPARE(pay.status, 409);
    QCOMPARE(pay.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("declined"));
    const QStringList expected{QStringLiteral("open"), QStringLiteral("declined")};
    QCOMPARE(statuses(asker, id), expected);
    QCOMPARE(statuses(payer, id), expected);
}

void TestServerRequests::cancelledByThePayeeOnly()
{
    const TestAccount asker = fresh(QStringLiteral("canceller"));
    const TestAccount payer = fresh(QStringLiteral("cancto"), 1000);
    const TestAccount stranger = fresh(QStringLiteral("cancstr"));
    const QString id = ask(asker, payer, 300);
    QCOMPARE(m_api->post(path(id, QStringLiteral("cancel")), {}, payer.accessToken).status, 403); // the payer declines instead
    QCOMPARE(m_api->post(path(id, QStringLiteral("cancel")), {}, stranger.accessToken).status, 404);
    const ApiReply cancelled = m_api->post(path(id, QStringLiteral("cancel")), {}, asker.accessToken);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    const ApiReply decline = m_api->post(path(id, QStringLiteral("decline")), {}, payer.accessToken);
    QCOMPARE(decline.status, 409);
    QCOMPARE(decline.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("cancelled"));
    const QStringList expected{QStringLiteral("open"), QStringLiteral("cancelled")};
    QCOMPARE(statuses(asker, id), expected);
    QCOMPARE(statuses(payer, id), expected);
}

void TestServerRequests::expiresOnTheServerClock()
{
    TestAccount asker = fresh(QStringLiteral("expto"));
    TestAccount payer = fresh(QStringLiteral("expirer"), 1000);
    const QString id = ask(asker, payer, 300);
    // A minute before the end (real time passes too, under load) it is still open; at the end it expires.
    advance(30 * kDay - 60, {&asker, &payer});
    QCOMPARE(m_api->get(path(id), payer.accessToken).json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(statuses(payer, id), QStringList{QStringLiteral("open")});
    advance(60, {&asker, &payer});
    // The jump itself logs the change to both, before anyone asks.
    const QStringList expected{QStringLiteral("open"), QStringLiteral("expired")};
    QCOMPARE(statuses(asker, id), expected);
    QCOMPARE(statuses(payer, id), expected);
    const ApiReply pay = money(path(id, QStringLiteral("pay")), {}, payer);
    QCOMPARE(pay.status, 409);
    QCOMPARE(pay.json[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("status")].toString(), QStringLiteral("expired"));
    QCOMPARE(m_api->post(path(id, QStringLiteral("cancel")), {}, asker.accessToken).status, 409);
    QCOMPARE(m_api->post(path(id, QStringLiteral("decline")), {}, payer.accessToken).status, 409);
    QCOMPARE(m_api->get(QStringLiteral("/v1/wallet"), payer.accessToken).json[QStringLiteral("balance")][QStringLiteral("amount")].toInteger(),
             1000);
}

void TestServerRequests::unknownAndMalformedIds()
{
    const TestAccount who = fresh(QStringLiteral("ids"));
    for (const QString &id : {QStringLiteral("pr_999999"), QStringLiteral("garbage"), QStringLiteral("t_1"), QStringLiteral("pr_")}) {
        for (const QString &action : {QStringLiteral("decline"), QStringLiteral("cancel")}) {
            const ApiReply r = m_api->post(path(id, action), {}, who.accessToken);
            QCOMPARE(r.status, 404);
            QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
        }
        QCOMPARE(money(path(id, QStringLiteral("pay")), {}, who).status, 404);
    }
}

void TestServerRequests::linkRequestsCannotBeDeclined()
{
    const TestAccount asker = fresh(QStringLiteral("linkask"));
    const TestAccount anyone = fresh(QStringLiteral("linkany"));
    const ApiReply created = money(QStringLiteral("/v1/payment-requests"), {{QStringLiteral("amount"), eur(100)}}, asker);
    QCOMPARE(created.status, 201);
    const QString id = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->post(path(id, QStringLiteral("decline")), {}, anyone.accessToken).status, 403);
    QCOMPARE(m_api->get(path(id), anyone.accessToken).json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
}

void TestServerRequests::migrationKeepsEarlierRequests()
{
    if (plaza::test::TestStorage::wantPostgres())
        QSKIP("SQLite's schema migrations; PostgreSQL's schema is made in one step");
    // A deployment made before step 7 (requests could only be open, paid or cancelled, with
    // no expiry): a server of its own makes one request of each state, its table is taken
    // back to the step-6 shape, and the server is started again on that file.
    TestServer server({QStringLiteral("--test-clock")});
    PLAZA_VERIFY_START(server);
    ApiProbe api(server.url());
    TestAccount asker = api.registerAccount(QStringLiteral("old_asker"));
    TestAccount payer = api.registerAccount(QStringLiteral("old_payer"));
    auto post = [&](const QString &p, const QJsonObject &body, const TestAccount &who) {
        return api.send(QByteArrayLiteral("POST"), p, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                        {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
    };
    QCOMPARE(post(QStringLiteral("/v1/wallet/top-ups"),
                  {{QStringLiteral("amount"), eur(5000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}}, payer).status,
             201);
    QStringList ids;
    for (qint64 amount : {qint64(1111), qint64(2222), qint64(3333)}) {
        const ApiReply r = post(QStringLiteral("/v1/payment-requests"),
                                {{QStringLiteral("amount"), eur(amount)}, {QStringLiteral("payer"), QString(QStringLiteral("@") + payer.handle)}},
                                asker);
        QCOMPARE(r.status, 201);
        ids.append(r.json.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(post(path(ids[1], QStringLiteral("pay")), {}, payer).status, 201);
    QCOMPARE(api.post(path(ids[2], QStringLiteral("cancel")), {}, asker.accessToken).status, 200);
    const ApiReply before = api.get(path(ids[0]), payer.accessToken);
    QCOMPARE(before.status, 200);
    const QString createdAt = before.json.value(QStringLiteral("created_at")).toString();
    QVERIFY(server.stop());
    {
        auto db = plaza::storage::Database::open(QDir(server.dataDir()).filePath(QStringLiteral("plaza-server.db")),
                                                 plaza::storage::OpenOptions{});
        QVERIFY(db.ok());
        QVERIFY((*db)->exec(QStringLiteral(R"sql(
CREATE TABLE payment_requests_v6 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payee_id INTEGER NOT NULL REFERENCES users(id),
    payer_id INTEGER REFERENCES users(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
    transaction_id INTEGER REFERENCES ledger_transactions(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO payment_requests_v6 SELECT id, payee_id, payer_id, amount, currency, note, status, transaction_id,
                                        created_at, updated_at FROM payment_requests;
DROP TABLE payment_requests;
ALTER TABLE payment_requests_v6 RENAME TO payment_requests;
CREATE INDEX payment_requests_payee ON payment_requests (payee_id, id);
CREATE INDEX payment_requests_payer ON payment_requests (payer_id, id);
PRAGMA user_version = 6;
)sql")).ok());
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM payment_requests")).value(), qint64(3));
    }
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    ApiProbe again(server.url());
    for (TestAccount *a : {&asker, &payer}) {
        const ApiReply r = again.post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a->handle},
                                                                         {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
        QCOMPARE(r.status, 200);
        a->accessToken = r.json.value(QStringLiteral("access_token")).toString();
    }
    const QStringList expected{QStringLiteral("open"), QStringLiteral("paid"), QStringLiteral("cancelled")};
    const qint64 amounts[] = {1111, 2222, 3333};
    for (int i = 0; i < 3; ++i) {
        const ApiReply r = again.get(path(ids[i]), asker.accessToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), expected[i]);
        QCOMPARE(r.json.value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), amounts[i]);
        const QDateTime created = QDateTime::fromString(r.json.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
        const QDateTime expires = QDateTime::fromString(r.json.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid() && expires.isValid());
        QCOMPARE(created.msecsTo(expires), 30 * kDay * 1000); // an expiry given to every old request
    }
    QCOMPARE(again.get(path(ids[0]), payer.accessToken).json.value(QStringLiteral("created_at")).toString(), createdAt);
    // The states step 7 added work on the old rows, and the new rows carry on from their ids.
    const ApiReply declined = again.post(path(ids[0], QStringLiteral("decline")), {}, payer.accessToken);
    QCOMPARE(declined.status, 200);
    QCOMPARE(declined.json.value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    const ApiReply fresh = again.send(QByteArrayLiteral("POST"), QStringLiteral("/v1/payment-requests"),
                                      QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur(4444)}}).toJson(QJsonDocument::Compact),
                                      asker.accessToken, {{QByteArrayLiteral("Idempotency-Key"), newKey().toLatin1()}});
    QCOMPARE(fresh.status, 201);
    QVERIFY(!ids.contains(fresh.json.value(QStringLiteral("id")).toString()));
    QVERIFY(server.stop());
    const QString broken = checkLedger(server.storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void TestServerRequests::ledgerAfterAll()
{
    QVERIFY(m_server->stop());
    const QString broken = checkLedger(m_server->storage());
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestServerRequests)
#include "tst_server_requests.moc"
