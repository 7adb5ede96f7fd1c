// SPDX-License-Identifier: MIT
// The codecs are strict: a string where a number belongs is an error, never 0, and
// malformed input of any kind becomes a typed error rather than a default value.
#include "protocol/endpoints.h"
#include "protocol/events.h"
#include "protocol/json.h"
#include "protocol/types.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace plaza;
using namespace plaza::protocol;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject validUser()
{
    return obj(R"({"id":"u1","handle":"amelie","display_name":"Amélie","kind":"person","verified":false,
                   "followers":3,"following":4,"followed_by_me":true})");
}
} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseObjectRejectsMalformed_data();
    void parseObjectRejectsMalformed();
    void userRoundTrip();
    void userRejectsWrongTypes_data();
    void userRejectsWrongTypes();
    void moneyStrict_data();
    void moneyStrict();
    void eventAndSyncPage();
    void syncPageRejectsBadEvents();
    void errorEnvelope();
    void errorBodyThatIsNotAnEnvelope();
    void timesAreRfc3339Utc();
    void handlesAndClientIds();
    void errorCodeNamesRoundTrip();
    void eventNamesRoundTrip();
    void oneRetryPolicy_data();
    void oneRetryPolicy();
    void endpointsEncodeIds();
};

void TestProtocol::parseObjectRejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"a":)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("number") << QByteArray("12");
    QTest::newRow("trailing garbage") << QByteArray(R"({"a":1} x)");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00{", 4);
}

void TestProtocol::parseObjectRejectsMalformed()
{
    QFETCH(QByteArray, body);
    const auto r = parseObject(body);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidJson);
    QVERIFY(!r.error().message.isEmpty());
}

void TestProtocol::userRoundTrip()
{
    const auto u = User::fromJson(validUser());
    QVERIFY(u.ok());
    QCOMPARE(u->displayName, QStringLiteral("Amélie"));
    QCOMPARE(u->followers, qint64(3));
    QVERIFY(u->followedByMe);
    const auto again = User::fromJson(u->toJson());
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), u->toJson());
}

void TestProtocol::userRejectsWrongTypes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("followers as string") << "followers" << QJsonValue(QStringLiteral("3")) << "user.followers";
    QTest::newRow("followers fractional") << "followers" << QJsonValue(2.5) << "user.followers";
    QTest::newRow("followers null") << "followers" << QJsonValue(QJsonValue::Null) << "user.followers";
    QTest::newRow("verified as int") << "verified" << QJsonValue(1) << "user.verified";
    QTest::newRow("handle as number") << "handle" << QJsonValue(7) << "user.handle";
    QTest::newRow("kind unknown") << "kind" << QJsonValue(QStringLiteral("robot")) << "user.kind";
    QTest::newRow("id missing") << "id" << QJsonValue(QJsonValue::Undefined) << "user.id";
}

void TestProtocol::userRejectsWrongTypes()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QJsonObject o = validUser();
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    const auto u = User::fromJson(o);
    QVERIFY(!u.ok());
    QCOMPARE(u.error().code, ErrorCode::ValidationFailed);
    QCOMPARE(u.error().field(), field);
}

void TestProtocol::moneyStrict_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("amount");
    QTest::newRow("valid") << QByteArray(R"({"m":{"amount":1250,"currency":"EUR"}})") << true << qint64(1250);
    QTest::newRow("large exact") << QByteArray(R"({"m":{"amount":9007199254740993,"currency":"EUR"}})") << true
                                 << qint64(9007199254740993);
    QTest::newRow("string amount") << QByteArray(R"({"m":{"amount":"1250","currency":"EUR"}})") << false << qint64(0);
    QTest::newRow("fractional") << QByteArray(R"({"m":{"amount":12.5,"currency":"EUR"}})") << false << qint64(0);
    // JSON has no integer type: a whole value is whole however it is written.
    QTest::newRow("whole written as float") << QByteArray(R"({"m":{"amount":12.0,"currency":"EUR"}})") << true << qint64(12);
    QTest::newRow("whole exponent") << QByteArray(R"({"m":{"amount":1e3,"currency":"EUR"}})") << true << qint64(1000);
    QTest::newRow("beyond int64") << QByteArray(R"({"m":{"amount":1e20,"currency":"EUR"}})") << false << qint64(0);
    QTest::newRow("negative fraction") << QByteArray(R"({"m":{"amount":-0.5,"currency":"EUR"}})") << false << qint64(0);
    QTest::newRow("boolean") << QByteArray(R"({"m":{"amount":true,"currency":"EUR"}})") << false << qint64(0);
    QTest::newRow("null amount") << QByteArray(R"({"m":{"amount":null,"currency":"EUR"}})") << false << qint64(0);
    QTest::newRow("unknown currency") << QByteArray(R"({"m":{"amount":1,"currency":"XXX"}})") << false << qint64(0);
    QTest::newRow("lowercase currency") << QByteArray(R"({"m":{"amount":1,"currency":"eur"}})") << false << qint64(0);
    QTest::newRow("bare number") << QByteArray(R"({"m":1250})") << false << qint64(0);
    QTest::newRow("missing") << QByteArray(R"({})") << false << qint64(0);
}

