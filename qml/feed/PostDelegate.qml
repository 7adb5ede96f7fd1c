// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// One post: author, handle, relative time, the text (plain, links clickable), counts and
// like / repost / reply; "Sponsored" with the advertiser, limited reach behind a label, and
// on Discover "Why am I seeing this?". A gap row offers to load the missing posts. With
// `actions` (the page's PostActionsLayer), a right-click, the Menu key or Shift+F10 inside
// the post, or its "…" button (shown on hover, reachable by Tab) opens the post's menu.
Item {
    id: row
    required property var model
    required property int index
    property bool discover: false
    //! The page's PostActionsLayer (the post menu), or null: no menu.
    property var actions: null
    //! Where the keyboard's menu opens: under the "…" button.
    readonly property real menuAnchorY: card.y + Theme.spacingL + 36
    signal openThread(string postId)
    signal openProfile(string userId)
    signal reply(string postId, string authorName)
    signal explain(var terms, real score)
    signal loadGap(int index)
    //! A picture of the post was clicked: the page opens the viewer on images[index].
    signal imageOpened(var images, int index)

    property bool revealed: false
    readonly property bool hidden: model.limitedReach && !revealed

    implicitHeight: model.isGap ? gapRow.implicitHeight + 2 * Theme.spacingS : card.implicitHeight + Theme.spacingS

    function openMenu(x, y) {
        if (row.actions && !row.model.isGap)
            row.actions.openMenu(row, x, y)
    }
    // The keyboard, anywhere inside the post: the Menu key or Shift+F10.
    Keys.onMenuPressed: event => { row.openMenu(-1, -1); event.accepted = true }
    Keys.onPressed: event => {
        if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier)) {
            row.openMenu(-1, -1)
            event.accepted = true
        }
    }

    AppButton {
        id: gapRow
        visible: row.model.isGap
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.verticalCenter: parent.verticalCenter
        variant: "secondary"
        iconName: "refresh-cw"
        text: qsTr("Load missing posts")
        onClicked: row.loadGap(row.index)
    }

    Rectangle {
        id: card
        visible: !row.model.isGap
        width: parent.width
        radius: Theme.radiusL
        color: Theme.surface
        border.width: 1
        border.color: Theme.border
        implicitHeight: column.implicitHeight + 2 * Theme.spacingL
        Accessible.role: Accessible.ListItem
        Accessible.name: qsTr("%1: %2").arg(row.model.authorName).arg(row.hidden ? qsTr("limited-reach post, hidden") : row.model.text)

        MouseArea {
            objectName: "postContextArea"
            anchors.fill: parent
            acceptedButtons: Qt.RightButton // left clicks go on to links and buttons
            enabled: row.actions !== null
            onClicked: mouse => row.openMenu(mouse.x + card.x, mouse.y + card.y)
        }
        HoverHandler { id: hover }
        // Touch and pen: a long press is the right-click.
        TapHandler {
            acceptedDevices: PointerDevice.TouchScreen | PointerDevice.Stylus
            enabled: row.actions !== null
            onLongPressed: row.openMenu(point.position.x + card.x, point.position.y + card.y)
        }

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.spacingL
            spacing: Theme.spacingS

            Label {
                visible: row.model.isRepost
                text: qsTr("%1 reposted").arg(row.model.repostedByName)
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                textFormat: Text.PlainText
            }
            RowLayout {
                spacing: Theme.spacingM
                Layout.fillWidth: true
                Avatar {
                    initials: row.model.authorInitials
                    size: 36
                    MouseArea { anchors.fill: parent; cursorShape: Qt.PointingHandCursor; onClicked: row.openProfile(row.model.authorId) }
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    RowLayout {
                        spacing: Theme.spacingS
                        Label {
                            text: row.model.authorName
                            color: Theme.text
                            font.weight: Font.DemiBold
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                        Label {
                            text: "@" + row.model.authorHandle + " · " + Time.relative(row.model.createdAt, Time.now)
                                  + (row.model.editedAt ? " · " + qsTr("edited") : "")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        visible: row.model.sponsored
                        objectName: "sponsoredLabel"
                        text: qsTr("Sponsored · %1").arg(row.model.advertiserName)
                        color: Theme.accent
                        font.pixelSize: Theme.fontCaption
                        font.weight: Font.DemiBold
                        textFormat: Text.PlainText
                    }
                }
                Label {
                    visible: row.model.sendState === "pending" || row.model.sendState === "failed"
                    text: row.model.sendState === "failed" ? qsTr("Not sent") : qsTr("Sending…")
                    color: row.model.sendState === "failed" ? Theme.danger : Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
                // The pointer's way to the menu (shown while over the post), and a Tab stop.
                ToolButton {
                    id: actionsButton
                    objectName: "postActionsButton"
                    visible: row.actions !== null
                    opacity: hover.hovered || activeFocus ? 1 : 0
                    focusPolicy: Qt.TabFocus
                    implicitWidth: 28
                    implicitHeight: 28
                    Layout.alignment: Qt.AlignTop
                    Accessible.name: qsTr("Post actions")
                    Accessible.onPressAction: clicked()
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Post actions")
                    Keys.onReturnPressed: clicked()
                    Keys.onEnterPressed: clicked()
                    contentItem: Icon { name: "ellipsis"; size: 16; color: Theme.textMuted }
                    background: Rectangle {
                        radius: height / 2
                        color: actionsButton.hovered ? Theme.hover : "transparent"
                        border.width: actionsButton.activeFocus ? 2 : 0
                        border.color: Theme.focusRing
                    }
                    onClicked: {
                        const at = actionsButton.mapToItem(row, actionsButton.width, actionsButton.height)
                        row.openMenu(Math.max(0, at.x - 248), at.y)
                    }
                }
            }

            // Limited reach: collapsed behind a label until the reader opens it.
            Rectangle {
                visible: row.hidden
                radius: Theme.radiusM
                color: Theme.background
                implicitHeight: limitedRow.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                RowLayout {
                    id: limitedRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    Icon { name: "eye-off"; size: 16; color: Theme.textMuted }
                    Label {
                        text: qsTr("This post has limited reach.")
                        color: Theme.textMuted
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    AppButton { text: qsTr("Show"); variant: "quiet"; implicitHeight: 28; onClicked: row.revealed = true }
                }
            }
            Text {
                visible: !row.hidden
                text: Format.linkify(row.model.text)
                textFormat: Text.StyledText
                color: Theme.text
                linkColor: Theme.accent
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                lineHeight: 1.2
                Layout.fillWidth: true
                onLinkActivated: link => Qt.openUrlExternally(link)
                HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                TapHandler { onTapped: if (!parent.hoveredLink) row.openThread(row.model.postId) }
            }
            // A quote-repost: the quoted post as a small card (or that it is gone).
            Rectangle {
                id: quoteCard
                objectName: "quotedPost"
                readonly property var quote: row.model.isGap ? undefined : row.model.quote
                visible: !row.hidden && !!quote
                radius: Theme.radiusM
                color: "transparent"
                border.color: Theme.border
                border.width: 1
                implicitHeight: quoteColumn.implicitHeight + 2 * Theme.spacingM
                Layout.fillWidth: true
                Accessible.role: Accessible.Grouping
                Accessible.name: !quote ? "" : quote.deleted ? qsTr("Quoted post deleted")
                                                             : qsTr("Quoted post by %1").arg(quote.authorName)
                ColumnLayout {
                    id: quoteColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingXs
                    Label {
                        visible: !!quoteCard.quote && !quoteCard.quote.deleted
                        text: quoteCard.quote && !quoteCard.quote.deleted
                              ? quoteCard.quote.authorName + "  @" + quoteCard.quote.authorHandle : ""
                        color: Theme.text
                        font.pixelSize: Theme.fontCaption
                        font.weight: Font.DemiBold
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        text: !quoteCard.quote ? "" : quoteCard.quote.deleted ? qsTr("Quoted post deleted")
                                                                                       : quoteCard.quote.text
                        color: quoteCard.quote && quoteCard.quote.deleted ? Theme.textMuted : Theme.text
                        font.italic: !!quoteCard.quote && quoteCard.quote.deleted
                        wrapMode: Text.Wrap
                        maximumLineCount: 4
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
                TapHandler {
                    onTapped: if (quoteCard.quote && !quoteCard.quote.deleted) row.openThread(quoteCard.quote.id)
                }
            }
            AttachmentGrid {
                objectName: "postImages"
                visible: !row.hidden && (row.model.images || []).length > 0
                attachments: row.model.isGap ? [] : (row.model.images || [])
                maxWidth: Math.min(480, column.width)
                onImageOpened: index => row.imageOpened(images, index)
            }
            // A post of ours not on the server yet: how far its photos are and a way to give it
            // up while it waits, or why the server refused it and a way to discard it.
            RowLayout {
                objectName: "postSendRow"
                visible: !row.model.isGap && (row.model.sendState === "pending" || row.model.sendState === "failed")
                spacing: Theme.spacingS
                Layout.preferredWidth: Math.min(480, column.width)
                ProgressBar {
                    objectName: "postUploadBar"
                    readonly property var progress: row.model.isGap ? undefined : row.model.uploadProgress
                    readonly property int count: (row.model.images || []).length
                    visible: row.model.sendState === "pending" && count > 0
                    from: 0
                    to: 1
                    indeterminate: !progress
                    value: progress && progress.total > 0 ? (progress.file + progress.done / progress.total) / Math.max(1, count) : 0
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Sending the photos")
                }
                Label {
                    objectName: "postSendError"
                    visible: row.model.sendState === "failed"
                    text: row.model.isGap ? "" : row.model.sendError === "validation_failed"
                          ? qsTr("The server didn't accept this post: a photo it can't read, or text it refused.")
                          : row.model.sendError === "payload_too_large" ? qsTr("A photo of this post is too large.")
                          : Errors.describe(row.model.sendError, "", "")
                    color: Theme.danger
                    font.pixelSize: Theme.fontCaption
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                Item { visible: row.model.sendState === "pending" && (row.model.images || []).length === 0; Layout.fillWidth: true }
                AppButton {
                    objectName: "discardPostButton"
                    text: row.model.sendState === "failed" ? qsTr("Discard") : qsTr("Cancel")
                    variant: "quiet"
                    implicitHeight: 26
                    Accessible.name: row.model.sendState === "failed" ? qsTr("Discard this post") : qsTr("Cancel sending this post")
                    onClicked: App.feed.discard(row.model.clientId)
                }
            }
            RowLayout {
                spacing: Theme.spacingL
                enabled: row.model.sendState === ""
                PostAction {
                    objectName: "replyAction"
                    iconName: "message-circle"
                    count: row.model.replyCount
                    label: qsTr("Reply")
                    onClicked: row.reply(row.model.postId, row.model.authorName)
                }
                PostAction {
                    objectName: "repostAction"
                    iconName: "refresh-cw"
                    count: row.model.repostCount
                    active: row.model.repostedByMe
                    label: row.model.repostedByMe ? qsTr("Undo repost") : qsTr("Repost")
                    onClicked: row.model.repostedByMe ? App.feed.unrepost(row.model.postId) : App.feed.repost(row.model.postId)
                }
                PostAction {
                    objectName: "likeAction"
                    iconName: "heart"
                    count: row.model.likeCount
                    active: row.model.likedByMe
                    label: row.model.likedByMe ? qsTr("Unlike") : qsTr("Like")
                    onClicked: row.model.likedByMe ? App.feed.unlike(row.model.postId) : App.feed.like(row.model.postId)
                }
                PostAction {
                    objectName: "bookmarkAction"
                    iconName: "bookmark"
                    counted: false
                    active: !!row.model.bookmarkedByMe
                    // Needs the server: greyed while offline, like the message menu's actions.
                    enabled: App.session.online
                    label: (row.model.bookmarkedByMe ? qsTr("Remove bookmark") : qsTr("Bookmark"))
                           + (App.session.online ? "" : " · " + qsTr("Needs a connection"))
                    onClicked: row.model.bookmarkedByMe ? App.feed.unbookmark(row.model.postId) : App.feed.bookmark(row.model.postId)
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    visible: row.discover && row.model.rankTerms && row.model.rankTerms.length > 0
                    text: qsTr("Why am I seeing this?")
                    variant: "quiet"
                    implicitHeight: 28
                    font.pixelSize: Theme.fontCaption
                    onClicked: row.explain(row.model.rankTerms, row.model.score)
                }
            }
        }
    }
}
