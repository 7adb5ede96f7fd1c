// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza
import Plaza.Desktop

// Online or offline, and how long ago the last sync finished.
Rectangle {
    id: status

    property bool online: false
    property date lastSynced
    //! Narrow header: the state only; the time is in the tooltip and the accessible name.
    property bool compact: false

    readonly property string stateText: online ? qsTr("Online") : qsTr("Offline")
    readonly property string syncText: Time.synced(lastSynced, Time.now)

    implicitWidth: row.implicitWidth + 2 * Theme.spacingM
    implicitHeight: 30
    radius: height / 2
    color: "transparent"
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.StaticText
    Accessible.name: stateText + ", " + syncText

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && !isNaN(status.lastSynced.getTime())
    ToolTip.text: qsTr("Last synced %1").arg(status.lastSynced.toLocaleString(Qt.locale(), Locale.LongFormat))

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spacingS
        Rectangle {
            visible: status.online
            width: 8
            height: 8
            radius: 4
            color: Theme.success
            anchors.verticalCenter: parent.verticalCenter
        }
        Icon {
            visible: !status.online
            name: "wifi-off"
            size: 14
            color: Theme.textMuted
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            objectName: "onlineLabel"
            text: status.stateText
            color: Theme.text
            font.pixelSize: Theme.fontCaption
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            visible: !status.compact
            text: "·"
            color: Theme.textFaint
            font.pixelSize: Theme.fontCaption
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            objectName: "syncTimeLabel"
            visible: !status.compact
            text: status.syncText
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
        }
    }
}
