// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The sign-in / create-account form. It only checks the shape of what was typed so
// the button enables at the right moment; the server decides, and its answer comes
// back through `errorText` / `errorField`.
ColumnLayout {
    id: form

    //! false: sign in; true: create an account (asks for a display name too).
    property bool createAccount: false
    property bool busy: false
    //! The failure to show under the form, already translated.
    property string errorText: ""
    //! "handle", "display_name", "password" or "server": the field the failure is about.
    property string errorField: ""

    property alias serverUrl: serverField.text
    property alias handle: handleField.text
    property alias displayName: nameField.text
    property alias password: passwordField.text
    //! The password was right and the account has two-factor sign-in: ask for the code.
    property bool codeStep: false
    //! In the code step: a recovery code instead of the authenticator's code.
    property bool useRecoveryCode: false
    property alias code: codeField.text
    readonly property bool codeValid: useRecoveryCode ? code.replace(/[\s-]/g, "").length >= 8
                                                      : /^\s*\d{6}\s*$/.test(code)

    //! The handle as the API wants it: no spaces, no leading "@".
    readonly property string normalizedHandle: handle.trim().replace(/^@/, "")
    readonly property bool serverValid: /^https?:\/\/[^\s\/]+/.test(serverUrl.trim())
    readonly property bool handleValid: /^[a-z0-9_]{3,20}$/.test(normalizedHandle)
    readonly property bool displayNameValid: !createAccount
                                             || (displayName.trim().length >= 1 && displayName.length <= 50)
    readonly property bool passwordValid: password.length >= 8 && password.length <= 128
    readonly property bool canSubmit: !busy && serverValid && handleValid && displayNameValid && passwordValid

    //! The user asked to go ahead and everything looks right.
    signal submitted()
    //! The code step: the code (or recovery code) typed.
    signal codeSubmitted(string code, bool recovery)
    //! The code step: back to the password.
    signal codeCancelled()

    function submit() {
        if (codeStep) {
            if (!busy && codeValid)
                codeSubmitted(code.trim(), useRecoveryCode)
            return
        }
        if (canSubmit)
            submitted()
    }

    onCodeStepChanged: {
        code = ""
        useRecoveryCode = false
        if (codeStep)
            codeField.forceActiveFocus()
    }

    function focusFirstEmpty() {
        if (handleField.text.length === 0)
            handleField.forceActiveFocus()
        else if (createAccount && nameField.text.length === 0)
            nameField.forceActiveFocus()
        else
            passwordField.forceActiveFocus()
    }

    spacing: Theme.spacingL
    enabled: !busy

    // The code step of a two-factor sign-in (the password was right).
    Label {
        objectName: "codeStepText"
        visible: form.codeStep
        text: form.useRecoveryCode ? qsTr("Enter one of your recovery codes. Each one works once.")
                                   : qsTr("Enter the 6-digit code from your authenticator app.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    FormField {
        id: codeField
        objectName: "codeField"
        visible: form.codeStep
        label: form.useRecoveryCode ? qsTr("Recovery code") : qsTr("Authentication code")
        placeholderText: form.useRecoveryCode ? qsTr("e.g. abcd-efgh-ij") : qsTr("e.g. 123456")
        maximumLength: form.useRecoveryCode ? 20 : 7
        inputMethodHints: form.useRecoveryCode ? (Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText) : Qt.ImhDigitsOnly
        error: form.errorField === "code" ? form.errorText : ""
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    AppButton {
        objectName: "recoveryToggle"
        visible: form.codeStep
        text: form.useRecoveryCode ? qsTr("Use the authenticator code") : qsTr("Use a recovery code")
        variant: "quiet"
        onClicked: {
            form.useRecoveryCode = !form.useRecoveryCode
            form.code = ""
            codeField.forceActiveFocus()
        }
    }

    FormField {
        id: serverField
        visible: !form.codeStep
        objectName: "serverField"
        label: qsTr("Server")
        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
        error: form.errorField === "server" ? form.errorText
              : (text.length > 0 && !form.serverValid ? qsTr("Enter an address starting with http:// or https://") : "")
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    FormField {
        id: handleField
        visible: !form.codeStep
        objectName: "handleField"
        label: qsTr("Handle")
        placeholderText: qsTr("e.g. amelie")
        maximumLength: 21
        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhPreferLowercase
        error: form.errorField === "handle" ? form.errorText
              : (form.normalizedHandle.length > 0 && !form.handleValid ? Errors.describeField("handle") : "")
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    FormField {
        id: nameField
        objectName: "displayNameField"
        visible: form.createAccount && !form.codeStep
        label: qsTr("Display name")
        placeholderText: qsTr("The name people see")
        maximumLength: 50
        error: form.errorField === "display_name" ? form.errorText : ""
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    PasswordField {
        id: passwordField
        objectName: "passwordField"
        visible: !form.codeStep
        label: qsTr("Password")
        maximumLength: 128
        hint: form.createAccount ? qsTr("At least 8 characters.") : ""
        error: form.errorField === "password" ? form.errorText : ""
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    InlineError {
        objectName: "formError"
        text: form.errorField.length === 0 ? form.errorText : ""
        Layout.fillWidth: true
    }

    AppButton {
        id: submitButton
        objectName: "submitButton"
        text: form.codeStep ? (form.busy ? qsTr("Checking…") : qsTr("Verify"))
              : form.busy ? (form.createAccount ? qsTr("Creating account…") : qsTr("Signing in…"))
                        : (form.createAccount ? qsTr("Create account") : qsTr("Sign in"))
        busy: form.busy
        enabled: form.codeStep ? (!form.busy && form.codeValid) : form.canSubmit
        onClicked: form.submit()
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingXs
    }

    AppButton {
        objectName: "codeBackButton"
        visible: form.codeStep
        text: qsTr("Back")
        variant: "secondary"
        onClicked: form.codeCancelled()
        Layout.fillWidth: true
    }
}
