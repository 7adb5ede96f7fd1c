// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace plaza {

//! An ISO 4217 currency Plaza knows: its code, how many minor-unit digits it has,
//! and the symbol people expect to see.
struct Currency {
    QString code;    //!< "EUR"
    int exponent;    //!< 2 for EUR (cents), 0 for JPY, 3 for KWD
    QString symbol;  //!< "€"

    //! The currency with ISO code \a code, or nothing if Plaza does not know it.
    [[nodiscard]] static std::optional<Currency> fromCode(QStringView code);
    //! 10^exponent, the number of minor units in one major unit.
    [[nodiscard]] qint64 minorPerMajor() const;
};

} // namespace plaza
