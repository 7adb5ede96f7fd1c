// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The signed-in app: sidebar navigation, a header, and the four tabs.
Rectangle {
    id: shell

    required property QtObject session
    property alias currentIndex: sidebar.currentIndex

    readonly property var tabs: [
        { key: "feed", title: qsTr("Feed"), icon: "newspaper" },
        { key: "chat", title: qsTr("Chat"), icon: "message-circle" },
        { key: "wallet", title: qsTr("Wallet"), icon: "wallet" },
        { key: "savings", title: qsTr("Savings"), icon: "piggy-bank" }
    ]

    color: Theme.background

    Repeater {
        model: shell.tabs.length
        Item {
            required property int index
            Shortcut {
                sequence: "Ctrl+" + (index + 1)
                onActivated: sidebar.currentIndex = index
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            tabs: shell.tabs
            Layout.fillHeight: true
        }

        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            AppHeader {
                session: shell.session
                title: shell.tabs[sidebar.currentIndex].title
                onSignOutRequested: signOutDialog.open()
                Layout.fillWidth: true
            }

            StackLayout {
                currentIndex: sidebar.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true
                FeedPage { }
                ChatPage { }
                WalletPage { }
                SavingsPage { }
            }
        }
    }

    SignOutDialog {
        id: signOutDialog
        onConfirmed: shell.session.signOut()
    }
}
