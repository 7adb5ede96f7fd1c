// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings → Sessions: the devices signed in to the account (the server's list), with
// "End" on each other one and "End all other sessions". Ending one signs that device out
// at once. A session ended because its sign-in was used from two places is shown too.
ColumnLayout {
    id: section
    objectName: "sessionsSection"

    readonly property string status: App.session.deviceSessionsStatus
    readonly property var items: App.session.deviceSessions
    readonly property int othersLive: {
        let n = 0
        for (let i = 0; i < items.length; ++i) {
            if (!items[i].current && !items[i].ended)
                ++n
        }
        return n
    }

    //! Reads the list again (when Settings opens).
    function reload() {
        App.session.loadDeviceSessions()
    }

    spacing: Theme.spacingM
    Layout.fillWidth: true

    RowLayout {
        visible: section.status === "loading" && section.items.length === 0
        spacing: Theme.spacingS
        Spinner { active: parent.visible; implicitWidth: 24; implicitHeight: 24 }
        Label {
            text: qsTr("Loading sessions…")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
        }
    }

    ColumnLayout {
        visible: section.status === "error"
        spacing: Theme.spacingS
        Layout.fillWidth: true
        InlineError {
            objectName: "sessionsError"
            text: section.status === "error" ? qsTr("Could not load your sessions. Check your connection and try again.") : ""
            Layout.fillWidth: true
        }
        AppButton {
            objectName: "sessionsRetry"
            text: qsTr("Try again")
            iconName: "refresh-cw"
            variant: "secondary"
            onClicked: section.reload()
        }
    }

    Label {
        objectName: "sessionsEmpty"
        visible: section.status === "ready" && section.items.length === 0
        text: qsTr("No sessions to show.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
    }

    Repeater {
        model: section.status === "error" ? [] : section.items
        delegate: SettingRow {
            id: sessionRow
            required property var modelData
            objectName: "sessionRow_" + modelData.id
            title: (modelData.deviceName.length > 0 ? modelData.deviceName : qsTr("Unknown device"))
                   + (modelData.current ? " · " + qsTr("This device") : "")
            detail: {
                const parts = []
                if (modelData.platform.length > 0)
                    parts.push(modelData.platform)
                if (modelData.place.length > 0)
                    parts.push(qsTr("near %1").arg(modelData.place))
                if (modelData.ended)
                    parts.push(qsTr("Signed out %1: its sign-in was used from two places").arg(Time.dateTime(modelData.endedAt)))
                else if (!modelData.current)
                    parts.push(qsTr("Last active %1").arg(Time.dateTime(modelData.lastSeenAt)))
                parts.push(qsTr("Signed in %1").arg(Time.dateTime(modelData.createdAt)))
                return parts.join(" · ")
            }
            Icon {
                visible: sessionRow.modelData.ended
                name: "shield-alert"
                color: Theme.danger
            }
            AppButton {
                objectName: "endSession_" + sessionRow.modelData.id
                visible: !sessionRow.modelData.current && !sessionRow.modelData.ended
                text: qsTr("End")
                iconName: "log-out"
                variant: "secondary"
                Accessible.name: qsTr("End the session of %1").arg(sessionRow.title)
                enabled: section.status !== "loading"
                onClicked: App.session.endDeviceSession(sessionRow.modelData.id)
            }
        }
    }

    AppButton {
        objectName: "endOtherSessions"
        visible: section.status !== "error" && section.othersLive > 0
        text: qsTr("End all other sessions")
        iconName: "log-out"
        variant: "danger"
        enabled: section.status !== "loading"
        onClicked: App.session.endOtherDeviceSessions()
    }
}
