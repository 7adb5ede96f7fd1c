// SPDX-License-Identifier: MIT
// The codecs are strict: a string where a number belongs is an error, never 0, and
// malformed input of any kind becomes a typed error rather than a default value.
#include "protocol/chat.h"
#include "protocol/endpoints.h"
#include "protocol/events.h"
#include "protocol/feed.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "protocol/savings.h"
#include "protocol/types.h"
#include "protocol/wallet.h"

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

// Every resource of docs/api.md as the server writes it (every key, nulls included), so that
// decoding and encoding again must give back exactly these objects.
#define USER R"({"id":"u_1","handle":"amelie","display_name":"Amélie","kind":"person","verified":false,"followers":3,"following":4,"followed_by_me":true})"
#define MERCHANT R"({"id":"u_9","handle":"cafe","display_name":"Café","kind":"merchant","verified":true,"followers":0,"following":0,"followed_by_me":false})"
#define EUR(n) R"({"amount":)" #n R"(,"currency":"EUR"})"
#define SHA "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define IMAGE R"({"id":"md_1","kind":"image","mime":"image/jpeg","name":"hike.jpg","size":52314,"sha256":")" SHA R"(","width":1600,"height":1200,"thumbnail":true})"
#define FILE_MEDIA R"({"id":"md_2","kind":"file","mime":"application/pdf","name":"menu.pdf","size":1200,"sha256":")" SHA R"(","width":0,"height":0,"thumbnail":false})"
#define MESSAGE R"({"id":"m_2","client_id":"t_5","conversation_id":"c_1","sender":)" USER R"(,"text":"lunch","created_at":"2026-11-22T09:30:00.125Z","kind":"payment","payment":{"transaction_id":"t_5","amount":)" EUR(1250) R"(},"attachments":[{"media":)" IMAGE R"(,"alt":"The ridge at dawn"},{"media":)" FILE_MEDIA R"(,"alt":null}],"edited_at":"2026-11-22T10:00:00.000Z","deleted_at":null,"reactions":[{"emoji":"👍","count":2,"mine":true,"recent_user_ids":["u_1","u_2"]}],"reply_to":{"id":"m_1","sender_id":"u_2","sender_name":"Bruno","snippet":"lunch?","deleted":false},"forwarded_from":{"message_id":"m_0","sender_id":"u_3","sender_name":"Chloé"},"system":null,"mentions":["u_2"]})"
#define GOAL R"({"id":"g_1","name":"Bike","target":)" EUR(50000) R"(,"saved":)" EUR(20000) R"(,"deadline":"2027-06-30","created_at":"2026-11-01T00:00:00.000Z"})"
#define POST_ORIGINAL R"({"id":"p_1","client_id":"c-1","author":)" USER R"(,"text":"hello","created_at":"2026-11-20T08:00:00.000Z","reply_to":null,"repost_of":null,"like_count":5,"repost_count":1,"reply_count":2,"liked_by_me":true,"reposted_by_me":true,"sponsored":true,"advertiser":)" MERCHANT R"(,"reach":"limited","signals":{"author_affinity":0.55,"engagement":8,"age_s":7200},"images":[{"media":)" IMAGE R"(,"alt":null}],"edited_at":"2026-11-20T09:00:00.000Z","quote_of":{"id":"p_0","deleted":false,"author":)" USER R"(,"text":"first","created_at":"2026-11-19T08:00:00.000Z","edited_at":null},"bookmarked_by_me":true})"

struct Sample {
    const char *type;
    const char *json;
};

