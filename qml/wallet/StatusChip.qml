// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// A small label for a transaction that is not simply completed.
Rectangle {
    id: chip
    property string status
    readonly property bool bad: status === "failed" || status === "reversed"

    implicitWidth: label.implicitWidth + Theme.spacingM
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: bad ? Theme.dangerSoft : Theme.accentSoft
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text
    Label {
        id: label
        anchors.centerIn: parent
        text: WalletText.statusName(chip.status)
        color: chip.bad ? Theme.danger : Theme.accent
        font.pixelSize: Theme.fontCaption - 1
        font.weight: Font.DemiBold
        textFormat: Text.PlainText
    }
}
