// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings → Blocked people (docs/api.md "Safety"): who the user blocked, newest first, with
// Unblock on each. The list comes from the cache (so it shows offline, saying it may be out
// of date) and is asked of the server again when Settings opens. Unblocking needs the server.
ColumnLayout {
    id: section
    objectName: "blockedSection"

    //! Asks the server for the list again (when Settings opens).
    function reload() {
        blocks.refresh()
    }

    spacing: Theme.spacingM
    Layout.fillWidth: true

    BlocksModel {
        id: blocks
        safety: App.safety
    }
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
    property string note: ""

    RowLayout {
        visible: blocks.loading && blocks.count === 0
        spacing: Theme.spacingS
        Spinner { active: parent.visible; implicitWidth: 24; implicitHeight: 24 }
        Label {
            text: qsTr("Loading blocked people…")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
        }
    }

    // Offline, or the server could not be asked: what this device knows, said honestly.
    Label {
        objectName: "blockedOffline"
        visible: !App.session.online
        text: blocks.count > 0 ? qsTr("You're offline: this list may be out of date, and unblocking needs a connection.")
                               : qsTr("You're offline: this list may be out of date.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    ColumnLayout {
        visible: App.session.online && blocks.error.length > 0 && !blocks.loading
        spacing: Theme.spacingS
        Layout.fillWidth: true
        InlineError {
            objectName: "blockedError"
            text: visible ? qsTr("Could not load the people you blocked. What this device knows is shown.") : ""
            Layout.fillWidth: true
        }
        AppButton {
            objectName: "blockedRetry"
            text: qsTr("Try again")
            iconName: "refresh-cw"
            variant: "secondary"
            onClicked: section.reload()
        }
    }

    Label {
        objectName: "blockedEmpty"
        visible: blocks.count === 0 && !blocks.loading
        text: qsTr("You haven't blocked anyone.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
    }

    Repeater {
        model: blocks
        delegate: SettingRow {
            id: blockedRow
            required property string userId
            required property string handle
            required property string name
            required property var blockedAt
            objectName: "blockedRow_" + userId
            title: name
            detail: (handle.length > 0 ? "@" + handle + " · " : "")
                    + (blockedAt ? qsTr("Blocked %1").arg(Time.dateTime(blockedAt)) : qsTr("Blocked"))
            AppButton {
                objectName: "unblock_" + blockedRow.userId
                text: qsTr("Unblock")
                iconName: "ban"
                variant: "secondary"
                Accessible.name: qsTr("Unblock %1").arg(blockedRow.name)
                enabled: App.session.online
                onClicked: App.safety.unblockUser(blockedRow.userId)
            }
        }
    }

    Label {
        objectName: "blockedNote"
        visible: section.note.length > 0
        text: section.note
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
