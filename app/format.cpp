// SPDX-License-Identifier: MIT
#include "format.h"

#include "money/currency.h"
#include "money/money.h"
#include "social/peoplesearchmodel.h"

#include <QLocale>
#include <QRegularExpression>

Format::Format(QObject *parent) : QObject(parent) { }

QVariantMap Format::parseAmount(const QString &text, const QString &currency) const
{
    QVariantMap result{{QStringLiteral("ok"), false}};
    const auto info = plaza::Currency::fromCode(currency);
    result.insert(QStringLiteral("decimals"), info ? info->exponent : 2);
    auto amount = plaza::Money::parse(text, currency, QLocale());
    if (!amount) {
        result.insert(QStringLiteral("reason"), amount.error().details.value(QStringLiteral("reason"),
                                                                             QStringLiteral("not_a_number")));
        return result;
    }
    if (amount->isZero()) {
        result.insert(QStringLiteral("reason"), QStringLiteral("zero"));
        return result;
    }
    if (amount->minor() > plaza::Money::kMaxApiAmount) {
        result.insert(QStringLiteral("reason"), QStringLiteral("too_large"));
        return result;
    }
    result.insert(QStringLiteral("ok"), true);
    result.insert(QStringLiteral("minor"), amount->minor());
    result.insert(QStringLiteral("formatted"), amount->format(QLocale()));
    return result;
}

QString Format::formatMoney(qint64 minor, const QString &currency) const
{
    return plaza::Money(minor, currency).format(QLocale());
}

QString Format::formatBytes(qint64 bytes) const
{
    // One decimal below 10 of a unit ("5.3 MB"), none above ("500 MB").
    double mantissa = double(std::max<qint64>(bytes, 0));
    while (mantissa >= 1000)
        mantissa /= 1000;
    return QLocale().formattedDataSize(bytes, mantissa < 10 ? 1 : 0, QLocale::DataSizeSIFormat);
}

QString Format::linkify(const QString &text) const
{
    // Escape everything first: the text is someone else's and must never be markup.
    static const QRegularExpression url(QStringLiteral("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]"));
    QString out;
    qsizetype last = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last).toHtmlEscaped();
        const QString link = m.captured().toHtmlEscaped();
        out += QStringLiteral("<a href=\"%1\">%1</a>").arg(link);
        last = m.capturedEnd();
    }
    out += text.mid(last).toHtmlEscaped();
    out.replace(u'\n', QStringLiteral("<br>"));
    return out;
}

QString Format::initials(const QString &name) const
{
    return plaza::PeopleSearchModel::initialsOf(name);
}
