// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The app's navigation: the brand and the four parts of Plaza.
Rectangle {
    id: sidebar

    //! The titles of the tabs, in order, with their icons.
    property var tabs: []
    property int currentIndex: 0

    implicitWidth: Theme.sidebarWidth
    color: Theme.sidebar

    Rectangle {
        anchors.right: parent.right
        width: 1
        height: parent.height
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingXs

        RowLayout {
            spacing: Theme.spacingM
            Layout.leftMargin: Theme.spacingS
            Layout.topMargin: Theme.spacingXs
            Layout.bottomMargin: Theme.spacingXl
            BrandMark { size: 30 }
            Label {
                text: "Plaza"
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.Bold
                textFormat: Text.PlainText
            }
        }

        Repeater {
            model: sidebar.tabs
            NavButton {
                id: navButton
                required property var modelData
                required property int index
                objectName: "nav-" + modelData.key
                text: modelData.title
                iconName: modelData.icon
                shortcutHint: qsTr("Ctrl+%1").arg(navButton.index + 1)
                checked: sidebar.currentIndex === navButton.index
                onClicked: sidebar.currentIndex = navButton.index
                Layout.fillWidth: true
            }
        }

        Item { Layout.fillHeight: true }
    }
}
