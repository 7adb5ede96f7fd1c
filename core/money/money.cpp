// SPDX-License-Identifier: MIT
#include "money.h"

#include <limits>

namespace plaza {

namespace {

bool isSpaceLike(QChar c)
{
    // Plain, no-break and narrow no-break spaces all appear as group separators or
    // between number and symbol depending on the locale and the keyboard.
    return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F) || c == u'\t' || c == QChar(0x2009);
}

//! \a reason (details "reason") lets a UI say it in the user's language: empty, negative,
//! not_a_number, decimals, too_large.
Error amountError(QString message, const char *reason)
{
    return makeError(ErrorCode::InvalidAmount, std::move(message),
                     {{QStringLiteral("reason"), QString::fromLatin1(reason)}});
}

// Strips the currency's symbol or code from either end of the text, once.
QString stripCurrency(QString s, const Currency &currency, const QLocale &locale)
{
    const QStringList marks{currency.code, currency.symbol, locale.currencySymbol(QLocale::CurrencySymbol)};
    for (const QString &mark : marks) {
        if (mark.isEmpty())
            continue;
        if (s.startsWith(mark, Qt::CaseInsensitive)) {
            s = s.mid(mark.size()).trimmed();
            break;
        }
        if (s.endsWith(mark, Qt::CaseInsensitive)) {
            s.chop(mark.size());
            s = s.trimmed();
            break;
        }
    }
    return s;
}

// True if every group after the first one in \a digitsWithSeparators is exactly three digits.
bool validGrouping(const QString &text, QChar sep)
{
    const QStringList groups = text.split(sep);
    if (groups.first().isEmpty() || groups.first().size() > 3)
        return false;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        if (groups.at(i).size() != 3)
            return false;
    }
    return true;
}

} // namespace

Result<Money> Money::parse(QStringView text, QStringView currencyCode, const QLocale &locale)
{
    const auto currency = Currency::fromCode(currencyCode);
    if (!currency)
        return makeError(ErrorCode::CurrencyMismatch,
                         QStringLiteral("Unknown currency %1").arg(currencyCode.toString()));

    QString s = text.toString().trimmed();
    if (s.isEmpty())
        return amountError(QStringLiteral("Enter an amount."), "empty");
    if (s.contains(u'-') || s.contains(QChar(0x2212)) || s.startsWith(u'('))
        return amountError(QStringLiteral("The amount cannot be negative."), "negative");
    s = stripCurrency(s, *currency, locale);
    if (s.startsWith(u'+'))
        s = s.mid(1);

    QString compact;
    compact.reserve(s.size());
    for (QChar c : std::as_const(s)) {
        if (isSpaceLike(c) || c == u'\'' || c == QChar(0x2019))
            continue; // group separators typed as spaces or apostrophes (Swiss style)
        if (c.isDigit() && c.unicode() >= u'0' && c.unicode() <= u'9') {
            compact.append(c);
        } else if (c == u'.' || c == u',') {
            compact.append(c);
        } else if (c.isDigit()) {
            compact.append(QChar(u'0' + c.digitValue())); // other scripts' digits
        } else {
            return amountError(QStringLiteral("\"%1\" is not an amount.").arg(text.toString()), "not_a_number");
        }
    }
    if (compact.isEmpty())
        return amountError(QStringLiteral("Enter an amount."), "empty");

    const QString localeDecimal = locale.decimalPoint();
    const QString localeGroup = locale.groupSeparator();
    const qsizetype dots = compact.count(u'.');
    const qsizetype commas = compact.count(u',');

    QString integerPart = compact;
    QString fractionPart;
    auto splitAt = [&](QChar decimal) {
        const qsizetype pos = compact.lastIndexOf(decimal);
        integerPart = compact.left(pos);
        fractionPart = compact.mid(pos + 1);
    };

    if (dots > 0 && commas > 0) {
        // Both appear: the one that comes last is the decimal separator ("1,234.50", "1.234,50").
        const QChar decimal = compact.lastIndexOf(u'.') > compact.lastIndexOf(u',') ? u'.' : u',';
        const QChar group = decimal == u'.' ? u',' : u'.';
        splitAt(decimal);
        if (fractionPart.contains(group) || integerPart.count(decimal) > 0 || !validGrouping(integerPart, group))
            return amountError(QStringLiteral("\"%1\" is not an amount.").arg(text.toString()), "not_a_number");
        integerPart.remove(group);
    } else if (dots + commas > 1) {
        // One kind, several times: only a group separator can repeat ("1.234.567").
        const QChar sep = dots > 0 ? u'.' : u',';
        if (!validGrouping(compact, sep))
            return amountError(QStringLiteral("\"%1\" is not an amount.").arg(text.toString()), "not_a_number");
        integerPart = compact;
        integerPart.remove(sep);
    } else if (dots + commas == 1) {
        const QChar sep = dots > 0 ? u'.' : u',';
        const qsizetype pos = compact.indexOf(sep);
        const qsizetype after = compact.size() - pos - 1;
        const bool isLocaleDecimal = localeDecimal == QString(sep);
        const bool isLocaleGroup = localeGroup == QString(sep);
        if (!isLocaleDecimal && isLocaleGroup && after == 3 && pos > 0) {
            integerPart = compact; // "1,234" in en_US, "1.234" in de_DE
            integerPart.remove(sep);
        } else {
            splitAt(sep); // "12,50" and "12.50" both mean twelve fifty
        }
    }

    if (integerPart.isEmpty() && fractionPart.isEmpty())
        return amountError(QStringLiteral("Enter an amount."), "empty");
    if (fractionPart.size() > currency->exponent) {
        if (currency->exponent == 0)
            return amountError(QStringLiteral("%1 amounts have no decimals.").arg(currency->code), "decimals");
        return amountError(QStringLiteral("%1 amounts have at most %2 decimals.")
                               .arg(currency->code)
                               .arg(currency->exponent), "decimals");
    }

    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    qint64 major = 0;
    for (QChar c : std::as_const(integerPart)) {
        const int digit = c.unicode() - u'0';
        if (major > (kMax - digit) / 10)
            return amountError(QStringLiteral("The amount is too large."), "too_large");
        major = major * 10 + digit;
    }
    const qint64 factor = currency->minorPerMajor();
    if (major > kMax / factor)
        return amountError(QStringLiteral("The amount is too large."), "too_large");
    qint64 minor = major * factor;
    qint64 fraction = 0;
    for (int i = 0; i < currency->exponent; ++i) {
        const int digit = i < fractionPart.size() ? fractionPart.at(i).unicode() - u'0' : 0;
        fraction = fraction * 10 + digit;
    }
    if (minor > kMax - fraction)
        return amountError(QStringLiteral("The amount is too large."), "too_large");
    minor += fraction;
    return Money(minor, currency->code);
}

