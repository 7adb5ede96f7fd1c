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
    // Muting in the feed (docs/api.md "Safety"): the cache's list (person_mutes: this device's
    // mutes, another device's through person_mute.changed, the server's when the feed starts)
    // says Mute or Unmute. A press shows its outcome at once; refused, the button goes back and
    // the note says why.
    MutedPeopleModel {
        id: mutes
        feed: App.feed
    }
    readonly property bool mutedInCache: mutes.userIds.indexOf(sheet.userId) >= 0
    //! -1, or what the last press asked for (1 muted, 0 not) until the cache agrees.
    property int muteWanted: -1
    readonly property bool muted: muteWanted >= 0 ? muteWanted === 1 : mutedInCache
    //! What the last Mute / Unmute came to ("" while nothing was asked).
    property string muteNote: ""
    property bool muteBusy: false
    onUserIdChanged: { muteNote = ""; muteBusy = false; muteWanted = -1 }
    onOpened: if (!muteBusy) muteNote = ""

    onMutedInCacheChanged: if (!muteBusy) muteWanted = -1
    Connections {
        target: App.feed
        function onPersonMuted(userId, muted) {
            if (userId !== sheet.userId || !sheet.muteBusy)
                return
            sheet.muteBusy = false
            if (sheet.mutedInCache === muted)
                sheet.muteWanted = -1
            sheet.muteNote = muted ? qsTr("Muted. Their posts left your feed.") : qsTr("Unmuted. Their posts are back in your feed.")
        }
        function onPersonMuteFailed(userId, muted, code, field) {
            if (userId !== sheet.userId || !sheet.muteBusy)
                return
            sheet.muteBusy = false
            sheet.muteWanted = -1
            const why = code === "network" ? qsTr("You're offline. This needs a connection.") : Errors.describe(code, field)
            sheet.muteNote = (muted ? qsTr("Not muted: %1") : qsTr("Not unmuted: %1")).arg(why)
        }
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
        RowLayout {
            objectName: "profileMuteRow"
            visible: profile.loaded && !profile.isSelf
            spacing: Theme.spacingM
            Layout.fillWidth: true
            AppButton {
                id: muteButton
                objectName: "profileMuteButton"
                text: sheet.muted ? qsTr("Unmute @%1").arg(profile.handle) : qsTr("Mute @%1").arg(profile.handle)
                iconName: sheet.muted ? "volume-2" : "volume-x"
                variant: "secondary"
                busy: sheet.muteBusy
                enabled: App.session.online
                Accessible.name: text
                Accessible.description: App.session.online ? muteExplanation.text : qsTr("Needs a connection")
                onClicked: {
                    if (sheet.muteBusy)
                        return
                    const muting = !sheet.muted
                    sheet.muteNote = ""
                    sheet.muteBusy = true
                    sheet.muteWanted = muting ? 1 : 0
                    if (muting)
                        App.feed.mute(sheet.userId)
                    else
                        App.feed.unmute(sheet.userId)
                }
            }
            Label {
                id: muteExplanation
                objectName: "profileMuteExplanation"
                text: sheet.muteNote.length > 0 ? sheet.muteNote
                      : !App.session.online ? (sheet.muted ? qsTr("You're offline. Unmuting needs a connection.")
                                                           : qsTr("You're offline. Muting needs a connection."))
                      : sheet.muted ? qsTr("Their posts are hidden from your feed. They weren't told.")
                      : qsTr("You won't see their posts in your feed. They won't be told.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }
        ListView {
            id: posts
            TabThrough { view: posts }
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