const Sample kSamples[] = {
    {"message", MESSAGE},
    {"conversation", R"({"id":"c_1","kind":"group","title":"Trip","members":[)" USER "," MERCHANT R"(],"last_message":)" MESSAGE R"(,"unread":2,"read_up_to":"m_1","muted":true,"muted_until":"2026-11-23T09:30:00.000Z","admin_ids":["u_1"],"membership":"member","unread_mentions":1,"request":false})"},
    {"conversation.read", R"({"conversation_id":"c_1","user_id":"u_1","up_to":"m_2"})"},
    {"post", R"({"id":"p_2","client_id":null,"author":)" MERCHANT R"(,"text":"","created_at":"2026-11-21T08:00:00.000Z","reply_to":null,"repost_of":)" POST_ORIGINAL R"(,"like_count":0,"repost_count":0,"reply_count":0,"liked_by_me":false,"reposted_by_me":false,"sponsored":false,"advertiser":null,"reach":"full","signals":{"author_affinity":1,"engagement":0,"age_s":0},"images":[],"edited_at":null,"quote_of":{"id":"p_0","deleted":true,"author":null,"text":"","created_at":null,"edited_at":null},"bookmarked_by_me":false})"},
    {"upload", R"({"id":"up_4","size":104857600,"offset":3145728,"sha256":")" SHA R"(","expires_at":"2026-11-23T09:30:00.000Z"})"},
    {"media", IMAGE},
    {"transaction", R"({"id":"t_5","kind":"transfer","direction":"out","status":"completed","amount":)" EUR(1250) R"(,"counterparty":)" USER R"(,"note":"lunch","created_at":"2026-11-22T09:30:00.125Z","balance_after":)" EUR(8750) R"(,"request_id":"pr_3","conversation_id":"c_1","refund_of":null})"},
    {"wallet", R"({"balance":)" EUR(8750) R"(,"available":)" EUR(8750) R"(,"verification":"basic","limits":{"per_payment":)" EUR(25000) R"(,"daily":)" EUR(100000) R"(,"remaining_today":)" EUR(98750) R"(},"as_of":"2026-11-22T09:30:01.000Z"})"},
    {"payment_request", R"({"id":"pr_3","link":"plaza://pay/pr_3","status":"paid","amount":)" EUR(1250) R"(,"note":"lunch","payee":)" MERCHANT R"(,"payer":)" USER R"(,"transaction_id":"t_5","created_at":"2026-11-22T09:00:00.000Z","expires_at":"2026-12-22T09:00:00.000Z"})"},
    {"savings", R"({"balance":)" EUR(100000) R"(,"unassigned":)" EUR(80000) R"(,"apy_bps":450,"interest_this_month":)" EUR(37) R"(,"interest_total":)" EUR(1234) R"(,"accumulated_micros":37123456,"goals":[)" GOAL R"(],"rate_change":{"apy_bps":400,"previous_apy_bps":450,"effective_date":"2026-12-01"},"as_of":"2026-11-22T09:30:00.000Z"})"},
    {"goal", GOAL},
    {"savings.rate_changed", R"({"apy_bps":400,"previous_apy_bps":450,"effective_date":"2026-12-01"})"},
    {"interest", R"({"items":[{"date":"2026-11-30","balance":)" EUR(100000) R"(,"apy_bps":450,"accrued_micros":123287,"paid":)" EUR(37) R"(},{"date":"2026-11-29","balance":)" EUR(100000) R"(,"apy_bps":450,"accrued_micros":123287,"paid":null}],"next_before":"2026-11-29"})"},
    {"deleted", R"({"id":"p_1"})"},
    {"message.deleted", R"({"id":"m_2","conversation_id":"c_1","deleted_at":"2026-11-22T10:00:00.000Z"})"},
    {"block", R"({"user":)" USER R"(,"blocked_at":"2026-11-22T09:30:00.000Z"})"},
    {"block.changed", R"({"user":)" USER R"(,"blocked":false,"changed_at":"2026-11-22T09:30:00.000Z"})"},
    {"bookmark.changed", R"({"post_id":"p_1","bookmarked":true,"changed_at":"2026-11-22T09:30:00.000Z","post":)" POST_ORIGINAL R"(})"},
    {"report", R"({"id":"rp_1","target_type":"payment_request","target_id":"pr_3","reason":"scam","note":"","created_at":"2026-11-22T09:30:00.000Z","declined":true})"},
    {"message.reaction", R"({"message_id":"m_2","conversation_id":"c_1","user_id":"u_2","emoji":"❤️","added":false,"reactions":[{"emoji":"👍","count":1,"mine":false,"recent_user_ids":["u_2"]}]})"},
};

QJsonObject sample(const QString &type)
{
    for (const Sample &s : kSamples) {
        if (type == QLatin1String(s.type))
            return obj(s.json);
    }
    return {};
}

//! Decodes \a o as \a type and encodes it again.
Result<QJsonObject> reencode(const QString &type, const QJsonObject &o)
{
    auto run = [&](auto decoded) -> Result<QJsonObject> {
        if (!decoded)
            return decoded.error();
        return decoded->toJson();
    };
    if (type == u"message")
        return run(Message::fromJson(o));
    if (type == u"conversation")
        return run(Conversation::fromJson(o));
    if (type == u"conversation.read")
        return run(ReadMark::fromJson(o));
    if (type == u"post")
        return run(Post::fromJson(o));
    if (type == u"transaction")
        return run(Transaction::fromJson(o));
    if (type == u"wallet")
        return run(Wallet::fromJson(o));
    if (type == u"payment_request")
        return run(PaymentRequest::fromJson(o));
    if (type == u"savings")
        return run(SavingsAccount::fromJson(o));
    if (type == u"goal")
        return run(SavingsGoal::fromJson(o));
    if (type == u"savings.rate_changed")
        return run(RateChange::fromJson(o));
    if (type == u"interest")
        return run(InterestPage::fromJson(o));
    if (type == u"deleted")
        return run(Deleted::fromJson(o));
    if (type == u"message.deleted")
        return run(MessageDeleted::fromJson(o));
    if (type == u"message.reaction")
        return run(ReactionChange::fromJson(o));
    if (type == u"block")
        return run(Block::fromJson(o));
    if (type == u"block.changed")
        return run(BlockChange::fromJson(o));
    if (type == u"bookmark.changed")
        return run(BookmarkChange::fromJson(o));
    if (type == u"report")
        return run(Report::fromJson(o));
    if (type == u"upload")
        return run(Upload::fromJson(o));
    if (type == u"media")
        return run(Media::fromJson(o));
    return makeError(ErrorCode::Unknown, type);
}

//! \a o with the value at \a path ("payment.amount.amount", "members[0].id") replaced, or
//! removed when \a value is undefined.
QJsonObject withValue(QJsonObject o, QStringView path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(u'.');
    const QStringView head = dot < 0 ? path : path.left(dot);
    const QStringView rest = dot < 0 ? QStringView() : path.mid(dot + 1);
    const qsizetype bracket = head.indexOf(u'[');
    if (bracket >= 0) {
        const QString key = head.left(bracket).toString();
        const int index = head.mid(bracket + 1, head.size() - bracket - 2).toInt();
        QJsonArray list = o.value(key).toArray();
        list[index] = rest.isEmpty() ? value : QJsonValue(withValue(list.at(index).toObject(), rest, value));
        o.insert(key, list);
        return o;
    }
    const QString key = head.toString();
    if (!rest.isEmpty())
        o.insert(key, withValue(o.value(key).toObject(), rest, value));
    else if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return o;
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
    void resourcesRoundTrip_data();
    void resourcesRoundTrip();
    void resourcesAreStrict_data();
    void resourcesAreStrict();
    void olderServersDefaults();
    void messageActionHelpers();
    void repostsNestOnlySoDeep();
    void decodeReplyIsAProtocolError();
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
    QCOMPARE(seen.size(), 22);
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

void TestProtocol::resourcesRoundTrip_data()
{
    QTest::addColumn<QString>("type");
    for (const Sample &s : kSamples)
        QTest::newRow(s.type) << QString::fromLatin1(s.type);
}

void TestProtocol::resourcesRoundTrip()
{
    // What the server writes is what the client reads, key for key and byte for byte.
    QFETCH(QString, type);
    const QJsonObject original = sample(type);
    QVERIFY(!original.isEmpty());
    const auto again = reencode(type, original);
    QVERIFY2(again.ok(), again ? "" : qPrintable(again.error().message));
    QCOMPARE(QJsonDocument(*again).toJson(QJsonDocument::Compact), QJsonDocument(original).toJson(QJsonDocument::Compact));
}

void TestProtocol::resourcesAreStrict_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    const QJsonValue missing(QJsonValue::Undefined);
    const QJsonValue null(QJsonValue::Null);
    auto row = [](const char *name, const char *type, const char *path, const QJsonValue &value, const char *field) {
        QTest::newRow(name) << QString::fromLatin1(type) << QString::fromLatin1(path) << value << QString::fromLatin1(field);
    };
    const QJsonValue usd = obj(R"({"amount":1,"currency":"USD"})");
    // Message
    row("message: id missing", "message", "id", missing, "message.id");
    row("message: id a number", "message", "id", 2, "message.id");
    row("message: text a number", "message", "text", 7, "message.text");
    row("message: time not RFC 3339", "message", "created_at", QStringLiteral("yesterday"), "message.created_at");
    row("message: unknown kind", "message", "kind", QStringLiteral("sticker"), "message.kind");
    row("message: sender's count a string", "message", "sender.followers", QStringLiteral("3"), "message.sender.followers");
    row("message: payment amount fractional", "message", "payment.amount.amount", 12.5, "message.payment.amount");
    row("message: payment amount a string", "message", "payment.amount.amount", QStringLiteral("12.50"), "message.payment.amount");
    row("message: payment amount negative", "message", "payment.amount.amount", -1250, "message.payment.amount");
    row("message: payment without its card", "message", "payment", null, "message.payment");
    row("message: payment transaction a number", "message", "payment.transaction_id", 5, "message.payment.transaction_id");
    // Conversation
    row("conversation: id missing", "conversation", "id", missing, "conversation.id");
    row("conversation: unknown kind", "conversation", "kind", QStringLiteral("channel"), "conversation.kind");
    row("conversation: title a number", "conversation", "title", 1, "conversation.title");
    row("conversation: members not a list", "conversation", "members", QStringLiteral("u_1"), "conversation.members");
    row("conversation: a member not an object", "conversation", "members[1]", QStringLiteral("u_9"), "conversation.members[1]");
    row("conversation: a member's handle missing", "conversation", "members[1].handle", missing, "conversation.members[1].handle");
    row("conversation: unread negative", "conversation", "unread", -1, "conversation.unread");
    row("conversation: unread fractional", "conversation", "unread", 1.5, "conversation.unread");
    row("conversation: last message's id missing", "conversation", "last_message.id", missing, "conversation.last_message.id");
    row("conversation: last message elsewhere", "conversation", "last_message.conversation_id", QStringLiteral("c_2"), "conversation.last_message.conversation_id");
    row("conversation: muted a string", "conversation", "muted", QStringLiteral("yes"), "conversation.muted");
    row("conversation: muted_until not a time", "conversation", "muted_until", QStringLiteral("soon"), "conversation.muted_until");
    row("conversation: an end without a mute", "conversation", "muted", false, "conversation.muted_until");
    row("block: user missing", "block", "user", missing, "block.user");
    row("block.changed: blocked a string", "block.changed", "blocked", QStringLiteral("true"), "block.changed.blocked");
    row("block.changed: time missing", "block.changed", "changed_at", missing, "block.changed.changed_at");
    row("report: unknown reason", "report", "reason", QStringLiteral("boring"), "report.reason");
    row("report: unknown target", "report", "target_type", QStringLiteral("comment"), "report.target_type");
    row("read: up_to a number", "conversation.read", "up_to", 3, "conversation.read.up_to");
    row("read: user missing", "conversation.read", "user_id", missing, "conversation.read.user_id");
    // Post
    row("post: id missing", "post", "id", missing, "post.id");
    row("post: time a number", "post", "created_at", 12, "post.created_at");
    row("post: like count a string", "post", "like_count", QStringLiteral("5"), "post.like_count");
    row("post: like count negative", "post", "like_count", -1, "post.like_count");
    row("post: liked_by_me a number", "post", "liked_by_me", 1, "post.liked_by_me");
    row("post: unknown reach", "post", "reach", QStringLiteral("everyone"), "post.reach");
    row("post: engagement fractional", "post", "signals.engagement", 1.5, "post.signals.engagement");
    row("post: affinity over 1", "post", "signals.author_affinity", 2, "post.signals.author_affinity");
    row("post: original's author missing", "post", "repost_of.author", missing, "post.repost_of.author");
    row("post: advertiser not a user", "post", "repost_of.advertiser", QStringLiteral("u_9"), "post.repost_of.advertiser");
    // Transaction
    row("transaction: id missing", "transaction", "id", missing, "transaction.id");
    row("transaction: amount fractional", "transaction", "amount.amount", 12.5, "transaction.amount");
    row("transaction: amount a string", "transaction", "amount.amount", QStringLiteral("1250"), "transaction.amount");
    row("transaction: amount zero", "transaction", "amount.amount", 0, "transaction.amount");
    row("transaction: amount negative", "transaction", "amount.amount", -5, "transaction.amount");
    row("transaction: amount out of range", "transaction", "amount.amount", qint64(Money::kMaxApiAmount + 1), "transaction.amount");
    row("transaction: amount beyond int64", "transaction", "amount.amount", 1e20, "transaction.amount");
    row("transaction: bare number amount", "transaction", "amount", 1250, "transaction.amount");
    row("transaction: unknown currency", "transaction", "amount.currency", QStringLiteral("XXX"), "transaction.amount");
    row("transaction: unknown direction", "transaction", "direction", QStringLiteral("sideways"), "transaction.direction");
    row("transaction: unknown kind", "transaction", "kind", QStringLiteral("gift"), "transaction.kind");
    row("transaction: balance in another currency", "transaction", "balance_after", usd, "transaction.balance_after");
    row("transaction: counterparty's kind unknown", "transaction", "counterparty.kind", QStringLiteral("robot"), "transaction.counterparty.kind");
    row("transaction: request id a number", "transaction", "request_id", 3, "transaction.request_id");
    // Wallet
    row("wallet: balance missing", "wallet", "balance", missing, "wallet.balance");
    row("wallet: balance fractional", "wallet", "balance.amount", 1.5, "wallet.balance");
    row("wallet: available in another currency", "wallet", "available", usd, "wallet.available");
    row("wallet: unknown verification", "wallet", "verification", QStringLiteral("gold"), "wallet.verification");
    row("wallet: daily limit a string", "wallet", "limits.daily.amount", QStringLiteral("x"), "wallet.limits.daily");
    row("wallet: daily limit negative", "wallet", "limits.daily.amount", -1, "wallet.limits.daily");
    row("wallet: limits in another currency", "wallet", "limits",
        QJsonObject{{QStringLiteral("per_payment"), usd}, {QStringLiteral("daily"), usd}, {QStringLiteral("remaining_today"), usd}},
        "wallet.limits.per_payment");
    row("wallet: one limit in another currency", "wallet", "limits.daily", usd, "wallet.limits.daily");
    row("wallet: as_of not a time", "wallet", "as_of", QStringLiteral("noon"), "wallet.as_of");
    // Payment request
    row("request: unknown status", "payment_request", "status", QStringLiteral("lost"), "payment_request.status");
    row("request: amount zero", "payment_request", "amount.amount", 0, "payment_request.amount");
    row("request: payee missing", "payment_request", "payee", missing, "payment_request.payee");
    row("request: payer only an id", "payment_request", "payer", QStringLiteral("u_1"), "payment_request.payer");
    row("request: paid without its payment", "payment_request", "transaction_id", null, "payment_request.transaction_id");
    row("request: expiry not a time", "payment_request", "expires_at", 5, "payment_request.expires_at");
    // Savings
    row("savings: interest_total missing", "savings", "interest_total", missing, "savings.interest_total");
    row("savings: apy fractional", "savings", "apy_bps", 4.5, "savings.apy_bps");
    row("savings: apy negative", "savings", "apy_bps", -1, "savings.apy_bps");
    row("savings: accumulator a string", "savings", "accumulated_micros", QStringLiteral("1"), "savings.accumulated_micros");
    row("savings: goals not a list", "savings", "goals", QStringLiteral("g_1"), "savings.goals");
    row("savings: goal target fractional", "savings", "goals[0].target.amount", 1.5, "savings.goals[0].target");
    row("savings: goal target zero", "savings", "goals[0].target.amount", 0, "savings.goals[0].target");
    row("savings: goal deadline not a day", "savings", "goals[0].deadline", QStringLiteral("30/06/2027"), "savings.goals[0].deadline");
    row("savings: goal in another currency", "savings", "goals[0].target", usd, "savings.goals[0].saved");
    row("savings: rate change date a number", "savings", "rate_change.effective_date", 20261201, "savings.rate_change.effective_date");
    row("savings: unassigned in another currency", "savings", "unassigned", usd, "savings.unassigned");
    row("goal: saved negative", "goal", "saved.amount", -1, "goal.saved");
    row("goal: name missing", "goal", "name", missing, "goal.name");
    row("rate: apy a string", "savings.rate_changed", "apy_bps", QStringLiteral("400"), "savings.rate_changed.apy_bps");
    row("rate: day without zero padding", "savings.rate_changed", "effective_date", QStringLiteral("2026-12-1"), "savings.rate_changed.effective_date");
    row("interest: payout fractional", "interest", "items[0].paid.amount", 0.5, "interest.items[0].paid");
    row("interest: impossible day", "interest", "items[1].date", QStringLiteral("2026-02-30"), "interest.items[1].date");
    row("interest: accrual a string", "interest", "items[0].accrued_micros", QStringLiteral("1"), "interest.items[0].accrued_micros");
    row("interest: next page a number", "interest", "next_before", 5, "interest.next_before");
    row("deleted: id a number", "deleted", "id", 5, "deleted.id");
    // Media
    row("message: attachment alt a number", "message", "attachments[0].alt", 5, "message.attachments[0].alt");
    row("message: attachment alt too long", "message", "attachments[0].alt", QString(1001, u'a'), "message.attachments[0].alt");
    row("message: attachment kind unknown", "message", "attachments[1].media.kind", QStringLiteral("video"), "message.attachments[1].media.kind");
    row("message: attachment size fractional", "message", "attachments[1].media.size", 12.5, "message.attachments[1].media.size");
    row("message: attachments not a list", "message", "attachments", QStringLiteral("md_1"), "message.attachments");
    row("post: image that is a file", "post", "repost_of.images[0].media.kind", QStringLiteral("file"), "post.repost_of.images");
    row("media: sha256 upper case", "media", "sha256", QStringLiteral(SHA).toUpper(), "media.sha256");
    row("media: image without a size", "media", "width", 0, "media.width");
    row("media: size over 100 MiB", "media", "size", 104857601, "media.size");
    row("media: bomb dimensions", "media", "width", 100000, "media.width");
    row("media: thumbnail a string", "media", "thumbnail", QStringLiteral("yes"), "media.thumbnail");
    row("upload: offset past size", "upload", "offset", 104857601, "upload.offset");
    row("upload: size zero", "upload", "size", 0, "upload.size");
    row("upload: sha256 too short", "upload", "sha256", QStringLiteral("abc"), "upload.sha256");
}

void TestProtocol::resourcesAreStrict()
{
    // A wrong type, a missing field or a bad amount is refused, naming the field: never a
    // default value, never a rounded amount.
    QFETCH(QString, type);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    const QJsonObject broken = withValue(sample(type), path, value);
    QVERIFY(broken != sample(type));
    const auto decoded = reencode(type, broken);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::ValidationFailed);
    QCOMPARE(decoded.error().field(), field);
    QVERIFY(decoded.error().message.startsWith(field + QStringLiteral(": ")));
}