QString Money::toDecimalString() const
{
    const auto currency = Currency::fromCode(m_currency);
    const int exponent = currency ? currency->exponent : 2;
    // Work on the magnitude as unsigned so INT64_MIN formats without overflow.
    const quint64 magnitude = m_minor < 0 ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    quint64 factor = 1;
    for (int i = 0; i < exponent; ++i)
        factor *= 10;
    QString out = QString::number(magnitude / factor);
    if (exponent > 0)
        out += u'.' + QStringLiteral("%1").arg(magnitude % factor, exponent, 10, QLatin1Char('0'));
    return m_minor < 0 ? u'-' + out : out;
}

QString Money::format(const QLocale &locale) const
{
    const auto currency = Currency::fromCode(m_currency);
    const int exponent = currency ? currency->exponent : 2;
    const QString symbol = currency ? currency->symbol : m_currency;
    const quint64 magnitude = m_minor < 0 ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    quint64 factor = 1;
    for (int i = 0; i < exponent; ++i)
        factor *= 10;

    QString number = locale.toString(qulonglong(magnitude / factor));
    if (exponent > 0) {
        number += locale.decimalPoint();
        const QString fraction = QStringLiteral("%1").arg(magnitude % factor, exponent, 10, QLatin1Char('0'));
        for (QChar c : fraction)
            number += locale.toString(c.unicode() - u'0');
    }

    // Ask QLocale where the symbol goes by formatting the integer 1, then put the exact
    // number in its place (toCurrencyString(double) would lose cents). Negatives get the
    // locale's minus sign in front rather than CLDR's accounting parentheses, which
    // people misread in a wallet.
    const QString pattern = locale.toCurrencyString(qlonglong(1), symbol);
    const QString one = locale.toString(1);
    const qsizetype at = pattern.indexOf(one);
    QString out;
    if (at < 0) {
        out = number + QChar(0x00A0) + symbol;
    } else {
        out = pattern;
        out.replace(at, one.size(), number);
    }
    return m_minor < 0 ? locale.negativeSign() + out : out;
}

std::optional<Money> Money::checkedAdd(const Money &other) const
{
    if (other.m_currency != m_currency)
        return std::nullopt;
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    constexpr qint64 kMin = std::numeric_limits<qint64>::min();
    if ((other.m_minor > 0 && m_minor > kMax - other.m_minor) || (other.m_minor < 0 && m_minor < kMin - other.m_minor))
        return std::nullopt;
    return Money(m_minor + other.m_minor, m_currency);
}

std::optional<Money> Money::checkedSubtract(const Money &other) const
{
    if (other.m_currency != m_currency)
        return std::nullopt;
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    constexpr qint64 kMin = std::numeric_limits<qint64>::min();
    if ((other.m_minor < 0 && m_minor > kMax + other.m_minor) || (other.m_minor > 0 && m_minor < kMin + other.m_minor))
        return std::nullopt;
    return Money(m_minor - other.m_minor, m_currency);
}

} // namespace plaza
