// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A post and its replies, with a reply box, and a way to report the post (docs/api.md
// "Safety"; the post's own menu is PostDelegate's).
Sheet {
    id: sheet
    objectName: "threadSheet"
    property string postId: ""
    property string authorName: ""
    signal openProfile(string userId)
    //! A post's picture: the page opens the viewer.
    signal imageOpened(var images, int index)
    //! The page's PostActionsLayer: each post's menu.
    property var actions: null

    function show(id, name) {
        postId = id
        authorName = name || ""
        open()
    }

    title: qsTr("Thread")
    width: Math.min(620, parent ? parent.width - 2 * Theme.spacingXl : 620)

    ThreadModel {
        id: thread
        service: App.feed
        postId: sheet.postId
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        ListView {
            id: list
            TabThrough { view: list }
            model: thread
            clip: true
            spacing: Theme.spacingS
            implicitHeight: Math.min(contentHeight, 420)
            Layout.fillWidth: true
            delegate: PostDelegate {
                width: ListView.view.width
                actions: sheet.actions
                onImageOpened: (images, index) => sheet.imageOpened(images, index)
                onOpenProfile: userId => { sheet.close(); sheet.openProfile(userId) }
                onReply: (id, name) => { replyBox.replyTo = id; replyBox.replyToName = name; replyBox.focusEditor() }
            }
            Spinner { anchors.centerIn: parent; active: thread.loading && list.count === 0 }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: !thread.loading && list.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: thread.error.length > 0 ? Errors.describe(thread.error, "", App.session.serverUrl) : qsTr("This post is gone.")
                color: Theme.textMuted
            }
        }
        // Someone else's post: report it (the shared ReportSheet).
        RowLayout {
            id: reportRow
            //! The delegate of the thread's post, once the list shows it.
            readonly property var root: {
                list.count, list.contentHeight
                for (let i = 0; i < list.count; ++i) {
                    const item = list.itemAtIndex(i)
                    if (item && item.model.postId === sheet.postId)
                        return item
                }
                return null
            }
            readonly property bool others: root !== null && root.model.authorId !== App.session.userId
            visible: others
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "reportPostButton"
                text: qsTr("Report post…")
                iconName: "flag"
                variant: "quiet"
                implicitHeight: 30
                enabled: App.session.online
                Accessible.name: qsTr("Report this post")
                onClicked: reportSheet.start("post", sheet.postId, reportRow.root.model.authorName, false)
            }
        }
        Composer {
            id: replyBox
            replyTo: sheet.postId
            replyToName: sheet.authorName
            placeholder: qsTr("Write a reply")
            Layout.fillWidth: true
        }
    }
    ReportSheet {
        id: reportSheet
        objectName: "postReportSheet"
        onReported: reportedNote.open()
    }
    ToolTip {
        id: reportedNote
        objectName: "postReportedNote"
        parent: sheet.contentItem
        x: (parent ? parent.width - width : 0) / 2
        y: parent ? parent.height - height : 0
        timeout: 4000
        text: qsTr("Thanks. The report was sent.")
    }
}
