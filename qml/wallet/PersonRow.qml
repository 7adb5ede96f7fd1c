// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// One person in a picker: initials, name, @handle, a "business" tag for merchants.
ItemDelegate {
    Accessible.onPressAction: clicked() // a screen reader's Press (Qt 6.4 only signals it)
    id: row

    property string displayName
    property string handle
    property string initials
    property bool merchant: false
    property bool verified: false
    //! In a picker of several people (a new group): shows a check and says "selected".
    property bool selectable: false
    property bool selected: false

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: 52
    leftPadding: Theme.spacingS
    rightPadding: Theme.spacingS
    Accessible.name: qsTr("%1, @%2").arg(displayName).arg(handle) + (selectable && selected ? ", " + qsTr("selected") : "")
    Accessible.checkable: selectable
    Accessible.checked: selected
    background: Rectangle {
        radius: Theme.radiusM
        color: row.down ? Theme.selected : (row.hovered || row.highlighted ? Theme.hover : "transparent")
        FocusRing { shown: row.visualFocus }
    }
    contentItem: RowLayout {
        spacing: Theme.spacingM
        Avatar { initials: row.initials; size: 34 }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: row.displayName
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label {
                text: "@" + row.handle
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }
        Rectangle {
            visible: row.merchant
            radius: height / 2
            color: Theme.accentSoft
            implicitWidth: merchantLabel.implicitWidth + Theme.spacingM
            implicitHeight: merchantLabel.implicitHeight + Theme.spacingXs
            Label {
                id: merchantLabel
                anchors.centerIn: parent
                text: qsTr("Business")
                color: Theme.accent
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
            }
        }
        Icon {
            visible: row.selectable
            name: row.selected ? "circle-check" : "circle"
            size: 20
            color: row.selected ? Theme.accent : Theme.textFaint
        }
    }
}
