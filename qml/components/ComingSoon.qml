// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// An honest placeholder for a part of the app that is not built yet.
Item {
    id: placeholder

    property string iconName
    property string title
    property string text
    //! The "Arrives soon" tag; off for an empty state of a part that exists.
    property bool showSoon: true

    Accessible.role: Accessible.Pane
    Accessible.name: title

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(460, parent.width - 2 * Theme.spacingXxl)
        spacing: Theme.spacingM

        Rectangle {
            width: 72
            height: 72
            radius: 36
            color: Theme.accentSoft
            Layout.alignment: Qt.AlignHCenter
            Layout.bottomMargin: Theme.spacingS
            Icon {
                anchors.centerIn: parent
                name: placeholder.iconName
                size: 32
                color: Theme.accent
            }
        }
        Label {
            text: placeholder.title
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        Label {
            text: placeholder.text
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            lineHeight: 1.3
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        Rectangle {
            visible: placeholder.showSoon
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.spacingS
            implicitWidth: soonRow.implicitWidth + 2 * Theme.spacingM
            implicitHeight: soonRow.implicitHeight + Theme.spacingS
            radius: height / 2
            color: "transparent"
            border.width: 1
            border.color: Theme.border
            Row {
                id: soonRow
                anchors.centerIn: parent
                spacing: Theme.spacingXs
                Icon { name: "sparkles"; size: 14; color: Theme.textMuted; anchors.verticalCenter: parent.verticalCenter }
                Label {
                    text: qsTr("Arrives soon")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
            }
        }
    }
}
