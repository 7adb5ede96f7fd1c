// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The cache exists but will not open with the key we have. Plaza never deletes it on
// its own; the user decides, and the server still holds everything.
OnboardingFrame {
    id: screen

    required property QtObject session

    title: screen.session.cacheDamaged ? qsTr("This cache is damaged") : qsTr("This cache cannot be unlocked")
    subtitle: qsTr("Sign in again to rebuild it.")
    iconName: "shield-alert"
    iconColor: Theme.danger
    iconBackground: Theme.dangerSoft

    Label {
        objectName: "cacheLockedExplanation"
        text: screen.session.cacheDamaged
              ? qsTr("The copy of your account kept on this device is empty or cut short, perhaps by a full disk or a crash. Your posts, messages and money are safe on the server: signing in again downloads them into a new cache. The damaged file is not deleted: it is moved aside, next to the new one.")
              : qsTr("The copy of your account kept on this device can't be opened with the key Plaza has. Your posts, messages and money are safe on the server: signing in again downloads them into a new cache and deletes the unreadable one.")
        color: Theme.text
        font.pixelSize: Theme.fontBody
        lineHeight: 1.25
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    AppButton {
        objectName: "resetCacheButton"
        text: screen.session.cacheDamaged ? qsTr("Keep it aside and sign in again") : qsTr("Delete the cache and sign in again")
        busy: screen.session.busy
        enabled: !screen.session.busy
        onClicked: screen.session.resetCache()
        Layout.fillWidth: true
        Component.onCompleted: forceActiveFocus()
    }
}
