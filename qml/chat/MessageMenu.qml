// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// What a right-click, the Menu key, Shift+F10 or the bubble's "…" button on a message offers:
// react (a row of six emoji and "More…"), reply, copy, edit and delete one's own recent text
// messages, delete any message for oneself, forward, and for one's own message that failed
// to send, retry or discard it. One menu for the whole conversation; ChatPage opens it for a
// bubble with openFor(). What needs the server shows, greyed, with the reason while offline.
Menu {
    id: menu
    objectName: "messageMenu"

    //! The message the menu is for (a copy of the delegate's roles); null when closed.
    property var message: null
    readonly property string copyableText: message ? (message.kind === "text" ? message.text : message.body) : ""
    readonly property string amount: message ? message.formattedAmount : ""
    readonly property bool failedOwn: message !== null && message.own && message.state === "failed"
    //! On the server (it has an id) and not deleted: it can be replied to, reacted to, forwarded.
    readonly property bool live: message !== null && message.id.length > 0 && !message.deleted
    //! One's own message within the 48 hours the server allows edits and deletions in.
    readonly property bool ownRecent: live && message.own && message.kind !== "payment" && message.kind !== "request"
                                      && message.createdAt !== undefined
                                      && Time.now.getTime() - message.createdAt.getTime() < 48 * 3600 * 1000
    readonly property bool online: App.session.online

    //! The default reactions of the row (More… opens the picker).
    readonly property var quickReactions: ["👍", "❤️", "😂", "😮", "😢", "🙏"]

    signal replyRequested(var message)
    signal editRequested(var message)
    signal deleteForEveryoneRequested(var message)
    signal forwardRequested(var message)
    signal pickerRequested(var message)
    //! Report \a type ("message", "payment_request") \a id of \a name; \a declinable: an open
    //! request asked of the user, which may be declined in the same step.
    signal reportRequested(string type, string id, string name, bool declinable)

    //! Opens the menu for \a bubble's message at (\a x, \a y) in \a bubble's coordinates (the
    //! pointer), or below its start for the keyboard (x, y negative).
    function openFor(bubble, x, y) {
        // A copy of what the items need: the delegate may go (a retried message moves) while
        // the menu is open.
        message = snapshot(bubble.model)
        reactionRow.selected = 0
        let at = x >= 0 ? bubble.mapToItem(parent, x, y)
                        : bubble.mapToItem(parent, bubble.own ? bubble.width - width : 0, bubble.height)
        // From the keyboard, above the message when there is no room below it (the newest
        // one): the menu never hides the message it is for.
        let tall = topPadding + bottomPadding
        for (let i = 0; i < count; ++i) {
            // (Not `visible`: every item of a closed menu is hidden.)
            const entry = itemAt(i)
            tall += entry.shown === false ? 0 : entry.implicitHeight
        }
        if (x < 0 && parent && at.y + tall > parent.height)
            at = bubble.mapToItem(parent, bubble.own ? bubble.width - width : 0, -tall)
        popup(at.x, at.y)
        // The keyboard lands on what copies the message (so Enter copies at once, as it always
        // did), else on the first item; the reactions and Reply are Up from there.
        if (x < 0) {
            let first = -1
            for (let i = 0; i < count; ++i) {
                const entry = itemAt(i)
                if (!entry.enabled || !entry.visible)
                    continue
                if (first < 0)
                    first = i
                if (entry.objectName === "copyMessageTextItem" || entry.objectName === "copyMessageAmountItem") {
                    first = i
                    break
                }
            }
            if (first >= 0)
                currentIndex = first
        }
    }
    //! What the menu and what it opens need of a delegate's \a m (its roles).
    function snapshot(m) {
        return { id: m.id || "", kind: m.kind, text: m.text, body: m.body, formattedAmount: m.formattedAmount,
                 own: m.own, state: m.state, requestId: m.requestId, clientId: m.clientId,
                 senderName: m.senderName, createdAt: m.createdAt, deleted: m.deleted === true,
                 reactions: m.reactions || [], attachmentCount: (m.attachments || []).length,
                 requestStatus: m.requestStatus || "" }
    }
    //! True when one has reacted to the message with \a emoji.
    function reacted(emoji) {
        return message !== null && message.reactions.some(r => r.emoji === emoji && r.mine)
    }
    function react(emoji) {
        const id = message.id
        const add = !reacted(emoji)
        close()
        App.messageActions.toggleReaction(id, emoji, add)
    }

    width: 264
    padding: Theme.spacingXs
    onClosed: message = null
    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    // React: Left and Right choose, Enter reacts (or takes one's reaction back).
    MenuItem {
        id: reactionRow
        objectName: "reactionRow"
        //! 0–5: a quick reaction; 6: More….
        property int selected: 0
        readonly property bool shown: menu.live
        visible: shown
        enabled: shown && menu.online
        height: shown ? implicitHeight : 0
        Accessible.name: !menu.online ? qsTr("Reactions need a connection")
                         : selected < 6 ? (menu.reacted(menu.quickReactions[selected]) ? qsTr("Take back your reaction %1").arg(menu.quickReactions[selected])
                                                                                       : qsTr("React with %1").arg(menu.quickReactions[selected]))
                         : qsTr("More reactions…")
        Accessible.description: qsTr("Left and Right choose a reaction")
        Keys.onLeftPressed: selected = Math.max(0, selected - 1)
        Keys.onRightPressed: selected = Math.min(menu.quickReactions.length, selected + 1)
        Keys.onReturnPressed: activate()
        Keys.onEnterPressed: activate()
        Keys.onSpacePressed: activate()
        function activate() {
            if (selected < menu.quickReactions.length) {
                menu.react(menu.quickReactions[selected])
            } else {
                const m = menu.message
                menu.close()
                menu.pickerRequested(m)
            }
        }
        contentItem: ColumnLayout {
            spacing: 2
            RowLayout {
                spacing: 2
                Repeater {
                    model: menu.quickReactions
                    delegate: AbstractButton {
                        id: quick
                        required property string modelData
                        required property int index
                        objectName: "quickReaction" + index
                        focusPolicy: Qt.NoFocus
                        enabled: reactionRow.enabled
                        implicitWidth: 32
                        implicitHeight: 32
                        Accessible.role: Accessible.Button
                        Accessible.name: menu.reacted(modelData) ? qsTr("Take back your reaction %1").arg(modelData)
                                                                 : qsTr("React with %1").arg(modelData)
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: Accessible.name
                        contentItem: Text {
                            text: quick.modelData
                            font.pixelSize: 20
                            opacity: quick.enabled ? 1 : 0.4
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                            textFormat: Text.PlainText
                        }
                        background: Rectangle {
                            radius: height / 2
                            color: menu.reacted(quick.modelData) ? Theme.accentSoft
                                 : quick.hovered ? Theme.hover : "transparent"
                            border.width: reactionRow.activeFocus && reactionRow.selected === quick.index ? 2 : 0
                            border.color: Theme.focusRing
                        }
                        onClicked: menu.react(modelData)
                    }
                }
                AbstractButton {
                    id: more
                    objectName: "moreReactionsButton"
                    focusPolicy: Qt.NoFocus
                    enabled: reactionRow.enabled
                    implicitWidth: 32
                    implicitHeight: 32
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("More reactions…")
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: Accessible.name
                    contentItem: Item {
                        Icon { anchors.centerIn: parent; name: "smile-plus"; size: 18; color: more.enabled ? Theme.text : Theme.textFaint }
                    }
                    background: Rectangle {
                        radius: height / 2
                        color: more.hovered ? Theme.hover : "transparent"
                        border.width: reactionRow.activeFocus && reactionRow.selected === menu.quickReactions.length ? 2 : 0
                        border.color: Theme.focusRing
                    }
                    onClicked: {
                        const m = menu.message
                        menu.close()
                        menu.pickerRequested(m)
                    }
                }
            }
            Label {
                visible: !menu.online
                text: qsTr("Reactions need a connection.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
            }
        }
        background: Rectangle {
            radius: Theme.radiusS
            color: "transparent"
        }
    }
    MenuSeparator {
        readonly property bool shown: reactionRow.shown
        visible: shown
        height: visible ? implicitHeight : 0
    }
    MenuEntry {
        objectName: "replyMessageItem"
        text: qsTr("Reply")
        iconName: "reply"
        shown: menu.live
        onTriggered: menu.replyRequested(menu.message)
    }
    MenuEntry {
        objectName: "copyMessageTextItem"
        text: qsTr("Copy text")
        iconName: "copy"
        shown: menu.copyableText.length > 0 && !(menu.message && menu.message.deleted)
        onTriggered: Desktop.copyText(menu.copyableText)
    }
    MenuEntry {
        objectName: "copyMessageAmountItem"
        text: qsTr("Copy amount")
        iconName: "receipt-text"
        shown: menu.amount.length > 0
        onTriggered: Desktop.copyText(menu.amount)
    }
    MenuEntry {
        objectName: "copyRequestLinkItem"
        text: qsTr("Copy payment link")
        iconName: "link"
        shown: menu.message !== null && menu.message.requestId.length > 0
        onTriggered: Desktop.copyText("plaza://pay/" + menu.message.requestId)
    }
    MenuEntry {
        objectName: "editMessageItem"
        text: qsTr("Edit")
        iconName: "pencil"
        shown: menu.ownRecent && menu.message.kind === "text"
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.editRequested(menu.message)
    }
    MenuEntry {
        objectName: "forwardMessageItem"
        text: qsTr("Forward…")
        iconName: "forward"
        shown: menu.live && menu.message.kind !== "payment"
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.forwardRequested(menu.message)
    }
    MenuEntry {
        objectName: "retryMessageItem"
        text: qsTr("Retry sending")
        iconName: "refresh-cw"
        shown: menu.failedOwn
        onTriggered: App.chat.retry(menu.message.clientId)
    }
    MenuEntry {
        objectName: "deleteMessageItem"
        text: qsTr("Delete")
        iconName: "x"
        tint: Theme.danger
        shown: menu.failedOwn
        onTriggered: App.chat.discard(menu.message.clientId)
    }
    MenuEntry {
        objectName: "deleteForEveryoneItem"
        text: qsTr("Delete for everyone…")
        iconName: "trash-2"
        tint: Theme.danger
        shown: menu.ownRecent
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.deleteForEveryoneRequested(menu.message)
    }
    MenuEntry {
        objectName: "deleteForMeItem"
        text: qsTr("Delete for me")
        iconName: "trash-2"
        tint: Theme.danger
        shown: menu.message !== null && menu.message.id.length > 0
        onTriggered: App.messageActions.deleteMessage(menu.message.id, false)
    }
    MenuEntry {
        objectName: "reportMessageItem"
        text: qsTr("Report message…")
        iconName: "flag"
        shown: menu.live && !menu.message.own && menu.message.kind !== "request"
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.reportRequested("message", menu.message.id, menu.message.senderName, false)
    }
    MenuEntry {
        objectName: "reportRequestItem"
        text: qsTr("Report request…")
        iconName: "flag"
        shown: menu.live && !menu.message.own && menu.message.kind === "request" && menu.message.requestId.length > 0
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.reportRequested("payment_request", menu.message.requestId, menu.message.senderName,
                                          menu.message.requestStatus === "open" || menu.message.requestStatus === "")
    }
}
