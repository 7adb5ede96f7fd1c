// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The Chat tab: conversations on the left (search, unread badges, newest activity first),
// the open conversation on the right (history paged upward, day separators, states, a
// "jump to the newest" button counting what arrived meanwhile), a composer (Enter sends,
// Shift+Enter a new line, a draft per conversation), money in the conversation (send,
// request, pay a request card), new direct chats and groups, and a search through every
// cached message (accents ignored) that jumps to the message found.
Item {
    id: page
    objectName: "chatPage"

    property string currentId: ""
    //! The list shows the message requests (docs/api.md "Message requests") instead of the
    //! conversations: the "Requests" entry at its top opens them, its back button closes them.
    property bool showingRequests: false
    //! The message a search result pointed at: shown highlighted for a moment.
    property string highlightedId: ""
    //! Messages that arrived while the view was scrolled up (the jump button's counter).
    property int newBelow: 0
    //! The view follows the newest message (it was at the end, or the person jumped or sent
    //! there): new rows and growing bubbles keep it at the end. Off while reading older ones,
    //! so nothing moves under the reader.
    property bool followEnd: true
    //! A conversation was opened and its rows are not placed yet: land on the first unread
    //! message, or the newest, once they are.
    property bool landingPending: false
    //! Landed on the first unread message and not scrolled since: it stays at the top while
    //! the rest of the conversation arrives below it (a first sync).
    property bool holdUnread: false
    //! The row of the first unread message while holdUnread (-1: not loaded).
    property int unreadRow: -1
    //! The user can see the open conversation: Plaza's window is the focused one (as for the
    //! notifier, which stays quiet only then) and Chat is the tab shown. Messages are marked
    //! read only then (not while the Wallet shows, nor behind another window, say).
    readonly property bool windowActive: Window.active && visible

    //! --page chat/<id>[/send|/request|/photos|/menu|/react|/reply|/forward], chat/new, chat/new-group, chat/search/<words>,
    //! chat/requests: opens it, and says so once it is on screen.
    function openPath(path) {
        const parts = path.split("/")
        if (parts[0] === "requests") {
            showingRequests = true
            settleLater.start()
            return
        }
        if (parts[0] === "new" || parts[0] === "new-group") {
            newConversation.start(parts[0] === "new-group")
            settleLater.start()
            return
        }
        if (parts[0] === "search") {
            searchField.text = parts.slice(1).join("/")
            settleTimer.mode = "search"
            settleTimer.start()
            return
        }
        open(parts[0])
        settleTimer.mode = parts.length > 1 ? parts[1] : "open"
        settleTimer.start()
    }
    Timer {
        id: settleTimer
        property string mode: "open"
        interval: 300
        repeat: true
        onTriggered: {
            if (mode === "search") {
                if (search.count > 0 || search.error.length > 0) { stop(); App.pageSettled = true }
                return
            }
            if (messages.loading || messageList.count === 0 || page.landingPending)
                return
            stop()
            if (mode === "send")
                page.sendMoney()
            else if (mode === "request")
                page.requestMoney()
            else if (mode === "photos")
                page.openNewestPhotos()
            else if (mode === "menu" || mode === "react" || mode === "reply" || mode === "forward")
                actionsLayer.showcase(mode, messageList.itemAtIndex(messageList.count - 1))
            else if (mode === "report-request")
                page.showcaseReportRequest()
            else if (mode === "members")
                groupLayer.openMembers()
            else if (mode === "rename")
                groupLayer.openRename()
            else if (mode === "mention")
                composer.showcaseMention(qsTr("See you at the station @"))
            settleLater.start()
        }
    }
    Timer { id: settleLater; interval: 500; onTriggered: App.pageSettled = true }

    //! --page chat/<id>/report-request: the report sheet for the newest request someone else
    //! asked for here (among the messages shown).
    function showcaseReportRequest() {
        for (let i = messageList.count - 1; i >= 0; --i) {
            const item = messageList.itemAtIndex(i)
            if (item && !item.own && item.model.kind === "request" && item.model.requestId.length > 0) {
                safetyLayer.report("payment_request", item.model.requestId, item.model.senderName, true)
                return
            }
        }
    }
    function open(id) {
        composer.load(id)
        currentId = id
        App.chat.setLastOpened(id)
        highlightedId = ""
        newBelow = 0
        landingPending = true
        holdUnread = false
        messageList.currentIndex = -1 // the keyboard starts again at the newest
        messages.conversationId = id
        Qt.callLater(land)
        App.chat.markRead(id)
        // A message request: the keyboard starts on its Accept button (there is no composer
        // until it is accepted).
        if (messages.isRequest)
            acceptRequestButton.forceActiveFocus()
        else
            composer.focusInput()
    }
    //! "chat/ID/photos": the viewer on the newest message with pictures in view.
    function openNewestPhotos() {
        let best = null
        const children = messageList.contentItem.children
        for (let i = 0; i < children.length; ++i) {
            const child = children[i]
            const pictures = child.attachments ? child.attachments.filter(a => a.image) : []
            if (pictures.length > 0 && (!best || child.y > best.item.y))
                best = { item: child, pictures: pictures }
        }
        if (best)
            mediaViewer.show(best.pictures, 0)
    }
    //! The tab was shown: the keyboard starts in the open conversation's composer, else in the
    //! list of conversations.
    function focusMain() {
        if (currentId.length > 0)
            composer.focusInput()
        else
            conversationList.forceActiveFocus()
    }
    //! Ctrl+N.
    function startNewConversation() {
        newConversation.start(false)
    }
    //! Ctrl+F: the search through every conversation (there is no search within one).
    function focusSearch() {
        searchField.forceActiveFocus()
        searchField.selectAll()
    }
    //! Where an opened conversation starts: at the first message that was unread (its
    //! divider at the top), or at the newest when nothing was.
    function land() {
        // Not before there is something to land on (the cache may still be filling).
        if (!landingPending || messageList.count === 0)
            return
        landingPending = false
        const first = messages.firstUnreadId
        const row = first.length > 0 ? messages.rowOf(first) : -1
        // Rows that do not reach the top of the view yet: the page before them too (nothing
        // scrolls to ask for it).
        Qt.callLater(loadOlder)
        if (row < 0) {
            followEnd = true
            messageList.positionViewAtEnd()
            return
        }
        messageList.positionViewAtIndex(row, ListView.Beginning)
        unreadRow = row
        holdUnread = true
        // Everything unread fits: the view is at its end anyway, and follows it.
        followEnd = messageList.atEndNow()
    }
    function keepUnreadAtTop() {
        if (!holdUnread)
            return
        const row = messages.rowOf(messages.firstUnreadId)
        unreadRow = row
        if (row < 0)
            return
        messageList.positionViewAtIndex(row, ListView.Beginning)
        followEnd = messageList.atEndNow()
    }
    //! Once a frame while landing on the first unread: the view measures rows after it was placed
    //! (a card grows, rows above are measured), so its divider at the top, or else the end
    //! (everything unread fits), is checked again.
    function keepUnreadInView() {
        if (unreadRow < 0 || unreadRow >= messageList.count || messageList.atEndNow())
            return
        if (messageList.indexAt(messageList.width / 2, messageList.contentY + 1) === unreadRow)
            return
        keepUnreadAtTop()
    }
    //! From a search result: the conversation, scrolled to the message, highlighted.
    function jumpTo(conversationId, messageId) {
        if (conversationId !== currentId)
            open(conversationId)
        landingPending = false // the search hit is where it lands
        holdUnread = false
        const row = messages.rowOf(messageId)
        if (row < 0)
            return
        highlightedId = messageId
        followEnd = false
        Qt.callLater(() => messageList.positionViewAtIndex(row, ListView.Center))
        unhighlight.restart()
    }
    Timer { id: unhighlight; interval: 2500; onTriggered: page.highlightedId = "" }
    function keepAtEnd() {
        if (followEnd && !messageList.atEndNow())
            messageList.positionViewAtEnd()
    }
    //! Older messages when the view is near its top. The list view's own fetchMore() is not
    //! it: a view asks for more at its bottom, the newest (MessagesModel::fetchOlder()).
    function loadOlder() {
        // Not while landing: a fresh list starts at its top, and every page read there would
        // make way for the next, to the first message.
        if (!landingPending && !messages.loading && !messages.atStart && messageList.contentY - messageList.originY < 200)
            messages.fetchOlder()
    }
    function jumpToNewest() {
        holdUnread = false
        followEnd = true
        if (!messages.atEnd)
            messages.reload() // the window was further back: the newest page again
        messageList.positionViewAtEnd()
        newBelow = 0
        if (windowActive)
            messages.markRead()
    }
    function sendMoney() {
        sendSheet.start(messages.kind === "direct" ? messages.otherHandle : "", currentId)
    }
    function requestMoney() {
        requestSheet.start(currentId, messages.kind === "direct" && messages.otherHandle.length > 0 ? "@" + messages.otherHandle : "")
    }
    //! A request card's Pay button.
    function payRequest(requestId) {
        payLinkSheet.start("plaza://pay/" + requestId, true)
    }
    //! An own request card: the request with its link and QR code.
    function showRequest(requestId) {
        requestSheet.conversationId = ""
        requestSheet.showRequest(requestId)
    }
    // The conversation open when the app last ran opens again the first time the shell shows
    // this tab (not before: opening marks it read), unless something else was opened first.
    property bool lastOpenedRestored: false
    property bool restorePending: false
    function restoreLastOpened() {
        if (lastOpenedRestored)
            return
        lastOpenedRestored = true
        restorePending = true
        finishRestore()
    }
    //! Opens the conversation being restored once the chat service and the list can say
    //! which it is (either may still be opening).
    function finishRestore() {
        if (!restorePending)
            return
        if (currentId.length > 0) {
            restorePending = false // something else was opened meanwhile
            return
        }
        const id = App.chat.lastOpened()
        if (id.length === 0 || conversations.indexOf(id) < 0)
            return
        restorePending = false
        open(id)
    }
    // A page from the server came in: the view may still be near its top (a short history).
    Connections {
        target: messages
        function onLoadingChanged() {
            if (!messages.loading)
                Qt.callLater(page.loadOlder)
        }
    }
    Connections {
        target: conversations
        enabled: page.restorePending
        function onModelReset() { page.finishRestore() }
        function onRowsInserted() { page.finishRestore() }
    }
    Connections {
        target: App.chat
        enabled: page.restorePending
        function onStarted() { page.finishRestore() }
    }
    onWindowActiveChanged: if (windowActive && currentId.length > 0 && messageList.atEndNow()) messages.markRead()
    //! The message menu for \a bubble (right-click at x, y; the keyboard with x, y negative).
    function openMessageMenu(bubble, x, y) {
        if (bubble.system)
            return // a group's system line has nothing to act on
        actionsLayer.openMenu(bubble, x, y)
    }

    ConversationsModel {
        id: conversations
        chat: App.chat
        requests: page.showingRequests
    }
    MessagesModel {
        id: messages
        chat: App.chat
        // A bounded window of rows: while the view follows the end, new ones drop the oldest.
        followingEnd: page.followEnd
    }
    ChatSearchModel {
        id: search
        chat: App.chat
        query: searchField.text.length >= 2 ? searchField.text : ""
    }
    WalletSummary {
        id: walletSummary
        cache: App.session.cache
    }
    Connections {
        target: App.chat
        function onConversationOpened(id) { page.open(id) }
    }
    // A request accepted here: it joins the conversations, open, with its composer.
    Connections {
        target: App.safety
        function onDone(action, id) {
            if (action === "accept" && id === page.currentId) {
                page.showingRequests = false
                composer.focusInput()
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // Conversations and search.
        Rectangle {
            color: Theme.surface
            Layout.preferredWidth: 300
            Layout.fillHeight: true
            Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS
                RowLayout {
                    spacing: Theme.spacingS
                    Layout.fillWidth: true
                TextField {
                    id: searchField
                    objectName: "chatSearchField"
                    // Short: the column is narrow, and "Rechercher conver…" helped no one. The
                    // accessible name says what it searches.
                    placeholderText: qsTr("Search")
                    Layout.fillWidth: true
                    implicitHeight: 34
                    leftPadding: 30
                    color: Theme.text
                    selectByMouse: true
                    Accessible.name: qsTr("Search conversations and messages")
                    onTextChanged: conversations.filter = text
                    background: Rectangle {
                        radius: Theme.radiusM
                        color: Theme.background
                        border.width: searchField.activeFocus ? 2 : 1
                        border.color: searchField.activeFocus ? Theme.focusRing : Theme.border
                        Icon { name: "search"; size: 16; color: Theme.textFaint; anchors.left: parent.left; anchors.leftMargin: 9; anchors.verticalCenter: parent.verticalCenter }
                    }
                }
                AppButton {
                    objectName: "newConversationButton"
                    text: qsTr("New")
                    variant: "secondary"
                    implicitHeight: 34
                    Accessible.name: qsTr("New conversation")
                    enabled: App.session.online
                    onClicked: newConversation.start(false)
                }
                }
                // The message requests: an entry at the top of the list with how many wait, and
                // in the requests list a way back.
                ItemDelegate {
                    id: requestsEntry
                    objectName: "requestsEntry"
                    visible: !page.showingRequests && conversations.requestCount > 0
                    Layout.fillWidth: true
                    implicitHeight: 44
                    focusPolicy: Qt.StrongFocus
                    Accessible.name: qsTr("Message requests") + ", " + qsTr("%n requests", "", conversations.requestCount)
                    Accessible.onPressAction: clicked()
                    Keys.onReturnPressed: clicked()
                    Keys.onEnterPressed: clicked()
                    background: Rectangle {
                        radius: Theme.radiusM
                        color: requestsEntry.hovered ? Theme.hover : "transparent"
                        FocusRing { shown: requestsEntry.visualFocus }
                    }
                    contentItem: RowLayout {
                        spacing: Theme.spacingM
                        Rectangle {
                            implicitWidth: 36
                            implicitHeight: 36
                            radius: 18
                            color: Theme.accentSoft
                            Icon { anchors.centerIn: parent; name: "inbox"; size: 18; color: Theme.accent }
                        }
                        Label {
                            text: qsTr("Requests")
                            color: Theme.text
                            font.weight: Font.DemiBold
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "requestsCount"
                            text: qsTr("%n requests", "", conversations.requestCount)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                        }
                        Icon { name: "chevron-right"; size: 16; color: Theme.textFaint }
                    }
                    onClicked: {
                        page.showingRequests = true
                        conversationList.forceActiveFocus()
                    }
                }
                RowLayout {
                    visible: page.showingRequests
                    spacing: Theme.spacingS
                    Layout.fillWidth: true
                    AppButton {
                        objectName: "requestsBackButton"
                        text: qsTr("Back to conversations")
                        iconName: "arrow-left"
                        iconOnly: true
                        variant: "quiet"
                        implicitHeight: 32
                        ToolTip.visible: hovered
                        ToolTip.text: text
                        onClicked: page.showingRequests = false
                    }
                    Label {
                        objectName: "requestsHeading"
                        text: qsTr("Message requests")
                        color: Theme.text
                        font.weight: Font.DemiBold
                        Accessible.role: Accessible.Heading
                        Layout.fillWidth: true
                    }
                }
                Label {
                    visible: page.showingRequests
                    text: qsTr("People you don't follow who wrote to you first. They can't see if you've read their messages.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                ListView {
                    id: conversationList
                    objectName: "conversationList"
                    TabThrough { view: conversationList }
                    model: conversations
                    clip: true
                    spacing: 2
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    Accessible.role: Accessible.List
                    Accessible.name: page.showingRequests ? qsTr("Message requests") : qsTr("Conversations")
                    // Keyboard: Tab lands on the list, arrows move, Enter opens.
                    activeFocusOnTab: count > 0
                    keyNavigationEnabled: true
                    currentIndex: -1
                    onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                    Keys.onReturnPressed: if (currentItem) currentItem.clicked()
                    Keys.onEnterPressed: if (currentItem) currentItem.clicked()
                    delegate: ItemDelegate {
                        Accessible.onPressAction: clicked() // a screen reader's Press (Qt 6.4 only signals it)
                        id: conversationRow
                        objectName: "conversationRow"
                        required property var model
                        required property int index
                        width: ListView.view.width
                        implicitHeight: 60
                        // The open conversation, or the keyboard's current row while the list has the focus.
                        highlighted: model.id === page.currentId || (ListView.isCurrentItem && conversationList.activeFocus)
                        focusPolicy: Qt.NoFocus
                        Accessible.name: model.title + (model.unreadCount > 0 ? ", " + qsTr("%n unread", "", model.unreadCount) : "")
                                         + (model.unreadMentions > 0 ? ", " + qsTr("you were mentioned") : "")
                                         + (model.muted ? ", " + qsTr("muted") : "")
                        background: Rectangle {
                            radius: Theme.radiusM
                            color: conversationRow.highlighted ? Theme.selected : (conversationRow.hovered ? Theme.hover : "transparent")
                            FocusRing { shown: conversationRow.ListView.isCurrentItem && conversationList.activeFocus }
                        }
                        contentItem: RowLayout {
                            spacing: Theme.spacingM
                            Avatar { initials: model.initials; size: 36 }
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                RowLayout {
                                    Label { text: model.title; color: Theme.text; font.weight: model.unreadCount > 0 ? Font.Bold : Font.DemiBold; elide: Text.ElideRight; textFormat: Text.PlainText; Layout.fillWidth: true }
                                    Label { text: Time.relative(model.lastActivityAt, Time.now); color: Theme.textFaint; font.pixelSize: Theme.fontCaption - 1 }
                                }
                                RowLayout {
                                    Label {
                                        readonly property bool preview: true // elided by design (e2e_tour)
                                        text: model.lastMessageFromBlocked ? qsTr("Message from a blocked person")
                                              : (model.lastMessageOwn ? qsTr("You: ") : "") + model.lastMessagePreview
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontCaption
                                        elide: Text.ElideRight
                                        textFormat: Text.PlainText
                                        Layout.fillWidth: true
                                    }
                                    Icon {
                                        objectName: "conversationMutedIcon"
                                        visible: model.muted
                                        name: "bell-off"
                                        size: 14
                                        color: Theme.textFaint
                                    }
                                    Rectangle {
                                        objectName: "conversationMentionMarker"
                                        // Someone mentioned the user: "@", loud even when muted.
                                        visible: model.unreadMentions > 0
                                        radius: height / 2
                                        color: Theme.accent
                                        implicitHeight: 18
                                        implicitWidth: 18
                                        Accessible.name: qsTr("Mentioned")
                                        Icon { anchors.centerIn: parent; name: "at-sign"; size: 12; color: Theme.accentText }
                                    }
                                    Rectangle {
                                        visible: model.unreadCount > 0
                                        radius: height / 2
                                        // A muted conversation's count is there, but quiet.
                                        color: model.muted ? Theme.textFaint : Theme.accent
                                        implicitHeight: 18
                                        implicitWidth: Math.max(18, badge.implicitWidth + 8)
                                        Label { id: badge; anchors.centerIn: parent; text: model.unreadCount; color: Theme.accentText; font.pixelSize: 11; font.weight: Font.Bold }
                                    }
                                }
                            }
                        }
                        onClicked: page.open(model.id)
                    }
                    Label {
                        anchors.centerIn: parent
                        width: parent.width
                        visible: conversationList.count === 0
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        text: conversations.error.length > 0 ? Errors.describe(conversations.error, "", App.session.serverUrl)
                              : searchField.text.length > 0 ? qsTr("No conversation matches.")
                              : page.showingRequests ? qsTr("No message requests.") : qsTr("No conversations yet.")
                        color: Theme.textMuted
                    }
                }
                // Message search results (two letters or more).
                Label {
                    visible: search.query.length > 0
                    text: qsTr("Messages")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    font.weight: Font.DemiBold
                }
                ListView {
                    id: results
                    objectName: "searchResults"
                    TabThrough { view: results }
                    visible: search.query.length > 0
                    model: search
                    clip: true
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    activeFocusOnTab: count > 0
                    keyNavigationEnabled: true
                    currentIndex: -1
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Messages found")
                    onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                    Keys.onReturnPressed: if (currentItem) currentItem.clicked()
                    Keys.onEnterPressed: if (currentItem) currentItem.clicked()
                    delegate: ItemDelegate {
                        Accessible.onPressAction: clicked() // a screen reader's Press (Qt 6.4 only signals it)
                        id: resultRow
                        required property var model
                        width: ListView.view.width
                        focusPolicy: Qt.NoFocus
                        highlighted: ListView.isCurrentItem && results.activeFocus
                        background: Rectangle {
                            radius: Theme.radiusM
                            color: resultRow.highlighted ? Theme.selected : resultRow.hovered ? Theme.hover : "transparent"
                            FocusRing { shown: resultRow.ListView.isCurrentItem && results.activeFocus }
                        }
                        contentItem: ColumnLayout {
                            spacing: 0
                            RowLayout {
                                Label {
                                    readonly property bool preview: true // elided by design (e2e_tour)
                                    text: model.senderName === model.conversationTitle ? model.conversationTitle
                                                                                       : model.conversationTitle + " · " + model.senderName
                                    color: Theme.text; font.pixelSize: Theme.fontCaption; font.weight: Font.DemiBold
                                    elide: Text.ElideRight; textFormat: Text.PlainText; Layout.fillWidth: true
                                }
                                Label { text: Time.relative(model.createdAt, Time.now); color: Theme.textFaint; font.pixelSize: Theme.fontCaption - 1 }
                            }
                            Text { text: model.snippetHtml; textFormat: Text.StyledText; color: Theme.textMuted; font.pixelSize: Theme.fontCaption; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        }
                        Accessible.name: model.conversationTitle + ", " + model.senderName + ": " + model.snippet
                        onClicked: page.jumpTo(model.conversationId, model.messageId)
                    }
                    Label {
                        anchors.centerIn: parent
                        width: parent.width
                        visible: results.count === 0
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        text: search.error.length > 0 ? Errors.describe(search.error, "", App.session.serverUrl) : qsTr("No message matches.")
                        color: Theme.textMuted
                    }
                }
            }
        }

        // The open conversation.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 0

            ComingSoon {
                visible: page.currentId.length === 0
                iconName: "message-circle"
                title: qsTr("Pick a conversation")
                text: qsTr("Your chats are on the left. Messages you write offline go out, once and in order, when you're back online.")
                Layout.fillWidth: true
                Layout.fillHeight: true
                showSoon: false
            }

            Rectangle {
                visible: page.currentId.length > 0
                color: Theme.background
                implicitHeight: 52
                Layout.fillWidth: true
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
                RowLayout {
                    id: conversationHeader
                    // Narrow (1024 px wide, in French): the money buttons keep only their icons
                    // so the name is not cut to a few letters.
                    readonly property bool compact: width < 600
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacingL
                    anchors.rightMargin: Theme.spacingL
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label { objectName: "conversationTitle"; text: messages.title; color: Theme.text; font.pixelSize: Theme.fontSubtitle; font.weight: Font.DemiBold; textFormat: Text.PlainText; elide: Text.ElideRight; Layout.fillWidth: true; Accessible.role: Accessible.Heading }
                        Label {
                            objectName: "conversationSubtitle"
                            // A stranger's request shows no typing until it is accepted.
                            readonly property bool typing: messages.typingNames.length > 0 && !messages.isRequest
                            visible: typing || messages.kind === "group"
                            text: typing
                                  ? qsTr("%1 is typing…", "", messages.typingNames.length).arg(messages.typingNames.join(", "))
                                  : qsTr("You and %1").arg(messages.memberNames.join(", "))
                            color: typing ? Theme.accent : Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                    AppButton {
                        objectName: "chatSendMoneyButton"
                        text: qsTr("Send money")
                        iconName: "arrow-up-right"
                        variant: "secondary"
                        implicitHeight: 32
                        iconOnly: conversationHeader.compact
                        // Not to a stranger before their message request is accepted.
                        enabled: App.session.online && !safetyLayer.blocked && !safetyLayer.isRequest
                        ToolTip.visible: hovered && (!enabled || iconOnly)
                        ToolTip.text: enabled ? text : safetyLayer.isRequest ? qsTr("Accept the request first.")
                                                                             : qsTr("Payments need a connection.")
                        onClicked: page.sendMoney()
                    }
                    AppButton {
                        objectName: "chatRequestMoneyButton"
                        text: qsTr("Request")
                        iconName: "hand-coins"
                        variant: "secondary"
                        implicitHeight: 32
                        iconOnly: conversationHeader.compact
                        enabled: App.session.online && !safetyLayer.blocked && !safetyLayer.isRequest
                        Accessible.name: qsTr("Request money")
                        ToolTip.visible: hovered && (!enabled || iconOnly)
                        ToolTip.text: enabled ? Accessible.name : safetyLayer.isRequest ? qsTr("Accept the request first.")
                                                                                        : qsTr("Payments need a connection.")
                        onClicked: page.requestMoney()
                    }
                    AppButton {
                        id: conversationMenuButton
                        objectName: "conversationMenuButton"
                        text: qsTr("Conversation options")
                        iconName: "ellipsis"
                        iconOnly: true
                        variant: "quiet"
                        implicitHeight: 32
                        ToolTip.visible: hovered
                        ToolTip.text: text
                        onClicked: safetyLayer.openMenu(conversationMenuButton)
                    }
                }
            }

            ListView {
                id: messageList
                objectName: "messageList"
                TabThrough { view: messageList }
                //! Within a few pixels of the end: the newest message is in full view (the jump
                //! button hides, reading there marks it read).
                readonly property bool nearEnd: atEndNow()
                //! nearEnd read now: a list view may move its origin (rows above measured) without
                //! saying so, which leaves the binding above stale.
                function atEndNow() { return count === 0 || contentY + height >= originY + contentHeight - 4 }
                visible: page.currentId.length > 0
                model: messages
                clip: true
                // Bubbles scrolled out are kept and given the next row instead of destroyed
                // and made again (the UI thread's work per row, and the garbage it leaves).
                reuseItems: true
                spacing: Theme.spacingXs
                verticalLayoutDirection: ListView.TopToBottom
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.margins: Theme.spacingL
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Messages")
                // Screen readers read the messages as they show, oldest first (the view makes
                // its delegates from the bottom up).
                ReadingOrder { target: messageList.contentItem }
                // Room under the newest bubble: its state line never touches the composer.
                footer: Item { width: 1; height: Theme.spacingS }
                // Keyboard: Tab lands on the newest message, arrows move, the Menu key or
                // Shift+F10 opens the message's menu.
                activeFocusOnTab: count > 0
                keyNavigationEnabled: true
                currentIndex: -1
                highlightFollowsCurrentItem: false
                onActiveFocusChanged: if (activeFocus && (currentIndex < 0 || currentIndex >= count)) currentIndex = count - 1
                Keys.onMenuPressed: if (currentItem) page.openMessageMenu(currentItem, -1, -1)
                Keys.onPressed: event => {
                    if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier) && currentItem) {
                        page.openMessageMenu(currentItem, -1, -1)
                        event.accepted = true
                    }
                }
                onCurrentIndexChanged: {
                    if (!activeFocus || currentIndex < 0)
                        return
                    positionViewAtIndex(currentIndex, ListView.Contain)
                    page.holdUnread = false
                    page.followEnd = atEndNow()
                }
                section.property: "day"
                section.delegate: Label {
                    required property string section
                    width: ListView.view.width
                    horizontalAlignment: Text.AlignHCenter
                    text: Time.dayLabel(section, Time.today)
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontCaption
                    topPadding: Theme.spacingM
                    bottomPadding: Theme.spacingXs
                }
                delegate: MessageBubble {
                    id: messageBubble
                    highlightedId: page.highlightedId
                    plain: messages.isRequest
                    firstUnread: model.id.length > 0 && model.id === messages.firstUnreadId
                    current: ListView.isCurrentItem && messageList.activeFocus
                    onPayRequested: requestId => page.payRequest(requestId)
                    onShowRequested: requestId => page.showRequest(requestId)
                    onReportRequested: requestId => safetyLayer.report("payment_request", requestId, messageBubble.model.senderName, true)
                    onMenuRequested: (x, y) => page.openMessageMenu(messageBubble, x, y)
                    onImageOpened: (images, index) => mediaViewer.show(images, index)
                    nameOf: actionsLayer.nameOf
                    onQuoteActivated: messageId => actionsLayer.showOriginal(messageId, model.replyDeleted === true)
                    onReactionToggled: (emoji, add) => actionsLayer.toggleReaction(model.id, emoji, add)
                    Component.onCompleted: actionsLayer.learn(model.senderId, model.senderName)
                    ListView.onReused: actionsLayer.learn(model.senderId, model.senderName)
                }
                // History pages upward: load older messages near the top. Later, never from
                // inside the view's own layout (rows inserted while it places its delegates
                // leave those delegates without their row).
                onContentYChanged: {
                    if (!page.landingPending && !messages.loading && !messages.atStart && contentY - originY < 200)
                        Qt.callLater(page.loadOlder)
                    // A window further back than the newest: newer pages near the bottom.
                    if (!page.landingPending && !messages.atEnd && contentY + height > originY + contentHeight - 200)
                        Qt.callLater(messages.fetchNewer)
                    // The person scrolls (wheel, drag, flick, the scroll bar): follow the end
                    // only if they leave the view there.
                    if (moving || messageScrollBar.pressed) {
                        page.holdUnread = false
                        page.followEnd = atEndNow()
                    }
                }
                // Following the end: a new row or a bubble that grew (wrapped, got its state
                // line) keeps the newest in full view. Not while landing or reading older ones.
                onContentHeightChanged: {
                    if (page.landingPending)
                        return
                    if (page.holdUnread)
                        Qt.callLater(page.keepUnreadAtTop)
                    else if (page.followEnd)
                        Qt.callLater(page.keepAtEnd)
                }
                onCountChanged: if (page.followEnd && !page.landingPending && page.windowActive && page.currentId.length > 0) Qt.callLater(messages.markRead)
                // The composer grew (a reply or edit bar, more lines): the newest stays in view.
                onHeightChanged: if (page.followEnd && !page.landingPending) Qt.callLater(page.keepAtEnd)
                onNearEndChanged: if (nearEnd && !page.landingPending) { page.newBelow = 0; if (page.windowActive) messages.markRead() }
                onMovingChanged: if (!moving) { page.holdUnread = false; page.followEnd = atEndNow() }
                ScrollBar.vertical: ScrollBar { id: messageScrollBar }

            }
            // Following the end (or the first unread), checked once a frame after the view's
            // layout: a list view measuring rows may move its end without a signal to bind to.
            Connections {
                target: page.Window.window
                enabled: (page.followEnd || page.holdUnread) && !page.landingPending && messageList.visible
                function onAfterAnimating() {
                    if (page.holdUnread)
                        page.keepUnreadInView()
                    else
                        page.keepAtEnd()
                }
            }
            Connections {
                target: messages
                // Rows added at the end while reading older ones: count them for the button.
                // Older messages go in above: the message at the top of the view stays where it
                // is (a ListView showing row 0 would push it down by the whole page).
                property int topRow: -1
                property real topOffset: 0
                function keepTop() {
                    if (topRow < 0)
                        return
                    messageList.forceLayout()
                    messageList.positionViewAtIndex(topRow, ListView.Beginning)
                    messageList.contentY -= topOffset
                    topRow = -1
                }
                function onRowsAboutToBeInserted(parent, first, last) {
                    if (topRow >= 0)
                        return // a second page before the first was placed: same top message
                    if (first !== 0 || page.landingPending || messageList.count === 0)
                        return
                    // The first message from the top (past a day heading or the gap between two).
                    let row = -1
                    for (let y = messageList.contentY; row < 0 && y < messageList.contentY + messageList.height; y += 4)
                        row = messageList.indexAt(messageList.width / 2, y)
                    const item = row >= 0 ? messageList.itemAtIndex(row) : null
                    if (item) {
                        topRow = row
                        topOffset = item.y - messageList.contentY
                    }
                }
                function onRowsInserted(parent, first, last) {
                    if (first === 0 && topRow >= 0) {
                        topRow += last + 1
                        // After the view has the new rows (it hears of them after this handler).
                        Qt.callLater(keepTop)
                    }
                    if (page.landingPending)
                        Qt.callLater(page.land)
                    else if (first > 0 && !page.followEnd && !page.holdUnread)
                        page.newBelow += last - first + 1
                }
                function onModelReset() { if (page.landingPending) Qt.callLater(page.land) }
            }

            // Composer: Enter sends, Shift+Enter adds a line; the draft is kept per conversation.
            // Files to go with the next message: previews, alt text, a way to take one out.
            // A message request: who it is from, that they can't see it was read, and what to do.
            Rectangle {
                objectName: "requestBar"
                visible: page.currentId.length > 0 && safetyLayer.isRequest && !safetyLayer.blocked
                radius: Theme.radiusL
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                implicitHeight: requestColumn.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.topMargin: 0
                ColumnLayout {
                    id: requestColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingS
                    RowLayout {
                        spacing: Theme.spacingM
                        Layout.fillWidth: true
                        Icon { name: "inbox"; size: 18; color: Theme.textMuted }
                        Label {
                            objectName: "requestText"
                            text: qsTr("%1 wants to message you. They can't see if you've read this.").arg(safetyLayer.otherName)
                            color: Theme.text
                            wrapMode: Text.Wrap
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                    RowLayout {
                        spacing: Theme.spacingS
                        Layout.fillWidth: true
                        Item { Layout.fillWidth: true }
                        AppButton {
                            objectName: "reportRequestPersonButton"
                            text: qsTr("Report")
                            iconName: "flag"
                            variant: "quiet"
                            enabled: App.session.online
                            Accessible.name: qsTr("Report %1").arg(safetyLayer.otherName)
                            ToolTip.visible: hovered && !enabled
                            ToolTip.text: qsTr("Needs a connection")
                            onClicked: safetyLayer.reportPerson()
                        }
                        AppButton {
                            objectName: "blockRequestButton"
                            text: qsTr("Block")
                            iconName: "ban"
                            variant: "secondary"
                            enabled: App.session.online
                            Accessible.name: qsTr("Block %1").arg(safetyLayer.otherName)
                            ToolTip.visible: hovered && !enabled
                            ToolTip.text: qsTr("Needs a connection")
                            onClicked: safetyLayer.block()
                        }
                        AppButton {
                            id: acceptRequestButton
                            objectName: "acceptRequestButton"
                            text: qsTr("Accept")
                            iconName: "check"
                            enabled: App.session.online
                            Accessible.name: qsTr("Accept the message request from %1").arg(safetyLayer.otherName)
                            ToolTip.visible: hovered && !enabled
                            ToolTip.text: qsTr("Needs a connection")
                            Keys.onReturnPressed: clicked()
                            Keys.onEnterPressed: clicked()
                            onClicked: safetyLayer.accept()
                        }
                    }
                }
            }
            // One blocked the other person: the conversation stays readable, and says why it
            // can't be written in any more.
            Rectangle {
                objectName: "blockedBar"
                visible: page.currentId.length > 0 && safetyLayer.blocked
                radius: Theme.radiusL
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                implicitHeight: blockedRow.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.topMargin: 0
                RowLayout {
                    id: blockedRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingM
                    Icon { name: "ban"; size: 18; color: Theme.textMuted }
                    Label {
                        objectName: "blockedText"
                        text: qsTr("You blocked %1. You can read this conversation, but neither of you can write in it. To unblock them, use the … menu above.").arg(safetyLayer.otherName)
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }
            // One left the group or was removed: its history stays, read-only.
            Rectangle {
                objectName: "leftGroupBar"
                visible: page.currentId.length > 0 && groupLayer.group && !groupLayer.member
                radius: Theme.radiusL
                color: Theme.surface
                border.width: 1
                border.color: Theme.border
                implicitHeight: leftRow.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.topMargin: 0
                RowLayout {
                    id: leftRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingM
                    Icon { name: "log-out"; size: 18; color: Theme.textMuted }
                    Label {
                        objectName: "leftGroupText"
                        text: safetyLayer.messages && safetyLayer.messages.membership === "removed"
                              ? qsTr("You were removed from this group. You can read the messages up to then, but not write here.")
                              : qsTr("You left this group. You can read the messages up to then, but not write here.")
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }
            AttachmentTray {
                id: attachmentTray
                visible: page.currentId.length > 0 && !safetyLayer.blocked && !safetyLayer.isRequest && (!groupLayer.group || groupLayer.member) && (count > 0 || refusal.length > 0)
                maxFiles: 10
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingL
                Layout.rightMargin: Theme.spacingL
                Layout.bottomMargin: Theme.spacingS
            }
            ChatComposer {
                id: composer
                visible: page.currentId.length > 0 && !safetyLayer.blocked && !safetyLayer.isRequest && (!groupLayer.group || groupLayer.member)
                mentionCandidates: groupLayer.group && groupLayer.member ? groupLayer.mentionable : []
                drafts: App.chat
                canSend: page.currentId.length > 0
                hasFiles: attachmentTray.count > 0
                pasteFiles: function() {
                    const files = Desktop.clipboardFiles()
                    if (files.length === 0)
                        return false
                    attachmentTray.addUrls(files)
                    return true
                }
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.topMargin: 0
                onTyping: App.chat.sendTyping(page.currentId)
                onAttachRequested: attachDialog.open()
                onSubmitted: text => {
                    // A reply or an edit (the layer sends it); otherwise a new message.
                    const mode = composer.mode
                    if ((mode === "edit" || attachmentTray.count === 0) && actionsLayer.submit(text)) {
                        if (mode === "reply")
                            page.jumpToNewest()
                        return
                    }
                    const sent = attachmentTray.count > 0
                        ? App.chat.sendFiles(page.currentId, text, attachmentTray.files())
                        : messages.send(text)
                    if (sent) {
                        composer.clear()
                        attachmentTray.clear()
                        page.jumpToNewest()
                    }
                }
            }
        }
        // Files dragged from a file manager onto the conversation go to the tray.
        DropArea {
            id: fileDrop
            objectName: "chatFileDrop"
            anchors.fill: parent
            enabled: page.currentId.length > 0
            onEntered: drag => { if (!drag.hasUrls) drag.accepted = false }
            onDropped: drop => {
                if (!drop.hasUrls)
                    return
                attachmentTray.addUrls(drop.urls)
                drop.acceptProposedAction()
                composer.focusInput()
            }
            Rectangle {
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                visible: fileDrop.containsDrag
                radius: Theme.radiusL
                color: Theme.accentSoft
                opacity: 0.92
                border.width: 2
                border.color: Theme.accent
                Column {
                    anchors.centerIn: parent
                    spacing: Theme.spacingS
                    Icon { name: "paperclip"; size: 32; color: Theme.accent; anchors.horizontalCenter: parent.horizontalCenter }
                    Label { text: qsTr("Drop files to send them"); color: Theme.accent; font.pixelSize: Theme.fontSubtitle; font.weight: Font.DemiBold }
                }
            }
        }
        // Newest first out of sight: a button back down, counting what came meanwhile.
        RoundButton {
            objectName: "jumpToNewestButton"
            // Hidden at the end: it never covers the newest message.
            visible: !messageList.nearEnd && !page.followEnd && messageList.count > 0
            // Over the list's bottom-right corner (a sibling, so it does not scroll with it).
            x: messageList.x + messageList.width - width - Theme.spacingS
            y: messageList.y + messageList.height - height - Theme.spacingS
            width: 40
            height: 40
            Accessible.name: page.newBelow > 0 ? qsTr("Jump to the newest message, %n new", "", page.newBelow)
                                               : qsTr("Jump to the newest message")
            background: Rectangle {
                radius: width / 2
                color: Theme.surfaceRaised
                border.width: parent.visualFocus ? 2 : 1
                border.color: parent.visualFocus ? Theme.focusRing : Theme.border
            }
            contentItem: Icon { name: "arrow-down"; size: 18; color: Theme.text }
            onClicked: page.jumpToNewest()
            Rectangle {
                visible: page.newBelow > 0
                anchors.top: parent.top
                anchors.right: parent.right
                anchors.topMargin: -4
                anchors.rightMargin: -4
                radius: height / 2
                color: Theme.accent
                implicitHeight: 18
                implicitWidth: Math.max(18, newCount.implicitWidth + 8)
                Label { id: newCount; anchors.centerIn: parent; text: page.newBelow; color: Theme.accentText; font.pixelSize: 11; font.weight: Font.Bold }
            }
        }
        // The message menu, reply and edit, reactions, forwarding, and what they say.
        MessageActionsLayer {
            id: actionsLayer
            anchors.fill: parent
            composer: composer
            conversationId: page.currentId
            onJumpRequested: messageId => page.jumpTo(page.currentId, messageId)
            onReportRequested: (type, id, name, declinable) => safetyLayer.report(type, id, name, declinable)
        }
        SafetyLayer {
            id: safetyLayer
            anchors.fill: parent
            conversationId: page.currentId
            messages: messages
            notes: actionsLayer
            groups: groupLayer
        }
        GroupLayer {
            id: groupLayer
            anchors.fill: parent
            conversationId: page.currentId
            info: safetyLayer.messages
            notes: actionsLayer
        }
        }
    }

    MediaViewer { id: mediaViewer; objectName: "chatMediaViewer" }
    FileDialog {
        id: attachDialog
        objectName: "attachDialog"
        title: qsTr("Attach files")
        fileMode: FileDialog.OpenFiles
        onAccepted: {
            attachmentTray.addUrls(selectedFiles)
            composer.focusInput()
        }
    }
    Connections {
        target: App.chat
        // A message or its files refused before they went (too many, unreadable, too big).
        function onSendRefused(code, field) { attachmentTray.refusal = Errors.describe(code, field, App.session.serverUrl) }
    }
    NewConversationSheet { id: newConversation }
    // The wallet's own sheets, for this conversation (their names differ from the Wallet tab's).
    SendSheet { id: sendSheet; objectName: "chatSendSheet"; summary: walletSummary }
    RequestSheet { id: requestSheet; objectName: "chatRequestSheet"; summary: walletSummary }
    PayLinkSheet { id: payLinkSheet; objectName: "chatPayLinkSheet"; summary: walletSummary }
}
