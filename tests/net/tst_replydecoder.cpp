// SPDX-License-Identifier: MIT
// How HTTP answers and transport failures become ApiResponse / typed Error.
#include "net/replydecoder.h"

#include <QTest>

using namespace plaza;
using plaza::net::detail::decodeAnswer;
using plaza::net::detail::HttpAnswer;
using plaza::net::detail::transportError;

class TestReplyDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonObjectIsTheBody()
    {
        auto r = decodeAnswer({200, R"({"status":"ok","n":3})", false, {}});
        QVERIFY(r.ok());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body.value(QStringLiteral("n")).toInt(), 3);
        QVERIFY(!r->replayed);
    }

    void noContentHasAnEmptyBody()
    {
        auto r = decodeAnswer({204, {}, false, {}});
        QVERIFY(r.ok());
        QCOMPARE(r->status, 204);
        QVERIFY(r->body.isEmpty());
    }

    void rawBodyIsKeptUnparsed()
    {
        // RequestOptions::rawBody: the caller decodes (a sync page, off the UI thread).
        const QByteArray body = R"({"events":[],"next_since":4,"has_more":false})";
        auto r = decodeAnswer({200, body, false, {}}, true);
        QVERIFY(r.ok());
        QCOMPARE(r->raw, body);
        QVERIFY(r->body.isEmpty());
        // Not even checked: what is not JSON is the caller's to refuse.
        auto notJson = decodeAnswer({200, "<html>", false, {}}, true);
        QVERIFY(notJson.ok());
        QCOMPARE(notJson->raw, QByteArray("<html>"));
        // Errors are decoded as ever.
        auto error = decodeAnswer({410, R"({"error":{"code":"resync_required","message":"too old"}})", false, {}}, true);
        QVERIFY(!error.ok());
        QCOMPARE(error.error().code, ErrorCode::ResyncRequired);
        // Without it, the body is parsed and raw stays empty.
        auto parsed = decodeAnswer({200, body, false, {}});
        QVERIFY(parsed.ok());
        QVERIFY(parsed->raw.isEmpty());
        QCOMPARE(parsed->body.value(QStringLiteral("next_since")).toInt(), 4);
    }

    void replayedHeaderIsReported()
    {
        auto r = decodeAnswer({201, R"({"id":"t1"})", true, {}});
        QVERIFY(r.ok());
        QVERIFY(r->replayed);
    }

    void successThatIsNotJsonIsAProtocolError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("html") << QByteArray("<html>proxy login</html>");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("truncated") << QByteArray(R"({"status":)");
        QTest::newRow("string") << QByteArray(R"("ok")");
    }
    void successThatIsNotJsonIsAProtocolError()
    {
        QFETCH(QByteArray, body);
        auto r = decodeAnswer({200, body, false, {}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Protocol);
        QCOMPARE(r.error().httpStatus, 200);
    }

    void envelopeBecomesTypedError()
    {
        auto r = decodeAnswer({400,
                               R"({"error":{"code":"validation_failed","message":"bad handle","details":{"field":"handle"}}})",
                               false,
                               {}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
        QCOMPARE(r.error().field(), QStringLiteral("handle"));
        QCOMPARE(r.error().message, QStringLiteral("bad handle"));
        QCOMPARE(r.error().httpStatus, 400);
        QVERIFY(!r.error().isTransient());
    }

    void rateLimitCarriesRetryAfter()
    {
        auto r = decodeAnswer({429, R"({"error":{"code":"rate_limited","message":"slow down","details":{}}})", false, "7"});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::RateLimited);
        QCOMPARE(r.error().details.value(QStringLiteral("retry_after")).toInt(), 7);
        QVERIFY(r.error().isTransient());
    }

    void unknownCodeKeepsStatus()
    {
        auto r = decodeAnswer({418, R"({"error":{"code":"teapot","message":"short and stout","details":{}}})", false, {}});
        QCOMPARE(r.error().code, ErrorCode::Unknown);
        QCOMPARE(r.error().httpStatus, 418);
    }

    void gatewayPageIsInternalAndTransient()
    {
        auto r = decodeAnswer({502, "<html>Bad Gateway</html>", false, {}});
        QCOMPARE(r.error().code, ErrorCode::Internal);
        QCOMPARE(r.error().httpStatus, 502);
        QVERIFY(r.error().isTransient());
    }

    void redirectIsNotFollowed()
    {
        auto r = decodeAnswer({302, {}, false, {}});
        QCOMPARE(r.error().code, ErrorCode::Protocol);
        QCOMPARE(r.error().httpStatus, 302);
    }

    void transportFailures_data()
    {
        QTest::addColumn<int>("networkError");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << ErrorCode::Network;
        QTest::newRow("reset") << int(QNetworkReply::RemoteHostClosedError) << ErrorCode::Network;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << ErrorCode::Network;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << ErrorCode::Timeout;
        QTest::newRow("transfer timeout") << int(QNetworkReply::OperationCanceledError) << ErrorCode::Timeout;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << ErrorCode::Tls;
        QTest::newRow("garbage") << int(QNetworkReply::ProtocolFailure) << ErrorCode::Protocol;
    }
    void transportFailures()
    {
        QFETCH(int, networkError);
        QFETCH(ErrorCode, expected);
        const Error e = transportError(QNetworkReply::NetworkError(networkError), QStringLiteral("detail"));
        QCOMPARE(e.code, expected);
        QCOMPARE(e.httpStatus, 0);
        QVERIFY(!e.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReplyDecoder)
#include "tst_replydecoder.moc"
