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

    // Side by side when they fit, stacked (confirm on top) when a language makes them long.
    footer: Item {
        implicitHeight: buttons.implicitHeight + Theme.spacingXl
        GridLayout {
            id: buttons
            readonly property bool stacked: cancelButton.implicitWidth + confirmButton.implicitWidth
                                            + columnSpacing > width
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.leftMargin: Theme.spacingXl
            anchors.rightMargin: Theme.spacingXl
            columns: stacked ? 1 : 3
            columnSpacing: Theme.spacingS
            rowSpacing: Theme.spacingS

            Item {
                visible: !buttons.stacked
                Layout.fillWidth: true
                Layout.row: 0
                Layout.column: 0
            }
            AppButton {
                id: cancelButton
                variant: "secondary"
                text: qsTr("Cancel")
                onClicked: dialog.reject()
                Layout.fillWidth: buttons.stacked
                Layout.row: buttons.stacked ? 1 : 0
                Layout.column: buttons.stacked ? 0 : 1
            }
            AppButton {
                id: confirmButton
                objectName: "confirmSignOutButton"
                variant: "danger"
                text: qsTr("Sign out and delete cache")
                onClicked: {
                    dialog.accept()
                    dialog.confirmed()
                }
                Layout.fillWidth: buttons.stacked
                Layout.row: 0
                Layout.column: buttons.stacked ? 0 : 2
            }
        }
    }

    onOpened: cancelButton.forceActiveFocus()
}