void TestProtocol::moneyStrict()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, amount);
    JsonReader r(QJsonDocument::fromJson(json).object());
    const Money m = r.money(QStringLiteral("m"));
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(m.minor(), amount);
    } else {
        QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(r.error().field(), QStringLiteral("m"));
    }
}

void TestProtocol::eventAndSyncPage()
{
    const QByteArray body = R"({"events":[{"seq":1,"type":"user.updated","data":{"id":"u1"}},
                                          {"seq":2,"type":"message.created","data":{"id":"m1"}}],
                               "next_since":2,"has_more":false,"extra_key":"ignored"})";
    const auto parsed = parseObject(body);
    QVERIFY(parsed.ok());
    const auto page = SyncPage::fromJson(*parsed);
    QVERIFY(page.ok());
    QCOMPARE(page->events.size(), 2);
    QCOMPARE(page->events.at(1).type, QStringLiteral("message.created"));
    QCOMPARE(page->nextSince, qint64(2));
    QVERIFY(!page->hasMore);
    const auto again = SyncPage::fromJson(page->toJson());
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), page->toJson());
}

void TestProtocol::syncPageRejectsBadEvents()
{
    const QList<QByteArray> bad{
        R"({"events":[{"seq":"1","type":"x","data":{}}],"next_since":1,"has_more":false})",
        R"({"events":[{"seq":0,"type":"x","data":{}}],"next_since":1,"has_more":false})",
        R"({"events":[{"seq":1,"type":"x","data":[]}],"next_since":1,"has_more":false})",
        R"({"events":[5],"next_since":1,"has_more":false})",
        R"({"events":{},"next_since":1,"has_more":false})",
        R"({"events":[],"next_since":"1","has_more":false})",
        R"({"events":[],"next_since":1,"has_more":"no"})",
    };
    for (const QByteArray &json : bad) {
        const auto page = SyncPage::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(!page.ok(), json.constData());
        QCOMPARE(page.error().code, ErrorCode::ValidationFailed);
    }
}

void TestProtocol::errorEnvelope()
{
    const Error e = makeError(ErrorCode::ValidationFailed, QStringLiteral("handle: is taken"),
                              {{QStringLiteral("field"), QStringLiteral("handle")}});
    const QByteArray body = QJsonDocument(errorToJson(e)).toJson(QJsonDocument::Compact);
    QCOMPARE(body, QByteArray(R"({"error":{"code":"validation_failed","details":{"field":"handle"},"message":"handle: is taken"}})"));
    const Error back = errorFromBody(body, 400);
    QCOMPARE(back.code, ErrorCode::ValidationFailed);
    QCOMPARE(back.field(), QStringLiteral("handle"));
    QCOMPARE(back.httpStatus, 400);
}

void TestProtocol::errorBodyThatIsNotAnEnvelope()
{
    const Error html = errorFromBody("<html>Bad gateway</html>", 502);
    QCOMPARE(html.code, ErrorCode::Internal);
    QCOMPARE(html.httpStatus, 502);
    const Error empty = errorFromBody(QByteArray(), 404);
    QCOMPARE(empty.code, ErrorCode::Protocol);
    const Error unknownCode = errorFromBody(R"({"error":{"code":"brand_new","message":"?"}})", 400);
    QCOMPARE(unknownCode.code, ErrorCode::Unknown);
}

void TestProtocol::timesAreRfc3339Utc()
{
    const QDateTime t(QDate(2026, 11, 22), QTime(9, 30, 0, 7), Qt::UTC);
    QCOMPARE(formatTime(t), QStringLiteral("2026-11-22T09:30:00.007Z"));
    const QDateTime paris = t.toTimeZone(QTimeZone("Europe/Paris"));
    QCOMPARE(formatTime(paris), QStringLiteral("2026-11-22T09:30:00.007Z"));
    QCOMPARE(parseTime(u"2026-11-22T10:30:00.007+01:00"), t);
    QVERIFY(!parseTime(u"yesterday").isValid());
    QVERIFY(!parseTime(u"").isValid());
}

