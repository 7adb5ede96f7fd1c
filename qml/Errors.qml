// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml

// Turns the session's error codes (api-v1.md's table plus the client-only codes)
// into sentences people can act on. The core's English message is only a fallback.
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
        default:
            return qsTr("Something went wrong (%1). Try again.").arg(code)
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
        default:
            return qsTr("Some details were not accepted. Check them and try again.")
        }
    }
}
