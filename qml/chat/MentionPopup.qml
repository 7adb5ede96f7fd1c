// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The members a mention may name, above the composer while "@…" is typed in a group: the
// composer keeps the keyboard (arrows move, Enter or Tab picks, Escape closes); a click picks.
Popup {
    id: popup
    objectName: "mentionPopup"
    //! [{handle, name}] that match what follows the "@".
    property var people: []
    property int currentIndex: 0
    //! A member was chosen: the composer puts "@handle " in place of the "@…".
    signal picked(string handle)

    function move(step) {
        if (people.length === 0)
            return
        currentIndex = (currentIndex + step + people.length) % people.length
        list.positionViewAtIndex(currentIndex, ListView.Contain)
    }
    function pickCurrent() {
        if (currentIndex >= 0 && currentIndex < people.length)
            picked(people[currentIndex].handle)
    }
    onPeopleChanged: currentIndex = 0

    focus: false
    closePolicy: Popup.CloseOnPressOutsideParent
    padding: Theme.spacingXs
    width: 280
    height: Math.min(5, Math.max(1, people.length)) * 44 + 2 * padding
    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }
    contentItem: ListView {
        id: list
        objectName: "mentionList"
        model: popup.people
        clip: true
        currentIndex: popup.currentIndex
        Accessible.role: Accessible.List
        Accessible.name: qsTr("People to mention")
        delegate: ItemDelegate {
            id: row
            objectName: "mentionRow"
            required property var modelData
            required property int index
            width: ListView.view.width
            height: 44
            focusPolicy: Qt.NoFocus
            highlighted: index === popup.currentIndex
            Accessible.name: modelData.name + ", @" + modelData.handle
            Accessible.onPressAction: clicked()
            background: Rectangle {
                radius: Theme.radiusS
                color: row.highlighted ? Theme.selected : (row.hovered ? Theme.hover : "transparent")
            }
            contentItem: RowLayout {
                spacing: Theme.spacingS
                Icon { name: "at-sign"; size: 14; color: Theme.textMuted }
                Label {
                    text: row.modelData.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: "@" + row.modelData.handle
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
            }
            onClicked: popup.picked(modelData.handle)
        }
    }
}
