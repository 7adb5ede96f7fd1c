// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// A ComboBox of {value, label} choices in the app's look; `value` is the chosen one.
ComboBox {
    id: box
    property var value
    signal chosen(var value)

    textRole: "label"
    valueRole: "value"
    implicitHeight: 34
    implicitWidth: 190
    font.pixelSize: Theme.fontBody
    Component.onCompleted: currentIndex = Math.max(0, indexOfValue(value))
    onValueChanged: currentIndex = Math.max(0, indexOfValue(value))
    onActivated: box.chosen(currentValue)
    background: Rectangle {
        radius: Theme.radiusM
        color: box.hovered ? Theme.hover : Theme.surface
        border.width: box.visualFocus ? 2 : 1
        border.color: box.visualFocus ? Theme.focusRing : Theme.border
    }
}