void TestProtocol::messageActionHelpers()
{
    // A server from before issue 17: never edited or deleted, no reactions, reply or forward.
    QJsonObject old = sample(QStringLiteral("message"));
    for (const char *key : {"edited_at", "deleted_at", "reactions", "reply_to", "forwarded_from"})
        old.remove(QLatin1String(key));
    const auto m = Message::fromJson(old);
    QVERIFY2(m.ok(), m ? "" : qPrintable(m.error().message));
    QVERIFY(!m->editedAt && !m->deletedAt && m->reactions.isEmpty() && !m->replyTo && !m->forwardedFrom);
    // A reaction counts at least one person.
    QJsonObject zero = sample(QStringLiteral("message.reaction"));
    zero.insert(QStringLiteral("reactions"), QJsonArray{QJsonObject{{QStringLiteral("emoji"), QStringLiteral("👍")},
                                                                    {QStringLiteral("count"), 0},
                                                                    {QStringLiteral("mine"), false},
                                                                    {QStringLiteral("recent_user_ids"), QJsonArray()}}});
    QVERIFY(!ReactionChange::fromJson(zero));

    // The quote of a reply: one line, at most 100 code points with the ellipsis.
    QCOMPARE(replySnippet(QStringLiteral("  Deux\n\nlignes\t ici  ")), QStringLiteral("Deux lignes ici"));
    const QString cut = replySnippet(QString(150, u'x') + QStringLiteral("🙂"));
    QCOMPARE(cut.toUcs4().size(), kReplySnippetChars);
    QVERIFY(cut.endsWith(QStringLiteral("…")));
    QCOMPARE(replySnippet(QStringLiteral("🙂").repeated(100)), QStringLiteral("🙂").repeated(100)); // 100 code points fit

    for (const char *yes : {"👍", "❤️", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1️⃣", "#⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️", "☕"})
        QVERIFY2(isReactionEmoji(QString::fromUtf8(yes)), yes);
    for (const char *no : {"", "a", "ok", "7", "👍👍", "👍a", "é", " ", "\u200d", "1", "🇫", "<b>"})
        QVERIFY2(!isReactionEmoji(QString::fromUtf8(no)), no);
    QVERIFY(!isReactionEmoji(QStringLiteral("👍").repeated(9)));
}

void TestProtocol::olderServersDefaults()
{
    // Fields a server may leave out read as documented defaults, not as errors.
    QJsonObject savings = sample(QStringLiteral("savings"));
    for (const char *key : {"unassigned", "accumulated_micros", "goals", "rate_change", "as_of"})
        savings.remove(QLatin1String(key));
    const auto s = SavingsAccount::fromJson(savings);
    QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->unassigned, s->balance);
    QCOMPARE(s->accumulatedMicros, qint64(0));
    QVERIFY(s->goals.isEmpty() && !s->rateChange && !s->asOf.isValid());

    QJsonObject post = sample(QStringLiteral("post"));
    for (const char *key : {"like_count", "liked_by_me", "sponsored", "advertiser", "reach", "signals"})
        post.remove(QLatin1String(key));
    const auto p = Post::fromJson(post);
    QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().message));
    QCOMPARE(p->likeCount, qint64(0));
    QCOMPARE(p->reach, QStringLiteral("full"));
    QVERIFY(!p->rankSignals && !p->sponsored);
    QVERIFY(p->repostOf && p->repostOf->rankSignals);
    QCOMPARE(p->repostOf->rankSignals->engagement, qint64(8));

    const auto m = Message::fromJson(withValue(withValue(sample(QStringLiteral("message")), u"kind", QStringLiteral("text")),
                                               u"payment", QJsonValue::Null));
    QVERIFY(m.ok());
    QVERIFY(!m->payment);
    QCOMPARE(m->attachments.size(), 2);
    QCOMPARE(m->attachments.at(0).alt, QStringLiteral("The ridge at dawn"));
    QVERIFY(m->attachments.at(1).alt.isNull());
    // A server from before media sends no attachments and no images.
    const auto bare = Message::fromJson(withValue(sample(QStringLiteral("message")), u"attachments", QJsonValue::Undefined));
    QVERIFY(bare.ok());
    QVERIFY(bare->attachments.isEmpty());
    QJsonObject noImages = sample(QStringLiteral("post"));
    noImages.remove(QStringLiteral("images"));
    const auto q = Post::fromJson(noImages);
    QVERIFY(q.ok());
    QVERIFY(q->images.isEmpty());
    QCOMPARE(q->repostOf->images.size(), 1);
    QCOMPARE(m->createdAt, QDateTime(QDate(2026, 11, 22), QTime(9, 30, 0, 125), Qt::UTC));
}

