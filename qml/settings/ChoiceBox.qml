// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// A dropdown of {value, label} choices; `value` is the chosen one.
AppComboBox {
    id: box
    property var value
    signal chosen(var value)

    textRole: "label"
    valueRole: "value"
    implicitHeight: 34
    implicitWidth: 190
    Component.onCompleted: currentIndex = Math.max(0, indexOfValue(value))
    onValueChanged: currentIndex = Math.max(0, indexOfValue(value))
    onActivated: box.chosen(currentValue)
}
