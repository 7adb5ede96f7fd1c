// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The signed-in person, with a menu: who and where, and Sign out.
AbstractButton {
    id: control

    property string displayName
    property string handle
    property string serverUrl

    signal signOutRequested()
    signal settingsRequested()
    signal feedbackRequested()

    readonly property string initials: {
        const words = displayName.trim().split(/\s+/).filter(w => w.length > 0)
        if (words.length === 0)
            return handle.substring(0, 1).toUpperCase()
        const first = words[0].substring(0, 1)
        const last = words.length > 1 ? words[words.length - 1].substring(0, 1) : ""
        return (first + last).toUpperCase()
    }

    hoverEnabled: true
    focusPolicy: Qt.StrongFocus
    implicitHeight: 40
    leftPadding: Theme.spacingXs
    rightPadding: Theme.spacingS
    Accessible.role: Accessible.ButtonMenu
    Accessible.name: qsTr("Account: %1").arg(displayName)
    onClicked: menu.open()

    contentItem: RowLayout {
        spacing: Theme.spacingS
        Avatar { initials: control.initials; size: 32 }
        Label {
            text: control.displayName
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.weight: Font.Medium
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Layout.maximumWidth: 180
        }
        Icon { name: "chevron-down"; size: 16; color: Theme.textMuted }
    }

    background: Rectangle {
        radius: Theme.radiusM
        color: control.hovered || menu.visible ? Theme.hover : "transparent"
        FocusRing { shown: control.visualFocus }
    }

    Menu {
        id: menu
        y: control.height + Theme.spacingXs
        x: control.width - width
        width: 280
        padding: Theme.spacingS
        background: Rectangle {
            radius: Theme.radiusL
            color: Theme.surfaceRaised
            border.width: 1
            border.color: Theme.border
        }

        // Who is signed in, and to which server: read-only, so not a menu item.
        ColumnLayout {
            width: menu.availableWidth
            spacing: Theme.spacingXs
            RowLayout {
                spacing: Theme.spacingM
                Layout.margins: Theme.spacingS
                Avatar { initials: control.initials; size: 40 }
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: control.displayName
                        color: Theme.text
                        font.pixelSize: Theme.fontSubtitle
                        font.weight: Font.DemiBold
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: "@" + control.handle
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
            RowLayout {
                spacing: Theme.spacingS
                Layout.leftMargin: Theme.spacingS
                Layout.rightMargin: Theme.spacingS
                Layout.bottomMargin: Theme.spacingS
                Icon { name: "server"; size: 14; color: Theme.textMuted }
                Label {
                    text: control.serverUrl
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                }
            }
            Rectangle { height: 1; color: Theme.border; Layout.fillWidth: true }
        }

        MenuItem {
            id: settingsItem
            objectName: "settingsItem"
            text: qsTr("Settings…")
            onTriggered: control.settingsRequested()
            contentItem: RowLayout {
                spacing: Theme.spacingM
                Icon { name: "settings"; size: 18; color: Theme.text }
                Label {
                    text: settingsItem.text
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
            }
            background: Rectangle {
                radius: Theme.radiusS
                color: settingsItem.highlighted ? Theme.hover : "transparent"
            }
        }
        MenuItem {
            id: feedbackItem
            objectName: "feedbackItem"
            text: qsTr("Send feedback…")
            onTriggered: control.feedbackRequested()
            contentItem: RowLayout {
                spacing: Theme.spacingM
                Icon { name: "message-square-warning"; size: 18; color: Theme.text }
                Label {
                    text: feedbackItem.text
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
            }
            background: Rectangle {
                radius: Theme.radiusS
                color: feedbackItem.highlighted ? Theme.hover : "transparent"
            }
        }
        MenuItem {
            id: signOutItem
            objectName: "signOutItem"
            text: qsTr("Sign out…")
            Accessible.name: qsTr("Sign out")
            onTriggered: control.signOutRequested()
            contentItem: RowLayout {
                spacing: Theme.spacingM
                Icon { name: "log-out"; size: 18; color: Theme.danger }
                Label {
                    text: signOutItem.text
                    color: Theme.danger
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
            }
            background: Rectangle {
                radius: Theme.radiusS
                color: signOutItem.highlighted ? Theme.hover : "transparent"
            }
        }
    }
}
