// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Protecting oneself in a conversation (issue 17, docs/api.md "Safety"): the header's "…"
// menu mutes the conversation (1 hour, 8 hours, a week, or until unmuted) or unmutes it,
// blocks or unblocks the other person of a direct conversation (after a confirmation), and
// reports them, a message or a payment request with a reason (ReportSheet). A message
// request's banner (ChatPage) accepts, blocks or reports through it too. App.safety talks to the server; what it answers reaches the
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

    //! The chat page's MessagesModel: the open conversation's heading (kind, title, muted,
    //! blocked, the other person), kept fresh from the cache.
    property var messages: null
    readonly property bool direct: messages !== null && messages.kind === "direct"
    readonly property bool muted: messages !== null && messages.muted
    readonly property bool blocked: messages !== null && messages.blocked
    //! A stranger's message request, not accepted yet (docs/api.md "Message requests").
    readonly property bool isRequest: messages !== null && messages.isRequest
    readonly property string otherName: messages !== null ? messages.title : ""
    readonly property string otherUserId: messages !== null ? messages.otherUserId : ""
    readonly property string offlineReason: App.session.online ? "" : qsTr("Needs a connection")
    //! The GroupLayer that opens a group's sheets (its entries below are for groups only).
    property var groups: null
    readonly property bool groupMember: messages !== null && messages.kind === "group" && messages.membership === "member"

    //! Opens the menu under \a button (the header's "…").
    function openMenu(button) {
        const at = button.mapToItem(layer, button.width - menu.width, button.height)
        menu.popup(at.x, at.y)
    }
    function mute(seconds) {
        App.safety.muteConversationFor(conversationId, seconds)
    }
    //! A message request's buttons: accept it, block its sender (declines it; asked first),
    //! report them.
    function accept() {
        App.safety.acceptRequest(conversationId)
    }
    function block() {
        confirmBlock.open()
    }
    function reportPerson() {
        reportSheet.start("user", otherUserId, otherName, false)
    }
    function unblock() {
        if (otherUserId.length > 0)
            App.safety.unblockUser(otherUserId)
    }
    //! Reports \a type \a id (a message, a payment request) of \a name; \a declinable: a
    //! request asked of the user, still open, that may be declined in the same step.
    function report(type, id, name, declinable) {
        reportSheet.start(type, id, name, declinable)
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
            shown: layer.messages !== null && layer.messages.kind === "group"
            text: qsTr("Members")
            iconName: "users"
            onTriggered: if (layer.groups) layer.groups.openMembers()
        }
        MenuEntry {
            objectName: "renameGroupItem"
            shown: layer.groupMember && layer.messages.admin === true
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
            onTriggered: reportSheet.start("user", layer.otherUserId, layer.otherName, false)
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
                    if (layer.otherUserId.length > 0)
                        App.safety.blockUser(layer.otherUserId)
                }
            }
        }
    }

    ReportSheet {
        id: reportSheet
        onReported: declined => layer.say(declined ? qsTr("Thanks. The report was sent and the request declined.")
                                                   : qsTr("Thanks. The report was sent."), false)
    }

    Connections {
        target: App.safety
        function onDone(action, id) {
            if (action === "block") {
                layer.say(qsTr("Blocked."), false)
            } else if (action === "unblock") {
                layer.say(qsTr("Unblocked."), false)
            } else if (action === "mute") {
                layer.say(qsTr("Muted: no notifications from this conversation."), false)
            } else if (action === "unmute") {
                layer.say(qsTr("Unmuted."), false)
            } else if (action === "accept") {
                layer.say(qsTr("Accepted. You can write to each other now."), false)
            }
        }
        function onFailed(action, id, code, detail) {
            const text = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, detail)
            if (action === "report") // the sheet says it
                return
            layer.say(text, true)
        }
    }
}
