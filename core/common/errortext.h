// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace plaza {

//! The one place where error codes become sentences people can act on, in the language
//! installed (common/languageloader.h): api-v1.md's table and the client-only codes
//! (plaza::ErrorCode, common/errorcodes.h). The desktop reaches it through qml/Errors.qml (the
//! ErrorText singleton of Plaza.Desktop), plaza-cli directly. Context "Errors": the strings
//! and their translations in translations/plaza_*.ts are the ones qml/Errors.qml had.
//! tests/e2e/tst_errors.cpp fails when a code the core can give falls to the default
//! sentence or reads in English under the French translation.
namespace errortext {

//! The message for \a code; \a field is details.field of validation_failed, \a server the
//! URL the client tried to reach.
[[nodiscard]] QString describe(const QString &code, const QString &field = {}, const QString &server = {});
//! Two-factor sign-in, the step-up before payments and the security settings: the message
//! for details.reason \a reason (or, without one, for the error \a code).
[[nodiscard]] QString describeSecurity(const QString &reason, const QString &code);
//! Why a typed amount was refused (the reason of Format.parseAmount); \a decimals of the currency.
[[nodiscard]] QString describeAmount(const QString &reason, int decimals);
//! Why a plaza://pay link can't be paid (WalletService.requestLookupFailed's reason).
[[nodiscard]] QString describeLink(const QString &reason, const QString &code, const QString &server);
//! The message for a validation_failed error on \a field.
[[nodiscard]] QString describeField(const QString &field);

} // namespace errortext
} // namespace plaza
