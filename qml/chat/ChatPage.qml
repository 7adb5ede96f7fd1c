// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The Chat tab: conversations on the left (search, unread badges, newest activity first),
// the open conversation on the right (history paged upward, day separators, states),
// a composer (Enter sends, Shift+Enter a new line, a draft per conversation), and a search
// through every cached message (accents ignored).
Item {
    id: page
    objectName: "chatPage"

    property string currentId: ""

    //! --page chat/<id>: opens it, and says so once its messages are on screen.
    function openPath(id) {
        open(id)
        settleTimer.start()
    }
    Timer {
        id: settleTimer
        interval: 300
        repeat: true
        onTriggered: if (!messages.loading && messageList.count > 0) { stop(); messageList.positionViewAtEnd(); App.pageSettled = true }
    }

    function open(id) {
        if (currentId.length > 0)
            App.chat.setDraft(currentId, composer.text)
        currentId = id
        composer.text = App.chat.draft(id)
        messages.conversationId = id
        App.chat.markRead(id)
        composer.forceActiveFocus()
    }

    ConversationsModel {
        id: conversations
        chat: App.chat
    }
    MessagesModel {
        id: messages
        chat: App.chat
    }
    ChatSearchModel {
        id: search
        chat: App.chat
        query: searchField.text.length >= 2 ? searchField.text : ""
    }
    Connections {
        target: App.chat
        function onConversationOpened(id) { page.open(id) }
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
                    placeholderText: qsTr("Search conversations and messages")
                    Layout.fillWidth: true
                    implicitHeight: 34
                    leftPadding: 30
                    color: Theme.text
                    selectByMouse: true
                    Accessible.name: qsTr("Search chats")
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
                    onClicked: newConversation.start()
                }
                }
                ListView {
                    id: conversationList
                    objectName: "conversationList"
                    model: conversations
                    clip: true
                    spacing: 2
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Conversations")
                    delegate: ItemDelegate {
                        required property var model
                        width: ListView.view.width
                        implicitHeight: 60
                        highlighted: model.id === page.currentId
                        Accessible.name: model.title + (model.unreadCount > 0 ? ", " + qsTr("%n unread", "", model.unreadCount) : "")
                        background: Rectangle { radius: Theme.radiusM; color: parent.highlighted ? Theme.selected : (parent.hovered ? Theme.hover : "transparent") }
                        contentItem: RowLayout {
                            spacing: Theme.spacingM
                            Avatar { initials: model.initials; size: 36 }
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                RowLayout {
                                    Label { text: model.title; color: Theme.text; font.weight: model.unreadCount > 0 ? Font.Bold : Font.DemiBold; elide: Text.ElideRight; textFormat: Text.PlainText; Layout.fillWidth: true }
                                    Label { text: App.relativeTime(model.lastActivityAt); color: Theme.textFaint; font.pixelSize: Theme.fontCaption - 1 }
                                }
                                RowLayout {
                                    Label {
                                        text: (model.lastMessageOwn ? qsTr("You: ") : "") + model.lastMessagePreview
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontCaption
                                        elide: Text.ElideRight
                                        textFormat: Text.PlainText
                                        Layout.fillWidth: true
                                    }
                                    Rectangle {
                                        visible: model.unreadCount > 0
                                        radius: height / 2
                                        color: Theme.accent
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
                        text: conversations.error.length > 0 ? conversations.error
                              : searchField.text.length > 0 ? qsTr("No conversation matches.") : qsTr("No conversations yet.")
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
                    visible: search.query.length > 0
                    model: search
                    clip: true
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    delegate: ItemDelegate {
                        required property var model
                        width: ListView.view.width
                        contentItem: ColumnLayout {
                            spacing: 0
                            Label { text: model.conversationTitle + " · " + model.senderName; color: Theme.text; font.pixelSize: Theme.fontCaption; font.weight: Font.DemiBold; elide: Text.ElideRight; Layout.fillWidth: true }
                            Text { text: model.snippetHtml; textFormat: Text.StyledText; color: Theme.textMuted; font.pixelSize: Theme.fontCaption; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        }
                        onClicked: page.open(model.conversationId)
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: results.count === 0
                        text: search.error.length > 0 ? search.error : qsTr("No message matches.")
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
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacingL
                    anchors.rightMargin: Theme.spacingL
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label { text: messages.title; color: Theme.text; font.pixelSize: Theme.fontSubtitle; font.weight: Font.DemiBold; textFormat: Text.PlainText }
                        Label {
                            visible: messages.typingNames.length > 0
                            text: qsTr("%1 is typing…", "", messages.typingNames.length).arg(messages.typingNames.join(", "))
                            color: Theme.accent
                            font.pixelSize: Theme.fontCaption
                        }
                    }
                }
            }

            ListView {
                id: messageList
                objectName: "messageList"
                visible: page.currentId.length > 0
                model: messages
                clip: true
                spacing: Theme.spacingXs
                verticalLayoutDirection: ListView.TopToBottom
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.margins: Theme.spacingL
                section.property: "day"
                section.delegate: Label {
                    required property string section
                    width: ListView.view.width
                    horizontalAlignment: Text.AlignHCenter
                    text: App.dayLabel(section)
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontCaption
                    topPadding: Theme.spacingM
                    bottomPadding: Theme.spacingXs
                }
                delegate: MessageBubble { }
                // History pages upward: load older messages near the top.
                onContentYChanged: if (!messages.loading && !messages.atStart && contentY - originY < 200) messages.fetchMore(messages.index(-1, -1))
                onCountChanged: if (atYEnd || count < 60) Qt.callLater(positionViewAtEnd)
                ScrollBar.vertical: ScrollBar { }
            }

            // Composer: Enter sends, Shift+Enter adds a line; the draft is kept per conversation.
            Rectangle {
                visible: page.currentId.length > 0
                color: Theme.surface
                radius: Theme.radiusL
                border.width: 1
                border.color: composer.activeFocus ? Theme.focusRing : Theme.border
                implicitHeight: Math.min(160, composer.implicitHeight + 2 * Theme.spacingS)
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.topMargin: 0
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingS
                    TextArea {
                        id: composer
                        objectName: "chatComposer"
                        placeholderText: qsTr("Write a message")
                        wrapMode: TextEdit.Wrap
                        color: Theme.text
                        placeholderTextColor: Theme.textFaint
                        selectByMouse: true
                        background: null
                        Accessible.name: qsTr("Message")
                        Layout.fillWidth: true
                        onTextChanged: if (text.length > 0) App.chat.sendTyping(page.currentId)
                        Keys.onPressed: event => {
                            if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && !(event.modifiers & Qt.ShiftModifier)) {
                                sendButton.clicked()
                                event.accepted = true
                            }
                        }
                    }
                    AppButton {
                        id: sendButton
                        objectName: "chatSendButton"
                        text: qsTr("Send")
                        implicitHeight: 34
                        enabled: composer.text.trim().length > 0
                        onClicked: {
                            if (messages.send(composer.text)) {
                                composer.text = ""
                                App.chat.setDraft(page.currentId, "")
                                messageList.positionViewAtEnd()
                            }
                        }
                    }
                }
            }
        }
        }
    }

    NewConversationSheet { id: newConversation }
}
