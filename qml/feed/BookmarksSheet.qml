// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The user's bookmarks (issue 17), newest bookmark first: from the cache at once, then the
// server's newest page; a post bookmarked or un-bookmarked anywhere comes or goes live.
Sheet {
    id: sheet
    objectName: "bookmarksSheet"
    signal openThread(string postId)
    signal openProfile(string userId)
    //! A post's picture: the page opens the viewer.
    signal imageOpened(var images, int index)
    //! The page's PostActionsLayer: each post's menu.
    property var actions: null
    //! Opened once: the list reads (and follows) the cache from then on.
    property bool started: false
    //! --page feed/bookmarks: App.pageSettled once the list has loaded.
    property bool settleWhenLoaded: false

    function show(settle) {
        settleWhenLoaded = settle === true
        if (started)
            bookmarks.refresh()
        started = true
        open()
        checkSettled()
    }
    function checkSettled() {
        if (!settleWhenLoaded || bookmarks.loading || !started)
            return
        settleWhenLoaded = false
        Qt.callLater(() => { App.pageSettled = true })
    }

    title: qsTr("Bookmarks")
    subtitle: qsTr("Only you can see what you bookmarked.")
    width: Math.min(660, parent ? parent.width - 2 * Theme.spacingXl : 660)

    BookmarksModel {
        id: bookmarks
        service: sheet.started ? App.feed : null
        onLoadingChanged: sheet.checkSettled()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        ListView {
            id: list
            objectName: "bookmarksList"
            TabThrough { view: list }
            model: bookmarks
            clip: true
            spacing: Theme.spacingS
            implicitHeight: Math.min(Math.max(contentHeight, 180), sheet.parent ? sheet.parent.height - 220 : 520)
            Layout.fillWidth: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Bookmarks")
            ScrollBar.vertical: ScrollBar { }
            delegate: PostDelegate {
                width: ListView.view.width
                actions: sheet.actions
                onImageOpened: (images, index) => sheet.imageOpened(images, index)
                onOpenThread: postId => sheet.openThread(postId)
                onOpenProfile: userId => sheet.openProfile(userId)
                onReply: (postId, name) => sheet.openThread(postId)
            }
            onContentYChanged: if (!bookmarks.loading && !bookmarks.atEnd && contentHeight - (contentY + height) < 300) bookmarks.fetchMore(bookmarks.index(-1, -1))
            footer: Item {
                width: ListView.view.width
                height: list.count > 0 && bookmarks.loading ? 40 : 0
                Spinner { anchors.centerIn: parent; active: bookmarks.loading && list.count > 0; width: 24; height: 24 }
            }

            ColumnLayout {
                objectName: "bookmarksEmptyState"
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingL, 420)
                visible: list.count === 0
                spacing: Theme.spacingS
                Spinner { active: bookmarks.loading; Layout.alignment: Qt.AlignHCenter }
                Icon {
                    visible: !bookmarks.loading && bookmarks.error.length === 0
                    name: "bookmark"
                    size: 28
                    color: Theme.textFaint
                    Layout.alignment: Qt.AlignHCenter
                }
                Label {
                    objectName: "bookmarksEmptyTitle"
                    visible: !bookmarks.loading
                    text: bookmarks.error.length > 0 ? qsTr("Your bookmarks couldn't load") : qsTr("No bookmarks yet")
                    color: Theme.text
                    font.pixelSize: Theme.fontSubtitle
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: !bookmarks.loading
                    text: bookmarks.error.length > 0 ? Errors.describe(bookmarks.error, "", App.session.serverUrl)
                          : qsTr("Bookmark a post with its bookmark button or its … menu to find it here later.")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                AppButton {
                    objectName: "bookmarksRetryButton"
                    visible: !bookmarks.loading && bookmarks.error.length > 0
                    text: qsTr("Try again")
                    variant: "secondary"
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: bookmarks.refresh()
                }
            }
        }
    }
}
