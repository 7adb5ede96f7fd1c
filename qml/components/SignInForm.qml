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

    function submit() {
        if (canSubmit)
            submitted()
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

    FormField {
        id: serverField
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
        visible: form.createAccount
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
        text: form.busy ? (form.createAccount ? qsTr("Creating account…") : qsTr("Signing in…"))
                        : (form.createAccount ? qsTr("Create account") : qsTr("Sign in"))
        busy: form.busy
        enabled: form.canSubmit
        onClicked: form.submit()
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingXs
    }
}
