// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

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

    // Ctrl+1 … Ctrl+4 jump to a tab, as the sidebar's tooltips say.
    Shortcut { sequence: "Ctrl+1"; onActivated: sidebar.currentIndex = 0 }
    Shortcut { sequence: "Ctrl+2"; onActivated: sidebar.currentIndex = 1 }
    Shortcut { sequence: "Ctrl+3"; onActivated: sidebar.currentIndex = 2 }
    Shortcut { sequence: "Ctrl+4"; onActivated: sidebar.currentIndex = 3 }
    Shortcut { sequence: "Ctrl+,"; onActivated: settingsSheet.open() }
    Shortcut { sequence: "Ctrl+L"; enabled: App.appLock.configured; onActivated: App.appLock.lock() }

    RowLayout {
        // While locked, nothing of the account is on screen, reachable by Tab or in the
        // accessibility tree: the lock screen is not just drawn over it.
        visible: !App.appLock.locked
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
                onSettingsRequested: settingsSheet.open()
                onFeedbackRequested: feedback.start()
                Layout.fillWidth: true
            }

            StackLayout {
                currentIndex: sidebar.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true
                FeedPage { id: feedPage }
                ChatPage { id: chatPage }
                WalletPage { id: walletPage }
                SavingsPage { id: savingsPage }
            }
        }
    }

    // --page: the tab (and the sheet) to open first.
    function openStartPage(path) {
        const parts = path.split("/")
        const index = tabs.findIndex(tab => tab.key === parts[0])
        if (index >= 0)
            sidebar.currentIndex = index
        if (parts[0] === "settings") {
            settingsSheet.open()
            App.pageSettled = true
            return
        }
        if (parts[0] === "wallet" && parts.length > 1)
            walletPage.openPath(parts.slice(1).join("/"))
        else if (parts[0] === "feed")
            feedPage.openPath(parts.slice(1).join("/"))
        else if (parts[0] === "chat" && parts.length > 1)
            chatPage.openPath(parts.slice(1).join("/"))
        else if (parts[0] === "savings")
            savingsPage.openPath(parts.slice(1).join("/"))
        else if (App.pendingLink.length === 0) // else the pay-link sheet settles the page
            App.pageSettled = true
    }
    // A plaza://pay link from the desktop or a second launch: show it on the Wallet tab.
    function takeLink() {
        if (App.pendingLink.length === 0)
            return
        sidebar.currentIndex = 2
        walletPage.openLink(App.pendingLink)
        App.clearPendingLink()
    }
    Connections {
        target: App
        function onPendingLinkChanged() { shell.takeLink() }
    }
    Component.onCompleted: {
        if (App.startPage.length > 0)
            openStartPage(App.startPage)
        takeLink()
    }

    LockScreen {
        anchors.fill: parent
        z: 10
    }
    // Open sheets live in the window's overlay, above the lock screen: hide it while locked.
    Binding {
        target: Overlay.overlay
        property: "visible"
        value: false
        when: App.appLock.locked
        restoreMode: Binding.RestoreValue
    }

    SettingsSheet {
        id: settingsSheet
        onSignOutRequested: signOutDialog.open()
        onFeedbackRequested: feedback.start()
    }
    FeedbackFlow { id: feedback }

    SignOutDialog {
        id: signOutDialog
        onConfirmed: shell.session.signOut()
    }
}
