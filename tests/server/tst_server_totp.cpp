// SPDX-License-Identifier: MIT
// Two-factor sign-in and step-up before money moves (docs/api.md "Two-factor sign-in",
// "Step-up"): RFC 6238 known answers in-process, then against the real server with its
// test clock frozen, so that every code is computed for a known step: enrolment, the
// window of ±1 step, replay, recovery codes, limited attempts, disabling, and the
// step-up a money move needs above the threshold or on a young session.

#include "apiprobe.h"
#include "common/testserver.h"
#include "totp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace plaza::test;
namespace totp = plaza::server::totp;

namespace {
const QString kPassword = QStringLiteral("correct horse battery");

QJsonObject eur(qint64 minor)
{
    return {{QStringLiteral("amount"), minor}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject details(const ApiReply &r)
{
    return r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject();
}

QString reason(const ApiReply &r)
{
    return details(r).value(QStringLiteral("reason")).toString();
}
} // namespace

class TestServerTotp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rfc6238KnownAnswers();
    void base32RoundTrip();
    void enrolmentNeedsPasswordAndCode();
    void signInAsksForTheCode();
    void windowIsOneStep();
    void usedCodeIsRefused();
    void recoveryCodeWorksOnce();
    void codeAttemptsAreLimited();
    void disableNeedsACode();
    void noSecondFactorNoStepUp();
    void aboveThresholdNeedsPassword();
    void aboveThresholdAcceptsCode();
    void youngSessionAlwaysAsks();
    void sameKeyAfterSuccessDoesNotAskAgain();
    void paymentRequestAndWithdrawalAsk();
    void weakeningTheThresholdNeedsStepUp();

private:
    qint64 serverNowMs();
    void advance(qint64 seconds);
    //! The code of \a secret at the server's step + \a offset.
    QString codeAt(const QByteArray &secret, qint64 offset = 0);
    //! Moves the clock to a step no code was used in yet and gives its code.
    QString freshCode(const QByteArray &secret);
    //! Registers \a handle and turns two-factor on; its secret (raw) and recovery codes.
    TestAccount enrolled(const QString &handle, QByteArray *secret, QStringList *recovery = nullptr);
    ApiReply login(const TestAccount &a);
    ApiReply secondStep(const QString &challenge, const QString &code, const QString &recovery = {});
    //! A full sign-in of a two-factor account (a new, young session).
    TestAccount signInWithCode(const TestAccount &a, const QByteArray &secret);
    ApiReply money(const QString &path, const QJsonObject &body, const TestAccount &who, const QString &key,
                   const QString &stepUpToken = {});
    ApiReply transfer(const TestAccount &from, const TestAccount &to, qint64 amount, const QString &key,
                      const QString &stepUpToken = {});
    ApiReply setThreshold(const TestAccount &a, const QJsonValue &minor, const QString &stepUpToken = {});
    QString stepUp(const TestAccount &a, const QJsonObject &proof);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
};

void TestServerTotp::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{QStringLiteral("--test-clock"), QStringLiteral("--access-ttl"), QStringLiteral("86400")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    // Frozen: only advance() moves it, so a code computed for a step stays that step's.
    const ApiReply r = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}});
    QCOMPARE(r.status, 200);
}

qint64 TestServerTotp::serverNowMs()
{
    const ApiReply r = m_api->get(QStringLiteral("/v1/test/clock"));
    return QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

void TestServerTotp::advance(qint64 seconds)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), seconds}});
    QCOMPARE(r.status, 200);
}

QString TestServerTotp::codeAt(const QByteArray &secret, qint64 offset)
{
    return totp::codeAt(secret, totp::stepAt(serverNowMs()) + offset);
}

QString TestServerTotp::freshCode(const QByteArray &secret)
{
    advance(totp::kStepSeconds * (totp::kWindowSteps + 1));
    return codeAt(secret);
}

