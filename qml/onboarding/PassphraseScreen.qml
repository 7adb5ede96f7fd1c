// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// No system keychain answered: the cache key comes from a passphrase instead.
OnboardingFrame {
    id: screen

    required property QtObject session
    property bool attempted: false
    readonly property bool choosing: session.passphraseIsNew

    title: choosing ? qsTr("Choose a passphrase") : qsTr("Unlock Plaza")
    subtitle: choosing
              ? qsTr("No system keychain answered, so Plaza can't keep the key of its local cache there. Choose a passphrase to protect what Plaza stores on this device. You'll enter it each time Plaza starts.")
              : qsTr("No system keychain answered. Enter the passphrase you chose to unlock what Plaza stores on this device.")
    iconName: "key-round"

    PassphraseForm {
        id: form
        choosing: screen.choosing
        busy: screen.session.busy
        errorText: screen.attempted && !screen.session.busy
                   ? Errors.describe(screen.session.errorCode, "", screen.session.serverUrl) : ""
        Layout.fillWidth: true
        onSubmitted: {
            screen.attempted = true
            screen.session.submitPassphrase(passphrase)
        }
        Component.onCompleted: focusFirst()
    }

    AppButton {
        visible: !screen.choosing
        variant: "quiet"
        text: qsTr("Forgot it? Sign out and start again")
        onClicked: signOutDialog.open()
        Layout.alignment: Qt.AlignHCenter
    }

    SignOutDialog {
        id: signOutDialog
        onConfirmed: screen.session.signOut()
    }
}
