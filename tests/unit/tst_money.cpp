// SPDX-License-Identifier: MIT
// Money parsing and formatting in the locales Plaza ships first. Parsing must never go
// through double, so the edge cases here are the ones a double would get wrong.
#include "money/money.h"

#include <QTest>

#include <limits>

using plaza::ErrorCode;
using plaza::Money;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAccepts_data();
    void parseAccepts();
    void parseRejects_data();
    void parseRejects();
    void parseZeroDecimalCurrency();
    void parseThreeDecimalCurrency();
    void parseNeverRoundsThroughDouble();
    void formatFrench();
    void formatEnglish();
    void formatNegativeAndExtremes();
    void decimalString();
    void checkedArithmetic();
};

void TestMoney::parseAccepts_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("minor");

    QTest::newRow("fr comma") << "fr_FR" << "12,50" << qint64(1250);
    QTest::newRow("fr dot") << "fr_FR" << "12.50" << qint64(1250);
    QTest::newRow("fr grouped with symbol") << "fr_FR" << "1 234,50 €" << qint64(123450);
    QTest::newRow("fr narrow nbsp") << "fr_FR" << QStringLiteral("1\u202F234,50\u00A0€") << qint64(123450);
    QTest::newRow("fr no decimals") << "fr_FR" << "7" << qint64(700);
    QTest::newRow("fr one decimal") << "fr_FR" << "7,5" << qint64(750);
    QTest::newRow("fr trailing sep") << "fr_FR" << "7," << qint64(700);
    QTest::newRow("fr leading sep") << "fr_FR" << ",5" << qint64(50);
    QTest::newRow("fr code suffix") << "fr_FR" << "3,20 EUR" << qint64(320);
    QTest::newRow("fr dot group and comma") << "fr_FR" << "1.234,56" << qint64(123456);
    QTest::newRow("us dot") << "en_US" << "12.50" << qint64(1250);
    QTest::newRow("us comma decimal") << "en_US" << "12,50" << qint64(1250);
    QTest::newRow("us symbol prefix") << "en_US" << "€12.50" << qint64(1250);
    QTest::newRow("us grouped") << "en_US" << "1,234.50" << qint64(123450);
    QTest::newRow("us group only") << "en_US" << "1,234" << qint64(123400);
    QTest::newRow("us many groups") << "en_US" << "1,234,567" << qint64(123456700);
    QTest::newRow("us spaces around") << "en_US" << "  42  " << qint64(4200);
    QTest::newRow("us plus") << "en_US" << "+5" << qint64(500);
    QTest::newRow("zero") << "en_US" << "0" << qint64(0);
    QTest::newRow("de group dot") << "de_DE" << "1.234" << qint64(123400);
    QTest::newRow("swiss apostrophe") << "de_CH" << "1'234.50" << qint64(123450);
    QTest::newRow("api max") << "en_US" << "1000000000" << qint64(100000000000);
}

void TestMoney::parseAccepts()
{
    QFETCH(QString, locale);
    QFETCH(QString, text);
    QFETCH(qint64, minor);
    const auto m = Money::parse(text, u"EUR", QLocale(locale));
    QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message));
    QCOMPARE(m->minor(), minor);
    QCOMPARE(m->currency(), QStringLiteral("EUR"));
}

void TestMoney::parseRejects_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << "fr_FR" << "";
    QTest::newRow("blank") << "fr_FR" << "   ";
    QTest::newRow("symbol only") << "fr_FR" << "€";
    QTest::newRow("negative") << "fr_FR" << "-5";
    QTest::newRow("negative after symbol") << "en_US" << "€-5";
    QTest::newRow("unicode minus") << "fr_FR" << QStringLiteral("\u22125,00");
    QTest::newRow("accounting negative") << "en_US" << "(5.00)";
    QTest::newRow("three decimals") << "fr_FR" << "12,505";
    QTest::newRow("three decimals dot") << "en_US" << "0.001";
    QTest::newRow("fr dot three decimals") << "fr_FR" << "1.234";
    QTest::newRow("letters") << "en_US" << "12abc";
    QTest::newRow("exponent") << "en_US" << "1e5";
    QTest::newRow("hex") << "en_US" << "0x10";
    QTest::newRow("two decimal points") << "en_US" << "1.2.3";
    QTest::newRow("bad grouping") << "en_US" << "12,34,567";
    QTest::newRow("separators only") << "en_US" << ".";
    QTest::newRow("grouping after decimal") << "en_US" << "1.234,5,6";
    QTest::newRow("int64 overflow") << "en_US" << "92233720368547758.08";
    QTest::newRow("huge") << "en_US" << "99999999999999999999999";
    QTest::newRow("nan") << "en_US" << "nan";
    QTest::newRow("inf") << "en_US" << "inf";
}

void TestMoney::parseRejects()
{
    QFETCH(QString, locale);
    QFETCH(QString, text);
    const auto m = Money::parse(text, u"EUR", QLocale(locale));
    QVERIFY2(!m.ok(), qPrintable(QStringLiteral("accepted \"%1\" as %2").arg(text).arg(m.ok() ? m->minor() : 0)));
    QCOMPARE(m.error().code, ErrorCode::InvalidAmount);
    QVERIFY(!m.error().message.isEmpty());
}

