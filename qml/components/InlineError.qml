// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import Plaza

// A short, calm error banner inside a form; hidden while `text` is empty.
Rectangle {
    id: banner

    property string text: ""

    visible: text.length > 0
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusM
    color: Theme.dangerSoft
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            name: "circle-alert"
            size: 18
            color: Theme.danger
            Layout.alignment: Qt.AlignTop
        }
        Text {
            text: banner.text
            color: Theme.danger
            font.pixelSize: Theme.fontBody
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
