// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// The Plaza logo mark: four tiles, one per part of the app. Drawn in QML so it
// follows the theme; the same shape as resources/plaza.svg.
Item {
    id: mark

    property int size: 40

    implicitWidth: size
    implicitHeight: size
    Accessible.ignored: true

    Rectangle {
        anchors.fill: parent
        radius: mark.size * 0.23
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0.0; color: "#5B5BF0" }
            GradientStop { position: 1.0; color: "#1FA2C8" }
        }
    }
    Repeater {
        model: [
            { x: 0, y: 0, round: false, alpha: 1.0 },
            { x: 1, y: 0, round: true, alpha: 0.72 },
            { x: 0, y: 1, round: false, alpha: 0.72 },
            { x: 1, y: 1, round: false, alpha: 0.45 }
        ]
        Rectangle {
            required property var modelData
            readonly property real tile: mark.size * 0.234
            x: mark.size * 0.234 + modelData.x * mark.size * 0.297
            y: mark.size * 0.234 + modelData.y * mark.size * 0.297
            width: tile
            height: tile
            radius: modelData.round ? tile / 2 : tile * 0.3
            color: "white"
            opacity: modelData.alpha
        }
    }
}
