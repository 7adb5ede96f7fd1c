// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Covers the whole window after the idle minutes of the app lock: nothing of the
// account shows until the PIN or passphrase is entered.
Rectangle {
    id: cover
    objectName: "lockScreen"

    color: Theme.background
    visible: App.appLock.locked

    // Swallow every click and key that would otherwise reach the shell below.
    MouseArea { anchors.fill: parent; hoverEnabled: true; acceptedButtons: Qt.AllButtons }
    Keys.onPressed: event => event.accepted = true

    // Every lock starts empty: no PIN left over from the last unlock, no old error.
    function reset() {
        field.text = ""
        field.error = ""
        field.forceActiveFocus()
    }
    onVisibleChanged: if (visible) reset()
    Component.onCompleted: if (visible) reset()

    Card {
        anchors.centerIn: parent
        width: Math.min(Theme.formWidth, parent.width - 2 * Theme.spacingXl)
        ColumnLayout {
            width: parent.width
            spacing: Theme.spacingM
            BrandMark { Layout.alignment: Qt.AlignHCenter }
            Label {
                text: qsTr("Plaza is locked")
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label {
                text: App.appLock.kind === "pin" ? qsTr("Enter your PIN to continue.") : qsTr("Enter your passphrase to continue.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            SecretField {
                id: field
                objectName: "unlockField"
                label: App.appLock.kind === "pin" ? qsTr("PIN") : qsTr("Passphrase")
                echoMode: TextInput.Password
                enabled: !App.appLock.busy
                Layout.fillWidth: true
                onAccepted: App.appLock.verify(text)
            }
            AppButton {
                objectName: "unlockButton"
                text: qsTr("Unlock")
                iconName: "lock-keyhole"
                busy: App.appLock.busy
                enabled: field.text.length > 0 && !App.appLock.busy
                Layout.fillWidth: true
                onClicked: App.appLock.verify(field.text)
            }
        }
    }

    Connections {
        target: App.appLock
        function onVerified(ok, code) {
            field.text = ""
            field.error = ok ? ""
                    : App.appLock.retryAfterSeconds > 0
                      ? qsTr("Too many wrong tries. Wait %n second(s), then try again.", "", App.appLock.retryAfterSeconds)
                    : code.length > 0 ? Errors.describe(code, "", "")
                      : qsTr("That's not it. Try again.")
        }
    }
}
