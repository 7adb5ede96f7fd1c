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

    // Only the tab on screen is built at start (issue 15: building all four, with their models
    // on the cache, cost ~150 ms before the first populated frame); another is built the first
    // time it is shown, then kept. Null until then.
    readonly property Item feedPage: feedLoader.item
    readonly property Item chatPage: chatLoader.item
    readonly property Item walletPage: walletLoader.item
    readonly property Item savingsPage: savingsLoader.item
    function buildTab(index) {
        [feedLoader, chatLoader, walletLoader, savingsLoader][index].active = true
    }
    // A page asked for (--page, a link, the switcher) wins over the last run's conversation,
    // also when the Chat tab is not built yet.
    property bool chatRestoreDone: false
    function skipChatRestore() {
        chatRestoreDone = true
        if (chatPage)
            chatPage.lastOpenedRestored = true
    }

    // Ctrl+1 … Ctrl+4 jump to a tab, as the sidebar's tooltips say.
    Shortcut { sequence: "Ctrl+1"; onActivated: sidebar.currentIndex = 0 }
    Shortcut { sequence: "Ctrl+2"; onActivated: sidebar.currentIndex = 1 }
    Shortcut { sequence: "Ctrl+3"; onActivated: sidebar.currentIndex = 2 }
    Shortcut { sequence: "Ctrl+4"; onActivated: sidebar.currentIndex = 3 }
    Shortcut { sequence: "Ctrl+,"; onActivated: shell.settings().open() }
    Shortcut { sequence: "Ctrl+L"; enabled: App.appLock.configured; onActivated: App.appLock.lock() }
    // Ctrl+K: jump to a conversation or a person; Ctrl+N: a new conversation; Ctrl+F: search
    // the chats (the Chat tab's search goes through every cached message). While locked, none.
    Shortcut {
        objectName: "quickSwitcherShortcut"
        sequence: "Ctrl+K"
        enabled: !App.appLock.locked
        onActivated: shell.quickSwitcher().start()
    }
    Shortcut {
        sequence: StandardKey.New
        enabled: !App.appLock.locked
        onActivated: { sidebar.currentIndex = 1; shell.chatPage.startNewConversation() }
    }
    Shortcut {
        sequence: StandardKey.Find
        enabled: !App.appLock.locked
        onActivated: { sidebar.currentIndex = 1; shell.chatPage.focusSearch() }
    }

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
                onSignOutRequested: shell.signOutDialog().open()
                onSettingsRequested: shell.settings().open()
                onFeedbackRequested: shell.feedback().start()
                Layout.fillWidth: true
            }

            StackLayout {
                currentIndex: sidebar.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true
                Loader {
                    id: feedLoader
                    active: false
                    sourceComponent: FeedPage { }
                }
                Loader {
                    id: chatLoader
                    active: false
                    sourceComponent: ChatPage { }
                    onLoaded: if (shell.chatRestoreDone) item.lastOpenedRestored = true
                }
                Loader {
                    id: walletLoader
                    active: false
                    sourceComponent: WalletPage { }
                }
                Loader {
                    id: savingsLoader
                    active: false
                    sourceComponent: SavingsPage { }
                }
            }
        }
    }

    // The keyboard (and a screen reader) starts on the shown tab's main control, unless a sheet
    // is open above it (--page wallet/send): that sheet keeps its focus.
    function openSheet() {
        const children = Overlay.overlay ? Overlay.overlay.children : []
        for (let i = 0; i < children.length; ++i) {
            // A sheet's item takes the focus (Popup.focus); tooltips in the overlay do not.
            if (children[i].visible && children[i].focus && children[i].toString().indexOf("PopupItem") >= 0)
                return children[i]
        }
        return null
    }
    function focusCurrentTab() {
        if (App.appLock.locked || openSheet())
            return
        const page = [feedPage, chatPage, walletPage, savingsPage][sidebar.currentIndex]
        if (!page)
            return
        // Already in the tab (Ctrl+F put it in the chats' search): leave it there.
        for (let item = shell.Window.activeFocusItem; item; item = item.parent) {
            if (item === page)
                return
        }
        page.focusMain()
    }
    // After an unlock the PIN field is gone: back to the sheet that was open, else the tab.
    Connections {
        target: App.appLock
        function onLockedChanged() {
            if (App.appLock.locked)
                return
            Qt.callLater(() => {
                const sheet = shell.openSheet()
                if (sheet)
                    sheet.forceActiveFocus()
                else
                    shell.focusCurrentTab()
            })
        }
    }

    // --page: the tab (and the sheet) to open first.
    function openStartPage(path) {
        skipChatRestore() // a page asked for wins over the last run's conversation
        const parts = path.split("/")
        const index = tabs.findIndex(tab => tab.key === parts[0])
        if (index >= 0)
            sidebar.currentIndex = index
        if (parts[0] === "settings") {
            settings().openPath(parts.slice(1).join("/"))
            App.pageSettled = true
            return
        }
        if (parts[0] === "feedback") {
            shell.feedback().start() // settles once the dialog is on screen
            return
        }
        if (parts[0] === "switcher") {
            shell.quickSwitcher().start()
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
        else if (Links.pendingLink.length === 0) // else the pay-link sheet settles the page
            App.pageSettled = true
    }
    // A plaza://pay link from the desktop or a second launch: show it on the Wallet tab.
    function takeLink() {
        if (Links.pendingLink.length === 0)
            return
        skipChatRestore()
        sidebar.currentIndex = 2
        walletPage.openLink(Links.pendingLink)
        Links.clearPendingLink()
    }
    Connections {
        target: Links
        function onPendingLinkChanged() { shell.takeLink() }
    }
    Component.onCompleted: {
        // The tab of the last run, unless --page or a link says otherwise.
        if (App.startPage.length > 0 || Links.pendingLink.length > 0)
            skipChatRestore()
        const last = tabs.findIndex(tab => tab.key === Preferences.lastTab)
        // The tab --page asks for, else the last run's: the one built first.
        const asked = tabs.findIndex(tab => tab.key === App.startPage.split("/")[0])
        if (asked >= 0)
            sidebar.currentIndex = asked
        else if (Links.pendingLink.length > 0)
            sidebar.currentIndex = 2
        else if (last >= 0)
            sidebar.currentIndex = last
        buildTab(sidebar.currentIndex)
        if (App.startPage.length > 0)
            openStartPage(App.startPage)
        takeLink()
        if (sidebar.currentIndex === 1)
            chatPage.restoreLastOpened()
        Qt.callLater(shell.focusCurrentTab)
    }
    Connections {
        target: sidebar
        function onCurrentIndexChanged() {
            shell.buildTab(sidebar.currentIndex)
            Preferences.lastTab = shell.tabs[sidebar.currentIndex].key
            if (sidebar.currentIndex === 1)
                shell.chatPage.restoreLastOpened()
            Qt.callLater(shell.focusCurrentTab)
        }
    }

    SignInToast {
        session: shell.session
        anchors.bottom: parent.bottom
        anchors.right: parent.right
        anchors.margins: Theme.spacingL
        z: 5
        onSessionsRequested: shell.settings().open()
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

    // Settings (a sheet and three more inside it) are built the first time they open: at start
    // they only cost time before the first frame (issue 15).
    Loader {
        id: settingsLoader
        anchors.fill: parent
        active: false
        sourceComponent: SettingsSheet {
            onSignOutRequested: shell.signOutDialog().open()
            onFeedbackRequested: shell.feedback().start()
        }
    }
    function settings() {
        settingsLoader.active = true
        return settingsLoader.item
    }
    // So are the feedback flow, the quick switcher and the sign-out dialog.
    function built(loader) {
        loader.active = true
        return loader.item
    }
    function feedback() { return built(feedbackLoader) }
    function quickSwitcher() { return built(quickSwitcherLoader) }
    function signOutDialog() { return built(signOutLoader) }
    Loader {
        id: feedbackLoader
        active: false
        sourceComponent: FeedbackFlow { }
    }
    Loader {
        id: quickSwitcherLoader
        active: false
        sourceComponent: QuickSwitcher {
            onConversationChosen: id => { shell.skipChatRestore(); sidebar.currentIndex = 1; shell.chatPage.open(id) }
            onPersonChosen: userId => { shell.skipChatRestore(); sidebar.currentIndex = 1; App.chat.openConversationWith(userId) }
        }
    }
    Loader {
        id: signOutLoader
        active: false
        sourceComponent: SignOutDialog {
            onConfirmed: shell.session.signOut()
        }
    }
}
