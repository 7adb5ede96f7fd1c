// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// Choose a new cache passphrase (typed twice) or enter the existing one.
ColumnLayout {
    id: form

    //! true: choose a passphrase; false: unlock with the one chosen before.
    property bool choosing: true
    property bool busy: false
    property string errorText: ""
    property alias passphrase: first.text
    property alias confirmation: second.text

    //! The shortest passphrase accepted: it guards the whole cache on a stolen disk.
    readonly property int minimumLength: 10
    readonly property bool longEnough: passphrase.length >= minimumLength
    readonly property bool matches: !choosing || passphrase === confirmation
    readonly property bool canSubmit: !busy && (choosing ? longEnough && matches : passphrase.length > 0)

    signal submitted()

    function submit() {
        if (canSubmit)
            submitted()
    }

    function focusFirst() { first.forceActiveFocus() }

    spacing: Theme.spacingL
    enabled: !busy

    PasswordField {
        id: first
        objectName: "passphraseField"
        label: form.choosing ? qsTr("New passphrase") : qsTr("Passphrase")
        hint: form.choosing ? qsTr("At least %n characters. A few unrelated words work well.", "", form.minimumLength) : ""
        error: form.choosing && passphrase.length > 0 && !form.longEnough && !first.input.activeFocus
               ? qsTr("Use at least %n characters.", "", form.minimumLength) : ""
        onAccepted: form.choosing ? second.forceActiveFocus() : form.submit()
        Layout.fillWidth: true
    }

    PasswordField {
        id: second
        objectName: "confirmationField"
        visible: form.choosing
        label: qsTr("Repeat passphrase")
        error: form.choosing && confirmation.length > 0 && !form.matches ? qsTr("The two passphrases are different.") : ""
        onAccepted: form.submit()
        Layout.fillWidth: true
    }

    InlineError {
        objectName: "formError"
        text: form.errorText
        Layout.fillWidth: true
    }

    AppButton {
        objectName: "submitButton"
        text: form.busy ? qsTr("Unlocking…") : (form.choosing ? qsTr("Set passphrase") : qsTr("Unlock"))
        busy: form.busy
        enabled: form.canSubmit
        onClicked: form.submit()
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingXs
    }
}
