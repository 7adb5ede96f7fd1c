// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// One message: own on the right, others on the left; plain text with clickable links;
// a payment or request as a card; sending / sent / failed / read under own messages.
Item {
    id: bubble
    required property var model
    required property int index
    readonly property bool own: model.own
    //! Someone the user blocked wrote it (a group they still share): collapsed, its words,
    //! files and cards not shown (docs/api.md "Safety").
    readonly property bool fromBlocked: !own && model.senderBlocked === true
    //! The conversation is a message request not accepted yet (docs/api.md "Message
    //! requests"): the other person's links are plain text and their payments and payment
    //! requests plain lines, never cards with buttons.
    property bool plain: false
    readonly property bool guarded: plain && !own && !fromBlocked
    readonly property bool money: !fromBlocked && !guarded && (model.kind === "payment" || model.kind === "request")
    readonly property string guardedText: bubble.model.kind === "payment"
        ? qsTr("Payment of %1").arg(bubble.model.formattedAmount) + ((bubble.model.body || "").length > 0 ? " — " + bubble.model.body : "")
        : (bubble.model.text || "")
    //! A group's system line ("Amélie added Chloé"): centred and small, no bubble, no menu.
    readonly property bool system: model.kind === "system"
    readonly property string systemText: {
        const who = bubble.own ? qsTr("You") : bubble.model.senderName
        const whom = bubble.model.systemTargetName || ""
        switch (bubble.model.systemAction) {
        case "added": return bubble.own ? qsTr("You added %1").arg(whom) : qsTr("%1 added %2").arg(who).arg(whom)
        case "removed": return bubble.own ? qsTr("You removed %1").arg(whom) : qsTr("%1 removed %2").arg(who).arg(whom)
        case "left": return bubble.own ? qsTr("You left") : qsTr("%1 left").arg(who)
        case "renamed": return bubble.own ? qsTr("You renamed the group to “%1”").arg(bubble.model.text)
                                          : qsTr("%1 renamed the group to “%2”").arg(who).arg(bubble.model.text)
        case "promoted": return qsTr("%1 is now an admin").arg(whom)
        default: return bubble.model.text
        }
    }
    //! The text as styled text: links, and @handles in bold (in the accent colour when not one's own).
    function styled(text) {
        const html = Format.linkify(text)
        const color = bubble.own ? "" : " color=\"" + Theme.accent + "\""
        return html.replace(/(^|[^A-Za-z0-9_@\/"=])@([A-Za-z0-9_]{3,20})(?![A-Za-z0-9_])/g,
                            (all, lead, handle) => lead + "<b><font" + color + ">@" + handle + "</font></b>")
    }
    //! The message a search result pointed at: that bubble glows for a moment.
    property string highlightedId: ""
    readonly property bool highlighted: highlightedId.length > 0 && model.id === highlightedId

    //! A request card of someone else: pay it (ChatPage opens the pay-link sheet).
    signal payRequested(string requestId)
    //! One's own request card: show it (its link and QR code).
    signal showRequested(string requestId)
    //! Someone else's request card: report it (and maybe decline it) in SafetyLayer's sheet.
    signal reportRequested(string requestId)
    //! A right-click at (x, y), or the keyboard (x, y negative): ChatPage opens the message menu.
    signal menuRequested(real x, real y)
    //! A picture of the message was clicked: ChatPage opens the viewer on images[index].
    signal imageOpened(var images, int index)
    //! The quote of the message it answers was clicked: ChatPage shows that one.
    signal quoteActivated(string messageId)
    //! A reaction chip was clicked: add (\a add) or take back one's \a emoji.
    signal reactionToggled(string emoji, bool add)
    //! Display names for user ids (ChatPage knows the conversation's people).
    property var nameOf: null
    readonly property var attachments: fromBlocked ? [] : model.attachments || []
    readonly property bool deleted: bubble.model.deleted === true
    readonly property bool hasText: bubble.deleted || bubble.fromBlocked || bubble.money
                                    || (bubble.guarded ? bubble.guardedText.length > 0 : (bubble.model.text || "").length > 0)
    readonly property var reactions: bubble.fromBlocked ? [] : bubble.model.reactions || []
    //! The widest a picture may be in this bubble.
    readonly property real mediaWidth: Math.min(320, bubble.width * 0.72 - 2)
    //! The first message that was unread when the conversation was opened: a divider above it.
    property bool firstUnread: false
    //! The keyboard's current message in the list (its focus ring).
    property bool current: false

    implicitHeight: (bubble.system ? systemLine.implicitHeight + Theme.spacingS : column.implicitHeight + Theme.spacingXs)
                    + (unreadDivider.visible ? unreadDivider.height : 0)
    width: ListView.view ? ListView.view.width : implicitWidth

    // What a screen reader says for the message: who, the text (the body is styled text with
    // links, which is not exposed by itself) and when.
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1: %2, %3").arg(bubble.own ? qsTr("You") : bubble.model.senderName)
                                       .arg(bubble.system ? bubble.systemText : bubble.spokenText).arg(meta.text)
    readonly property string spokenText: bubble.deleted ? qsTr("Message deleted")
        : bubble.fromBlocked ? qsTr("Message from a blocked person")
        : bubble.guarded ? bubble.guardedText
        : !bubble.money ? bubble.model.text
        : (bubble.model.kind === "payment" ? qsTr("💸 Payment of %1").arg(bubble.model.formattedAmount)
           : bubble.model.formattedAmount.length > 0 ? qsTr("🧾 Request for %1").arg(bubble.model.formattedAmount)
                                                     : qsTr("🧾 Payment request"))
          + (bubble.model.body.length > 0 ? " — " + bubble.model.body : "")
          + (bubble.attachments.length > 0 ? " — " + qsTr("%n attachments", "", bubble.attachments.length) : "")

    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.RightButton // left clicks go on to links and buttons
        enabled: !bubble.system
        onClicked: mouse => bubble.menuRequested(mouse.x, mouse.y)
    }
    HoverHandler { id: hover }
    // The pointer's way to the menu: a "…" beside the bubble while the pointer is over it
    // (the keyboard has the Menu key and Shift+F10).
    ToolButton {
        id: actionsButton
        objectName: "messageActionsButton"
        visible: hover.hovered && bubble.model.state !== "sending" && !bubble.system
        focusPolicy: Qt.NoFocus
        width: 28
        height: 28
        y: column.y + Math.max(0, textBox.y + (textBox.visible ? Math.min(textBox.height, 40) / 2 : 0) - height / 2)
        x: bubble.own ? column.x - width - Theme.spacingXs : column.x + column.width + Theme.spacingXs
        Accessible.name: qsTr("Message actions")
        Accessible.onPressAction: clicked()
        ToolTip.visible: hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Message actions")
        contentItem: Icon { name: "ellipsis"; size: 16; color: Theme.textMuted }
        background: Rectangle {
            radius: height / 2
            color: actionsButton.hovered ? Theme.hover : Theme.surfaceRaised
            border.width: 1
            border.color: Theme.border
        }
        onClicked: bubble.menuRequested(x + width / 2, y + height)
    }
    // Touch and pen: a long press is the right-click.
    TapHandler {
        acceptedDevices: PointerDevice.TouchScreen | PointerDevice.Stylus
        onLongPressed: bubble.menuRequested(point.position.x, point.position.y)
    }

    RowLayout {
        id: unreadDivider
        objectName: "unreadDivider"
        visible: bubble.firstUnread
        width: parent.width
        height: visible ? implicitHeight + Theme.spacingS : 0
        spacing: Theme.spacingS
        Rectangle { height: 1; color: Theme.accent; Layout.fillWidth: true }
        Label {
            text: qsTr("New messages")
            color: Theme.accent
            font.pixelSize: Theme.fontCaption
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
        }
        Rectangle { height: 1; color: Theme.accent; Layout.fillWidth: true }
    }

    FocusRing { shown: bubble.current; anchors.fill: bubble.system ? systemLine : column }

    Label {
        id: systemLine
        objectName: "systemLine"
        visible: bubble.system
        y: unreadDivider.visible ? unreadDivider.height : 0
        width: parent.width
        topPadding: Theme.spacingXs
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: bubble.systemText
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        textFormat: Text.PlainText
    }

    ColumnLayout {
        id: column
        visible: !bubble.system
        spacing: 2
        y: unreadDivider.visible ? unreadDivider.height : 0
        anchors.left: bubble.own ? undefined : parent.left
        anchors.right: bubble.own ? parent.right : undefined
        width: Math.min(bubble.width * 0.72, Math.max(bubble.hasText ? body.implicitWidth + 2 * Theme.spacingM + 2 : 0,
                                                      meta.implicitWidth + 2 * Theme.spacingM + 2,
                                                      requestButtons.visible ? requestButtons.implicitWidth : 0,
                                                      bubble.attachments.length > 0 ? bubble.mediaWidth : 0))

        Label {
            visible: !bubble.own
            text: bubble.model.senderName
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
            Layout.leftMargin: Theme.spacingS
        }
        Label {
            objectName: "forwardedLabel"
            visible: bubble.model.forwarded === true && !bubble.deleted && !bubble.fromBlocked
            text: qsTr("Forwarded from %1").arg(bubble.model.forwardedFrom)
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            font.italic: true
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Layout.maximumWidth: bubble.width * 0.72
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
        }
        // The message it answers: who and a line of it ("original deleted" once it is).
        Rectangle {
            id: replyQuote
            objectName: "replyQuote"
            visible: (bubble.model.replyTo || "").length > 0 && !bubble.deleted && !bubble.fromBlocked
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Reply to %1: %2").arg(bubble.model.replySenderName || "")
                             .arg(bubble.model.replyDeleted ? qsTr("Original message deleted") : (bubble.model.replySnippet || ""))
            Accessible.description: qsTr("Shows the original message")
            Accessible.onPressAction: bubble.quoteActivated(bubble.model.replyTo)
            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: bubble.quoteActivated(bubble.model.replyTo)
            }
            radius: Theme.radiusM
            color: Theme.background
            border.width: 1
            border.color: Theme.border
            implicitHeight: quote.implicitHeight + 2 * Theme.spacingXs
            Layout.fillWidth: true
            Rectangle { width: 3; radius: 1; color: Theme.accent; anchors.top: parent.top; anchors.bottom: parent.bottom; anchors.margins: Theme.spacingXs; x: Theme.spacingXs }
            Column {
                id: quote
                x: Theme.spacingM
                y: Theme.spacingXs
                width: parent.width - Theme.spacingM - Theme.spacingS
                Label {
                    text: bubble.model.replySenderName || ""
                    color: Theme.accent
                    font.pixelSize: Theme.fontCaption
                    font.weight: Font.DemiBold
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    width: parent.width
                }
                Label {
                    text: bubble.model.replyDeleted ? qsTr("Original message deleted") : (bubble.model.replySnippet || "")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    font.italic: bubble.model.replyDeleted === true
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    width: parent.width
                }
            }
        }
        AttachmentGrid {
            objectName: "messageAttachments"
            attachments: bubble.attachments
            maxWidth: bubble.mediaWidth
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            onImageOpened: index => bubble.imageOpened(images, index)
        }
        // Files of an unsent message on their way: how far, and a way to give up.
        RowLayout {
            objectName: "uploadRow"
            readonly property var progress: bubble.model.uploadProgress
            visible: bubble.model.state === "sending" && bubble.attachments.length > 0
            spacing: Theme.spacingS
            Layout.preferredWidth: bubble.mediaWidth
            Layout.alignment: Qt.AlignRight
            ProgressBar {
                from: 0
                to: 1
                indeterminate: !parent.progress
                value: parent.progress && parent.progress.total > 0
                       ? (parent.progress.file + parent.progress.done / parent.progress.total) / bubble.attachments.length : 0
                Layout.fillWidth: true
                Accessible.name: qsTr("Sending the files")
            }
            AppButton {
                objectName: "cancelUploadButton"
                text: qsTr("Cancel")
                variant: "quiet"
                implicitHeight: 26
                Accessible.name: qsTr("Cancel sending this message")
                onClicked: App.chat.discard(bubble.model.clientId)
            }
        }
        Rectangle {
            id: textBox
            visible: bubble.hasText
            radius: Theme.radiusL
            color: bubble.deleted || bubble.fromBlocked ? "transparent" : bubble.money ? Theme.accentSoft : (bubble.own ? Theme.accent : Theme.surface)
            border.width: bubble.highlighted ? 2 : (bubble.own && !bubble.money && !bubble.deleted ? 0 : 1)
            border.color: bubble.highlighted ? Theme.focusRing : Theme.border
            implicitHeight: body.implicitHeight + 2 * Theme.spacingS
            Layout.fillWidth: true
            Text {
                id: body
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                anchors.leftMargin: Theme.spacingM
                anchors.rightMargin: Theme.spacingM
                text: bubble.deleted ? "<i>" + qsTr("Message deleted") + "</i>"
                      : bubble.fromBlocked ? "<i>" + qsTr("Message from a blocked person") + "</i>"
                      : bubble.money
                      ? "<b>" + (bubble.model.kind === "payment"
                         ? qsTr("💸 Payment of %1").arg(bubble.model.formattedAmount)
                         : bubble.model.formattedAmount.length > 0 ? qsTr("🧾 Request for %1").arg(bubble.model.formattedAmount)
                                                                   : qsTr("🧾 Payment request")) + "</b>"
                        + (bubble.model.body.length > 0 ? "<br>" + Format.linkify(bubble.model.body) : "")
                      : bubble.guarded ? bubble.guardedText
                      : bubble.styled(bubble.model.text)
                // A request's words stay words: no links (nothing to click) until accepted.
                textFormat: bubble.guarded && !bubble.deleted ? Text.PlainText : Text.StyledText
                wrapMode: Text.Wrap
                color: bubble.deleted || bubble.fromBlocked ? Theme.textMuted : (bubble.own && !bubble.money ? Theme.accentText : Theme.text)
                linkColor: bubble.own && !bubble.money ? Theme.accentText : Theme.accent
                font.pixelSize: Theme.fontBody
                onLinkActivated: link => Qt.openUrlExternally(link)
            }
        }
        // A request card's state comes from the cached request (payment_request.updated),
        // never from the message text: Pay… only while open and not one's own.
        Label {
            objectName: "requestStateLabel"
            readonly property string status: bubble.model.requestStatus
            visible: bubble.money && bubble.model.kind === "request" && status.length > 0 && status !== "open"
            text: status === "paid" ? qsTr("Paid")
                : status === "declined" ? qsTr("Declined")
                : status === "cancelled" ? qsTr("Cancelled")
                : status === "expired" ? qsTr("Expired") : ""
            color: status === "paid" ? Theme.success : Theme.textMuted
            font.pixelSize: Theme.fontCaption
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
            Accessible.name: qsTr("Request state: %1").arg(text)
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
        }
        RowLayout {
            id: requestButtons
            objectName: "requestButtons"
            visible: bubble.money && bubble.model.kind === "request" && bubble.model.requestId.length > 0
                     && (bubble.model.requestStatus === "open" || bubble.model.requestStatus === "")
            spacing: Theme.spacingXs
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            AppButton {
                objectName: bubble.own ? "showRequestButton" : "payRequestButton"
                text: bubble.own ? qsTr("Show request") : qsTr("Pay…")
                iconName: bubble.own ? "qr-code" : "hand-coins"
                variant: bubble.own ? "quiet" : "primary"
                implicitHeight: 30
                enabled: bubble.own || App.session.online
                Accessible.name: bubble.own ? qsTr("Show request") : qsTr("Pay this request")
                onClicked: bubble.own ? bubble.showRequested(bubble.model.requestId) : bubble.payRequested(bubble.model.requestId)
            }
            // Someone else's request: report it, and decline it in the same step if one wants.
            AppButton {
                objectName: "reportRequestButton"
                visible: !bubble.own
                text: qsTr("Report…")
                iconName: "flag"
                variant: "quiet"
                implicitHeight: 30
                enabled: App.session.online
                Accessible.name: qsTr("Report this request")
                onClicked: bubble.reportRequested(bubble.model.requestId)
            }
        }
        Label {
            id: meta
            text: {
                let t = Time.time(bubble.model.createdAt)
                if (bubble.model.edited === true)
                    t += " · " + qsTr("edited")
                if (bubble.own) {
                    switch (bubble.model.state) {
                    case "sending": t += " · " + qsTr("Sending…"); break
                    case "failed": t += " · " + qsTr("Not sent"); break
                    case "read": t += " · " + qsTr("Read"); break
                    default: t += " · " + qsTr("Sent")
                    }
                }
                return t
            }
            color: bubble.model.state === "failed" ? Theme.danger : Theme.textFaint
            font.pixelSize: Theme.fontCaption - 1
            textFormat: Text.PlainText
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            Layout.rightMargin: Theme.spacingS
            Layout.leftMargin: Theme.spacingS
        }
        // Reactions: each emoji with how many; one's own is outlined.
        Flow {
            objectName: "messageReactions"
            visible: bubble.reactions.length > 0 && !bubble.deleted
            spacing: Theme.spacingXs
            Layout.maximumWidth: bubble.width * 0.72
            Layout.alignment: bubble.own ? Qt.AlignRight : Qt.AlignLeft
            Repeater {
                model: bubble.reactions
                AbstractButton {
                    id: chipButton
                    required property var modelData
                    objectName: "reactionChip"
                    readonly property string emoji: modelData.emoji
                    readonly property bool mine: modelData.mine === true
                    //! Who reacted: the names known, then how many more.
                    readonly property string who: {
                        const ids = modelData.recentUserIds || []
                        const names = typeof bubble.nameOf === "function" ? bubble.nameOf(ids) : []
                        const rest = modelData.count - names.length
                        if (names.length === 0)
                            return qsTr("%n people", "", modelData.count)
                        return rest > 0 ? qsTr("%1 and %n more", "", rest).arg(names.join(", ")) : names.join(", ")
                    }
                    focusPolicy: Qt.NoFocus
                    implicitHeight: 24
                    implicitWidth: chip.implicitWidth + 2 * Theme.spacingS
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("%1: %n reactions", "", modelData.count).arg(modelData.emoji)
                    Accessible.description: who
                    Accessible.onPressAction: clicked()
                    ToolTip.visible: hovered
                    ToolTip.delay: 400
                    ToolTip.text: who + "\n" + qsTr("%1 · %n reactions", "", modelData.count).arg(modelData.emoji)
                    background: Rectangle {
                        radius: height / 2
                        color: chipButton.mine ? Theme.accentSoft : chipButton.hovered ? Theme.hover : Theme.surface
                        border.width: 1
                        border.color: chipButton.mine ? Theme.accent : Theme.border
                    }
                    contentItem: Label {
                        id: chip
                        text: chipButton.modelData.emoji + " " + chipButton.modelData.count
                        color: Theme.text
                        font.pixelSize: Theme.fontCaption
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        textFormat: Text.PlainText
                    }
                    onClicked: bubble.reactionToggled(emoji, !mine)
                }
            }
        }
        RowLayout {
            visible: bubble.own && bubble.model.state === "failed"
            Layout.alignment: Qt.AlignRight
            AppButton { text: qsTr("Retry"); variant: "quiet"; implicitHeight: 26; onClicked: App.chat.retry(bubble.model.clientId) }
            AppButton { text: qsTr("Delete"); variant: "quiet"; implicitHeight: 26; onClicked: App.chat.discard(bubble.model.clientId) }
        }
    }
}
