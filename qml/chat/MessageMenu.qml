// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// What a right-click (or the Menu key, Shift+F10) on a message offers: copy its text, copy a
// money message's amount (as the reader's locale writes it), and for one's own message that
// failed to send, retry or delete it. One menu for the whole conversation; ChatPage opens it
// for a bubble with openFor().
Menu {
    id: menu
    objectName: "messageMenu"

    //! The message the menu is for (the delegate's model object); null when closed.
    property var message: null
    readonly property string copyableText: message ? (message.kind === "text" ? message.text : message.body) : ""
    readonly property string amount: message ? message.formattedAmount : ""
    readonly property bool failedOwn: message !== null && message.own && message.state === "failed"

    //! Opens the menu for \a bubble's message at (\a x, \a y) in \a bubble's coordinates (the
    //! pointer), or below its start for the keyboard (x, y negative).
    function openFor(bubble, x, y) {
        // A copy of what the items need: the delegate may go (a retried message moves) while
        // the menu is open.
        const m = bubble.model
        message = { kind: m.kind, text: m.text, body: m.body, formattedAmount: m.formattedAmount, own: m.own,
                    state: m.state, requestId: m.requestId, clientId: m.clientId }
        const at = x >= 0 ? bubble.mapToItem(parent, x, y)
                          : bubble.mapToItem(parent, bubble.own ? bubble.width - width : 0, bubble.height)
        popup(at.x, at.y)
        // The keyboard lands on the first item, so Enter copies at once.
        if (x < 0) {
            for (let i = 0; i < count; ++i) {
                if (itemAt(i).enabled) {
                    currentIndex = i
                    break
                }
            }
        }
    }

    width: 220
    padding: Theme.spacingXs
    onClosed: message = null
    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    component Entry: MenuItem {
        id: entry
        property string iconName: ""
        property color tint: Theme.text
        visible: enabled
        height: enabled ? implicitHeight : 0
        // Enter, like a click (Space already is).
        Keys.onReturnPressed: triggered()
        Keys.onEnterPressed: triggered()
        contentItem: RowLayout {
            spacing: Theme.spacingM
            Icon { name: entry.iconName; size: 16; color: entry.tint }
            Label {
                text: entry.text
                color: entry.tint
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        background: Rectangle {
            radius: Theme.radiusS
            color: entry.highlighted ? Theme.hover : "transparent"
        }
    }

    Entry {
        objectName: "copyMessageTextItem"
        text: qsTr("Copy text")
        iconName: "copy"
        enabled: menu.copyableText.length > 0
        onTriggered: Desktop.copyText(menu.copyableText)
    }
    Entry {
        objectName: "copyMessageAmountItem"
        text: qsTr("Copy amount")
        iconName: "receipt-text"
        enabled: menu.amount.length > 0
        onTriggered: Desktop.copyText(menu.amount)
    }
    Entry {
        objectName: "copyRequestLinkItem"
        text: qsTr("Copy payment link")
        iconName: "link"
        enabled: menu.message !== null && menu.message.requestId.length > 0
        onTriggered: Desktop.copyText("plaza://pay/" + menu.message.requestId)
    }
    Entry {
        objectName: "retryMessageItem"
        text: qsTr("Retry sending")
        iconName: "refresh-cw"
        enabled: menu.failedOwn
        onTriggered: App.chat.retry(menu.message.clientId)
    }
    Entry {
        objectName: "deleteMessageItem"
        text: qsTr("Delete")
        iconName: "x"
        tint: Theme.danger
        enabled: menu.failedOwn
        onTriggered: App.chat.discard(menu.message.clientId)
    }
}
