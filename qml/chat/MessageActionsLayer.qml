// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// What acts on sent messages in the open conversation (issue 17), beside ChatPage: the
// message menu and what it opens (the emoji picker, the forward sheet, the "delete for
// everyone" question), reply and edit through the composer, reaction chips, and a short
// note at the bottom when something failed or was done. App.messageActions talks to the
// server; every failure is a sentence from MessageActionText, never the core's English.
Item {
    id: layer

    //! The page's composer (reply and edit modes) and the open conversation's id.
    property var composer: null
    property string conversationId: ""
    //! user id → display name, learnt from the bubbles shown (reaction tooltips).
    property var names: ({})
    //! The edit waiting for the server's answer: {id, text}.
    property var pendingEdit: null
    //! The toast: its text and whether it reports a failure.
    property string note: ""
    property bool noteIsError: false

    //! Scrolls to and highlights a message (ChatPage.jumpTo's second half).
    signal jumpRequested(string messageId)
    //! Report \a type ("message", "payment_request") \a id of \a name (SafetyLayer's report sheet).
    signal reportRequested(string type, string id, string name, bool declinable)

    function openMenu(bubble, x, y) {
        menu.openFor(bubble, x, y)
    }
    //! --page chat/<id>/menu, /react, /reply, /forward: the menu, the picker, the reply bar or the forward sheet for \a bubble.
    function showcase(mode, bubble) {
        if (!bubble)
            return
        if (mode === "menu") {
            openMenu(bubble, -1, -1)
            return
        }
        const m = menu.snapshot(bubble.model)
        if (mode === "react") {
            picker.message = m
            picker.start()
        } else if (mode === "forward") {
            forwardSheet.start(m)
        } else {
            composer.startReply(m.id, m.own ? qsTr("yourself") : m.senderName, snippetOf(m))
        }
    }
    function learn(userId, name) {
        if (!userId || userId.length === 0 || !name || name.length === 0 || names[userId] === name)
            return
        const known = Object.assign({}, names)
        known[userId] = name
        names = known // (a new object, so the tooltips that read it follow)
    }
    //! Display names for \a ids ("You" for oneself); ids not known are left out.
    function nameOf(ids) {
        const out = []
        for (let i = 0; i < ids.length; ++i) {
            const id = ids[i]
            if (id === App.session.userId)
                out.push(qsTr("You"))
            else if (names[id] !== undefined)
                out.push(names[id])
        }
        return out
    }
    function say(text, isError) {
        note = text
        noteIsError = isError
        noteTimer.restart()
    }
    function toggleReaction(messageId, emoji, add) {
        if (!App.session.online) {
            say(qsTr("You're offline. Reactions need a connection."), true)
            return
        }
        App.messageActions.toggleReaction(messageId, emoji, add)
    }
    //! The composer's Enter: true when it took the text (a reply went to the outbox, an edit
    //! went to the server); false for a plain message, which the page sends.
    function submit(text) {
        if (!composer || composer.mode === "")
            return false
        if (composer.mode === "reply") {
            if (App.chat.sendReply(conversationId, text, composer.targetId)) {
                composer.clear()
                return true
            }
            return true
        }
        // Editing.
        if (!App.session.online) {
            say(qsTr("You're offline. Editing needs a connection; your message is unchanged."), true)
            return true
        }
        if (pendingEdit)
            return true
        pendingEdit = { id: composer.targetId, text: text }
        App.messageActions.editMessage(composer.targetId, text)
        return true
    }
    //! A quote in a bubble was clicked.
    function showOriginal(messageId, deleted) {
        if (deleted)
            say(qsTr("Original message deleted"), false)
        jumpRequested(messageId)
    }
    function snippetOf(m) {
        const words = m.kind === "text" ? m.text : m.body
        if (words && words.length > 0)
            return words
        if (m.kind === "payment")
            return qsTr("💸 Payment of %1").arg(m.formattedAmount)
        if (m.kind === "request")
            return qsTr("🧾 Payment request")
        return m.attachmentCount > 0 ? qsTr("%n attachments", "", m.attachmentCount) : ""
    }

    onConversationIdChanged: {
        pendingEdit = null
        note = ""
    }
    Timer { id: noteTimer; interval: 5000; onTriggered: layer.note = "" }

    MessageMenu {
        id: menu
        onReplyRequested: m => layer.composer.startReply(m.id, m.own ? qsTr("yourself") : m.senderName, layer.snippetOf(m))
        onEditRequested: m => layer.composer.startEdit(m.id, m.text)
        onForwardRequested: m => forwardSheet.start(m)
        onDeleteForEveryoneRequested: m => { confirmDelete.message = m; confirmDelete.open() }
        onPickerRequested: m => { picker.message = m; picker.start() }
        onReportRequested: (type, id, name, declinable) => layer.reportRequested(type, id, name, declinable)
    }
    EmojiPicker {
        id: picker
        property var message: null
        onPicked: emoji => {
            if (!message)
                return
            const mine = message.reactions.some(r => r.emoji === emoji && r.mine)
            layer.toggleReaction(message.id, emoji, !mine)
            message = null
        }
    }
    ForwardSheet { id: forwardSheet }
    Sheet {
        id: confirmDelete
        objectName: "confirmDeleteSheet"
        property var message: null
        title: qsTr("Delete for everyone?")
        subtitle: qsTr("The message is replaced by “Message deleted” for everyone in this conversation. This can't be undone.")
        contentItem: RowLayout {
            spacing: Theme.spacingS
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "cancelDeleteButton"
                variant: "secondary"
                text: qsTr("Cancel")
                onClicked: confirmDelete.close()
            }
            AppButton {
                objectName: "confirmDeleteButton"
                variant: "danger"
                text: qsTr("Delete for everyone")
                enabled: App.session.online
                onClicked: {
                    const id = confirmDelete.message ? confirmDelete.message.id : ""
                    confirmDelete.close()
                    if (id.length > 0)
                        App.messageActions.deleteMessage(id, true)
                }
            }
        }
    }

    Connections {
        target: App.messageActions
        function onDone(action, messageId) {
            if (action === "edit" && layer.pendingEdit && layer.pendingEdit.id === messageId) {
                layer.pendingEdit = null
                if (layer.composer && layer.composer.mode === "edit" && layer.composer.targetId === messageId)
                    layer.composer.clear()
            } else if (action === "delete") {
                layer.say(qsTr("Message deleted for everyone"), false)
            } else if (action === "delete_for_me") {
                layer.say(qsTr("Message deleted on this device"), false)
            } else if (action === "forward") {
                layer.say(qsTr("Message forwarded"), false)
            }
        }
        function onFailed(action, messageId, code, detail) {
            if (action === "edit" && layer.pendingEdit && layer.pendingEdit.id === messageId)
                layer.pendingEdit = null
            // The forward sheet shows its own failures.
            if (action === "forward" && forwardSheet.visible)
                return
            layer.say(MessageActionText.failure(action, code, detail), true)
        }
    }

    // The note: over the bottom of the conversation, above the composer.
    Rectangle {
        id: toast
        objectName: "messageActionNote"
        visible: layer.note.length > 0
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: (layer.composer ? layer.composer.height : 0) + 2 * Theme.spacingL
        width: Math.min(parent.width - 2 * Theme.spacingL, noteRow.implicitWidth + 2 * Theme.spacingM)
        implicitHeight: noteRow.implicitHeight + 2 * Theme.spacingS
        radius: Theme.radiusM
        color: layer.noteIsError ? Theme.dangerSoft : Theme.surfaceRaised
        border.width: 1
        border.color: layer.noteIsError ? Theme.danger : Theme.border
        Accessible.role: Accessible.AlertMessage
        Accessible.name: layer.note
        RowLayout {
            id: noteRow
            anchors.fill: parent
            anchors.margins: Theme.spacingS
            anchors.leftMargin: Theme.spacingM
            spacing: Theme.spacingS
            Icon { name: layer.noteIsError ? "circle-alert" : "circle-check"; size: 16; color: layer.noteIsError ? Theme.danger : Theme.success }
            Label {
                objectName: "messageActionNoteText"
                text: layer.note
                color: Theme.text
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.maximumWidth: 520
            }
            ToolButton {
                Accessible.name: qsTr("Dismiss")
                Accessible.onPressAction: clicked()
                focusPolicy: Qt.NoFocus
                contentItem: Icon { name: "x"; size: 14; color: Theme.textMuted }
                background: Rectangle { implicitWidth: 24; implicitHeight: 24; radius: Theme.radiusS; color: parent.hovered ? Theme.hover : "transparent" }
                onClicked: layer.note = ""
            }
        }
    }
}
