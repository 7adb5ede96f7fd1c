// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml

// The one place where error codes become sentences people can act on, in the UI's language:
// api-v1.md's table, the client-only codes (plaza::ErrorCode, common/errorcodes.h) and the
// app's own (Desktop's "file_write", "qr_too_long"). Models, services and the Desktop
// singleton hand QML codes, never text; the core's English message only goes to the log.
// tests/e2e/tst_errors.cpp fails when a code the core or the app can give falls to the
// default sentence or reads in English under the French translation.
QtObject {
    //! The message for \a code; \a field is details.field of validation_failed,
    //! \a server the URL the app tried to reach.
    function describe(code, field, server) {
        switch (code) {
        case "":
            return ""
        case "unauthorized":
            return qsTr("Wrong handle or password.")
        case "validation_failed":
            return describeField(field)
        case "conflict":
            return qsTr("That handle is already taken. Try another one.")
        case "rate_limited":
            return qsTr("Too many attempts. Wait a few minutes, then try again.")
        case "network":
            return qsTr("Can't reach the server at %1. Check the address and your connection.").arg(server)
        case "timeout":
            return qsTr("The server at %1 took too long to answer. Try again.").arg(server)
        case "tls":
            return qsTr("The secure connection to %1 failed, so Plaza did not send anything.").arg(server)
        case "protocol":
            return qsTr("The server at %1 doesn't answer like a Plaza server. Check the address.").arg(server)
        case "internal":
            return qsTr("The server had a problem. Try again in a moment.")
        case "payload_too_large":
            return qsTr("That is too long to send.")
        case "cache_locked":
            return qsTr("That passphrase doesn't unlock this device's cache. Check it and try again.")
        case "keychain_unavailable":
            return qsTr("No system keychain answered.")
        case "storage":
            return qsTr("Plaza couldn't write its local cache. Check that the disk has free space.")
        case "insufficient_funds":
            return qsTr("Your available balance is too low for this payment.")
        case "limit_exceeded":
            return qsTr("This is over your payment limits. See the limits on the Wallet page.")
        case "currency_mismatch":
            return qsTr("That amount is in another currency than your wallet.")
        case "self_payment":
            return qsTr("You can't pay yourself.")
        case "recipient_unavailable":
            return qsTr("This person can't receive payments right now.")
        case "card_declined":
            return qsTr("The card was declined. Nothing was charged.")
        case "not_found":
            return qsTr("We couldn't find that person or request. Check it and try again.")
        case "forbidden":
            return qsTr("You're not allowed to do that.")
        case "invalid_amount":
            return qsTr("Enter an amount greater than zero.")
        case "invalid_json":
            return qsTr("The server couldn't read what Plaza sent. Update Plaza, then try again.")
        case "idempotency_key_reused":
            return qsTr("This was already sent with other details. Start again from the beginning.")
        case "resync_required":
            return qsTr("Plaza is downloading your data again. Try again in a moment.")
        case "cancelled":
            return qsTr("That was stopped before it finished. Try again.")
        case "unknown":
            return qsTr("Something unexpected went wrong. Try again.")
        // The app's own codes (Desktop)
        case "file_write":
            return qsTr("Plaza couldn't write that file. Check that the folder exists and that you can write to it.")
        case "qr_too_long":
            return qsTr("This link is too long for a QR code.")
        default:
            return qsTr("Something went wrong (%1). Try again.").arg(code)
        }
    }

    //! Two-factor sign-in, the step-up before payments and the security settings: the
    //! message for details.reason \a reason (or, without one, for the error \a code).
    function describeSecurity(reason, code) {
        switch (reason) {
        case "":
            return code === "rate_limited" ? qsTr("Too many wrong codes. Wait a minute, then try again.")
                                           : describe(code, "", "")
        case "totp_invalid":
            return qsTr("That code isn't right, or it was already used. Wait for the next code and try again.")
        case "challenge_invalid":
            return qsTr("This sign-in expired or had too many wrong codes. Enter your password again.")
        case "totp_attempts":
            return qsTr("Too many wrong codes. Wait a minute, then try again.")
        case "wrong_password":
            return qsTr("Wrong password.")
        case "password_missing":
            return qsTr("Enter your password.")
        case "totp_enabled":
            return qsTr("Two-factor sign-in is already on.")
        case "totp_not_enabled":
            return qsTr("Two-factor sign-in is already off.")
        case "totp_not_pending":
            return qsTr("Start the set-up again.")
        case "step_up_required":
            return qsTr("Confirm with your password or a code first.")
        case "invalid_amount":
            return qsTr("Enter an amount, such as 100.")
        default:
            return describe(code, "", "")
        }
    }

    //! Why a typed amount was refused (Format.parseAmount's reason); \a decimals of the currency.
    function describeAmount(reason, decimals) {
        switch (reason) {
        case "empty":
            return qsTr("Enter an amount.")
        case "negative":
            return qsTr("The amount can't be negative.")
        case "decimals":
            return decimals === 0 ? qsTr("This currency has no cents.")
                                  : qsTr("Use at most %n decimal(s).", "", decimals)
        case "too_large":
            return qsTr("That amount is too large.")
        case "zero":
            return qsTr("Enter an amount greater than zero.")
        case "over_available":
            return qsTr("That's more than your available balance.")
        case "over_limit":
            return qsTr("That's over your limit for one payment.")
        default:
            return qsTr("That isn't an amount. Type it like %1.").arg(Number(12.5).toLocaleString(Qt.locale(), "f", 2))
        }
    }

    //! Why a plaza://pay link can't be paid (WalletService.requestLookupFailed's reason).
    function describeLink(reason, code, server) {
        switch (reason) {
        case "malformed":
            return qsTr("This isn't a Plaza payment link. Links look like plaza://pay/…")
        case "unsupported":
            return qsTr("Plaza only opens plaza://pay links.")
        case "unknown":
            return qsTr("This payment request doesn't exist. Ask for a new link.")
        case "paid":
            return qsTr("This request has already been paid. Nothing more to do.")
        case "cancelled":
            return qsTr("This request was cancelled by the person who sent it.")
        case "declined":
            return qsTr("This request was declined.")
        case "expired":
            return qsTr("This request has expired. Ask for a new one.")
        case "offline":
            return qsTr("You're offline. Connect to see and pay this request.")
        default:
            return describe(code, "", server)
        }
    }

    //! The message for a validation_failed error on \a field.
    function describeField(field) {
        switch (field) {
        case "handle":
            return qsTr("Handles are 3 to 20 characters: lowercase letters, digits and underscores.")
        case "display_name":
            return qsTr("Display names are 1 to 50 characters.")
        case "password":
            return qsTr("Passwords are 8 to 128 characters.")
        case "note":
            return qsTr("Notes are at most 140 characters.")
        case "to":
        case "payer":
            return qsTr("Choose who to pay from the list.")
        case "amount":
            return qsTr("Enter an amount greater than zero.")
        case "title":
            return qsTr("A group needs a name of 1 to 100 characters.")
        case "member_ids":
            return qsTr("A group has 1 to 49 other people.")
        default:
            return qsTr("Some details were not accepted. Check them and try again.")
        }
    }
}
