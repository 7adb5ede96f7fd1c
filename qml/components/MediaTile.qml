// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza
import Plaza.Desktop

// One picture of a message or a post. Its box has the picture's own proportions from the
// start (the server sent width and height), so nothing below moves when it loads; the
// thumbnail comes from the encrypted cache through "image://media", decoded off the UI
// thread at the size shown. Offline, one that was never cached says so in its box.
// Enter, Space or a click opens it in the viewer; its alt text is what a screen reader says.
Item {
    id: tile

    //! {id, name, width, height, alt} (media/attachmentview.h)
    required property var media
    //! The box: the page decides; the picture is cropped to fill it, never stretched.
    property real boxWidth: 240
    property real boxHeight: 180

    signal opened()

    //! No picture to show: never cached and offline, or refused (the provider's 1×1 stand-in).
    readonly property bool missing: picture.status === Image.Error
                                    || (picture.status === Image.Ready && picture.implicitWidth <= 1)

    implicitWidth: boxWidth
    implicitHeight: boxHeight
    activeFocusOnTab: true

    Accessible.role: Accessible.Graphic
    Accessible.name: (tile.media.alt && tile.media.alt.length > 0) ? tile.media.alt
                                                                   : qsTr("Photo without a description")
    Accessible.description: qsTr("Opens the photo")
    Accessible.onPressAction: tile.opened()
    Keys.onReturnPressed: tile.opened()
    Keys.onEnterPressed: tile.opened()
    Keys.onSpacePressed: tile.opened()

    Rectangle {
        id: box
        anchors.fill: parent
        radius: Theme.radiusM
        color: Theme.hover
        clip: true
        Image {
            id: picture
            anchors.fill: parent
            asynchronous: true
            cache: false // the cache is the encrypted one: no second copy in memory
            fillMode: Image.PreserveAspectCrop
            // Decoded at the size shown (twice for a sharp picture on a HiDPI screen), not the file's.
            sourceSize: Qt.size(Math.ceil(tile.boxWidth * Screen.devicePixelRatio),
                                Math.ceil(tile.boxHeight * Screen.devicePixelRatio))
            // The server's thumbnail is 320 px wide: a bigger box takes the picture itself.
            // A file of one's own still on its way shows from the disk it is on.
            source: tile.media.local ? "image://media/local/" + encodeURIComponent(tile.media.local)
                : tile.media.id && tile.media.id.length > 0
                ? "image://media/" + tile.media.id + (tile.boxWidth * Screen.devicePixelRatio > 360 ? "/content" : "/thumbnail")
                : ""
            opacity: status === Image.Ready && !tile.missing ? 1 : 0
            Behavior on opacity { NumberAnimation { duration: Theme.animationFast } }
        }
        Column {
            anchors.centerIn: parent
            spacing: Theme.spacingXs
            visible: tile.missing
            Icon { name: "image-off"; size: 22; color: Theme.textFaint; anchors.horizontalCenter: parent.horizontalCenter }
            Label {
                objectName: "mediaTileUnavailable"
                width: Math.min(implicitWidth, tile.width - 2 * Theme.spacingS)
                text: App.session.online || tile.media.local ? qsTr("Can't show this photo") : qsTr("Not available offline")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                textFormat: Text.PlainText
            }
        }
        Spinner {
            anchors.centerIn: parent
            active: picture.status === Image.Loading
        }
    }
    FocusRing { shown: tile.activeFocus; anchors.fill: parent }
    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: tile.opened()
    }
}