void TestMoney::parseZeroDecimalCurrency()
{
    const auto yen = Money::parse(u"1,234", u"JPY", QLocale(QStringLiteral("en_US")));
    QVERIFY(yen.ok());
    QCOMPARE(yen->minor(), qint64(1234));
    const auto fraction = Money::parse(u"12.5", u"JPY", QLocale(QStringLiteral("en_US")));
    QVERIFY(!fraction.ok());
    QVERIFY(fraction.error().message.contains(QStringLiteral("no decimals")));
}

void TestMoney::parseThreeDecimalCurrency()
{
    const auto kwd = Money::parse(u"1.234", u"KWD", QLocale(QStringLiteral("en_US")));
    QVERIFY(kwd.ok());
    // en_US groups with ',' so "1.234" is one dinar and 234 fils, not 1234 dinars.
    QCOMPARE(kwd->minor(), qint64(1234));
    QVERIFY(!Money::parse(u"1.2345", u"KWD", QLocale(QStringLiteral("en_US"))).ok());
}

void TestMoney::parseNeverRoundsThroughDouble()
{
    // 2^53 + 1 cents cannot be represented as a double; an exact parser keeps it.
    const auto m = Money::parse(u"90071992547409.93", u"EUR", QLocale(QStringLiteral("en_US")));
    QVERIFY(m.ok());
    QCOMPARE(m->minor(), qint64(9007199254740993));
    // 0.1 + 0.2 style: 0.29 is 28.999… as a double times 100.
    const auto small = Money::parse(u"0,29", u"EUR", QLocale(QStringLiteral("fr_FR")));
    QVERIFY(small.ok());
    QCOMPARE(small->minor(), qint64(29));
    const auto max = Money::parse(u"92233720368547758.07", u"EUR", QLocale(QStringLiteral("en_US")));
    QVERIFY(max.ok());
    QCOMPARE(max->minor(), std::numeric_limits<qint64>::max());
}

void TestMoney::formatFrench()
{
    const QLocale fr(QStringLiteral("fr_FR"));
    const QString text = Money(123450, QStringLiteral("EUR")).format(fr);
    // QLocale's French group separator is a (narrow) no-break space; compare on the
    // visible shape so the test holds across CLDR updates.
    QString visible = text;
    visible.replace(QChar(0x202F), u' ').replace(QChar(0x00A0), u' ');
    QCOMPARE(visible, QStringLiteral("1 234,50 €"));
    QVERIFY2(!text.contains(u' '), "plain spaces would let the amount wrap between digits");
    QCOMPARE(Money(5, QStringLiteral("EUR")).format(fr).replace(QChar(0x00A0), u' ').replace(QChar(0x202F), u' '),
             QStringLiteral("0,05 €"));
}

void TestMoney::formatEnglish()
{
    const QLocale us(QStringLiteral("en_US"));
    QCOMPARE(Money(123450, QStringLiteral("EUR")).format(us), QStringLiteral("€1,234.50"));
    QCOMPARE(Money(100, QStringLiteral("USD")).format(us), QStringLiteral("$1.00"));
    QCOMPARE(Money(1234, QStringLiteral("JPY")).format(us), QStringLiteral("¥1,234"));
    QCOMPARE(Money(1234, QStringLiteral("KWD")).format(us), QStringLiteral("KD1.234"));
}

void TestMoney::formatNegativeAndExtremes()
{
    const QLocale us(QStringLiteral("en_US"));
    QCOMPARE(Money(-1250, QStringLiteral("EUR")).format(us), QStringLiteral("-€12.50"));
    const QString frNegative = Money(-1250, QStringLiteral("EUR")).format(QLocale(QStringLiteral("fr_FR")));
    QVERIFY2(frNegative.startsWith(u'-') && frNegative.contains(QStringLiteral("12,50")), qPrintable(frNegative));
    const QString max = Money(std::numeric_limits<qint64>::max(), QStringLiteral("EUR")).format(us);
    QCOMPARE(max, QStringLiteral("€92,233,720,368,547,758.07"));
    const QString min = Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR")).format(us);
    QVERIFY2(min.contains(QStringLiteral("92,233,720,368,547,758.08")), qPrintable(min));
}

void TestMoney::decimalString()
{
    QCOMPARE(Money(123450, QStringLiteral("EUR")).toDecimalString(), QStringLiteral("1234.50"));
    QCOMPARE(Money(-5, QStringLiteral("EUR")).toDecimalString(), QStringLiteral("-0.05"));
    QCOMPARE(Money(7, QStringLiteral("JPY")).toDecimalString(), QStringLiteral("7"));
    QCOMPARE(Money(std::numeric_limits<qint64>::min(), QStringLiteral("EUR")).toDecimalString(),
             QStringLiteral("-92233720368547758.08"));
}

void TestMoney::checkedArithmetic()
{
    const Money a(std::numeric_limits<qint64>::max() - 1, QStringLiteral("EUR"));
    QVERIFY(a.checkedAdd(Money(1, QStringLiteral("EUR"))).has_value());
    QVERIFY(!a.checkedAdd(Money(2, QStringLiteral("EUR"))).has_value());
    QVERIFY(!a.checkedAdd(Money(1, QStringLiteral("USD"))).has_value());
    const Money b(std::numeric_limits<qint64>::min() + 1, QStringLiteral("EUR"));
    QVERIFY(b.checkedSubtract(Money(1, QStringLiteral("EUR"))).has_value());
    QVERIFY(!b.checkedSubtract(Money(2, QStringLiteral("EUR"))).has_value());
    QCOMPARE(Money(500, QStringLiteral("EUR")).checkedSubtract(Money(700, QStringLiteral("EUR")))->minor(), qint64(-200));
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
