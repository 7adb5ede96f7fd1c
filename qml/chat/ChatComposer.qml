// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The chat composer: Enter sends, Shift+Enter adds a line, and a draft per conversation.
// Drafts go to `drafts` (anything with draft(id) and setDraft(id, text): ChatService in
// the app, which keeps them in the encrypted cache across restarts) when the conversation
// changes, shortly after typing stops, and when the composer goes. It knows nothing of
// the app (no Plaza.Desktop), so Qt Quick Test drives it as it is.
Rectangle {
    id: root

    //! The conversation being written to ("" for none).
    readonly property string conversationId: d.conversationId
    property var drafts: null
    //! False while the message cannot go (no conversation): Enter does nothing.
    property bool canSend: true
    //! Files wait to go with the message: it may go without text.
    property bool hasFiles: false
    //! Ctrl+V: a function the page gives, that takes files off the clipboard and returns true
    //! if it did (the text field pastes text otherwise).
    property var pasteFiles: null
    property alias text: area.text
    readonly property alias input: area

    //! Enter with some text: the page sends it, then calls clear() if it was taken.
    signal submitted(string text)
    //! The text changed by typing (for "is typing…" frames).
    signal typing()
    //! The attach button: the page opens a file dialog.
    signal attachRequested()

    //! Keeps the draft of the conversation left, shows the draft of \a id.
    function load(id) {
        save()
        d.loading = true
        d.conversationId = id
        area.text = drafts && id.length > 0 ? drafts.draft(id) : ""
        area.cursorPosition = area.length
        d.loading = false
    }
    function save() {
        saveTimer.stop()
        // (The store may already be gone when the composer goes at shutdown.)
        if (drafts && typeof drafts.setDraft === "function" && d.conversationId.length > 0)
            drafts.setDraft(d.conversationId, area.text)
    }
    //! After a send: empty, and no draft left behind.
    function clear() {
        d.loading = true
        area.text = ""
        d.loading = false
        save()
    }
    function send() {
        if (!canSend || (area.text.trim().length === 0 && !hasFiles))
            return false
        submitted(area.text)
        return true
    }
    function focusInput() { area.forceActiveFocus() }

    QtObject {
        id: d
        property string conversationId: ""
        property bool loading: false
    }
    Timer {
        id: saveTimer
        interval: 600
        onTriggered: root.save()
    }
    Component.onDestruction: save()

    color: Theme.surface
    radius: Theme.radiusL
    border.width: area.activeFocus ? 2 : 1
    border.color: area.activeFocus ? Theme.focusRing : Theme.border
    implicitHeight: Math.min(160, Math.max(sendButton.implicitHeight, area.implicitHeight) + 2 * Theme.spacingS)

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        AppButton {
            id: attachButton
            objectName: "chatAttachButton"
            text: qsTr("Attach files")
            iconName: "paperclip"
            iconOnly: true
            variant: "quiet"
            implicitHeight: 34
            Layout.alignment: Qt.AlignBottom
            enabled: root.canSend
            onClicked: root.attachRequested()
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: area
                objectName: "chatComposer"
                placeholderText: qsTr("Write a message")
                wrapMode: TextEdit.Wrap
                color: Theme.text
                placeholderTextColor: Theme.textFaint
                selectByMouse: true
                background: null
                Accessible.name: qsTr("Message")
                Accessible.description: qsTr("Enter sends, Shift+Enter starts a new line")
                onTextChanged: {
                    if (d.loading)
                        return
                    saveTimer.restart()
                    if (text.length > 0)
                        root.typing()
                }
                // Tab moves on (keyboard users leave the field like any other); no tab characters.
                Keys.onTabPressed: event => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
                Keys.onPressed: event => {
                    if (event.matches(StandardKey.Paste) && typeof root.pasteFiles === "function" && root.pasteFiles()) {
                        event.accepted = true
                        return
                    }
                    if (event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter)
                        return
                    event.accepted = true
                    if (event.modifiers & Qt.ShiftModifier) {
                        // A new line where the cursor is, replacing a selection.
                        if (selectedText.length > 0)
                            remove(selectionStart, selectionEnd)
                        insert(cursorPosition, "\n")
                    } else {
                        root.send()
                    }
                }
            }
        }
        AppButton {
            id: sendButton
            objectName: "chatSendButton"
            text: qsTr("Send")
            implicitHeight: 34
            Layout.alignment: Qt.AlignBottom
            enabled: root.canSend && (area.text.trim().length > 0 || root.hasFiles)
            onClicked: root.send()
        }
    }
}