TestAccount TestServerTotp::enrolled(const QString &handle, QByteArray *secret, QStringList *recovery)
{
    const TestAccount a = m_api->registerAccount(handle);
    ApiReply r = m_api->post(QStringLiteral("/v1/account/2fa/setup"), {{QStringLiteral("password"), kPassword}}, a.accessToken);
    if (r.status != 200) {
        qWarning() << "setup" << r.status << r.body;
        return {};
    }
    const auto bytes = totp::base32Decode(r.json.value(QStringLiteral("secret")).toString());
    if (!bytes)
        return {};
    *secret = *bytes;
    r = m_api->post(QStringLiteral("/v1/account/2fa/confirm"), {{QStringLiteral("code"), codeAt(*secret)}}, a.accessToken);
    if (r.status != 200) {
        qWarning() << "confirm" << r.status << r.body;
        return {};
    }
    if (recovery) {
        recovery->clear();
        for (const QJsonValue &v : r.json.value(QStringLiteral("recovery_codes")).toArray())
            recovery->append(v.toString());
    }
    return a;
}

ApiReply TestServerTotp::login(const TestAccount &a)
{
    return m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), kPassword}});
}

ApiReply TestServerTotp::secondStep(const QString &challenge, const QString &code, const QString &recovery)
{
    QJsonObject body{{QStringLiteral("challenge"), challenge}};
    if (!code.isEmpty())
        body.insert(QStringLiteral("code"), code);
    if (!recovery.isEmpty())
        body.insert(QStringLiteral("recovery_code"), recovery);
    return m_api->post(QStringLiteral("/v1/auth/login/totp"), body);
}

TestAccount TestServerTotp::signInWithCode(const TestAccount &a, const QByteArray &secret)
{
    const ApiReply first = login(a);
    const ApiReply r = secondStep(details(first).value(QStringLiteral("challenge")).toString(), freshCode(secret));
    if (r.status != 200) {
        qWarning() << "second step" << r.status << r.body;
        return {};
    }
    TestAccount signedIn = a;
    signedIn.accessToken = r.json.value(QStringLiteral("access_token")).toString();
    signedIn.refreshToken = r.json.value(QStringLiteral("refresh_token")).toString();
    return signedIn;
}

ApiReply TestServerTotp::money(const QString &path, const QJsonObject &body, const TestAccount &who, const QString &key,
                               const QString &stepUpToken)
{
    QList<QPair<QByteArray, QByteArray>> headers{{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}};
    if (!stepUpToken.isEmpty())
        headers.append({QByteArrayLiteral("Step-Up-Token"), stepUpToken.toLatin1()});
    return m_api->send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), who.accessToken,
                       headers);
}

ApiReply TestServerTotp::transfer(const TestAccount &from, const TestAccount &to, qint64 amount, const QString &key,
                                  const QString &stepUpToken)
{
    return money(QStringLiteral("/v1/transfers"), {{QStringLiteral("to"), QString(u'@' + to.handle)}, {QStringLiteral("amount"), eur(amount)}},
                 from, key, stepUpToken);
}

ApiReply TestServerTotp::setThreshold(const TestAccount &a, const QJsonValue &minor, const QString &stepUpToken)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!stepUpToken.isEmpty())
        headers.append({QByteArrayLiteral("Step-Up-Token"), stepUpToken.toLatin1()});
    const QJsonObject body{{QStringLiteral("stepup_threshold_minor"), minor}};
    return m_api->send(QByteArrayLiteral("PUT"), QStringLiteral("/v1/account/security"),
                       QJsonDocument(body).toJson(QJsonDocument::Compact), a.accessToken, headers);
}

QString TestServerTotp::stepUp(const TestAccount &a, const QJsonObject &proof)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/auth/step-up"), proof, a.accessToken);
    if (r.status != 200)
        qWarning() << "step-up" << r.status << r.body;
    return r.json.value(QStringLiteral("step_up_token")).toString();
}

