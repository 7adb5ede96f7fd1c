// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Forward a message: tick one or several conversations (up to 10, searchable), then
// "Forward to N conversations". Each gets a new message labelled "Forwarded".
Sheet {
    id: sheet
    objectName: "forwardSheet"
    //! The message forwarded (the menu's copy of its roles).
    property var message: null
    //! The conversation ids ticked.
    property var picked: []
    property bool busy: false
    property string error: ""
    readonly property int maxTargets: 10

    title: qsTr("Forward message")
    subtitle: message ? (message.text || message.body || "").replace(/\s+/g, " ").slice(0, 120) : ""
    closable: !busy

    function start(m) {
        message = m
        picked = []
        busy = false
        error = ""
        search.text = ""
        open()
    }
    function isPicked(id) {
        return picked.indexOf(id) >= 0
    }
    function toggle(id) {
        if (isPicked(id))
            picked = picked.filter(x => x !== id)
        else if (picked.length < maxTargets)
            picked = picked.concat([id])
    }
    function forward() {
        if (picked.length === 0 || busy || !App.session.online)
            return
        error = ""
        busy = true
        App.messageActions.forwardMessage(message.id, picked)
    }
    onOpened: search.forceActiveFocus()

    ConversationsModel {
        id: conversations
        chat: App.chat
        filter: search.text
    }
    Connections {
        target: App.messageActions
        enabled: sheet.visible
        function onDone(action, messageId) {
            if (action !== "forward" || !sheet.message || messageId !== sheet.message.id)
                return
            sheet.busy = false
            sheet.close()
        }
        function onFailed(action, messageId, code, detail) {
            if (action !== "forward" || !sheet.message || messageId !== sheet.message.id)
                return
            sheet.busy = false
            sheet.error = MessageActionText.failure(action, code, detail)
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        FormField {
            id: search
            objectName: "forwardSearchField"
            label: qsTr("Search conversations")
            Layout.fillWidth: true
            onAccepted: if (list.count > 0) sheet.toggle(conversations.get(0).id)
        }
        ListView {
            id: list
            objectName: "forwardTargets"
            model: conversations
            clip: true
            implicitHeight: 260
            Layout.fillWidth: true
            activeFocusOnTab: count > 0
            keyNavigationEnabled: true
            currentIndex: -1
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
            Keys.onSpacePressed: if (currentItem) currentItem.toggle()
            Keys.onReturnPressed: if (currentItem) currentItem.toggle()
            Keys.onEnterPressed: if (currentItem) currentItem.toggle()
            ScrollBar.vertical: ScrollBar {}
            delegate: CheckDelegate {
                id: row
                required property var model
                objectName: "forwardTarget"
                readonly property string conversationId: model.id
                width: ListView.view.width
                focusPolicy: Qt.NoFocus
                checkable: false
                checked: sheet.isPicked(model.id)
                enabled: !sheet.busy && (checked || sheet.picked.length < sheet.maxTargets)
                highlighted: ListView.isCurrentItem && list.activeFocus
                text: model.title
                Accessible.name: model.title
                Accessible.checkable: true
                Accessible.checked: checked
                Accessible.onPressAction: toggle()
                function toggle() { sheet.toggle(model.id) }
                onClicked: toggle()
                contentItem: RowLayout {
                    spacing: Theme.spacingM
                    Avatar {
                        initials: row.model.initials
                        size: 32
                    }
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label {
                            text: row.model.title
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: row.model.kind === "group"
                            readonly property bool preview: true // the members, elided by design
                            text: qsTr("You and %1").arg(row.model.memberNames.join(", "))
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                    Rectangle {
                        implicitWidth: 20
                        implicitHeight: 20
                        radius: Theme.radiusS
                        color: row.checked ? Theme.accent : "transparent"
                        border.width: row.checked ? 0 : 2
                        border.color: Theme.border
                        Icon { anchors.centerIn: parent; visible: row.checked; name: "check"; size: 14; color: Theme.accentText }
                    }
                }
                indicator: null
                background: Rectangle {
                    radius: Theme.radiusM
                    color: row.highlighted ? Theme.selected : row.hovered ? Theme.hover : "transparent"
                    FocusRing { shown: row.highlighted }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: list.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: conversations.error.length > 0 ? Errors.describe(conversations.error, "", App.session.serverUrl)
                      : search.text.trim().length > 0 ? qsTr("No conversation matches.") : qsTr("No conversations yet.")
                color: Theme.textMuted
            }
        }
        Label {
            visible: sheet.picked.length >= sheet.maxTargets
            text: qsTr("You can forward to at most %n conversations at once.", "", sheet.maxTargets)
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        InlineError { objectName: "forwardError"; text: sheet.error; Layout.fillWidth: true }
        Label {
            visible: !App.session.online
            text: qsTr("You're offline. Forwarding needs a connection.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        AppButton {
            objectName: "forwardButton"
            text: sheet.picked.length > 0 ? qsTr("Forward to %n conversations", "", sheet.picked.length) : qsTr("Forward")
            iconName: "forward"
            enabled: sheet.picked.length > 0 && App.session.online && !sheet.busy
            busy: sheet.busy
            Layout.fillWidth: true
            onClicked: sheet.forward()
        }
    }
}
