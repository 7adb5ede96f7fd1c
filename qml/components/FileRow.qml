// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// A file of a message: its icon, name and size, "Save as…" (the only way it leaves the
// encrypted cache as plaintext) with the download's progress, then "Open" on the copy saved.
Rectangle {
    id: row

    //! {id, name, size, mime} (media/attachmentview.h)
    required property var media
    //! The file's own ink (inside one's own bubble, the accent's text colour).
    property color ink: Theme.text

    //! Bytes received while saving; -1 when not saving.
    property real received: -1
    property url savedUrl: ""
    property string error: ""

    implicitWidth: 300
    implicitHeight: layout.implicitHeight + 2 * Theme.spacingS
    radius: Theme.radiusM
    color: "transparent"
    border.width: 1
    border.color: Theme.border

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("File %1, %2").arg(row.media.name).arg(Format.formatBytes(row.media.size))

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        spacing: Theme.spacingXs
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Icon { name: "file"; size: 22; color: row.ink; Layout.alignment: Qt.AlignVCenter }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: row.media.name
                    elide: Text.ElideMiddle
                    color: row.ink
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.DemiBold
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                Label {
                    text: row.received >= 0
                          ? qsTr("%1 of %2").arg(Format.formatBytes(row.received)).arg(Format.formatBytes(row.media.size))
                          : Format.formatBytes(row.media.size)
                    color: row.ink
                    opacity: 0.75
                    font.pixelSize: Theme.fontCaption
                    textFormat: Text.PlainText
                }
            }
            AppButton {
                objectName: "fileSaveButton"
                text: qsTr("Save as…")
                iconName: "download"
                iconOnly: true
                variant: "quiet"
                implicitHeight: 30
                busy: row.received >= 0
                // Online, it can always be fetched; offline only a copy in the cache can be saved
                // (online first: the cache is asked, a read on this thread, only when offline).
                enabled: App.session.online || App.media.isCached(row.media.id, false)
                Accessible.name: qsTr("Save %1 as…").arg(row.media.name)
                onClicked: {
                    saveDialog.selectedFile = Desktop.suggestedFile(row.media.name)
                    saveDialog.open()
                }
            }
            AppButton {
                objectName: "fileOpenButton"
                visible: row.savedUrl.toString().length > 0
                text: qsTr("Open")
                iconName: "external-link"
                iconOnly: true
                variant: "quiet"
                implicitHeight: 30
                Accessible.name: qsTr("Open the saved copy of %1").arg(row.media.name)
                onClicked: Qt.openUrlExternally(row.savedUrl)
            }
        }
        ProgressBar {
            visible: row.received >= 0
            from: 0
            to: Math.max(1, row.media.size)
            value: Math.max(0, row.received)
            Layout.fillWidth: true
            Accessible.name: qsTr("Downloading %1").arg(row.media.name)
        }
        Label {
            visible: row.error.length > 0
            text: row.error
            color: Theme.danger
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
    }

    FileDialog {
        id: saveDialog
        title: qsTr("Save the file")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        onAccepted: {
            row.error = ""
            row.received = 0
            App.media.saveAs(row.media.id, selectedFile)
        }
    }
    Connections {
        target: App.media
        function onTransferProgress(mediaId, done) { if (mediaId === row.media.id && row.received >= 0) row.received = done }
        function onSaved(mediaId, fileUrl) {
            if (mediaId !== row.media.id || row.received < 0)
                return
            row.received = -1
            row.savedUrl = fileUrl
        }
        function onSaveFailed(mediaId, code) {
            if (mediaId !== row.media.id || row.received < 0)
                return
            row.received = -1
            row.error = code === "network" ? qsTr("Not available offline. Try again when you're online.")
                                           : Errors.describe(code, "", App.session.serverUrl)
        }
    }
}
