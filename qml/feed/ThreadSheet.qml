// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A post and its replies, with a reply box.
Sheet {
    id: sheet
    objectName: "threadSheet"
    property string postId: ""
    property string authorName: ""
    signal openProfile(string userId)
    //! A post's picture: the page opens the viewer.
    signal imageOpened(var images, int index)

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
            model: thread
            clip: true
            spacing: Theme.spacingS
            implicitHeight: Math.min(contentHeight, 420)
            Layout.fillWidth: true
            delegate: PostDelegate {
                width: ListView.view.width
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
        Composer {
            id: replyBox
            replyTo: sheet.postId
            replyToName: sheet.authorName
            placeholder: qsTr("Write a reply")
            Layout.fillWidth: true
        }
    }
}
