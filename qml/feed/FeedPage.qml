// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The Feed tab: Following (newest first) or Discover (ranked on this device), the choice
// and the reading position kept across restarts; new posts wait behind a pill instead of
// moving what you read; a gap row loads posts missed while offline.
Item {
    id: page
    objectName: "feedPage"

    //! --page feed[/discover|/thread|/profile|/muted-profile|/why|/bookmarks|/menu|/edit|/quote|/delete]:
    //! what to open once the first page is in (menu, edit, delete: on the first post of one's
    //! own; muted-profile: the profile of the person muted last, whose posts the feed leaves out).
    property string pendingPath: ""
    //! The tab was shown: the keyboard starts in the composer.
    function focusMain() { composer.focusEditor() }
    function openPath(path) {
        pendingPath = path.length > 0 ? path : "."
        if (path === "bookmarks") {
            pendingPath = ""
            bookmarksSheet.show(true)
            return
        }
        if (path === "discover" || path === "why")
            feed.timeline = "discover"
        else
            feed.timeline = "following"
        settleIfReady()
    }
    function settleIfReady() {
        if (pendingPath.length === 0 || feed.loading)
            return
        if (list.count === 0) {
            // An empty feed, read: its empty state is the page (nothing else to open on it).
            if (feed.readOnce && (pendingPath === "." || pendingPath === "discover")) {
                pendingPath = ""
                App.pageSettled = true
            }
            return
        }
        // The rows may have come in this very turn (a timeline read at once): their delegates first.
        list.forceLayout()
        let row = 0
        let item = list.itemAtIndex(0)
        while (item && item.model.isGap && row < list.count - 1) // a gap row is not a post
            item = list.itemAtIndex(++row)
        // Discover's rows carry their rank terms; until they are in, wait for the next page.
        if ((pendingPath === "why" || pendingPath === "discover")
                && (!item || !item.model.rankTerms || item.model.rankTerms.length === 0))
            return
        if (pendingPath === "thread" && item)
            threadSheet.show(item.model.postId, item.model.authorName)
        else if (pendingPath === "profile" && item)
            profileSheet.show(item.model.authorId)
        else if (pendingPath === "muted-profile") {
            if (mutedPeople.count === 0)
                return // the list comes when the feed starts
            profileSheet.show(mutedPeople.userIds[0])
        }
        else if (pendingPath === "why" && item)
            whySheet.show(item.model.rankTerms, item.model.score)
        else if ((pendingPath === "menu" || pendingPath === "edit" || pendingPath === "quote" || pendingPath === "delete") && item) {
            // One's own post for the menu, edit and delete (what they offer most), any for a quote.
            let target = item
            for (let i = 0; pendingPath !== "quote" && i < list.count; ++i) {
                const candidate = list.itemAtIndex(i)
                if (candidate && !candidate.model.isGap && candidate.model.authorId === App.session.userId) {
                    target = candidate
                    break
                }
            }
            list.positionViewAtIndex(target.index, ListView.Beginning)
            list.forceLayout()
            postActions.showcase(pendingPath, target)
        }
        pendingPath = ""
        App.pageSettled = true
    }

    // --page feed/muted-profile only: whom to show.
    MutedPeopleModel {
        id: mutedPeople
        feed: page.pendingPath === "muted-profile" ? App.feed : null
        onCountChanged: Qt.callLater(page.settleIfReady)
    }

    FeedModel {
        id: feed
        service: App.feed
        onRestoredRowChanged: if (restoredRow >= 0) list.positionViewAtIndex(restoredRow, ListView.Beginning)
        //! The timeline was read at least once (an empty list is then empty, not loading).
        property bool readOnce: false
        onRefreshed: {
            readOnce = true
            page.settleIfReady()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingXl
        anchors.topMargin: Theme.spacingL
        spacing: Theme.spacingM

        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Repeater {
                model: [{ value: "following", label: qsTr("Following") }, { value: "discover", label: qsTr("Discover") }]
                delegate: SegmentedButton {
                    required property var modelData
                    objectName: "timeline_" + modelData.value
                    text: modelData.label
                    selected: feed.timeline === modelData.value
                    implicitHeight: 34
                    onChosen: feed.timeline = modelData.value
                }
            }
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "bookmarksButton"
                text: qsTr("Bookmarks")
                iconName: "bookmark"
                variant: "quiet"
                implicitHeight: 34
                Accessible.name: qsTr("Bookmarks")
                Accessible.description: qsTr("The posts you bookmarked")
                onClicked: bookmarksSheet.show(false)
            }
            Label {
                visible: feed.stale
                text: qsTr("Offline — showing what was saved")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
            }
        }

        Composer {
            id: composer
            objectName: "feedComposer"
            keepsDraft: true
            Layout.fillWidth: true
            Layout.maximumWidth: 720
            Layout.alignment: Qt.AlignHCenter
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list
                objectName: "feedList"
                TabThrough { view: list; margin: Theme.spacingS }
                anchors.fill: parent
                // From the parent's width: the list's own width moves with these margins (it
                // settled wider than the composer above it).
                anchors.leftMargin: Math.max(0, (parent.width - 720) / 2)
                anchors.rightMargin: anchors.leftMargin
                model: feed
                onCountChanged: Qt.callLater(page.settleIfReady)
                clip: true
                spacing: Theme.spacingS
                reuseItems: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { }
                Accessible.role: Accessible.List
                Accessible.name: feed.timeline === "discover" ? qsTr("Discover") : qsTr("Following")

                delegate: PostDelegate {
                    width: ListView.view.width
                    actions: postActions
                    discover: feed.timeline === "discover"
                    onOpenThread: postId => threadSheet.show(postId, "")
                    onOpenProfile: userId => profileSheet.show(userId)
                    onReply: (postId, name) => threadSheet.show(postId, name)
                    onExplain: (terms, score) => whySheet.show(terms, score)
                    onLoadGap: index => feed.loadGap(index)
                    onImageOpened: (images, index) => mediaViewer.show(images, index)
                }
                onContentYChanged: {
                    if (!feed.loading && !feed.atEnd && contentHeight - (contentY + height) < 600)
                        feed.fetchMore(feed.index(-1, -1))
                    positionTimer.restart()
                }
                Timer {
                    id: positionTimer
                    interval: 500
                    onTriggered: {
                        const top = list.itemAt(10, list.contentY + 10)
                        if (top && top.model && !top.model.isGap)
                            feed.setReadingPosition(top.model.id)
                    }
                }
                footer: Item {
                    width: ListView.view.width
                    height: list.count > 0 ? 48 : 0
                    Spinner { anchors.centerIn: parent; active: feed.loading && list.count > 0; width: 24; height: 24 }
                    Label {
                        anchors.centerIn: parent
                        visible: feed.atEnd && list.count > 0
                        text: qsTr("You're all caught up.")
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontCaption
                    }
                }
            }

            // New posts wait here instead of pushing the list down.
            AppButton {
                objectName: "newPostsPill"
                visible: feed.newPostsCount > 0
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.topMargin: Theme.spacingS
                iconName: "arrow-up-right"
                text: qsTr("%n new post(s)", "", feed.newPostsCount)
                onClicked: {
                    feed.showNewPosts()
                    list.positionViewAtBeginning()
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 420)
                visible: list.count === 0
                spacing: Theme.spacingS
                Spinner { active: feed.loading; Layout.alignment: Qt.AlignHCenter }
                Label {
                    visible: !feed.loading
                    text: feed.error.length > 0 ? qsTr("The feed couldn't load")
                          : feed.timeline === "discover" ? qsTr("Nothing to discover yet") : qsTr("Your feed is empty")
                    color: Theme.text
                    font.pixelSize: Theme.fontSubtitle
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Label {
                    visible: !feed.loading
                    text: feed.error.length > 0 ? Errors.describe(feed.error, "", App.session.serverUrl)
                          : qsTr("Follow people to see their posts here, or write the first one above.")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                AppButton {
                    visible: !feed.loading && feed.error.length > 0
                    text: qsTr("Try again")
                    variant: "secondary"
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: feed.refresh()
                }
                // A new account follows nobody yet: Discover is where people to follow are.
                AppButton {
                    objectName: "emptyFeedDiscover"
                    visible: !feed.loading && feed.error.length === 0 && feed.timeline === "following"
                    text: qsTr("Discover posts")
                    variant: "secondary"
                    iconName: "sparkles"
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: feed.timeline = "discover"
                }
            }
        }
    }

    Connections {
        target: App.feed
        function onActionFailed(code, field) {
            // What the post actions did (edit, quote, delete, bookmark) is said by them, in their
            // sheet or their note (actionRefused comes right after this).
            const refusals = postActions.refusals
            Qt.callLater(() => {
                if (postActions.refusals !== refusals)
                    return
                failureNotice.text = field === "text" ? qsTr("Posts are 1 to 500 characters.") : Errors.describe(code, field, App.session.serverUrl)
                failureNotice.open()
            })
        }
    }
    ToolTip {
        id: failureNotice
        timeout: 5000
        x: (page.width - width) / 2
        y: page.height - height - Theme.spacingXl
    }

    PostActionsLayer {
        id: postActions
        objectName: "postActionsLayer"
        anchors.fill: parent
        z: 2
    }
    BookmarksSheet {
        id: bookmarksSheet
        actions: postActions
        onOpenThread: postId => threadSheet.show(postId, "")
        onOpenProfile: userId => profileSheet.show(userId)
        onImageOpened: (images, index) => mediaViewer.show(images, index)
    }
    ThreadSheet {
        id: threadSheet
        actions: postActions
        onOpenProfile: userId => profileSheet.show(userId)
        onImageOpened: (images, index) => mediaViewer.show(images, index)
    }
    ProfileSheet {
        id: profileSheet
        actions: postActions
        onOpenThread: postId => threadSheet.show(postId, "")
        onImageOpened: (images, index) => mediaViewer.show(images, index)
    }
    MediaViewer { id: mediaViewer; objectName: "feedMediaViewer" }
    WhySheet { id: whySheet }
}
