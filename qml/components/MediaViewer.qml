// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The picture viewer over the whole window: the full picture from the encrypted cache,
// zoom (wheel, pinch, + and −, 0 to fit), the arrows between a message's or a post's
// pictures, Esc to close, and "Save as…". Everything works from the keyboard.
Popup {
    id: viewer
    objectName: "mediaViewer"

    //! [{id, name, width, height, alt}] and the one shown.
    property var images: []
    property int current: 0
    readonly property var media: images.length > 0 && current >= 0 && current < images.length ? images[current] : null
    property real zoom: 1
    property string notice: ""

    function show(list, index) {
        images = list
        current = Math.max(0, Math.min(index, list.length - 1))
        zoom = 1
        notice = ""
        open()
    }
    function step(delta) {
        if (images.length < 2)
            return
        current = (current + delta + images.length) % images.length
        zoom = 1
        notice = ""
    }
    function zoomBy(factor) { zoom = Math.max(1, Math.min(8, zoom * factor)) }

    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent ? parent.width : 0
    height: parent ? parent.height : 0
    modal: true
    focus: true
    padding: 0
    closePolicy: Popup.CloseOnEscape
    Overlay.modal: Rectangle { color: "#E6000000" }
    background: Item { }

    contentItem: FocusScope {
        focus: true
        Accessible.role: Accessible.Dialog
        Accessible.name: viewer.media ? qsTr("Photo %1 of %2").arg(viewer.current + 1).arg(viewer.images.length) : ""
        Keys.onLeftPressed: viewer.step(-1)
        Keys.onRightPressed: viewer.step(1)
        Keys.onPressed: event => {
            if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) { viewer.zoomBy(1.25); event.accepted = true }
            else if (event.key === Qt.Key_Minus) { viewer.zoomBy(0.8); event.accepted = true }
            else if (event.key === Qt.Key_0) { viewer.zoom = 1; event.accepted = true }
        }

        Flickable {
            id: flick
            anchors.fill: parent
            anchors.topMargin: toolbar.height
            anchors.bottomMargin: caption.height
            clip: true
            contentWidth: Math.max(width, width * viewer.zoom)
            contentHeight: Math.max(height, height * viewer.zoom)
            boundsBehavior: Flickable.StopAtBounds
            interactive: viewer.zoom > 1
            onWidthChanged: returnToBounds()

            Image {
                id: full
                objectName: "mediaViewerImage"
                width: flick.contentWidth
                height: flick.contentHeight
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                cache: false
                // Decoded at most at the screen's size: a 40-megapixel photo does not take 160 MB.
                sourceSize: Qt.size(Math.ceil(flick.width * Screen.devicePixelRatio * Math.min(viewer.zoom, 2)),
                                    Math.ceil(flick.height * Screen.devicePixelRatio * Math.min(viewer.zoom, 2)))
                source: viewer.opened && viewer.media ? "image://media/" + viewer.media.id + "/content" : ""
                Accessible.role: Accessible.Graphic
                Accessible.name: viewer.media && viewer.media.alt && viewer.media.alt.length > 0
                                 ? viewer.media.alt : qsTr("Photo without a description")
            }
            PinchHandler {
                target: null
                onActiveScaleChanged: viewer.zoomBy(activeScale / Math.max(0.01, persistentScale))
            }
            WheelHandler {
                acceptedModifiers: Qt.NoModifier | Qt.ControlModifier
                onWheel: event => viewer.zoomBy(event.angleDelta.y > 0 ? 1.15 : 1 / 1.15)
            }
        }
        Spinner {
            anchors.centerIn: parent
            active: full.status === Image.Loading
        }
        Column {
            anchors.centerIn: parent
            spacing: Theme.spacingS
            visible: full.status === Image.Error || (full.status === Image.Ready && full.implicitWidth <= 1)
            Icon { name: "image-off"; size: 32; color: "#DDDDDD"; anchors.horizontalCenter: parent.horizontalCenter }
            Label {
                text: App.session.online ? qsTr("Can't show this photo") : qsTr("Not available offline")
                color: "#DDDDDD"
                textFormat: Text.PlainText
            }
        }

        // Top: where we are, zoom, save, close.
        Rectangle {
            id: toolbar
            width: parent.width
            height: 56
            color: "#99000000"
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacingL
                anchors.rightMargin: Theme.spacingL
                spacing: Theme.spacingS
                Label {
                    text: viewer.images.length > 1 ? qsTr("%1 of %2").arg(viewer.current + 1).arg(viewer.images.length) : ""
                    color: "white"
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                ViewerButton { iconName: "zoom-out"; label: qsTr("Zoom out"); enabled: viewer.zoom > 1; onActivated: viewer.zoomBy(0.8) }
                ViewerButton { iconName: "zoom-in"; label: qsTr("Zoom in"); enabled: viewer.zoom < 8; onActivated: viewer.zoomBy(1.25) }
                ViewerButton {
                    objectName: "mediaViewerSave"
                    iconName: "download"
                    label: qsTr("Save as…")
                    onActivated: {
                        saveDialog.selectedFile = Desktop.suggestedFile(viewer.media ? viewer.media.name : "photo.jpg")
                        saveDialog.open()
                    }
                }
                ViewerButton { objectName: "mediaViewerClose"; iconName: "x"; label: qsTr("Close"); onActivated: viewer.close() }
            }
        }
        ViewerButton {
            visible: viewer.images.length > 1
            iconName: "chevron-left"
            label: qsTr("Previous photo")
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacingL
            anchors.verticalCenter: parent.verticalCenter
            onActivated: viewer.step(-1)
        }
        ViewerButton {
            visible: viewer.images.length > 1
            iconName: "chevron-right"
            label: qsTr("Next photo")
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacingL
            anchors.verticalCenter: parent.verticalCenter
            onActivated: viewer.step(1)
        }
        // Bottom: the alt text (or the status of a save).
        Rectangle {
            id: caption
            anchors.bottom: parent.bottom
            width: parent.width
            height: captionText.text.length > 0 ? captionText.implicitHeight + 2 * Theme.spacingM : 0
            color: "#99000000"
            Label {
                id: captionText
                x: Theme.spacingM
                y: Theme.spacingM
                width: parent.width - 2 * Theme.spacingM
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: "white"
                textFormat: Text.PlainText
                text: viewer.notice.length > 0 ? viewer.notice
                      : (viewer.media && viewer.media.alt ? viewer.media.alt : "")
            }
        }
    }

    component ViewerButton: RoundButton {
        id: button
        property string iconName
        property string label
        signal activated()
        width: 40
        height: 40
        focusPolicy: Qt.TabFocus
        Accessible.name: label
        ToolTip.visible: hovered
        ToolTip.text: label
        onClicked: activated()
        Keys.onReturnPressed: activated()
        background: Rectangle {
            radius: width / 2
            color: button.hovered ? "#44FFFFFF" : "#22FFFFFF"
            border.width: button.visualFocus ? 2 : 0
            border.color: "white"
        }
        contentItem: Icon { name: button.iconName; size: 20; color: button.enabled ? "white" : "#77FFFFFF" }
    }

    FileDialog {
        id: saveDialog
        title: qsTr("Save the photo")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        onAccepted: if (viewer.media) App.media.saveAs(viewer.media.id, selectedFile)
    }
    Connections {
        target: App.media
        enabled: viewer.opened
        function onSaved(mediaId, fileUrl) { if (viewer.media && mediaId === viewer.media.id) viewer.notice = qsTr("Saved.") }
        function onSaveFailed(mediaId, code) {
            if (viewer.media && mediaId === viewer.media.id)
                viewer.notice = code === "network" ? qsTr("Not available offline. Try again when you're online.")
                                                  : Errors.describe(code, "", App.session.serverUrl)
        }
    }
}