void TestProtocol::repostsNestOnlySoDeep()
{
    QJsonObject post = sample(QStringLiteral("post"));
    // The sample is a repost (depth 1); wrap it up to the deepest nesting allowed.
    for (int depth = 2; depth <= Post::kMaxDepth; ++depth) {
        QJsonObject outer = post;
        outer.insert(QStringLiteral("id"), QStringLiteral("p_r%1").arg(depth));
        outer.insert(QStringLiteral("repost_of"), post);
        post = outer;
    }
    QVERIFY(Post::fromJson(post).ok());
    QJsonObject tooDeep = post;
    tooDeep.insert(QStringLiteral("repost_of"), post);
    const auto refused = Post::fromJson(tooDeep);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().field().endsWith(QStringLiteral("repost_of")));
}

void TestProtocol::decodeReplyIsAProtocolError()
{
    // What a client got from a server and cannot read is the server's fault: Protocol, same field.
    const auto bad = decodeReply<Transaction>(withValue(sample(QStringLiteral("transaction")), u"amount.amount", 0.5));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::Protocol);
    QCOMPARE(bad.error().field(), QStringLiteral("transaction.amount"));
    QVERIFY(decodeReply<Transaction>(sample(QStringLiteral("transaction"))).ok());

    // A paged list decodes each item with its codec, naming the item's field.
    const QJsonObject page{{QStringLiteral("items"), QJsonArray{sample(QStringLiteral("post")), sample(QStringLiteral("post"))}},
                           {QStringLiteral("next_before"), QStringLiteral("p_2")}};
    const auto posts = Page<Post>::fromJson(page);
    QVERIFY(posts.ok());
    QCOMPARE(posts->items.size(), 2);
    QCOMPARE(posts->nextBefore, std::optional<QString>(QStringLiteral("p_2")));
    QCOMPARE(posts->toJson(), page);
    const auto badPage = decodeReply<Page<Post>>(withValue(page, u"items[1].repost_of.like_count", QStringLiteral("5")));
    QVERIFY(!badPage.ok());
    QCOMPARE(badPage.error().code, ErrorCode::Protocol);
    QCOMPARE(badPage.error().field(), QStringLiteral("page.items[1].repost_of.like_count"));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
