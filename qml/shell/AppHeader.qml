// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The bar above every tab: its title, the connection state and the account menu.
Rectangle {
    id: header

    required property QtObject session
    property string title

    signal signOutRequested()
    signal settingsRequested()
    signal feedbackRequested()

    implicitHeight: 64
    color: Theme.background

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingXl
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingL

        Label {
            objectName: "pageTitle"
            text: header.title
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
            Layout.fillWidth: true
            // The page's name stays whole; what gives way is the sync time, then the account's name.
            Layout.minimumWidth: implicitWidth
        }

        SyncStatus {
            objectName: "syncStatus"
            // A window near its narrowest (780 px): "Offline · Synchronisé à l'instant" left
            // the page's title no room.
            compact: header.width < Theme.stackRowBelow
            online: header.session.online
            lastSynced: header.session.lastSyncedAt
        }

        AccountButton {
            objectName: "accountButton"
            displayName: header.session.displayName
            handle: header.session.handle
            serverUrl: header.session.serverUrl
            onSignOutRequested: header.signOutRequested()
            onSettingsRequested: header.settingsRequested()
            onFeedbackRequested: header.feedbackRequested()
        }
    }
}