void TestServerTotp::rfc6238KnownAnswers()
{
    // RFC 6238 appendix B, SHA-1 seed: 8-digit values at the listed times.
    const QByteArray seed("12345678901234567890");
    const QList<std::pair<qint64, QString>> vectors{{59, QStringLiteral("94287082")},
                                                    {1111111109, QStringLiteral("07081804")},
                                                    {1111111111, QStringLiteral("14050471")},
                                                    {1234567890, QStringLiteral("89005924")},
                                                    {2000000000, QStringLiteral("69279037")},
                                                    {20000000000, QStringLiteral("65353130")}};
    for (const auto &[seconds, expected] : vectors)
        QCOMPARE(totp::codeAt(seed, totp::stepAt(seconds * 1000), 8), expected);
    // What the apps show: the 6-digit truncation.
    QCOMPARE(totp::codeAt(seed, totp::stepAt(59 * 1000)), QStringLiteral("287082"));
    QCOMPARE(totp::codeAt(seed, totp::stepAt(1111111109 * 1000LL)), QStringLiteral("081804"));
    // match() finds the step of a code around now, and never one at or before the last used.
    const qint64 now = 1111111109 * 1000LL;
    QCOMPARE(totp::match(seed, u"081804", now, 0), std::optional<qint64>(totp::stepAt(now)));
    QCOMPARE(totp::match(seed, u"081 804", now, 0), std::optional<qint64>(totp::stepAt(now)));
    QCOMPARE(totp::match(seed, u"081804", now, totp::stepAt(now)), std::nullopt);
    QCOMPARE(totp::match(seed, u"08180", now, 0), std::nullopt);
    QCOMPARE(totp::match(seed, u"08180x", now, 0), std::nullopt);
}

void TestServerTotp::base32RoundTrip()
{
    QCOMPARE(totp::base32Encode("12345678901234567890"), QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    QCOMPARE(totp::base32Decode(u"gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), std::optional<QByteArray>("12345678901234567890"));
    QCOMPARE(totp::base32Decode(u"GEZ1"), std::nullopt);
    const QStringList codes = totp::newRecoveryCodes();
    QCOMPARE(codes.size(), 10);
    QCOMPARE(QSet<QString>(codes.cbegin(), codes.cend()).size(), 10);
    QCOMPARE(totp::recoveryCodeDigest(codes.first()), totp::recoveryCodeDigest(codes.first().toUpper().remove(u'-')));
}

void TestServerTotp::enrolmentNeedsPasswordAndCode()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("enrol"));
    ApiReply r = m_api->get(QStringLiteral("/v1/account/security"), a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("totp_enabled")).toBool(true), false);
    QVERIFY(r.json.value(QStringLiteral("stepup_threshold_minor")).isNull());

    r = m_api->post(QStringLiteral("/v1/account/2fa/setup"), {{QStringLiteral("password"), QStringLiteral("wrong password!")}},
                    a.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("wrong_password"));
    // Confirming before any set-up: nothing pending.
    r = m_api->post(QStringLiteral("/v1/account/2fa/confirm"), {{QStringLiteral("code"), QStringLiteral("123456")}}, a.accessToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(reason(r), QStringLiteral("totp_not_pending"));

    r = m_api->post(QStringLiteral("/v1/account/2fa/setup"), {{QStringLiteral("password"), kPassword}}, a.accessToken);
    QCOMPARE(r.status, 200);
    const QString secretText = r.json.value(QStringLiteral("secret")).toString();
    QCOMPARE(secretText.size(), 32); // 160 bits
    const QString uri = r.json.value(QStringLiteral("otpauth_uri")).toString();
    QVERIFY2(uri.startsWith(QStringLiteral("otpauth://totp/Plaza:enrol?secret=") + secretText), qPrintable(uri));
    QVERIFY(uri.contains(QStringLiteral("issuer=Plaza")));
    const QByteArray secret = *totp::base32Decode(secretText);

    // Pending is not on: sign-in still gives tokens at once.
    QCOMPARE(login(a).status, 200);
    r = m_api->post(QStringLiteral("/v1/account/2fa/confirm"), {{QStringLiteral("code"), codeAt(secret, 3)}}, a.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
    r = m_api->post(QStringLiteral("/v1/account/2fa/confirm"), {{QStringLiteral("code"), codeAt(secret)}}, a.accessToken);
    QCOMPARE(r.status, 200);
    const QJsonArray codes = r.json.value(QStringLiteral("recovery_codes")).toArray();
    QCOMPARE(codes.size(), 10);
    r = m_api->get(QStringLiteral("/v1/account/security"), a.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("totp_enabled")).toBool(), true);
    QCOMPARE(r.json.value(QStringLiteral("recovery_codes_left")).toInt(), 10);
    // A second set-up while on is refused.
    r = m_api->post(QStringLiteral("/v1/account/2fa/setup"), {{QStringLiteral("password"), kPassword}}, a.accessToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(reason(r), QStringLiteral("totp_enabled"));
}

void TestServerTotp::signInAsksForTheCode()
{
    QByteArray secret;
    const TestAccount a = enrolled(QStringLiteral("asks"), &secret);
    QVERIFY(!a.id.isEmpty());
    ApiReply r = login(a);
    QCOMPARE(r.status, 401);
    QVERIFY(r.isEnvelope());
    QCOMPARE(reason(r), QStringLiteral("totp_required"));
    QVERIFY(!r.json.contains(QStringLiteral("access_token")));
    const QString challenge = details(r).value(QStringLiteral("challenge")).toString();
    QVERIFY(challenge.size() >= 40);
    QCOMPARE(details(r).value(QStringLiteral("expires_in")).toInt(), 300);
    // The wrong password still says only that.
    r = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), a.handle}, {QStringLiteral("password"), QStringLiteral("not the password")}});
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QString());

    r = secondStep(challenge, freshCode(secret));
    QCOMPARE(r.status, 200);
    const QString access = r.json.value(QStringLiteral("access_token")).toString();
    QVERIFY(!access.isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v1/me"), access).status, 200);
    // The challenge was used up.
    r = secondStep(challenge, freshCode(secret));
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QStringLiteral("challenge_invalid"));
    // A challenge lives 5 minutes.
    const QString late = details(login(a)).value(QStringLiteral("challenge")).toString();
    advance(301);
    r = secondStep(late, codeAt(secret));
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QStringLiteral("challenge_invalid"));
}

