// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/currency.h"

#include <QLocale>
#include <QString>

#include <optional>

namespace plaza {

//! An exact amount of money: a signed count of the currency's minor unit (cents
//! for EUR) and an ISO 4217 code. There is no double anywhere on the way in or out.
class Money
{
public:
    //! The largest amount a client may send (api-v1.md: 1 … 100 000 000 000 minor units).
    static constexpr qint64 kMaxApiAmount = 100'000'000'000;

    Money() = default;
    Money(qint64 minor, QString currency) : m_minor(minor), m_currency(std::move(currency)) { }

    [[nodiscard]] qint64 minor() const { return m_minor; }
    [[nodiscard]] const QString &currency() const { return m_currency; }
    [[nodiscard]] bool isValid() const { return m_currency.size() == 3; }
    [[nodiscard]] bool isZero() const { return m_minor == 0; }
    [[nodiscard]] bool isNegative() const { return m_minor < 0; }

    //! Parses what a user typed in their locale: "12,50", "12.50", "1 234,50 €", "€12.50",
    //! "1,234.50". Refuses negatives, more decimals than the currency has, stray characters
    //! and anything that would overflow int64. Zero is accepted; callers decide if it is allowed.
    [[nodiscard]] static Result<Money> parse(QStringView text, QStringView currency,
                                             const QLocale &locale = QLocale());

    //! "1 234,50 €" in fr_FR, "€1,234.50" in en_US: QLocale's digits, separators and
    //! symbol placement, with exactly the currency's number of decimals. Negatives carry
    //! the locale's minus sign in front ("-12,50 €"), never accounting parentheses.
    [[nodiscard]] QString format(const QLocale &locale = QLocale()) const;
    //! The amount without symbol or grouping, with '.' as decimal point: "-1234.50".
    //! For CSV and logs that must not depend on the locale.
    [[nodiscard]] QString toDecimalString() const;

    //! Sum or difference, or nothing if currencies differ or int64 would overflow.
    [[nodiscard]] std::optional<Money> checkedAdd(const Money &other) const;
    [[nodiscard]] std::optional<Money> checkedSubtract(const Money &other) const;

    friend bool operator==(const Money &a, const Money &b)
    {
        return a.m_minor == b.m_minor && a.m_currency == b.m_currency;
    }

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace plaza
