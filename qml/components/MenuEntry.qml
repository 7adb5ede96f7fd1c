// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// An item of the app's menus (a message's, a conversation's, a post's): an icon, its text, and under
// it why it is greyed out (offline) when it is; hidden when not offered.
MenuItem {
    id: entry
    property string iconName: ""
    property color tint: Theme.text
    //! Offered for what the menu is about (hidden otherwise).
    property bool shown: true
    //! Why it is greyed out (offline), under its text; empty: it is not.
    property string reason: ""
    visible: shown
    enabled: shown && reason.length === 0
    height: shown ? implicitHeight : 0
    Accessible.description: reason
    // Enter, like a click (Space already is).
    Keys.onReturnPressed: triggered()
    Keys.onEnterPressed: triggered()
    contentItem: RowLayout {
        spacing: Theme.spacingM
        Icon { name: entry.iconName; size: 16; color: entry.enabled ? entry.tint : Theme.textFaint; Layout.alignment: Qt.AlignTop; Layout.topMargin: 2 }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: entry.text
                color: entry.enabled ? entry.tint : Theme.textFaint
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: entry.reason.length > 0
                text: entry.reason
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
    background: Rectangle {
        radius: Theme.radiusS
        color: entry.highlighted ? Theme.hover : "transparent"
    }
}
