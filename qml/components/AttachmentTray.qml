// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The files a composer will send, before they go: a preview of each picture with a field for
// its description (alt text, read to people who cannot see it), each file's name and size,
// and a button to take one out. Files come from the attach button, a drop or a paste.
ColumnLayout {
    id: tray

    //! At most this many (10 for a message, 4 for a post).
    property int maxFiles: 10
    //! Only pictures (a post).
    property bool imagesOnly: false
    //! The server's bound on one file (protocol::limits::kMaxUploadBytes).
    readonly property real maxBytes: 100 * 1024 * 1024
    readonly property int count: pending.count
    //! Why the last files offered were not all taken ("" when they were).
    property string refusal: ""

    //! Adds the files at \a urls (file URLs); false, with `refusal` set, if any was left out.
    function addUrls(urls) {
        refusal = ""
        for (let i = 0; i < urls.length; ++i) {
            const url = urls[i].toString()
            const info = Desktop.fileInfo(url)
            if (!info.ok) {
                refusal = qsTr("%1 can't be read.").arg(info.name.length > 0 ? info.name : url)
            } else if (pending.count >= maxFiles) {
                refusal = qsTr("You can send at most %n files at once.", "", maxFiles)
            } else if (info.size > maxBytes) {
                refusal = qsTr("%1 is over 100 MB.").arg(info.name)
            } else if (imagesOnly && !info.image) {
                refusal = qsTr("%1 isn't a photo. Posts carry photos only.").arg(info.name)
            } else {
                pending.append({ url: url, name: info.name, size: info.size, image: info.image, alt: "" })
            }
        }
        return refusal.length === 0
    }
    //! What to send: [{path, alt}].
    function files() {
        const out = []
        for (let i = 0; i < pending.count; ++i) {
            const f = pending.get(i)
            out.push({ path: f.url, alt: f.alt.trim() })
        }
        return out
    }
    function clear() {
        pending.clear()
        refusal = ""
    }

    spacing: Theme.spacingXs
    visible: pending.count > 0 || refusal.length > 0

    ListModel { id: pending }

    ListView {
        id: strip
        objectName: "attachmentTray"
        orientation: ListView.Horizontal
        spacing: Theme.spacingS
        model: pending
        clip: true
        visible: pending.count > 0
        implicitHeight: 132
        Layout.fillWidth: true
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Files to send")
        delegate: Rectangle {
            id: item
            required property int index
            required property string url
            required property string name
            required property real size
            required property bool image
            required property string alt
            width: 176
            height: strip.height
            radius: Theme.radiusM
            color: Theme.background
            border.width: 1
            border.color: Theme.border
            Accessible.role: Accessible.ListItem
            Accessible.name: qsTr("%1, %2").arg(item.name).arg(Format.formatBytes(item.size))

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingXs
                spacing: Theme.spacingXs
                Item {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 64
                    Image {
                        anchors.fill: parent
                        visible: item.image
                        source: item.image ? item.url : ""
                        sourceSize: Qt.size(2 * width, 2 * height)
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        clip: true
                    }
                    RowLayout {
                        anchors.fill: parent
                        visible: !item.image
                        spacing: Theme.spacingXs
                        Icon { name: "file"; size: 24; color: Theme.textMuted }
                        Label {
                            text: item.name
                            elide: Text.ElideMiddle
                            color: Theme.text
                            font.pixelSize: Theme.fontCaption
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                    RoundButton {
                        objectName: "removeAttachment"
                        anchors.top: parent.top
                        anchors.right: parent.right
                        width: 26
                        height: 26
                        Accessible.name: qsTr("Remove %1").arg(item.name)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Remove")
                        background: Rectangle { radius: width / 2; color: Theme.surfaceRaised; border.width: parent.visualFocus ? 2 : 1; border.color: parent.visualFocus ? Theme.focusRing : Theme.border }
                        contentItem: Icon { name: "x"; size: 14; color: Theme.text }
                        onClicked: pending.remove(item.index)
                    }
                }
                Label {
                    text: Format.formatBytes(item.size)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
                TextField {
                    objectName: "altTextField"
                    visible: item.image
                    text: item.alt
                    placeholderText: qsTr("Describe the photo")
                    maximumLength: 1000
                    font.pixelSize: Theme.fontCaption
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Description of %1, for people who can't see it").arg(item.name)
                    onTextEdited: pending.setProperty(item.index, "alt", text)
                }
            }
        }
    }
    Label {
        objectName: "attachmentRefusal"
        visible: tray.refusal.length > 0
        text: tray.refusal
        color: Theme.danger
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontCaption
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }
}
