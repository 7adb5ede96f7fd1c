// SPDX-License-Identifier: MIT
// RetryPolicy: the one answer to "is this final?" and "when again?" for the three outboxes
// (messages, posts, payments), and the RetryTimer that follows it.
#include "common/retrypolicy.h"

#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verdict_data();
    void verdict();
    void backoffDoublesUpToItsCap();
    void messagesBackoff();
    void withoutBackoffNothingIsScheduled();
    void timerFollowsThePolicy();
};

void TestRetryPolicy::verdict_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("final");
    // No answer at all: try again with the same key.
    QTest::newRow("network") << int(ErrorCode::Network) << 0 << false;
    QTest::newRow("timeout") << int(ErrorCode::Timeout) << 0 << false;
    QTest::newRow("tls") << int(ErrorCode::Tls) << 0 << false;
    // The server failing is not an answer; 501 is one (it will never do it).
    QTest::newRow("500") << int(ErrorCode::Internal) << 500 << false;
    QTest::newRow("502") << int(ErrorCode::Internal) << 502 << false;
    QTest::newRow("503") << int(ErrorCode::Internal) << 503 << false;
    QTest::newRow("504") << int(ErrorCode::Internal) << 504 << false;
    QTest::newRow("501") << int(ErrorCode::Internal) << 501 << true;
    // Later may work: too many requests, an expired session.
    QTest::newRow("429") << int(ErrorCode::RateLimited) << 429 << false;
    QTest::newRow("401") << int(ErrorCode::Unauthorized) << 401 << false;
    // The server decided.
    QTest::newRow("400") << int(ErrorCode::ValidationFailed) << 400 << true;
    QTest::newRow("402") << int(ErrorCode::CardDeclined) << 402 << true;
    QTest::newRow("403 step-up") << int(ErrorCode::Forbidden) << 403 << true;
    QTest::newRow("404") << int(ErrorCode::NotFound) << 404 << true;
    QTest::newRow("409") << int(ErrorCode::Conflict) << 409 << true;
    QTest::newRow("413") << int(ErrorCode::PayloadTooLarge) << 413 << true;
    QTest::newRow("422") << int(ErrorCode::InsufficientFunds) << 422 << true;
    // The client refused its own stored item (a queued file gone or changed): final too.
    QTest::newRow("local validation") << int(ErrorCode::ValidationFailed) << 0 << true;
    QTest::newRow("local storage") << int(ErrorCode::Storage) << 0 << false;
}

void TestRetryPolicy::verdict()
{
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(bool, final);
    const Error e{ErrorCode(code), QStringLiteral("x"), {}, status};
    QCOMPARE(RetryPolicy::isFinal(e), final);
    QCOMPARE(RetryPolicy::verdict(e), final ? RetryPolicy::Verdict::Final : RetryPolicy::Verdict::TryAgain);
    // Never both: what is tried again is what Error calls transient, or a 401 / no status.
    if (e.isTransient())
        QVERIFY(!RetryPolicy::isFinal(e));
}

void TestRetryPolicy::backoffDoublesUpToItsCap()
{
    const RetryPolicy p(100ms, 1000ms);
    QVERIFY(p.hasBackoff());
    QCOMPARE(int(p.delayAfter(1).count()), 100);
    QCOMPARE(int(p.delayAfter(2).count()), 200);
    QCOMPARE(int(p.delayAfter(3).count()), 400);
    QCOMPARE(int(p.delayAfter(4).count()), 800);
    QCOMPARE(int(p.delayAfter(5).count()), 1000);
    QCOMPARE(int(p.delayAfter(6).count()), 1000);
    QCOMPARE(int(p.delayAfter(1'000'000).count()), 1000); // no overflow, however long it went on
    QCOMPARE(int(p.delayAfter(0).count()), 100);          // a round 0 is the first
    // A cap below the first delay is the first delay.
    const RetryPolicy flat(500ms, 10ms);
    QCOMPARE(int(flat.delayAfter(1).count()), 500);
    QCOMPARE(int(flat.delayAfter(9).count()), 500);
}

void TestRetryPolicy::messagesBackoff()
{
    // Chat messages: 3 s as before, then doubling to at most 30 s.
    const RetryPolicy m = RetryPolicy::messages();
    QCOMPARE(int(m.delayAfter(1).count()), 3000);
    QCOMPARE(int(m.delayAfter(2).count()), 6000);
    QCOMPARE(int(m.delayAfter(4).count()), 24000);
    QCOMPARE(int(m.delayAfter(5).count()), 30000);
    QCOMPARE(int(m.delayAfter(50).count()), 30000);
    // Posts and payments: on reconnect, at start and on demand only.
    QVERIFY(!RetryPolicy::posts().hasBackoff());
    QVERIFY(!RetryPolicy::payments().hasBackoff());
    QCOMPARE(int(RetryPolicy::payments().delayAfter(3).count()), 0);
}

void TestRetryPolicy::withoutBackoffNothingIsScheduled()
{
    RetryTimer timer(RetryPolicy::payments());
    QSignalSpy due(&timer, &RetryTimer::due);
    timer.unanswered();
    timer.unanswered();
    QVERIFY(!timer.isActive());
    QCOMPARE(timer.rounds(), 0);
    QTest::qWait(20);
    QCOMPARE(int(due.count()), 0);
}

void TestRetryPolicy::timerFollowsThePolicy()
{
    RetryTimer timer(RetryPolicy(10ms, 40ms));
    QSignalSpy due(&timer, &RetryTimer::due);
    timer.unanswered();
    QVERIFY(timer.isActive());
    QCOMPARE(timer.rounds(), 1);
    QCOMPARE(int(timer.interval().count()), 10);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    QVERIFY(!timer.isActive()); // one round at a time
    timer.unanswered();
    QCOMPARE(int(timer.interval().count()), 20);
    timer.unanswered(); // rescheduled, not doubled up
    QCOMPARE(int(timer.interval().count()), 40);
    timer.unanswered();
    QCOMPARE(int(timer.interval().count()), 40);
    QCOMPARE(timer.rounds(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 2, 5000);
    // An answer starts the back-off again.
    timer.answered();
    QCOMPARE(timer.rounds(), 0);
    timer.unanswered();
    QCOMPARE(int(timer.interval().count()), 10);
    // stop(): nothing scheduled any more.
    timer.stop();
    QVERIFY(!timer.isActive());
    QCOMPARE(timer.rounds(), 0);
    QTest::qWait(30);
    QCOMPARE(int(due.count()), 2);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
