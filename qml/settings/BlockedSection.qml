// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings → Blocked people (docs/api.md "Safety"): who the user blocked, newest first, with
// Unblock on each (PeopleListSection: from the cache, offline too; asked of the server again
// when Settings opens). Unblocking needs the server.
PeopleListSection {
    id: section
    objectName: "blockedSection"

    people: BlocksModel {
        safety: App.safety
    }
    prefix: "blocked"
    actionPrefix: "unblock_"
    loadingText: qsTr("Loading blocked people…")
    offlineText: qsTr("You're offline: this list may be out of date, and unblocking needs a connection.")
    offlineEmptyText: qsTr("You're offline: this list may be out of date.")
    errorText: qsTr("Could not load the people you blocked. What this device knows is shown.")
    emptyText: qsTr("You haven't blocked anyone.")
    actionText: qsTr("Unblock")
    actionIcon: "ban"
    sinceText: since => since ? qsTr("Blocked %1").arg(Time.dateTime(since)) : qsTr("Blocked")
    actionName: name => qsTr("Unblock %1").arg(name)
    onActed: userId => App.safety.unblockUser(userId)

    Connections {
        target: App.safety
        function onDone(action, id) {
            if (action === "unblock")
                section.note = qsTr("Unblocked.")
        }
        function onFailed(action, id, code, detail) {
            if (action === "unblock")
                section.note = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, detail)
        }
    }
}
