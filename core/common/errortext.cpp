// SPDX-License-Identifier: MIT
#include "common/errortext.h"

#include <QCoreApplication>
#include <QLocale>

#include <utility>

namespace plaza::errortext {

namespace {

//! One row of a table: a key and its English sentence (lupdate reads QT_TRANSLATE_NOOP).
using Row = std::pair<const char *, const char *>;

//! The sentence of \a key in \a rows, translated; QString() when the key is not there.
template<std::size_t N>
QString lookUp(const Row (&rows)[N], const QString &key)
{
    for (const Row &row : rows) {
        if (key == QLatin1String(row.first))
            return QCoreApplication::translate("Errors", row.second);
    }
    return {};
}

// api-v1.md's codes and the client's own (plaza::ErrorCode). %1: the server's address.
const Row kCodes[] = {
    {"unauthorized", QT_TRANSLATE_NOOP("Errors", "Wrong handle or password.")},
    {"conflict", QT_TRANSLATE_NOOP("Errors", "That handle is already taken. Try another one.")},
    {"rate_limited", QT_TRANSLATE_NOOP("Errors", "Too many attempts. Wait a few minutes, then try again.")},
    {"network", QT_TRANSLATE_NOOP("Errors", "Can't reach the server at %1. Check the address and your connection.")},
    {"timeout", QT_TRANSLATE_NOOP("Errors", "The server at %1 took too long to answer. Try again.")},
    {"tls", QT_TRANSLATE_NOOP("Errors", "The secure connection to %1 failed, so Plaza did not send anything.")},
    {"protocol", QT_TRANSLATE_NOOP("Errors", "The server at %1 doesn't answer like a Plaza server. Check the address.")},
    {"internal", QT_TRANSLATE_NOOP("Errors", "The server had a problem. Try again in a moment.")},
    {"payload_too_large", QT_TRANSLATE_NOOP("Errors", "That is too long to send.")},
    {"cache_locked", QT_TRANSLATE_NOOP("Errors", "That passphrase doesn't unlock this device's cache. Check it and try again.")},
    {"keychain_unavailable", QT_TRANSLATE_NOOP("Errors", "No system keychain answered.")},
    {"storage", QT_TRANSLATE_NOOP("Errors", "Plaza couldn't write its local cache. Check that the disk has free space.")},
    {"insufficient_funds", QT_TRANSLATE_NOOP("Errors", "Your available balance is too low for this payment.")},
    {"limit_exceeded", QT_TRANSLATE_NOOP("Errors", "This is over your payment limits. See the limits on the Wallet page.")},
    {"currency_mismatch", QT_TRANSLATE_NOOP("Errors", "That amount is in another currency than your wallet.")},
    {"self_payment", QT_TRANSLATE_NOOP("Errors", "You can't pay yourself.")},
    {"recipient_unavailable", QT_TRANSLATE_NOOP("Errors", "This person can't receive payments right now.")},
    {"card_declined", QT_TRANSLATE_NOOP("Errors", "The card was declined. Nothing was charged.")},
    {"not_found", QT_TRANSLATE_NOOP("Errors", "We couldn't find that person or request. Check it and try again.")},
    {"forbidden", QT_TRANSLATE_NOOP("Errors", "You're not allowed to do that.")},
    {"invalid_amount", QT_TRANSLATE_NOOP("Errors", "Enter an amount greater than zero.")},
    {"invalid_json", QT_TRANSLATE_NOOP("Errors", "The server couldn't read what Plaza sent. Update Plaza, then try again.")},
    {"idempotency_key_reused",
     QT_TRANSLATE_NOOP("Errors", "This was already sent with other details. Start again from the beginning.")},
    {"resync_required", QT_TRANSLATE_NOOP("Errors", "Plaza is downloading your data again. Try again in a moment.")},
    {"cancelled", QT_TRANSLATE_NOOP("Errors", "That was stopped before it finished. Try again.")},
    {"unknown", QT_TRANSLATE_NOOP("Errors", "Something unexpected went wrong. Try again.")},
};

// details.reason of two-factor sign-in, the step-up and the security settings.
const Row kSecurityReasons[] = {
    {"totp_invalid",
     QT_TRANSLATE_NOOP("Errors", "That code isn't right, or it was already used. Wait for the next code and try again.")},
    {"challenge_invalid",
     QT_TRANSLATE_NOOP("Errors", "This sign-in expired or had too many wrong codes. Enter your password again.")},
    {"totp_attempts", QT_TRANSLATE_NOOP("Errors", "Too many wrong codes. Wait a minute, then try again.")},
    {"wrong_password", QT_TRANSLATE_NOOP("Errors", "Wrong password.")},
    {"password_missing", QT_TRANSLATE_NOOP("Errors", "Enter your password.")},
    {"totp_enabled", QT_TRANSLATE_NOOP("Errors", "Two-factor sign-in is already on.")},
    {"totp_not_enabled", QT_TRANSLATE_NOOP("Errors", "Two-factor sign-in is already off.")},
    {"totp_not_pending", QT_TRANSLATE_NOOP("Errors", "Start the set-up again.")},
    {"step_up_required", QT_TRANSLATE_NOOP("Errors", "Confirm with your password or a code first.")},
    {"invalid_amount", QT_TRANSLATE_NOOP("Errors", "Enter an amount, such as 100.")},
};

// The reason of a refused typed amount ("decimals" and the default need a number: below).
const Row kAmountReasons[] = {
    {"empty", QT_TRANSLATE_NOOP("Errors", "Enter an amount.")},
    {"negative", QT_TRANSLATE_NOOP("Errors", "The amount can't be negative.")},
    {"too_large", QT_TRANSLATE_NOOP("Errors", "That amount is too large.")},
    {"zero", QT_TRANSLATE_NOOP("Errors", "Enter an amount greater than zero.")},
    {"over_available", QT_TRANSLATE_NOOP("Errors", "That's more than your available balance.")},
    {"over_limit", QT_TRANSLATE_NOOP("Errors", "That's over your limit for one payment.")},
};

// Why a plaza://pay link can't be paid.
const Row kLinkReasons[] = {
    {"malformed", QT_TRANSLATE_NOOP("Errors", "This isn't a Plaza payment link. Links look like plaza://pay/…")},
    {"unsupported", QT_TRANSLATE_NOOP("Errors", "Plaza only opens plaza://pay links.")},
    {"unknown", QT_TRANSLATE_NOOP("Errors", "This payment request doesn't exist. Ask for a new link.")},
    {"paid", QT_TRANSLATE_NOOP("Errors", "This request has already been paid. Nothing more to do.")},
    {"cancelled", QT_TRANSLATE_NOOP("Errors", "This request was cancelled by the person who sent it.")},
    {"declined", QT_TRANSLATE_NOOP("Errors", "This request was declined.")},
    {"expired", QT_TRANSLATE_NOOP("Errors", "This request has expired. Ask for a new one.")},
    {"offline", QT_TRANSLATE_NOOP("Errors", "You're offline. Connect to see and pay this request.")},
};

// details.field of validation_failed.
const Row kFields[] = {
    {"handle", QT_TRANSLATE_NOOP("Errors", "Handles are 3 to 20 characters: lowercase letters, digits and underscores.")},
    {"display_name", QT_TRANSLATE_NOOP("Errors", "Display names are 1 to 50 characters.")},
    {"password", QT_TRANSLATE_NOOP("Errors", "Passwords are 8 to 128 characters.")},
    {"note", QT_TRANSLATE_NOOP("Errors", "Notes are at most 140 characters.")},
    {"to", QT_TRANSLATE_NOOP("Errors", "Choose who to pay from the list.")},
    {"payer", QT_TRANSLATE_NOOP("Errors", "Choose who to pay from the list.")},
    {"amount", QT_TRANSLATE_NOOP("Errors", "Enter an amount greater than zero.")},
    {"title", QT_TRANSLATE_NOOP("Errors", "A group needs a name of 1 to 100 characters.")},
    {"member_ids", QT_TRANSLATE_NOOP("Errors", "A group has 1 to 49 other people.")},
};

} // namespace

QString describe(const QString &code, const QString &field, const QString &server)
{
    if (code.isEmpty())
        return {};
    if (code == u"validation_failed")
        return describeField(field);
    const QString sentence = lookUp(kCodes, code);
    if (sentence.isEmpty())
        return QCoreApplication::translate("Errors", "Something went wrong (%1). Try again.").arg(code);
    return sentence.contains(u"%1") ? sentence.arg(server) : sentence;
}

QString describeSecurity(const QString &reason, const QString &code)
{
    if (reason.isEmpty()) {
        return code == u"rate_limited" ? QCoreApplication::translate("Errors", "Too many wrong codes. Wait a minute, then try again.")
                                       : describe(code);
    }
    const QString sentence = lookUp(kSecurityReasons, reason);
    return sentence.isEmpty() ? describe(code) : sentence;
}

QString describeAmount(const QString &reason, int decimals)
{
    if (reason == u"decimals") {
        return decimals == 0 ? QCoreApplication::translate("Errors", "This currency has no cents.")
                             : QCoreApplication::translate("Errors", "Use at most %n decimal(s).", "", decimals);
    }
    const QString sentence = lookUp(kAmountReasons, reason);
    if (!sentence.isEmpty())
        return sentence;
    return QCoreApplication::translate("Errors", "That isn't an amount. Type it like %1.").arg(QLocale().toString(12.5, 'f', 2));
}

QString describeLink(const QString &reason, const QString &code, const QString &server)
{
    const QString sentence = lookUp(kLinkReasons, reason);
    return sentence.isEmpty() ? describe(code, {}, server) : sentence;
}

QString describeField(const QString &field)
{
    const QString sentence = lookUp(kFields, field);
    return sentence.isEmpty()
        ? QCoreApplication::translate("Errors", "Some details were not accepted. Check them and try again.")
        : sentence;
}

} // namespace plaza::errortext
