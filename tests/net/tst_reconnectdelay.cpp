// SPDX-License-Identifier: MIT
// reconnectDelay(): exponential from 500 ms, full jitter, capped at 30 s.
#include "net/wssession.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <climits>

using plaza::net::reconnectDelay;

namespace {
qint64 capFor(int attempt)
{
    const int exponent = qBound(0, attempt, 16);
    return qMin<qint64>(qint64(500) << exponent, 30000);
}
} // namespace

class TestReconnectDelay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staysWithinZeroAndCap()
    {
        QRandomGenerator random(1234);
        for (int attempt = 0; attempt <= 40; ++attempt) {
            for (int i = 0; i < 500; ++i) {
                const qint64 ms = reconnectDelay(attempt, random).count();
                QVERIFY2(ms >= 0 && ms <= capFor(attempt),
                         qPrintable(QStringLiteral("attempt %1 gave %2 ms").arg(attempt).arg(ms)));
            }
        }
    }

    void growsExponentiallyFrom500ms()
    {
        // With full jitter the largest of many draws approaches the cap and the mean is half of it.
        QRandomGenerator random(99);
        for (int attempt = 0; attempt <= 6; ++attempt) {
            qint64 maximum = 0;
            double sum = 0;
            const int samples = 4000;
            for (int i = 0; i < samples; ++i) {
                const qint64 ms = reconnectDelay(attempt, random).count();
                maximum = qMax(maximum, ms);
                sum += double(ms);
            }
            const qint64 cap = capFor(attempt);
            QVERIFY2(maximum >= cap * 95 / 100, qPrintable(QStringLiteral("attempt %1 max %2").arg(attempt).arg(maximum)));
            const double mean = sum / samples;
            QVERIFY2(mean > 0.45 * double(cap) && mean < 0.55 * double(cap),
                     qPrintable(QStringLiteral("attempt %1 mean %2").arg(attempt).arg(mean)));
        }
        QCOMPARE(capFor(0), 500);
        QCOMPARE(capFor(5), 16000);
    }

    void isCappedAt30Seconds()
    {
        QRandomGenerator random(7);
        qint64 maximum = 0;
        for (int attempt : {6, 7, 10, 31, 64, 1000, INT_MAX}) {
            for (int i = 0; i < 2000; ++i)
                maximum = qMax(maximum, qint64(reconnectDelay(attempt, random).count()));
        }
        QVERIFY(maximum <= 30000);
        QVERIFY(maximum >= 29000); // the cap is reached, not some lower ceiling
    }

    void negativeAttemptCountsAsFirst()
    {
        QRandomGenerator random(5);
        for (int i = 0; i < 1000; ++i) {
            const qint64 ms = reconnectDelay(-3, random).count();
            QVERIFY(ms >= 0 && ms <= 500);
        }
    }

    void jitterSpreadsClients()
    {
        // Many clients dropped by one restart must not come back in lockstep: at the cap,
        // draws spread over the whole window (each tenth of it gets a share) and barely repeat.
        QRandomGenerator random(2026);
        QSet<qint64> distinct;
        int buckets[10] = {};
        const int samples = 1000;
        for (int i = 0; i < samples; ++i) {
            const qint64 ms = reconnectDelay(20, random).count();
            distinct.insert(ms);
            ++buckets[qMin<qint64>(ms * 10 / 30001, 9)];
        }
        QVERIFY2(distinct.size() > 900, qPrintable(QString::number(distinct.size())));
        for (int count : buckets)
            QVERIFY2(count > samples / 20, qPrintable(QString::number(count)));

        // Two clients with different random sources disagree.
        QRandomGenerator a(1), b(2);
        int same = 0;
        for (int i = 0; i < 100; ++i)
            same += reconnectDelay(3, a) == reconnectDelay(3, b) ? 1 : 0;
        QVERIFY(same < 10);
    }
};

QTEST_GUILESS_MAIN(TestReconnectDelay)
#include "tst_reconnectdelay.moc"
