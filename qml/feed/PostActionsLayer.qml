// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// What acts on posts (issue 17), one for the Feed page and its sheets: the post menu and what
// it opens — the edit sheet, the quote sheet, the "delete this post?" question — and a short
// note when something was done. App.feed talks to the server; a refusal is a sentence in the
// user's language, in the sheet it came from (or in the note).
Item {
    id: layer

    //! The note: its text and whether it reports a failure.
    property string note: ""
    property bool noteIsError: false
    //! An edit or a quote sheet is open: its failures show there, not in the page's notice.
    //! How many refusals it has shown (the page's own notice leaves those to it).
    property int refusals: 0
    readonly property bool sheetOpen: editSheet.visible || quoteSheet.visible || confirmDelete.visible

    function openMenu(row, x, y) {
        menu.openFor(row, x, y)
    }
    //! --page feed/menu, /edit, /quote, /delete: the menu, the edit or quote sheet, or the question for \a row.
    function showcase(mode, row) {
        if (!row)
            return
        if (mode === "menu") {
            openMenu(row, -1, -1)
            return
        }
        const p = menu.snapshot(row.model)
        if (mode === "edit")
            editSheet.start(p)
        else if (mode === "quote")
            quoteSheet.start(p)
        else if (mode === "delete")
            confirmDelete.start(p)
    }
    function say(text, isError) {
        note = text
        noteIsError = isError
        noteTimer.restart()
    }
    //! A refusal of the server (or of the local checks) as a sentence.
    function describe(code, field) {
        if (code === "validation_failed" && (field === "text" || field === ""))
            return qsTr("Posts are 1 to 500 characters.")
        if (code === "not_found")
            return qsTr("This post is gone.")
        if (code === "forbidden")
            return qsTr("Only its author can change this post.")
        return Errors.describe(code, field, App.session.serverUrl)
    }

    Timer { id: noteTimer; interval: 5000; onTriggered: layer.note = "" }

    PostMenu {
        id: menu
        onEditRequested: p => editSheet.start(p)
        onQuoteRequested: p => quoteSheet.start(p)
        onDeleteRequested: p => confirmDelete.start(p)
    }

    Connections {
        target: App.feed
        function onActionDone(action, postId) {
            if (action === "edit" && editSheet.pending && editSheet.post && editSheet.post.postId === postId) {
                editSheet.pending = false
                editSheet.close()
                layer.say(qsTr("Post edited"), false)
            } else if (action === "quote" && quoteSheet.pending && quoteSheet.post && quoteSheet.post.postId === postId) {
                quoteSheet.pending = false
                quoteSheet.close()
                layer.say(qsTr("Quote posted"), false)
            } else if (action === "delete") {
                layer.say(qsTr("Post deleted"), false)
            } else if (action === "bookmark") {
                layer.say(qsTr("Bookmarked"), false)
            } else if (action === "unbookmark") {
                layer.say(qsTr("Bookmark removed"), false)
            }
        }
        function onActionRefused(action, postId, code, field) {
            layer.refusals += 1
            if (action === "edit" && editSheet.visible) {
                editSheet.pending = false
                editSheet.error = layer.describe(code, field)
            } else if (action === "quote" && quoteSheet.visible) {
                quoteSheet.pending = false
                quoteSheet.error = layer.describe(code, field)
            } else {
                layer.say(layer.describe(code, field), true)
            }
        }
    }

    // Edit: the post's text in a field; Save sends it, Escape or Cancel leaves it as it was.
    Sheet {
        id: editSheet
        objectName: "editPostSheet"
        property var post: null
        property bool pending: false
        property string error: ""
        readonly property int length: editField.text.length
        function start(p) {
            post = p
            pending = false
            error = ""
            editField.text = p.text
            open()
            editField.forceActiveFocus()
            editField.cursorPosition = editField.length
        }
        function save() {
            if (!post || pending || editField.text.trim().length === 0 || length > 500)
                return
            if (!App.session.online) {
                error = qsTr("You're offline. Editing needs a connection; your post is unchanged.")
                return
            }
            error = ""
            pending = true
            if (!App.feed.edit(post.postId, editField.text))
                pending = false
        }
        title: qsTr("Edit post")
        closable: !pending
        width: Math.min(560, parent ? parent.width - 2 * Theme.spacingXl : 560)
        onClosed: { post = null; pending = false }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            Rectangle {
                radius: Theme.radiusM
                color: Theme.surface
                border.width: 1
                border.color: editField.activeFocus ? Theme.focusRing : Theme.border
                implicitHeight: Math.max(120, editField.implicitHeight + 2 * Theme.spacingS)
                Layout.fillWidth: true
                TextArea {
                    id: editField
                    objectName: "editPostField"
                    anchors.fill: parent
                    anchors.margins: Theme.spacingXs
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    selectByMouse: true
                    background: null
                    Accessible.name: qsTr("Text of the post")
                    Keys.onTabPressed: event => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                    Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
                    Keys.onPressed: event => {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && (event.modifiers & Qt.ControlModifier)) {
                            editSheet.save()
                            event.accepted = true
                        }
                    }
                    onTextChanged: editSheet.error = ""
                }
            }
            Label {
                objectName: "editPostError"
                visible: editSheet.error.length > 0
                text: editSheet.error
                color: Theme.danger
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacingS
                Label {
                    text: qsTr("Ctrl+Enter to save. Others see that it was edited.")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontCaption
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "editPostCounter"
                    text: qsTr("%1 / 500").arg(editSheet.length)
                    color: editSheet.length > 500 ? Theme.danger : Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
                AppButton {
                    objectName: "cancelEditPostButton"
                    variant: "secondary"
                    text: qsTr("Cancel")
                    enabled: !editSheet.pending
                    onClicked: editSheet.close()
                }
                AppButton {
                    objectName: "saveEditPostButton"
                    text: qsTr("Save")
                    busy: editSheet.pending
                    enabled: editField.text.trim().length > 0 && editSheet.length <= 500 && !editSheet.pending
                    onClicked: editSheet.save()
                }
            }
        }
    }

    // Quote: the quoted post as a small card above the field; Post sends the quote-repost.
    Sheet {
        id: quoteSheet
        objectName: "quotePostSheet"
        property var post: null
        property bool pending: false
        property string error: ""
        readonly property int length: quoteField.text.length
        function start(p) {
            post = p
            pending = false
            error = ""
            quoteField.text = ""
            open()
            quoteField.forceActiveFocus()
        }
        function send() {
            if (!post || pending || quoteField.text.trim().length === 0 || length > 500)
                return
            if (!App.session.online) {
                error = qsTr("You're offline. Quoting needs a connection.")
                return
            }
            error = ""
            pending = true
            if (!App.feed.quote(post.postId, quoteField.text))
                pending = false
        }
        title: qsTr("Quote post")
        closable: !pending
        width: Math.min(560, parent ? parent.width - 2 * Theme.spacingXl : 560)
        onClosed: { post = null; pending = false }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            // The quoted post, compact, above what one writes about it.
            Rectangle {
                objectName: "quotePreview"
                radius: Theme.radiusM
                color: "transparent"
                border.width: 1
                border.color: Theme.border
                implicitHeight: previewColumn.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                Accessible.role: Accessible.Grouping
                Accessible.name: quoteSheet.post ? qsTr("Quoted post by %1").arg(quoteSheet.post.authorName) : ""
                ColumnLayout {
                    id: previewColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingXs
                    Label {
                        text: quoteSheet.post ? quoteSheet.post.authorName + "  @" + quoteSheet.post.authorHandle : ""
                        color: Theme.text
                        font.pixelSize: Theme.fontCaption
                        font.weight: Font.DemiBold
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        text: quoteSheet.post ? quoteSheet.post.text : ""
                        color: Theme.text
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
            }
            Rectangle {
                radius: Theme.radiusM
                color: Theme.surface
                border.width: 1
                border.color: quoteField.activeFocus ? Theme.focusRing : Theme.border
                implicitHeight: Math.max(96, quoteField.implicitHeight + 2 * Theme.spacingS)
                Layout.fillWidth: true
                TextArea {
                    id: quoteField
                    objectName: "quotePostField"
                    anchors.fill: parent
                    anchors.margins: Theme.spacingXs
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    placeholderText: qsTr("Add your thoughts")
                    placeholderTextColor: Theme.textFaint
                    font.pixelSize: Theme.fontBody
                    selectByMouse: true
                    background: null
                    Accessible.name: qsTr("Your words about the quoted post")
                    Keys.onTabPressed: event => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                    Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
                    Keys.onPressed: event => {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && (event.modifiers & Qt.ControlModifier)) {
                            quoteSheet.send()
                            event.accepted = true
                        }
                    }
                    onTextChanged: quoteSheet.error = ""
                }
            }
            Label {
                objectName: "quotePostError"
                visible: quoteSheet.error.length > 0
                text: quoteSheet.error
                color: Theme.danger
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacingS
                Label {
                    text: qsTr("Ctrl+Enter to post")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("%1 / 500").arg(quoteSheet.length)
                    color: quoteSheet.length > 500 ? Theme.danger : Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
                AppButton {
                    objectName: "cancelQuoteButton"
                    variant: "secondary"
                    text: qsTr("Cancel")
                    enabled: !quoteSheet.pending
                    onClicked: quoteSheet.close()
                }
                AppButton {
                    objectName: "postQuoteButton"
                    text: qsTr("Post")
                    busy: quoteSheet.pending
                    enabled: quoteField.text.trim().length > 0 && quoteSheet.length <= 500 && !quoteSheet.pending
                    onClicked: quoteSheet.send()
                }
            }
        }
    }

    // Delete: asked first.
    Sheet {
        id: confirmDelete
        objectName: "confirmDeletePostSheet"
        property var post: null
        function start(p) {
            post = p
            open()
        }
        title: qsTr("Delete this post?")
        subtitle: qsTr("It disappears for everyone, with its likes and reposts. This can't be undone.")
        onClosed: post = null
        contentItem: RowLayout {
            spacing: Theme.spacingS
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "cancelDeletePostButton"
                variant: "secondary"
                text: qsTr("Cancel")
                onClicked: confirmDelete.close()
            }
            AppButton {
                objectName: "confirmDeletePostButton"
                variant: "danger"
                text: qsTr("Delete")
                enabled: App.session.online
                onClicked: {
                    const id = confirmDelete.post ? confirmDelete.post.postId : ""
                    confirmDelete.close()
                    if (id.length > 0)
                        App.feed.remove(id)
                }
            }
        }
    }

    // The note, at the bottom of the page.
    Rectangle {
        id: toast
        objectName: "postActionNote"
        visible: layer.note.length > 0
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 2 * Theme.spacingL
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
                objectName: "postActionNoteText"
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
