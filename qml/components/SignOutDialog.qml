// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// Asks before signing out, and says plainly that this device's copy is deleted.
Dialog {
    id: dialog

    signal confirmed()

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(440, parent ? parent.width - 2 * Theme.spacingXl : 440)
    modal: true
    focus: true
    padding: Theme.spacingXl
    title: qsTr("Sign out of Plaza?")

    Overlay.modal: Rectangle { color: Theme.scrim }

    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    header: Label {
        text: dialog.title
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.weight: Font.DemiBold
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        padding: Theme.spacingXl
        bottomPadding: 0
    }

    contentItem: Label {
        text: qsTr("This deletes the local cache on this device: posts, messages and wallet history download again the next time you sign in. Nothing changes on the server.")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
        lineHeight: 1.25
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
    }

    footer: RowLayout {
        spacing: Theme.spacingS
        Item { Layout.fillWidth: true }
        AppButton {
            id: cancelButton
            variant: "secondary"
            text: qsTr("Cancel")
            onClicked: dialog.reject()
            Layout.bottomMargin: Theme.spacingXl
        }
        AppButton {
            objectName: "confirmSignOutButton"
            variant: "danger"
            text: qsTr("Sign out and delete cache")
            onClicked: {
                dialog.accept()
                dialog.confirmed()
            }
            Layout.bottomMargin: Theme.spacingXl
            Layout.rightMargin: Theme.spacingXl
        }
    }

    onOpened: cancelButton.forceActiveFocus()
}
