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
    //! Who "@" may mention here ([{handle, name}]; a group's other members), empty elsewhere.
    property var mentionCandidates: []
    // The members changed (a sync) while the list is open: it follows.
    onMentionCandidatesChanged: if (mentions.visible) updateMention()
    //! The mention list is open above the field.
    readonly property bool mentioning: mentions.visible

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

    // "@…" just before the cursor, after a space or at the start: the members it may name.
    function updateMention() {
        const before = area.text.substring(0, area.cursorPosition)
        const match = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_]*)$/.exec(before)
        if (!match || root.mentionCandidates.length === 0) {
            d.mentionStart = -1
            mentions.close()
            return
        }
        const start = area.cursorPosition - match[2].length - 1
        // Escape closed it: closed until what is typed changes.
        if (before === d.mentionDismissed) {
            mentions.close()
            return
        }
        d.mentionDismissed = ""
        d.mentionStart = start
        const query = match[2].toLowerCase()
        mentions.people = root.mentionCandidates.filter(p => p.handle.toLowerCase().startsWith(query)
                                                        || p.name.toLowerCase().indexOf(query) >= 0)
        if (mentions.people.length > 0)
            mentions.open()
        else
            mentions.close()
    }
    //! Puts "@handle " in place of the "@…" being typed.
    function insertMention(handle) {
        if (d.mentionStart < 0)
            return
        const start = d.mentionStart
        area.remove(start, area.cursorPosition)
        area.insert(start, "@" + handle + " ")
        area.cursorPosition = start + handle.length + 2
        d.mentionStart = -1
        mentions.close()
        area.forceActiveFocus()
    }
    //! For --page chat/ID/mention (screenshots): \a text in the field, the list open.
    function showcaseMention(text) {
        area.forceActiveFocus()
        area.text = text
        area.cursorPosition = area.length
        updateMention()
    }
    function closeMentions() {
        d.mentionDismissed = area.text.substring(0, area.cursorPosition)
        mentions.close()
    }
    MentionPopup {
        id: mentions
        parent: root
        x: Theme.spacingXl
        y: -height - Theme.spacingXs
        onPicked: handle => root.insertMention(handle)
    }

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
        //! Where the "@" of the mention being typed is (-1: none), and the text up to the
        //! cursor when Escape closed the list.
        property int mentionStart: -1
        property string mentionDismissed: ""
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
                    root.updateMention()
                }
                onCursorPositionChanged: if (!d.loading) root.updateMention()
                onActiveFocusChanged: if (!activeFocus) mentions.close()
                // The mention list: arrows move in it while it is open.
                Keys.onUpPressed: event => { if (mentions.visible) mentions.move(-1); else event.accepted = false }
                Keys.onDownPressed: event => { if (mentions.visible) mentions.move(1); else event.accepted = false }
                // Tab moves on (keyboard users leave the field like any other); no tab characters.
                Keys.onTabPressed: event => { if (mentions.visible) { mentions.pickCurrent(); event.accepted = true; return } nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
                // Escape leaves a reply or an edit (elsewhere it goes on to the page).
                Keys.onEscapePressed: event => {
                    if (mentions.visible)
                        root.closeMentions()
                    else if (d.mode.length > 0)
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
                    if (mentions.visible && !(event.modifiers & Qt.ShiftModifier)) {
                        mentions.pickCurrent()
                        return
                    }
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
