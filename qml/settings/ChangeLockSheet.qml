// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Sets or changes the app lock (PIN or passphrase). Changing asks for the current one.
Sheet {
    id: sheet
    objectName: "changeLockSheet"

    readonly property QtObject lock: App.appLock
    property string kind: "pin"
    property string error: ""

    title: lock.configured ? qsTr("Change the app lock") : qsTr("Set an app lock")
    subtitle: qsTr("Asked before any money leaves your wallet, and to unlock Plaza after it locks itself.")
    closable: !lock.busy

    onOpened: {
        kind = lock.configured ? lock.kind : "pin"
        current.text = ""
        fresh.text = ""
        repeat.text = ""
        error = ""
        lock.configured ? current.forceActiveFocus() : fresh.forceActiveFocus()
    }

    Connections {
        target: sheet.lock
        enabled: sheet.visible
        function onSecretSaved() { sheet.close() }
        function onFailed(code, field) {
            sheet.error = field === "current" ? qsTr("The current PIN or passphrase is wrong.")
                        : field === "secret" ? (sheet.kind === "pin" ? qsTr("Use 4 to 12 digits, not all the same.")
                                                                     : qsTr("Use at least 8 characters."))
                        : code === "rate_limited" ? qsTr("Too many wrong tries. Wait a moment, then try again.")
                        : Errors.describe(code, field, "")
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        SecretField {
            id: current
            visible: sheet.lock.configured
            label: sheet.lock.kind === "pin" ? qsTr("Current PIN") : qsTr("Current passphrase")
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: fresh.forceActiveFocus()
        }
        RowLayout {
            spacing: Theme.spacingS
            SegmentedButton {
                text: qsTr("PIN")
                selected: sheet.kind === "pin"
                onChosen: sheet.kind = "pin"
            }
            SegmentedButton {
                text: qsTr("Passphrase")
                selected: sheet.kind === "passphrase"
                onChosen: sheet.kind = "passphrase"
            }
        }
        SecretField {
            id: fresh
            label: sheet.kind === "pin" ? qsTr("New PIN (4 to 12 digits)") : qsTr("New passphrase (8 characters or more)")
            echoMode: TextInput.Password
            maximumLength: sheet.kind === "pin" ? 12 : 256
            Layout.fillWidth: true
            onAccepted: repeat.forceActiveFocus()
        }
        SecretField {
            id: repeat
            label: sheet.kind === "pin" ? qsTr("Repeat the PIN") : qsTr("Repeat the passphrase")
            echoMode: TextInput.Password
            maximumLength: fresh.maximumLength
            Layout.fillWidth: true
            onAccepted: saveButton.clicked()
        }
        InlineError { text: sheet.error; Layout.fillWidth: true }
        AppButton {
            id: saveButton
            text: qsTr("Save")
            busy: sheet.lock.busy
            enabled: !sheet.lock.busy && fresh.text.length > 0 && repeat.text.length > 0
                     && (!sheet.lock.configured || current.text.length > 0)
            Layout.fillWidth: true
            onClicked: {
                sheet.error = ""
                if (fresh.text !== repeat.text) {
                    sheet.error = qsTr("The two entries are different.")
                    return
                }
                sheet.lock.setSecret(sheet.kind, fresh.text, current.text)
            }
        }
    }
}
