// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// "New sign-in on <device>": shown for a while when another device signs in to this
// account (the server's session.created notice), so that a stranger's sign-in is noticed.
// Settings → Sessions lists it and can end it.
Rectangle {
    id: toast
    objectName: "signInToast"

    required property QtObject session
    property string message: ""

    signal sessionsRequested()

    visible: message.length > 0
    implicitWidth: Math.min(row.implicitWidth + 2 * Theme.spacingL, 520)
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusM
    color: Theme.surfaceRaised
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message

    Timer {
        id: hideTimer
        interval: 10000
        onTriggered: toast.message = ""
    }

    Connections {
        target: toast.session
        function onNewSignIn(deviceName, platform, place) {
            const where = [platform, place].filter(part => part.length > 0).join(" · ")
            const device = deviceName.length > 0 ? deviceName : qsTr("an unnamed device")
            toast.message = where.length > 0 ? qsTr("New sign-in on %1 (%2)").arg(device).arg(where)
                                             : qsTr("New sign-in on %1").arg(device)
            hideTimer.restart()
        }
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingS
        spacing: Theme.spacingS
        Icon {
            name: "shield-alert"
            color: Theme.text
            size: 18
        }
        Label {
            text: toast.message
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.maximumWidth: 360
        }
        AppButton {
            text: qsTr("Review")
            variant: "secondary"
            onClicked: {
                toast.message = ""
                toast.sessionsRequested()
            }
        }
        AppButton {
            text: qsTr("Dismiss")
            variant: "quiet"
            onClicked: toast.message = ""
        }
    }
}
