// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// An icon with a count under a post (reply, repost, like); `active` when it is the reader's.
AbstractButton {
    id: action
    property string iconName
    property int count: 0
    property bool active: false
    property string label
    //! false: a toggle without a count (bookmark): its name is the label alone
    property bool counted: true

    hoverEnabled: true
    implicitHeight: 28
    implicitWidth: content.implicitWidth + Theme.spacingS
    Accessible.name: counted ? qsTr("%1 (%2)").arg(label).arg(count) : label
    ToolTip.visible: hovered
    ToolTip.delay: 600
    ToolTip.text: label
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    Accessible.onPressAction: clicked()
    contentItem: RowLayout {
        id: content
        spacing: Theme.spacingXs
        Icon { name: action.iconName; size: 16; color: action.active ? Theme.accent : Theme.textMuted }
        Label {
            text: action.count > 0 ? action.count.toLocaleString(Qt.locale(), "f", 0) : ""
            color: action.active ? Theme.accent : Theme.textMuted
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
        }
    }
    background: Rectangle {
        radius: Theme.radiusS
        color: action.hovered ? Theme.hover : "transparent"
        FocusRing { shown: action.visualFocus }
    }
}
