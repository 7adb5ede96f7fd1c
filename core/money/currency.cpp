// SPDX-License-Identifier: MIT
#include "currency.h"

#include <array>

namespace plaza {

namespace {
struct Row {
    const char16_t *code;
    int exponent;
    const char16_t *symbol;
};
// The currencies of the markets Plaza serves first. Exponents from ISO 4217.
constexpr std::array kCurrencies{
    Row{u"EUR", 2, u"€"}, Row{u"USD", 2, u"$"},   Row{u"GBP", 2, u"£"},   Row{u"CHF", 2, u"CHF"},
    Row{u"CAD", 2, u"$"}, Row{u"AUD", 2, u"$"},   Row{u"SEK", 2, u"kr"},  Row{u"NOK", 2, u"kr"},
    Row{u"DKK", 2, u"kr"}, Row{u"PLN", 2, u"zł"}, Row{u"CZK", 2, u"Kč"},  Row{u"JPY", 0, u"¥"},
    Row{u"KRW", 0, u"₩"}, Row{u"XOF", 0, u"CFA"}, Row{u"KWD", 3, u"KD"},  Row{u"BHD", 3, u"BD"},
    Row{u"TND", 3, u"DT"}, Row{u"MAD", 2, u"MAD"},
};
} // namespace

std::optional<Currency> Currency::fromCode(QStringView code)
{
    for (const auto &row : kCurrencies) {
        if (code == QStringView(row.code))
            return Currency{QString::fromUtf16(row.code), row.exponent, QString::fromUtf16(row.symbol)};
    }
    return std::nullopt;
}

qint64 Currency::minorPerMajor() const
{
    qint64 factor = 1;
    for (int i = 0; i < exponent; ++i)
        factor *= 10;
    return factor;
}

} // namespace plaza
