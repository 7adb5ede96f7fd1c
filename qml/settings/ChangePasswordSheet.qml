// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Changes the account's password on the server (POST /v1/account/password). The current
// password is asked again; on success every other device is signed out, this one stays.
Sheet {
    id: sheet
    objectName: "changePasswordSheet"

    property bool busy: false
    property string error: ""
    property string done: ""

    title: qsTr("Change password")
    subtitle: qsTr("Every other device signed in to your account is signed out. This one stays signed in.")
    closable: !busy

    onOpened: {
        current.text = ""
        fresh.text = ""
        repeat.text = ""
        error = ""
        done = ""
        busy = false
        current.forceActiveFocus()
    }

    Connections {
        target: App.session
        enabled: sheet.visible
        function onPasswordChangeFinished(result) {
            sheet.busy = false
            if (result.ok) {
                sheet.done = result.ended > 0 ? qsTr("Password changed. %n other device(s) signed out.", "", result.ended)
                                              : qsTr("Password changed.")
                current.text = ""
                fresh.text = ""
                repeat.text = ""
                return
            }
            sheet.error = result.reason === "wrong_password" ? qsTr("The current password is wrong.")
                        : result.field === "new_password" && fresh.text === current.text
                          ? qsTr("The new password must be different from the current one.")
                        : result.field === "new_password" ? qsTr("Use 8 to 128 characters for the new password.")
                        : result.code === "rate_limited" ? qsTr("Too many wrong passwords. Wait a minute, then try again.")
                        : result.code === "network" || result.code === "timeout"
                          ? qsTr("Plaza can't reach the server. Nothing was changed; try again when you're online.")
                        : Errors.describe(result.code, result.field, App.session.serverUrl)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        SecretField {
            id: current
            objectName: "currentPasswordField"
            label: qsTr("Current password")
            echoMode: TextInput.Password
            maximumLength: 128
            Layout.fillWidth: true
            onAccepted: fresh.forceActiveFocus()
        }
        SecretField {
            id: fresh
            objectName: "newPasswordField"
            label: qsTr("New password (8 to 128 characters)")
            echoMode: TextInput.Password
            maximumLength: 128
            Layout.fillWidth: true
            onAccepted: repeat.forceActiveFocus()
        }
        SecretField {
            id: repeat
            objectName: "repeatPasswordField"
            label: qsTr("Repeat the new password")
            echoMode: TextInput.Password
            maximumLength: 128
            Layout.fillWidth: true
            onAccepted: saveButton.clicked()
        }
        InlineError { objectName: "changePasswordError"; text: sheet.error; Layout.fillWidth: true }
        Label {
            objectName: "changePasswordDone"
            visible: sheet.done.length > 0
            text: sheet.done
            color: Theme.success
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        AppButton {
            id: saveButton
            objectName: "changePasswordButton"
            text: sheet.done.length > 0 ? qsTr("Done") : qsTr("Change password")
            busy: sheet.busy
            enabled: !sheet.busy && (sheet.done.length > 0
                                     || (current.text.length > 0 && fresh.text.length > 0 && repeat.text.length > 0))
            Layout.fillWidth: true
            onClicked: {
                if (sheet.done.length > 0) {
                    sheet.close()
                    return
                }
                sheet.error = ""
                if (fresh.text !== repeat.text) {
                    sheet.error = qsTr("The two new passwords are different.")
                    return
                }
                if (fresh.text.length < 8) {
                    sheet.error = qsTr("Use 8 to 128 characters for the new password.")
                    return
                }
                sheet.busy = true
                App.session.changePassword(current.text, fresh.text)
            }
        }
    }
}
