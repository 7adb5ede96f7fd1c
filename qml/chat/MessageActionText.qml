// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml
import Plaza
import Plaza.Desktop

// What the chat says when an action on a sent message fails (App.messageActions' failed():
// the action, an error code and the server's reason or the field). The reasons of the
// message-action rules (docs/api.md "Message actions") get their own sentences; everything
// else is the app's usual text for the code (Errors.describe).
QtObject {
    function failure(action, code, detail) {
        if (code === "forbidden") {
            switch (detail) {
            case "too_late":
                return action === "edit" ? qsTr("Messages can only be edited in the 48 hours after they're sent.")
                                         : qsTr("Messages can only be deleted for everyone in the 48 hours after they're sent.")
            case "payment":
                return qsTr("Payments stay as they are: they can't be edited, deleted or forwarded.")
            case "request":
                return qsTr("Payment requests stay as they are: they can't be edited or deleted.")
            case "not_sender":
                return qsTr("You can only change your own messages.")
            }
        }
        if (code === "conflict" && detail === "deleted")
            return qsTr("This message was deleted.")
        if (code === "validation_failed" && detail === "emoji")
            return qsTr("A reaction is a single emoji.")
        if (code === "validation_failed" && detail === "text")
            return qsTr("A message is 1 to 4,000 characters, and can't carry a payment link.")
        if (code === "network" || code === "timeout")
            return action === "react" ? qsTr("You're offline. Reactions need a connection.")
                 : action === "edit" ? qsTr("You're offline. Editing needs a connection; your message is unchanged.")
                 : action === "forward" ? qsTr("You're offline. Forwarding needs a connection.")
                 : qsTr("You're offline. Deleting for everyone needs a connection.")
        return Errors.describe(code, detail, App.session.serverUrl)
    }
}
