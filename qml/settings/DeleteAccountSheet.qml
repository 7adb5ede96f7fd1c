// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Deletes the account on the server (POST /v1/account/delete) after the password is typed
// again. Refused while money remains. On success the app signs out; the sign-in screen then
// offers to delete this device's copy (nothing is deleted unasked).
Sheet {
    id: sheet
    objectName: "deleteAccountSheet"

    property bool busy: false
    property string error: ""

    title: qsTr("Delete your account?")
    subtitle: qsTr("This can't be undone.")
    closable: !busy

    onOpened: {
        password.text = ""
        error = ""
        busy = false
        password.forceActiveFocus()
    }

    Connections {
        target: App.session
        enabled: sheet.visible
        function onAccountDeletionFinished(result) {
            sheet.busy = false
            if (result.ok) {
                sheet.close()
                return
            }
            sheet.error = result.reason === "balance_not_zero"
                          ? qsTr("Your wallet or savings still hold money. Move it out first, then delete the account.")
                        : result.reason === "wrong_password" ? qsTr("The password is wrong.")
                        : result.code === "rate_limited" ? qsTr("Too many wrong passwords. Wait a minute, then try again.")
                        : result.code === "network" || result.code === "timeout"
                          ? qsTr("Plaza can't reach the server. Nothing was deleted; try again when you're online.")
                        : Errors.describe(result.code, result.field, App.session.serverUrl)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        Label {
            text: qsTr("Your name and handle are removed and you can't sign in again. People you paid or were paid by keep their history, showing \"Deleted account\". Every device is signed out. Your wallet and savings must be empty.")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            lineHeight: 1.25
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        SecretField {
            id: password
            objectName: "deleteAccountPasswordField"
            label: qsTr("Type your password to confirm")
            echoMode: TextInput.Password
            maximumLength: 128
            Layout.fillWidth: true
            onAccepted: if (deleteButton.enabled) deleteButton.clicked()
        }
        InlineError { objectName: "deleteAccountError"; text: sheet.error; Layout.fillWidth: true }
        AppButton {
            id: deleteButton
            objectName: "deleteAccountButton"
            text: qsTr("Delete my account")
            variant: "danger"
            busy: sheet.busy
            enabled: !sheet.busy && password.text.length > 0
            Layout.fillWidth: true
            onClicked: {
                sheet.error = ""
                sheet.busy = true
                App.session.deleteAccount(password.text)
            }
        }
    }
}