void TestServerTotp::windowIsOneStep()
{
    QByteArray secret;
    const TestAccount a = enrolled(QStringLiteral("window"), &secret);
    QVERIFY(!a.id.isEmpty());
    advance(5 * totp::kStepSeconds); // well past the step used by the enrolment
    const QString challenge = details(login(a)).value(QStringLiteral("challenge")).toString();
    for (const qint64 off : {-2, 2}) {
        const ApiReply r = secondStep(challenge, codeAt(secret, off));
        QCOMPARE(r.status, 401);
        QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
    }
    // One step behind, now, one step ahead: each accepted (in that order: a step once
    // used, and every one before it, is spent).
    for (const qint64 off : {-1, 0, 1}) {
        const QString c = details(login(a)).value(QStringLiteral("challenge")).toString();
        const ApiReply r = secondStep(c, codeAt(secret, off));
        QVERIFY2(r.status == 200, qPrintable(QStringLiteral("offset %1: %2 %3").arg(off).arg(r.status).arg(QString::fromUtf8(r.body))));
    }
}

void TestServerTotp::usedCodeIsRefused()
{
    QByteArray secret;
    const TestAccount a = enrolled(QStringLiteral("replay"), &secret);
    QVERIFY(!a.id.isEmpty());
    const QString code = freshCode(secret);
    ApiReply r = secondStep(details(login(a)).value(QStringLiteral("challenge")).toString(), code);
    QCOMPARE(r.status, 200);
    // Same code, same step, on a new sign-in (someone who watched it typed): refused.
    r = secondStep(details(login(a)).value(QStringLiteral("challenge")).toString(), code);
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
    // And for a step-up too.
    r = m_api->post(QStringLiteral("/v1/auth/step-up"), {{QStringLiteral("code"), code}}, a.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
}

void TestServerTotp::recoveryCodeWorksOnce()
{
    QByteArray secret;
    QStringList recovery;
    const TestAccount a = enrolled(QStringLiteral("recovery"), &secret, &recovery);
    QVERIFY(!a.id.isEmpty());
    QCOMPARE(recovery.size(), 10);
    // Typed in upper case without the dashes: still the code.
    ApiReply r = secondStep(details(login(a)).value(QStringLiteral("challenge")).toString(), {},
                            recovery.at(3).toUpper().remove(u'-'));
    QCOMPARE(r.status, 200);
    r = secondStep(details(login(a)).value(QStringLiteral("challenge")).toString(), {}, recovery.at(3));
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
    r = m_api->get(QStringLiteral("/v1/account/security"), a.accessToken);
    QCOMPARE(r.json.value(QStringLiteral("recovery_codes_left")).toInt(), 9);
    r = secondStep(details(login(a)).value(QStringLiteral("challenge")).toString(), {}, recovery.at(4));
    QCOMPARE(r.status, 200);
}

void TestServerTotp::codeAttemptsAreLimited()
{
    QByteArray secret;
    const TestAccount a = enrolled(QStringLiteral("guessed"), &secret);
    QVERIFY(!a.id.isEmpty());
    const QString wrong = codeAt(secret, 5);
    const QString challenge = details(login(a)).value(QStringLiteral("challenge")).toString();
    for (int i = 1; i <= 5; ++i) {
        const ApiReply r = secondStep(challenge, wrong);
        QCOMPARE(r.status, 401);
        QCOMPARE(details(r).value(QStringLiteral("attempts_left")).toInt(), 5 - i);
        QCOMPARE(reason(r), i < 5 ? QStringLiteral("totp_invalid") : QStringLiteral("challenge_invalid"));
    }
    // The challenge died: even the right code is refused on it.
    ApiReply r = secondStep(challenge, codeAt(secret));
    QCOMPARE(r.status, 401);
    QCOMPARE(reason(r), QStringLiteral("challenge_invalid"));

    // The account counts too: past 5 free failures, each wrong code imposes a wait (429),
    // whichever challenge it comes on.
    const QString next = details(login(a)).value(QStringLiteral("challenge")).toString();
    r = secondStep(next, wrong);
    QCOMPARE(r.status, 401);
    r = secondStep(next, codeAt(secret));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QCOMPARE(reason(r), QStringLiteral("totp_attempts"));
    QVERIFY(r.header("Retry-After").toInt() >= 1);
    // After the wait the right code goes through.
    r = secondStep(next, freshCode(secret));
    QCOMPARE(r.status, 200);
}

void TestServerTotp::disableNeedsACode()
{
    QByteArray secret;
    QStringList recovery;
    const TestAccount a = enrolled(QStringLiteral("disabled"), &secret, &recovery);
    QVERIFY(!a.id.isEmpty());
    ApiReply r = m_api->post(QStringLiteral("/v1/account/2fa/disable"), {{QStringLiteral("code"), codeAt(secret, 4)}}, a.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("totp_invalid"));
    QCOMPARE(login(a).status, 401);
    r = m_api->post(QStringLiteral("/v1/account/2fa/disable"), {{QStringLiteral("code"), freshCode(secret)}}, a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("totp_enabled")).toBool(true), false);
    QCOMPARE(login(a).status, 200);
    // Its recovery codes went with it.
    r = m_api->post(QStringLiteral("/v1/account/2fa/disable"), {{QStringLiteral("recovery_code"), recovery.first()}}, a.accessToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(reason(r), QStringLiteral("totp_not_enabled"));

    // With a recovery code instead of a code.
    QByteArray secret2;
    QStringList recovery2;
    const TestAccount b = enrolled(QStringLiteral("disabled2"), &secret2, &recovery2);
    r = m_api->post(QStringLiteral("/v1/account/2fa/disable"), {{QStringLiteral("recovery_code"), recovery2.last()}}, b.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(login(b).status, 200);
}

void TestServerTotp::noSecondFactorNoStepUp()
{
    // No second factor, no threshold: a brand-new session pays at once, any amount.
    const TestAccount a = m_api->registerAccount(QStringLiteral("plain"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("plain_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   a, newKey()).status,
             201);
    QCOMPARE(transfer(a, b, 15000, newKey()).status, 201);
}

void TestServerTotp::aboveThresholdNeedsPassword()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("thresh"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("thresh_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   a, newKey()).status,
             201);
    ApiReply r = setThreshold(a, 5000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("stepup_threshold_minor")).toInteger(), 5000);
    advance(11 * 60); // the session is no longer young

    QCOMPARE(transfer(a, b, 4999, newKey()).status, 201);
    const QString key = newKey();
    r = transfer(a, b, 5000, key);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
    QCOMPARE(details(r).value(QStringLiteral("why")).toString(), QStringLiteral("amount"));
    QCOMPARE(details(r).value(QStringLiteral("methods")).toArray(), QJsonArray{QStringLiteral("password")});

    r = m_api->post(QStringLiteral("/v1/auth/step-up"), {{QStringLiteral("password"), QStringLiteral("not the password")}}, a.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("wrong_password"));
    const QString token = stepUp(a, {{QStringLiteral("password"), kPassword}});
    QVERIFY(!token.isEmpty());
    // The refusal was not stored with the key: the same key now goes through.
    r = transfer(a, b, 5000, key, token);
    QCOMPARE(r.status, 201);
    QVERIFY(r.header("Idempotent-Replayed").isEmpty());
    // A token is its session's only.
    const ApiReply other = login(a);
    const TestAccount second{a.id, a.handle, other.json.value(QStringLiteral("access_token")).toString(), {}};
    QCOMPARE(transfer(second, b, 5000, newKey(), token).status, 403);
    // And it lasts 5 minutes.
    advance(5 * 60 + 1);
    r = transfer(a, b, 5000, newKey(), token);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
}

void TestServerTotp::aboveThresholdAcceptsCode()
{
    QByteArray secret;
    const TestAccount a = enrolled(QStringLiteral("codepay"), &secret);
    const TestAccount b = m_api->registerAccount(QStringLiteral("codepay_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   a, newKey()).status,
             201);
    QCOMPARE(setThreshold(a, 10000).status, 200);
    advance(11 * 60);
    QCOMPARE(transfer(a, b, 100, newKey()).status, 201);
    const QString key = newKey();
    ApiReply r = transfer(a, b, 12000, key);
    QCOMPARE(r.status, 403);
    QCOMPARE(details(r).value(QStringLiteral("methods")).toArray(), (QJsonArray{QStringLiteral("password"), QStringLiteral("totp")}));
    const QString token = stepUp(a, {{QStringLiteral("code"), freshCode(secret)}});
    QVERIFY(!token.isEmpty());
    QCOMPARE(transfer(a, b, 12000, key, token).status, 201);
}

void TestServerTotp::youngSessionAlwaysAsks()
{
    QByteArray secret;
    const TestAccount first = enrolled(QStringLiteral("young"), &secret);
    const TestAccount b = m_api->registerAccount(QStringLiteral("young_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   first, newKey()).status,
             201);
    const TestAccount a = signInWithCode(first, secret);
    QVERIFY(!a.accessToken.isEmpty());
    // No threshold; 1 cent; but the session signed in just now.
    const QString key = newKey();
    ApiReply r = transfer(a, b, 1, key);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
    QCOMPARE(details(r).value(QStringLiteral("why")).toString(), QStringLiteral("new_session"));
    QCOMPARE(transfer(a, b, 1, key, stepUp(a, {{QStringLiteral("password"), kPassword}})).status, 201);
    // Ten minutes after its sign-in, small payments go through without asking (a refresh
    // keeps the session's age: it is the sign-in that counts).
    advance(10 * 60);
    QCOMPARE(transfer(a, b, 1, newKey()).status, 201);
}

void TestServerTotp::sameKeyAfterSuccessDoesNotAskAgain()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("retry"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("retry_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   a, newKey()).status,
             201);
    QCOMPARE(setThreshold(a, 1000).status, 200);
    const QString key = newKey();
    QCOMPARE(transfer(a, b, 3000, key).status, 403);
    const QString token = stepUp(a, {{QStringLiteral("password"), kPassword}});
    const ApiReply paid = transfer(a, b, 3000, key, token);
    QCOMPARE(paid.status, 201);
    // The answer was lost; the retry comes after the token expired, without it: the stored
    // answer, not a new question, and no second payment.
    advance(6 * 60);
    const ApiReply replay = transfer(a, b, 3000, key);
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(replay.json.value(QStringLiteral("id")), paid.json.value(QStringLiteral("id")));
    QCOMPARE(transfer(a, b, 3000, newKey()).status, 403);
}

void TestServerTotp::paymentRequestAndWithdrawalAsk()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("payreq"));
    const TestAccount b = m_api->registerAccount(QStringLiteral("payreq_b"));
    QCOMPARE(money(QStringLiteral("/v1/wallet/top-ups"), {{QStringLiteral("amount"), eur(20000)}, {QStringLiteral("card_token"), QStringLiteral("tok_visa")}},
                   a, newKey()).status,
             201);
    QCOMPARE(money(QStringLiteral("/v1/savings/deposits"), {{QStringLiteral("amount"), eur(8000)}}, a, newKey()).status, 201);
    QCOMPARE(setThreshold(a, 5000).status, 200);
    advance(11 * 60);
    const ApiReply request = money(QStringLiteral("/v1/payment-requests"),
                                   {{QStringLiteral("payer"), QString(u'@' + a.handle)}, {QStringLiteral("amount"), eur(6000)}}, b, newKey());
    QCOMPARE(request.status, 201);
    const QString payPath = QStringLiteral("/v1/payment-requests/%1/pay").arg(request.json.value(QStringLiteral("id")).toString());
    const QString key = newKey();
    ApiReply r = m_api->send(QByteArrayLiteral("POST"), payPath, {}, a.accessToken, {{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}});
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
    r = money(QStringLiteral("/v1/savings/withdrawals"), {{QStringLiteral("amount"), eur(6000)}}, a, newKey());
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
    // Under the threshold a withdrawal goes; deposits never ask.
    QCOMPARE(money(QStringLiteral("/v1/savings/withdrawals"), {{QStringLiteral("amount"), eur(1000)}}, a, newKey()).status, 201);
    r = money(QStringLiteral("/v1/savings/deposits"), {{QStringLiteral("amount"), eur(2000)}}, a, newKey());
    QVERIFY2(r.status == 201, r.body.constData());
    const QString token = stepUp(a, {{QStringLiteral("password"), kPassword}});
    r = m_api->send(QByteArrayLiteral("POST"), payPath, {}, a.accessToken,
                    {{QByteArrayLiteral("Idempotency-Key"), key.toLatin1()}, {QByteArrayLiteral("Step-Up-Token"), token.toLatin1()}});
    QCOMPARE(r.status, 201);
}

void TestServerTotp::weakeningTheThresholdNeedsStepUp()
{
    const TestAccount a = m_api->registerAccount(QStringLiteral("weaken"));
    QCOMPARE(setThreshold(a, 5000).status, 200);
    // Lowering only strengthens: no question.
    QCOMPARE(setThreshold(a, 2000).status, 200);
    ApiReply r = setThreshold(a, 9000);
    QCOMPARE(r.status, 403);
    QCOMPARE(reason(r), QStringLiteral("step_up_required"));
    QCOMPARE(setThreshold(a, QJsonValue(QJsonValue::Null)).status, 403);
    QCOMPARE(setThreshold(a, -5).status, 400);
    r = setThreshold(a, QJsonValue(QJsonValue::Null), stepUp(a, {{QStringLiteral("password"), kPassword}}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("stepup_threshold_minor")).isNull());
}

QTEST_GUILESS_MAIN(TestServerTotp)
#include "tst_server_totp.moc"
