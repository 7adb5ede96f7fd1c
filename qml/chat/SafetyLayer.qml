// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Protecting oneself in a conversation (issue 17, docs/api.md "Safety"): the header's "…"
// menu mutes the conversation (1 hour, 8 hours, a week, or until unmuted) or unmutes it,
// blocks or unblocks the other person of a direct conversation (after a confirmation), and
// reports them with a reason. App.safety talks to the server; what it answers reaches the
// conversation list through the cache. A blocked person's conversation stays readable, and
// `blocked` tells ChatPage to show why it can no longer be written in.
Item {
    id: layer

    //! The open conversation's id.
    property string conversationId: ""
    //! What says what was done or what failed at the bottom of the conversation (the
    //! MessageActionsLayer: its say(text, isError)).
    property var notes: null
    function say(text, isError) {
        if (notes)
            notes.say(text, isError)
    }

    // The open conversation's row, kept fresh: muted, blocked, the other person.
    property int revision: 0
    readonly property var info: {
        revision
        const row = conversationId.length > 0 ? conversations.indexOf(conversationId) : -1
        return row >= 0 ? conversations.get(row) : null
    }
    readonly property bool direct: info !== null && info.kind === "direct"
    readonly property bool muted: info !== null && info.muted === true
    readonly property bool blocked: info !== null && info.blocked === true
    readonly property string otherName: info !== null ? info.title : ""
    readonly property string offlineReason: App.session.online ? "" : qsTr("Needs a connection")
    //! The GroupLayer that opens a group's sheets (its entries below are for groups only).
    property var groups: null
    readonly property bool groupMember: info !== null && info.kind === "group" && info.membership === "member"

    //! Opens the menu under \a button (the header's "…").
    function openMenu(button) {
        const at = button.mapToItem(layer, button.width - menu.width, button.height)
        menu.popup(at.x, at.y)
    }
    function mute(seconds) {
        App.safety.muteConversationFor(conversationId, seconds)
    }
    function unblock() {
        if (info && info.otherUserId.length > 0)
            App.safety.unblockUser(info.otherUserId)
    }

    ConversationsModel {
        id: conversations
        chat: App.chat
        onDataChanged: layer.revision++
        onModelReset: layer.revision++
        onRowsInserted: layer.revision++
        onRowsRemoved: layer.revision++
    }

    Menu {
        id: menu
        objectName: "conversationMenu"
        width: 260
        padding: Theme.spacingXs
        background: Rectangle {
            implicitWidth: 260
            radius: Theme.radiusL
            color: Theme.surfaceRaised
            border.width: 1
            border.color: Theme.border
        }
        MenuEntry {
            objectName: "membersItem"
            shown: layer.info !== null && layer.info.kind === "group"
            text: qsTr("Members")
            iconName: "users"
            onTriggered: if (layer.groups) layer.groups.openMembers()
        }
        MenuEntry {
            objectName: "renameGroupItem"
            shown: layer.groupMember && layer.info.admin === true
            text: qsTr("Rename group…")
            iconName: "pencil"
            reason: layer.offlineReason
            onTriggered: if (layer.groups) layer.groups.openRename()
        }
        MenuEntry {
            objectName: "leaveGroupItem"
            shown: layer.groupMember
            text: qsTr("Leave group…")
            iconName: "log-out"
            tint: Theme.danger
            reason: layer.offlineReason
            onTriggered: if (layer.groups) layer.groups.openLeave()
        }
        MenuEntry {
            objectName: "muteHourItem"
            shown: !layer.muted
            text: qsTr("Mute for 1 hour")
            iconName: "bell-off"
            reason: layer.offlineReason
            onTriggered: layer.mute(3600)
        }
        MenuEntry {
            objectName: "muteEightHoursItem"
            shown: !layer.muted
            text: qsTr("Mute for 8 hours")
            iconName: "bell-off"
            reason: layer.offlineReason
            onTriggered: layer.mute(8 * 3600)
        }
        MenuEntry {
            objectName: "muteWeekItem"
            shown: !layer.muted
            text: qsTr("Mute for a week")
            iconName: "bell-off"
            reason: layer.offlineReason
            onTriggered: layer.mute(7 * 24 * 3600)
        }
        MenuEntry {
            objectName: "muteForeverItem"
            shown: !layer.muted
            text: qsTr("Mute until I unmute it")
            iconName: "bell-off"
            reason: layer.offlineReason
            onTriggered: layer.mute(0)
        }
        MenuEntry {
            objectName: "unmuteItem"
            shown: layer.muted
            text: qsTr("Unmute")
            iconName: "bell"
            reason: layer.offlineReason
            onTriggered: App.safety.unmuteConversation(layer.conversationId)
        }
        MenuEntry {
            objectName: "reportPersonItem"
            shown: layer.direct
            text: qsTr("Report %1…").arg(layer.otherName)
            iconName: "flag"
            reason: layer.offlineReason
            onTriggered: reportSheet.start()
        }
        MenuEntry {
            objectName: "blockItem"
            shown: layer.direct && !layer.blocked
            text: qsTr("Block %1…").arg(layer.otherName)
            iconName: "ban"
            tint: Theme.danger
            reason: layer.offlineReason
            onTriggered: confirmBlock.open()
        }
        MenuEntry {
            objectName: "unblockItem"
            shown: layer.direct && layer.blocked
            text: qsTr("Unblock %1").arg(layer.otherName)
            iconName: "ban"
            reason: layer.offlineReason
            onTriggered: layer.unblock()
        }
    }

    Sheet {
        id: confirmBlock
        objectName: "confirmBlockSheet"
        title: qsTr("Block %1?").arg(layer.otherName)
        subtitle: qsTr("They can't message you, ask you for money or see your posts, and you won't see theirs. This conversation stays readable. Open requests between you are cancelled.")
        contentItem: RowLayout {
            spacing: Theme.spacingS
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "cancelBlockButton"
                variant: "secondary"
                text: qsTr("Cancel")
                onClicked: confirmBlock.close()
            }
            AppButton {
                objectName: "confirmBlockButton"
                variant: "danger"
                text: qsTr("Block")
                enabled: App.session.online
                onClicked: {
                    confirmBlock.close()
                    if (layer.info && layer.info.otherUserId.length > 0)
                        App.safety.blockUser(layer.info.otherUserId)
                }
            }
        }
    }

    Sheet {
        id: reportSheet
        objectName: "reportSheet"
        property bool busy: false
        property string error: ""
        property string targetId: ""
        title: qsTr("Report %1").arg(layer.otherName)
        subtitle: qsTr("Plaza's team reviews every report. %1 isn't told who reported them.").arg(layer.otherName)
        closable: !busy
        function start() {
            targetId = layer.info ? layer.info.otherUserId : ""
            busy = false
            error = ""
            reasonChoice.currentIndex = 0
            noteField.text = ""
            open()
        }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            Label {
                text: qsTr("Reason")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
            }
            AppComboBox {
                id: reasonChoice
                objectName: "reportReason"
                Accessible.name: qsTr("Reason")
                textRole: "label"
                valueRole: "value"
                model: [
                    { value: "spam", label: qsTr("Spam") },
                    { value: "scam", label: qsTr("A scam or fraud") },
                    { value: "abuse", label: qsTr("Harassment or abuse") },
                    { value: "other", label: qsTr("Something else") }
                ]
                Layout.fillWidth: true
            }
            FormField {
                id: noteField
                objectName: "reportNote"
                label: qsTr("What happened (optional)")
                maximumLength: 500
                Layout.fillWidth: true
            }
            InlineError { visible: reportSheet.error.length > 0; text: reportSheet.error; Layout.fillWidth: true }
            RowLayout {
                spacing: Theme.spacingS
                Item { Layout.fillWidth: true }
                AppButton {
                    variant: "secondary"
                    text: qsTr("Cancel")
                    enabled: !reportSheet.busy
                    onClicked: reportSheet.close()
                }
                AppButton {
                    objectName: "sendReportButton"
                    variant: "danger"
                    text: qsTr("Report")
                    busy: reportSheet.busy
                    enabled: !reportSheet.busy && App.session.online && reportSheet.targetId.length > 0
                    onClicked: {
                        reportSheet.busy = true
                        reportSheet.error = ""
                        App.safety.reportTarget("user", reportSheet.targetId, reasonChoice.currentValue, noteField.text.trim(), false)
                    }
                }
            }
        }
    }

    Connections {
        target: App.safety
        function onDone(action, id) {
            if (action === "report") {
                reportSheet.busy = false
                reportSheet.close()
                layer.say(qsTr("Thanks. The report was sent."), false)
            } else if (action === "block") {
                layer.say(qsTr("Blocked."), false)
            } else if (action === "unblock") {
                layer.say(qsTr("Unblocked."), false)
            } else if (action === "mute") {
                layer.say(qsTr("Muted: no notifications from this conversation."), false)
            } else if (action === "unmute") {
                layer.say(qsTr("Unmuted."), false)
            }
        }
        function onFailed(action, id, code, detail) {
            const text = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, detail)
            if (action === "report" && reportSheet.visible) {
                reportSheet.busy = false
                reportSheet.error = text
                return
            }
            layer.say(text, true)
        }
    }
}
