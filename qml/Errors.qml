// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml
import Plaza.Desktop

// Where QML turns error codes into sentences people can act on, in the UI's language. The
// table itself is the core's (common/errortext.h, the ErrorText singleton), shared with
// plaza-cli: api-v1.md's codes and the client-only ones (plaza::ErrorCode,
// common/errorcodes.h). Only the app's own codes (Desktop's "file_write", "qr_too_long") are
// here. Models, services and the Desktop singleton hand QML codes, never text; the core's
// English message only goes to the log. tests/e2e/tst_errors.cpp fails when a code the core
// or the app can give falls to the default sentence or reads in English under the French
// translation.
QtObject {
    // Each call below reads ErrorText.language: a binding that shows a sentence is evaluated
    // again when the language switches (retranslate() only reaches qsTr, and these sentences
    // are made in C++).

    // QML may pass undefined or null for an argument it does not have.
    function text(value) {
        return value === undefined || value === null ? "" : String(value)
    }

    //! The message for \a code; \a field is details.field of validation_failed,
    //! \a server the URL the app tried to reach.
    function describe(code, field, server) {
        ErrorText.language
        switch (code) {
        // The app's own codes (Desktop)
        case "file_write":
            return qsTr("Plaza couldn't write that file. Check that the folder exists and that you can write to it.")
        case "qr_too_long":
            return qsTr("This link is too long for a QR code.")
        default:
            return ErrorText.describe(text(code), text(field), text(server))
        }
    }

    //! Two-factor sign-in, the step-up before payments and the security settings: the
    //! message for details.reason \a reason (or, without one, for the error \a code).
    function describeSecurity(reason, code) {
        ErrorText.language
        return ErrorText.describeSecurity(text(reason), text(code))
    }

    //! Why a typed amount was refused (Format.parseAmount's reason); \a decimals of the currency.
    function describeAmount(reason, decimals) {
        ErrorText.language
        return ErrorText.describeAmount(text(reason), Number(decimals) || 0)
    }

    //! Why a plaza://pay link can't be paid (WalletService.requestLookupFailed's reason).
    function describeLink(reason, code, server) {
        ErrorText.language
        return ErrorText.describeLink(text(reason), text(code), text(server))
    }

    //! The message for a validation_failed error on \a field.
    function describeField(field) {
        ErrorText.language
        return ErrorText.describeField(text(field))
    }
}
