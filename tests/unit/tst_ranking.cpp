// SPDX-License-Identifier: MIT
// The Discover ranking function against scores computed by hand (docs/ranking.md).

#include "feed/ranking.h"

#include <QTest>

#include <cmath>
#include <limits>

using plaza::feed::discoverScore;
using plaza::feed::RankResult;
using plaza::feed::RankSignals;

class TestRanking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handComputed_data();
    void handComputed();
    void termsExplainTheScore();
    void clampsOutOfRangeSignals();
    void orderOfTypicalPosts();
};

void TestRanking::handComputed_data()
{
    QTest::addColumn<double>("affinity");
    QTest::addColumn<qint64>("engagement");
    QTest::addColumn<qint64>("ageSeconds");
    QTest::addColumn<bool>("limited");
    QTest::addColumn<double>("score");

    // 3·a + log2(1 + e) − hours/12 − 4·limited, worked out on paper:
    QTest::newRow("fresh, unknown, nobody cares") << 0.0 << qint64(0) << qint64(0) << false << 0.0;
    QTest::newRow("own post, new") << 1.0 << qint64(0) << qint64(0) << false << 3.0;       // 3 + 0 − 0
    QTest::newRow("friend, 7 reactions, 18 h") << 0.5 << qint64(7) << qint64(64800) << false << 3.0; // 1.5 + 3 − 1.5
    QTest::newRow("stranger, 15 reactions, 6 h") << 0.0 << qint64(15) << qint64(21600) << false << 3.5; // 0 + 4 − 0.5
    QTest::newRow("close friend, 1 like, 2 days") << 0.85 << qint64(1) << qint64(172800) << false << -0.45; // 2.55 + 1 − 4
    QTest::newRow("limited reach, 3 reactions, new") << 0.5 << qint64(3) << qint64(0) << true << -0.5; // 1.5 + 2 − 0 − 4
    QTest::newRow("a week old") << 0.0 << qint64(0) << qint64(7 * 86400) << false << -14.0;     // −168/12
    QTest::newRow("1023 reactions, 1 h") << 0.2 << qint64(1023) << qint64(3600) << false << 10.5166666666666667; // 0.6 + 10 − 1/12
}

void TestRanking::handComputed()
{
    QFETCH(double, affinity);
    QFETCH(qint64, engagement);
    QFETCH(qint64, ageSeconds);
    QFETCH(bool, limited);
    QFETCH(double, score);
    const RankResult r = discoverScore({affinity, engagement, ageSeconds, limited});
    QVERIFY2(std::abs(r.score - score) < 1e-9, qPrintable(QStringLiteral("%1 != %2").arg(r.score, 0, 'g', 17).arg(score)));
}

void TestRanking::termsExplainTheScore()
{
    const RankResult r = discoverScore({0.5, 7, 64800, true});
    QCOMPARE(r.terms.size(), 4);
    QCOMPARE(r.terms.at(0).name, QStringLiteral("affinity"));
    QCOMPARE(r.terms.at(0).input, 0.5);
    QCOMPARE(r.terms.at(0).value, 1.5);
    QCOMPARE(r.terms.at(1).name, QStringLiteral("engagement"));
    QCOMPARE(r.terms.at(1).input, 7.0);
    QCOMPARE(r.terms.at(1).value, 3.0);
    QCOMPARE(r.terms.at(2).name, QStringLiteral("age"));
    QCOMPARE(r.terms.at(2).input, 18.0); // hours
    QCOMPARE(r.terms.at(2).value, -1.5);
    QCOMPARE(r.terms.at(3).name, QStringLiteral("reach"));
    QCOMPARE(r.terms.at(3).input, 1.0);
    QCOMPARE(r.terms.at(3).value, -4.0);
    double sum = 0;
    for (const auto &t : r.terms)
        sum += t.value;
    QCOMPARE(r.score, sum);
    QCOMPARE(r.score, -1.0);
}

void TestRanking::clampsOutOfRangeSignals()
{
    // Affinity outside 0…1 and NaN, negative counts and ages (a clock ahead of the server's).
    QCOMPARE(discoverScore({1.7, 0, 0, false}).score, 3.0);
    QCOMPARE(discoverScore({-0.3, 0, 0, false}).score, 0.0);
    QCOMPARE(discoverScore({std::numeric_limits<double>::quiet_NaN(), 0, 0, false}).score, 0.0);
    QCOMPARE(discoverScore({0.0, -5, 0, false}).score, 0.0);
    QCOMPARE(discoverScore({0.0, 0, -3600, false}).score, 0.0);
    QCOMPARE(discoverScore({1.7, 0, 0, false}).terms.at(0).input, 1.0);
}

void TestRanking::orderOfTypicalPosts()
{
    // What the formula is for: a friend's fresh post beats a stranger's moderately popular one,
    // a viral post still surfaces, and a day's age costs as much as a close author is worth.
    const double friendFresh = discoverScore({0.55, 1, 1800, false}).score;  // 1.65 + 1 − 0.04
    const double strangerPopular = discoverScore({0.0, 3, 1800, false}).score; // 0 + 2 − 0.04
    const double viral = discoverScore({0.0, 63, 3 * 3600, false}).score;       // 0 + 6 − 0.25
    const double limitedViral = discoverScore({0.0, 63, 3 * 3600, true}).score; // 1.75
    QVERIFY(friendFresh > strangerPopular);
    QVERIFY(viral > friendFresh);
    QVERIFY(limitedViral < strangerPopular);
    QCOMPARE(discoverScore({1.0, 0, 36 * 3600, false}).score, 0.0); // 3 − 3
}

QTEST_APPLESS_MAIN(TestRanking)
#include "tst_ranking.moc"
