// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings → Muted people (docs/api.md "Safety"): whom the user muted in the feed, newest
// first, with Unmute on each (PeopleListSection: from the cache, offline too — a new device has
// the server's list once the feed starts; asked of the server again when Settings opens).
// Unmuting needs the server.
PeopleListSection {
    id: section
    objectName: "mutedSection"

    people: MutedPeopleModel {
        feed: App.feed
    }
    prefix: "muted"
    actionPrefix: "unmutePerson_"
    loadingText: qsTr("Loading muted people…")
    offlineText: qsTr("You're offline: this list may be out of date, and unmuting needs a connection.")
    offlineEmptyText: qsTr("You're offline: this list may be out of date.")
    errorText: qsTr("Could not load the people you muted. What this device knows is shown.")
    emptyText: qsTr("You haven't muted anyone.")
    actionText: qsTr("Unmute")
    actionIcon: "volume-2"
    sinceText: since => since ? qsTr("Muted %1").arg(Time.dateTime(since)) : qsTr("Muted")
    actionName: name => qsTr("Unmute %1").arg(name)
    onActed: userId => {
        section.unmuting = userId
        App.feed.unmute(userId)
    }

    //! The person whose Unmute is on its way.
    property string unmuting: ""
    Connections {
        target: App.feed
        function onPersonMuted(userId, muted) {
            if (!muted && userId === section.unmuting) {
                section.unmuting = ""
                section.note = qsTr("Unmuted. Their posts are back in your feed.")
            }
        }
        function onPersonMuteFailed(userId, muted, code, field) {
            if (muted || userId !== section.unmuting)
                return
            section.unmuting = ""
            section.note = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, field)
        }
    }
}
