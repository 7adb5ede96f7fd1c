// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// The chat composer: Enter sends, Shift+Enter adds a line, and a draft per conversation.
// Drafts go to `drafts` (anything with draft(id) and setDraft(id, text): ChatService in
// the app, which keeps them in the encrypted cache across restarts) when the conversation
// changes, shortly after typing stops, and when the composer goes. A bar above the field
// says when the message answers another ("Replying to …") or replaces one's own text
// ("Editing message"; the draft comes back after); its × or Escape leaves that. It knows
// nothing of the app (no Plaza.Desktop), so Qt Quick Test drives it as it is.
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
    //! "reply" or "edit" while the bar above the field shows; "" otherwise.
    readonly property string mode: d.mode
    //! The message replied to or edited.
    readonly property string targetId: d.targetId

    //! Enter with some text: the page sends it, then calls clear() if it was taken.
    signal submitted(string text)
    //! The text changed by typing (for "is typing…" frames).
    signal typing()
    //! The attach button: the page opens a file dialog.
    signal attachRequested()

    //! The next message answers \a messageId (by \a name: \a snippet, shown in the bar).
    function startReply(messageId, name, snippet) {
        if (d.mode === "edit")
            cancelContext()
        d.mode = "reply"
        d.targetId = messageId
        d.barTitle = qsTr("Replying to %1").arg(name)
        d.barText = snippet
        focusInput()
    }
    //! Edits one's own message \a messageId: its \a text in the field (the draft waits).
    function startEdit(messageId, text) {
        if (d.mode !== "edit")
            d.savedDraft = area.text
        d.mode = "edit"
        d.targetId = messageId
        d.barTitle = qsTr("Editing message")
        d.barText = text
        d.loading = true
        area.text = text
        area.cursorPosition = area.length
        d.loading = false
        focusInput()
    }
    //! Leaves reply or edit mode (an edit gives the draft back).
    function cancelContext() {
        if (d.mode === "edit") {
            d.loading = true
            area.text = d.savedDraft
            area.cursorPosition = area.length
            d.loading = false
        }
        d.mode = ""
        d.targetId = ""
        d.savedDraft = ""
    }

    //! Keeps the draft of the conversation left, shows the draft of \a id.
    function load(id) {
        cancelContext()
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
            drafts.setDraft(d.conversationId, d.mode === "edit" ? d.savedDraft : area.text)
    }
    //! After a send: empty, and no draft left behind (after an edit: the draft again).
    function clear() {
        if (d.mode === "edit") {
            cancelContext()
            save()
            return
        }
        cancelContext()
        d.loading = true
        area.text = ""
        d.loading = false
        save()
    }
    function send() {
        if (!canSend || (area.text.trim().length === 0 && (!hasFiles || d.mode === "edit")))
            return false
        submitted(area.text)
        return true
    }
    function focusInput() { area.forceActiveFocus() }

    QtObject {
        id: d
        property string conversationId: ""
        property bool loading: false
        property string mode: ""
        property string targetId: ""
        property string barTitle: ""
        property string barText: ""
        //! The draft put aside while editing.
        property string savedDraft: ""
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
                    + (contextBar.visible ? contextBar.height : 0)

    // Replying to / Editing: what the message is about, and a way out.
    Rectangle {
        id: contextBar
        objectName: "composerContextBar"
        visible: d.mode.length > 0
        width: parent.width
        height: visible ? barRow.implicitHeight + 2 * Theme.spacingS : 0
        color: "transparent"
        Accessible.role: Accessible.StaticText
        Accessible.name: d.barTitle + ": " + d.barText
        Rectangle { anchors.bottom: parent.bottom; x: Theme.spacingS; width: parent.width - 2 * Theme.spacingS; height: 1; color: Theme.border }
        RowLayout {
            id: barRow
            anchors.fill: parent
            anchors.margins: Theme.spacingS
            anchors.leftMargin: Theme.spacingM
            spacing: Theme.spacingS
            Icon { name: d.mode === "edit" ? "pencil" : "reply"; size: 16; color: Theme.accent }
            Rectangle { width: 3; radius: 1; color: Theme.accent; Layout.fillHeight: true }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    objectName: "composerContextTitle"
                    text: d.barTitle
                    color: Theme.accent
                    font.pixelSize: Theme.fontCaption
                    font.weight: Font.DemiBold
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    readonly property bool preview: true // one line of the message, elided by design
                    text: d.barText.replace(/\s+/g, " ")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    Layout.fillWidth: true
                }
            }
            ToolButton {
                objectName: "composerContextClose"
                focusPolicy: Qt.TabFocus
                Accessible.name: d.mode === "edit" ? qsTr("Cancel editing") : qsTr("Cancel reply")
                Accessible.onPressAction: clicked()
                ToolTip.visible: hovered
                ToolTip.text: (d.mode === "edit" ? qsTr("Cancel editing") : qsTr("Cancel reply")) + " (Esc)"
                contentItem: Icon { name: "x"; size: 16; color: Theme.textMuted }
                background: Rectangle {
                    implicitWidth: 28
                    implicitHeight: 28
                    radius: Theme.radiusS
                    color: parent.hovered ? Theme.hover : "transparent"
                    FocusRing { shown: parent.parent.visualFocus }
                }
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
                onClicked: { root.cancelContext(); root.focusInput() }
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        anchors.topMargin: Theme.spacingS + (contextBar.visible ? contextBar.height : 0)
        AppButton {
            id: attachButton
            objectName: "chatAttachButton"
            text: qsTr("Attach files")
            iconName: "paperclip"
            iconOnly: true
            variant: "quiet"
            implicitHeight: 34
            Layout.alignment: Qt.AlignBottom
            enabled: root.canSend && d.mode !== "edit"
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
                // Escape leaves a reply or an edit (elsewhere it goes on to the page).
                Keys.onEscapePressed: event => {
                    if (d.mode.length > 0)
                        root.cancelContext()
                    else
                        event.accepted = false
                }
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
            text: d.mode === "edit" ? qsTr("Save") : qsTr("Send")
            implicitHeight: 34
            Layout.alignment: Qt.AlignBottom
            enabled: root.canSend && (area.text.trim().length > 0 || (root.hasFiles && d.mode !== "edit"))
            onClicked: root.send()
        }
    }
}
