// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings → Two-factor sign-in: turning TOTP on (password, then a QR code and the secret
// for an authenticator app, then its first code, then the ten recovery codes shown once),
// turning it off with a code, and the amount from which payments ask for the password or
// a code (docs/api.md "Two-factor sign-in", "Step-up").
ColumnLayout {
    id: section
    objectName: "twoFactorSection"

    readonly property QtObject session: App.session
    //! "" (overview), "password" (enrolment: the password), "scan" (QR code and first code),
    //! "codes" (recovery codes, shown once), "disable" (a code to turn it off).
    property string stage: ""
    property bool disableWithRecovery: false
    //! Continue was pressed on the password: the secret that comes next is this setup's (an
    //! earlier, unconfirmed one may still be in the session when the section opens).
    property bool setupRequested: false
    //! The threshold save was refused with step_up_required: ask for the password or a code.
    property bool thresholdNeedsProof: false
    property string currency: "EUR"
    readonly property string errorText: session.securityStatus === "error"
                                        ? Errors.describeSecurity(session.securityErrorReason, "") : ""

    function reload() {
        stage = ""
        setupRequested = false
        enrolPassword.text = ""
        thresholdNeedsProof = false
        session.loadSecurity()
    }

    Connections {
        target: section.session
        function onSecurityChanged() {
            const s = section.session
            if (s.securityStatus !== "ready")
                return
            if (section.stage === "password" && section.setupRequested && s.totpSecret.length > 0) {
                section.setupRequested = false
                enrolPassword.text = "" // used: not kept on screen or in memory
                section.stage = "scan"
                confirmField.text = ""
                confirmField.forceActiveFocus()
            } else if (section.stage === "scan" && s.recoveryCodes.length > 0) {
                section.stage = "codes"
            } else if (section.stage === "disable" && !s.totpEnabled) {
                section.stage = ""
            }
            if (section.thresholdNeedsProof)
                section.thresholdNeedsProof = false
            thresholdField.text = s.stepUpThreshold >= 0 ? Format.formatMoney(s.stepUpThreshold, section.currency) : ""
        }
    }

    spacing: Theme.spacingM
    Layout.fillWidth: true

    SettingRow {
        objectName: "totpRow"
        title: qsTr("Two-factor sign-in")
        detail: section.session.totpEnabled
                ? qsTr("On. Signing in asks for a code from your authenticator app after your password.")
                : qsTr("Off. Turn it on so that your password alone cannot open your account.")
        AppButton {
            objectName: "totpEnableButton"
            visible: !section.session.totpEnabled && section.stage === ""
            text: qsTr("Turn on…")
            variant: "secondary"
            onClicked: {
                section.stage = "password"
                enrolPassword.text = ""
                enrolPassword.forceActiveFocus()
            }
        }
        AppButton {
            objectName: "totpDisableButton"
            visible: section.session.totpEnabled && section.stage === ""
            text: qsTr("Turn off…")
            variant: "secondary"
            onClicked: {
                section.stage = "disable"
                section.disableWithRecovery = false
                disableField.text = ""
                disableField.forceActiveFocus()
            }
        }
    }

    // Enrolment 1: the password.
    ColumnLayout {
        visible: section.stage === "password"
        spacing: Theme.spacingS
        Layout.fillWidth: true
        PasswordField {
            id: enrolPassword
            objectName: "totpPasswordField"
            label: qsTr("Your account password")
            maximumLength: 128
            onAccepted: enrolContinue.clicked()
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacingS
            AppButton {
                id: enrolContinue
                objectName: "totpPasswordContinue"
                text: qsTr("Continue")
                busy: section.session.securityStatus === "loading"
                enabled: enrolPassword.text.length > 0 && section.session.securityStatus !== "loading"
                onClicked: {
                    section.setupRequested = true
                    section.session.startTotpSetup(enrolPassword.text)
                }
            }
            AppButton {
                text: qsTr("Cancel")
                variant: "quiet"
                onClicked: section.stage = ""
            }
        }
    }

    // Enrolment 2: the QR code (or the secret typed by hand), then the app's first code.
    ColumnLayout {
        visible: section.stage === "scan"
        spacing: Theme.spacingS
        Layout.fillWidth: true
        Label {
            text: qsTr("Scan this QR code with your authenticator app, or type the key below into it. Then enter the 6-digit code it shows.")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        Rectangle {
            color: "white"
            radius: Theme.radiusS
            implicitWidth: 188
            implicitHeight: 188
            Layout.alignment: Qt.AlignHCenter
            Image {
                objectName: "totpQrCode"
                anchors.centerIn: parent
                width: 180
                height: 180
                sourceSize: Qt.size(180, 180)
                fillMode: Image.PreserveAspectFit
                smooth: false
                source: section.session.totpUri.length > 0 ? "image://qr/" + encodeURIComponent(section.session.totpUri) : ""
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("QR code for your authenticator app")
            }
        }
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            TextEdit {
                objectName: "totpSecretText"
                text: section.session.totpSecret.replace(/(.{4})/g, "$1 ").trim()
                readOnly: true
                selectByMouse: true
                color: Theme.text
                font.family: "monospace"
                font.pixelSize: Theme.fontBody
                wrapMode: TextEdit.WrapAnywhere
                Accessible.name: qsTr("Key for your authenticator app")
                Layout.fillWidth: true
            }
            AppButton {
                objectName: "totpCopySecret"
                text: qsTr("Copy key")
                iconName: "copy"
                variant: "secondary"
                onClicked: Desktop.copyText(section.session.totpSecret)
            }
        }
        FormField {
            id: confirmField
            objectName: "totpConfirmField"
            label: qsTr("Code from the app")
            placeholderText: qsTr("e.g. 123456")
            maximumLength: 7
            inputMethodHints: Qt.ImhDigitsOnly
            onAccepted: confirmButton.clicked()
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacingS
            AppButton {
                id: confirmButton
                objectName: "totpConfirmButton"
                text: qsTr("Turn on")
                busy: section.session.securityStatus === "loading"
                enabled: /^\s*\d{6}\s*$/.test(confirmField.text) && section.session.securityStatus !== "loading"
                onClicked: section.session.confirmTotpSetup(confirmField.text)
            }
            AppButton {
                text: qsTr("Cancel")
                variant: "quiet"
                onClicked: section.stage = ""
            }
        }
    }

    // Enrolment 3: the recovery codes, shown this once.
    ColumnLayout {
        objectName: "recoveryCodesBox"
        visible: section.stage === "codes"
        spacing: Theme.spacingS
        Layout.fillWidth: true
        Label {
            text: qsTr("Two-factor sign-in is on. Keep these recovery codes somewhere safe: each one signs you in once if you lose your phone. They won't be shown again.")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        GridLayout {
            columns: 2
            columnSpacing: Theme.spacingL
            rowSpacing: Theme.spacingXs
            Repeater {
                objectName: "recoveryCodesList"
                model: section.session.recoveryCodes
                delegate: Label {
                    required property string modelData
                    text: modelData
                    color: Theme.text
                    font.family: "monospace"
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                }
            }
        }
        RowLayout {
            spacing: Theme.spacingS
            AppButton {
                objectName: "recoveryCodesCopy"
                text: qsTr("Copy codes")
                iconName: "copy"
                variant: "secondary"
                onClicked: Desktop.copyText(section.session.recoveryCodes.join("\n"))
            }
            AppButton {
                objectName: "recoveryCodesDone"
                text: qsTr("I saved them")
                onClicked: {
                    section.session.forgetRecoveryCodes()
                    section.stage = ""
                }
            }
        }
    }

    // Turning it off: a code (or a recovery code).
    ColumnLayout {
        visible: section.stage === "disable"
        spacing: Theme.spacingS
        Layout.fillWidth: true
        FormField {
            id: disableField
            objectName: "totpDisableField"
            label: section.disableWithRecovery ? qsTr("Recovery code") : qsTr("Code from the app")
            maximumLength: 20
            onAccepted: disableButton.clicked()
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacingS
            AppButton {
                id: disableButton
                objectName: "totpDisableConfirm"
                text: qsTr("Turn off")
                variant: "danger"
                busy: section.session.securityStatus === "loading"
                enabled: disableField.text.trim().length > 0 && section.session.securityStatus !== "loading"
                onClicked: section.session.disableTotp(disableField.text, section.disableWithRecovery)
            }
            AppButton {
                text: section.disableWithRecovery ? qsTr("Use the authenticator code") : qsTr("Use a recovery code")
                variant: "quiet"
                onClicked: {
                    section.disableWithRecovery = !section.disableWithRecovery
                    disableField.text = ""
                }
            }
            AppButton {
                text: qsTr("Cancel")
                variant: "quiet"
                onClicked: section.stage = ""
            }
        }
    }

    SettingRow {
        title: qsTr("Confirm payments from")
        detail: qsTr("Payments, paid requests and savings withdrawals at or above this amount ask for your password or a code. While it is set, every payment in the first 10 minutes after a new sign-in asks too. Leave empty for none.")
    }
    RowLayout {
        spacing: Theme.spacingS
        Layout.fillWidth: true
        FormField {
            id: thresholdField
            objectName: "thresholdField"
            label: qsTr("Amount (%1)").arg(section.currency)
            placeholderText: qsTr("No threshold")
            maximumLength: 20
            onAccepted: thresholdSave.clicked()
            Layout.fillWidth: true
        }
        AppButton {
            id: thresholdSave
            objectName: "thresholdSave"
            text: qsTr("Save")
            variant: "secondary"
            enabled: section.session.securityStatus !== "loading" && !section.thresholdNeedsProof
            Layout.alignment: Qt.AlignBottom
            onClicked: section.session.setStepUpThreshold(thresholdField.text, section.currency, "")
        }
    }
    // Raising or removing the threshold weakens the account: the server asks for a proof.
    Binding {
        target: section
        property: "thresholdNeedsProof"
        value: true
        when: section.session.securityStatus === "error" && section.session.securityErrorReason === "step_up_required"
        restoreMode: Binding.RestoreNone
    }
    RowLayout {
        visible: section.thresholdNeedsProof
        spacing: Theme.spacingS
        Layout.fillWidth: true
        PasswordField {
            id: thresholdProof
            objectName: "thresholdProofField"
            label: section.session.totpEnabled ? qsTr("Password or code") : qsTr("Password")
            maximumLength: 128
            onAccepted: thresholdProofSave.clicked()
            Layout.fillWidth: true
        }
        AppButton {
            id: thresholdProofSave
            objectName: "thresholdProofSave"
            text: qsTr("Confirm")
            enabled: thresholdProof.text.length > 0 && section.session.securityStatus !== "loading"
            Layout.alignment: Qt.AlignBottom
            onClicked: {
                section.session.setStepUpThreshold(thresholdField.text, section.currency, thresholdProof.text)
                thresholdProof.text = ""
            }
        }
    }

    InlineError {
        objectName: "securityError"
        text: section.errorText
        Layout.fillWidth: true
    }
}
