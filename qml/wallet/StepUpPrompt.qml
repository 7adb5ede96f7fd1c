// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The server wants a second check before a payment (403 step_up_required, docs/api.md
// "Step-up"): asks for the account password, or a two-factor code when the account has
// it, then sends the same payment again with the same key (App.wallet.confirmStepUp).
// Nothing moved before. A wrong password or code asks again.
ColumnLayout {
    id: prompt

    //! The payment's key and what the server said (App.wallet.stepUpRequired).
    property string intentKey: ""
    property var methods: []
    property string why: ""
    property string error: ""
    //! The confirm button's text, e.g. "Confirm and pay 12,50 €".
    property string actionLabel: qsTr("Confirm")
    readonly property bool takesCode: methods.indexOf("totp") >= 0

    signal cancelled()

    //! Shows the prompt for \a key: empty field, focused.
    function ask(key, serverMethods, serverWhy) {
        intentKey = key
        methods = serverMethods
        why = serverWhy
        error = ""
        field.text = ""
        field.forceActiveFocus()
    }

    spacing: Theme.spacingM
    Layout.fillWidth: true

    Connections {
        target: App.wallet
        enabled: prompt.visible
        function onStepUpFailed(code, reason) {
            prompt.error = Errors.describeSecurity(reason, code)
            field.text = ""
            field.forceActiveFocus()
        }
    }

    Label {
        objectName: "stepUpPromptReason"
        text: (prompt.why === "new_session"
               ? qsTr("You signed in on this device a few minutes ago. Confirm it's you before paying.")
               : qsTr("This payment is at or above the amount you chose to confirm."))
              + " " + (prompt.takesCode ? qsTr("Enter your password or the code from your authenticator app.")
                                        : qsTr("Enter your account password."))
        color: Theme.text
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }
    PasswordField {
        id: field
        objectName: "stepUpPromptField"
        label: prompt.takesCode ? qsTr("Password or code") : qsTr("Password")
        maximumLength: 128
        error: prompt.error
        enabled: !App.wallet.busy
        onAccepted: confirmButton.clicked()
        Layout.fillWidth: true
    }
    AppButton {
        id: confirmButton
        objectName: "stepUpPromptConfirm"
        text: prompt.actionLabel
        busy: App.wallet.busy
        enabled: !App.wallet.busy && field.text.length > 0
        Layout.fillWidth: true
        onClicked: {
            prompt.error = ""
            const isCode = prompt.takesCode && /^\s*\d{6}\s*$/.test(field.text)
            App.wallet.confirmStepUp(prompt.intentKey, field.text, isCode)
        }
    }
    AppButton {
        text: qsTr("Cancel")
        variant: "quiet"
        enabled: !App.wallet.busy
        Layout.alignment: Qt.AlignHCenter
        onClicked: prompt.cancelled()
    }
}
