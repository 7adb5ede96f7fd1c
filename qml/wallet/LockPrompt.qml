// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Confirms a money movement with the app lock. The first time, it sets the lock up
// (a PIN or a passphrase, typed twice); after that it asks for it. Emits `unlocked`
// once App.appLock has verified (or just saved) the secret.
ColumnLayout {
    id: prompt

    readonly property QtObject lock: App.appLock
    readonly property bool settingUp: lock.known && !lock.configured
    property string kind: "pin"
    property string error: ""
    //! What is being confirmed, e.g. "Send 12,50 € to Bruno".
    property string actionLabel: ""

    signal unlocked()

    spacing: Theme.spacingM

    function reset() {
        secretField.text = ""
        repeatField.text = ""
        error = ""
        secretField.forceActiveFocus()
    }
    function submit() {
        error = ""
        if (settingUp) {
            if (secretField.text !== repeatField.text) {
                error = qsTr("The two entries are different.")
                return
            }
            lock.setSecret(kind, secretField.text, "")
        } else {
            lock.verify(secretField.text)
        }
    }

    Connections {
        target: prompt.lock
        enabled: prompt.visible
        function onSecretSaved() { prompt.unlocked() }
        function onVerified(ok, code) {
            if (ok) {
                prompt.unlocked()
            } else {
                prompt.error = prompt.lock.retryAfterSeconds > 0
                        ? qsTr("Too many wrong tries. Wait %n second(s), then try again.", "", prompt.lock.retryAfterSeconds)
                        : code.length > 0 ? Errors.describe(code, "", "")
                        : (prompt.lock.kind === "pin" ? qsTr("That PIN is not right.") : qsTr("That passphrase is not right."))
                secretField.text = ""
                secretField.forceActiveFocus()
            }
        }
        function onFailed(code, field) {
            prompt.error = field === "secret"
                    ? (prompt.kind === "pin" ? qsTr("Use 4 to 12 digits, not all the same.")
                                             : qsTr("Use at least 8 characters."))
                    : (code === "keychain_unavailable" ? qsTr("The system keychain didn't answer, so the lock wasn't saved.")
                                                       : Errors.describe(code, field, ""))
        }
    }

    Label {
        text: prompt.settingUp
              ? qsTr("Protect your payments. Choose a PIN or passphrase: Plaza asks for it before any money leaves your wallet. Only a slow hash of it is stored, never the secret itself.")
              : (prompt.lock.kind === "pin" ? qsTr("Enter your PIN to confirm.") : qsTr("Enter your passphrase to confirm."))
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    RowLayout {
        visible: prompt.settingUp
        spacing: Theme.spacingS
        SegmentedButton {
            objectName: "lockKindPin"
            text: qsTr("PIN")
            selected: prompt.kind === "pin"
            onChosen: { prompt.kind = "pin"; prompt.reset() }
        }
        SegmentedButton {
            objectName: "lockKindPassphrase"
            text: qsTr("Passphrase")
            selected: prompt.kind === "passphrase"
            onChosen: { prompt.kind = "passphrase"; prompt.reset() }
        }
    }

    SecretField {
        id: secretField
        objectName: "lockSecretField"
        readonly property bool pin: prompt.settingUp ? prompt.kind === "pin" : prompt.lock.kind === "pin"
        label: pin ? (prompt.settingUp ? qsTr("New PIN (4 to 12 digits)") : qsTr("PIN"))
                   : (prompt.settingUp ? qsTr("New passphrase (8 characters or more)") : qsTr("Passphrase"))
        echoMode: TextInput.Password
        inputMethodHints: pin ? Qt.ImhDigitsOnly : Qt.ImhSensitiveData
        maximumLength: pin ? 12 : 256
        error: prompt.error
        enabled: !prompt.lock.busy
        Layout.fillWidth: true
        onAccepted: prompt.settingUp ? repeatField.forceActiveFocus() : prompt.submit()
    }
    SecretField {
        id: repeatField
        objectName: "lockRepeatField"
        visible: prompt.settingUp
        label: secretField.pin ? qsTr("Repeat the PIN") : qsTr("Repeat the passphrase")
        echoMode: TextInput.Password
        maximumLength: secretField.maximumLength
        enabled: !prompt.lock.busy
        Layout.fillWidth: true
        onAccepted: prompt.submit()
    }
    AppButton {
        objectName: "lockConfirmButton"
        text: prompt.actionLabel.length > 0 ? prompt.actionLabel : qsTr("Confirm")
        iconName: "lock-keyhole"
        busy: prompt.lock.busy
        enabled: !prompt.lock.busy && secretField.text.length > 0 && (!prompt.settingUp || repeatField.text.length > 0)
        Layout.fillWidth: true
        onClicked: prompt.submit()
    }

}
