// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Write a post (or a reply): up to 500 characters, Ctrl+Enter posts. Offline it is queued
// and goes out once, when the connection is back.
Rectangle {
    id: composer
    property string replyTo: ""
    property string replyToName: ""
    property string placeholder: qsTr("What's happening?")
    //! The feed's own composer keeps its unsent text in the encrypted cache across restarts
    //! (App.feed.draft); a reply's composer does not.
    property bool keepsDraft: false
    signal posted()

    readonly property int length: editor.text.length
    readonly property bool tooLong: length > 500
    function focusEditor() { editor.forceActiveFocus() }
    function submit() {
        if ((editor.text.trim().length === 0 && tray.count === 0) || tooLong)
            return
        if (tray.count > 0) {
            if (!App.feed.postWithImages(editor.text, tray.files()))
                return
            tray.clear()
        } else {
            App.feed.compose(editor.text, replyTo)
        }
        editor.text = ""
        saveDraft()
        composer.posted()
    }
    function saveDraft() {
        draftTimer.stop()
        if (keepsDraft)
            App.feed.setDraft(editor.text)
    }
    Timer {
        id: draftTimer
        interval: 600
        onTriggered: composer.saveDraft()
    }
    //! Shows the saved draft, unless something was typed already.
    function loadDraft() {
        if (!keepsDraft || editor.length > 0)
            return
        draftTimer.stop()
        editor.text = App.feed.draft()
        draftTimer.stop() // loading is not typing
        editor.cursorPosition = editor.length
    }
    Component.onCompleted: loadDraft()
    // The feed's store may open after the window: load the draft then.
    Connections {
        target: App.feed
        enabled: composer.keepsDraft
        function onStarted() { composer.loadDraft() }
    }
    Component.onDestruction: saveDraft()

    radius: Theme.radiusL
    color: Theme.surface
    border.width: 1
    border.color: editor.activeFocus ? Theme.focusRing : Theme.border
    implicitHeight: column.implicitHeight + 2 * Theme.spacingM

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS
        Label {
            visible: composer.replyTo.length > 0
            text: qsTr("Replying to %1").arg(composer.replyToName)
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
        }
        TextArea {
            id: editor
            objectName: "composerEditor"
            placeholderText: composer.placeholder
            wrapMode: TextEdit.Wrap
            color: Theme.text
            placeholderTextColor: Theme.textFaint
            font.pixelSize: Theme.fontBody
            selectByMouse: true
            Accessible.name: composer.placeholder
            background: null
            Layout.fillWidth: true
            Layout.minimumHeight: 44
            onTextChanged: if (composer.keepsDraft) draftTimer.restart()
            // Tab moves on (keyboard users leave the field like any other); no tab characters.
            Keys.onTabPressed: event => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
            Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
            Keys.onPressed: event => {
                if (event.matches(StandardKey.Paste) && composer.replyTo.length === 0) {
                    const files = Desktop.clipboardFiles()
                    if (files.length > 0) {
                        tray.addUrls(files)
                        event.accepted = true
                    }
                    return
                }
                if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && (event.modifiers & Qt.ControlModifier)) {
                    composer.submit()
                    event.accepted = true
                }
            }
        }
        AttachmentTray {
            id: tray
            maxFiles: 4
            imagesOnly: true
            Layout.fillWidth: true
        }
        RowLayout {
            AppButton {
                objectName: "composerAttachButton"
                visible: composer.replyTo.length === 0 // replies carry text only
                text: qsTr("Add photos")
                iconName: "image"
                iconOnly: true
                variant: "quiet"
                implicitHeight: 32
                enabled: tray.count < 4
                onClicked: photoDialog.open()
            }
            Label {
                text: App.feed.pendingCount > 0 ? qsTr("%n post(s) waiting to be sent", "", App.feed.pendingCount) : qsTr("Ctrl+Enter to post")
                color: Theme.textFaint
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label {
                objectName: "composerCounter"
                text: qsTr("%1 / 500").arg(composer.length)
                color: composer.tooLong ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
            }
            AppButton {
                objectName: "postButton"
                text: composer.replyTo.length > 0 ? qsTr("Reply") : qsTr("Post")
                implicitHeight: 32
                enabled: (editor.text.trim().length > 0 || tray.count > 0) && !composer.tooLong
                onClicked: composer.submit()
            }
        }
    }
    // Photos dragged onto the composer.
    DropArea {
        id: drop
        anchors.fill: parent
        enabled: composer.replyTo.length === 0
        onEntered: drag => { if (!drag.hasUrls) drag.accepted = false }
        onDropped: drop => {
            if (!drop.hasUrls)
                return
            tray.addUrls(drop.urls)
            drop.acceptProposedAction()
        }
        Rectangle {
            anchors.fill: parent
            visible: drop.containsDrag
            radius: Theme.radiusL
            color: Theme.accentSoft
            opacity: 0.92
            border.width: 2
            border.color: Theme.accent
            Label {
                anchors.centerIn: parent
                text: qsTr("Drop photos to add them")
                color: Theme.accent
                font.weight: Font.DemiBold
            }
        }
    }
    FileDialog {
        id: photoDialog
        title: qsTr("Add photos")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Photos (*.jpg *.jpeg *.png *.gif *.webp *.bmp)")]
        onAccepted: {
            tray.addUrls(selectedFiles)
            composer.focusEditor()
        }
    }
}
