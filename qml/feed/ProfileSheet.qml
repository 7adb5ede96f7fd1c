// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Someone's profile: name, handle, counts, follow / unfollow, and their posts.
Sheet {
    id: sheet
    objectName: "profileSheet"
    property string userId: ""
    signal openThread(string postId)
    //! A post's picture: the page opens the viewer.
    signal imageOpened(var images, int index)
    //! The page's PostActionsLayer: each post's menu.
    property var actions: null

    function show(id) {
        userId = id
        open()
    }

    title: profile.loaded ? profile.displayName : qsTr("Profile")
    subtitle: profile.loaded ? "@" + profile.handle : ""
    width: Math.min(620, parent ? parent.width - 2 * Theme.spacingXl : 620)

    ProfileModel {
        id: profile
        service: App.feed
        userId: sheet.userId
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        RowLayout {
            spacing: Theme.spacingL
            Avatar { initials: profile.initials; size: 56 }
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: true
                Label {
                    text: qsTr("%n follower(s)", "", profile.followers) + " · " + qsTr("%n following", "", profile.following)
                    color: Theme.textMuted
                    textFormat: Text.PlainText
                }
                Label {
                    visible: profile.kind === "merchant"
                    text: qsTr("Business")
                    color: Theme.accent
                    font.pixelSize: Theme.fontCaption
                }
            }
            AppButton {
                objectName: "followButton"
                visible: profile.loaded && !profile.isSelf
                text: profile.followedByMe ? qsTr("Unfollow") : qsTr("Follow")
                variant: profile.followedByMe ? "secondary" : "primary"
                onClicked: profile.followedByMe ? profile.unfollow() : profile.follow()
            }
        }
        ListView {
            id: posts
            model: profile
            clip: true
            spacing: Theme.spacingS
            implicitHeight: Math.min(Math.max(contentHeight, 120), 440)
            Layout.fillWidth: true
            delegate: PostDelegate {
                width: ListView.view.width
                actions: sheet.actions
                onImageOpened: (images, index) => sheet.imageOpened(images, index)
                onOpenThread: postId => { sheet.close(); sheet.openThread(postId) }
            }
            onContentYChanged: if (!profile.loading && !profile.atEnd && contentHeight - (contentY + height) < 300) profile.fetchMore(profile.index(-1, -1))
            Spinner { anchors.centerIn: parent; active: profile.loading && posts.count === 0 }
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: !profile.loading && posts.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: profile.error.length > 0 ? Errors.describe(profile.error, "", App.session.serverUrl) : qsTr("No posts yet.")
                color: Theme.textMuted
            }
        }
    }
}
