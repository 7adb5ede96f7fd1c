// SPDX-License-Identifier: MIT
// nextSignal(): the signal awaiter used instead of QCoro 0.8's qCoro(obj, &signal), whose
// queued slot captured the awaiter itself, so a signal emitted twice before delivery wrote
// into a freed coroutine frame (the chat CLI's rare "double free or corruption" at exit).
// Run under the asan preset too: a stale call into a gone awaiter is reported there.
#include "common/nextsignal.h"

#include <QCoroTask>
#include <QObject>
#include <QTest>

using namespace std::chrono_literals;

class Emitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void ping();
    void value(int v);
};

class TestNextSignal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resumesOnceForTwoEmissionsBeforeDelivery()
    {
        Emitter e;
        int resumed = 0;
        auto task = [](Emitter *e, int *resumed) -> QCoro::Task<void> {
            co_await plaza::nextSignal(e, &Emitter::ping);
            ++*resumed;
            // A busy flag going true then false: both emissions happened before the first
            // delivery. The second must not reach this (new) await, nor the old one.
            co_await plaza::nextSignal(e, &Emitter::ping);
            ++*resumed;
        }(&e, &resumed);
        Q_EMIT e.ping();
        Q_EMIT e.ping();
        QTest::qWait(50);
        QCOMPARE(resumed, 1);
        Q_EMIT e.ping();
        QTRY_COMPARE(resumed, 2);
        QVERIFY(task.isReady());
    }

    void loopAwaitingAFlagNeverResumesEarly()
    {
        // The shape of plaza-cli's settle(): while (busy) co_await busyChanged. Many
        // emissions in one go must each be seen by at most one await.
        Emitter e;
        int woken = 0;
        bool busy = true;
        auto task = [](Emitter *e, int *woken, bool *busy) -> QCoro::Task<void> {
            while (*busy) {
                co_await plaza::nextSignal(e, &Emitter::ping);
                ++*woken;
            }
        }(&e, &woken, &busy);
        for (int i = 0; i < 5; ++i)
            Q_EMIT e.ping();
        QTest::qWait(50);
        QCOMPARE(woken, 1);
        busy = false;
        Q_EMIT e.ping();
        QTRY_VERIFY(task.isReady());
        QCOMPARE(woken, 2);
    }

    void timeoutThenLateSignalDoesNothing()
    {
        Emitter e;
        int result = -1;
        auto task = [](Emitter *e, int *result) -> QCoro::Task<void> {
            const bool fired = co_await plaza::nextSignal(e, &Emitter::ping, 20ms);
            *result = fired ? 1 : 0;
        }(&e, &result);
        QTRY_VERIFY(task.isReady());
        QCOMPARE(result, 0); // timed out
        Q_EMIT e.ping();     // the awaiter and its coroutine are gone: nothing may be called
        QTest::qWait(30);
        QCOMPARE(result, 0);
    }

    void signalBeforeTimeoutWins()
    {
        Emitter e;
        int result = -1;
        auto task = [](Emitter *e, int *result) -> QCoro::Task<void> {
            const bool fired = co_await plaza::nextSignal(e, &Emitter::value, 5s);
            *result = fired ? 1 : 0;
        }(&e, &result);
        Q_EMIT e.value(7);
        QTRY_VERIFY(task.isReady());
        QCOMPARE(result, 1);
    }

    void goneSenderDoesNotSuspend()
    {
        auto *e = new Emitter;
        QPointer<Emitter> guard(e);
        delete e;
        int result = -1;
        auto task = [](Emitter *e, int *result) -> QCoro::Task<void> {
            *result = co_await plaza::nextSignal(e, &Emitter::ping) ? 1 : 0;
        }(guard.data(), &result);
        QVERIFY(task.isReady());
        QCOMPARE(result, 0);
    }
};

QTEST_GUILESS_MAIN(TestNextSignal)
#include "tst_nextsignal.moc"
