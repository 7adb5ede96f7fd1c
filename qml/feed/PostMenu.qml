// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// What a right-click, the Menu key, Shift+F10 or the post's "…" button offers (issue 17):
// edit and delete one's own post, quote it, bookmark it or take the bookmark back, copy its
// text; for a post of ours not on the server yet, copy its text or give it up. One menu for
// a page (PostActionsLayer opens it with openFor()); what needs the server shows, greyed,
// with the reason while offline — like the message menu.
Menu {
    id: menu
    objectName: "postMenu"

    //! The post the menu is for (a copy of the delegate's roles); null when closed.
    property var post: null
    readonly property bool online: App.session.online
    //! On the server (not sending, not refused).
    readonly property bool live: post !== null && post.sendState === "" && post.postId.length > 0
                                 && !post.postId.startsWith("local:")
    readonly property bool own: post !== null && post.own

    signal editRequested(var post)
    signal deleteRequested(var post)
    signal quoteRequested(var post)

    //! Opens the menu for \a row's post (a PostDelegate) at (\a x, \a y) in \a row's
    //! coordinates (the pointer), or under its "…" button for the keyboard (x, y negative).
    function openFor(row, x, y) {
        post = snapshot(row.model)
        let at = x >= 0 ? row.mapToItem(parent, x, y) : row.mapToItem(parent, row.width - width, row.menuAnchorY)
        // From the keyboard, above the post's button when there is no room below.
        let tall = topPadding + bottomPadding
        for (let i = 0; i < count; ++i) {
            const entry = itemAt(i)
            tall += entry.shown === false ? 0 : entry.implicitHeight
        }
        if (x < 0 && parent && at.y + tall > parent.height)
            at = row.mapToItem(parent, row.width - width, Math.max(0, row.menuAnchorY - tall))
        popup(at.x, at.y)
        if (x < 0) {
            for (let i = 0; i < count; ++i) {
                const entry = itemAt(i)
                if (entry.enabled && entry.shown !== false) {
                    currentIndex = i
                    break
                }
            }
        }
    }
    //! What the menu and what it opens need of a delegate's \a m (its roles).
    function snapshot(m) {
        return { id: m.id || "", postId: m.postId || "", authorId: m.authorId || "",
                 authorName: m.authorName || "", authorHandle: m.authorHandle || "",
                 text: m.text || "", own: (m.authorId || "") === App.session.userId,
                 sendState: m.sendState || "", clientId: m.clientId || "",
                 bookmarked: m.bookmarkedByMe === true, createdAt: m.createdAt }
    }

    width: 248
    padding: Theme.spacingXs
    onClosed: post = null
    background: Rectangle {
        radius: Theme.radiusL
        color: Theme.surfaceRaised
        border.width: 1
        border.color: Theme.border
    }

    MenuEntry {
        objectName: "editPostItem"
        text: qsTr("Edit")
        iconName: "pencil"
        shown: menu.live && menu.own
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.editRequested(menu.post)
    }
    MenuEntry {
        objectName: "quotePostItem"
        text: qsTr("Quote…")
        iconName: "quote"
        shown: menu.live
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.quoteRequested(menu.post)
    }
    MenuEntry {
        objectName: "bookmarkPostItem"
        text: menu.post && menu.post.bookmarked ? qsTr("Remove bookmark") : qsTr("Bookmark")
        iconName: menu.post && menu.post.bookmarked ? "bookmark-minus" : "bookmark"
        shown: menu.live
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.post.bookmarked ? App.feed.unbookmark(menu.post.postId) : App.feed.bookmark(menu.post.postId)
    }
    MenuEntry {
        objectName: "copyPostTextItem"
        text: qsTr("Copy text")
        iconName: "copy"
        shown: menu.post !== null && menu.post.text.length > 0
        onTriggered: Desktop.copyText(menu.post.text)
    }
    MenuEntry {
        objectName: "discardPostItem"
        text: menu.post && menu.post.sendState === "failed" ? qsTr("Discard") : qsTr("Cancel sending")
        iconName: "x"
        tint: Theme.danger
        shown: menu.post !== null && menu.post.sendState !== "" && menu.post.clientId.length > 0
        onTriggered: App.feed.discard(menu.post.clientId)
    }
    MenuEntry {
        objectName: "deletePostItem"
        text: qsTr("Delete…")
        iconName: "trash-2"
        tint: Theme.danger
        shown: menu.live && menu.own
        reason: menu.online ? "" : qsTr("Needs a connection")
        onTriggered: menu.deleteRequested(menu.post)
    }
}
