// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// A round badge with a person's initials (pictures come with profiles).
Rectangle {
    property string initials
    property int size: 32

    implicitWidth: size
    implicitHeight: size
    radius: size / 2
    color: Theme.accentSoft
    Accessible.ignored: true

    Text {
        anchors.centerIn: parent
        text: parent.initials
        color: Theme.accent
        font.pixelSize: Math.round(parent.size * 0.4)
        font.weight: Font.DemiBold
        textFormat: Text.PlainText
    }
}
