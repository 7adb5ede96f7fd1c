// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// One entry of the sidebar: an icon and a label, checked for the current tab.
// Not checkable by clicks: `checked` stays bound to the sidebar's current index.
ItemDelegate {
    id: control

    property string iconName
    property string shortcutHint

    focusPolicy: Qt.StrongFocus
    implicitHeight: 40
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    hoverEnabled: true
    Accessible.role: Accessible.PageTab
    Accessible.name: text
    ToolTip.visible: hovered && shortcutHint.length > 0
    ToolTip.delay: 800
    ToolTip.text: shortcutHint
    // Return, Enter and a screen reader's Press action open the tab, as Space and a click do.
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    Accessible.onPressAction: clicked()

    contentItem: RowLayout {
        spacing: Theme.spacingM
        Icon {
            name: control.iconName
            color: control.checked ? Theme.accent : Theme.textMuted
        }
        Text {
            text: control.text
            color: control.checked ? Theme.text : Theme.textMuted
            font.pixelSize: Theme.fontBody
            font.weight: control.checked ? Font.DemiBold : Font.Medium
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }

    background: Rectangle {
        radius: Theme.radiusM
        color: control.checked ? Theme.selected : (control.hovered ? Theme.hover : "transparent")
        FocusRing { shown: control.visualFocus }
    }
}