void TestProtocol::handlesAndClientIds()
{
    QVERIFY(isValidHandle(u"amelie"));
    QVERIFY(isValidHandle(u"cafe_lumiere"));
    QVERIFY(isValidHandle(u"abc"));
    QVERIFY(isValidHandle(u"a2345678901234567890"));
    QVERIFY(!isValidHandle(u"ab"));
    QVERIFY(!isValidHandle(u"a23456789012345678901"));
    QVERIFY(!isValidHandle(u"Amelie"));
    QVERIFY(!isValidHandle(u"amé"));
    QVERIFY(!isValidHandle(u"a b c"));
    QVERIFY(!isValidHandle(u"abc\n"));
    QVERIFY(isValidClientId(u"3f2b9c1e-8d4a-4b6f-9e2d-1a2b3c4d5e6f"));
    QVERIFY(isValidClientId(u"x"));
    QVERIFY(isValidClientId(QString(64, u'a')));
    QVERIFY(!isValidClientId(QString(65, u'a')));
    QVERIFY(!isValidClientId(u""));
    QVERIFY(!isValidClientId(u"a/b"));
    QVERIFY(!isValidClientId(u"{uuid}"));
}

void TestProtocol::oneRetryPolicy_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transient");
    QTest::addColumn<bool>("definitive");
    QTest::newRow("offline") << int(ErrorCode::Network) << 0 << true << false;
    QTest::newRow("no answer in time") << int(ErrorCode::Timeout) << 0 << true << false;
    QTest::newRow("a local protocol error") << int(ErrorCode::Protocol) << 0 << false << false;
    QTest::newRow("refused funds") << int(ErrorCode::InsufficientFunds) << 422 << false << true;
    QTest::newRow("validation") << int(ErrorCode::ValidationFailed) << 400 << false << true;
    QTest::newRow("not found") << int(ErrorCode::NotFound) << 404 << false << true;
    QTest::newRow("conflict") << int(ErrorCode::Conflict) << 409 << false << true;
    QTest::newRow("session expired") << int(ErrorCode::Unauthorized) << 401 << false << false;
    QTest::newRow("slow down") << int(ErrorCode::RateLimited) << 429 << true << false;
    QTest::newRow("server error") << int(ErrorCode::Internal) << 500 << true << false;
    QTest::newRow("unavailable") << int(ErrorCode::Internal) << 503 << true << false;
    QTest::newRow("not implemented") << int(ErrorCode::Internal) << 501 << false << true;
}

void TestProtocol::oneRetryPolicy()
{
    // Every outbox (messages, posts, payments) asks Error the same two questions; an error
    // is never both worth retrying and given up on.
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(bool, transient);
    QFETCH(bool, definitive);
    Error e{ErrorCode(code), QStringLiteral("x"), {}, status};
    QCOMPARE(e.isTransient(), transient);
    QCOMPARE(e.isDefinitive(), definitive);
}

void TestProtocol::eventNamesRoundTrip()
{
    QSet<QString> seen;
    for (EventType type : allEventTypes()) {
        const QString name = eventName(type);
        QVERIFY2(name.contains(u'.') && name == name.toLower(), qPrintable(name));
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QCOMPARE(eventTypeFromName(name), std::optional<EventType>(type));
    }
    QCOMPARE(seen.size(), 17);
    QCOMPARE(eventName(EventType::PaymentRequestUpdated), QStringLiteral("payment_request.updated"));
    QVERIFY(!eventTypeFromName(u"message.Created"));
    QVERIFY(!eventTypeFromName(u"message.created "));
    QVERIFY(!eventTypeFromName(u""));
}

void TestProtocol::endpointsEncodeIds()
{
    namespace ep = endpoints;
    // Ids as the server issues them go in as they are.
    QCOMPARE(ep::conversationMessages(QStringLiteral("c_12")), QStringLiteral("/v1/conversations/c_12/messages"));
    QCOMPARE(ep::paymentRequestPay(QStringLiteral("pr_3")), QStringLiteral("/v1/payment-requests/pr_3/pay"));
    QCOMPARE(ep::conversation(QStringLiteral("@amelie")), QStringLiteral("/v1/conversations/%40amelie"));
    // Anything else stays inside its one segment.
    QCOMPARE(ep::post(QStringLiteral("1/replies")), QStringLiteral("/v1/posts/1%2Freplies"));
    QCOMPARE(ep::savingsGoal(QStringLiteral("../../wallet")), QStringLiteral("/v1/savings/goals/..%2F..%2Fwallet"));
    QCOMPARE(ep::user(QStringLiteral("u_1?x=1#y")), QStringLiteral("/v1/users/u_1%3Fx%3D1%23y"));
    QCOMPARE(ep::userFollow(QStringLiteral("%2F")), QStringLiteral("/v1/users/%252F/follow"));
    QCOMPARE(ep::postLike(QStringLiteral("é")), QStringLiteral("/v1/posts/%C3%A9/like"));
    QCOMPARE(ep::segment(QString()), QString());
}

void TestProtocol::errorCodeNamesRoundTrip()
{
    for (int i = 0; i <= int(ErrorCode::Unknown); ++i) {
        const auto code = ErrorCode(i);
        QCOMPARE(errorCodeFromName(errorCodeName(code)), code);
    }
    QCOMPARE(errorCodeName(ErrorCode::IdempotencyKeyReused), QStringLiteral("idempotency_key_reused"));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
